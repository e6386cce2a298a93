"""Org charts against their own count lines: `5 담당관 1 추진단 20 팀` must match the boxes drawn."""

from __future__ import annotations

from pipeline.extract.orgchart import ChartUnit, OrgChart, parse_summary, summary_mismatches
from pipeline.schemas.facts import OrgUnit
from pipeline.schemas.validation import ValidationIssue


def _chart_of(top: OrgUnit, units: list[OrgUnit]) -> OrgChart:
    """The chart below a top unit, rebuilt from the unit records (parents as indexes)."""
    members = [top]
    index = {top.unit_id: 0}
    for unit in units:
        if unit.parent_id in index and unit.unit_id not in index:
            index[unit.unit_id] = len(members)
            members.append(unit)
    chart_units = [
        ChartUnit(
            name=u.name,
            canonical_name=u.canonical_name,
            rank=u.rank,
            parent=index.get(u.parent_id) if u.parent_id else None,
            box=u.box or (0.0, 0.0, 0.0, 0.0),
            team_count=u.team_count,
        )
        for u in members
    ]
    return OrgChart(
        page=top.page or 0,
        box=top.box or (0.0, 0.0, 0.0, 0.0),
        units=chart_units,
        summary=top.summary,
        summary_counts=parse_summary(top.summary or ""),
    )


def check_org_charts(doc_id: str, units: list[OrgUnit]) -> list[ValidationIssue]:
    """A count line that differs from the units drawn; a `(6)` beside a box listing other than 6 teams."""
    issues: list[ValidationIssue] = []
    charted = [u for u in units if u.source == "chart"]
    for top in (u for u in charted if u.parent_id is None and u.summary):
        for rank, printed, found in summary_mismatches(_chart_of(top, charted)):
            issues.append(
                ValidationIssue(
                    doc_id=doc_id,
                    check_name="org_summary",
                    severity="warning",
                    message=f"the chart's count line '{top.summary}' gives {printed} {rank}, "
                    f"the chart draws {found}",
                    expected=float(printed),
                    actual=float(found),
                    line=top.line,
                    page=top.page,
                )
            )
    for unit in charted:
        teams = [u for u in charted if u.parent_id == unit.unit_id and u.rank == "팀"]
        if unit.team_count is not None and teams and len(teams) != unit.team_count:
            issues.append(
                ValidationIssue(
                    doc_id=doc_id,
                    check_name="org_team_count",
                    severity="warning",
                    message=f"{unit.name} prints {unit.team_count} teams and lists {len(teams)}",
                    expected=float(unit.team_count),
                    actual=float(len(teams)),
                    line=unit.line,
                    page=unit.page,
                )
            )
    return issues
