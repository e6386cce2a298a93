"""One table cell to a comparable value: the unit on the value beats the column's, which beats the table's."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from pipeline.lexicon.labels import LABEL_PATH_SEPARATOR
from pipeline.lexicon.patterns import BARE_YEAR, CALENDAR_YEAR, YEAR_COLUMN
from pipeline.lexicon.words import SHARE_WORDS, any_word, quantity_kind
from pipeline.normalize.dates import parse_date
from pipeline.normalize.numbers import is_percent_hint, parse_number
from pipeline.normalize.units import (
    BIG_UNITS,
    MONEY_UNITS,
    count_scale,
    header_count_unit,
    is_money_unit,
    label_unit,
    parse_unit_annotation,
)
from pipeline.schemas.records import CellFlag, ValueKind

NOT_MONEY_LABELS = re.compile(
    r"(수|인원|명|건수|개소|면적|(?<!운용|예산|사업|재정|투자|지원|기금)규모|연번|순위|쪽|층|비율|비중|%|률|율|년도|연도)$"
)
"""Column labels whose numbers are not amounts even in a table whose unit is money (`지원과제 수`, `면적`);
a 규모 of money (`운용규모`, `예산규모`, `사업규모`) is an amount."""

BRACKETED = re.compile(r"[(（]([^()（）]*)[)）]")
DATE_CELL = re.compile(r"^[’'‘`]?\d{2,4}\s*\.\s*\d{1,2}\s*\.\s*(?:\d{1,2}\s*\.?)?\s*(?:\(.\))?$")


@dataclass
class CellValue:
    """What a cell holds, beside its printed text."""

    value: float | None = None
    value_kind: ValueKind = "text"
    amount_krw: int | None = None
    unit: str | None = None
    secondary_value: float | None = None
    secondary_kind: ValueKind | None = None
    secondary_unit: str | None = None
    footnote: str | None = None
    flags: list[CellFlag] = field(default_factory=list)
    unit_source: str | None = None
    """value, header, annotation, annotation_by_kind or row_label: see `CellRecord.unit_source`."""
    qualifier: str | None = None
    """The word naming what the number counts when the cell prints one before it (`(화장로 15기)`)."""

    def record_fields(self) -> dict[str, Any]:
        """The fields a `CellRecord` takes from this value (the qualifier goes into its column label)."""
        return {
            "value": self.value,
            "value_kind": self.value_kind,
            "amount_krw": self.amount_krw,
            "unit": self.unit,
            "secondary_value": self.secondary_value,
            "secondary_kind": self.secondary_kind,
            "secondary_unit": self.secondary_unit,
            "footnote": self.footnote,
            "unit_source": self.unit_source,
            "flags": self.flags,
        }


def column_unit(col_label: str | None, table_unit: str | None) -> str | None:
    """The unit that applies to a column's bare numbers."""
    from_header = parse_unit_annotation(col_label)
    if from_header:
        return from_header
    label = "".join((col_label or "").split())
    if is_money_unit(table_unit) and NOT_MONEY_LABELS.search(re.sub(r"\(.*?\)$", "", label)):
        return None
    return table_unit


def _innermost(label: str | None) -> str | None:
    return label.split(LABEL_PATH_SEPARATOR)[-1] if label else None


def _outward(label: str | None) -> list[str]:
    """The parts of a row label path, innermost first."""
    return label.split(LABEL_PATH_SEPARATOR)[::-1] if label else []


def _unit_of_kind(kind: str | None, label: str | None, units: list[str]) -> str | None:
    """Which of several annotated units a label of this kind takes; None when the label does not say."""
    if kind == "money":
        return next((u for u in units if is_money_unit(u)), None)
    if kind == "rate":
        return "%" if "%" in units else None
    if kind == "count":
        counts = [u for u in units if not is_money_unit(u) and u != "%"]
        named = [u for u in counts if u in "".join((label or "").split())]
        return named[0] if named else counts[0] if len(counts) == 1 else None
    return None


