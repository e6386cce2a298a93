"""Exports analysts open (CSV, Parquet, Excel) and the HTML review page, checked for real values."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from pipeline.ingest import ingest
from pipeline.outputs.export import ExportError, export
from pipeline.outputs.review import write_review
from tests.conftest import DOC_000, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def test_csv_and_parquet_hold_the_cells(corpus_warehouse: Path, tmp_path: Path) -> None:
    written = export(corpus_warehouse, tmp_path / "csv", "csv", ["cells", "documents"])
    assert sorted(p.name for p in written) == ["cells.csv", "documents.csv"]
    (parquet,) = export(corpus_warehouse, tmp_path / "cells.parquet", "parquet", ["cells"])
    for path in (tmp_path / "csv" / "cells.csv", parquet):
        row = duckdb.sql(
            f"SELECT amount_krw, row_label FROM '{path}' WHERE doc_id = '{DOC_000}' AND line = 71 AND raw_text = '1,370,315'"
        ).fetchall()
        assert row == [(1_370_315_000, "민간위탁금 총계")]


def test_excel_has_a_sheet_per_table_with_numbers_as_numbers(corpus_warehouse: Path, tmp_path: Path) -> None:
    (book_path,) = export(corpus_warehouse, tmp_path / "reports.xlsx", "xlsx", ["cells", "budget_facts"])
    book = load_workbook(book_path, read_only=True)
    assert book.sheetnames == ["cells", "budget_facts"]
    rows = list(book["cells"].iter_rows(values_only=True))
    header = rows[0]
    hit = [
        r for r in rows[1:] if r[header.index("raw_text")] == "1,370,315" and r[header.index("line")] == 71
    ]
    assert hit and hit[0][header.index("amount_krw")] == 1_370_315_000


def test_unknown_table_names_the_valid_ones(corpus_warehouse: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"unknown table budgets: choose from .*budget_facts"):
        export(corpus_warehouse, tmp_path, "csv", ["budgets"])


def test_review_page_shows_tables_beside_their_lines(corpus_warehouse: Path, tmp_path: Path) -> None:
    page = write_review(corpus_warehouse, tmp_path / "review.html", [DOC_000]).read_text(encoding="utf-8")
    assert "2023년도 예산" in page and "민간위탁금 총계\t1,370,315" in page
    assert 'class="flagged" title="total &#x27;합계&#x27; in column &#x27;당초 집행계획 금액&#x27;' in page
    assert "coverage" in page


def test_review_page_escapes_document_text(tmp_path: Path) -> None:
    report = tmp_path / "evil.txt"
    report.write_text("□ 예산\n구분\t<script>alert(1)</script>\n계\t1,000원\n", encoding="utf-8")
    ingest([report], tmp_path / "w.duckdb", None)
    page = write_review(tmp_path / "w.duckdb", tmp_path / "evil.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not installed: apt-get install chromium to run the browser test"
)
def test_review_page_in_headless_chromium(corpus_warehouse: Path, tmp_path: Path) -> None:
    page = write_review(corpus_warehouse, tmp_path / "review.html", [DOC_000])
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    flagged = [chunk for chunk in dom.split("<td")[1:] if 'class="flagged"' in chunk.split(">")[0]]
    assert any(
        ">9,000,000<" in f"{chunk}<" or chunk.split(">", 1)[1].startswith("9,000,000") for chunk in flagged
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "review-000.png"
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={shot}",
            "--window-size=1400,2400",
            "--virtual-time-budget=3000",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000
