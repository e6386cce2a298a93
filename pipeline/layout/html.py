"""HTML fragments in text exports (`<ul>` lists, `<table>`s inside tab cells), read with a real parser."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

HTML_TAG = re.compile(r"<\s*/?\s*(table|thead|tbody|tr|td|th|ul|ol|li|br|p|div|span)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlCell:
    """One `<td>`/`<th>` with its spans."""

    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    is_header: bool = False


@dataclass(frozen=True)
class HtmlTable:
    """A `<table>` as cells placed on a grid (spans resolved)."""

    cells: list[HtmlCell]
    n_rows: int
    n_cols: int
    header_rows: int


def has_html(text: str) -> bool:
    """Whether the text carries HTML markup we know how to read."""
    return bool(HTML_TAG.search(text))


def fold_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


def read_fragment(text: str) -> tuple[str, list[HtmlTable]]:
    """The fragment's text with tables taken out, and those tables (outermost first, nested ones after)."""
    soup = BeautifulSoup(text, "html.parser")
    tables = [_read_table(t) for t in soup.find_all("table")]
    for table in soup.find_all("table"):
        table.replace_with(" ")
    for item in soup.find_all("li"):
        item.insert_before(" ")
    return fold_spaces(soup.get_text(" ")), tables


def _read_table(table: Tag) -> HtmlTable:
    taken: set[tuple[int, int]] = set()
    cells: list[HtmlCell] = []
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    header_rows = 0
    for r, tr in enumerate(rows):
        col = 0
        cols = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
        if cols and all(c.name == "th" for c in cols) and header_rows == r:
            header_rows += 1
        for cell in cols:
            while (r, col) in taken:
                col += 1
            row_span = _span(cell.get("rowspan"))
            col_span = _span(cell.get("colspan"))
            for dr in range(row_span):
                for dc in range(col_span):
                    taken.add((r + dr, col + dc))
            nested_free = _text_without_nested_tables(cell)
            cells.append(HtmlCell(nested_free, r, col, row_span, col_span, cell.name == "th"))
            col += col_span
    n_cols = max((c.col + c.col_span for c in cells), default=0)
    n_rows = max((c.row + c.row_span for c in cells), default=0)
    return HtmlTable(cells=cells, n_rows=n_rows, n_cols=n_cols, header_rows=header_rows)


def _text_without_nested_tables(cell: Tag) -> str:
    parts = [s for s in cell.find_all(string=True) if s.find_parent("table") is cell.find_parent("table")]
    return fold_spaces(" ".join(parts))


def _span(value: object) -> int:
    try:
        return max(1, int(str(value)))
    except (TypeError, ValueError):
        return 1
