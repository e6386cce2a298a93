"""`pipeline query` and the global options, run as a user runs them: the installed entry point in a
subprocess, against the real warehouse of the bundled corpus."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline import RELEASE
from pipeline.cli import app
from pipeline.outputs.query import QueryResult, display, write_result
from tests.conftest import DOC_000, ROOT

runner = CliRunner()
CELL_71 = (
    "SELECT doc_id, raw_text, amount_krw, line FROM cells "
    f"WHERE doc_id = '{DOC_000}' AND line = 71 AND raw_text = '1,370,315'"
)


def pipeline(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_piped_output_is_csv_with_whole_values(corpus_warehouse: Path) -> None:
    result = pipeline("query", "SELECT doc_id, sha256 FROM documents ORDER BY doc_id", "-w", str(corpus_warehouse))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["doc_id", "sha256"]
    assert rows[1][0] == DOC_000 and len(rows[1][1]) == 64  # never cut to fit a terminal


def test_json_jsonl_and_table_formats(corpus_warehouse: Path) -> None:
    w = str(corpus_warehouse)
    as_json = json.loads(pipeline("query", CELL_71, "-w", w, "--format", "json").stdout)
    assert as_json == [{"doc_id": DOC_000, "raw_text": "1,370,315", "amount_krw": 1_370_315_000, "line": 71}]
    lines = pipeline("query", CELL_71, "-w", w, "-f", "jsonl").stdout.splitlines()
    assert [json.loads(x)["amount_krw"] for x in lines] == [1_370_315_000]
    table = pipeline("query", CELL_71, "-w", w, "-f", "table").stdout
    assert "1,370,315,000" in table and "│   71 │" in table  # separators on amounts, not on line numbers


def test_sql_from_a_file_and_from_stdin_with_a_limit(corpus_warehouse: Path, tmp_path: Path) -> None:
    sql_file = tmp_path / "q.sql"
    sql_file.write_text("SELECT line FROM cells WHERE doc_id = '000_6b0094b7c08c0da0' ORDER BY line\n")
    from_file = pipeline("query", str(sql_file), "-w", str(corpus_warehouse), "--limit", "3")
    assert len(from_file.stdout.split()) == 4 and from_file.stdout.split()[0] == "line"
    assert "first 3 rows" in from_file.stderr
    from_stdin = pipeline("query", "-", "-w", str(corpus_warehouse), "-f", "jsonl", stdin=CELL_71)
    assert json.loads(from_stdin.stdout)["line"] == 71


def test_errors_are_one_line_without_a_traceback(corpus_warehouse: Path, tmp_path: Path) -> None:
    missing = pipeline("query", "SELECT 1", "-w", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1
    assert missing.stderr == f"error: no warehouse yet at {tmp_path / 'none.duckdb'}: run `pipeline ingest` first\n"
    bad = pipeline("query", "SELEC doc_id FROM documents", "-w", str(corpus_warehouse))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("error: Parser Error: syntax error") and bad.stderr.count("\n") == 1
    verbose = pipeline("-v", "query", "SELEC 1", "-w", str(corpus_warehouse))
    assert "Traceback" in verbose.stderr


def test_environment_variable_names_the_warehouse(corpus_warehouse: Path) -> None:
    result = pipeline("query", CELL_71, "-f", "jsonl", env={"PIPELINE_WAREHOUSE": str(corpus_warehouse)})
    assert json.loads(result.stdout)["amount_krw"] == 1_370_315_000


def test_version_and_choices_in_help() -> None:
    version = pipeline("--version")
    # one release number: the installed package's version is the one the parser version starts with
    assert version.returncode == 0 and version.stdout.startswith(f"pipeline {RELEASE} (parser {RELEASE}+")
    help_text = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"}).output
    assert "csv|parquet|xlsx" in help_text and "--no-bom" in help_text
    assert "table|csv|json|jsonl" in runner.invoke(app, ["query", "--help"], env={"COLUMNS": "200"}).output


def test_help_does_not_import_the_parsers() -> None:
    code = (
        "import sys; from pipeline.cli import app\n"
        "heavy = [m for m in ('duckdb', 'pdfplumber', 'pyarrow', 'openpyxl', 'pipeline.ingest') if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_table_view_separators() -> None:
    assert display(1_370_315_000, "amount_krw") == "1,370,315,000"
    assert display(2023, "fiscal_year") == "2023" and display(71, "line") == "71"
    assert display(45.0, "target_value") == "45" and display(39.6, "achievement_pct") == "39.6"
    out = io.StringIO()
    write_result(QueryResult(["sha256"], [("5079fa5474a351689d7b9e" + "0" * 42,)]), "table", out, terminal=False)
    assert "5079fa5474a351689d7b9e" + "0" * 42 in out.getvalue()


def test_pdf_reader_reports_each_page_to_a_listener() -> None:
    from pipeline.progress import listening
    from pipeline.readers.pdf import read_pdf
    from tests.conftest import RAW

    seen: list[tuple[str, int, int]] = []
    with listening(lambda doc, done, total: seen.append((doc, done, total))):
        document = read_pdf(RAW / "900_rendered_budget_tables.pdf", "900")
    assert seen == [("900", n, document.pages) for n in range(1, document.pages + 1)] and document.pages == 2
    read_pdf(RAW / "900_rendered_budget_tables.pdf", "900")  # no listener: nothing is called
    assert len(seen) == 2


def test_validate_in_two_processes_gives_the_same_lines_in_file_order() -> None:
    from tests.conftest import RAW

    one = runner.invoke(app, ["validate", str(RAW), "--jobs", "1", "-q"])
    two = runner.invoke(app, ["validate", str(RAW), "--jobs", "2", "--json"])
    assert one.exit_code == two.exit_code == 0
    ids = [json.loads(line)["doc_id"] for line in two.output.splitlines() if line.startswith("{")]
    assert ids == sorted(ids) and DOC_000 in ids and "900_rendered_budget_tables" in ids
