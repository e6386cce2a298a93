"""Warehouse tables to files analysts open: CSV and Parquet through DuckDB, Excel through openpyxl."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from openpyxl import Workbook

from pipeline.warehouse.store import Warehouse

Format = Literal["csv", "parquet", "xlsx"]
EXCEL_SHEET_CHARS = 31
EXCEL_MAX_ROWS = 1_048_575


class ExportError(ValueError):
    """An export that cannot be made as asked (an unknown table, a wrong format)."""


def table_names(store: Warehouse) -> list[str]:
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
) -> list[Path]:
    """Write the tables to `out`: a folder of one file per table, one file for a single table named
    with its extension, or one workbook with a sheet per table for Excel."""
    if fmt not in ("csv", "parquet", "xlsx"):
        raise ExportError(f"unknown format {fmt!r}: use csv, parquet or xlsx")
    with Warehouse(warehouse_path, read_only=True) as store:
        names = chosen_tables(store, tables)
        if fmt == "xlsx":
            return [_excel(store, names, out, on_table)]
        single = len(names) == 1 and out.suffix.lower() == f".{fmt}"
        if not single:
            out.mkdir(parents=True, exist_ok=True)
        written = []
        for name in names:
            target = out if single else out / f"{name}.{fmt}"
            option = "(FORMAT parquet)" if fmt == "parquet" else "(HEADER, DELIMITER ',')"
            store.con.execute(f"COPY (SELECT * FROM \"{name}\") TO '{_sql_path(target)}' {option}")
            written.append(target)
            if on_table:
                on_table(name)
        return written


def _excel(store: Warehouse, names: list[str], out: Path, on_table: Callable[[str], None] | None) -> Path:
    target = out if out.suffix.lower() == ".xlsx" else out / "reports.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=False)
    book.remove(book.active)
    for name in names:
        columns, rows = store.query(f'SELECT * FROM "{name}" LIMIT {EXCEL_MAX_ROWS}')
        sheet = book.create_sheet(title=name[:EXCEL_SHEET_CHARS])
        sheet.append(columns)
        for row in rows:
            sheet.append([_excel_value(v) for v in row])
        sheet.freeze_panes = "A2"
        if on_table:
            on_table(name)
    book.save(target)
    return target


def _excel_value(value: object) -> object:
    """Numbers stay numbers; Excel has no type for nested values, so those become text."""
    if value is None or isinstance(value, int | float | str | bool | date | datetime):
        return value
    return str(value)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
