"""The bad-input suite: a run never dies for one file, exit codes say what happened, exports stay safe.

Every case ingests real files into a real DuckDB file beside a good report (002), and checks that the bad
one fails alone, with its reason, while 002 loads.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import ingest
from pipeline.warehouse import Warehouse
from tests.conftest import DOC_002, RAW, ROOT

runner = CliRunner()


def with_good_report(tmp_path: Path) -> Path:
    corpus = tmp_path / "raw"
    corpus.mkdir()
    shutil.copy(RAW / f"{DOC_002}.txt", corpus)
    return corpus


def outcomes(report) -> dict[str, tuple[str, str | None]]:
    return {o.doc_id: (o.status, o.error) for o in report.outcomes}


def test_an_amount_no_report_prints_is_dropped_and_named_not_loaded(tmp_path: Path) -> None:
    """A misread amount (past 64 bits, or a unit applied to the wrong table: 35,724,592 under 조원 is
    3.6e19 won) costs its own value only: the document loads, the printed text stays, an issue names it."""
    corpus = with_good_report(tmp_path)
    (corpus / "huge.txt").write_text(
        "□ 사업 개요\n ○ 총사업비 : 1,234,567,890,123,456,789,012원\n ○ 시설비 : 250억원\n"
        "(단위: 조원)\n구분\t2013\t2014\n합계\t35,724,592\t12\n국비\t35,724,580\t10\n시비\t12\t2\n",
        encoding="utf-8",
    )
    warehouse = tmp_path / "w.duckdb"
    report = ingest([corpus], warehouse, None)
    assert outcomes(report) == {"huge": ("loaded", None), DOC_002: ("loaded", None)}
    with Warehouse(warehouse, read_only=True) as store:
        _, mentions = store.query("SELECT raw_text, amount_krw FROM amount_mentions WHERE doc_id = 'huge' ORDER BY line")
        _, cells = store.query(
            "SELECT raw_text, amount_krw FROM cells WHERE doc_id = 'huge' AND line = 6 AND NOT is_header ORDER BY col_idx"
        )
        _, issues = store.query(
            "SELECT line, message FROM validation_issues WHERE doc_id = 'huge' AND check_name = 'implausible_amount'"
            " ORDER BY line, message"
        )
    assert mentions == [("1,234,567,890,123,456,789,012원", None), ("250억원", 25_000_000_000)]
    assert cells == [("합계", None), ("35,724,592", None), ("12", 12_000_000_000_000)]
    assert [line for line, _ in issues] == [2, 6, 6, 7, 7]
    assert "35,724,592,000,000,000,000" in issues[1][1] and "'35,724,592'" in issues[1][1]
    result = runner.invoke(app, ["validate", str(corpus / "huge.txt"), "--max-check-errors", "0"])
    assert result.exit_code == 1 and "5 check errors" in result.output


def test_a_file_name_that_is_not_utf8_loads(tmp_path: Path) -> None:
    corpus = with_good_report(tmp_path)
    name = "예산보고.txt".encode("cp949")  # as unpacked from a Korean zip archive
    raw = os.fsencode(corpus) + b"/" + name
    with open(raw, "wb") as handle:
        handle.write((RAW / "000_6b0094b7c08c0da0.txt").read_bytes())
    parsed = tmp_path / "parsed"
    report = ingest([corpus], tmp_path / "w.duckdb", parsed)
    assert outcomes(report)["예산보고"] == ("loaded", None)
    with Warehouse(tmp_path / "w.duckdb", read_only=True) as store:
        _, rows = store.query("SELECT source_path FROM documents WHERE doc_id = '예산보고'")
    assert rows == [(str(corpus / "예산보고.txt"),)]
    assert (parsed / "예산보고.json").is_file()
    result = runner.invoke(app, ["ingest", str(corpus), "-w", str(tmp_path / "w2.duckdb"), "--json", "--parsed-dir", str(parsed)])
    assert result.exit_code == 0, result.output


def test_a_255_byte_file_name_gives_a_parsed_file_within_the_limit(tmp_path: Path) -> None:
    corpus = with_good_report(tmp_path)
    stem = "보고" * 41 + "x" * 5  # 246 + 5 bytes, and ".txt": 255 bytes
    path = corpus / f"{stem}.txt"
    assert len(os.fsencode(path.name)) == 255
    shutil.copy(RAW / "000_6b0094b7c08c0da0.txt", path)
    parsed = tmp_path / "parsed"
    report = ingest([corpus], tmp_path / "w.duckdb", parsed)
    assert outcomes(report)[stem] == ("loaded", None)
    names = sorted(p.name for p in parsed.glob("*.json"))
    assert len(names) == 2 and all(len(n.encode()) <= 255 for n in names)
    assert any(n.startswith("보고보고") and n.endswith(".json") for n in names)


def test_a_changed_column_type_fails_each_document_with_the_real_error(tmp_path: Path) -> None:
    corpus, warehouse = with_good_report(tmp_path), tmp_path / "w.duckdb"
    Warehouse(warehouse).close()
    con = duckdb.connect(str(warehouse))
    con.execute("ALTER TABLE cells ALTER line TYPE TINYINT")  # lines past 127 no longer fit
    con.close()
    report = ingest([corpus], warehouse, None)
    status, error = outcomes(report)[DOC_002]
    assert status == "failed"
    assert error.startswith("could not write to the warehouse:") and "cannot rollback" not in error
    assert "TINYINT" in error or "out of range" in error.lower()


def test_a_full_disk_fails_documents_with_the_real_error(tmp_path: Path) -> None:
    """A file-size limit (RLIMIT_FSIZE) makes every write past it fail, as a full disk does."""
    corpus, warehouse = with_good_report(tmp_path), tmp_path / "w.duckdb"
    Warehouse(warehouse).close()
    limit = warehouse.stat().st_size + 64 * 1024
    code = textwrap.dedent(f"""
        import resource, signal
        from pathlib import Path
        from pipeline.ingest import ingest
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        report = ingest([Path({str(corpus)!r})], Path({str(warehouse)!r}), None)
        for o in report.outcomes:
            print(o.doc_id, o.status, o.error, sep=" | ")
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    line = result.stdout.strip()
    assert line.startswith(f"{DOC_002} | failed | could not write to the warehouse:"), line
    assert "cannot rollback" not in line
    assert resource.getrlimit(resource.RLIMIT_FSIZE)  # the limit stayed in the child


