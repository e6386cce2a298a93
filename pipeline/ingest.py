"""Ingest a corpus: parse each file (in worker processes or Ray tasks) to record files, bulk-load those.

Parsing is pure and runs in a process pool (or on Ray); each worker writes its document's record files
(and JSON for people). The warehouse has a single writer (this process) that loads the record files in
chunks, one transaction per chunk (pipeline/load.py). A file that fails is recorded with a specific error
and the run goes on; unchanged files (same sha256 and parser version) are skipped.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pipeline import PARSER_VERSION
from pipeline.budget import worker_setup
from pipeline.defaults import DEFAULT_PARSED, DEFAULT_RAW, DEFAULT_WAREHOUSE
from pipeline.executors import EXECUTORS, ExecutorError, ray_map
from pipeline.identity import assign_doc_ids, duplicates_of, path_text, source_key
from pipeline.load import CHUNK_MAX_SECONDS, CHUNK_SECONDS, load_in_order
from pipeline.parse import ParseSettings, failed_record, parse_file, sha256_of
from pipeline.readers import SUPPORTED_SUFFIXES
from pipeline.recordfiles import (
    RecordSummary,
    arrow_schemas,
    flush_to_disk,
    parse_to_folder,
    remove_document,
)
from pipeline.schemas.records import DocumentRecord
from pipeline.warehouse.store import Warehouse, WarehouseLoadError


class InputPathError(ValueError):
    """A path given to the command does not exist: an error of the command, not of a document."""


class PruneRefusedError(RuntimeError):
    """--prune was asked for but this run could not read all of its inputs."""


IN_FLIGHT_PER_JOB = 8
"""Documents handed to the workers at a time, per worker: enough that they keep parsing while this
process loads a chunk (about a second: with 2 a worker, the workers waited for it), and a bound
whatever the corpus size (a document in flight costs this process a future and a summary)."""


@dataclass
class DocumentOutcome:
    """What happened to one file."""

    doc_id: str
    path: Path
    status: str
    """loaded, skipped, failed, kept_previous, duplicate"""
    error: str | None = None
    tables: int = 0
    cells: int = 0
    duplicate_of: str | None = None


@dataclass
class IngestReport:
    """What an ingest run did, per document."""

    outcomes: list[DocumentOutcome] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    """Files under the folders given that no reader takes (named in the summary)."""
    unreadable: list[str] = field(default_factory=list)
    """Folders that could not be listed, with the reason: their documents were not seen."""
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed") + self.count("kept_previous")

    @property
    def ok(self) -> bool:
        """Every document loaded, unchanged or a recorded duplicate, and every folder read."""
        return self.failed == 0 and not self.unreadable and not self.interrupted

    def summary(self) -> str:
        """One line: counts of each outcome, with the unsupported files and unreadable folders named."""
        parts = [
            f"{self.count('loaded')} loaded",
            f"{self.count('skipped')} unchanged",
            f"{self.failed} failed",
            f"{self.count('duplicate')} duplicate",
            f"{len(self.unsupported)} skipped as unsupported"
            + (f" ({', '.join(self.unsupported)})" if self.unsupported else ""),
        ]
        if self.pruned:
            parts.append(f"{len(self.pruned)} pruned ({', '.join(self.pruned)})")
        if self.unreadable:
            parts.append(f"{len(self.unreadable)} unreadable folder(s) ({'; '.join(self.unreadable)})")
        return ", ".join(parts)


@dataclass
class Scan:
    """What the paths given hold: supported files, and what could not be taken."""

    files: list[Path] = field(default_factory=list)
    unsupported: list[Path] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def scan_paths(paths: Iterable[Path]) -> Scan:
    """Files named, and supported files under folders named (hidden files and folders skipped), sorted,
    no duplicates. A path that does not exist raises `InputPathError`; a folder that cannot be listed is
    reported in `unreadable`, never skipped silently."""
    paths = list(paths)
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise InputPathError("no such file or folder: " + ", ".join(path_text(p) for p in missing))
    found: dict[Path, None] = {}
    unsupported: dict[Path, None] = {}
    unreadable: list[str] = []

    def note(error: OSError) -> None:
        unreadable.append(f"{path_text(error.filename or '?')}: {error.strerror or error}")

    for path in paths:
        if not path.is_dir():
            found[path] = None
            continue
        for folder, subfolders, names in os.walk(path, onerror=note):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in names:
                child = Path(folder) / name
                if name.startswith(".") or not child.is_file():
                    continue
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found[child] = None
                else:
                    unsupported[child] = None
    return Scan(sorted(found), sorted(unsupported), unreadable)


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """The supported files of `scan_paths`."""
    return scan_paths(paths).files


@contextmanager
def record_folder(parsed_dir: Path | None) -> Iterator[Path]:
    """Where an ingest writes record files: `parsed_dir`, kept, or a temporary folder removed afterwards."""
    if parsed_dir is not None:
        yield parsed_dir
        return
    with tempfile.TemporaryDirectory(prefix="records-") as temporary:
        yield Path(temporary)


def parse_all(
    work: list[tuple[Path, str | None, str]],
    jobs: int,
    settings: ParseSettings | None = None,
    task: Callable[..., Any] = parse_file,
) -> Iterator[Any]:
    """`task(path, sha256, doc_id, settings)` of each file (default: parse it), in completion order, from
    `jobs` worker processes (in this process when jobs == 1).

    Workers take the memory budget, ignore Ctrl-C and die with this process (pipeline/budget.py); when
    the caller stops early (Ctrl-C), the workers are ended at once."""
    settings = settings or ParseSettings()
    if jobs <= 1 or len(work) <= 1:
        for path, digest, doc_id in work:
            yield task(path, digest, doc_id, settings)
        return
    setup = (settings.budget, os.getpid())  # the parent's pid taken here, before any worker is forked
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=worker_setup, initargs=setup)
    try:
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
    finally:
        stop_pool(pool)


def tail_documents(executor: str, jobs: int | None) -> int:
    """Documents still to come when the loader loads what it holds (`load_in_order`'s `tail`): two a
    worker process, so that the load after the last document, when nothing else runs, is a small one;
    none when this process parses (a load there is never beside parsing) or Ray does."""
    workers = worker_count(jobs)
    return 2 * workers if executor == "local" and workers > 1 else 0


def parses_here(executor: str, jobs: int | None, files: int) -> bool:
    """Whether the documents are parsed in this process (as `parse_all` runs them: one worker, or one
    file), beside nothing: the loader can then take their records in memory."""
    return executor == "local" and (worker_count(jobs) <= 1 or files <= 1)


def worker_count(jobs: int | None) -> int:
    """Parser processes: as asked, never more than the machine's cores (more only adds memory)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(jobs or cores, cores))


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down now: queued work is dropped and running workers are ended."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def parse_to_records(
    work: list[tuple[Path, str | None, str]],
    folder: Path,
    executor: str = "local",
    jobs: int | None = 1,
    json_dir: Path | None = None,
    settings: ParseSettings | None = None,
    durable: bool = True,
    hand_over: bool = False,
    keep_files: bool = True,
) -> Iterator[RecordSummary]:
    """Parse files into a record folder (pipeline/recordfiles.py) on the chosen executor; `durable`: each
    record file flushed to disk (`pipeline parse`; an ingest flushes its kept folder once, at the end).
    `hand_over`: the caller loads the records in this process, so they reach it in memory from a serial
    parse (`RecordSummary.records`), in one file a document from workers (`RecordSummary.records_file`),
    and as record files only to keep them (`keep_files`): writing and reading a dozen small Parquet files
    cost a text document more than loading it."""
    if executor == "ray":
        yield from ray_map(work, folder, json_dir, settings)
        return
    if executor != "local":
        raise ExecutorError(f"unknown executor {executor!r}: expected one of {', '.join(EXECUTORS)}")
    arrow_schemas()  # made once here, so that forked workers inherit it instead of each making it
    here = parses_here(executor, jobs, len(work))
    handoff = "files" if not hand_over else "memory" if here else "files" if keep_files else "one file"
    target = None if handoff == "memory" and not keep_files else folder
    task = partial(parse_to_folder, folder=target, json_dir=json_dir, durable=durable, handoff=handoff)
    yield from parse_all(work, worker_count(jobs), settings, task)


