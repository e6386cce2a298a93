"""Records: what extraction produces for one document, row for row what the warehouse stores."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from pipeline.schemas.document import PageInfo
from pipeline.schemas.facts import AmountMention, BudgetFact, Headcount, KpiFact, OrgNameMatch, OrgUnit
from pipeline.schemas.validation import ValidationIssue

Status = Literal["ok", "failed", "duplicate"]
ValueKind = Literal["krw", "pct", "count", "area", "date", "text", "other"]
CellFlag = Literal[
    "decimal_comma_typo", "malformed_number", "parenthesized", "pair", "placeholder", "range", "scaled"
]
"""What the normalizer noticed about a cell: a repaired typo (`80,4`), a number it could not read, a value
printed in brackets, two values in one cell (`29/28`), a placeholder (`-`, `비예산`), a count whose value
is the printed number times its header's scale (`3,293` under `인구(천명)`: 3,293,000), a range (`50~70%`: the
low end the value, the high end the second value)."""


class DocumentRecord(BaseModel):
    """One report and how its last ingest went."""

    doc_id: str
    source_path: str
    source_key: str | None = None
    """The document's identity: the absolute path of its file (pipeline/identity.py)."""
    sha256: str | None = None
    format: str | None = None
    encoding: str | None = None
    title: str | None = None
    issuer: str | None = None
    report_date: date | None = None
    report_date_precision: Literal["day", "month"] | None = None
    status: Status
    error: str | None = None
    duplicate_of: str | None = None
    """For status duplicate: the doc_id holding the same bytes, loaded once."""
    parser_version: str
    ingested_at: datetime
    n_lines: int | None = None
    n_pages: int | None = None
    n_tables: int | None = None
    n_cells: int | None = None


class TableRecord(BaseModel):
    """A table with its caption, unit and where it sits."""

    doc_id: str
    table_id: str
    caption: str | None = None
    kind: str = "other"
    """budget, headcount, kpi, org, other: decided from header words, not from the document."""
    unit: str | None = None
    """Normalized unit of the table's bare numbers (`천원`, `백만원`, ...)."""
    unit_text: str | None = None
    """The unit annotation as printed."""
    as_of: str | None = None
    """ISO date or year-month the table is valid at."""
    first_line: int
    last_line: int
    page: int | None = None
    source: str
    n_rows: int
    n_cols: int
    header_rows: int
    parent_table_id: str | None = None
    section_id: str | None = None


class CellRecord(BaseModel):
    """One non-empty cell: the printed text beside its normalized value."""

    doc_id: str
    table_id: str
    row_idx: int
    col_idx: int
    row_label: str | None = None
    col_label: str | None = None
    raw_text: str
    value: float | None = None
    value_kind: ValueKind | None = None
    amount_krw: int | None = None
    unit: str | None = None
    secondary_value: float | None = None
    """The second value printed in the cell: 현원 of `29/28`, `27(27)`; the share of `213(18.5%)`."""
    secondary_kind: ValueKind | None = None
    secondary_unit: str | None = None
    footnote: str | None = None
    """A footnote mark printed on the value (`35/361)`: footnote 1)) or, when the value has none, after its
    row label (`경상수입1)`: the row is 경상수입, footnote 1))."""
    unit_source: str | None = None
    """How the unit was decided: `value` (printed on the value), `header` (printed in the column or row
    header), `annotation` (the table's one unit), `annotation_by_kind` (one of several annotated units, by
    the column's kind: money, count or rate words), `row_label` (by the row label's kind), `other_table`
    (a table printing none, whose amounts another table of the document prints with this unit)."""
    is_header: bool = False
    row_span: int = 1
    col_span: int = 1
    flags: list[CellFlag] = Field(default_factory=list)
    line: int
    page: int | None = None
    x0: float | None = None
    """Box of the cell on its page in PDF points (x0, top, x1, bottom); None for unpaged formats."""
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None


class SectionRecord(BaseModel):
    """A heading of the report and its line range."""

    doc_id: str
    section_id: str
    level: int
    marker: str
    title: str
    first_line: int
    last_line: int
    parent_id: str | None = None


class LineRecord(BaseModel):
    """One source line, kept so every record can be shown beside the text it came from."""

    doc_id: str
    line: int
    page: int | None = None
    page_line: int | None = None
    text: str
    section_id: str | None = None


class PageRecord(PageInfo):
    """How one PDF page read: a page the text layer could not give is recorded, never silently missing.
    The reader's `PageInfo`, named by its document."""

    doc_id: str


class ParsedDocument(BaseModel):
    """Everything extracted from one document: written to `parsed/<doc_id>.json` and loaded as one unit."""

    document: DocumentRecord
    tables: list[TableRecord] = Field(default_factory=list)
    cells: list[CellRecord] = Field(default_factory=list)
    sections: list[SectionRecord] = Field(default_factory=list)
    lines: list[LineRecord] = Field(default_factory=list)
    pages: list[PageRecord] = Field(default_factory=list)
    org_units: list[OrgUnit] = Field(default_factory=list)
    org_name_matches: list[OrgNameMatch] = Field(default_factory=list)
    headcounts: list[Headcount] = Field(default_factory=list)
    budget_facts: list[BudgetFact] = Field(default_factory=list)
    kpi_facts: list[KpiFact] = Field(default_factory=list)
    amount_mentions: list[AmountMention] = Field(default_factory=list)
    validation_issues: list[ValidationIssue] = Field(default_factory=list)

    def record_lists(self) -> dict[str, list[BaseModel]]:
        """Warehouse table name -> records of this document, for every per-document table."""
        return {name: getattr(self, name) for name in type(self).model_fields if name != "document"}