def test_control_characters_reach_excel_as_visible_escapes(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "bell.txt"
    padding = "".join(f" ○ 추진 내용 {i}: 시설 개선 및 운영 지원 사업을 계속 추진함\n" for i in range(20))
    path.write_text(f"□ 예산 현황\n(단위 : 천원)\n구분\t예산액\n경비\x07\t1,000\n계\t1,000\n{padding}", encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    assert ingest([path], warehouse, None).outcomes[0].status == "loaded"
    result = runner.invoke(app, ["export", "-f", "xlsx", str(tmp_path / "out.xlsx"), "-w", str(warehouse), "-t", "lines"])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "out.xlsx", read_only=True)["lines"]
    texts = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "경비\\x07\t1,000" in texts


# --- exit codes --------------------------------------------------------------------------------------


def test_ingest_exits_non_zero_when_a_document_failed_and_names_the_skipped(tmp_path: Path) -> None:
    corpus = with_good_report(tmp_path)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "notes.docx").write_bytes(b"PK")
    (corpus / "scan.jpg").write_bytes(b"\xff\xd8")
    result = runner.invoke(app, ["ingest", str(corpus), "-w", str(tmp_path / "w.duckdb"), "--parsed-dir", str(tmp_path / "p")])
    assert result.exit_code == 1
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith(
        f"1 loaded, 0 unchanged, 1 failed, 0 duplicate, 2 skipped as unsupported ({corpus / 'notes.docx'}, {corpus / 'scan.jpg'})"
    )
    (corpus / "empty.txt").unlink()
    result = runner.invoke(app, ["ingest", str(corpus), "-w", str(tmp_path / "w.duckdb"), "--parsed-dir", str(tmp_path / "p")])
    assert result.exit_code == 0
    assert "0 loaded, 1 unchanged, 0 failed" in result.stdout


