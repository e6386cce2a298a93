"""Warehouse tables to files analysts open: CSV and Parquet through DuckDB, Excel through openpyxl.

CSV starts with a UTF-8 byte-order mark by default, so Korean Excel opens it without mojibake. The Excel
workbook is written in openpyxl's write-only mode (constant memory, rows streamed from DuckDB in batches):
amounts are numbers shown as `#,##0`, percentages numbers, dates dates; the header row is frozen, has an
autofilter, and columns are as wide as their first rows. Its first sheet is the analysts' summary
(`v_analyst`)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pipeline.outputs.cellsafe import CellLimitError, csv_text_sql, excel_text
from pipeline.warehouse.store import Warehouse

Format = Literal["csv", "parquet", "xlsx"]
EXCEL_SHEET_CHARS = 31
EXCEL_MAX_ROWS = 1_048_575
BOM = "\ufeff".encode()
ANALYST_VIEW = "v_analyst"
"""What a single-file export writes when no table is named, and the workbook's first sheet."""
BATCH_ROWS = 10_000
WIDTH_SAMPLE_ROWS = 200
MAX_WIDTH = 60
AMOUNT_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0##"
DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "yyyy-mm"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
DATE_COLUMNS = re.compile(r"(^|_)(as_of|date|period)$")
"""Text columns holding ISO dates (YYYY-MM-DD / YYYY-MM) that Excel should see as dates."""
PLAIN_INTEGER_COLUMNS = re.compile(r"(year|line|page|idx|level|_id|rank)$")
"""Integers that are positions or years: no thousands separator (2023, not 2,023)."""


class ExportError(ValueError):
    """An export that cannot be made as asked (an unknown table, a wrong format)."""


def table_names(store: Warehouse) -> list[str]:
    """Tables and views of the warehouse."""
    _, rows = store.query("SELECT table_name FROM information_schema.tables ORDER BY table_name")
    return [r[0] for r in rows]


def chosen_tables(store: Warehouse, tables: list[str] | None) -> list[str]:
    """The tables to export: all of them by default; an unknown name is an error listing the valid ones."""
    known = table_names(store)
    if not tables:
        return known
    unknown = [t for t in tables if t not in known]
    if unknown:
        raise ExportError(f"unknown table {', '.join(unknown)}: choose from {', '.join(known)}")
    return tables


def export(
    warehouse_path: Path,
    out: Path,
    fmt: Format,
    tables: list[str] | None = None,
    on_table: Callable[[str], None] | None = None,
    bom: bool = True,
) -> list[Path]:
    """Write the tables to `out`: a folder of one file per table, or one file named with the format's
    extension (the one table asked for, else the analysts' summary), or one workbook for Excel."""
    if fmt not in ("csv", "parquet", "xlsx"):
        raise ExportError(f"unknown format {fmt!r}: use csv, parquet or xlsx")
    with Warehouse(warehouse_path, read_only=True) as store:
        names = chosen_tables(store, tables)
        if fmt == "xlsx":
            return [_excel(store, names, out, on_table)]
        if out.suffix.lower() == f".{fmt}":
            if tables and len(tables) > 1:
                raise ExportError(f"{out} is one file: name one --table, or give a folder for several")
            names = tables or [ANALYST_VIEW]
            single = True
        else:
            single = False
            out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in names:
            target = out if single else out / f"{name}.{fmt}"
            target.parent.mkdir(parents=True, exist_ok=True)
            if fmt == "csv":
                _csv(store, name, target, bom)
            else:
                store.con.execute(
                    f"COPY (SELECT * FROM \"{name}\") TO '{_sql_path(target)}' (FORMAT parquet)"
                )
            written.append(target)
            if on_table:
                on_table(name)
        return written


def _csv_select(store: Warehouse, name: str) -> str:
    """The table with formula-like text escaped (pipeline/outputs/cellsafe.py); other columns as stored."""
    cursor = store.con.execute(f'SELECT * FROM "{name}" LIMIT 0')
    columns = [(d[0], str(d[1]).upper()) for d in cursor.description]
    parts = [csv_text_sql(c) if t == "VARCHAR" else '"' + c.replace('"', '""') + '"' for c, t in columns]
    return f'SELECT {", ".join(parts)} FROM "{name}"'


def _csv(store: Warehouse, name: str, target: Path, bom: bool) -> None:
    """DuckDB writes the CSV; the BOM is put in front by streaming the file once (constant memory)."""
    select = _csv_select(store, name)
    if not bom:
        store.con.execute(f"COPY ({select}) TO '{_sql_path(target)}' (HEADER, DELIMITER ',')")
        return
    body = target.with_name(target.name + ".part")
    store.con.execute(f"COPY ({select}) TO '{_sql_path(body)}' (HEADER, DELIMITER ',')")
    try:
        with target.open("wb") as sink, body.open("rb") as source:
            sink.write(BOM)
            shutil.copyfileobj(source, sink)
    finally:
        body.unlink(missing_ok=True)


