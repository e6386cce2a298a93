"""Budget facts: every money cell of a table, with what it is for, what it measures, year and 재원.

The rule reads the shape of the table, whatever the report: rows or columns that are funding sources
(국비/시비/구비/민간/계) give `funding_source`, year labels give `fiscal_year`, measure words in the column
label or caption give `measure` (one vocabulary: `lexicon.words.MEASURES`; None when no word of it is
printed), total labels (계/합계/소계/총계, `(계)`: `lexicon.words.total_rank`) set `is_total`, an org-unit
row or column (…과, …담당관) gives `org_unit`, and 세입/세출 words (label, then caption) give `direction`.
A second amount a cell prints in brackets under its first is a fact of its own when the column names it
(`집행액 [실집행액]`: measure 실집행액; `계획액 (수정)`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.lexicon.labels import LABEL_PATH_SEPARATOR, label_parts, sibling_orgs
from pipeline.lexicon.patterns import find_year
from pipeline.lexicon.words import (
    DIRECTION_WORDS,
    ORG_SUFFIXES,
    TOTAL_WORDS,
    compact,
    funding_source,
    is_total_label,
    measure_of,
)
from pipeline.normalize import normalize_name
from pipeline.normalize.units import label_unit, unit_multiplier
from pipeline.schemas.facts import BudgetFact
from pipeline.schemas.records import CellRecord, TableRecord


@dataclass(frozen=True)
class _Column:
    """What a column label says about each money cell under it, read once per label of a table (not per
    cell): its 재원 and total word (its last word), its year, its org unit, its second amount's name and
    its flow (세입/세출)."""

    source: str | None
    is_total: bool
    year: int | None
    org_unit: str | None
    second_name: re.Match[str] | None
    flow: str | None


def _column(label: str | None, by_source_cols: bool, orgs: dict[int | None, set[str]]) -> _Column:
    last = _last_word(label)
    return _Column(
        source=funding_source(last) or ("계" if by_source_cols and _bare_total(last) else None),
        is_total=is_total_label(last),
        year=find_year(label),
        org_unit=_col_org(label, orgs),
        second_name=SECOND_NAME.search(label or ""),
        flow=_first_flow((label,)),
    )


@dataclass(frozen=True)
class _Row:
    """What a row label path says about each money cell in the row, read once per row label of a table:
    its innermost part, 재원 and total word, what the money is for, its org unit and its flow."""

    innermost: str | None
    source: str | None
    is_total: bool
    subject: str
    """The path the cell's subject is read from (without the innermost part when that is a 재원 or a unit)."""
    transposed: bool
    """A unit row (`억원` under `분야 | 사회복지 | …`): the column names what the money is for."""
    org_unit: str | None
    flow: str | None


def _row(label: str | None, by_source_rows: bool, orgs: dict[int | None, set[str]]) -> _Row:
    parts = label_parts(label)
    innermost = parts[-1] if parts else None
    source = funding_source(innermost) or ("계" if by_source_rows and _bare_total(innermost) else None)
    transposed = not source and bool(label_unit(innermost))
    return _Row(
        innermost=innermost,
        source=source,
        is_total=is_total_label(innermost),
        subject=LABEL_PATH_SEPARATOR.join(parts[:-1] if source or transposed else parts),
        transposed=transposed,
        org_unit=_row_org(parts, orgs),
        flow=_first_flow(reversed(parts)),
    )


def budget_facts(table: TableRecord, cells: list[CellRecord], project: str | None) -> list[BudgetFact]:
    """One fact per money cell of the table; `project` is the section the table sits in."""
    facts: list[BudgetFact] = []
    body = [c for c in cells if not c.is_header]
    money = [c for c in body if c.amount_krw is not None and c.value_kind == "krw"]
    if not money:
        return facts  # a table without money (a KPI, a list of staff) is not read for its labels
    # each label once: a table repeats its row labels across its columns and its column labels down its rows
    by_source_rows = any(funding_source(_innermost(label)) for label in {c.row_label for c in body})
    by_source_cols = any(funding_source(_last_word(label)) for label in {c.col_label for c in body})
    orgs = _org_axes(cells)
    table_year = find_year(table.caption) or find_year(table.as_of)
    caption_flow = _first_flow((table.caption,))
    columns: dict[str | None, _Column] = {}
    rows: dict[str | None, _Row] = {}
    for cell in money:
        column = columns.get(cell.col_label)
        if column is None:
            column = columns[cell.col_label] = _column(cell.col_label, by_source_cols, orgs)
        row = rows.get(cell.row_label)
        if row is None:
            row = rows[cell.row_label] = _row(cell.row_label, by_source_rows, orgs)
        subject = row.subject or (cell.col_label if row.transposed else None) or project or table.caption
        source = row.source if row.source and row.source != "계" else column.source or row.source
        fact = BudgetFact(
            doc_id=cell.doc_id,
            table_id=cell.table_id,
            subject=subject,
            org_unit=row.org_unit if row.org_unit is not None else column.org_unit,
            direction=row.flow or column.flow or caption_flow,
            measure=measure_of(cell.col_label, table.caption, row.innermost),
            fiscal_year=column.year or table_year,
            funding_source=source,
            amount_krw=cell.amount_krw,
            is_total=row.is_total or column.is_total,
            raw_text=cell.raw_text,
            unit=cell.unit,
            line=cell.line,
            page=cell.page,
        )
        facts.append(fact)
        second = _second_amount(cell, column.second_name)
        if second is not None:
            # `564,342` over `[564,342]` under `집행액 [실집행액]`: the bracketed amount is one of its own
            name = column.second_name
            measure = measure_of(name.group("name")) if name else None
            facts.append(fact.model_copy(update={"amount_krw": second, "measure": measure}))
    return facts


