"""HWP/HWPX reader on .hwpx files written here with python-hwpx from known content, read back cell by cell,
and on bad input made here (no real document needed)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from hwpx import HwpxDocument

from pipeline.ingest import parse_file
from pipeline.parse import laid_out_document
from pipeline.readers.hwp import Footnotes, HwpError, check_bytes, sniff
from pipeline.readers.hwp_pages import Footnote, footnote_mark
from pipeline.schemas.document import Document, Table

BUDGET = [
    ["합 계", "1,234", "1,500", "266"],
    ["일반회계", "1,000", "1,200", "200"],
]


def write_report(path: Path) -> Path:
    """A two-table report: a budget table in 백만원 whose unit sits in a borderless first row spanning all
    columns, with a two-row header (merged 구 분 and 예산액) and a table nested in a cell; a headcount
    table whose unit is the table's caption."""
    doc = HwpxDocument.new()
    doc.add_paragraph("Ⅰ. 일반현황")
    doc.add_paragraph("1 예산 현황")
    budget = doc.add_table(5, 4)
    budget.merge_cells(0, 0, 0, 3)
    budget.set_cell_text(0, 0, "(단위: 백만원)")
    budget.merge_cells(1, 0, 2, 0)
    budget.set_cell_text(1, 0, "구 분")
    budget.merge_cells(1, 1, 1, 2)
    budget.set_cell_text(1, 1, "예산액")
    budget.set_cell_text(1, 3, "증감")
    for col, text in enumerate(["2024년", "2025년", "(B-A)"], start=1):
        budget.set_cell_text(2, col, text)
    for row, values in enumerate(BUDGET, start=3):
        for col, text in enumerate(values):
            budget.set_cell_text(row, col, text)
    nested = budget.cell(4, 3).add_table(2, 2)
    for row, (label, amount) in enumerate([("국비", "150"), ("시비", "50")]):
        nested.set_cell_text(row, 0, label)
        nested.set_cell_text(row, 1, amount)
    doc.add_paragraph("2 정원 현황")
    staff = doc.add_table(3, 3)
    staff.set_caption("(단위: 명)")
    for row, values in enumerate([["구분", "정원", "현원"], ["본부", "12", "10"], ["소속", "8", "9"]]):
        for col, text in enumerate(values):
            staff.set_cell_text(row, col, text)
    doc.save_to_path(path)
    return path


@pytest.fixture(scope="module")
def report_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(tmp_path_factory.mktemp("hwpx") / "report.hwpx")


@pytest.fixture(scope="module")
def report(report_path: Path) -> Document:
    return laid_out_document(report_path)


def cells_of(table: Table) -> list[tuple[int, int, int, int, str, bool]]:
    return sorted((c.row, c.col, c.row_span, c.col_span, c.text, c.is_header) for c in table.cells)


def test_budget_table_keeps_the_files_grid_and_reads_the_unit_row_as_its_unit(report: Document) -> None:
    budget = report.tables[0]
    assert (budget.source, budget.n_rows, budget.n_cols, budget.header_rows) == ("hwp", 4, 4, 2)
    assert budget.unit_text == "(단위: 백만원)"
    assert budget.caption == "예산 현황"
    assert cells_of(budget) == [
        (0, 0, 2, 1, "구 분", True),
        (0, 1, 1, 2, "예산액", True),
        (0, 3, 1, 1, "증감", True),
        (1, 1, 1, 1, "2024년", True),
        (1, 2, 1, 1, "2025년", True),
        (1, 3, 1, 1, "(B-A)", True),
        (2, 0, 1, 1, "합 계", False),
        (2, 1, 1, 1, "1,234", False),
        (2, 2, 1, 1, "1,500", False),
        (2, 3, 1, 1, "266", False),
        (3, 0, 1, 1, "일반회계", False),
        (3, 1, 1, 1, "1,000", False),
        (3, 2, 1, 1, "1,200", False),
        (3, 3, 1, 1, "200", False),
    ]


def test_unit_row_is_the_line_above_the_table_and_each_row_is_a_line(report: Document) -> None:
    budget = report.tables[0]
    assert report.line(budget.first_line - 1).text == "(단위: 백만원)"
    assert report.line(budget.first_line).text == "구 분  예산액  증감"
    total = next(c for c in budget.cells if c.text == "1,500")
    assert report.line(total.line).text == "합 계  1,234  1,500  266"
    assert [line.text for line in report.lines[:2]] == ["Ⅰ. 일반현황", "1 예산 현황"]