RATE_ENDING = re.compile(r"(?:률|율|비율|비중|%)$")
"""A label ending in a rate word names rates (`조정률`, `지방부담률`); one holding it inside does not
(`자율주택정비사업`)."""


def _names_a_rate(label: str | None) -> bool:
    return bool(RATE_ENDING.search(re.sub(r"\s+|\(.*?\)$", "", label or "")))


def decide_unit(
    col_label: str | None, row_label: str | None, units: list[str]
) -> tuple[str | None, str | None]:
    """(unit, how it was decided) for a cell's bare numbers, before looking at the value itself.

    A unit printed in the column header (or the header is a unit: `%`) wins, then one printed in the row
    label (its innermost part first: `10.비용편익분석 (단위:백만원) > 피규제자`, a unit printed in a
    section's label cell, is that of the rows under it; or the row label is a unit: the `억원` row of a
    transposed table), then the table's one
    annotated unit; with several annotated units (`(단위 : 개소, 백만원)`) the column's kind of words
    decides (money, count, rate), else the row label's (`수 출 액`, `참여기업 수`), else the one
    annotated unit that is not `%` when no label says what its numbers are."""
    for label in (col_label, *_outward(row_label)):
        printed = header_count_unit(label) or parse_unit_annotation(label) or label_unit(label)
        if printed:
            return printed, "header"
    if not units:
        return None, None
    if len(units) == 1:
        rates = _names_a_rate(_innermost(row_label)) and quantity_kind(col_label) != "money"
        if is_money_unit(units[0]) and rates:
            return None, None  # a row of rates in a money table: `조정률 | 0.890 | …` under `(단위: 조원)`
        return column_unit(col_label, units[0]), "annotation"
    by_column = _unit_of_kind(quantity_kind(col_label), col_label, units)
    if by_column:
        return by_column, "annotation_by_kind"
    row = _innermost(row_label)
    by_row = _unit_of_kind(quantity_kind(row), row, units)
    if by_row:
        return by_row, "row_label"
    others = [u for u in units if u != "%"]
    if len(others) == 1 and quantity_kind(col_label) is None and quantity_kind(row) is None:
        # `(단위 : 백만원, %)`: the one unit that is not a rate is that of every column whose words do not
        # say otherwise (`2023 결산`, `2025 정부안(B)`)
        return column_unit(col_label, others[0]), "annotation"
    return None, None


class LabelReading(NamedTuple):
    """What a cell's labels and the table's units say about reading its number, whatever it prints."""

    unit: str | None
    """The unit its bare number takes (`decide_unit`)."""
    source: str | None
    """How that unit was decided (`decide_unit`)."""
    hint: str | None
    """The column hint `parse_number` reads with: the column label, or `%` for a unit of % under a head
    that does not say so."""
    scale: tuple[int, str] | None
    """(scale, base unit) of a scaled count unit (`천명`)."""
    money_unit: str | None
    """The unit when it is money."""
    percent_column: bool
    """The column label says its numbers are percentages."""
    year_column: bool
    """The column label ends in a year word (`설치 년도`): a bare year under it is a year."""


@lru_cache(maxsize=4096)  # the cells of a column (or row) share their labels and units
def label_reading(col_label: str | None, row_label: str | None, units: tuple[str, ...]) -> LabelReading:
    """The reading of a cell's number its labels and the table's units decide, worked out once for the
    cells sharing them."""
    effective, source = decide_unit(col_label, row_label, list(units))
    percent_column = is_percent_hint(col_label)
    return LabelReading(
        unit=effective,
        source=source,
        hint="%" if effective == "%" and not percent_column else col_label,
        scale=count_scale(effective),
        money_unit=effective if is_money_unit(effective) else None,
        percent_column=percent_column,
        year_column=bool(YEAR_COLUMN.search(col_label or "")),
    )


PRINTED_MONEY_UNIT = any_word((*MONEY_UNITS, *BIG_UNITS))
"""A money unit printed in a cell's text (`3억원`, `45만`)."""
DATE_STARTS = frozenset("’'‘`")
"""What a date or a year can start with besides a digit (`DATE_CELL`, `CALENDAR_YEAR`, `BARE_YEAR`, on
stripped text): a cell starting otherwise is no date without trying them. A `DATE_CELL` holds a `.`, a
`CALENDAR_YEAR` a 년 or a 월."""


