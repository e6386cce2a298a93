"""Tables separated by tabs in text exports, rebuilt in small named steps.

lines -> `tab_blocks` -> `split_row` (HTML cells read by `pipeline.layout.html`) -> `join_wrapped_rows`
-> `split_stacked_blocks` -> `count_header_rows` -> `realign_shifted_rows` -> `Table`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.layout.html import HtmlLimitError, HtmlLimits, HtmlTable, fold_spaces, has_html, read_fragment
from pipeline.lexicon.cellkinds import is_headerish_row, is_numeric_like, is_value
from pipeline.lexicon.patterns import ENUMERATION
from pipeline.schemas.document import Cell, Line, Table, TableSource


@dataclass(frozen=True)
class TabSettings:
    """Tolerances of tab-table detection."""

    min_cols: int = 2
    """A tab row needs at least this many non-empty-or-empty cells (one tab)."""
    stacked_header_rows: int = 2
    """Header-like rows after data that start a new stacked table (`집행액/집행잔액` over `소계/1관/...`)."""
    max_shift: int = 3
    """Largest left shift of a row that `realign_shifted_rows` will repair."""

    def __post_init__(self) -> None:
        if self.min_cols < 2 or self.stacked_header_rows < 1 or self.max_shift < 0:
            raise ValueError(f"invalid TabSettings: {self}")


@dataclass
class Row:
    """One table row being built: cell texts and the document line each came from."""

    cells: list[str]
    lines: list[int]
    nested: list[tuple[int, HtmlTable]] = field(default_factory=list)
    """HTML tables found inside cells: (column, table)."""


def tab_blocks(lines: list[Line]) -> list[list[Line]]:
    """Maximal runs of consecutive lines that contain a tab and some text."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if "\t" in line.text and line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def split_row(line: Line, limits: HtmlLimits | None = None) -> Row:
    """Cells of one tab row; HTML inside a cell becomes its text, nested tables are kept aside."""
    raw_cells = line.text.split("\t")
    if "<" not in line.text:  # no cell can hold HTML (`has_html`): every cell is its folded text
        cells = [fold_spaces(raw) for raw in raw_cells]
        return Row(cells=cells, lines=[line.number] * len(cells))
    cells = []
    nested: list[tuple[int, HtmlTable]] = []
    col = 0
    while col < len(raw_cells):
        raw = raw_cells[col]
        if has_html(raw):
            try:
                text, tables = read_fragment(raw, limits)
            except HtmlLimitError as error:
                raise HtmlLimitError(f"line {line.number}, column {col + 1}: {error}") from None
            nested.extend((len(cells), t) for t in tables)
            cells.append(text)
            col += 1 + _flattened_copy(raw_cells[col + 1 :], tables)
        else:
            cells.append(fold_spaces(raw))
            col += 1
    return Row(cells=cells, lines=[line.number] * len(cells), nested=nested)


def _flattened_copy(following: list[str], tables: list[HtmlTable]) -> int:
    """How many of the following tab cells repeat the nested tables' cells (an export flattens them there)."""
    texts = [c.text for t in tables for c in t.cells]
    if texts and [fold_spaces(c) for c in following[: len(texts)]] == texts:
        return len(texts)
    return 0


def table_width(rows: list[Row]) -> int:
    """Columns up to the last one any row prints something in."""
    return max((max((i for i, c in enumerate(r.cells) if c), default=-1) + 1 for r in rows), default=0)


def join_wrapped_rows(rows: list[Row], width: int) -> list[Row]:
    """Join a row cut short by a cell that wrapped onto the next line (cell counts add up to the width)."""
    joined: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if i + 1 < len(rows):
            nxt = rows[i + 1]
            if len(row.cells) < width and len(row.cells) + len(nxt.cells) - 1 == width and nxt.cells[0]:
                last = len(row.cells) - 1
                merged = [*row.cells[:last], fold_spaces(f"{row.cells[last]} {nxt.cells[0]}"), *nxt.cells[1:]]
                lines = [*row.lines[:last], row.lines[last], *nxt.lines[1:]]
                joined.append(Row(merged, lines, row.nested + [(c + last, t) for c, t in nxt.nested]))
                i += 2
                continue
        joined.append(row)
        i += 1
    return joined


def pad_rows(rows: list[Row], width: int) -> list[Row]:
    """Every row exactly `width` cells long (extra empty cells dropped, missing ones added)."""
    for row in rows:
        last_line = row.lines[-1] if row.lines else 0
        row.cells = (row.cells + [""] * width)[:width]
        row.lines = (row.lines + [last_line] * width)[:width]
    return rows