def test_nested_table_is_a_child_table_inside_its_parents_lines(report: Document) -> None:
    budget, nested = report.tables[0], report.tables[1]
    assert nested.parent_table_id == budget.table_id
    assert budget.first_line < nested.first_line <= nested.last_line <= budget.last_line
    assert sorted((c.row, c.col, c.text) for c in nested.cells) == [
        (0, 0, "국비"),
        (0, 1, "150"),
        (1, 0, "시비"),
        (1, 1, "50"),
    ]


def test_caption_is_the_tables_unit(report: Document) -> None:
    staff = report.tables[2]
    assert staff.unit_text == "(단위: 명)"
    assert staff.caption == "정원 현황"
    assert cells_of(staff)[-1] == (2, 2, 1, 1, "9", False)


def test_cells_as_records_in_won_and_facts(report_path: Path) -> None:
    result = parse_file(report_path)
    assert result.error is None and result.parsed is not None
    assert result.parsed.document.format == "hwpx"
    cell = next(c for c in result.parsed.cells if c.raw_text == "1,500")
    assert (cell.row_label, cell.col_label, cell.amount_krw) == ("합계", "예산액 2025년", 1_500_000_000)
    budget = {(f.subject, f.fiscal_year, f.amount_krw) for f in result.parsed.budget_facts}
    assert {("합계", 2025, 1_500_000_000), ("일반회계", 2024, 1_000_000_000)} <= budget
    assert {(h.authorized, h.current) for h in result.parsed.headcounts} == {(12, 10), (8, 9)}


