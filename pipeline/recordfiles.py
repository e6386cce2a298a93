"""Record files: the records of each parsed document as Parquet, one file per warehouse table per document.

Layout of a record folder (README, "Scale"):

    DIR/documents/<name>.parquet    the document's `documents` row: written last, the commit marker
    DIR/<table>/<name>.parquet      its rows of that warehouse table (no file when it has none)

`<name>` is the doc_id with characters other than letters, digits, `-`, `_` and `.` replaced by `_`,
cut to 80 characters, then `-` and 8 hex digits of the doc_id's sha256 (unique, glob-safe, short enough
for any file system). Column names and types are those of `warehouse/schema.sql`, so
`read_parquet('DIR/cells/*.parquet')` has the columns of the warehouse's `cells`.

Every file is written to a temporary name in the hidden `DIR/.writing/` (`<table>.<name>.<random>.tmp`)
and renamed into place, so a reader never sees half a file. A document is written as: remove its
`documents` file, write or remove each table file, write its `documents` file. A reader takes only rows
whose doc_id has a `documents` file, so a process killed midway leaves the document absent (parsed again
next time), never a mix of two versions.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from pipeline.identity import record_file_name
from pipeline.parse import ParseResult, ParseSettings, collector_paused, failed_record, parse_file
from pipeline.schemas.records import DocumentRecord, ParsedDocument
from pipeline.warehouse.store import SCHEMA_SQL

DOCUMENTS = "documents"
NOT_PER_DOCUMENT = frozenset({"load_events"})
"""Warehouse tables that no parse writes."""
UNSAFE = re.compile(r"[^0-9A-Za-z_.\-]")
NAME_CHARS = 80


Records = dict[str, pa.Table]
"""A document's records as Arrow, by warehouse table (`documents` included; no entry for a table where the
document has no rows): what its record files hold."""


@dataclass(frozen=True)
class RecordSummary:
    """What writing one document's records did: small, so a worker can send it back cheaply."""

    doc_id: str
    path: str
    status: str
    """ok or failed"""
    error: str | None = None
    tables: int = 0
    cells: int = 0
    records: Records | None = field(default=None, repr=False, compare=False)
    """The records themselves, when the loader runs in the same process (a serial ingest): it loads them
    from here instead of reading them back from the record files."""
    records_file: str | None = None
    """The one file where a worker left the records for the loader (`hand_over`), instead of record files."""


@cache
def arrow_schemas() -> dict[str, pa.Schema]:
    """Arrow schema of every per-document warehouse table, from the warehouse DDL."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        names = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = 'doc_id' "
                "ORDER BY 1"
            ).fetchall()
        ]
        return {
            name: con.sql(f'SELECT * FROM "{name}" LIMIT 0').to_arrow_table().schema
            for name in names
            if name not in NOT_PER_DOCUMENT
        }
    finally:
        con.close()


def record_tables() -> list[str]:
    """Per-document tables other than `documents`, in name order."""
    return [name for name in arrow_schemas() if name != DOCUMENTS]


def file_name(doc_id: str) -> str:
    """The record file name of a document (see the module docstring)."""
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{UNSAFE.sub('_', doc_id)[:NAME_CHARS]}-{digest}.parquet"


def record_path(folder: Path, table: str, doc_id: str) -> Path:
    return folder / table / file_name(doc_id)


def write_atomically(table: pa.Table, target: Path, durable: bool = True) -> None:
    """Write Parquet to a temporary name (`temporary_path`), flush it to disk (`durable`), rename it into
    place. The rename alone already keeps a reader (or a process killed midway) from seeing half a
    file; the flush only matters if the machine itself stops before the OS writes the file out."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(target)
    temporary.parent.mkdir(exist_ok=True)
    try:
        pq.write_table(table, temporary)
        if durable:
            with temporary.open("rb") as handle:
                os.fsync(handle.fileno())
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def flush_to_disk(folder: Path) -> None:
    """Make every file written to a record folder so far durable, at once: one `sync` of the file system
    instead of a flush per file (an ingest writes ~10 record files a text document, and each flush waits
    3-6 ms for the disk). Unlike a flush of each file it also makes the renames (directory entries)
    durable."""
    if hasattr(os, "sync") and folder.is_dir():
        os.sync()


WRITING = ".writing"
"""Folder of a record folder where files are written before they are renamed into place."""


def temporary_path(target: Path) -> Path:
    """Where `DIR/<table>/<name>.parquet` is written before it is renamed into place:
    `DIR/.writing/<table>.<name>.<random>.tmp`. Apart from the table folders, which grow with the
    corpus: the folder holds only files being written (and those of a killed writer), so finding a
    document's leftovers lists a few entries, not every document's file of every table."""
    folder, table = target.parent.parent, target.parent.name
    return folder / WRITING / f"{table}.{target.stem}.{uuid.uuid4().hex[:12]}.tmp"