def sheet_order(names: list[str]) -> list[str]:
    """The analysts' summary first, then tables, then the other views."""
    first = [n for n in names if n == ANALYST_VIEW]
    return first + [n for n in names if n != ANALYST_VIEW and not n.startswith("v_")] + [
        n for n in names if n != ANALYST_VIEW and n.startswith("v_")
    ]


def _batches(store: Warehouse, name: str) -> tuple[list[str], list[str], Iterator[list[tuple[Any, ...]]]]:
    counted = store.con.execute(f'SELECT count(*) FROM "{name}"').fetchone()
    total = counted[0] if counted else 0
    if total > EXCEL_MAX_ROWS:
        raise ExportError(
            f"{name} has {total:,} rows, more than the {EXCEL_MAX_ROWS:,} an Excel sheet holds: export it "
            "as CSV or Parquet, or leave it out with --table"
        )
    cursor = store.con.cursor()
    cursor.execute(f'SELECT * FROM "{name}"')
    columns = [d[0] for d in cursor.description]
    types = [str(d[1]) for d in cursor.description]

    def rows() -> Iterator[list[tuple[Any, ...]]]:
        try:
            while batch := cursor.fetchmany(BATCH_ROWS):
                yield batch
        finally:
            cursor.close()

    return columns, types, rows()


def column_format(name: str, duck_type: str) -> str | None:
    """The Excel number format of a column, from its name and DuckDB type."""
    upper = duck_type.upper()
    if DATE_COLUMNS.search(name) or upper == "DATE":
        return DATE_FORMAT
    if upper.startswith("TIMESTAMP"):
        return "yyyy-mm-dd hh:mm"
    if any(upper.startswith(t) for t in ("BIGINT", "INTEGER", "HUGEINT", "SMALLINT", "INT")):
        return None if PLAIN_INTEGER_COLUMNS.search(name) else AMOUNT_FORMAT
    if upper in ("DOUBLE", "FLOAT", "REAL") or upper.startswith("DECIMAL"):
        return "0.0" if name.endswith("pct") else DECIMAL_FORMAT
    return None


def excel_value(value: object, column: str = "") -> object:
    """Numbers stay numbers, ISO date text in a date column becomes a date; Excel has no type for nested
    values, so those become text."""
    if isinstance(value, str) and DATE_COLUMNS.search(column):
        if ISO_DAY.match(value):
            return date.fromisoformat(value)
        if ISO_MONTH.match(value):
            return date.fromisoformat(value + "-01")
    if value is None or isinstance(value, int | float | str | bool | date | datetime):
        return value
    return str(value)


def _width(value: object) -> int:
    text = f"{value:,}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _excel(store: Warehouse, names: list[str], out: Path, on_table: Callable[[str], None] | None) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    target = out if out.suffix.lower() == ".xlsx" else out / "reports.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for name in sheet_order(names):
        columns, types, batches = _batches(store, name)
        sheet = book.create_sheet(title=name[:EXCEL_SHEET_CHARS])
        formats = [column_format(c, t) for c, t in zip(columns, types, strict=True)]
        first = next(batches, [])
        for i, column in enumerate(columns):
            sample = [_width(row[i]) for row in first[:WIDTH_SAMPLE_ROWS] if row[i] is not None]
            width = min(MAX_WIDTH, max([_width(column), *sample]) + 2)
            sheet.column_dimensions[get_column_letter(i + 1)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        count = 0
        for batch in _chain(first, batches):
            for row in batch:
                cells = []
                for value, column, number_format in zip(row, columns, formats, strict=True):
                    shown = excel_value(value, column)
                    if isinstance(shown, str):
                        try:
                            shown = excel_text(shown)
                        except CellLimitError as error:
                            raise ExportError(f"{name}, row {count + 1}, column {column}: {error}") from error
                    cell = WriteOnlyCell(sheet, value=shown)
                    if isinstance(shown, str):
                        cell.data_type = "s"  # text, never a formula, whatever it starts with
                    if number_format and cell.value is not None and not isinstance(cell.value, str):
                        cell.number_format = (
                            MONTH_FORMAT
                            if isinstance(value, str) and ISO_MONTH.match(value)
                            else number_format
                        )
                    cells.append(cell)
                sheet.append(cells)
                count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}{count + 1}"
        if on_table:
            on_table(name)
    book.save(target)
    return target


def _chain(first: list, rest: Iterator[list]) -> Iterator[list]:
    if first:
        yield first
    yield from rest


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
