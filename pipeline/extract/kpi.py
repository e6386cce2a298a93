"""KPI facts: 목표/성과/달성률 tables, and yearly 실적 tables (one fact per program and year)."""

from __future__ import annotations

from collections import defaultdict

from pipeline.lexicon.labels import label_parts
from pipeline.lexicon.patterns import find_year, strip_bullets
from pipeline.lexicon.words import ACHIEVEMENT_WORDS, ACTUAL_WORDS, TARGET_WORDS, has_word
from schemas.facts import KpiFact
from schemas.records import CellRecord, TableRecord

MIN_YEAR_COLUMNS = 2
"""A table with at least this many year columns of non-money values is a yearly 실적 table."""


def _rows(cells: list[CellRecord]) -> dict[int, list[CellRecord]]:
    rows: dict[int, list[CellRecord]] = defaultdict(list)
    for cell in cells:
        if not cell.is_header:
            rows[cell.row_idx].append(cell)
    return rows


def _program(cells: list[CellRecord]) -> str | None:
    parts = label_parts(cells[0].row_label) if cells else []
    return strip_bullets(parts[-1]) if parts else None


def _number(cell: CellRecord | None) -> tuple[float | None, str | None]:
    """The cell's value and unit as the normalizer read them (never the raw text again)."""
    if cell is None or cell.value is None:
        return None, None
    return cell.value, cell.unit


def target_actual_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """Rows of a table with 목표 and 성과/실적 columns (and 달성률 where printed)."""
    labels = {c.col_idx: c.col_label for c in cells}
    target_col = next((i for i, label in labels.items() if has_word(label, TARGET_WORDS)), None)
    actual_col = next(
        (i for i, label in labels.items() if has_word(label, ACTUAL_WORDS) and i != target_col), None
    )
    rate_col = next((i for i, label in labels.items() if has_word(label, ACHIEVEMENT_WORDS)), None)
    if target_col is None or actual_col is None:
        return []
    facts: list[KpiFact] = []
    for row in _rows(cells).values():
        at = {c.col_idx: c for c in row}
        target, target_unit = _number(at.get(target_col))
        actual, actual_unit = _number(at.get(actual_col))
        rate, _ = _number(at.get(rate_col)) if rate_col is not None else (None, None)
        program = _program(row)
        if program is None or (target is None and actual is None):
            continue
        facts.append(
            KpiFact(
                doc_id=table.doc_id,
                table_id=table.table_id,
                program=program,
                period=table.as_of,
                target_value=target,
                target_unit=target_unit,
                actual_value=actual,
                actual_unit=actual_unit,
                achievement_pct=rate,
                line=row[0].line,
                page=row[0].page,
            )
        )
    return facts


def yearly_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """Rows of a table whose columns are years of counts (실적 by year), one fact per program and year."""
    years = {c.col_idx: find_year(c.col_label) for c in cells if find_year(c.col_label)}
    if len(set(years.values())) < MIN_YEAR_COLUMNS or any(c.value_kind == "krw" for c in cells):
        return []
    facts: list[KpiFact] = []
    for row in _rows(cells).values():
        program = _program(row)
        for cell in row:
            if cell.col_idx not in years or program is None:
                continue
            value, unit = _number(cell)
            if value is None:
                continue
            facts.append(
                KpiFact(
                    doc_id=table.doc_id,
                    table_id=table.table_id,
                    program=program,
                    period=str(years[cell.col_idx]),
                    actual_value=value,
                    actual_unit=unit,
                    line=cell.line,
                    page=cell.page,
                )
            )
    return facts


def kpi_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """KPI facts of one table, whichever of the two shapes it has."""
    return target_actual_facts(table, cells) or yearly_facts(table, cells)
