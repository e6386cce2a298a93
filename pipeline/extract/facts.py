"""All domain facts of a document, from its layout and its table and cell records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.extract.budget import budget_facts
from pipeline.extract.headcounts import (
    cell_prose_headcounts,
    chart_headcounts,
    headcounts,
    merge_sides,
    prose_headcounts,
    table_owner,
)
from pipeline.extract.kpi import kpi_facts
from pipeline.extract.mentions import amount_mentions, cell_mentions, projects_of, section_index
from pipeline.extract.metadata import Cover, read_cover
from pipeline.extract.orgs import link_budget_facts, link_headcounts, org_units
from pipeline.extract.prose import Prose
from pipeline.extract.prose_kpis import prose_kpis, year_change_kpis
from pipeline.extract.sentence_kpis import sentence_kpis
from pipeline.lexicon.patterns import find_year
from pipeline.schemas.document import Document
from pipeline.schemas.facts import AmountMention, BudgetFact, Headcount, KpiFact, OrgUnit
from pipeline.schemas.records import CellRecord, TableRecord


@dataclass
class Facts:
    """Facts of one document, before org names are matched across documents."""

    cover: Cover
    org_units: list[OrgUnit] = field(default_factory=list)
    headcounts: list[Headcount] = field(default_factory=list)
    budget_facts: list[BudgetFact] = field(default_factory=list)
    kpi_facts: list[KpiFact] = field(default_factory=list)
    amount_mentions: list[AmountMention] = field(default_factory=list)


def extract_facts(document: Document, tables: list[TableRecord], cells: list[CellRecord]) -> Facts:
    """Run every extractor over the document's tables and prose."""
    cover = read_cover(document)
    by_table: dict[str, list[CellRecord]] = defaultdict(list)
    for cell in cells:
        by_table[cell.table_id].append(cell)
    facts = Facts(cover=cover)
    sections = section_index(document)
    projects = projects_of(sections)  # each section's project, for the tables', the prose's and the cells'
    prose: list[Headcount] = []
    for table in tables:
        table_cells = by_table.get(table.table_id, [])
        project = projects.get(table.section_id)
        facts.budget_facts += budget_facts(table, table_cells, project.title if project else None)
        owner = table_owner(document, table, cover.issuer, sections)
        facts.headcounts += headcounts(table, table_cells, owner)
        prose += cell_prose_headcounts(table, table_cells, owner)
        facts.kpi_facts += kpi_facts(table, table_cells)
    lines = Prose(document)  # the prose lines, read by each extractor below
    facts.kpi_facts += prose_kpis(document, sections, lines)
    facts.kpi_facts += year_change_kpis(document, find_year(cover.report_date), lines)
    facts.kpi_facts += sentence_kpis(document, find_year(cover.report_date), lines)
    facts.amount_mentions = amount_mentions(document, lines, projects) + cell_mentions(
        document, tables, cells, projects
    )
    facts.org_units = org_units(document, tables, cells, cover.issuer, lines)
    prose += prose_headcounts(document, cover.issuer, sections, lines)
    prose += chart_headcounts(document, facts.org_units, facts.headcounts + prose)
    # a line restating a table's figures (`인력 : 정원 84명 / 현원 90명` over the table's 계) is the same fact
    printed = {(h.org_unit, h.category, h.authorized, h.current) for h in facts.headcounts}
    facts.headcounts += [
        h for h in merge_sides(prose) if (h.org_unit, h.category, h.authorized, h.current) not in printed
    ]
    facts.headcounts = link_headcounts(facts.headcounts, facts.org_units)
    facts.budget_facts = link_budget_facts(facts.budget_facts, facts.org_units)
    return facts
