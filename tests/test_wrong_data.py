"""Wrong data is never loaded as ok: line numbers follow the file, totals are checked whole, signs kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import ingest
from pipeline.parse import laid_out_document
from pipeline.readers.pdf import page_info
from pipeline.readers.settings import PdfSettings
from pipeline.readers.text import split_lines
from pipeline.warehouse import Warehouse
from tests.conftest import FIXTURES


@pytest.mark.parametrize("separator", ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_only_cr_and_lf_end_lines(separator: str) -> None:
    assert split_lines(f"첫 줄{separator}같은 줄\r\n둘째 줄\r셋째 줄\n") == [f"첫 줄{separator}같은 줄", "둘째 줄", "셋째 줄"]


def test_line_numbers_follow_the_file_past_a_form_feed(tmp_path: Path) -> None:
    path = tmp_path / "ff.txt"
    padding = "".join(f" ○ 추진 내용 {i}: 시설 개선 및 운영 지원 사업을 계속 추진함\n" for i in range(20))
    path.write_text("□ 예산\n\f(단위 : 천원)\x85\n구분\t예산액\n계\t1,000\n" + padding, encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    assert ingest([path], warehouse, None).outcomes[0].status == "loaded"
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query("SELECT line FROM cells WHERE doc_id = 'ff' AND raw_text = '1,000'")
        _, count = store.query("SELECT n_lines FROM documents WHERE doc_id = 'ff'")
    assert rows == [(4,)] and count == [(24,)]


def table_with_parts(parts: list[int], total: int) -> str:
    rows = "".join(f"항목{i:02d}\t{v:,}\n" for i, v in enumerate(parts, start=1))
    return f"□ 세부 내역\n(단위 : 천원)\n구분\t예산액\n{rows}계\t{total:,}\n"


def total_issues(tmp_path: Path, text: str) -> list[tuple[str, float, float]]:
    path = tmp_path / "parts.txt"
    path.write_text(text, encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    assert ingest([path], warehouse, None).outcomes[0].status == "loaded"
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query(
            "SELECT check_name, expected, actual FROM validation_issues WHERE doc_id = 'parts' AND check_name = 'total_sum'"
        )
    return rows


def test_a_total_of_60_parts_is_checked_against_all_of_them(tmp_path: Path) -> None:
    parts = [1_000 + i for i in range(60)]
    assert total_issues(tmp_path, table_with_parts(parts, sum(parts))) == []


def test_a_wrong_part_past_the_40th_is_found(tmp_path: Path) -> None:
    parts = [1_000 + i for i in range(60)]
    printed = sum(parts)
    parts[52] += 500  # the 53rd part no longer adds up
    assert total_issues(tmp_path, table_with_parts(parts, printed)) == [("total_sum", printed + 500, printed)]


def html_cells(tmp_path: Path, line: str) -> list[list[tuple[int, int, str]]]:
    """The cells (row, col, text) of each HTML table laid out from a report holding `line`."""
    path = tmp_path / "cells.txt"
    path.write_text(f"□ 예산 현황\n(단위 : 천원)\n{line}\n", encoding="utf-8")
    document = laid_out_document(path)
    return [[(c.row, c.col, c.text) for c in t.cells] for t in document.tables if t.source == "html"]


def test_an_unclosed_td_keeps_its_text_out_of_the_next_cell(tmp_path: Path) -> None:
    """Before: `<td>국비<td>1,000` read `국비 1,000` into the first cell (the parser nests the second
    `<td>` in the first, and a cell took every string below it)."""
    tables = html_cells(tmp_path, "<table><tr><th>구분<th>예산</tr><tr><td>국비<td>1,000</tr><tr><td>시비<td>250</table>")
    assert tables == [[(0, 0, "구분"), (0, 1, "예산"), (1, 0, "국비"), (1, 1, "1,000"), (2, 0, "시비"), (2, 1, "250")]]


def test_comments_and_scripts_in_cells_are_not_content(tmp_path: Path) -> None:
    """Before: a comment's and a script's text were read into the cell (`국비 옛 값 9,999`)."""
    line = (
        "<table><tr><td>국비<!-- 옛 값 9,999 --></td><td><script>var t = '<td>8,888</td>';</script>1,000"
        "<style>td { color: red }</style></td></tr></table>"
    )
    assert html_cells(tmp_path, line) == [[(0, 0, "국비"), (0, 1, "1,000")]]


def test_a_stray_td_in_a_tab_cell_stays_in_its_cell(tmp_path: Path) -> None:
    """A `<td>` outside any table is no table: its text stays in its tab cell, the next cell keeps its own."""
    path = tmp_path / "stray.txt"
    path.write_text("□ 예산 현황\n구분\t예산\t비고\n국비\t<td>1,000\t계속\n", encoding="utf-8")
    document = laid_out_document(path)
    (table,) = document.tables
    assert [(c.row, c.col, c.text) for c in table.cells if c.row == 1] == [(1, 0, "국비"), (1, 1, "1,000"), (1, 2, "계속")]


SIGNED_REPORT = """□ 예산 증감
 ○ 국비 증감 : -20억원
 ○ 시비 증감 : △20억원
 ○ 구비 증감 ▲ 5억원
 ○ 기금 증감 : －3억원
 - 20억원 지원 (목록 표시는 부호가 아님)
 ○ 사업기간 2020-2023, 총사업비 40억원
