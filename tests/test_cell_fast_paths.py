"""The cell stage's short cuts read every cell as the plain rules read it.

`parse_number` reads a bare number and a text without a digit without its patterns (searching a footnote
mark only in a text ending as one does), `parse_amount` runs only where an amount can be found, a cell is
tried as a date only when it starts as one, `label_reading` works out once per label what `classify_cell`
used to work out per cell, and `twin_unit` looks amounts up in a document's `printed_amounts` instead of
scanning every annotated cell per table. Each property below
compares the short cut with the plain definition on generated cells: a short cut that reads one cell
otherwise fails it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.extract.kinds import KIND_WORDS, MONEY_UNITS, is_contents, table_kind
from pipeline.extract.tables import MIN_TWIN_AMOUNTS, TWIN_AMOUNT, cell_records, printed_amounts, twin_unit
from pipeline.lexicon.labels import (
    arrow_head_labels,
    cell_origins,
    column_labels,
    filled_grid,
    inline_row_labels,
    row_labels,
    stub_width,
)
from pipeline.lexicon.patterns import BARE_YEAR, CALENDAR_YEAR
from pipeline.lexicon.words import MEASURE_SYNONYMS, NOT_MEASURE_WORDS, compact, measure_of, quantity_kind
from pipeline.normalize.cells import DATE_CELL, _is_date, decide_unit, label_reading
from pipeline.normalize.dates import parse_date
from pipeline.normalize.money import parse_amount
from pipeline.normalize.numbers import (
    FOOTNOTE_ENDS,
    MONEY_UNIT_MARK,
    PLAIN_NUMBER,
    SUPERSCRIPT_FOOTNOTE,
    _read_number,
    is_percent_hint,
    parse_number,
)
from pipeline.normalize.units import count_scale, is_money_unit
from pipeline.parse import laid_out_document
from pipeline.schemas.document import Table
from pipeline.schemas.records import CellRecord

UNITS = (None, "원", "천원", "백만원", "억원", "만", "억", "조", "%", "명", "개소", "천명", "㎡")
HINTS = (None, "예산액", "집행률(%)", "%", "증감 (B-A)/A", "인원", "면적(㎡)", "구성비")
CELL_LETTERS = "0123456789,.△▲-－−+ ()（）[]/~%％원만억조천백십명개소기m²평p*¹)이내비예산집계중화장로年 x"
"""What the cells of a report print around their numbers, and the words and marks of placeholders."""

AFTER_NUMBER = (
    *("", " ", " 원", "억 어절", " (3)", "(3)", "원", "만", "억", "조", "천원", "백만", "천만", "억원"),
    *("만명", "천명", "명", "%", "％", "%p", "개소", "개사", "㎡", "평", "천㎡", "년", "월", "단계"),
    *("이상", "여"),
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
@example("30평", None, None)
@example("45개소", "천원", None)
@example("10이상", "천원", None)
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


@settings(max_examples=2000, deadline=None)
@given(cells | st.text())
@example("비예산¹")
@example("(-)*")
@example("-²)")
def test_a_footnote_mark_is_searched_for_only_where_a_text_ends_as_one_does(text: str) -> None:
    """`_without_digits` searches `SUPERSCRIPT_FOOTNOTE` only in a text ending in `FOOTNOTE_ENDS`: every
    text with its spaces folded where the pattern finds a mark ends so."""
    spaced = " ".join(text.split())
    if SUPERSCRIPT_FOOTNOTE.search(spaced):
        assert spaced[-1] in FOOTNOTE_ENDS


date_cells = st.from_regex(r"[’'‘`(가]?[0-9]{1,4}[ .년월0-9(가)]{0,10}", fullmatch=True)


@settings(max_examples=2000, deadline=None)
@given(date_cells | st.text("0123456789 .년월’'‘`(가)"), st.booleans())
@example("2023.5.8", False)
@example("’24.10월", False)
@example("2027년", False)
@example("2005", True)
def test_a_cell_is_tried_as_a_date_only_where_it_prints_what_a_date_does(
    text: str, year_column: bool
) -> None:
    """`_is_date` skips the date patterns for a cell not starting as a date does, `DATE_CELL` for one
    without a `.`, `CALENDAR_YEAR` for one without 년 or 월: the answer of trying them all."""
    text = text.strip()
    if not text:
        return
    day = bool(DATE_CELL.match(text) and parse_date(text))
    tried = day or bool(CALENDAR_YEAR.match(text) or (BARE_YEAR.match(text) and year_column))
    assert _is_date(text, year_column) == tried


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


def _cell(text: str, kind: str, unit: str | None, col_label: str | None = "예산액") -> CellRecord:
    return CellRecord(
        doc_id="d",
        table_id="t",
        row_idx=1,
        col_idx=1,
        raw_text=text,
        value_kind=kind,
        unit=unit,
        col_label=col_label,
        line=1,
    )


def _twin_unit_by_scan(own: list[CellRecord], others: list[CellRecord]) -> str | None:
    """`twin_unit` as first written: every cell of the annotated tables scanned for each unannotated one."""
    bare = {
        c.raw_text.strip()
        for c in own
        if not c.is_header
        and c.value_kind == "count"
        and c.unit is None
        and TWIN_AMOUNT.match(c.raw_text.strip())
        and "money" in (quantity_kind(c.row_label), quantity_kind(c.col_label))
    }
    units = {
        c.raw_text.strip(): c.unit for c in others if c.value_kind == "krw" and c.raw_text.strip() in bare
    }
    found = set(units.values())
    if len(units) < MIN_TWIN_AMOUNTS or len(found) != 1:
        return None
    unit = found.pop()
    return unit if is_money_unit(unit) and unit != "원" else None


AMOUNT_TEXTS = ("467,600", "1,234", " 1,234 ", "52,100", "12", "3,000,000")
amount_cells = st.tuples(
    st.sampled_from(AMOUNT_TEXTS),
    st.sampled_from(["krw", "count", "text"]),
    st.sampled_from([None, "백만원", "천원", "원", "명"]),
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(amount_cells, max_size=6), st.lists(amount_cells, max_size=10))
@example(
    [("467,600", "count", None), ("1,234", "count", None)],
    [("467,600", "krw", "백만원"), ("1,234", "krw", "백만원"), ("467,600", "krw", "천원")],
)
def test_a_table_takes_the_unit_its_amounts_are_printed_with_elsewhere(
    own: list[tuple[str, str, str | None]], others: list[tuple[str, str, str | None]]
) -> None:
    """`twin_unit` looks the amounts up in `printed_amounts`, built once a document: the unit the scan of
    every annotated cell finds."""
    mine = [_cell(text, kind, unit) for text, kind, unit in own]
    theirs = [_cell(text, kind, unit) for text, kind, unit in others]
    assert twin_unit(mine, printed_amounts(theirs)) == _twin_unit_by_scan(mine, theirs)


RAW = Path(__file__).parent.parent / "raw"


@pytest.fixture(scope="module")
def sample_tables() -> list[Table]:
    return [table for path in sorted(RAW.glob("*.txt")) for table in laid_out_document(path).tables]


def test_label_functions_handed_a_table_grid_read_it_as_their_own(sample_tables: list[Table]) -> None:
    """`cell_records` works out a table's origins, filled grid and stub width once and hands them on:
    every label function reads the same labels as when it works them out itself."""
    assert len(sample_tables) > 20
    for table in sample_tables:
        origins = cell_origins(table)
        grid = filled_grid(table, origins)
        stub = stub_width(table, origins, grid)
        assert stub == stub_width(table)
        assert row_labels(table, origins, stub, grid) == row_labels(table)
        assert column_labels(table, grid) == column_labels(table)
        assert arrow_head_labels(table, grid) == arrow_head_labels(table)
        assert inline_row_labels(table, stub) == inline_row_labels(table)


def test_header_cells_share_no_list_of_flags() -> None:
    """`cell_records` hands every header cell the same `HEADER_FIELDS`: each record still holds a list of
    flags of its own, as a `CellValue()` per cell gave it."""
    document = laid_out_document(sorted(RAW.glob("*.txt"))[0])
    table = next(t for t in document.tables if sum(c.is_header for c in t.cells) > 1)
    headers = [c for c in cell_records(document, table, None) if c.is_header]
    assert all(c.flags == [] and c.value_kind == "text" and c.value is None for c in headers)
    assert len({id(c.flags) for c in headers}) == len(headers)


def _measure_by_words(*labels: str | None) -> str | None:
    """`measure_of` as first written: every measure word looked for, the first printed (the longer of two
    at one place) taken."""
    for label in labels:
        text = compact(label)
        for word in NOT_MEASURE_WORDS:
            text = text.replace(word, "")
        found = [(text.find(word), -len(word), word) for word in MEASURE_SYNONYMS if word in text]
        if found:
            return MEASURE_SYNONYMS[min(found)[2]]
    return None


measure_pieces = st.sampled_from(
    [*MEASURE_SYNONYMS, *NOT_MEASURE_WORDS, "세입세출", "세출외", "연도별", " ", "및"]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.lists(measure_pieces, max_size=5).map("".join), min_size=1, max_size=3))
def test_a_label_names_the_measure_it_prints_first(labels: list[str]) -> None:
    """`measure_of` finds the measure words in one scan (`MEASURE_WORD`): the same measure as looking for
    each word in turn."""
    assert measure_of(*labels) == _measure_by_words(*labels)


def _kind_by_alternatives(header_text: str, caption: str | None, unit: str | None) -> str:
    """`table_kind` as first written: each kind's alternative word sets tried with nested generators."""
    if is_contents(header_text, caption):
        return "other"
    text = "".join(f"{header_text} {caption or ''}".split())
    for kind, alternatives in KIND_WORDS.items():
        if any(all(word in text for word in words) for words in alternatives):
            return kind
    return "budget" if unit and unit.endswith(MONEY_UNITS) else "other"


KIND_TEXT_WORDS = sorted({word for sets in KIND_WORDS.values() for words in sets for word in words})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*KIND_TEXT_WORDS, "구 분", "합계", " ", "목", "차", "···· 1"]), max_size=6),
    st.one_of(st.none(), st.sampled_from(["성과 목표", "목 차", "예산 현황", "현원"])),
    st.one_of(st.none(), st.sampled_from(["백만원", "명", "천원"])),
)
def test_table_kind_takes_the_first_word_set_found(
    words: list[str], caption: str | None, unit: str | None
) -> None:
    """`table_kind` walks the flat `KIND_SETS`: the same kind as trying each kind's alternatives in turn."""
    header = " ".join(words)
    assert table_kind(header, caption, unit) == _kind_by_alternatives(header, caption, unit)