@dataclass
class StopRequest:
    """Set by the first Ctrl-C: the ingest stops once the document at hand is parsed and loaded."""

    requested: bool = False


@contextmanager
def stop_requests() -> Iterator[StopRequest]:
    """Ctrl-C asks the ingest to stop at the next document boundary instead of raising wherever the main
    thread happens to be (inside a DuckDB query, which DuckDB turns into its own error, or a pool wait);
    a second Ctrl-C stops at once. Outside the main thread (an ingest run by a server) none is installed."""
    request = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield request
        return

    def ask(signum: int, frame: Any) -> None:
        if request.requested:
            raise KeyboardInterrupt
        request.requested = True

    previous = signal.signal(signal.SIGINT, ask)
    try:
        yield request
    finally:
        signal.signal(signal.SIGINT, previous)


def until_stopped(summaries: Iterable[RecordSummary], request: StopRequest) -> Iterator[RecordSummary]:
    """The parsed documents, ending with a KeyboardInterrupt after the one during which Ctrl-C came: the
    loader then loads every document already parsed and stops (pipeline/load.load_in_order)."""
    for summary in summaries:
        yield summary
        if request.requested:
            raise KeyboardInterrupt


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
    them in chunks that follow the files' order, one transaction per chunk. Which document a file is,
    and whether it duplicates another, is decided by pipeline/identity.py. `prune` removes documents
    under the paths given whose file is gone, and only when every folder could be read. Ctrl-C stops
    after the document being parsed, with every document parsed so far loaded (`report.interrupted`);
    a second Ctrl-C stops at once, at a chunk boundary.
    """
    paths = list(paths)
    scan = scan_paths(paths)
    report = IngestReport(
        unsupported=[path_text(p) for p in scan.unsupported], unreadable=list(scan.unreadable)
    )
    if prune and scan.unreadable:
        raise PruneRefusedError(
            "--prune refused: these folders could not be read, so their documents would look gone: "
            + "; ".join(scan.unreadable)
        )

    def done(outcome: DocumentOutcome) -> None:
        report.outcomes.append(outcome)
        if on_document:
            on_document(outcome)

    with Warehouse(warehouse_path) as warehouse:
        digests = {path: sha256_of(path) for path in scan.files}
        keys = {path: source_key(path) for path in scan.files}
        stored = warehouse.stored_documents()
        ids = assign_doc_ids([(p, keys[p], digests[p]) for p in scan.files], stored)
        copies = duplicates_of([(keys[p], digests[p], ids[keys[p]]) for p in scan.files], stored)
        copied = [(p, k, digests[p], ids[k], copies[k]) for p, k in keys.items() if k in copies]
        duplicates = store_duplicates(copied, warehouse)
        candidates = [(ids[keys[p]], digests[p]) for p in scan.files if keys[p] not in copies]
        unchanged = set() if force else warehouse.unchanged(candidates, PARSER_VERSION)
        work: list[tuple[Path, str | None, str]] = []
        for path in scan.files:
            key, digest, doc_id = keys[path], digests[path], ids[keys[path]]
            if key in copies:
                done(duplicates[path])
            elif doc_id in unchanged:
                done(DocumentOutcome(doc_id, path, "skipped"))
            else:
                work.append((path, digest, doc_id))
        work.sort(key=lambda item: str(item[0]))
        path_of = {doc_id: path for path, _, doc_id in work}
        try:
            with record_folder(parsed_dir) as folder, stop_requests() as stop:
                # no record file is flushed to disk as it is written (3-6 ms of waiting per file here,
                # ~10 files a document, more than the load of the document): this run reads only files
                # it wrote itself, and the warehouse is the durable store; a kept folder is flushed once
                # when the run ends (`pipeline parse` flushes each file)
                keep = parsed_dir is not None
                parsed = parse_to_records(
                    work,
                    folder,
                    executor,
                    jobs,
                    parsed_dir,
                    settings,
                    durable=False,
                    hand_over=True,
                    keep_files=keep,
                )
                summaries = until_stopped(parsed, stop)
                order, tail = [doc_id for _, _, doc_id in work], tail_documents(executor, jobs)
                # parsed here, a chunk loaded early runs beside nothing and costs a commit (~0.15 s of
                # CPU whatever it holds): only full chunks, or what CHUNK_MAX_SECONDS brought
                seconds = CHUNK_MAX_SECONDS if parses_here(executor, jobs, len(work)) else CHUNK_SECONDS
                try:
                    for loaded in load_in_order(
                        summaries, order, folder, warehouse, seconds=seconds, tail=tail
                    ):
                        path = path_of[loaded.doc_id]
                        done(
                            DocumentOutcome(
                                loaded.doc_id, path, loaded.event, loaded.error, loaded.tables, loaded.cells
                            )
                        )
                finally:
                    if parsed_dir is not None and work:
                        flush_to_disk(parsed_dir)
        except KeyboardInterrupt:
            report.interrupted = True
        if prune and not report.interrupted:
            roots = [source_key(p) for p in paths]
            report.pruned = [doc_id for doc_id, _ in warehouse.prune_gone(roots)]
            if parsed_dir is not None:
                for doc_id in report.pruned:
                    remove_document(parsed_dir, doc_id)
    report.outcomes.sort(key=lambda o: o.path)
    return report


def duplicate_record(path: Path, key: str, digest: str | None, doc_id: str, original: str) -> DocumentRecord:
    """The `documents` row of a file whose bytes document `original` already holds: no records of its own."""
    record = failed_record(path, f"same content as document {original}", digest, doc_id)
    return record.model_copy(
        update={"status": "duplicate", "duplicate_of": original, "source_key": key, "error": None}
    )


def store_duplicates(
    found: list[tuple[Path, str, str | None, str, str]], warehouse: Warehouse
) -> dict[Path, DocumentOutcome]:
    """Record the files (path, source key, sha256, doc_id, original) whose bytes another document holds,
    in one transaction; when the warehouse refuses it, each file alone (`store_duplicate`), so only
    those it refuses fail, each with its own error."""
    records = [duplicate_record(*item) for item in found]
    try:
        warehouse.record_duplicates(records)
    except WarehouseLoadError:
        return {item[0]: store_duplicate(*item, warehouse) for item in found}
    return {
        path: DocumentOutcome(doc_id, path, "duplicate", duplicate_of=original)
        for path, _, _, doc_id, original in found
    }


def store_duplicate(
    path: Path, key: str, digest: str | None, doc_id: str, original: str, warehouse: Warehouse
) -> DocumentOutcome:
    """Record a file whose bytes `original` already holds, without loading its records again."""
    record = duplicate_record(path, key, digest, doc_id, original)
    try:
        warehouse.record_duplicate(record)
    except WarehouseLoadError as error:
        return DocumentOutcome(doc_id, path, "failed", f"duplicate of {original}; not recorded: {error}")
    return DocumentOutcome(doc_id, path, "duplicate", duplicate_of=original)
