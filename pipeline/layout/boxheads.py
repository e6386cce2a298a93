"""Column heads drawn as boxes above a ruled grid that has no head row of its own.

Some reports draw a table's heads as rounded boxes standing just above the grid (`정책과제 | 추진 사업 |
성 과 지 표 (’24년 →’25년)` over the rows of an appendix of KPIs): the boxes are no cells of the grid, so the
reader finds a grid without heads. A box whose sides stand on the grid's column lines heads the columns
between them; when such boxes head every column, they are the table's head row.
"""

from __future__ import annotations

from collections import defaultdict

from pipeline.schemas.document import Cell, Document, Graphic, Table, Word

BOX_GAP = 12.0
"""Points between the bottom of the head boxes and the top of the grid."""
EDGE_TOLERANCE = 4.0
"""Points between a box's side and the column line it stands on."""
MIN_BOX_HEIGHT = 8.0
"""A box lower than this is a rule, not a box around a head."""


def heads_from_boxes(document: Document) -> None:
    """Give each headless ruled table of a PDF the head row its boxes above print (in place)."""
    boxes: dict[int, list[Graphic]] = defaultdict(list)
    for graphic in document.graphics:
        if graphic.kind != "line" and graphic.bottom - graphic.top >= MIN_BOX_HEIGHT:
            boxes[graphic.page].append(graphic)
    words: dict[int, list[tuple[Word, int]]] = defaultdict(list)
    for line in document.lines:
        if line.page is not None:
            words[line.page].extend((word, line.number) for word in line.words)
    for k, table in enumerate(document.tables):
        if table.source != "pdf-ruled" or table.header_rows or table.page is None or table.parent_table_id:
            continue
        heads = _heads(table, boxes.get(table.page, []), words.get(table.page, []))
        if heads:
            document.tables[k] = _with_heads(table, heads)


def _column_edges(table: Table) -> tuple[dict[int, float], dict[int, float]]:
    """The left edge of each column where a cell starts, the right edge where one ends."""
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    for cell in table.cells:
        if cell.bbox:
            left.setdefault(cell.col, cell.bbox[0])
            right.setdefault(cell.col + cell.col_span - 1, cell.bbox[2])
    return left, right


def _heads(table: Table, boxes: list[Graphic], words: list[tuple[Word, int]]) -> list[Cell]:
    """Head cells from the boxes standing on the grid's column lines just above it; [] unless they head
    every column, one box per run of columns."""
    tops = [c.bbox[1] for c in table.cells if c.bbox]
    if not tops or not boxes:
        return []
    top = min(tops)
    left, right = _column_edges(table)
    found: dict[tuple[int, int], Cell] = {}
    for box in boxes:
        if not top - BOX_GAP <= box.bottom <= top + 1:
            continue
        start = next((c for c, x in left.items() if abs(x - box.x0) <= EDGE_TOLERANCE), None)
        end = next((c for c, x in right.items() if abs(x - box.x1) <= EDGE_TOLERANCE), None)
        if start is None or end is None or end < start or (start, end) in found:
            continue
        inside = sorted(
            (
                (w, n)
                for w, n in words
                if box.x0 <= (w.x0 + w.x1) / 2 <= box.x1 and box.top <= (w.top + w.bottom) / 2 <= box.bottom
            ),
            key=lambda item: (round(item[0].top), item[0].x0),
        )
        if not inside:
            continue
        found[(start, end)] = Cell(
            row=0,
            col=start,
            col_span=end - start + 1,
            text=" ".join(w.text for w, _ in inside),
            line=inside[0][1],
            page=table.page,
            bbox=(box.x0, box.top, box.x1, box.bottom),
            is_header=True,
        )
    covered = sorted(found)
    runs = [c for start, end in covered for c in range(start, end + 1)]
    if len(covered) < 2 or runs != list(range(table.n_cols)):
        return []
    return [found[key] for key in covered]


def _with_heads(table: Table, heads: list[Cell]) -> Table:
    """The table with the head row on top of its rows."""
    body = [c.model_copy(update={"row": c.row + 1}) for c in table.cells]
    return table.model_copy(
        update={
            "cells": heads + body,
            "n_rows": table.n_rows + 1,
            "header_rows": 1,
            "first_line": min(table.first_line, *(h.line for h in heads)),
        }
    )
