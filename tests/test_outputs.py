"""Exports analysts open (CSV, Parquet, Excel) and the HTML review page, checked for real values."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

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


DOC_900 = "900_rendered_budget_tables"


def test_review_page_has_contents_and_failed_checks_per_table(corpus_warehouse: Path, tmp_path: Path) -> None:
    page = write_review(corpus_warehouse, tmp_path / "r.html", [DOC_000, DOC_900]).read_text(encoding="utf-8")
    toc = page.split('<nav class="toc">', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="#{DOC_000}">' in toc and f'<a href="#{DOC_900}-t001">t001 · budget · unit 천원 · page 1</a>' in toc
    assert '<span class="failed">total_sum ×4</span>' in toc  # 900 page 1: 계, 경제정책과, 뷰티패션산업과, 국제협력과
    assert f'id="{DOC_900}-t002"' in page


def test_review_page_draws_the_table_and_failed_cells_on_the_rendered_pdf_page(
    corpus_warehouse: Path, store, tmp_path: Path
) -> None:
    page = write_review(corpus_warehouse, tmp_path / "r.html", [DOC_900]).read_text(encoding="utf-8")
    assert f'<image id="page-{DOC_900}-1" href="data:image/jpeg;base64,' in page
    assert page.count("<image ") == 1  # the page is embedded once and reused by both tables
    _, rows = store.query(
        "SELECT x0, top, x1, bottom FROM cells WHERE doc_id = ? AND line = 6 AND raw_text = '94,839'", [DOC_900]
    )
    ((x0, top, x1, bottom),) = rows
    assert 0 < x0 < x1 < 600 and 0 < top < bottom < 850  # PDF points on an A4 page
    rect = f'<rect class="fail" x="{x0:.1f}" y="{top:.1f}" width="{x1 - x0:.1f}" height="{bottom - top:.1f}">'
    assert rect + "<title>&#x27;잔액&#x27; of row &#x27;기본급&#x27; is printed as 94,839" in page
    assert page.count('<rect class="tbox"') == 2


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
    """The bundled PDF (900) drawn with its failed cells, then the 000 text export; the screenshot is the
    one in docs/review-page.png (copied from tests/artifacts/review-page.png when the page changes)."""
    page = write_review(corpus_warehouse, tmp_path / "review.html", [DOC_900, DOC_000])
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
    shot = ARTIFACTS / "review-page.png"
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


def test_csv_starts_with_a_bom_unless_turned_off(corpus_warehouse: Path, tmp_path: Path) -> None:
    (with_bom,) = export(corpus_warehouse, tmp_path / "a" / "budget.csv", "csv", ["budget_facts"])
    (without,) = export(corpus_warehouse, tmp_path / "b" / "budget.csv", "csv", ["budget_facts"], bom=False)
    assert with_bom.read_bytes()[:3] == b"\xef\xbb\xbf" and without.read_bytes()[:3] == b"doc"
    assert with_bom.read_bytes()[3:] == without.read_bytes()


def test_one_csv_file_without_a_table_is_the_analysts_summary(corpus_warehouse: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    target = tmp_path / "out" / "one.csv"
    result = CliRunner().invoke(app, ["export", "-f", "csv", str(target), "-w", str(corpus_warehouse), "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    budget = [r for r in rows if r["item"] == "일자리정책과" and r["measure"] == "예산현액"]
    assert [(r["amount_million_krw"], r["amount_krw"], r["line"]) for r in budget] == [
        ("252250.0", "252250000000", "96")
    ]
    staff = [r for r in rows if r["topic"] == "인력" and r["item"] == "경제정책과" and r["category"] == "합계"]
    assert next((r["authorized"], r["current"], r["surplus"]) for r in staff) == ("35", "36", "1")
    kpi = [r for r in rows if r["item"] == "주얼리 체험 프로그램 운영"]
    assert (kpi[0]["target_value"], kpi[0]["actual_value"], kpi[0]["achievement_pct"]) == ("500.0", "198.0", "39.6")


def test_excel_opens_right(corpus_warehouse: Path, tmp_path: Path) -> None:
    (book_path,) = export(corpus_warehouse, tmp_path / "all.xlsx", "xlsx")
    book = load_workbook(book_path)  # not read-only: styles, panes and filters are visible
    assert book.sheetnames[0] == "v_analyst" and "cells" in book.sheetnames
    sheet = book["cells"]
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{sheet.max_row}"
    hit = next(
        row
        for row in sheet.iter_rows(min_row=2)
        if row[header.index("raw_text")].value == "1,370,315" and row[header.index("line")].value == 71
    )
    amount = hit[header.index("amount_krw")]
    assert amount.value == 1_370_315_000 and amount.number_format == "#,##0"
    assert hit[header.index("line")].number_format == "General"
    assert sheet.column_dimensions["A"].width >= len(DOC_000)
    kpi = book["kpi_facts"]
    kpi_header = [c.value for c in kpi[1]]
    row = next(r for r in kpi.iter_rows(min_row=2) if r[kpi_header.index("program")].value == "주얼리 체험 프로그램 운영")
    assert row[kpi_header.index("achievement_pct")].value == 39.6
    period = row[kpi_header.index("period")]
    assert period.is_date and period.value.date().isoformat() == "2023-09-30"
    documents = book["documents"]
    doc_header = [c.value for c in documents[1]]
    dates = [r[doc_header.index("report_date")] for r in documents.iter_rows(min_row=2)]
    assert any(c.is_date for c in dates)


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not installed: apt-get install chromium to run the browser test"
)
def test_review_page_of_a_busan_pdf_in_headless_chromium(realdocs_warehouse: Path, tmp_path: Path) -> None:
    """The planning office's 기본현황 (pages 4-6) beside the rendered pages; the 계 of the 2025 budget
    on page 6 (printed 166,830 억원 where its parts add up to 234,094) is drawn as a failed cell."""
    doc = "busan2025_planning_coordination_office"
    page = write_review(realdocs_warehouse, tmp_path / "busan.html", [doc], pages={4, 5, 6})
    dom = chromium(tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    assert f'<image id="page-{doc}-6" href="data:image/jpeg;base64,' in dom
    assert f'<a href="#{doc}-t007">t007 · budget · unit 억원 · page 6</a>' in dom
    failed = dom.split('<rect class="fail"')[1].split("</rect>")[0]
    assert "is printed as 166,830 but its 18 parts add up to 234,094" in failed
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "review-busan-planning.png"
    chromium(
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1400,3000",
        "--virtual-time-budget=3000",
        page.as_uri(),
    )
    assert shot.stat().st_size > 50_000
