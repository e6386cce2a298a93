"""Tab-separated and HTML tables of the sample reports, read as a person reads them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.layout.html import HTML_TAG, has_html, read_fragment
from pipeline.lexicon.labels import column_labels, row_labels
from pipeline.schemas.document import Document, Table
from tests.conftest import DOC_000, DOC_002


def table_at(document: Document, line: int, source: str | None = None) -> Table:
    """The table covering a line (the outer one unless a source is named)."""
    found = [
        t
        for t in document.tables
        if t.first_line <= line <= t.last_line
        and (source is None or t.source == source)
        and (source is not None or t.parent_table_id is None)
    ]
    assert len(found) == 1, f"{len(found)} tables cover line {line}"
    return found[0]


def cell_text(table: Table, line: int, col_label: str) -> str:
    labels = column_labels(table)
    matches = [c.text for c in table.cells if c.line == line and labels[c.col] == col_label]
    assert len(matches) == 1, (line, col_label, matches)
    return matches[0]


def test_budget_table_of_000_with_two_line_header(documents) -> None:
    table = table_at(documents[DOC_000], 71)
    assert (table.first_line, table.last_line, table.header_rows) == (69, 94, 2)
    assert table.caption == "2023년도 예산"
    assert table.unit_text == "(2023.9.30. 기준 / 단위 : 천원)"
    labels = column_labels(table)
    assert labels == [
        "구 분",
        "예산액(A) 금 액",
        "예산액(A) %",
        "집행액(B) 금 액",
        "집행액(B) %",
        "잔액(A-B) 금 액",
        "잔액(A-B) %",
    ]
    assert cell_text(table, 71, "예산액(A) 금 액") == "1,370,315"
    assert cell_text(table, 71, "집행액(B) %") == "64.96%"
    assert cell_text(table, 94, "잔액(A-B) 금 액") == "17,153"
    assert row_labels(table)[2] == "민간위탁금 총계"


def test_kpi_table_rows_that_lost_their_leading_cell_are_realigned(documents) -> None:
    table = table_at(documents[DOC_000], 47)
    assert (table.first_line, table.last_line) == (39, 59)
    assert cell_text(table, 47, "성과") == "372명"
    assert cell_text(table, 50, "목표") == "10회"
    assert cell_text(table, 50, "달성률(%)") == "100"
    assert cell_text(table, 53, "성과") == "532명"
    rows = row_labels(table)
    row_of_53 = next(c.row for c in table.cells if c.line == 53)
    assert rows[row_of_53] == "3. 시민참여 프로그램 > - 멘토링 프로그램 운영"


def test_stacked_settlement_tables_of_000_are_split(documents) -> None:
    top, bottom = table_at(documents[DOC_000], 405), table_at(documents[DOC_000], 408)
    assert (top.first_line, top.last_line, bottom.first_line, bottom.last_line) == (403, 405, 406, 408)
    assert top.unit_text == "(단위 : 원)"
    assert cell_text(top, 405, "위탁금 2관") == "90,000,000"
    assert cell_text(bottom, 408, "집행액 소계") == "1,286,866,017"
    assert cell_text(bottom, 408, "집행잔액 이자") == "276,854"


def test_empty_leading_cells_continue_the_row_label(documents) -> None:
    table = table_at(documents[DOC_000], 420)
    rows = row_labels(table)
    row_of_420 = next(c.row for c in table.cells if c.line == 420)
    assert rows[row_of_420] == "운영비 > 일반운영비"
    assert cell_text(table, 420, "잔액") == "-2,011"
    assert cell_text(table, 425, "당초 집행계획 금액") == "9,000,000"


def test_headcount_by_grade_of_002(documents) -> None:
    table = table_at(documents[DOC_002], 42)
    assert table.unit_text == "(기준일 : '20. 10월말)"
    assert cell_text(table, 42, "합 계") == "27(27)"
    assert cell_text(table, 42, "6급") == "4(6)"


def test_budget_by_funding_source_and_year_of_002(documents) -> None:
    table = table_at(documents[DOC_002], 181)
    assert table.caption == "2021년 소요예산 : 320,793천원"
    assert table.unit_text == "(단위 : 천원)"
    assert column_labels(table)[3] == "연차별 소요자원 2021년"
    assert cell_text(table, 181, "연차별 소요자원 2021년") == "181,203"
    assert cell_text(table, 178, "합계") == "766,023"


def test_nested_html_table_inside_a_tab_cell_of_002(documents) -> None:
    nested = table_at(documents[DOC_002], 388, source="html")
    outer = table_at(documents[DOC_002], 388)
    assert nested.parent_table_id == outer.table_id
    assert nested.grid() == [
        ["구분", "위 치", "규모", "시 설"],
        ["공동작업장", "시흥대로 414, 5층", "502㎡", "공동작업장, 샘플실, 패턴실, 사무실"],
        ["공동판매장 (아뜰리에440)", "시흥대로 440, 1층", "558㎡", "공동전시장/판매장, 공동물류창고"],
    ]
    assert all(c.line == 388 for c in nested.cells)
    outer_text = next(c.text for c in outer.cells if c.line == 388 and c.col == 2)
    assert "<table" not in outer_text and "총사업비 : 2,789백만원" in outer_text


def test_list_markup_in_a_cell_becomes_its_text(documents) -> None:
    table = table_at(documents[DOC_002], 34)
    text = next(c.text for c in table.cells if c.line == 34 and c.col == 1)
    assert text.startswith("◦ 축산물 위생관리에 관한 업무 ◦ 동물보호")
    assert "<ul" not in text and "style" not in text


def test_html_fragment_reader_keeps_spans() -> None:
    text, tables = read_fragment(
        '앞 <table><tr><th colspan="2">예산</th></tr><tr><td>국비</td><td>1,000</td></tr></table> 뒤'
    )
    assert text == "앞 뒤"
    (table,) = tables
    assert (table.n_rows, table.n_cols, table.header_rows) == (2, 2, 1)
    assert table.cells[0].col_span == 2 and table.cells[2].text == "1,000"


def test_every_tab_table_is_found(documents) -> None:
    for doc_id in (DOC_000, DOC_002):
        document = documents[doc_id]
        tab_lines = {
            line.number for line in document.lines if sum(1 for c in line.text.split("\t") if c.strip()) >= 2
        }
        covered = {n for t in document.tables for n in range(t.first_line, t.last_line + 1)}
        assert tab_lines <= covered, sorted(tab_lines - covered)[:5]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="<>/ tdrbalTDli가1\t", max_size=16))
def test_a_cell_without_a_less_than_sign_is_not_searched_for_html(text: str) -> None:
    """`has_html` (and `split_row`'s line-wide screen) skip the tag search on a text without `<`: the
    search finds no tag there either."""
    assert has_html(text) == bool(HTML_TAG.search(text))


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["", " ", "구 분", "계", "1,234", "12.5%", "-", "△3", "2023년", "(단위: 천원)"]),
        max_size=6,
    )
)
def test_a_row_opens_a_stacked_header_as_its_definition_says(cells: list[str]) -> None:
    """`split_stacked_blocks` asks each row once whether it holds a value and hands the answer on: the
    header tests given it answer as `is_headerish_row` (some text, no value) with two filled cells."""
    from pipeline.layout.tabs import _header_candidate, _opens_header
    from pipeline.lexicon.cellkinds import is_headerish_row, is_numeric_like, is_value

    holds_value = any(is_value(c) for c in cells)
    candidate = is_headerish_row(cells) and sum(1 for c in cells if c) >= 2
    assert _header_candidate(cells, holds_value) == candidate
    assert _opens_header(cells, holds_value) == (candidate and not any(is_numeric_like(c) for c in cells))
