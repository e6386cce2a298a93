"""HTML fragments in text exports (`<ul>` lists, `<table>`s inside tab cells), read with a real parser."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bs4 import (
    BeautifulSoup,
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from pipeline.errors import DocumentTooLargeError

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
    """Whether the text carries HTML markup we know how to read (every tag starts with `<`: a text
    without one is not searched)."""
    return "<" in text and bool(HTML_TAG.search(text))


def fold_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


NOT_CONTENT_TAGS = frozenset({"script", "style", "template", "head", "title"})
"""Elements whose text is code or metadata, never a report's words."""
NOT_CONTENT_STRINGS = (Comment, Declaration, Doctype, CData, ProcessingInstruction)
"""Markup that is no text: `<!-- -->`, `<!DOCTYPE>`, `<![CDATA[ ]]>`, `<? ?>`."""


@dataclass(frozen=True)
class HtmlLimits:
    """How much structure one HTML fragment may carry before its document fails with the reason.

    Past these the work (and the grid a table becomes) grows without bound on hostile input (a
    10,000-deep nest of tables, `colspan="100000"`), and no report comes near them."""

    max_depth: int = 16
    """Tables nested inside one another."""
    max_element_depth: int = 512
    """Elements open inside one another, as the parser nests them (unclosed `<li>`, `<p>` nest too)."""
    max_span: int = 1000
    """A cell's `colspan`/`rowspan` (HTML's own limit for `colspan`; a `rowspan` past the table's last row
    is cut there first, as browsers do)."""
    max_cells: int = 250_000
    """Grid positions (rows × columns, spans included) of one table."""

    def __post_init__(self) -> None:
        if min(self.max_depth, self.max_element_depth, self.max_span, self.max_cells) < 1:
            raise ValueError(f"invalid HtmlLimits: {self}")


class HtmlLimitError(DocumentTooLargeError):
    """An HTML fragment past `HtmlLimits`: the message names what and where."""


MARKUP_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
RAW_TEXT = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
"""Comments and script/style bodies: their `<...>` are not elements."""
VOID_TAGS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)


def check_nesting(text: str, limits: HtmlLimits) -> None:
    """Refuse, before parsing, a fragment whose elements (or tables) nest past the limits.

    One pass over the tags, nesting them as the parser will (an end tag closes up to its open element,
    an end tag of nothing open is ignored), so the check costs the length of the text; the parser itself
    slows down with the square of the depth (a 10,000-deep nest of tables over lines took a minute)."""
    stack: list[str] = []
    open_names: Counter[str] = Counter()
    for match in MARKUP_TAG.finditer(RAW_TEXT.sub(" ", text)):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if open_names[name]:
                while stack:
                    top = stack.pop()
                    open_names[top] -= 1
                    if top == name:
                        break
            continue
        if name in VOID_TAGS or self_closing:
            continue
        stack.append(name)
        open_names[name] += 1
        if open_names["table"] > limits.max_depth:
            raise HtmlLimitError(
                f"HTML tables nested more than {limits.max_depth} deep: not read (limit HtmlLimits.max_depth)"
            )
        if len(stack) > limits.max_element_depth:
            raise HtmlLimitError(
                f"HTML elements nested more than {limits.max_element_depth} deep: not read "
                "(limit HtmlLimits.max_element_depth)"
            )


@dataclass
class _Place:
    """Where an element of the fragment sits: its nearest table, row and cell (None outside one)."""

    table: Tag | None = None
    row: Tag | None = None
    cell: Tag | None = None
    depth: int = 0