def remove_leftovers(folder: Path, doc_id: str) -> None:
    """Temporary files a killed writer of this document left behind (`temporary_path`)."""
    directory = folder / WRITING
    if not directory.is_dir():
        return
    stem = Path(file_name(doc_id)).stem
    mine = tuple(f"{table}.{stem}." for table in arrow_schemas())
    for entry in os.scandir(directory):
        if entry.name.startswith(mine) and entry.name.endswith(".tmp"):
            Path(entry.path).unlink(missing_ok=True)


def arrow_table(table: str, records: Sequence[BaseModel]) -> pa.Table:
    """Records as an Arrow table of the warehouse table's schema: a column no record field fills is NULL.

    Arrow reads each record's field values (its `__dict__`: the values `model_dump` gives, the record
    models holding no nested models) into a struct array of the table's row type, in one pass over the
    records, instead of Python lists built a column at a time and converted one by one (a third less
    CPU: 3.3 -> 2.1 ms a bench text)."""
    rows = pa.array([record.__dict__ for record in records], type=row_type(table))
    return pa.Table.from_struct_array(rows)


@cache
def row_type(table: str) -> pa.StructType:
    """A row of a per-document warehouse table as an Arrow struct (`arrow_table`), its columns in order."""
    return pa.struct(list(arrow_schemas()[table]))


def record_arrow(parsed: ParsedDocument | DocumentRecord) -> Records:
    """A document's records as Arrow (a `DocumentRecord` alone: a failed parse); a value the warehouse
    schema cannot hold raises ValueError naming its table."""
    document = parsed.document if isinstance(parsed, ParsedDocument) else parsed
    lists = parsed.record_lists() if isinstance(parsed, ParsedDocument) else {}
    arrow: Records = {}
    for table in record_tables():
        records = lists.get(table, [])
        if records:
            try:
                arrow[table] = arrow_table(table, records)
            except (pa.ArrowException, OverflowError, TypeError, ValueError) as error:
                raise ValueError(f"table {table}: {type(error).__name__}: {error}") from error
    arrow[DOCUMENTS] = arrow_table(DOCUMENTS, [document])
    return arrow


def write_tables(folder: Path, doc_id: str, records: Records, durable: bool = True) -> None:
    """Replace a document's record files with these records, its `documents` file last; `durable`: each
    file flushed to disk before it is renamed into place (`write_atomically`)."""
    remove_leftovers(folder, doc_id)
    record_path(folder, DOCUMENTS, doc_id).unlink(missing_ok=True)
    for table in record_tables():
        target = record_path(folder, table, doc_id)
        if table in records:
            write_atomically(records[table], target, durable)
        else:
            target.unlink(missing_ok=True)
    write_atomically(records[DOCUMENTS], record_path(folder, DOCUMENTS, doc_id), durable)


def write_records(folder: Path, parsed: ParsedDocument | DocumentRecord, durable: bool = True) -> None:
    """Replace a document's record files with these records (a `DocumentRecord` alone: a failed parse);
    `durable`: each file flushed to disk before it is renamed into place (`write_atomically`)."""
    document = parsed.document if isinstance(parsed, ParsedDocument) else parsed
    write_tables(folder, document.doc_id, record_arrow(parsed), durable)


HANDOFFS = ("files", "memory", "one file")
"""How a parsed document's records reach the loader (`store_parse_result`)."""
HANDOVER = ".handover"
"""Folder of a record folder where a worker leaves each document's records in one file for the loader."""


def store_parse_result(
    folder: Path | None, result: ParseResult, durable: bool = True, handoff: str = "files"
) -> RecordSummary:
    """Store a parse result (records, or the failed document) for the loader, by `handoff`:
    - "files": the record files in the folder (the folder's public layout);
    - "memory": the summary carries the records (`RecordSummary.records`): a loader in this process;
      the record files are written too when there is a folder to keep;
    - "one file": all the records in one file of the folder's `.handover` (`RecordSummary.records_file`):
      a worker of an ingest whose folder is not kept (a dozen small Parquet files cost more to write
      and read back than loading the document)."""
    path, doc_id = str(result.path), result.doc_id
    if result.parsed is None:
        failure = failed_record(result.path, result.error or "unknown error", result.sha256, doc_id)
        return _summary(
            RecordSummary(doc_id, path, "failed", result.error), folder, failure, durable, handoff
        )
    try:
        parsed = result.parsed
        done = RecordSummary(doc_id, path, "ok", None, len(parsed.tables), len(parsed.cells))
        return _summary(done, folder, parsed, durable, handoff)
    except Exception as error:  # a value the schema cannot hold: this document fails, not the run
        message = f"records could not be written: {error}"
        failure = failed_record(result.path, message, result.sha256, doc_id)
        return _summary(RecordSummary(doc_id, path, "failed", message), folder, failure, durable, handoff)


