"""`pipeline query` as a library: SQL from text, a file or stdin, run read-only, rendered as a table for
people or as CSV / JSON / JSON lines for programs (values whole, never cut to fit a terminal)."""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal

from pipeline.warehouse.store import Warehouse

QueryFormat = Literal["table", "csv", "json", "jsonl"]
FORMATS: tuple[str, ...] = ("table", "csv", "json", "jsonl")
PLAIN_NUMBER_COLUMNS = re.compile(r"(year|line|page|idx|level|_id|rank)$", re.IGNORECASE)
"""Integer columns that are identifiers, years or positions: no thousands separators (2023, not 2,023)."""


@dataclass(frozen=True)
class QueryResult:
    """Column names, the rows kept, and whether more rows were left off by the limit."""

    names: list[str]
    rows: list[tuple[Any, ...]]
    more: bool = False


def read_sql(source: str, stdin: IO[str] | None = None) -> str:
    """The SQL itself: `-` reads stdin, an existing file is read, anything else is the SQL text."""
    if source == "-":
        return (stdin or sys.stdin).read()
    if "\n" not in source and len(source) < 4096 and source.rstrip().endswith(".sql"):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"no SQL file {source}")
        return path.read_text(encoding="utf-8")
    return source


def run_query(
    warehouse_path: Path, sql: str, limit: int | None = None, external_access: bool = False
) -> QueryResult:
    """Run SQL against the warehouse opened read-only; keep at most `limit` rows. Without
    `external_access` the SQL cannot read or write any other file (DuckDB's setting, locked)."""
    if not sql.strip():
        raise ValueError("no SQL given")
    with Warehouse(warehouse_path, read_only=True, external_access=external_access) as store:
        cursor = store.con.execute(sql)
        names = [d[0] for d in cursor.description] if cursor.description else []
        if not names:
            return QueryResult([], [])
        if limit is None:
            return QueryResult(names, cursor.fetchall())
        rows = cursor.fetchmany(limit + 1)
        return QueryResult(names, rows[:limit], more=len(rows) > limit)


def plain(value: Any) -> Any:
    """A value JSON can hold: dates as ISO text, decimals as numbers, anything else as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def display(value: Any, column: str) -> str:
    """A value as the table view prints it: thousands separators on amounts and counts."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | Decimal) and not PLAIN_NUMBER_COLUMNS.search(column):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return str(plain(value))


def write_result(result: QueryResult, fmt: QueryFormat, out: IO[str], terminal: bool = False) -> None:
    """Write the rows in one format; the table is fitted to a terminal only when `terminal` is true."""
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.names)
        writer.writerows([[("" if v is None else plain(v)) for v in row] for row in result.rows])
    elif fmt == "json":
        records = [dict(zip(result.names, map(plain, row), strict=True)) for row in result.rows]
        out.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif fmt == "jsonl":
        for row in result.rows:
            out.write(json.dumps(dict(zip(result.names, map(plain, row), strict=True)), ensure_ascii=False))
            out.write("\n")
    elif fmt == "table":
        _write_table(result, out, terminal)
    else:
        raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")


def _write_table(result: QueryResult, out: IO[str], terminal: bool) -> None:
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    texts = [[display(v, name) for v, name in zip(row, result.names, strict=True)] for row in result.rows]
    table = Table(*result.names)
    for i, row in enumerate(result.rows):
        for column, value in zip(table.columns, row, strict=True):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                column.justify = "right"
        table.add_row(*texts[i])
    for column in table.columns:
        column.overflow = "fold"
    widths = [
        max([cell_len(n)] + [cell_len(t[i]) for t in texts]) + 3 for i, n in enumerate(result.names)
    ]
    console = Console(file=out, width=None if terminal else sum(widths) + 1, force_terminal=terminal)
    console.print(table, soft_wrap=not terminal)


def markdown(result: QueryResult) -> str:
    """The rows as a Markdown table, numbers right-aligned and with the table view's separators."""
    numeric = [
        any(isinstance(row[i], int | float | Decimal) and not isinstance(row[i], bool) for row in result.rows)
        for i in range(len(result.names))
    ]
    lines = [
        "| " + " | ".join(result.names) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
    ]
    for row in result.rows:
        cells = [display(v, name).replace("|", "\\|") for v, name in zip(row, result.names, strict=True)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