SECOND_NAME = re.compile(r"[\[(（]\s*(?P<name>[^\[\]()（）\d]+?)\s*[\])）]\s*$")
"""A column head ending in the bracketed name of the second value its cells print under the first
(`집행액 [실집행액]`, `계획액 (수정)`)."""


def _second_amount(cell: CellRecord, named: re.Match[str] | None) -> int | None:
    """The won amount a money cell prints in brackets under its first, when its column names it (`named`:
    SECOND_NAME in the column label)."""
    if cell.secondary_kind != "krw" or cell.secondary_value is None or not named:
        return None
    scale = unit_multiplier(cell.secondary_unit or cell.unit)
    return round(cell.secondary_value * scale) if scale else None


def _innermost(label: str | None) -> str | None:
    parts = label_parts(label)
    return parts[-1] if parts else None


def _bare_total(label: str | None) -> bool:
    return compact(label) in TOTAL_WORDS


def _last_word(label: str | None) -> str | None:
    return label.split()[-1] if label and label.split() else None


def is_org_label(label: str | None) -> bool:
    """A label naming an org unit (`기획담당관`, `복지정책과`, `인구정책 담당관`); a bare unit word
    (`사업소`, `담당관`) names none."""
    text = compact(label)
    return (
        2 < len(text) <= 20
        and text.endswith(ORG_SUFFIXES)  # one C-level test first: most labels end in no suffix
        and any(text.endswith(s) and len(text) > len(s) for s in ORG_SUFFIXES)
        and not is_total_label(text)
    )


def _org_axes(cells: list[CellRecord]) -> dict[int | None, set[str]]:
    """The labels naming org units, per axis: row paths by depth (0, 1, ...) and columns (None); a label
    beside org units on its axis names one too (`sibling_orgs`). Each label is looked at once, not once
    per cell that repeats it."""
    values = [c for c in cells if not c.is_header and c.amount_krw is not None]
    by_depth: dict[int | None, dict[str | None, None]] = {None: dict.fromkeys(c.col_label for c in values)}
    for label in dict.fromkeys(c.row_label for c in values):
        for depth, part in enumerate(label_parts(label)):
            by_depth.setdefault(depth, {})[part] = None
    return {depth: sibling_orgs(labels, is_org_label) for depth, labels in by_depth.items()}


def _row_org(rows: list[str], orgs: dict[int | None, set[str]]) -> str | None:
    """The innermost org-unit part of a row path (`_org_axes`: the labels naming org units by depth): a
    cell's org unit, else its column's (`_col_org`)."""
    for depth in reversed(range(len(rows))):
        if is_org_label(rows[depth]) or compact(rows[depth]) in orgs.get(depth, ()):
            return normalize_name(rows[depth])
    return None


def _col_org(col_label: str | None, orgs: dict[int | None, set[str]]) -> str | None:
    """The org unit a column label names, or None."""
    if is_org_label(col_label) or compact(col_label) in orgs.get(None, ()):
        return normalize_name(col_label)
    return None


def _first_flow(labels: Iterable[str | None]) -> str | None:
    """세입 or 세출: the flow of the first label naming exactly one. A cell's direction is its row's (the
    innermost part first), else its column's, else the caption's: each read once per row or column."""
    for label in labels:
        found = _flows(label)
        if len(found) == 1:
            return next(iter(found))
    return None


@lru_cache(maxsize=4096)  # asked of each money cell's row parts, column and caption: the same labels
def _flows(label: str | None) -> frozenset[str]:
    """The flows (세입, 세출) whose words a label holds."""
    text = compact(label)
    return frozenset(flow for word, flow in DIRECTION_WORDS.items() if word in text)
