"""Past one machine: parse to record files, load them in bulk, run the parse on Ray, query the Parquet.

The same documents must give the same warehouse rows whichever way they went: `ingest` with local
workers, `parse` + `load`, `parse` on a local Ray (two CPUs) + `load`, and `ingest --executor ray`.
Killing a Ray worker mid-parse must leave no half-written record file and only cost its documents.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import ray

from pipeline import load, recordfiles
from pipeline.corpus import ParseReport, lake, parse_corpus
from pipeline.ingest import ingest
from pipeline.load import CHUNK_DOCS, CHUNK_SECONDS, _chunk_due, load_folder, load_in_order
from pipeline.recordfiles import DOCUMENTS, RecordSummary, record_path, stored_documents
from pipeline.warehouse.store import Warehouse
from tests.conftest import DOC_000, DOC_001, DOC_002, RAW

TYPO_DOC = "001_variant_typo"
"""A copy of 001 with `뷰티패션산업과` misspelt `뷰티패선산업과` (a near miss of a name 001 holds) and
`캠퍼스타운활성화과` misspelt `캠퍼스타운활성화화과` (close enough to take 001's name)."""
COPY_DOC = "zz_copy_of_000"
"""000's bytes under another name: a duplicate of 000, whichever way it is loaded."""
TIMESTAMPS = {"ingested_at", "loaded_at"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus (text and PDF), a variant with a misspelt org name, and an empty file."""
    folder = tmp_path_factory.mktemp("scale") / "raw"
    shutil.copytree(RAW, folder)
    text = (RAW / f"{DOC_001}.txt").read_text(encoding="utf-8")
    text = text.replace("뷰 티 패 션 산 업 과", "뷰 티 패 선 산 업 과")  # the org table spaces names out
    text = text.replace("운활 성 화 과", "운활 성 화 화 과").replace("활성화과", "활성화화과")
    (folder / f"{TYPO_DOC}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    shutil.copyfile(RAW / f"{DOC_000}.txt", folder / f"{COPY_DOC}.txt")
    return folder


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def local_ingest(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    warehouse = tmp_path_factory.mktemp("local") / "w.duckdb"
    ingest([corpus], warehouse, None, jobs=2)
    return warehouse


def table_rows(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every table, timestamps left out, sorted."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found = {}
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall():
            columns = [
                c
                for (c,) in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if c not in TIMESTAMPS
            ]
            names = ", ".join(f'"{c}"' for c in columns)
            found[table] = con.execute(f'SELECT {names} FROM "{table}" ORDER BY ALL').fetchall()
        return found
    finally:
        con.close()


def test_local_ingest_holds_the_documents_and_the_cross_document_match(local_ingest: Path) -> None:
    con = duckdb.connect(str(local_ingest), read_only=True)
    try:
        assert con.execute(
            "SELECT row_label, col_label FROM cells WHERE doc_id = ? AND line = 71 AND raw_text = '1,370,315'",
            [DOC_000],
        ).fetchall() == [("민간위탁금 총계", "예산액(A) 금액")]
        # the variant comes after 001 in source-path order, so its misspelling is the near miss
        assert con.execute(
            "SELECT doc_id, name, candidate, merged FROM org_name_matches ORDER BY name"
        ).fetchall() == [
            (TYPO_DOC, "뷰티패선산업과", "뷰티패션산업과", False),
            (TYPO_DOC, "캠퍼스타운활성화화과", "캠퍼스타운활성화과", True),
        ]
        # the merged name is the one the variant's headcounts and budget facts (line 101) name
        for table in ("headcounts", "budget_facts"):
            names = con.execute(
                f"SELECT DISTINCT org_unit FROM {table} WHERE doc_id = ? AND org_unit LIKE '캠퍼스%'",
                [TYPO_DOC],
            ).fetchall()
            assert names == [("캠퍼스타운활성화과",)], table
        assert con.execute(
            "SELECT amount_krw FROM budget_facts WHERE doc_id = ? AND line = 101 AND org_unit = ? "
            "AND raw_text = '40,346'",
            [TYPO_DOC, "캠퍼스타운활성화과"],
        ).fetchall() == [(40_346_000_000,)]
        failed = con.execute("SELECT status, error FROM documents WHERE doc_id = 'empty'").fetchone()
        assert failed == ("failed", "empty file: no text to read")
        copy = con.execute(
            "SELECT status, duplicate_of FROM documents WHERE doc_id = ?", [COPY_DOC]
        ).fetchone()
        assert copy == ("duplicate", DOC_000)
        assert con.execute("SELECT count(*) FROM cells WHERE doc_id = ?", [COPY_DOC]).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 9
    finally:
        con.close()


@pytest.fixture(scope="module")
def records(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ParseReport]:
    """The corpus parsed to a record folder by one local worker."""
    folder = tmp_path_factory.mktemp("records") / "records"
    return folder, parse_corpus([corpus], folder, jobs=1)


def test_parse_then_load_gives_the_rows_of_ingest(
    corpus: Path, records: tuple[Path, ParseReport], local_ingest: Path, tmp_path: Path
) -> None:
    records, report = records
    warehouse = tmp_path / "w.duckdb"
    assert (report.count("ok"), report.count("failed"), report.skipped) == (7, 1, [])
    assert [(s.doc_id, s.status) for s in report.duplicates] == [(COPY_DOC, "duplicate")]
    outcomes = load_folder(records, warehouse)
    assert (COPY_DOC, "duplicate") in [(o.doc_id, o.event) for o in outcomes]
    assert table_rows(warehouse) == table_rows(local_ingest)
    again = parse_corpus([corpus], records, jobs=1)
    assert (len(again.parsed), len(again.skipped)) == (1, 8), "only the failed file is parsed again"
    assert [(o.doc_id, o.event) for o in load_folder(records, warehouse)] == [("empty", "failed")]
    rows, reference = table_rows(warehouse), table_rows(local_ingest)
    assert all(rows[t] == reference[t] for t in rows if t != "load_events")


def test_a_folder_loads_in_chunks_with_the_rows_of_one_pass(
    records: tuple[Path, ParseReport], local_ingest: Path, tmp_path: Path
) -> None:
    """`load` takes a folder a few documents per transaction (4,000 in one ran out of the writer's cache):
    one document per transaction gives the rows of ingest all the same (cross-document names included)."""
    folder, _ = records
    warehouse = tmp_path / "chunked.duckdb"
    outcomes = load_folder(folder, warehouse, chunk=1)
    assert len(outcomes) == 9
    rows, reference = table_rows(warehouse), table_rows(local_ingest)
    assert all(rows[t] == reference[t] for t in rows if t != "load_events")


def test_an_ingest_chunk_is_set_by_documents_not_by_how_fast_they_arrive() -> None:
    """A slow parse (a busy machine: 2 documents a second) no longer loads a chunk of 4 documents every
    2 s (1,000 commits for 4,000 documents): a chunk waits for 32 documents, or 30 s; a full chunk of 64
    loads at once; nothing pending, nothing loads."""
    assert not _chunk_due(4, 2.5, CHUNK_DOCS, CHUNK_SECONDS)
    assert not _chunk_due(31, 15.5, CHUNK_DOCS, CHUNK_SECONDS)
    assert _chunk_due(32, 16.0, CHUNK_DOCS, CHUNK_SECONDS)
    assert not _chunk_due(32, 1.9, CHUNK_DOCS, CHUNK_SECONDS)
    assert _chunk_due(64, 0.0, CHUNK_DOCS, CHUNK_SECONDS)
    assert _chunk_due(1, 30.0, CHUNK_DOCS, CHUNK_SECONDS)
    assert not _chunk_due(0, 100.0, CHUNK_DOCS, CHUNK_SECONDS)
    assert _chunk_due(8, 2.0, 8, CHUNK_SECONDS)  # a caller's chunk smaller than the minimum still loads


def test_the_last_documents_of_an_ingest_load_while_the_workers_still_parse(
    records: tuple[Path, ParseReport], local_ingest: Path, tmp_path: Path
) -> None:
    """With `tail=3`, the documents pending when only 3 are still to come load at once, before the next
    summary is even asked for, so the load after the last document (nothing parses beside it) holds only
    those 3; the rows are those of ingest all the same."""
    folder, _ = records
    order = [d for d, _ in sorted(stored_documents(folder).items(), key=lambda item: item[0])]
    asked: list[str] = []

    def summaries() -> Iterator[RecordSummary]:
        for doc_id in order:
            asked.append(doc_id)
            yield RecordSummary(doc_id, "", "ok")

    warehouse = tmp_path / "w.duckdb"
    with Warehouse(warehouse) as store:
        seen = [len(asked) for _ in load_in_order(summaries(), order, folder, store, chunk=64, tail=3)]
    assert len(order) == 9 and seen == [6] * 6 + [9] * 3
    rows, reference = table_rows(warehouse), table_rows(local_ingest)
    assert all(rows[t] == reference[t] for t in rows if t != "load_events")


def test_a_document_the_warehouse_refuses_fails_alone_in_its_chunk(
    records: tuple[Path, ParseReport], local_ingest: Path, tmp_path: Path
) -> None:
    """One document's record file that the warehouse refuses (a budget fact without its amount) fails that
    document with DuckDB's error; the other seven of its chunk load with the rows of ingest."""
    folder = tmp_path / "records"
    shutil.copytree(records[0], folder)
    path = record_path(folder, "budget_facts", DOC_000)
    facts = pq.read_table(path)
    amounts = facts.column("amount_krw").to_pylist()
    column = pa.array([None, *amounts[1:]], type=facts.schema.field("amount_krw").type)
    pq.write_table(facts.set_column(facts.schema.get_field_index("amount_krw"), "amount_krw", column), path)
    warehouse = tmp_path / "w.duckdb"
    outcomes = {o.doc_id: (o.event, o.error) for o in load_folder(folder, warehouse)}
    event, error = outcomes.pop(DOC_000)
    assert event == "failed" and "NOT NULL constraint failed: budget_facts.amount_krw" in (error or "")
    # `empty` fails to parse; the copy of 000 is a duplicate
    assert sorted(event for event, _ in outcomes.values()) == ["duplicate", "failed"] + ["loaded"] * 6
    rows, reference = table_rows(warehouse), table_rows(local_ingest)
    assert rows["cells"] == [r for r in reference["cells"] if r[0] != DOC_000]


def test_parse_prune_removes_the_record_files_of_files_gone(tmp_path: Path) -> None:
    """`parse --prune`: the records of a deleted input go; those of inputs still there, and of folders
    not named, stay."""
    corpus, elsewhere, records = tmp_path / "raw", tmp_path / "elsewhere", tmp_path / "records"
    corpus.mkdir()
    elsewhere.mkdir()
    for name in (DOC_000, DOC_001):
        shutil.copyfile(RAW / f"{name}.txt", corpus / f"{name}.txt")
    shutil.copyfile(RAW / f"{DOC_002}.txt", elsewhere / f"{DOC_002}.txt")
    parse_corpus([corpus, elsewhere], records, jobs=1)
    (corpus / f"{DOC_001}.txt").unlink()
    (elsewhere / f"{DOC_002}.txt").unlink()
    report = parse_corpus([corpus], records, jobs=1, prune=True)
    assert (report.skipped, report.pruned) == ([DOC_000], [DOC_001])
    assert sorted(stored_documents(records)) == [DOC_000, DOC_002]
    assert not record_path(records, "cells", DOC_001).exists()
    assert record_path(records, "cells", DOC_000).exists()


def test_ray_parse_and_ray_ingest_give_the_rows_of_ingest(
    corpus: Path, local_ingest: Path, local_ray: None, tmp_path: Path
) -> None:
    records, warehouse = tmp_path / "records", tmp_path / "w.duckdb"
    report = parse_corpus([corpus], records, executor="ray")
    assert (report.count("ok"), report.count("failed")) == (7, 1)
    load_folder(records, warehouse)
    assert table_rows(warehouse) == table_rows(local_ingest)
    through_ingest = tmp_path / "w2.duckdb"
    ingest([corpus], through_ingest, None, executor="ray")
    assert table_rows(through_ingest) == table_rows(local_ingest)


def test_the_lake_answers_warehouse_sql_over_the_parquet(
    records: tuple[Path, ParseReport], tmp_path: Path
) -> None:
    folder = records[0]
    database = lake(folder, tmp_path / "lake.duckdb")
    warehouse = tmp_path / "w.duckdb"
    load_folder(folder, warehouse)
    con = duckdb.connect(str(database), read_only=True)
    loaded = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute(
            "SELECT c.row_label, c.amount_krw FROM cells c JOIN documents d USING (doc_id) "
            "WHERE d.status = 'ok' AND c.doc_id = ? AND c.line = 71 AND c.raw_text = '1,370,315'",
            [DOC_000],
        ).fetchall() == [("민간위탁금 총계", 1_370_315_000)]
        assert con.execute("SELECT count(DISTINCT doc_id) FROM lines").fetchone()[0] == 7
        # the warehouse's researcher views run unchanged on the lake (org names of 000 need no matching)
        same_sql = "SELECT * FROM v_analyst WHERE doc_id = ? ORDER BY ALL"
        rows = con.execute(same_sql, [DOC_000]).fetchall()
        assert len(rows) > 100
        assert rows == loaded.execute(same_sql, [DOC_000]).fetchall()
    finally:
        con.close()
        loaded.close()


def _ray_parse_workers() -> list[int]:
    """Ray worker processes busy with a parse task (Ray names them after the task)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if title.startswith(b"ray::parse_batch"):
                found.append(int(entry.name))
    return found


def test_killing_a_ray_worker_mid_parse_leaves_only_whole_record_files(
    corpus: Path, local_ray: None, tmp_path: Path
) -> None:
    many = tmp_path / "many"
    many.mkdir()
    text = (corpus / f"{DOC_000}.txt").read_text(encoding="utf-8")
    for i in range(24):  # distinct bytes: identical copies would be recorded as duplicates, not parsed
        (many / f"copy_{i:02d}.txt").write_text(f"{text}\n사본 {i}\n", encoding="utf-8")
    records = tmp_path / "records"
    killed: list[int] = []

    def kill_one_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            committed = record_path(records, DOCUMENTS, "x").parent
            if committed.is_dir() and len(list(committed.glob("*.parquet"))) >= 4:
                for pid in _ray_parse_workers()[:1]:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
            time.sleep(0.005)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    report = parse_corpus([many], records, executor="ray")
    killer.join()
    assert killed, "a worker should have been killed mid-run"
    assert (report.count("ok"), report.count("failed")) == (24, 0)
    parquet = list(records.rglob("*.parquet"))
    for path in parquet:
        pq.read_table(path)  # a half-written file would not read
    assert [p for p in records.rglob("*") if p.name.endswith(".tmp")] == []
    assert sorted(stored_documents(records)) == [f"copy_{i:02d}" for i in range(24)]
    warehouse = tmp_path / "w.duckdb"
    load_folder(records, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        counts = con.execute(
            "SELECT count(DISTINCT n), count(*) FROM (SELECT doc_id, count(*) n FROM cells GROUP BY 1)"
        )
        assert counts.fetchone() == (1, 24), "every copy has the same cells"
    finally:
        con.close()


def test_ingest_keeps_its_record_folder_in_step_with_the_warehouse(tmp_path: Path) -> None:
    corpus, parsed, warehouse = tmp_path / "raw", tmp_path / "parsed", tmp_path / "w.duckdb"
    corpus.mkdir()
    for doc_id in (DOC_000, DOC_001):
        shutil.copy(RAW / f"{doc_id}.txt", corpus)
    ingest([corpus], warehouse, parsed)
    assert sorted(stored_documents(parsed)) == [DOC_000, DOC_001]
    (corpus / f"{DOC_001}.txt").unlink()
    report = ingest([corpus], warehouse, parsed, prune=True)
    assert report.pruned == [DOC_001]
    assert sorted(stored_documents(parsed)) == [DOC_000]
    assert sorted(p.parent.name for p in parsed.rglob("*.parquet") if DOC_001 in p.name) == []


def test_ingest_flushes_its_kept_record_folder_once_and_parse_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest reads only the record files it wrote in the same run, and the warehouse is the durable
    store: no file is flushed as it is written (~10 a document, 3-6 ms of waiting each), the kept folder
    is made durable by one sync when the run ends. `pipeline parse`, whose folder is the product, flushes
    every file before renaming it into place."""
    flushed: list[str] = []
    monkeypatch.setattr(os, "fsync", lambda fd: flushed.append("file"))
    monkeypatch.setattr(os, "sync", lambda: flushed.append("sync"))
    ingest([RAW / f"{DOC_000}.txt", RAW / f"{DOC_001}.txt"], tmp_path / "w.duckdb", tmp_path / "parsed")
    assert flushed == ["sync"]
    assert sorted(stored_documents(tmp_path / "parsed")) == [DOC_000, DOC_001]
    flushed.clear()
    ingest([RAW / f"{DOC_002}.txt"], tmp_path / "w2.duckdb", None)
    assert flushed == []
    parse_corpus([RAW / f"{DOC_000}.txt"], tmp_path / "records")
    files = list((tmp_path / "records").rglob("*.parquet"))
    assert len(files) > 5 and flushed == ["file"] * len(files)


def test_a_serial_ingest_hands_its_records_to_the_loader_in_memory(
    corpus: Path, local_ingest: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one job the parser and the loader share a process: the records go to the loader as Arrow,
    no record file is written (none is kept) or read back, and the rows are those of a 2-job ingest
    (and so of `parse` + `load`, which go through the files). With a kept folder the files are written
    all the same."""
    written: list[Path] = []
    read: list[str] = []
    real_write, real_files = recordfiles.write_atomically, load.record_files
    monkeypatch.setattr(
        recordfiles, "write_atomically", lambda t, p, d=True: written.append(p) or real_write(t, p, d)
    )
    monkeypatch.setattr(load, "record_files", lambda *a: read.extend(real_files(*a)) or real_files(*a))
    report = ingest([corpus], tmp_path / "w.duckdb", None, jobs=1)
    assert sorted(o.status for o in report.outcomes) == ["duplicate", "failed"] + ["loaded"] * 7
    assert (written, read) == ([], [])
    assert table_rows(tmp_path / "w.duckdb") == table_rows(local_ingest)
    ingest([corpus], tmp_path / "kept.duckdb", tmp_path / "parsed", jobs=1)
    assert read == [] and len(written) > 7 * 5
    parsed = sorted(o.doc_id for o in report.outcomes if o.status != "duplicate")
    assert sorted(stored_documents(tmp_path / "parsed")) == parsed
    assert table_rows(tmp_path / "kept.duckdb")["cells"] == table_rows(local_ingest)["cells"]


def test_ingest_workers_hand_over_each_document_in_one_file_when_no_folder_is_kept(
    corpus: Path, local_ingest: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers of an ingest whose record folder is temporary leave each document's records in one file
    that the loader takes (and removes) when the document's chunk loads, instead of a dozen Parquet files
    read back: no record file is read, and the rows are those of `local_ingest`. The lists of both are
    the parent's: the workers' own calls are not seen here."""
    taken: list[str] = []
    read: list[str] = []
    real_take, real_files = load.taken_over, load.record_files
    monkeypatch.setattr(load, "taken_over", lambda path: taken.append(path) or real_take(path))
    monkeypatch.setattr(load, "record_files", lambda *a: read.extend(real_files(*a)) or real_files(*a))
    report = ingest([corpus], tmp_path / "w.duckdb", None, jobs=2)
    assert sorted(o.status for o in report.outcomes) == ["duplicate", "failed"] + ["loaded"] * 7
    assert (len(taken), read) == (8, [])
    assert not any(Path(path).exists() for path in taken)
    assert table_rows(tmp_path / "w.duckdb") == table_rows(local_ingest)
