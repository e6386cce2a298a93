"""A KPI's printed achievement rate against its own target and actual (`470명 / 532명 / 113.2`)."""

from __future__ import annotations

from pipeline.normalize.numbers import rate_agrees
from pipeline.schemas.facts import KpiFact
from pipeline.schemas.validation import ValidationIssue


def check_kpi_rates(facts: list[KpiFact]) -> list[ValidationIssue]:
    """A `kpi_rate` warning for each KPI whose printed rate is not the ratio of its actual to its target."""
    issues: list[ValidationIssue] = []
    for fact in facts:
        target, actual, printed = fact.target_value, fact.actual_value, fact.achievement_pct
        if target is None or actual is None or printed is None or target == 0:
            continue
        if rate_agrees(target, actual, printed):
            continue
        expected = actual / target * 100
        issues.append(
            ValidationIssue(
                doc_id=fact.doc_id,
                table_id=fact.table_id,
                check_name="kpi_rate",
                severity="warning",
                message=(
                    f"{fact.program}: printed rate {printed:g} but actual/target = "
                    f"{actual:g}/{target:g} = {expected:.1f}%"
                ),
                expected=round(expected, 2),
                actual=printed,
                line=fact.line,
                page=fact.page,
            )
        )
    return issues
