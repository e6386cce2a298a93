"""Bad input, parallel ingest, a killed ingest and a second ingest: nothing crashes, nothing is lost."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from pipeline.warehouse import Warehouse
from tests.conftest import DOC_000, DOC_002, RAW, ROOT

BAD_TEXT_INPUTS: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty file: no text to read"),
    "garbage": (bytes(range(256)) * 64, "binary content: the file contains NUL bytes"),
    "nul_bytes": ("구 분\t예산액\n".encode() + b"\x00\x00" + "계\t100\n".encode(), "NUL bytes"),
    "long_line": (b"x" * 1_000_001, "line 1 is 1,000,001 characters long"),
    "latin1": ("Caf\xe9 r\xe9sum\xe9 \xff\xfe".encode("latin-1"), "unknown encoding"),
}


def test_bad_text_inputs_fail_specifically_and_the_rest_loads(tmp_path: Path) -> None:
    corpus = tmp_path / "raw"
    corpus.mkdir()
    shutil.copy(RAW / f"{DOC_000}.txt", corpus)
    for name, (data, _) in BAD_TEXT_INPUTS.items():
        (corpus / f"{name}.txt").write_bytes(data)
    report = ingest([corpus], tmp_path / "w.duckdb", None)
    errors = {o.doc_id: (o.status, o.error) for o in report.outcomes}
    assert errors[DOC_000] == ("loaded", None)
    for name, (_, message) in BAD_TEXT_INPUTS.items():
        status, error = errors[name]
        assert status == "failed" and message in error, (name, error)


def test_a_50_mb_text_file_is_refused_with_its_size(tmp_path: Path) -> None:
    corpus = tmp_path / "raw"
    corpus.mkdir()
    big = corpus / "huge.txt"
    with big.open("wb") as handle:
        line = ("구 분\t예산액\t집행액\n" * 1000).encode()
        while handle.tell() < 50 * 2**20:
            handle.write(line)
    shutil.copy(RAW / f"{DOC_002}.txt", corpus)
    report = ingest([corpus], tmp_path / "w.duckdb", None)
    outcome = {o.doc_id: o for o in report.outcomes}
    assert outcome["huge"].status == "failed"
    assert outcome["huge"].error.startswith("file too large: 50.0 MB of text")
    assert outcome[DOC_002].status == "loaded"


def test_a_table_with_200_columns_loads(tmp_path: Path) -> None:
    header = "\t".join(f"{2000 + i}년" for i in range(200))
    row = "\t".join(f"{i * 1000:,}" for i in range(200))
    path = tmp_path / "wide.txt"
    path.write_text(f"□ 연도별 예산\n(단위 : 천원)\n구분\t{header}\n계\t{row}\n", encoding="utf-8")
    report = ingest([path], tmp_path / "w.duckdb", None)
    assert report.outcomes[0].status == "loaded"
    with Warehouse(tmp_path / "w.duckdb", read_only=True) as store:
        _, rows = store.query("SELECT n_cols, unit FROM tables WHERE doc_id = 'wide'")
        assert rows == [(201, "천원")]
        _, rows = store.query(
            "SELECT amount_krw FROM cells WHERE doc_id = 'wide' AND col_label = '2199년' AND NOT is_header"
        )
        assert rows == [(199_000_000,)]


def test_parallel_ingest_gives_the_same_warehouse_as_serial(tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial.duckdb", tmp_path / "parallel.duckdb"
    ingest([RAW], serial, None, jobs=1)
    report = ingest([RAW], parallel, None, jobs=2)
    assert report.count("loaded") == len(list(RAW.glob("*.txt"))) + len(list(RAW.glob("*.pdf")))
    query = "SELECT doc_id, table_id, row_idx, col_idx, raw_text, amount_krw FROM cells ORDER BY ALL"
    with Warehouse(serial, read_only=True) as a, Warehouse(parallel, read_only=True) as b:
        assert a.query(query)[1] == b.query(query)[1]


def _corpus_of_copies(folder: Path, copies: int) -> None:
    folder.mkdir()
    for i in range(copies):
        for source in sorted(RAW.glob("*.txt")):
            # distinct bytes: identical copies would be recorded as duplicates of the first, not loaded
            data = source.read_bytes() + f"\n사본 {i:03d}\n".encode()
            (folder / f"{source.stem}_{i:03d}.txt").write_bytes(data)


def _consistent(warehouse: Path) -> tuple[int, list[str]]:
    """Documents stored, and those whose stored cell count differs from what their row says."""
    with Warehouse(warehouse, read_only=True) as store:
        _, docs = store.query("SELECT doc_id, n_cells FROM documents WHERE status = 'ok'")
        _, counts = store.query("SELECT doc_id, count(*) FROM cells GROUP BY doc_id")
    stored = dict(counts)
    return len(docs), [d for d, n in docs if stored.get(d, 0) != n]


def test_killing_ingest_midway_leaves_every_document_whole(tmp_path: Path) -> None:
    corpus, warehouse, parsed = tmp_path / "raw", tmp_path / "w.duckdb", tmp_path / "parsed"
    _corpus_of_copies(corpus, 30)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pipeline", "ingest", str(corpus), "-w", str(warehouse), "-j", "1", "-q"]
    command += ["--parsed-dir", str(parsed)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    # documents load in chunks (pipeline/load.py: 64 documents, or 32 after 2 s): wait until one has surely loaded
    while time.monotonic() < deadline and len(list(parsed.glob("*.json")) if parsed.exists() else []) < 80:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored, broken = _consistent(warehouse)
    assert broken == []
    assert 0 < stored < 120, "the kill should land midway through the corpus"
    report = ingest([corpus], warehouse, None)
    assert report.count("failed") == 0
    stored, broken = _consistent(warehouse)
    assert (stored, broken) == (120, [])


def test_a_second_ingest_is_told_the_warehouse_is_locked(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(warehouse)!r}); print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "ingest", str(RAW / f"{DOC_000}.txt"), "-w", str(warehouse)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert "locked by another ingest" in result.stderr  # errors go to stderr, as one line
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_unchanged_corpus_is_skipped_whatever_the_jobs(tmp_path: Path, jobs: int) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest([RAW], warehouse, None, jobs=jobs)
    report = ingest([RAW], warehouse, None, jobs=jobs)
    assert {o.status for o in report.outcomes} == {"skipped"}
