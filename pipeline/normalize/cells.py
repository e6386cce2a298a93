"""One table cell to a comparable value: the unit on the value beats the column's, which beats the table's."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.normalize.dates import parse_date
from pipeline.normalize.numbers import is_percent_hint, parse_number
from pipeline.normalize.units import is_money_unit, parse_unit_annotation
from schemas.records import CellFlag, ValueKind

NOT_MONEY_LABELS = re.compile(
    r"(수|인원|명|건수|개소|면적|규모|연번|순위|쪽|층|비율|비중|%|률|율|년도|연도)$"
)
"""Column labels whose numbers are not amounts even in a table whose unit is money (`지원과제 수`, `면적`)."""

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


def column_unit(col_label: str | None, table_unit: str | None) -> str | None:
    """The unit that applies to a column's bare numbers."""
    from_header = parse_unit_annotation(col_label)
    if from_header:
        return from_header
    label = "".join((col_label or "").split())
    if is_money_unit(table_unit) and NOT_MONEY_LABELS.search(re.sub(r"\(.*?\)$", "", label)):
        return None
    return table_unit


def classify_cell(
    raw_text: str, unit: str | None, row_label: str | None = None, col_label: str | None = None
) -> CellValue:
    """Value, kind, amount in won and unit of one cell; the raw text is never changed."""
    text = raw_text.strip()
    if not text:
        return CellValue()
    if DATE_CELL.match(text) and parse_date(text):
        return CellValue(value_kind="date", unit=None)
    effective = column_unit(col_label, unit)
    parsed = parse_number(text, effective, column_hint=col_label)
    if parsed is None:
        return CellValue(value_kind="text")
    flags: list[CellFlag] = list(parsed.flags)
    if parsed.pair is not None:
        flags.append("pair")
    if parsed.is_placeholder:
        return CellValue(value_kind="other", flags=["placeholder"])
    return CellValue(
        value=_float(parsed.value),
        value_kind=parsed.kind,
        amount_krw=parsed.amount_krw,
        unit=parsed.unit,
        secondary_value=_float(parsed.secondary),
        secondary_kind=secondary_kind(parsed.kind, parsed.secondary, parsed.secondary_unit),
        secondary_unit=parsed.secondary_unit,
        footnote=parsed.footnote,
        flags=flags,
    )


def secondary_kind(kind: ValueKind, secondary: Decimal | None, unit: str | None) -> ValueKind | None:
    """What the second value of a cell is: a share when printed with %, else the same kind as the first
    (현원 beside 정원, 평 beside ㎡ stays an area)."""
    if secondary is None:
        return None
    if unit in ("%", "％"):
        return "pct"
    return kind


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


__all__ = ["CellValue", "classify_cell", "column_unit", "is_percent_hint"]
