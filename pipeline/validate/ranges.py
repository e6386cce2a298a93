"""Values no report prints: an amount past any public budget, or a number past what the warehouse stores.

Such a value is a misread (a unit applied to the wrong table, two numbers run together). The document
still loads: the derived value is dropped (the printed text stays in `raw_text`; a fact whose amount is its
substance is left out) and an issue names it, so one misread never costs the document's other facts.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from operator import itemgetter
from typing import Literal, get_args, get_origin

from pydantic import BaseModel

from pipeline.schemas.validation import ValidationIssue

INT64_RANGE = (-(2**63), 2**63 - 1)
"""What the warehouse's BIGINT/INTEGER columns (and Arrow) hold."""

MAX_AMOUNT_KRW = 10**16
"""1경 won: four times Korea's GDP (about 2,500조 won), far above any amount a public report prints."""


def bound_values(
    doc_id: str, records: dict[str, list[BaseModel]], max_amount_krw: int = MAX_AMOUNT_KRW
) -> tuple[dict[str, list[BaseModel]], list[ValidationIssue]]:
    """The records with every out-of-range value set to None, and one issue per value dropped.

    A table's rows are looked at one by one (`bounded_rows`) only when one of its number columns holds
    something larger than both bounds allow (`might_overflow`): the columns of a report's ~2,000 records
    are screened in a few C-level passes, and nearly every document keeps all its rows as they are."""
    issues: list[ValidationIssue] = []
    bounded: dict[str, list[BaseModel]] = {}
    for table, rows in records.items():
        if rows and might_overflow(rows, max_amount_krw):
            bounded[table], dropped = bounded_rows(doc_id, table, rows, max_amount_krw)
            issues += dropped
        else:
            bounded[table] = rows
    return bounded, issues


def might_overflow(rows: list[BaseModel], max_amount_krw: int = MAX_AMOUNT_KRW) -> bool:
    """Whether some number field of these records (all of one model) may be past a bound: its largest
    magnitude over all rows is above the smaller of the two bounds, or cannot be told (a value without a
    magnitude, a NaN). Never False where `bounded_rows` would drop a value."""
    models = set(map(type, rows))
    if len(models) > 1:
        return True  # records of several models (a subclass among them): looked at row by row
    limit = min(max_amount_krw, INT64_RANGE[1])
    fields = [row.__dict__ for row in rows]
    for name in _numeric_fields(models.pop()):
        try:
            peak = max(map(abs, filter(None, map(itemgetter(name), fields))), default=0)
        except TypeError:
            return True  # a value without abs() (a bounding box tuple): looked at row by row
        if not peak <= limit:  # also a NaN, which hides what follows it from max()
            return True
    return False


def bounded_rows(
    doc_id: str, table: str, rows: list[BaseModel], max_amount_krw: int = MAX_AMOUNT_KRW
) -> tuple[list[BaseModel], list[ValidationIssue]]:
    """One table's records with every out-of-range value set to None (a record whose amount is its
    substance left out), and one issue per value dropped."""
    issues: list[ValidationIssue] = []
    kept: list[BaseModel] = []
    for record in rows:
        # the field values themselves: iterating the model goes through pydantic's generator per record
        fields = record.__dict__
        drop = out_of_range({n: fields[n] for n in _numeric_fields(type(record))}, max_amount_krw)
        if drop:
            issues += [_issue(doc_id, table, record, name, value) for name, value in drop.items()]
            if not all(_allows_none(record, name) for name in drop):
                continue
            record = record.model_copy(update=dict.fromkeys(drop))
        kept.append(record)
    return kept, issues


def out_of_range(values: dict[str, object], max_amount_krw: int = MAX_AMOUNT_KRW) -> dict[str, int]:
    """A record's integer fields (name -> value, in field order) holding what no report prints or no
    column stores. One loop without a call per value: it runs on every field of every record of a
    document (about 500,000 values in a sample report)."""
    low, high = INT64_RANGE
    drop: dict[str, int] = {}
    for name, value in values.items():
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and (not low <= value <= high or (abs(value) > max_amount_krw and name.endswith("_krw")))
        ):
            drop[name] = value
    return drop


NOT_NUMBERS = (str, bool, type(None), date, datetime)
"""Field types that never hold an integer: their fields are not looked at."""


@cache
def _numeric_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record model that can hold an integer (any annotation other than text, flags,
    dates, booleans and lists of them), in field order: about half of a cell record's 27 fields."""
    return tuple(n for n, f in model.model_fields.items() if not _never_a_number(f.annotation))


def _never_a_number(annotation: object) -> bool:
    if annotation in NOT_NUMBERS:
        return True
    if get_origin(annotation) is Literal:
        return all(isinstance(a, str) for a in get_args(annotation))
    args = get_args(annotation)
    return bool(args) and all(_never_a_number(a) for a in args)


def _allows_none(record: BaseModel, name: str) -> bool:
    """Whether the field may be empty; a fact whose amount is its substance (a budget fact) may not,
    and is left out instead."""
    annotation = type(record).model_fields[name].annotation
    return annotation is None or type(None) in get_args(annotation)


def _issue(doc_id: str, table: str, record: BaseModel, name: str, value: int) -> ValidationIssue:
    printed = getattr(record, "raw_text", None) or getattr(record, "text", None)
    return ValidationIssue(
        doc_id=doc_id,
        table_id=getattr(record, "table_id", None),
        check_name="implausible_amount",
        severity="error",
        message=(
            f"{table}.{name} read as {value:,}"
            + (f" from {printed!r}" if printed else "")
            + ": beyond any amount a report prints or the warehouse stores; the amount or its unit is"
            " misread, so the value is left empty"
            + ("" if _allows_none(record, name) else " and the record left out")
        ),
        actual=float(value),
        line=getattr(record, "line", None),
        page=getattr(record, "page", None),
    )
