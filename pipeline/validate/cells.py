"""Cell-level checks: typos the normalizer repaired, numbers it could not read, money without a unit."""

from __future__ import annotations

import re

from pipeline.lexicon.labels import label_parts
from pipeline.lexicon.patterns import ENUMERATION
from pipeline.lexicon.words import PLACEHOLDERS, compact, is_identifier, is_serial_header
from pipeline.schemas.records import CellRecord, TableRecord
from pipeline.schemas.validation import ValidationIssue

NUMBER_LIKE = re.compile(r"^[△▲+\-－(]?\d[\d,.\s/()%]*[가-힣%㎡]{0,4}\)?$")
"""A cell that is a number (with at most a short unit), as opposed to text that contains numbers."""

TYPO_FLAGS = {"decimal_comma_typo": "a decimal comma ('{raw}' read as {value:g})"}
"""Normalizer flags that mean the source has a typo, and how to say it."""


def _names_its_row(cell: CellRecord) -> bool:
    """Whether the cell's text is a part of its own row label (a stub cell: `1층` of the row `1층`)."""
    return compact(cell.raw_text) in {compact(part) for part in label_parts(cell.row_label)}


def _looks_numeric(cell: CellRecord, text: str) -> bool:
    """Whether the cell's (stripped) text reads as a number a value should have been read from.

    An item number under 연번 is read as the row's number on purpose; so is a code (`080` under 코드)
    and an ordinal naming its row (`1층`, `1단계` in the stub). Asked only of cells left without a value:
    the regexes and label tests run for a few cells of a table, not for every one."""
    return bool(
        NUMBER_LIKE.match(text)
        and not ENUMERATION.match(text)
        and not is_serial_header(cell.col_label)
        and not is_identifier(text, cell.row_label, cell.col_label)
        and not _names_its_row(cell)
    )


def check_cells(table: TableRecord, cells: list[CellRecord]) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    for cell in cells:
        if cell.is_header:
            continue
        for flag in cell.flags:
            if flag in TYPO_FLAGS:
                issues.append(
                    ValidationIssue(
                        doc_id=cell.doc_id,
                        table_id=cell.table_id,
                        check_name="typo",
                        severity="warning",
                        message="looks like a typo: "
                        + TYPO_FLAGS[flag].format(raw=cell.raw_text, value=cell.value),
                        actual=cell.value,
                        line=cell.line,
                        page=cell.page,
                    )
                )
        if cell.value is not None or cell.value_kind == "date":
            continue  # read (or a date): only a cell left without a value can be an unparsed number
        text = cell.raw_text.strip()
        if text not in PLACEHOLDERS and _looks_numeric(cell, text):
            issues.append(
                ValidationIssue(
                    doc_id=cell.doc_id,
                    table_id=cell.table_id,
                    check_name="unparsed_number",
                    severity="warning",
                    message=f"'{text}' looks like a number but could not be read",
                    line=cell.line,
                    page=cell.page,
                )
            )
    if table.kind != "budget" or table.unit:
        return issues  # only a budget table without a unit can print money as bare counts
    money_like = [
        c for c in cells if not c.is_header and c.value_kind == "count" and c.value and c.value >= 1000
    ]
    if money_like and not any(c.value_kind == "krw" for c in cells):
        first = money_like[0]
        issues.append(
            ValidationIssue(
                doc_id=table.doc_id,
                table_id=table.table_id,
                check_name="missing_unit",
                severity="warning",
                message=(
                    f"budget table '{table.caption or table.table_id}' prints amounts such as "
                    f"{first.raw_text} with no unit: they are not counted as money"
                ),
                line=table.first_line,
                page=table.page,
            )
        )
    return issues