def read_fragment(text: str, limits: HtmlLimits | None = None) -> tuple[str, list[HtmlTable]]:
    """The fragment's text with tables taken out, and those tables (outermost first, nested ones after).

    Read as a browser shows it, in one pass: each string belongs to its nearest cell only (an unclosed
    `<td>` never lends its text to the next cell), comments, scripts and styles are not content, and each
    cell belongs to its nearest row of its own table. Raises `HtmlLimitError` past `limits`."""
    limits = limits or HtmlLimits()
    check_nesting(text, limits)
    soup = BeautifulSoup(text, "html.parser")
    places: dict[int, _Place] = {id(soup): _Place()}
    outside: list[str] = []
    tables: list[Tag] = []
    rows: dict[int, list[Tag]] = {}
    cells: dict[int, list[Tag]] = {}
    texts: dict[int, list[str]] = {}
    for node in soup.descendants:
        parent = places.get(id(node.parent))
        if parent is None:  # inside a script, style or other non-content element
            continue
        if not isinstance(node, Tag):
            if isinstance(node, NOT_CONTENT_STRINGS) or not isinstance(node, NavigableString):
                continue
            if parent.cell is not None:
                texts[id(parent.cell)].append(str(node))
            elif parent.table is None:
                outside.append(str(node))
            continue
        if node.name in NOT_CONTENT_TAGS:
            continue
        place = _Place(parent.table, parent.row, parent.cell, parent.depth)
        if node.name == "table":
            place = _Place(node, None, None, parent.depth + 1)
            if place.depth > limits.max_depth:
                raise HtmlLimitError(f"HTML tables nested more than {limits.max_depth} deep: not read")
            tables.append(node)
            rows[id(node)] = []
        elif node.name == "tr" and parent.table is not None:
            place.row, place.cell = node, None
            rows[id(parent.table)].append(node)
            cells[id(node)] = []
        elif node.name in ("td", "th") and parent.row is not None:
            place.cell = node
            cells[id(parent.row)].append(node)
            texts[id(node)] = []
        elif node.name in ("li", "br", "p", "div") and parent.cell is not None:
            texts[id(parent.cell)].append(" ")
        places[id(node)] = place
    read = [_read_table(rows[id(t)], cells, texts, limits) for t in tables]
    return fold_spaces(" ".join(outside)), read


def _read_table(
    rows: list[Tag], cells_of: dict[int, list[Tag]], texts: dict[int, list[str]], limits: HtmlLimits
) -> HtmlTable:
    taken: set[tuple[int, int]] = set()
    cells: list[HtmlCell] = []
    header_rows = 0
    placed = 0
    for r, tr in enumerate(rows):
        col = 0
        cols = cells_of[id(tr)]
        if cols and all(c.name == "th" for c in cols) and header_rows == r:
            header_rows += 1
        for cell in cols:
            while (r, col) in taken:
                col += 1
            row_span = _span(cell.get("rowspan"), "rowspan", limits, most=len(rows) - r)
            col_span = _span(cell.get("colspan"), "colspan", limits)
            placed += row_span * col_span
            if placed > limits.max_cells:
                raise HtmlLimitError(
                    f"an HTML table spans more than {limits.max_cells:,} grid positions: not read "
                    "(limit HtmlLimits.max_cells)"
                )
            for dr in range(1, row_span):
                for dc in range(col_span):
                    taken.add((r + dr, col + dc))
            text = fold_spaces(" ".join(texts[id(cell)]))
            cells.append(HtmlCell(text, r, col, row_span, col_span, cell.name == "th"))
            col += col_span
    n_cols = max((c.col + c.col_span for c in cells), default=0)
    n_rows = max((c.row + c.row_span for c in cells), default=0)
    if n_rows * n_cols > limits.max_cells:
        raise HtmlLimitError(
            f"an HTML table of {n_rows:,} rows × {n_cols:,} columns is past {limits.max_cells:,} grid "
            "positions: not read (limit HtmlLimits.max_cells)"
        )
    return HtmlTable(cells=cells, n_rows=n_rows, n_cols=n_cols, header_rows=header_rows)


def _span(value: object, name: str, limits: HtmlLimits, most: int | None = None) -> int:
    """A `rowspan`/`colspan` as browsers read it (a missing or broken value is 1; `most`: cut there),
    refused past the limit."""
    try:
        span = max(1, int(str(value).strip()))
    except (TypeError, ValueError):
        return 1
    span = min(span, most) if most is not None else span
    if span > limits.max_span:
        raise HtmlLimitError(
            f'{name}="{span}" is past the limit of {limits.max_span:,} (HtmlLimits.max_span)'
        )
    return span
