"""The CI gate: parse reports without touching the warehouse and say whether each one passes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.coverage import parsed_coverage
from pipeline.identity import fresh_doc_ids
from pipeline.ingest import collect_paths, parse_file
from pipeline.parse import ParseSettings


@dataclass(frozen=True)
class GateSettings:
    """Thresholds a document must meet."""

    min_coverage: float = 0.0
    """Share of numeric tokens that must land in a cell or amount mention (0-1)."""
    max_check_errors: int | None = None
    """Most arithmetic check failures (severity error) allowed per document; None: no limit."""
    allow_needs_ocr: bool = False
    """A document whose file carries no readable text (scanned; it needs OCR) is reported, not failed."""
    parse: ParseSettings = field(default_factory=ParseSettings)
    """How the documents are parsed (the same settings as `ingest` takes)."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_coverage <= 1.0 or (self.max_check_errors or 0) < 0:
            raise ValueError(f"invalid GateSettings: {self}")


@dataclass
class DocumentCheck:
    """One document's result at the gate."""

    doc_id: str
    path: str
    parsed: bool
    error: str | None = None
    needs_ocr: bool = False
    tables: int = 0
    cells: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    coverage: float | None = None
    check_errors: int = 0
    check_warnings: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.reasons


FACT_TABLES = ("org_units", "headcounts", "budget_facts", "kpi_facts", "amount_mentions")


def check_document(path: Path, settings: GateSettings, doc_id: str | None = None) -> DocumentCheck:
    """Parse one file and hold it against the thresholds."""
    result = parse_file(path, doc_id=doc_id, settings=settings.parse)
    check = DocumentCheck(doc_id=result.doc_id, path=str(path), parsed=result.parsed is not None)
    if result.parsed is None:
        check.error = result.error
        check.needs_ocr = result.needs_ocr
        if not (result.needs_ocr and settings.allow_needs_ocr):
            check.reasons.append(f"does not parse: {result.error}")
        return check
    parsed = result.parsed
    check.tables, check.cells = len(parsed.tables), len(parsed.cells)
    check.facts = {name: len(getattr(parsed, name)) for name in FACT_TABLES}
    check.coverage = parsed_coverage(parsed).ratio
    check.check_errors = sum(1 for i in parsed.validation_issues if i.severity == "error")
    check.check_warnings = sum(1 for i in parsed.validation_issues if i.severity == "warning")
    if check.coverage < settings.min_coverage:
        check.reasons.append(f"coverage {check.coverage:.1%} is below {settings.min_coverage:.1%}")
    if settings.max_check_errors is not None and check.check_errors > settings.max_check_errors:
        check.reasons.append(
            f"{check.check_errors} check errors, more than {settings.max_check_errors} allowed"
        )
    return check


def validate_paths(
    paths: Iterable[Path],
    settings: GateSettings | None = None,
    on_document: Callable[[DocumentCheck], None] | None = None,
    jobs: int = 1,
) -> list[DocumentCheck]:
    """Check every report under the paths, in `jobs` worker processes; nothing is written anywhere.

    Results come back in file order; `on_document` hears of each as it finishes."""
    settings = settings or GateSettings()
    files = collect_paths(paths)
    ids = fresh_doc_ids(files)
    if jobs <= 1 or len(files) <= 1:
        checks = []
        for path in files:
            check = check_document(path, settings, ids[path])
            checks.append(check)
            if on_document:
                on_document(check)
        return checks
    by_path: dict[str, DocumentCheck] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(check_document, path, settings, ids[path]) for path in files]
        for future in as_completed(futures):
            check = future.result()
            by_path[check.path] = check
            if on_document:
                on_document(check)
    return [by_path[str(path)] for path in files]