def count_header_rows(rows: list[Row]) -> int:
    """The first row, plus following rows that have no values and an empty first cell (a split header)."""
    if len(rows) < 2:
        return 0 if rows and not is_headerish_row(rows[0].cells) else len(rows)
    if not any(is_value(c) for row in rows for c in row.cells):
        return 1
    first_value = next(i for i, row in enumerate(rows) if any(is_value(c) for c in row.cells))
    above = rows[:first_value]
    if 1 < first_value <= MAX_HEADER_ROWS and all(sum(1 for c in r.cells if c) >= 2 for r in above):
        return first_value
    count = 1
    for row in rows[1:]:
        if is_headerish_row(row.cells) and not row.cells[0]:
            count += 1
        else:
            break
    return count


def split_stacked_blocks(rows: list[Row], settings: TabSettings) -> list[tuple[list[Row], int | None]]:
    """Cut a block where a run of header-like rows follows data: a second table stacked under the first.

    Returns each part with its header row count when the cut tells it (the run's length), else None.
    """
    blocks: list[tuple[list[Row], int | None]] = []
    start, start_header = 0, None
    holds_value = [any(map(is_value, row.cells)) for row in rows]  # asked up to three times a row
    i = 1
    while i < len(rows):
        run = 0
        if _opens_header(rows[i].cells, holds_value[i]):
            while i + run < len(rows) and _header_candidate(rows[i + run].cells, holds_value[i + run]):
                run += 1
        after_data = holds_value[i - 1]
        data_follows = i + run < len(rows) and holds_value[i + run]
        if run >= settings.stacked_header_rows and after_data and data_follows:
            blocks.append((rows[start:i], start_header))
            start, start_header = i, run
            i += run
        else:
            i += max(run, 1)
    blocks.append((rows[start:], start_header))
    return [b for b in blocks if b[0]]


def realign_shifted_rows(rows: list[Row], header_rows: int, settings: TabSettings) -> list[Row]:
    """Move right a data row that starts one or more columns early (its tail is empty cells).

    Exports sometimes drop a row's leading empty cell and add one at the end; the shift that best fits
    the column profile of the other rows (number vs text, leading bullet mark) wins; ties keep the row.
    """
    data = rows[header_rows:]
    candidates = [r for r in data if _shift_candidate(r)]
    profile_rows = [r for r in data if not _shift_candidate(r)]
    if not candidates or not profile_rows:
        return rows
    width = len(rows[0].cells)
    numeric_share, marks = _column_profile(profile_rows, width)
    for row in candidates:
        trailing = len(row.cells) - len(row.cells[: _last_filled(row.cells) + 1])
        best_shift, best_score = 0, _fit(row.cells, 0, numeric_share, marks)
        for shift in range(1, min(trailing, settings.max_shift) + 1):
            score = _fit(row.cells, shift, numeric_share, marks)
            if score > best_score:
                best_shift, best_score = shift, score
        if best_shift:
            row.cells = [""] * best_shift + row.cells[: width - best_shift]
            row.lines = row.lines[:1] * best_shift + row.lines[: width - best_shift]
    return rows


def _shift_candidate(row: Row) -> bool:
    """A row that may have been shifted left: text in its first cell, none in its last. (A property of the
    cells: a row equal to a candidate is one, so this is `row in candidates` without comparing rows.)"""
    return bool(row.cells and row.cells[0] and not row.cells[-1])


def build_table(rows: list[Row], header_rows: int, table_id: str, source: TableSource = "tab") -> Table:
    """A Table from padded rows: only non-empty cells are kept; spanning header cells get a col_span.
    The cells are handed over as data and validated with their table (one validator call a table, not a
    `Cell` model built per cell)."""
    cells: list[dict[str, object]] = []
    width = len(rows[0].cells) if rows else 0
    for r, row in enumerate(rows):
        for c, text in enumerate(row.cells):
            if not text:
                continue
            span = 1
            if r < header_rows - 1:
                while c + span < width and not row.cells[c + span]:
                    span += 1
                while span > 1 and not _below_filled(rows, r, c + span - 1, header_rows):
                    span -= 1
            cells.append(
                {
                    "row": r,
                    "col": c,
                    "text": text,
                    "line": row.lines[c],
                    "col_span": span,
                    "is_header": r < header_rows,
                }
            )
    line_numbers = [n for row in rows for n in row.lines]
    return Table.model_validate(
        {
            "table_id": table_id,
            "source": source,
            "first_line": min(line_numbers),
            "last_line": max(line_numbers),
            "n_rows": len(rows),
            "n_cols": width,
            "header_rows": header_rows,
            "cells": cells,
        }
    )


def html_table(table: HtmlTable, line: int, table_id: str, parent_id: str | None) -> Table:
    """A Table from an HTML `<table>` printed on one document line."""
    cells = [
        Cell(
            row=c.row,
            col=c.col,
            text=c.text,
            line=line,
            row_span=c.row_span,
            col_span=c.col_span,
            is_header=c.is_header or c.row < table.header_rows,
        )
        for c in table.cells
        if c.text
    ]
    header_rows = table.header_rows or (1 if table.n_rows > 1 else 0)
    return Table(
        table_id=table_id,
        source="html",
        first_line=line,
        last_line=line,
        n_rows=table.n_rows,
        n_cols=table.n_cols,
        header_rows=header_rows,
        cells=[c.model_copy(update={"is_header": c.is_header or c.row < header_rows}) for c in cells],
        parent_table_id=parent_id,
    )


