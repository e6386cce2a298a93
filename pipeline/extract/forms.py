"""Form cells (`사업규모 : 20백만원(국비 10, 시비 10)` lines in a cell) as a table nested in their column.

Layout gives a cell that prints one `key : value` per line its fields (`pipeline/layout/forms.py`). A
person reads each field as a column of the row: the form's keys are the nested table's columns, one row
per form, and the row is named by the cells left of the form (the item number, `5`) and the form's name
field (the first key ending in 명, else the first key): `5 노인 의료‧돌봄 통합지원 기술지원형 시범사업`.
A money value that prints its breakdown gives one more cell per part in the total's unit (`사업규모 국비` = 10
백만원) or per share of it (`242,000천원(국비50%, 시비50%)`: `사업규모 국비` = 50 %), read by the parser of
money in prose (`find_money`). A year (`2025년`) is a date, not a count.
"""

from __future__ import annotations

import re

from pipeline.extract.kinds import table_kind
from pipeline.lexicon.labels import filled_grid
from pipeline.normalize import CellValue, MoneyMention, classify_cell, find_money, normalize_name
from pipeline.normalize.money import NUMBER
from pipeline.schemas.document import Cell, FormField, Table
from pipeline.schemas.records import CellRecord, TableRecord

PART_UNIT = r"(?:\s*[천백만억조]+원?|\s*원|\s*%)?"
"""The unit a part may print after its number (`국비 0.9억`, `국비50%`)."""
YEAR_COUNTER = "년"
"""A field printing a number of 년 (`2025년`) gives a year, not a count."""
NAME_KEY_END = "명"
"""The key of a form's name field ends so: 사업명, 과제명, 시설명."""


def _row_label(left: list[str], fields: list[FormField], previous: str | None) -> str:
    """The cells left of the form and its name field; a form with neither goes on from the form above
    (a cell cut by a page break: `사업기간 : ’26년` … at the top of the next page)."""
    named = [f for f in fields if f.key.endswith(NAME_KEY_END)]
    if not named and not left and previous is not None:
        return previous
    return " ".join([*dict.fromkeys(left), normalize_name((named or fields)[0].text)])


def _columns(forms: list[Cell], money: dict[tuple[int, str], MoneyMention]) -> list[tuple[str, str | None]]:
    """(key, part label or None) of every column, in the order the forms print them."""
    columns: list[tuple[str, str | None]] = []
    for cell in forms:
        for field in cell.fields:
            found = money.get((cell.row, field.key))
            parts = [(field.key, label) for label in _part_labels(found)] if found else []
            for column in [(field.key, None), *parts]:
                if column not in columns:
                    columns.append(column)
    return columns


def _printed_part(text: str, label: str) -> str:
    """The part as printed (`국비 10`), or its label when the bracket spells it otherwise (`국` for 국비)."""
    found = re.search(rf"{re.escape(label)}\s*[:：]?\s*[△▲\-]?(?:{NUMBER.pattern}){PART_UNIT}", text)
    return found.group(0) if found else label


