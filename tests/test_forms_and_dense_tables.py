"""Two real documents labeled from their page images and then tuned on (stop 24): 기획재정부 통합재정통계
(one dense table in 십억원, letter-spaced labels, footnote marks after labels) and a 규제영향분석서 (a form
with sub-tables, a unit printed inside a label cell, key | value tables without a header).

Values are read off the rendered pages (pdfplumber `page.to_image()`); each parse reads only the pages a
test needs. The rules are general: see the docstrings of the functions they test.
"""

from __future__ import annotations

from functools import cache

from pipeline.lexicon.labels import split_footnote, without_footnotes
from pipeline.normalize.cells import classify_cell
from pipeline.normalize.numbers import parse_number
from pipeline.schemas.records import ParsedDocument
from tests.conftest import REALDOCS, needs_realdocs

FISCAL = "fiscal_statistics_2010_11.pdf"
REGULATORY = "regulatory_analysis_76076.pdf"


@cache
def parsed(name: str, pages: tuple[int, ...]) -> ParsedDocument:
    """The document read on `pages` only."""
    from pipeline.parse import ParseSettings, parse_path
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    settings = ParseSettings(readers=ReaderSettings(pdf=PdfSettings(only_pages=pages)))
    return parse_path(REALDOCS / name, settings=settings)


def cells_at(doc: ParsedDocument, page: int, raw: str) -> list:
    return [c for c in doc.cells if c.page == page and c.raw_text == raw and not c.is_header]


# -- footnote marks after labels ------------------------------------------------------------------------


def test_a_footnote_mark_after_a_label_is_not_part_of_it() -> None:
    assert split_footnote("경상수입1)") == ("경상수입", "1)")
    assert split_footnote("수입(A)2)") == ("수입(A)", "2)")
    assert split_footnote("(지원2)") == ("(지원2)", None)  # the bracket is the label's own
    assert split_footnote("사업(1)") == ("사업(1)", None)
    assert split_footnote("2)") == ("2)", None)
    assert without_footnotes("수입 (A) > 경상수입1)") == ("수입 (A) > 경상수입", "1)")


@needs_realdocs
def test_fiscal_rows_with_footnote_marks_are_named_without_them() -> None:
    """통합재정통계 p1: `경상수입1)` (the `1)` raised and small) under `수 입 (A)`; 일반회계 경상수입 is 167,642
    십억원, 순융자 합계 3,539 십억원."""
    doc = parsed(FISCAL, (1,))
    (current,) = [c for c in cells_at(doc, 1, "167,642")]
    assert current.row_label == "수입 (A) > 경상수입"
    assert current.col_label == "일반 회계"
    assert current.amount_krw == 167_642 * 10**9
    assert current.footnote == "1)"
    (loans,) = [c for c in cells_at(doc, 1, "3,539")]
    assert loans.row_label == "지출 및 순융자 (B) > 순융자" and loans.col_label == "합계"
    assert loans.amount_krw == 3_539 * 10**9
    subjects = {f.subject for f in doc.budget_facts}
    assert "수입 (A) > 경상수입" in subjects and not any(
        s and s.endswith(")") and "1)" in s for s in subjects
    )


# -- a unit printed inside a label cell ---------------------------------------------------------------------


def test_a_unit_in_an_outer_part_of_the_row_label_holds_for_the_rows_under_it() -> None:
    value = classify_cell(
        "28.43", None, row_label="규제의 적정성 > (단위:백만원) > 피규제자", col_label="비용"
    )
    assert value.value_kind == "krw" and value.amount_krw == 28_430_000
    value = classify_cell(
        "3.59", None, row_label="기타 > 14.비용감축제 (단위:백만원) > 미적용", col_label="연간균등순비용"
    )
    assert value.amount_krw == 3_590_000


def test_a_numbered_label_is_not_an_amount() -> None:
    """`10.비용편익분석 (단위:백만원)` under a unit of 백만원 is a section label, not 10 백만원."""
    assert parse_number("10.비용편익분석 (단위:백만원)", "백만원") is None
    assert parse_number("3. 사업비", "백만원") is None
    assert parse_number("10.5", "백만원") is not None