def test_format_comes_from_the_bytes_not_the_extension(report_path: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "report.hwp"
    renamed.write_bytes(report_path.read_bytes())
    document = laid_out_document(renamed)
    assert document.format == "hwpx"
    assert document.tables[0].cells[0].text == "구 분"
    hwp5 = tmp_path / "report_hwp5.hwp"
    write_report(hwp5)  # python-hwpx writes HWP 5 (OLE) for a .hwp name
    misnamed = tmp_path / "report_hwp5.hwpx"
    misnamed.write_bytes(hwp5.read_bytes())
    binary = laid_out_document(misnamed)
    assert binary.format == "hwp" and sniff(misnamed.read_bytes()) == "hwp5"
    assert [t.unit_text for t in binary.tables if t.parent_table_id is None] == ["(단위: 백만원)", "(단위: 명)"]
    assert cells_of(binary.tables[0]) == cells_of(document.tables[0])
    assert sniff(b"HWP Document File V3.00 \x1a") == "hwp3"


BAD_INPUT = {
    "old.hwp": (b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(512), "HWP 3.x file"),
    "text.hwp": ("한글 파일이 아닙니다\n".encode(), "not an HWP/HWPX document: expected an OLE (HWP 5) file"),
    "printed.hwpx": (b"%PDF-1.7\n", "but the file is a PDF"),
    "empty.hwp": (b"", "empty file"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_bytes_fail_with_a_reason(name: str, tmp_path: Path) -> None:
    data, reason = BAD_INPUT[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = parse_file(path)
    assert result.parsed is None and reason in (result.error or ""), result.error


def test_zip_that_is_not_owpml_fails(tmp_path: Path) -> None:
    path = tmp_path / "letter.hwpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert parse_file(path).error == "a zip file but not an HWPX (OWPML) document: no Contents/section0.xml"


def test_truncated_hwpx_fails(report_path: Path, tmp_path: Path) -> None:
    data = report_path.read_bytes()
    path = tmp_path / "cut.hwpx"
    path.write_bytes(data[: len(data) // 2])
    assert (parse_file(path).error or "").startswith("truncated or corrupt HWPX file")


def test_encrypted_hwpx_fails(report_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "locked.hwpx"
    with zipfile.ZipFile(report_path) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "META-INF/manifest.xml":
                data = data.replace(b"</odf:manifest>", b"<odf:encryption-data/></odf:manifest>")
                data = data if b"encryption-data" in data else data + b"<encryption-data/>"
            target.writestr(item, data)
    assert parse_file(path).error == "password-protected HWPX: its sections are encrypted"


def test_check_bytes_names_the_format() -> None:
    with pytest.raises(HwpError, match=r"HWP 3\.x file"):
        check_bytes(b"HWP Document File V3.00", ".hwp")


def test_ingest_of_a_mixed_folder_loads_every_format_and_counts_the_unsupported(
    report_path: Path, tmp_path: Path
) -> None:
    """`pipeline ingest folder/` with .txt, .pdf, .hwp and .hwpx files loads all four; .docx and .png are
    reported as skipped with their count."""
    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.warehouse import Warehouse
    from tests.conftest import DOC_000, FIXTURES, RAW

    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copyfile(RAW / f"{DOC_000}.txt", folder / "budget.txt")
    shutil.copyfile(FIXTURES / "pdf" / "ruled_budget.pdf", folder / "ruled.pdf")
    shutil.copyfile(report_path, folder / "report.hwpx")
    other = HwpxDocument.new()  # python-hwpx writes an HWP 5 (OLE) file for a .hwp name
    other.add_paragraph("예산 요약 (단위: 천원)")
    small = other.add_table(2, 2)
    for col, text in enumerate(["구분", "예산"]):
        small.set_cell_text(0, col, text)
    small.set_cell_text(1, 0, "합계")
    small.set_cell_text(1, 1, "5,000")
    other.save_to_path(folder / "summary.hwp")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not read")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n")
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(
        app, ["ingest", str(folder), "-w", str(warehouse), "--parsed-dir", str(tmp_path / "p")]
    )
    assert result.exit_code == 0, result.output
    assert "4 loaded" in result.output and "2 skipped as unsupported" in result.output
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query("SELECT doc_id, format, status FROM documents ORDER BY doc_id")
    assert rows == [
        ("budget", "text", "ok"),
        ("report", "hwpx", "ok"),
        ("ruled", "pdf", "ok"),
        ("summary", "hwp", "ok"),
    ]


def test_footnotes_pasted_into_a_cell_become_its_mark_and_a_note_line() -> None:
    """The library gives a label cell holding 한글 footnotes its text, then each footnote's paragraphs (통합재정통계
    2010.11: ` 경상수입`, ` 경상수입 `, `  ․조세수입 : 사회보장기여금 포함`); the file's records say which paragraphs
    are the footnote: the cell keeps `경상수입1)` as printed, and the note becomes a line of its own."""
    notes = Footnotes(
        [
            Footnote("1)", ["  경상수입  ", "  ․조세수입 : 사회보장기여금 포함 "]),
            Footnote("2)", ["  자본수입 : 고정․재고자산, 토지 및 무형자산 매각수입 등 "]),
        ]
    )
    assert notes.cell(["1,234", "(5.2%)"]) == ["1,234", "(5.2%)"]  # no footnote: as the library gives it
    assert notes.cell([" 경상수입", " 경상수입 ", "  ․조세수입 : 사회보장기여금 포함"]) == [" 경상수입1)"]
    assert notes.cell([" 자본수입", " 자본수입 : 고정․재고자산, 토지 및 무형자산 매각수입 등"]) == [" 자본수입2)"]
    assert notes.lines_taken() == [
        "1) 경상수입 ․조세수입 : 사회보장기여금 포함",
        "2) 자본수입 : 고정․재고자산, 토지 및 무형자산 매각수입 등",
    ]
    assert notes.lines_taken() == []
    assert footnote_mark(bytes.fromhex("000000000000000029000100"), 3) == "3)"  # FOOTNOTE_SHAPE suffix `)`
    assert footnote_mark(b"", 3) == "3"


def test_a_footnote_on_a_row_label_of_an_hwpx_table_is_its_mark(tmp_path: Path) -> None:
    """An HWPX table whose row label `경상수입` carries a footnote (python-hwpx writes it as 한글 does: a
    `<hp:footNote>` in the label's run, its text in a sub-list): the library glues the note's text to the
    label (`경상수입경상수입 : 조세수입, 세외수입`); read, the row is 경상수입 with footnote `1)` on its cells and the
    note is a line under the table."""
    doc = HwpxDocument.new()
    doc.add_paragraph("1 예산 현황")
    table = doc.add_table(3, 3)
    for row, values in enumerate([["구분", "2024년", "2025년"], ["경상수입", "1,000", "1,200"], ["자본수입", "500", "600"]]):
        for col, text in enumerate(values):
            table.set_cell_text(row, col, text)
    table.cell(1, 0).paragraphs[0].add_footnote("경상수입 : 조세수입, 세외수입")
    path = tmp_path / "footnote.hwpx"
    doc.save_to_path(path)
    document = laid_out_document(path)
    assert [line.text for line in document.lines][1:4] == [
        "구분  2024년  2025년",
        "경상수입1)  1,000  1,200",
        "자본수입  500  600",
    ]
    assert document.lines[4].text == "1) 경상수입 : 조세수입, 세외수입"
    parsed = parse_file(path).parsed
    assert parsed is not None
    cells = {(c.row_label, c.col_label): (c.value, c.footnote) for c in parsed.cells if c.value is not None}
    assert cells[("경상수입", "2024년")] == (1000, "1)")
    assert cells[("자본수입", "2025년")] == (600, None)
