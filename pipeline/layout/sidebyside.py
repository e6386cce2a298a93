"""Tables printed as two (or more) copies of the same columns side by side, split into one table each.

`직급별 | 정원 | 현원 | 과부족 | 직급별 | 정원 | 현원 | 과부족` is one list wrapped into two column groups
to save space; reading it as one table would give the right half no row labels.
"""

from __future__ import annotations

from pipeline.schemas.document import Table


def repeated_period(labels: list[str]) -> int | None:
    """The width of a column group the header repeats exactly (at least twice), or None."""
    width = len(labels)
    for period in range(2, width // 2 + 1):
        if width % period == 0 and all(labels[i] == labels[i % period] for i in range(width)) and any(labels):
            return period
    return None


def header_labels(table: Table) -> list[str]:
    labels = [""] * table.n_cols
    for cell in table.cells:
        if cell.is_header:
            for c in range(cell.col, min(cell.col + cell.col_span, table.n_cols)):
                labels[c] = " ".join(f"{labels[c]} {cell.text}".split())
    return ["".join(label.split()) for label in labels]


def part_id(table_id: str, k: int) -> str:
    """The id of the k-th column group: the table's own id for the first, then `t004.2`, `t004.3`, ... for
    any number of groups (the ids of the tables after it do not move)."""
    return f"{table_id}.{k + 1}" if k else table_id


def split_side_by_side(table: Table) -> list[Table]:
    """The table, or its column groups as separate tables when its header repeats side by side."""
    if table.header_rows < 1:
        return [table]
    period = repeated_period(header_labels(table))
    if period is None:
        return [table]
    parts: list[Table] = []
    for k in range(table.n_cols // period):
        cells = [
            c.model_copy(update={"col": c.col - k * period, "col_span": min(c.col_span, period)})
            for c in table.cells
            if k * period <= c.col < (k + 1) * period
        ]
        labelled = {c.row for c in cells if c.col == 0}
        cells += [  # a row label spanning into this group (`총계` across both halves) labels it too
            c.model_copy(update={"col": 0, "col_span": 1})
            for c in table.cells
            if c.col < k * period < c.col + c.col_span and c.row not in labelled
        ]
        if not cells:
            continue
        lines = [c.line for c in cells]
        parts.append(
            table.model_copy(
                update={
                    "table_id": part_id(table.table_id, k),
                    "cells": cells,
                    "n_cols": period,
                    "first_line": min(lines),
                    "last_line": max(lines),
                }
            )
        )
    return parts