@needs_realdocs
def test_regulatory_cost_row_takes_the_unit_printed_in_its_section_label() -> None:
    """규제영향분석서 p2: `10.비용편익분석 (단위:백만원)` | 피규제자 | 28.43 (비용) | | 28.43 (순비용)."""
    doc = parsed(REGULATORY, (2,))
    costs = {c.col_label: c.amount_krw for c in cells_at(doc, 2, "28.43")}
    assert costs == {"비용": 28_430_000, "순비용": 28_430_000}
    assert not [c for c in doc.cells if c.page == 2 and c.raw_text.startswith("10.") and c.value is not None]


# -- a count with a bound; a key | value form without a header -------------------------------------------------


def test_a_count_with_a_bound_is_a_value() -> None:
    from pipeline.lexicon.cellkinds import is_value

    assert is_value("1,660명 이내") and is_value("30개소 이상")
    assert not is_value("6급 이하") and not is_value("95백만원 이하")
    parsed_count = parse_number("1,660명 이내")
    assert parsed_count is not None and parsed_count.value == 1660 and parsed_count.unit == "명"
    assert parse_number("6급 이하") is None


def test_rows_of_keys_over_a_number_are_a_form_not_a_header() -> None:
    from pipeline.lexicon.cellkinds import key_value_rows

    form = [
        (0, 0, 1, 1, "(정량)영향집단명"),
        (0, 1, 1, 1, "구내운반차를 사용하는 사업장"),
        (1, 0, 1, 1, "활동제목"),
    ]
    form += [(1, 1, 1, 1, "안전조치"), (2, 0, 1, 1, "비용항목"), (2, 1, 1, 1, "기타"), (3, 0, 1, 1, "비용")]
    form += [(3, 1, 1, 1, "87,629,660")]
    assert key_value_rows(form, 3)
    # a header of two levels spans: 유 형 over two columns
    nested = [(0, 0, 1, 2, "유 형"), (0, 2, 1, 1, "인원수 또는 규모"), (1, 0, 1, 1, "피규제자")]
    assert not key_value_rows(nested, 2)


@needs_realdocs
def test_regulatory_sub_table_counts_and_form_cost_are_labelled_as_printed() -> None:
    """규제영향분석서 p2: the table in 8.피규제집단 (`유 형` over two columns | `인원수 또는 규모`): 피규제자 |
    자전거를 이용해 물건을 배달하는 근로자의 사업주 | 1,660명 이내; p81 the 직접비용 form `비용 | 87,629,660`."""
    doc = parsed(REGULATORY, (2, 81))
    (workers,) = cells_at(doc, 2, "1,660명 이내")
    assert workers.value == 1660 and workers.col_label == "인원수 또는 규모"
    assert workers.row_label == "피규제자 > 자전거를 이용해 물건을 배달하는 근로자의 사업주"
    (offices,) = cells_at(doc, 2, "51개소")
    assert offices.row_label == "피규제자 > 배달플랫폼 운영사" and offices.col_label == "인원수 또는 규모"
    (cost,) = cells_at(doc, 81, "87,629,660")
    assert cost.row_label == "비용" and cost.col_label is None and cost.value == 87_629_660


# -- the 규제영향분석서 cost table: title row, unit from the table above, a second label:value pair --------------