def find_tab_tables(
    lines: list[Line], settings: TabSettings | None = None, html: HtmlLimits | None = None
) -> list[Table]:
    """Every tab-separated table in the lines, with the HTML tables nested in their cells."""
    settings = settings or TabSettings()
    tables: list[Table] = []
    for block in merge_continued_blocks(tab_blocks(lines), lines):
        rows = [split_row(line, html) for line in block]
        width = table_width(rows)
        if width < settings.min_cols:
            continue
        rows = pad_rows(join_wrapped_rows(rows, width), width)
        for part, known_header_rows in split_stacked_blocks(rows, settings):
            header_rows = known_header_rows or count_header_rows(part)
            part = realign_shifted_rows(part, header_rows, settings)
            table_id = f"t{len(tables) + 1:03d}"
            tables.append(build_table(part, header_rows, table_id))
            for row in part:
                for col, nested in row.nested:
                    nested_id = f"t{len(tables) + 1:03d}"
                    tables.append(
                        html_table(nested, row.lines[min(col, len(row.lines) - 1)], nested_id, table_id)
                    )
    return tables


MAX_HEADER_ROWS = 3
"""Rows without values above the first row with values are all header when there are at most this many."""

MAX_CONTINUATION_GAP = 3
"""Lines (all blank) allowed between a table and its continuation that repeats the same header row."""


def merge_continued_blocks(blocks: list[list[Line]], lines: list[Line]) -> list[list[Line]]:
    """Join a block that repeats the previous block's first (header) row after a few blank lines: the
    same table continued, typically over a page break. The repeated header line is dropped."""
    merged: list[list[Line]] = []
    for block in blocks:
        if merged:
            previous = merged[-1]
            gap = range(previous[-1].number + 1, block[0].number)
            if (  # cheapest test first: the lines between two blocks are mostly many, and prose
                len(gap) <= MAX_CONTINUATION_GAP
                and len(block) > 1
                and all(not lines[n - 1].text.strip() for n in gap)
                and _header_key(previous[0]) == _header_key(block[0])
            ):
                previous.extend(block[1:])
                continue
        merged.append(list(block))
    return merged


def _header_key(line: Line) -> list[str]:
    cells = [fold_spaces(c) for c in line.text.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _mark(text: str) -> str:
    """The kind of leading mark of a cell: enumeration, a bullet character, a number or a letter."""
    if ENUMERATION.match(text):
        return "enum"
    if is_numeric_like(text):
        return "num"
    return text[0] if not text[0].isalnum() else "word"


def _column_profile(rows: list[Row], width: int) -> tuple[list[float], list[defaultdict[str, float]]]:
    numeric = [0.0] * width
    marks: list[defaultdict[str, float]] = [defaultdict(float) for _ in range(width)]
    for c in range(width):
        texts = [r.cells[c] for r in rows if r.cells[c]]
        if texts:
            numeric[c] = sum(is_numeric_like(t) and not ENUMERATION.match(t) for t in texts) / len(texts)
            total = len(texts)
            for text in texts:
                marks[c][_mark(text)] += 1 / total
    return numeric, marks


def _fit(
    cells: list[str], shift: int, numeric_share: list[float], marks: list[defaultdict[str, float]]
) -> float:
    score = 0.0
    for c, text in enumerate(cells):
        if not text:
            continue
        target = c + shift
        if target >= len(numeric_share):
            return float("-inf")
        numeric = is_numeric_like(text) and not ENUMERATION.match(text)
        score += numeric_share[target] if numeric else 1.0 - numeric_share[target]
        score += marks[target][_mark(text)]
    return score


def _last_filled(cells: list[str]) -> int:
    return max((i for i, c in enumerate(cells) if c), default=-1)


def _header_candidate(cells: list[str], holds_value: bool) -> bool:
    """`is_headerish_row` (some text, no value: `holds_value` is whether a cell is a value) with two cells
    or more filled."""
    return not holds_value and any(c.strip() for c in cells) and sum(1 for c in cells if c) >= 2


def _opens_header(cells: list[str], holds_value: bool) -> bool:
    """A row that can start a stacked header: labels only, no numbers or placeholders in any cell."""
    return _header_candidate(cells, holds_value) and not any(is_numeric_like(c) for c in cells)


def _below_filled(rows: list[Row], r: int, c: int, header_rows: int) -> bool:
    return any(rows[k].cells[c] for k in range(r + 1, header_rows))