(단위 : 억원)
구분\t증감
국비\t-20
시비\t△20
구비\t▲5
"""


def test_a_minus_in_prose_keeps_its_sign_as_in_cells(tmp_path: Path) -> None:
    """Before: prose read `-20억원` and `－3억원` as +20억 and +3억 (only `△`/`▲` written against the number
    were signs), while the same `-20` in a cell was -20억. A list mark (`- 20억원`) and a span of years
    (`2020-2023`) are no signs."""
    path = tmp_path / "signs.txt"
    path.write_text(SIGNED_REPORT, encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    assert ingest([path], warehouse, None).outcomes[0].status == "loaded"
    with Warehouse(warehouse, read_only=True) as store:
        _, prose = store.query("SELECT line, raw_text, amount_krw FROM amount_mentions WHERE doc_id = 'signs' ORDER BY line")
        _, cells = store.query("SELECT row_label, amount_krw FROM cells WHERE doc_id = 'signs' AND col_idx = 1 AND amount_krw IS NOT NULL ORDER BY row_idx")
    assert prose == [
        (2, "-20억원", -2_000_000_000),
        (3, "△20억원", -2_000_000_000),
        (4, "▲ 5억원", -500_000_000),
        (5, "－3억원", -300_000_000),
        (6, "20억원", 2_000_000_000),
        (7, "40억원", 4_000_000_000),
    ]
    assert cells == [("국비", -2_000_000_000), ("시비", -2_000_000_000), ("구비", -500_000_000)]


def mixed_pdf(path: Path) -> Path:
    """A text PDF (tests/fixtures/pdf/ruled_budget.pdf, page 1) followed by the same page turned 90°
    (/Rotate 90: its text now runs up the page as shown) and by that page as a picture only (a scan).
    Made with PDFium, page by page, from the real fixture."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(FIXTURES / "pdf" / "ruled_budget.pdf")
    out = pdfium.PdfDocument.new()
    out.import_pages(source, [0, 0])
    out[1].set_rotation(90)
    width, height = source[0].get_size()
    scan = out.new_page(width, height)
    image = pdfium.PdfImage.new(out)
    image.set_bitmap(source[0].render(scale=1))
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    scan.insert_obj(image)
    scan.gen_content()
    out.save(path)
    return path


def test_each_pdf_page_is_recorded_with_how_it_read(tmp_path: Path) -> None:
    """Before: a scanned page inside a text PDF was silently missing and a page turned against its
    rotation loaded as if upright; no table said so. Now `pages` has a status per page and each page
    that is not read as text has a `page_unread` issue."""
    pdf = mixed_pdf(tmp_path / "mixed.pdf")
    warehouse = tmp_path / "w.duckdb"
    assert ingest([pdf], warehouse, None).outcomes[0].status == "loaded"
    with Warehouse(warehouse, read_only=True) as store:
        _, pages = store.query("SELECT page, status, chars > 700, garbage_chars, images, upright_share FROM pages WHERE doc_id = 'mixed' ORDER BY page")
        _, issues = store.query("SELECT page, severity, message FROM validation_issues WHERE doc_id = 'mixed' AND check_name = 'page_unread' ORDER BY page")
        _, lines = store.query("SELECT page, count(*) FROM lines WHERE doc_id = 'mixed' GROUP BY page ORDER BY page")
        _, total = store.query("SELECT page FROM cells WHERE doc_id = 'mixed' AND raw_text = '1,370,315' ORDER BY page")
    assert pages == [(1, "text", True, 0, 0, 1.0), (2, "rotated", True, 0, 0, 0.0), (3, "image", False, 0, 1, None)]
    assert issues == [
        (2, "warning", "page 2: its text runs against the page rotation: read, but reading order and tables may be wrong"),
        (3, "warning", "page 3: its content is images with (almost) no text: not loaded; needs OCR"),
    ]
    assert lines[0][0] == 1 and [p for p, _ in lines] == [1, 2]
    assert total[0] == (1,)


def test_a_page_of_cid_codes_is_recorded_as_cid_and_not_loaded() -> None:
    """pdfminer prints a glyph without a Unicode map as `(cid:N)`, PDFium as U+FFFD: a page of them is
    `cid` (read_pdf then loads none of its lines); a few among Korean text leave the page `text`."""
    settings = PdfSettings()

    def chars(texts: list[str]) -> list[dict]:
        return [{"text": t, "upright": True} for t in texts]

    garbled = page_info(4, chars(["(cid:12)", "(cid:7)", "1", "2", "\ufffd"] * 10), 0, settings)
    assert (garbled.status, garbled.garbage_chars) == ("cid", 10 * (8 + 7 + 1))
    mostly_korean = page_info(5, chars(list("예산집행현황국비시비구비") * 5 + ["(cid:3)"]), 0, settings)
    assert (mostly_korean.status, mostly_korean.chars, mostly_korean.garbage_chars) == ("text", 67, 7)