def _printed_on_value(text: str, kind: str, unit: str | None) -> bool:
    """Whether the cell text itself prints the unit its value was read with (`45개소`, `3억원`, `5%`)."""
    if kind == "krw":
        return bool(PRINTED_MONEY_UNIT.search(text))
    if kind == "pct":
        return "%" in text or "％" in text
    return unit is not None and unit in text


def _is_date(text: str, year_column: bool) -> bool:
    """A date, a year or a month alone in a (stripped, non-empty) cell: `2023.5.8`, `2027년` under 시기,
    `’24.10월`, `2005` under 설치 년도."""
    if not (text[0] in DATE_STARTS or text[0].isdecimal()):
        return False
    if "." in text and DATE_CELL.match(text) and parse_date(text):
        return True
    if ("년" in text or "월" in text) and CALENDAR_YEAR.match(text):
        return True
    return year_column and bool(BARE_YEAR.match(text))


def classify_cell(
    raw_text: str,
    unit: str | None,
    row_label: str | None = None,
    col_label: str | None = None,
    units: list[str] | None = None,
) -> CellValue:
    """Value, kind, amount in won and unit of one cell; the raw text is never changed.

    `units` are all the units the table's annotation lists (`unit` alone stands for `[unit]`)."""
    text = raw_text.strip()
    if not text:
        return CellValue()
    listed = tuple(units) if units is not None else (unit,) if unit else ()
    reading = label_reading(col_label, row_label, listed)
    if _is_date(text, reading.year_column):
        return CellValue(value_kind="date", unit=None)  # `2027년` under 시기, `2005` under 설치 년도
    effective, source = reading.unit, reading.source
    parsed = parse_number(text, reading.money_unit, column_hint=reading.hint)
    if parsed is None:
        return CellValue(value_kind="text")
    flags: list[CellFlag] = list(parsed.flags)
    if parsed.pair is not None:
        flags.append("pair")
    if parsed.is_placeholder:
        return CellValue(value_kind="other", flags=["placeholder"])
    value = float(parsed.value) if parsed.value is not None else None
    unit_out = parsed.unit
    if _printed_on_value(text, parsed.kind, parsed.unit):
        source = "value"
    elif parsed.kind == "count" and effective and not is_money_unit(effective) and effective != "%":
        if reading.scale and value is not None:
            value, unit_out = value * reading.scale[0], reading.scale[1]
            flags.append("scaled")
        else:
            unit_out = effective
    elif parsed.kind == "pct" and source is None and reading.percent_column:
        source = "header"
    elif unit_out is None:
        source = None
    return CellValue(
        value=value,
        value_kind=parsed.kind,
        amount_krw=parsed.amount_krw,
        unit=unit_out,
        secondary_value=_float(parsed.secondary),
        secondary_kind=secondary_kind(parsed.kind, parsed.secondary, parsed.secondary_unit, col_label),
        secondary_unit=parsed.secondary_unit,
        footnote=parsed.footnote,
        flags=flags,
        unit_source=source if unit_out else None,
        qualifier=parsed.qualifier,
    )


def secondary_kind(
    kind: ValueKind, secondary: Decimal | None, unit: str | None, col_label: str | None = None
) -> ValueKind | None:
    """What the second value of a cell is: a share when printed with % or when the header names a share in
    brackets (`51,288(30.7)` under `예산액 (구성비)`), else the same kind as the first (현원 beside 정원, 평
    beside ㎡ stays an area)."""
    if secondary is None:
        return None
    if unit in ("%", "％"):
        return "pct"
    bracketed = " ".join(BRACKETED.findall(col_label or ""))
    if kind != "pct" and any(word in bracketed for word in SHARE_WORDS):
        return "pct"
    return kind


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


__all__ = ["CellValue", "classify_cell", "column_unit", "decide_unit", "is_percent_hint"]
