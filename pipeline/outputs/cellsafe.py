"""Values made safe for the programs analysts open exports in: no formula runs, nothing is cut silently.

Text starting with `=`, `+`, `-` or `@` (or a tab / carriage return) is what spreadsheet programs read as a
formula: in CSV it is written with a leading apostrophe (`'=1+2`), the common escape spreadsheet programs
show as text; plain numbers (`-20`, `+3.5`) and a lone `-` are left alone, they cannot run anything. In
XLSX such text is stored as a string cell, which Excel never evaluates. Characters XML cannot hold
(controls other than tab, newline, carriage return) are written as `\\xNN`. Excel's hard limits (rows per
sheet, characters per cell) give a clear error, never a silent cut.
"""

from __future__ import annotations

import re

EXCEL_MAX_CELL_CHARS = 32_767
EXCEL_MAX_DATA_ROWS = 1_048_575
"""Rows of a sheet below its header row."""

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d[\d,]*)?(\.\d+)?%?$")
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CSV_FORMULA_SQL = r"^[=+\-@\t\r]"
CSV_NUMBER_SQL = r"^[+-]?([0-9][0-9,]*)?(\.[0-9]+)?%?$"


class CellLimitError(ValueError):
    """A value Excel cannot hold whole."""


def needs_formula_escape(text: str) -> bool:
    """Text a spreadsheet would run as a formula."""
    return bool(FORMULA_START.match(text)) and not PLAIN_NUMBER.match(text)


def csv_text(text: str) -> str:
    """A text value for CSV: formula-like text gets a leading apostrophe."""
    return "'" + text if needs_formula_escape(text) else text


def csv_text_sql(column: str) -> str:
    """The same escape as `csv_text`, as a DuckDB expression over a quoted VARCHAR column."""
    quoted = '"' + column.replace('"', '""') + '"'
    return (
        f"CASE WHEN regexp_matches({quoted}, '{CSV_FORMULA_SQL}') "
        f"AND NOT regexp_matches({quoted}, '{CSV_NUMBER_SQL}') "
        f"THEN '''' || {quoted} ELSE {quoted} END AS {quoted}"
    )


def xml_safe(text: str) -> str:
    """Control characters XML (and so XLSX) cannot hold, written visibly as `\\xNN`."""
    return XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def excel_text(text: str) -> str:
    """A text value for an XLSX cell: XML-safe, and within Excel's limit or a clear error."""
    safe = xml_safe(text)
    if len(safe) > EXCEL_MAX_CELL_CHARS:
        raise CellLimitError(
            f"{len(safe):,} characters, more than the {EXCEL_MAX_CELL_CHARS:,} an Excel cell holds; "
            "export this table as CSV or Parquet instead"
        )
    return safe
