"""Breakdowns written in prose (`154억원(국 55억, 시30억, 구69억)`, `총 9,640백만원(시설비 9,100 / 운영비
540)`, or a child line `- 국비 24,960, 시비 6,240` under its total) add up to their total."""

from __future__ import annotations

from collections import defaultdict

from pipeline.schemas.facts import AmountMention
from pipeline.schemas.validation import ValidationIssue


def check_breakdowns(mentions: list[AmountMention]) -> list[ValidationIssue]:
    groups: dict[tuple[int, str], list[AmountMention]] = defaultdict(list)
    for mention in mentions:
        if mention.is_part:
            groups[(mention.part_of_line or mention.line, mention.part_of or mention.raw_text)].append(
                mention
            )
        else:
            groups[(mention.line, mention.raw_text)].append(mention)
    issues: list[ValidationIssue] = []
    for (line, raw), group in groups.items():
        totals = [m for m in group if not m.is_part]
        parts = [m for m in group if m.is_part and m.amount_krw is not None]
        if len(totals) != 1 or len(parts) < 2 or totals[0].amount_krw is None:
            continue
        expected = sum(p.amount_krw or 0 for p in parts)
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