def form_tables(
    table: Table, record: TableRecord, unit: str | None
) -> tuple[list[TableRecord], list[CellRecord]]:
    """One nested table per column of `table` whose cells are forms, with its cell records."""
    tables: list[TableRecord] = []
    cells: list[CellRecord] = []
    form_cols = sorted({c.col for c in table.cells if c.fields})
    if not form_cols:
        return tables, cells  # most tables hold no form: their grid is not filled in for nothing
    grid = filled_grid(table)
    for col in form_cols:
        forms = sorted((c for c in table.cells if c.col == col and c.fields), key=lambda c: c.row)
        child = record.model_copy(
            update={
                "table_id": f"{record.table_id}.{col}",
                "parent_table_id": record.table_id,
                "kind": table_kind(" ".join(f.key for c in forms for f in c.fields), record.caption, unit),
                "n_rows": table.n_rows,
                "header_rows": 1,
                "first_line": min(f.line for c in forms for f in c.fields),
                "last_line": max(f.line for c in forms for f in c.fields),
                "page": forms[0].page,
            }
        )
        labels: dict[int, str] = {}
        previous: str | None = None
        for cell in forms:
            left = [" ".join(text.split()) for text in grid[cell.row][:col] if text.strip()]
            labels[cell.row] = previous = _row_label(left, cell.fields, previous)
        values = {
            (cell.row, field.key): _field_value(field, unit, labels[cell.row])
            for cell in forms
            for field in cell.fields
        }
        money = {
            at: found[0]
            for at, value in values.items()
            if value.value_kind == "krw"
            and (found := find_money(_field(forms, at).text))
            and (found[0].parts or found[0].shares)
        }
        columns = _columns(forms, money)
        child.n_cols = len(columns)
        tables.append(child)
        cells += [
            CellRecord(
                doc_id=record.doc_id,
                table_id=child.table_id,
                row_idx=0,
                col_idx=k,
                col_label=_label(column),
                raw_text=column[1] or column[0],
                value_kind="text",
                is_header=True,
                line=forms[0].line,
                page=forms[0].page,
            )
            for k, column in enumerate(columns)
        ]
        for cell in forms:
            for field in cell.fields:
                at = (cell.row, field.key)
                k = columns.index((field.key, None))
                cells.append(_record(child, cell, k, field, labels[cell.row], values[at]))
                if at in money:
                    cells += _part_records(
                        child, cell, field, labels[cell.row], values[at], money[at], columns
                    )
    return tables, cells


def _field(forms: list[Cell], at: tuple[int, str]) -> FormField:
    row, key = at
    return next(f for c in forms if c.row == row for f in c.fields if f.key == key)


def _part_records(
    table: TableRecord,
    cell: Cell,
    field: FormField,
    row_label: str,
    total: CellValue,
    money: MoneyMention,
    columns: list[tuple[str, str | None]],
) -> list[CellRecord]:
    """One cell per part of an amount's breakdown, in the total's unit (`국비 10` of `20백만원`), or a
    share of it (`국비50%` of `242,000천원`)."""
    records = []
    shares = [
        (label, CellValue(value=float(pct), value_kind="pct", unit="%", unit_source="value"))
        for label, pct in money.shares
    ]
    parts = [
        (
            label,
            CellValue(
                value=won / money.unit_won,
                value_kind="krw",
                amount_krw=won,
                unit=total.unit,
                unit_source="value",
            ),
        )
        for label, won in money.parts
    ]
    for label, share in dict(parts or shares).items():
        printed = FormField(key=field.key, text=_printed_part(field.text, label), line=field.line)
        k = columns.index((field.key, label))
        records.append(_record(table, cell, k, printed, row_label, share, _label((field.key, label))))
    return records


def _part_labels(money: MoneyMention) -> list[str]:
    return [label for label, _ in money.parts] or [label for label, _ in money.shares]


def _label(column: tuple[str, str | None]) -> str:
    return " ".join(part for part in column if part)


def _field_value(field: FormField, unit: str | None, row_label: str) -> CellValue:
    value = classify_cell(field.text, unit, row_label=row_label, col_label=field.key)
    if value.value_kind == "count" and value.unit == YEAR_COUNTER:
        return CellValue(value_kind="date")  # 사업기간 : 2025년, ’26년(1년간)
    return value


def _record(
    table: TableRecord,
    cell: Cell,
    col: int,
    field: FormField,
    row_label: str,
    value: CellValue,
    col_label: str | None = None,
) -> CellRecord:
    box = cell.bbox or (None, None, None, None)
    return CellRecord(
        doc_id=table.doc_id,
        table_id=table.table_id,
        row_idx=cell.row,
        col_idx=col,
        row_label=row_label,
        col_label=col_label or field.key,
        raw_text=field.text,
        **value.record_fields(),
        line=field.line,
        page=cell.page,
        x0=box[0],
        top=box[1],
        x1=box[2],
        bottom=box[3],
    )
