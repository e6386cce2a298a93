"""One document from file to records: read, lay out, extract, normalize, check. No warehouse, no files.

This is the one place where the stages meet, in their order; every tolerance of every stage arrives here in
one `ParseSettings` object.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from pydantic import TypeAdapter

from pipeline import PARSER_VERSION
from pipeline.budget import Budget, DocumentBudgetError, within_budget
from pipeline.errors import DocumentError, NeedsOcrError
from pipeline.extract.facts import extract_facts
from pipeline.extract.tables import extract_tables
from pipeline.identity import path_text, source_key
from pipeline.layout import LayoutSettings, build_layout
from pipeline.readers import doc_id_for, read_document
from pipeline.readers.settings import ReaderSettings
from pipeline.schemas.document import Document
from pipeline.schemas.records import DocumentRecord, LineRecord, PageRecord, ParsedDocument, SectionRecord
from pipeline.validate import CheckSettings, validate_records
from pipeline.validate.ranges import bound_values


@dataclass(frozen=True)
class ParseSettings:
    """The settings of every stage a document passes through, passed to `parse_path` and `ingest`."""

    readers: ReaderSettings = field(default_factory=ReaderSettings)
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    checks: CheckSettings = field(default_factory=CheckSettings)
    budget: Budget = field(default_factory=Budget)
    """Time and memory one document may take before it fails alone (pipeline/budget.py)."""


def now() -> datetime:
    """The ingest timestamp (UTC, naive, as DuckDB TIMESTAMP stores it)."""
    return datetime.now(UTC).replace(tzinfo=None)


def document_records(document: Document, settings: ParseSettings | None = None) -> ParsedDocument:
    """All records of a laid-out document (org names not yet matched across documents)."""
    tables, cells = extract_tables(document)
    facts = extract_facts(document, tables, cells)
    report_date, precision = _report_date(facts.cover.report_date)
    record = DocumentRecord(
        doc_id=document.doc_id,
        source_path=path_text(document.source_path),
        sha256=document.sha256,
        format=document.format,
        encoding=document.encoding,
        title=facts.cover.title,
        issuer=facts.cover.issuer,
        report_date=report_date,
        report_date_precision=precision,
        status="ok",
        parser_version=PARSER_VERSION,
        ingested_at=now(),
        n_lines=len(document.lines),
        n_pages=document.pages,
        n_tables=len(tables),
        n_cells=len(cells),
    )
    sections = section_records(document)
    lines = line_records(document)
    pages = [PageRecord(doc_id=document.doc_id, **info.model_dump()) for info in document.page_info]
    return ParsedDocument(
        document=record,
        tables=tables,
        cells=cells,
        sections=sections,
        lines=lines,
        pages=pages,
        org_units=facts.org_units,
        headcounts=facts.headcounts,
        budget_facts=facts.budget_facts,
        kpi_facts=facts.kpi_facts,
        amount_mentions=facts.amount_mentions,
        validation_issues=validate_records(
            tables,
            cells,
            facts.amount_mentions,
            (settings or ParseSettings()).checks,
            facts.kpi_facts,
            facts.org_units,
            pages,
        ),
    )


def line_records(document: Document) -> list[LineRecord]:
    """A `lines` row for every line of the document.

    One per source line (~1,000 a report), so they are validated from dicts, all in one validator call:
    the same checks and the same models as `LineRecord(...)`, without a Python `__init__` frame per line."""
    doc_id = document.doc_id
    return _LINE_RECORDS.validate_python(
        [
            {
                "doc_id": doc_id,
                "line": line.number,
                "page": line.page,
                "page_line": line.page_line,
                "text": line.text,
                "section_id": line.section_id,
            }
            for line in document.lines
        ]
    )


_LINE_RECORDS = TypeAdapter(list[LineRecord])


def section_records(document: Document) -> list[SectionRecord]:
    """A `sections` row for every heading, from the section's own fields (a `Section` holds no nested
    model, so its `__dict__` is what `model_dump` would build), validated as `line_records` does."""
    doc_id = document.doc_id
    return _SECTION_RECORDS.validate_python([{"doc_id": doc_id, **s.__dict__} for s in document.sections])


_SECTION_RECORDS = TypeAdapter(list[SectionRecord])


def laid_out_document(
    path: Path, doc_id: str | None = None, settings: ParseSettings | None = None, *, text_words: bool = True
) -> Document:
    """Read one file of any format and lay it out: lines, tables, sections and their context.

    `text_words=False` for a document wanted for its records only: a text report's lines then carry no
    words (what `read_document` says); the records are the same (tests/test_text_reader.py)."""
    settings = settings or ParseSettings()
    return build_layout(read_document(path, doc_id, settings.readers, text_words=text_words), settings.layout)


def parse_path(
    path: Path, doc_id: str | None = None, settings: ParseSettings | None = None
) -> ParsedDocument:
    """Read and extract one file; raises `DocumentError` with a specific message when it cannot."""
    settings = settings or ParseSettings()
    with collector_paused():
        document = laid_out_document(path, doc_id, settings, text_words=False)
        parsed = document_records(document, settings)
        del document  # freed here, else the collection that resumes with the collector walks all its objects
        return check_ranges(parsed)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, as it was after (left off if it was off).

    A parse builds tens of thousands of container objects (lines, words, cells, records: ~30,000 still held
    at the end of a 1,000-line text report) that live until its records are returned; the collector's
    generational passes walked them again and again (~9% of the CPU of a text document) and found almost
    nothing: a document leaves ~1,000-1,400 objects in cycles (closures of recursive helpers), text or PDF.
    Reference counting frees everything else at once, as always; the cycles wait for the next collection.
    That collection comes with the first allocation after the block and walks every object the block made
    that is still alive: a caller drops what it no longer needs inside the block (`parse_path`).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check_ranges(parsed: ParsedDocument) -> ParsedDocument:
    """The document with every value no report prints dropped and named in an issue
    (pipeline/validate/ranges.py): one misread never fails the document or the load."""
    records = {k: v for k, v in parsed.record_lists().items() if k != "validation_issues"}
    bounded, issues = bound_values(parsed.document.doc_id, records)
    if not issues:
        return parsed
    ordered = sorted(
        parsed.validation_issues + issues, key=lambda i: (i.line or 0, i.table_id or "", i.check_name)
    )
    return parsed.model_copy(update={**bounded, "validation_issues": ordered})


def _report_date(iso: str | None) -> tuple[date | None, Literal["day", "month"] | None]:
    """A DATE for the warehouse from an ISO date or year-month, with its precision."""
    if not iso:
        return None, None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts), "day"
    return date(parts[0], parts[1], 1), "month"


def failed_record(
    path: Path, error: str, sha256: str | None = None, doc_id: str | None = None
) -> DocumentRecord:
    """The `documents` row of a file that could not be parsed."""
    return DocumentRecord(
        doc_id=doc_id or doc_id_for(path),
        source_path=path_text(path),
        source_key=source_key(path),
        sha256=sha256,
        format=path.suffix.lower().lstrip(".") or None,
        status="failed",
        error=error,
        parser_version=PARSER_VERSION,
        ingested_at=now(),
    )


@dataclass(frozen=True)
class ParseResult:
    """A worker's answer for one file: records, or the error that stopped it."""

    path: Path
    doc_id: str
    sha256: str | None
    parsed: ParsedDocument | None = None
    error: str | None = None
    needs_ocr: bool = False
    """The error is that the file carries no readable text (`NeedsOcrError`): a property of the input."""


