"""Facts no report should give, checked over any set of documents: a KPI whose program is a funding
source, a headcount whose category is a person's name, budget facts by org unit that do not add up to the
total printed beside them. Used by `scripts/fact_counts.py` and the corpus tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.lexicon.labels import LABEL_PATH_SEPARATOR
from pipeline.lexicon.words import PERSON_HEADER_WORDS, compact, funding_source, is_total_label
from pipeline.schemas.facts import BudgetFact, Headcount, KpiFact
from pipeline.schemas.records import CellRecord

GENERIC_SOURCE = "기타"
"""A funding word only beside other funding sources: `기타` after 민사 / 형사 / 가사 is other cases."""


def funding_source_programs(kpis: list[KpiFact]) -> list[str]:
    """Programs of KPI facts that are funding sources (`국비`, `시비`): money rows read as KPIs. `기타`
    counts only in a table whose other programs are funding sources too."""
    sources: dict[tuple[str, str | None], set[str]] = {}
    for k in kpis:
        source = funding_source(k.program)
        if source:
            sources.setdefault((k.doc_id, k.table_id), set()).add(source)
    return [
        k.program
        for k in kpis
        if (source := funding_source(k.program))
        and (source != GENERIC_SOURCE or len(sources[(k.doc_id, k.table_id)]) > 1)
    ]


def is_person_column(label: str | None) -> bool:
    """A column of people (`대표자`, `성명`): its cells are names."""
    text = compact(label)
    return bool(text) and any(text.endswith(w) or text == w for w in PERSON_HEADER_WORDS)


def name_categories(headcounts: list[Headcount], cells: list[CellRecord]) -> list[str]:
    """Headcount categories that are a person's name printed in a person column of the same document."""
    names = {compact(c.raw_text) for c in cells if not c.is_header and is_person_column(c.col_label)}
    return [h.category for h in headcounts if any(compact(part) in names for part in h.category.split())]


@dataclass
class OrgSums:
    """Totals checked against the budget facts by org unit beside them, and the ones that differ."""

    checked: int = 0
    wrong: list[str] = field(default_factory=list)


def org_sums(facts: list[BudgetFact]) -> OrgSums:
    """Budget facts by org unit against their printed total. Facts of one table, measure, year, source and
    direction are one group; the org facts of a row (orgs as columns) or of a column (orgs as rows) add
    up to the group's one total without an org."""
    groups: dict[tuple[object, ...], list[BudgetFact]] = {}
    for fact in facts:
        org_row = bool(fact.org_unit) and compact(fact.subject or "").endswith(compact(fact.org_unit))
        total_row = fact.is_total and is_total_label((fact.subject or "").split(LABEL_PATH_SEPARATOR)[-1])
        subject = None if org_row or total_row else fact.subject
        key = (
            fact.doc_id,
            fact.table_id,
            fact.measure,
            fact.fiscal_year,
            fact.funding_source,
            fact.direction,
            subject,
        )
        groups.setdefault(key, []).append(fact)
    result = OrgSums()
    for group_key, group in groups.items():
        parts = [f for f in group if f.org_unit and not f.is_total]
        totals = [f for f in group if f.is_total and not f.org_unit]
        if len(parts) < 2 or len(totals) != 1:
            continue
        result.checked += 1
        if sum(f.amount_krw for f in parts) != totals[0].amount_krw:
            printed = [f.raw_text for f in parts]
            where = f"{group_key[0]} {group_key[1]} line {totals[0].line}"
            result.wrong.append(f"{where}: {totals[0].raw_text} vs parts {printed}")
    return result
