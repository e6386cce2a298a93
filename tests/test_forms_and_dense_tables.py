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
