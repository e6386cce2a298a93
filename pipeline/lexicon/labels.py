"""Row and column labels of a table grid: the words a person reads off the margins of each cell.

Used by layout (project lists), extraction (cell labels) and checks (label paths) alike."""

from __future__ import annotations

from pipeline.lexicon.cellkinds import is_numeric_like, is_value
from pipeline.lexicon.patterns import ENUMERATION, strip_bullets
from pipeline.schemas.document import Table

LABEL_PATH_SEPARATOR = " > "
"""Joins nested row labels (`운영비 > 보험료`)."""

STUB_NUMERIC_SHARE = 0.5
"""A leading column is part of the row-label stub while fewer of its data cells than this are numbers."""


def filled_grid(table: Table) -> list[list[str]]:
    """The grid with every merged cell's text repeated over the positions it spans."""
    grid = [["" for _ in range(table.n_cols)] for _ in range(table.n_rows)]
    for cell in table.cells:
        for r in range(cell.row, min(cell.row + cell.row_span, table.n_rows)):
            for c in range(cell.col, min(cell.col + cell.col_span, table.n_cols)):
                grid[r][c] = cell.text
    return grid


def column_labels(table: Table) -> list[str | None]:
    """Header texts stacked top to bottom for each column (`예산액(A) 금 액`); None without a header."""
    grid = filled_grid(table)
    labels: list[str | None] = []
    for c in range(table.n_cols):
        parts: list[str] = []
        for r in range(table.header_rows):
            text = grid[r][c]
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(" ".join(parts) or None)
    return labels


def stub_width(table: Table) -> int:
    """How many leading columns hold row labels rather than values."""
    grid = filled_grid(table)[table.header_rows :]
    width = 0
    for c in range(table.n_cols):
        texts = [row[c] for row in grid if row[c]]
        numeric = sum(1 for t in texts if is_numeric_like(t) and not ENUMERATION.match(t))
        if texts and numeric >= STUB_NUMERIC_SHARE * len(texts):
            break
        if not texts and c > 0:
            break
        width += 1
    return max(1, min(width, table.n_cols - 1)) if table.n_cols > 1 else width


def row_labels(table: Table) -> list[str | None]:
    """Each row's label path through its stub columns, an empty leading cell continuing the label above."""
    grid = filled_grid(table)
    width = stub_width(table)
    labels: list[str | None] = [None] * table.n_rows
    carried = [""] * width
    for r in range(table.header_rows, table.n_rows):
        stub = grid[r][:width]
        filled = [c for c in range(width) if stub[c] and not is_value(stub[c])]
        if filled:
            last = filled[-1]
            for c in range(width):
                if c <= last and stub[c]:
                    carried[c] = stub[c]
                elif c > last:
                    carried[c] = ""
            path = [carried[c] for c in range(last + 1) if carried[c]]
        else:
            path = [p for p in carried if p]
        labels[r] = LABEL_PATH_SEPARATOR.join(path) or None
    return labels


def label_parts(label: str | None) -> list[str]:
    """The parts of a label path, without list marks."""
    return [strip_bullets(p) for p in (label or "").split(LABEL_PATH_SEPARATOR) if strip_bullets(p)]