def test_a_missing_path_is_an_error_of_the_command(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "-w", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2 and "no such file or folder" in result.output
    assert not (tmp_path / "w.duckdb").exists()
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_validate_of_a_folder_without_reports_fails(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1 and "no report to validate" in result.output


def test_coverage_of_an_unknown_document_fails(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest([RAW / f"{DOC_002}.txt"], warehouse, None)
    result = runner.invoke(app, ["coverage", "no_such_doc", "-w", str(warehouse)])
    assert result.exit_code == 1 and "no document 'no_such_doc'" in result.output
    assert runner.invoke(app, ["coverage", DOC_002, "-w", str(warehouse)]).exit_code == 0


# --- workers, Ctrl-C, locks --------------------------------------------------------------------------


def test_jobs_are_capped_at_the_cores() -> None:
    from pipeline.ingest import worker_count

    cores = len(os.sched_getaffinity(0))
    assert worker_count(64) == cores
    assert worker_count(None) == cores
    assert worker_count(1) == 1


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_parent_dies(tmp_path: Path, signum: int) -> None:
    corpus = tmp_path / "raw"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"r{i:02d}.txt").write_bytes((RAW / f"{DOC_002}.txt").read_bytes() + f"\n사본 {i}\n".encode())
    command = [sys.executable, "-m", "pipeline", "ingest", str(corpus), "-w", str(tmp_path / "w.duckdb"), "-j", "2", "-q"]
    parent = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import time

    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(parent.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the ingest should have started its workers"
    parent.send_signal(signum)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    alive = workers
    while time.monotonic() < deadline and alive:
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in (Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0])]
        time.sleep(0.1)
    assert alive == []


def test_a_worker_whose_parent_died_before_its_setup_exits_at_once() -> None:
    """The race behind a worker that outlived its parent: the parent killed after the fork but before the
    worker's setup asked the kernel for a signal at the parent's death. Setup is told the parent's pid
    (taken before the fork) and exits when its parent is another process by then."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    script = (
        "import time\n"
        "from pipeline.budget import Budget, worker_setup\n"
        f"worker_setup(Budget(), parent={int(gone.stdout)})\n"
        "time.sleep(60)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=30)
    assert (done.returncode, done.stderr) == (1, b"")


def test_ctrl_c_stops_with_a_message_and_whole_documents(tmp_path: Path) -> None:
    corpus, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"r{i:02d}.txt").write_bytes((RAW / f"{DOC_002}.txt").read_bytes() + f"\n사본 {i}\n".encode())
    command = [sys.executable, "-m", "pipeline", "ingest", str(corpus), "-w", str(warehouse), "-j", "2", "-q", "--parsed-dir", str(tmp_path / "p")]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((tmp_path / "p").glob("*.json")) if (tmp_path / "p").exists() else []) < 3:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 1, (out, err)
    assert "interrupted: stopped after" in err and "Traceback" not in err
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query(
            "SELECT d.doc_id FROM documents d WHERE d.n_cells <> (SELECT count(*) FROM cells c WHERE c.doc_id = d.doc_id)"
        )
        assert rows == []
        _, count = store.query("SELECT count(*) FROM documents")
        assert 0 < count[0][0] < 40


def test_readers_during_an_ingest_get_one_line_not_a_traceback(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest([RAW / f"{DOC_002}.txt"], warehouse, None)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(warehouse)!r}); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        for args in (["query", "SELECT count(*) FROM documents"], ["show", DOC_002], ["export", str(tmp_path / "out")]):
            result = subprocess.run(
                [sys.executable, "-m", "pipeline", *args, "-w", str(warehouse)],
                cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
            )
            assert result.returncode != 0, args
            assert "locked by another ingest" in result.stderr and "Traceback" not in result.stderr, result.stderr
            assert result.stderr.strip().splitlines()[-1].startswith("error: warehouse ")
    finally:
        holder.kill()
        holder.wait()


# --- exports: formulas stay text, Excel's limits are errors ---------------------------------------------


def formula_warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "formula.txt"
    path.write_text(
        "□ 예산 현황\n(단위 : 천원)\n구분\t예산액\n=HYPERLINK(\"http://x\")\t1,000\n@SUM(A1)\t2,000\n-20\t3,000\n계\t6,000\n",
        encoding="utf-8",
    )
    warehouse = tmp_path / "w.duckdb"
    assert ingest([path], warehouse, None).outcomes[0].status == "loaded"
    return warehouse


def test_csv_escapes_formulas_and_keeps_numbers(tmp_path: Path) -> None:
    warehouse = formula_warehouse(tmp_path)
    result = runner.invoke(app, ["export", "-f", "csv", str(tmp_path / "lines.csv"), "-t", "lines", "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "lines.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert '\n=' not in text and ',=' not in text and ',"=' not in text
    assert "'-20\t3,000" in text  # a line starting with a minus is text, so escaped
    from pipeline.outputs.cellsafe import csv_text

    assert [csv_text(v) for v in ("-20", "+3.5", "-", "-1,000", "-2+3", "=1")] == ["-20", "+3.5", "-", "-1,000", "'-2+3", "'=1"]


def test_xlsx_stores_formula_like_text_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    warehouse = formula_warehouse(tmp_path)
    result = runner.invoke(app, ["export", "-f", "xlsx", str(tmp_path / "out.xlsx"), "-t", "cells", "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "out.xlsx")["cells"]
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    texts = {c.value for row in sheet.iter_rows() for c in row}
    assert '=HYPERLINK("http://x")' in texts and "@SUM(A1)" in texts


def test_xlsx_refuses_a_sheet_past_excels_rows_instead_of_cutting_it(tmp_path: Path) -> None:
    warehouse = formula_warehouse(tmp_path)
    con = duckdb.connect(str(warehouse))
    con.execute("CREATE TABLE big AS SELECT range AS n FROM range(1048576)")
    con.close()
    result = runner.invoke(app, ["export", "-f", "xlsx", str(tmp_path / "big.xlsx"), "-t", "big", "-w", str(warehouse)])
    assert result.exit_code == 2
    assert "big has 1,048,576 rows, more than the 1,048,575 an Excel sheet holds" in result.output
    assert not (tmp_path / "big.xlsx").exists()


def test_xlsx_refuses_a_cell_past_32767_characters() -> None:
    from pipeline.outputs.cellsafe import CellLimitError, excel_text

    assert excel_text("가" * 32_767) == "가" * 32_767
    with pytest.raises(CellLimitError, match="40,000 characters, more than the 32,767 an Excel cell holds"):
        excel_text("가" * 40_000)
