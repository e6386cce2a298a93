"""Domain facts read off tables and prose: each points back to its document, table and line.

Column names match the warehouse tables of the same name; they are a contract with researchers' queries.
"""

from __future__ import annotations

from pydantic import BaseModel


class OrgUnit(BaseModel):
    """An organisational unit (실/국/과/담당관/팀/센터...) named in a report: a node of its org tree."""

    doc_id: str
    unit_id: str = ""
    """Stable: `doc_id/` and the canonical names from the top unit down (`기획관>법무담당관`)."""
    name: str
    """As printed, spaces folded (`경 제 정 책 과`); a name wrapped in its box joined by a space."""
    canonical_name: str
    """Shared across documents: spaces and middle dots removed, typos matched to a known name."""
    parent_id: str | None = None
    parent_name: str | None = None
    rank: str | None = None
    """The kind of unit: 실, 국, 관, 본부, 과, 담당관, 추진단, 단, 팀, 사업소, 센터, 위원회..."""
    grade: str | None = None
    """`1·2급`, `3급`, `3·4급` where printed after the name."""
    team_count: int | None = None
    """As printed (`복지정책과(6)`, `5팀(35명)`, `(3팀)`)."""
    staff_count: int | None = None
    """Staff printed in the chart (`5팀(35명)`)."""
    functions: str | None = None
    """Duties listed for the unit where a chart or table lists duties instead of teams."""
    source: str = "prose"
    """chart (a drawn org chart), prose (an org list in the text) or table (a row label)."""
    summary: str | None = None
    """On a chart's top unit: the count line printed with the chart (`5 담당관 1 추진단 20 팀`)."""
    line: int
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    """The unit's box on the page (x0, top, x1, bottom in points), for charts."""


class Headcount(BaseModel):
    """정원 (authorized) and 현원 (current) staff of an org unit, for one category."""

    doc_id: str
    table_id: str | None = None
    org_unit: str | None = None
    org_unit_id: str | None = None
    """The `org_units` row of the same document this headcount is about, where the unit is known."""
    category: str
    """합계, 일반직, 임기제, 별정직, 4급 ... as the table labels it."""
    authorized: int | None = None
    current: int | None = None
    as_of: str | None = None
    raw_text: str
    line: int
    page: int | None = None


class BudgetFact(BaseModel):
    """One money cell of a budget table, in won."""

    doc_id: str
    table_id: str
    subject: str | None = None
    """What the money is for: the row (a 과, a 세부사업, a cost item) or the project of the table."""
    org_unit: str | None = None
    """The 과/담당관/국 the money belongs to, when the table is by org unit (its rows or its columns)."""
    direction: str | None = None
    """세입 (revenue) or 세출 (expenditure), from the labels or the caption; None when not printed."""
    measure: str | None = None
    """What the number is, one vocabulary for every document (`pipeline.lexicon.words.MEASURES`):
    예산액, 본예산, 추경, 예산현액, 집행액, 잔액, 증감, 증감률, 소요예산, ..."""
    fiscal_year: int | None = None
    funding_source: str | None = None
    """국비, 시비, 구비, 민간, 기타, or 계 for a total over sources."""
    amount_krw: int
    is_total: bool = False
    raw_text: str
    unit: str | None = None
    line: int
    page: int | None = None


class KpiFact(BaseModel):
    """A target and what was achieved, for a program and period."""

    doc_id: str
    table_id: str | None = None
    """The table the KPI is read from; None for one written in prose (`❍ 목 표 : 4,400건`)."""
    program: str
    period: str | None = None
    """The year (or date) the target is for; the table's as-of date when the columns name none."""
    actual_period: str | None = None
    """The year of the actual when it differs from the target's (`’24 실적 → ’25 목표`)."""
    measure: str | None = None
    """What a pair measures when a row has several (`대상인원`, `예산`); money pairs are in won (unit 원)."""
    target_value: float | None = None
    target_unit: str | None = None
    actual_value: float | None = None
    actual_unit: str | None = None
    achievement_pct: float | None = None
    line: int
    page: int | None = None


class AmountMention(BaseModel):
    """A money amount written in prose, attached to the section (project) it is written under."""

    doc_id: str
    section_title: str | None = None
    context: str | None = None
    """The label the amount is given for (`소요예산`) or, for a part of a breakdown, its funding source or
    its own label (`시설비`)."""
    raw_text: str
    amount_krw: int | None
    """Won; None for a range (`3~20억원`), whose ends are `amount_low_krw` and `amount_high_krw`."""
    amount_low_krw: int | None = None
    amount_high_krw: int | None = None
    is_approximate: bool = False
    """`약 4천억원`, `150억원 내외`, `30억여원`."""
    is_part: bool = False
    part_of: str | None = None
    """For a part: the raw text of the total it is a part of (on this line or the parent line above)."""
    part_of_line: int | None = None
    line: int
    page: int | None = None
    currency: str = "KRW"
    """ISO 4217 code: KRW for won; another (USD for `141.5억 달러`, `98억불`) for an amount in a foreign
    currency, which is never converted: its `amount_krw` is None and `amount_foreign` holds it."""
    amount_foreign: int | None = None
    """A foreign amount in its currency's units (`141.5억 달러`: 14,150,000,000); None for won."""


class OrgNameMatch(BaseModel):
    """A name that was close to a known canonical name: merged above the threshold, recorded either way."""

    doc_id: str
    name: str
    candidate: str
    score: float
    merged: bool
    line: int
