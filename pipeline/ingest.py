"""Ingest a corpus: parse each file (in worker processes or Ray tasks) to record files, bulk-load those.

Parsing is pure and runs in a process pool (or on Ray); each worker writes its document's record files
(and JSON for people). The warehouse has a single writer (this process) that loads the record files in
chunks, one transaction per chunk (pipeline/load.py). A file that fails is recorded with a specific error
and the run goes on; unchanged files (same sha256 and parser version) are skipped.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pipeline import PARSER_VERSION
from pipeline.defaults import DEFAULT_PARSED, DEFAULT_RAW, DEFAULT_WAREHOUSE
from pipeline.executors import EXECUTORS, ExecutorError, ray_map
from pipeline.load import load_in_order
from pipeline.parse import ParseSettings, parse_file, sha256_of
from pipeline.readers import SUPPORTED_SUFFIXES, doc_ids
from pipeline.recordfiles import RecordSummary, parse_to_folder
from pipeline.warehouse.store import Warehouse

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


@contextmanager
def record_folder(parsed_dir: Path | None) -> Iterator[Path]:
    """Where an ingest writes record files: `parsed_dir`, kept, or a temporary folder removed afterwards."""
    if parsed_dir is not None:
        yield parsed_dir
        return
    with tempfile.TemporaryDirectory(prefix="records-") as temporary:
        yield Path(temporary)


def is_unchanged(doc_id: str, digest: str | None, warehouse: Warehouse) -> bool:
    """The stored document came from these bytes with this parser version and loaded fine."""
    stored_sha, stored_version, stored_status = warehouse.stored(doc_id)
    return bool(digest) and stored_status == "ok" and (stored_sha, stored_version) == (digest, PARSER_VERSION)


def parse_all(
    work: list[tuple[Path, str | None, str]],
    jobs: int,
    settings: ParseSettings | None = None,
    task: Callable[..., Any] = parse_file,
) -> Iterator[Any]:
    """`task(path, sha256, doc_id, settings)` of each file (default: parse it), in completion order, from
    `jobs` worker processes (in this process when jobs == 1)."""
    if jobs <= 1 or len(work) <= 1:
        for path, digest, doc_id in work:
            yield task(path, digest, doc_id, settings)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: set[Future[Any]] = set()
        queue = iter(work)
        for item in queue:
            pending.add(pool.submit(task, *item, settings))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                following = next(queue, None)
                if following is not None:
                    pending.add(pool.submit(task, *following, settings))


def parse_to_records(
    work: list[tuple[Path, str | None, str]],
    folder: Path,
    executor: str = "local",
    jobs: int | None = 1,
    json_dir: Path | None = None,
    settings: ParseSettings | None = None,
) -> Iterator[RecordSummary]:
    """Parse files into a record folder (pipeline/recordfiles.py) on the chosen executor."""
    if executor == "ray":
        yield from ray_map(work, folder, json_dir, settings)
        return
    if executor != "local":
        raise ExecutorError(f"unknown executor {executor!r}: expected one of {', '.join(EXECUTORS)}")
    task = partial(parse_to_folder, folder=folder, json_dir=json_dir)
    yield from parse_all(work, jobs or os.cpu_count() or 1, settings, task)


def ingest(
    paths: Iterable[Path] = (DEFAULT_RAW,),
    warehouse_path: Path = DEFAULT_WAREHOUSE,
    parsed_dir: Path | None = DEFAULT_PARSED,
    force: bool = False,
    prune: bool = False,
    jobs: int | None = 1,
    on_document: Callable[[DocumentOutcome], None] | None = None,
    settings: ParseSettings | None = None,
    executor: str = "local",
) -> IngestReport:
    """Ingest files and folders into the warehouse; returns what happened to each document.

    `jobs` worker processes parse (None: one per core; or Ray tasks with `executor="ray"`) and write
    record files (to `parsed_dir`, else a temporary folder); this process, the only writer, bulk-loads
    them in chunks that follow the files' order, one transaction per chunk.
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
        work.sort(key=lambda item: str(item[0]))
        path_of = {doc_id: path for path, _, doc_id in work}
        with record_folder(parsed_dir) as folder:
            summaries = parse_to_records(work, folder, executor, jobs, parsed_dir, settings)
            for loaded in load_in_order(summaries, [doc_id for _, _, doc_id in work], folder, warehouse):
                path = path_of[loaded.doc_id]
                outcome = DocumentOutcome(
                    loaded.doc_id, path, loaded.event, loaded.error, loaded.tables, loaded.cells
                )
                report.outcomes.append(outcome)
                if on_document:
                    on_document(outcome)
        if prune:
            report.pruned = warehouse.prune(set(ids.values()))
    report.outcomes.sort(key=lambda o: o.path)
    return report