def _summary(
    summary: RecordSummary,
    folder: Path | None,
    parsed: ParsedDocument | DocumentRecord,
    durable: bool,
    handoff: str,
) -> RecordSummary:
    """Store the document's records as `handoff` says (`store_parse_result`); the summary that tells the
    loader where they are."""
    records = record_arrow(parsed)
    if handoff == "one file" and folder is not None:
        return replace(summary, records_file=str(hand_over(folder, summary.doc_id, records)))
    if folder is not None:
        write_tables(folder, summary.doc_id, records, durable)
    return replace(summary, records=records) if handoff == "memory" else summary


def hand_over(folder: Path, doc_id: str, records: Records) -> Path:
    """Leave a document's records for the loader in one file, renamed into place whole: each table as an
    Arrow IPC stream, the streams pickled together. Pickling the tables themselves walked every column's
    buffers and types: it cost a text document 1.5 ms to write and 1.0 ms to read, the streams 0.4 and
    0.3."""
    target = folder / HANDOVER / f"{Path(file_name(doc_id)).stem}.pickle"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:12]}.tmp")
    streams = {table: ipc_stream(rows) for table, rows in records.items()}
    try:
        temporary.write_bytes(pickle.dumps(streams, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def ipc_stream(table: pa.Table) -> pa.Buffer:
    """A table as an Arrow IPC stream (`hand_over`)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def taken_over(path: str) -> Records:
    """The records a worker left in one file (`hand_over`, by this run's own workers), the file removed."""
    file = Path(path)
    streams: dict[str, pa.Buffer] = pickle.loads(file.read_bytes())
    file.unlink(missing_ok=True)
    return {table: pa.ipc.open_stream(stream).read_all() for table, stream in streams.items()}


def parse_to_folder(
    path: Path,
    sha256: str | None,
    doc_id: str,
    settings: ParseSettings | None = None,
    *,
    folder: Path | None,
    json_dir: Path | None = None,
    durable: bool = True,
    handoff: str = "files",
) -> RecordSummary:
    """Parse one file and store its records (`store_parse_result`: record files unless `handoff` says
    otherwise; none without a folder) and, for people, its JSON; never raises for the file. `durable`:
    flush each record file to disk (`write_atomically`).

    The cyclic garbage collector stays off until the parsed records are stored and dropped, not only
    during the parse (`collector_paused`): switched on while the ~2,200 records of a text report were
    still alive, its next pass walked them all and moved them to an older generation, to be walked again
    (~6 ms of CPU a text document, for nothing: reference counting frees them once stored)."""
    with collector_paused():
        return _parse_and_store(path, sha256, doc_id, settings, folder, json_dir, durable, handoff)


def _parse_and_store(
    path: Path,
    sha256: str | None,
    doc_id: str,
    settings: ParseSettings | None,
    folder: Path | None,
    json_dir: Path | None,
    durable: bool,
    handoff: str,
) -> RecordSummary:
    """`parse_to_folder`'s work; the parsed records are freed when it returns."""
    result = parse_file(path, sha256, doc_id, settings)
    if json_dir is not None and result.parsed is not None:
        try:
            json_dir.mkdir(parents=True, exist_ok=True)
            text = result.parsed.model_dump_json(indent=1)
            (json_dir / record_file_name(doc_id)).write_text(text, encoding="utf-8")
        except OSError as error:  # a full disk fails this document with the reason, not the run
            result = ParseResult(path, doc_id, sha256, error=f"could not write its JSON records: {error}")
    return store_parse_result(folder, result, durable, handoff)


def stored_documents(folder: Path) -> dict[str, tuple[str | None, str | None, str]]:
    """doc_id -> (sha256, parser_version, status) of every committed document in a record folder."""
    files = sorted((folder / DOCUMENTS).glob("*.parquet")) if (folder / DOCUMENTS).is_dir() else []
    if not files:
        return {}
    con = duckdb.connect(":memory:")
    try:
        rows = con.execute(
            "SELECT doc_id, sha256, parser_version, status FROM read_parquet(?)", [[str(f) for f in files]]
        ).fetchall()
    finally:
        con.close()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def committed_summary(folder: Path, doc_id: str, sha256: str | None, since: datetime) -> RecordSummary | None:
    """The summary of a document committed to the folder at or after `since` from these bytes, if any:
    how a retried task knows what an earlier attempt of the same run already wrote."""
    marker = record_path(folder, DOCUMENTS, doc_id)
    if not marker.is_file():
        return None
    row = pq.read_table(marker).to_pylist()[0]
    if row["sha256"] != sha256 or row["ingested_at"] is None or row["ingested_at"] < since:
        return None
    return RecordSummary(
        doc_id, row["source_path"], row["status"], row["error"], row["n_tables"] or 0, row["n_cells"] or 0
    )


def remove_document(folder: Path, doc_id: str) -> None:
    """Remove a document's record files, commit marker first."""
    record_path(folder, DOCUMENTS, doc_id).unlink(missing_ok=True)
    for table in record_tables():
        record_path(folder, table, doc_id).unlink(missing_ok=True)
