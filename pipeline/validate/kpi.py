"""A KPI's printed achievement rate against its own target and actual (`470명 / 532명 / 113.2`)."""

from __future__ import annotations

import math

from schemas.facts import KpiFact
from schemas.validation import ValidationIssue

RATE_DECIMALS = (0, 1, 2)
"""Reports print a rate rounded or cut to this many decimals; any of them counts as agreeing."""


def rate_agrees(target: float, actual: float, printed: float) -> bool:
    """Whether `printed` is actual/target in percent, rounded or truncated to 0-2 decimals."""
    ratio = actual / target * 100
    for decimals in RATE_DECIMALS:
        scale = 10**decimals
        for read in (round(ratio * scale), math.floor(ratio * scale), math.ceil(ratio * scale)):
            if abs(read / scale - printed) < 1e-6:
                return True
    return False


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
