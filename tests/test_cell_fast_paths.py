"""The cell stage's short cuts read every cell as the plain rules read it.

`parse_number` reads a bare number and a text without a digit without its patterns, `parse_amount` runs only
where an amount can be found, a cell is tried as a date only when it starts as one, and `label_reading`
works out once per label what `classify_cell` used to work out per cell. Each property below compares the
short cut with the plain definition on generated cells: a short cut that reads one cell otherwise fails it.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.lexicon.patterns import BARE_YEAR, CALENDAR_YEAR
from pipeline.normalize.cells import DATE_CELL, DATE_STARTS, decide_unit, label_reading
from pipeline.normalize.money import parse_amount
from pipeline.normalize.numbers import (
    MONEY_UNIT_MARK,
    PLAIN_NUMBER,
    _read_number,
    is_percent_hint,
    parse_number,
)
from pipeline.normalize.units import count_scale, is_money_unit

UNITS = (None, "원", "천원", "백만원", "억원", "만", "억", "조", "%", "명", "개소", "천명", "㎡")
HINTS = (None, "예산액", "집행률(%)", "%", "증감 (B-A)/A", "인원", "면적(㎡)", "구성비")
CELL_LETTERS = "0123456789,.△▲-－−+ ()（）[]/~%％원만억조천백십명개소기m²평p*¹)이내비예산집계중화장로年 x"
"""What the cells of a report print around their numbers, and the words and marks of placeholders."""

AFTER_NUMBER = (
    "",
    " ",
    "원",
    "만",
    "억",
    "조",
    "천원",
    "백만",
    "천만",
    "억원",
    " 원",
    "명",
    "%",
    "개소",
    "㎡",
    "년",
    "(3)",
)
"""What a cell prints after its number: units of money, counters, a second value."""

cells = st.one_of(
    st.text(alphabet=CELL_LETTERS, max_size=14),
    st.from_regex(PLAIN_NUMBER, fullmatch=True),
    st.builds(
        "".join,
        st.tuples(st.from_regex(PLAIN_NUMBER, fullmatch=True), st.sampled_from(AFTER_NUMBER)),
    ),
    st.sampled_from(["-", "(-)", "(-)*", "[ - ]", "비예산¹", "(비예산)", "（집계중）", "-²", "( )", "()"]),
)


def _outcome(read: Any, *args: Any) -> Any:
    """What a reading gives, or the kind of error it raises: both readings must fail alike too."""
    try:
        return read(*args)
    except Exception as error:  # compared, not handled
        return type(error)


@settings(max_examples=3000, deadline=None)
@given(cells, st.sampled_from(UNITS), st.sampled_from(HINTS))
@example("1,234", "천원", None)
@example("0.5", "원", None)
@example("-0", "백만원", None)
@example("12.5", "천원", "집행률(%)")
@example("+5", "천원", None)
@example("(-)*", None, None)
@example("5만", None, None)
@example("1,638.89백만", "명", None)
def test_a_cell_reads_as_the_patterns_read_it(text: str, unit: str | None, hint: str | None) -> None:
    spaced = " ".join(text.split())
    assert _outcome(parse_number, text, unit, hint) == _outcome(_read_number, spaced, unit, hint)


@settings(max_examples=2000, deadline=None)
@given(cells)
@example("5만")
@example("1,638.89백만")
def test_no_unit_is_printed_where_no_mark_of_one_is(text: str) -> None:
    """`_read_number` skips `parse_amount` for a text without 원 or a big unit under a unit that is no money:
    there it never finds a unit printed."""
    if MONEY_UNIT_MARK.search(text):
        return
    for unit in (None, "명", "%"):
        amount = parse_amount(text, 0, unit)
        assert amount is None or not amount.explicit_unit


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0123456789 .년월’'‘`(가)", min_size=1, max_size=12))
def test_a_cell_starting_otherwise_than_a_date_is_none(text: str) -> None:
    text = text.strip()
    if not text or text[0] in DATE_STARTS or text[0].isdecimal():
        return
    assert not (DATE_CELL.match(text) or CALENDAR_YEAR.match(text) or BARE_YEAR.match(text))


@given(
    st.sampled_from([None, "예산액(A)", "집행률(%)", "설치 년도", "인구(천명)", "%", "참여기업 수"]),
    st.sampled_from([None, "합계", "조정률", "억원", "국비 > 인원"]),
    st.sampled_from([(), ("백만원",), ("개소", "백만원"), ("%",), ("천명",), ("명", "천원", "%")]),
)
def test_a_label_reading_is_that_of_its_labels(
    col_label: str | None, row_label: str | None, units: tuple[str, ...]
) -> None:
    reading = label_reading(col_label, row_label, units)
    assert (reading.unit, reading.source) == decide_unit(col_label, row_label, list(units))
    assert reading.percent_column == is_percent_hint(col_label)
    assert reading.scale == count_scale(reading.unit)
    assert reading.money_unit == (reading.unit if is_money_unit(reading.unit) else None)
    percent = reading.unit == "%" and not is_percent_hint(col_label)
    assert reading.hint == ("%" if percent else col_label)

