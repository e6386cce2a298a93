"""Ingest a corpus: parse each file (in worker processes), write its JSON records, load it into the warehouse.

Parsing is pure and runs in a process pool; the warehouse has a single writer (this process) that loads
each document in its own transaction. A file that fails is recorded with a specific error and the run
goes on; unchanged files (same sha256 and parser version) are skipped.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import PARSER_VERSION
from pipeline.defaults import DEFAULT_PARSED, DEFAULT_RAW, DEFAULT_WAREHOUSE
from pipeline.errors import DocumentError
from pipeline.extract.canonical import with_canonical_names
from pipeline.parse import ParseSettings, failed_record, parse_path
from pipeline.readers import SUPPORTED_SUFFIXES, doc_id_for, doc_ids
from pipeline.warehouse.store import Warehouse
from schemas.records import ParsedDocument

IN_FLIGHT_PER_JOB = 2
"""Documents parsed ahead of the writer per worker: bounds memory whatever the corpus size."""


@dataclass
class DocumentOutcome:
    """What happened to one file."""

    doc_id: str
    path: Path
    status: str
    """loaded, skipped, failed, kept_previous"""
    error: str | None = None
    tables: int = 0
    cells: int = 0


@dataclass
class IngestReport:
    """What an ingest run did, per document."""

    outcomes: list[DocumentOutcome] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


@dataclass(frozen=True)
class ParseResult:
    """A worker's answer for one file: records, or the error that stopped it."""

    path: Path
    doc_id: str
    sha256: str | None
    parsed: ParsedDocument | None = None
    error: str | None = None


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named, and supported files under folders named (hidden files skipped), sorted, no duplicates."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found[child] = None
        else:
            found[path] = None
    return sorted(found)


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
    """Parse one file; every failure, including a bug, becomes an error message for this file only."""
    doc_id = doc_id or doc_id_for(path)
    try:
        if not path.is_file():
            raise DocumentError(f"file not found: {path}")
        return ParseResult(path, doc_id, sha256, parsed=parse_path(path, doc_id, settings))
    except DocumentError as error:
        return ParseResult(path, doc_id, sha256, error=str(error))
    except Exception as error:  # a bug must not stop the corpus: record it against this document
        message = f"internal error while parsing: {type(error).__name__}: {error}"
        return ParseResult(path, doc_id, sha256, error=message)


def store_result(
    result: ParseResult,
    warehouse: Warehouse,
    parsed_dir: Path | None,
    known: dict[str, set[str]] | None = None,
) -> DocumentOutcome:
    """Load a parse result (or record its failure) and write its JSON records.

    `known` maps each stored document to its canonical org names; kept in memory by `ingest` so that
    matching a document's names does not query the whole warehouse each time.
    """
    doc_id = result.doc_id
    if result.parsed is None:
        failure = failed_record(result.path, result.error or "unknown error", result.sha256, doc_id)
        event = warehouse.record_failure(failure)
        return DocumentOutcome(doc_id, result.path, event, result.error)
    if known is None:
        names = warehouse.canonical_org_names(exclude=doc_id)
    else:
        names = sorted(set().union(*(v for k, v in known.items() if k != doc_id)))
    parsed = with_canonical_names(result.parsed, names)
    if known is not None:
        known[doc_id] = {u.canonical_name for u in parsed.org_units}
    if parsed_dir is not None:
        parsed_dir.mkdir(parents=True, exist_ok=True)
        (parsed_dir / f"{doc_id}.json").write_text(parsed.model_dump_json(indent=1), encoding="utf-8")
    warehouse.load(parsed)
    return DocumentOutcome(doc_id, result.path, "loaded", tables=len(parsed.tables), cells=len(parsed.cells))


def is_unchanged(doc_id: str, digest: str | None, warehouse: Warehouse) -> bool:
    """The stored document came from these bytes with this parser version and loaded fine."""
    stored_sha, stored_version, stored_status = warehouse.stored(doc_id)
    return bool(digest) and stored_status == "ok" and (stored_sha, stored_version) == (digest, PARSER_VERSION)


def parse_all(
    work: list[tuple[Path, str | None, str]], jobs: int, settings: ParseSettings | None = None
) -> Iterator[ParseResult]:
    """Parse results in completion order, from `jobs` worker processes (in this process when jobs == 1)."""
    if jobs <= 1 or len(work) <= 1:
        for path, digest, doc_id in work:
            yield parse_file(path, digest, doc_id, settings)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: set[Future[ParseResult]] = set()
        queue = iter(work)
        for item in queue:
            pending.add(pool.submit(parse_file, *item, settings))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                following = next(queue, None)
                if following is not None:
                    pending.add(pool.submit(parse_file, *following, settings))


def ingest(
    paths: Iterable[Path] = (DEFAULT_RAW,),
    warehouse_path: Path = DEFAULT_WAREHOUSE,
    parsed_dir: Path | None = DEFAULT_PARSED,
    force: bool = False,
    prune: bool = False,
    jobs: int | None = 1,
    on_document: Callable[[DocumentOutcome], None] | None = None,
    settings: ParseSettings | None = None,
) -> IngestReport:
    """Ingest files and folders into the warehouse; returns what happened to each document.

    `jobs` worker processes parse (None: one per core); this process is the only writer.
    """
    files = collect_paths(paths)
    ids = doc_ids(files)
    report = IngestReport()
    with Warehouse(warehouse_path) as warehouse:
        work: list[tuple[Path, str | None, str]] = []
        for path in files:
            digest = sha256_of(path)
            if not force and is_unchanged(ids[path], digest, warehouse):
                outcome = DocumentOutcome(ids[path], path, "skipped")
                report.outcomes.append(outcome)
                if on_document:
                    on_document(outcome)
            else:
                work.append((path, digest, ids[path]))
        known = warehouse.canonical_org_names_by_document()
        for result in parse_all(work, jobs or os.cpu_count() or 1, settings):
            outcome = store_result(result, warehouse, parsed_dir, known)
            report.outcomes.append(outcome)
            if on_document:
                on_document(outcome)
        if prune:
            report.pruned = warehouse.prune(set(ids.values()))
    report.outcomes.sort(key=lambda o: o.path)
    return report
