"""What a validation check found: the source value is never changed, the check records what it expected."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Severity = Literal["error", "warning", "info"]


class ValidationIssue(BaseModel):
    """One check that did not hold (or a value that could not be checked)."""

    doc_id: str
    table_id: str | None = None
    check_name: str
    """total_sum, rate_ratio, remainder, breakdown_sum, kpi_rate, typo, unparsed_number, missing_unit,
    implausible_amount, org_summary, org_team_count, page_unread (a PDF page whose text layer could not
    be read: `pages.status`)"""
    severity: Severity
    message: str
    expected: float | None = None
    actual: float | None = None
    line: int | None = None
    page: int | None = None