def sha256_of(path: Path) -> str | None:
    """Hash of the file's bytes, or None when it cannot be read."""
    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def parse_file(
    path: Path,
    sha256: str | None = None,
    doc_id: str | None = None,
    settings: ParseSettings | None = None,
) -> ParseResult:
    """Parse one file within its time budget; every failure, including a bug, becomes an error message
    for this file only."""
    doc_id = doc_id or path_text(doc_id_for(path))
    budget = (settings or ParseSettings()).budget
    try:
        if not path.is_file():
            raise DocumentError(f"file not found: {path_text(path)}")
        with within_budget(budget):
            parsed = parse_path(path, doc_id, settings)
        parsed.document.source_key = source_key(path)
        return ParseResult(path, doc_id, sha256, parsed=parsed)
    except (DocumentError, DocumentBudgetError) as error:
        return ParseResult(path, doc_id, sha256, error=str(error), needs_ocr=isinstance(error, NeedsOcrError))
    except MemoryError:
        # nothing is built here: while the error is handled its traceback keeps the half-read document
        # alive, so the message could itself run out of memory; it is built below, the frames freed
        pass
    except RecursionError:
        return ParseResult(path, doc_id, sha256, error="too deeply nested to read (recursion limit)")
    except Exception as error:  # a bug must not stop the corpus: record it against this document
        message = f"internal error while parsing: {type(error).__name__}: {error}"
        return ParseResult(path, doc_id, sha256, error=message)
    message = f"out of memory: over the budget of {budget.memory_mb} MB per parser worker"
    return ParseResult(path, doc_id, sha256, error=message)
