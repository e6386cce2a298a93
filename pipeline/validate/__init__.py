"""Validation: the arithmetic the documents promise, typos, unparsed numbers and missing units."""

from __future__ import annotations

from pipeline.schemas.facts import AmountMention, KpiFact, OrgUnit
from pipeline.schemas.records import CellRecord, PageRecord, TableRecord
from pipeline.schemas.validation import ValidationIssue
from pipeline.validate.arithmetic import CheckSettings, by_table, check_table
from pipeline.validate.cells import check_cells
from pipeline.validate.kpi import check_kpi_rates
from pipeline.validate.orgs import check_org_charts
from pipeline.validate.pages import check_pages
from pipeline.validate.prose import check_breakdowns


def validate_records(
    tables: list[TableRecord],
    cells: list[CellRecord],
    mentions: list[AmountMention],
    settings: CheckSettings | None = None,
    kpis: list[KpiFact] | None = None,
    org_units: list[OrgUnit] | None = None,
    pages: list[PageRecord] | None = None,
) -> list[ValidationIssue]:
    """Every check over one document's records; the records themselves are not changed."""
    grouped = by_table(cells)
    issues: list[ValidationIssue] = []
    for table in tables:
        table_cells = grouped.get(table.table_id, [])
        issues += check_table(table, table_cells, settings)
        issues += check_cells(table, table_cells)
    issues += check_breakdowns(mentions)
    issues += check_kpi_rates(kpis or [])
    if org_units:
        issues += check_org_charts(org_units[0].doc_id, org_units)
    issues += check_pages(pages or [])
    return sorted(issues, key=lambda i: (i.line or 0, i.table_id or "", i.check_name))


__all__ = ["CheckSettings", "validate_records"]