@needs_realdocs
def test_regulatory_cost_table_reads_its_unit_title_and_inline_label() -> None:
    """규제영향분석서 p29: `분석기준년도 | 규제시행년도 | 분석대상기간 (년) | 할인율(%) | 단위` over `2023 | 2025 | 10 |
    4.5 | 백만원, 현재가치`, then the cost table titled `규제대안 1 : 방호조치 선택범위 정비` (a box across it) with
    `영향집단 | 비용 | 편익 | 순비용`; 피규제 기업·소상공인 직접 1,638.89 (백만원) under 비용 and 순비용; the last row
    `기업순비용 | 1,638.89 | 연간균등순비용 | 216.44`."""
    doc = parsed(REGULATORY, (29,))
    costs = {(c.row_label, c.col_label): c.amount_krw for c in cells_at(doc, 29, "1,638.89")}
    assert costs == {
        ("피규제 기업 · 소상공인 > 직접", "비용"): 1_638_890_000,
        ("피규제 기업 · 소상공인 > 직접", "순비용"): 1_638_890_000,
        ("총 합계", "비용"): 1_638_890_000,
        ("총 합계", "순비용"): 1_638_890_000,
        ("기업순비용", "비용"): 1_638_890_000,
    }
    (annual,) = cells_at(doc, 29, "216.44")
    assert (annual.row_label, annual.col_label, annual.amount_krw) == (
        "연간균등순비용",
        "순비용",
        216_440_000,
    )
    # the parameter table is one record named by its caption (`① 비용편익분석 : … 1,638.89백만`), no stub
    (years,) = cells_at(doc, 29, "10")
    assert (years.row_label, years.col_label, years.amount_krw) == ("비용편익분석", "분석대상기간 (년)", None)
    (rate,) = cells_at(doc, 29, "4.5")
    assert rate.value_kind == "pct" and rate.row_label == "비용편익분석"
    assert [m.amount_krw for m in doc.amount_mentions if m.page == 29] == [1_638_890_000]


def test_a_magnitude_closing_a_clause_is_won_without_its_won() -> None:
    from pipeline.normalize.money import find_money

    assert [m.amount_krw for m in find_money("직접비용 1,638.89백만")] == [1_638_890_000]
    assert [m.amount_krw for m in find_money("(87.62백만)")] == [87_620_000]
    assert find_money("인구 3백만 명") == []
    assert [m.amount_krw for m in find_money("3백만 달러")] == [None]  # dollars, never won


def test_a_label_between_values_names_the_values_after_it_unless_its_column_holds_names() -> None:
    from pipeline.lexicon.labels import inline_row_labels
    from pipeline.schemas.document import Cell, Table

    def table(rows: list[list[str]]) -> Table:
        cells = [
            Cell(row=r, col=c, text=text, is_header=r == 0, line=1)
            for r, row in enumerate(rows)
            for c, text in enumerate(row)
            if text
        ]
        n_rows, n_cols = len(rows), len(rows[0])
        return Table(
            table_id="t",
            source="pdf-ruled",
            first_line=1,
            last_line=1,
            n_rows=n_rows,
            n_cols=n_cols,
            cells=cells,
        )

    head = ["영향집단", "비용", "편익", "순비용"]
    cost = table(
        [
            head,
            ["총 합계", "1,638.89", "", "1,638.89"],
            ["기업순비용", "1,638.89", "연간균등순비용", "216.44"],
        ]
    )
    assert inline_row_labels(cost) == {(2, 3): "연간균등순비용"}
    funds = table(
        [
            ["기금명", "조성액", "소관", "존속기한"],
            ["관광기금", "120", "관광정책과", "2025.12.31."],
            ["기후기금", "80", "탄소중립정책과", "2029.12.31."],
        ]
    )
    assert inline_row_labels(funds) == {}


def test_an_account_named_with_a_measure_word_names_no_measure() -> None:
    """통합재정통계's column `세입 세출외` (cash outside the budget) is an account beside 일반회계, not 세입."""
    from pipeline.lexicon.words import measure_of

    assert measure_of("세입 세출외") is None
    assert measure_of("세입") == "세입" and measure_of("세출 예산") == "세출"


@needs_realdocs
def test_fiscal_budget_facts_of_the_outside_account_have_no_measure() -> None:
    """통합재정통계 p1: 세입세출외 수입 (A) 32 십억원, 경상지출 809 십억원, 통합재정수지 △777 십억원."""
    doc = parsed(FISCAL, (1,))
    outside = {f.amount_krw: f.measure for f in doc.budget_facts if f.amount_krw in (32 * 10**9, 809 * 10**9)}
    assert outside == {32 * 10**9: None, 809 * 10**9: None}
    assert any(f.amount_krw == -777 * 10**9 and f.measure is None for f in doc.budget_facts)
