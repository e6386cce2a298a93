"""Pages of two columns (a 2-up spread of two printed pages, a two-column brief): each column read whole.

The FIS 이슈 & 포커스 briefs (한국재정정보원, ../shared/realdocs/budget_program_briefs) print two A4 pages
side by side on each landscape PDF page. Read as one column, page 5 of 22-4 glued the left page's prose to
the right page's table rows, and gave 〈표 6〉 (단위: 백만원) the 조원 of 〈표 7〉 beside it: 35,724,592 became
3.6e19 won and the document failed. Values below are read off the rendered page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.parse import ParseSettings, parse_path
from pipeline.readers.columns import find_gutter, widest_gap
from pipeline.readers.pdf import group_lines
from pipeline.readers.settings import ColumnSettings, PdfSettings, ReaderSettings
from pipeline.schemas.document import Word
from pipeline.schemas.records import ParsedDocument
from tests.conftest import REALDOCS

FIS_22_4 = REALDOCS / "budget_program_briefs" / "「FIS 이슈 & 포커스」 22-4호 《중앙-지방 간 재정조정제도》.pdf"


@pytest.fixture(scope="module")
def page5() -> ParsedDocument:
    if not FIS_22_4.exists():
        pytest.skip(f"{FIS_22_4} is absent")
    settings = ParseSettings(readers=dataclasses.replace(ReaderSettings(), pdf=PdfSettings(only_pages=(5,))))
    return parse_path(Path(FIS_22_4), "fis22_4", settings)


def cell(parsed: ParsedDocument, raw: str):
    (found,) = [c for c in parsed.cells if c.raw_text == raw]
    return found


def test_each_page_of_a_spread_is_read_whole_left_first(page5: ParsedDocument) -> None:
    texts = [line.text for line in page5.lines]
    assert texts[texts.index("(단위: 백만원)") + 2] == "2013 35,724,592 31,558,105 1,314,921 1,688,560 1,163,006 -"
    assert texts.index("<표 6> 지방교부세 종류별 현황 및 추이(2013~2022)") < texts.index(
        "<표 7> 국고보조사업의 규모와 정부총지출(예산 기준) 추이(2018~2022)"
    )


def test_each_table_takes_its_own_unit_and_labels(page5: ParsedDocument) -> None:
    first = cell(page5, "35,724,592")
    assert (first.row_label, first.col_label, first.unit, first.amount_krw) == ("2013", "합계", "백만원", 35_724_592_000_000)
    last = cell(page5, "864,765")
    assert (last.row_label, last.col_label, last.amount_krw) == ("2022", "소방안전교부세", 864_765_000_000)
    subsidy = cell(page5, "50.2")
    assert (subsidy.row_label, subsidy.col_label, subsidy.amount_krw) == ("보조금 규모(조원) > • 자치단체보조", "2018", 50_200_000_000_000)
    assert cell(page5, "66.9").row_label == "보조금 규모(조원)"  # one label over two stub columns, read once
    assert not [f for f in page5.budget_facts if f.raw_text == "2013"]  # a year labelling its row is no amount
    assert [i for i in page5.validation_issues if i.severity == "error"] == []


def word(text: str, x0: float, x1: float, top: float) -> Word:
    return Word(text=text, x0=x0, x1=x1, top=top, bottom=top + 10, size=10)


def test_a_table_with_a_wide_gap_is_one_column() -> None:
    """A gap between a table's label and value columns has no prose beside it: no gutter."""
    rows = [[word("지방교부세", 60, 120, 100 + 20 * k), word(f"{k},000", 500, 540, 100 + 20 * k)] for k in range(8)]
    words = [w for row in rows for w in row]
    group = lambda ws: group_lines(ws, 3.0)  # noqa: E731
    assert find_gutter(words, (0, 0, 595, 842), [], ColumnSettings(), group) is None
    prose = "재정조정제도를대표하는보통교부세는지방교부세중가장높은비중"
    page = words + [word(prose + prose, 40, 560, 300 + 20 * k) for k in range(4)]
    assert find_gutter(page, (0, 0, 595, 842), [], ColumnSettings(), group) is None  # prose crosses the middle
    two = [word(prose, 40, 280, 100 + 20 * k) for k in range(5)] + [word(prose, 320, 560, 90 + 20 * k) for k in range(5)]
    assert find_gutter(two, (0, 0, 595, 842), [], ColumnSettings(), group) == 300
    rule = {"orientation": "h", "x0": 30, "x1": 570, "top": 50, "bottom": 50}
    assert find_gutter(two, (0, 0, 595, 842), [rule], ColumnSettings(), group) is None
    assert widest_gap([(0, 10), (12, 20), (40, 50)], 0, 60) == (20, 40)
