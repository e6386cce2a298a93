"""Breakdowns written in prose (`154억원(국 55억, 시30억, 구69억)`) add up to their total."""

from __future__ import annotations

from collections import defaultdict

from schemas.facts import AmountMention
from schemas.validation import ValidationIssue


def check_breakdowns(mentions: list[AmountMention]) -> list[ValidationIssue]:
    groups: dict[tuple[int, str], list[AmountMention]] = defaultdict(list)
    for mention in mentions:
        groups[(mention.line, mention.raw_text)].append(mention)
    issues: list[ValidationIssue] = []
    for (line, raw), group in groups.items():
        totals = [m for m in group if not m.is_part]
        parts = [m for m in group if m.is_part]
        if len(totals) != 1 or len(parts) < 2:
            continue
        expected = sum(p.amount_krw for p in parts)
        if expected != totals[0].amount_krw:
            issues.append(
                ValidationIssue(
                    doc_id=totals[0].doc_id,
                    check_name="breakdown_sum",
                    severity="error",
                    message=f"'{raw}': the parts add up to {expected:,} won, not {totals[0].amount_krw:,}",
                    expected=float(expected),
                    actual=float(totals[0].amount_krw),
                    line=line,
                    page=totals[0].page,
                )
            )
    return issues
