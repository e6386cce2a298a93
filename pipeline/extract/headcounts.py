"""Headcounts (정원/현원) from any table that prints them, whichever of the common layouts it uses.

- split columns: a column labelled 정원 beside one labelled 현원 (possibly under a group such as 일반직);
- pairs in one cell: `29/28`, `298 / 288`, `27(27)` = 정원/현원, in a table about 정원/현원/인력.
Rows that name an org unit (…과, …팀, …센터) give `org_unit`; otherwise the row names a category (직급).
"""

from __future__ import annotations

from collections import defaultdict

from pipeline.lexicon.labels import label_parts
from pipeline.lexicon.words import (
    AUTHORIZED_WORDS,
    CURRENT_WORDS,
    ORG_SUFFIXES,
    compact,
    has_word,
    is_total_label,
)
from pipeline.normalize import normalize_name
from schemas.facts import Headcount
from schemas.records import CellRecord, TableRecord

HEADCOUNT_CONTEXT_WORDS = ("정원", "현원", "인력", "인원", "정ᆞ현원", "정·현원")
"""Words in a caption, header or kind that make pair-valued cells headcounts."""

TOTAL_CATEGORY = "합계"


def is_org_name(label: str | None) -> bool:
    """A label naming an org unit rather than a staff category."""
    text = compact(label)
    return bool(text) and len(text) <= 15 and text.endswith(ORG_SUFFIXES) and not text[-2:-1].isdigit()


def _category(row_label: str | None, column_key: str | None) -> tuple[str | None, str]:
    """(org_unit, category) for a cell, from its row label and its column's category key."""
    parts = label_parts(row_label)
    row = normalize_name(parts[-1]) if parts else None
    if row and is_total_label(row):
        return None, normalize_name(column_key) if column_key else TOTAL_CATEGORY
    if row and is_org_name(row):
        return row, normalize_name(column_key) if column_key else TOTAL_CATEGORY
    pieces = [p for p in (row, normalize_name(column_key) if column_key else None) if p]
    return None, " ".join(pieces) or TOTAL_CATEGORY


def _without(label: str | None, words: tuple[str, ...]) -> str | None:
    text = " ".join((label or "").split())
    for word in words:
        text = text.replace(word, "")
    return " ".join(text.split()) or None


def split_column_headcounts(table: TableRecord, cells: list[CellRecord]) -> list[Headcount]:
    """Headcounts from a 정원 column paired with the 현원 column of the same group."""
    labels = {c.col_idx: c.col_label for c in cells if c.col_label}
    authorized = {
        _without(label, AUTHORIZED_WORDS): i
        for i, label in labels.items()
        if has_word(label, AUTHORIZED_WORDS)
    }
    current = {
        _without(label, CURRENT_WORDS): i for i, label in labels.items() if has_word(label, CURRENT_WORDS)
    }
    groups = [(key, col, current[key]) for key, col in authorized.items() if key in current]
    if not groups:
        return []
    rows: dict[int, dict[int, CellRecord]] = defaultdict(dict)
    for cell in cells:
        if not cell.is_header:
            rows[cell.row_idx][cell.col_idx] = cell
    facts: list[Headcount] = []
    for row in rows.values():
        any_cell = next(iter(row.values()))
        for key, a_col, c_col in groups:
            org_unit, category = _category(any_cell.row_label, key)
            fact = _pair_of_cells(table, org_unit, category, row.get(a_col), row.get(c_col))
            if fact:
                facts.append(fact)
    return facts


def _pair_of_cells(
    table: TableRecord,
    org_unit: str | None,
    category: str,
    a_cell: CellRecord | None,
    c_cell: CellRecord | None,
) -> Headcount | None:
    """A headcount from a 정원 cell and a 현원 cell; None when neither holds a number."""
    a, c = _count(a_cell), _count(c_cell)
    first = a_cell or c_cell
    if (a is None and c is None) or first is None:
        return None
    return Headcount(
        doc_id=table.doc_id,
        table_id=table.table_id,
        org_unit=org_unit,
        category=category,
        authorized=a,
        current=c,
        as_of=table.as_of,
        raw_text=" / ".join(x.raw_text for x in (a_cell, c_cell) if x),
        line=first.line,
        page=first.page,
    )


def split_row_headcounts(table: TableRecord, cells: list[CellRecord]) -> list[Headcount]:
    """Headcounts from a row labelled 정원 and a row labelled 현원, one fact per column (직급 or org unit)."""
    rows: dict[str, dict[int, CellRecord]] = {"authorized": {}, "current": {}}
    for cell in cells:
        if cell.is_header:
            continue
        parts = label_parts(cell.row_label)
        label = compact(parts[-1]) if parts else ""
        key = "authorized" if label in AUTHORIZED_WORDS else "current" if label in CURRENT_WORDS else None
        if key and cell.col_idx > 0:
            rows[key][cell.col_idx] = cell
    if not rows["authorized"] or not rows["current"]:
        return []
    facts: list[Headcount] = []
    for col in sorted(set(rows["authorized"]) | set(rows["current"])):
        a_cell, c_cell = rows["authorized"].get(col), rows["current"].get(col)
        first = a_cell or c_cell
        column = normalize_name(first.col_label) if first and first.col_label else None
        if column and is_org_name(column):
            org_unit, category = column, TOTAL_CATEGORY
        elif column and is_total_label(column):
            org_unit, category = None, TOTAL_CATEGORY
        else:
            org_unit, category = None, column or TOTAL_CATEGORY
        fact = _pair_of_cells(table, org_unit, category, a_cell, c_cell)
        if fact:
            facts.append(fact)
    return facts


def pair_headcounts(table: TableRecord, cells: list[CellRecord]) -> list[Headcount]:
    """Headcounts from cells holding 정원/현원 as `a/b` or `a(b)`."""
    context = " ".join([table.caption or "", table.kind or ""] + [c.raw_text for c in cells if c.is_header])
    if table.kind != "headcount" and not has_word(context, HEADCOUNT_CONTEXT_WORDS):
        return []
    facts: list[Headcount] = []
    for cell in cells:
        if cell.is_header:
            continue
        if cell.value is None or cell.secondary_value is None:
            continue
        if "pair" not in cell.flags and (cell.value_kind, cell.secondary_kind) != ("count", "count"):
            continue
        a, c = cell.value, cell.secondary_value
        org_unit, category = _category(cell.row_label, cell.col_label)
        facts.append(
            Headcount(
                doc_id=table.doc_id,
                table_id=table.table_id,
                org_unit=org_unit,
                category=category,
                authorized=int(a),
                current=int(c),
                as_of=table.as_of,
                raw_text=cell.raw_text,
                line=cell.line,
                page=cell.page,
            )
        )
    return facts


def headcounts(table: TableRecord, cells: list[CellRecord]) -> list[Headcount]:
    """Headcounts of one table, whichever layout it uses."""
    return (
        split_column_headcounts(table, cells)
        or split_row_headcounts(table, cells)
        or pair_headcounts(table, cells)
    )


def _count(cell: CellRecord | None) -> int | None:
    if cell is None or cell.value is None:
        return None
    return int(cell.value)
