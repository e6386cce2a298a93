"""Bulk load of record files into the warehouse: many documents in one transaction, read by DuckDB.

A document in the folder replaces the warehouse's rows of that document (as `Warehouse.load` does for
one); a document whose parse failed is stored as failed, except that the records of an earlier
successful load are kept and its error says so; a duplicate (same bytes as another document) is stored
without records, as `ingest` stores it. The one step that needs other documents, matching org
names to the canonical names already known, runs here, document after document in the order of their
source paths, so the same documents give the same rows whichever way they were parsed.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.extract.canonical import canonicalize, unit_renames
from pipeline.lexicon.words import compact
from pipeline.recordfiles import DOCUMENTS, Records, RecordSummary, arrow_schemas, record_path, taken_over
from pipeline.schemas.facts import OrgUnit
from pipeline.warehouse.store import Warehouse, WarehouseLoadError

RENAMED_TABLES = ("headcounts", "budget_facts")
"""Fact tables whose `org_unit` takes the canonical name the document's units were matched to."""
MATCHED_TABLES = ("org_units", "org_name_matches", *RENAMED_TABLES)
"""Tables whose rows depend on other documents (org-name matching): written by the loader itself."""
CHUNK_DOCS = 64
"""Documents per load transaction during an ingest."""
FOLDER_CHUNK_DOCS = 1000
"""Documents per load transaction of `pipeline load`. A commit that appends this much checkpoints the
database, and a checkpoint costs more the larger the warehouse is, so few large transactions load a big
folder much faster than many small ones (4,000 documents: 63 commits took most of the load)."""
FILES_PER_READ = 256
"""Record files per `read_parquet`: one read over thousands of files outgrows the writer's 128 MB cache
(DuckDB keeps every file's reader), so a table of a chunk is read in batches of files."""
CHUNK_SECONDS = 2.0
"""A chunk of at least `MIN_CHUNK_DOCS` is loaded at least this often, so documents are seen arriving."""
MIN_CHUNK_DOCS = 32
"""Fewest documents a chunk loaded for `CHUNK_SECONDS` holds. Each commit checkpoints and costs about
the same whatever it holds (~0.25 s of CPU on a busy machine): with a time bound alone, a parse slowed by
a busy machine (2 docs/s) made chunks of 4 documents, 1,000 commits for 4,000 documents and a count of
commits that depended on the machine's load. Writer CPU for the first 1,500 documents (writer-only
harness, load 7-13): chunks of 64: 23.5 s, of 32: 33.5 s, of 16: 40.8 s, of 4: 57.8 s."""
CHUNK_MAX_SECONDS = 30.0
"""A chunk is loaded after this long whatever it holds, so a slow parse (long PDFs) still shows
documents arriving."""
KEPT_NOTE = " (records of the previous successful load are kept)"


@dataclass(frozen=True)
class LoadOutcome:
    """What loading did to one document: loaded, failed, kept_previous or duplicate."""

    doc_id: str
    source_path: str
    event: str
    error: str | None = None
    tables: int = 0
    cells: int = 0


def record_files(folder: Path, table: str, doc_ids: Iterable[str] | None = None) -> list[str]:
    """Committed-or-not record files of one table: all of the folder, or those of the given documents."""
    if doc_ids is None:
        directory = folder / table
        return sorted(str(p) for p in directory.glob("*.parquet")) if directory.is_dir() else []
    paths = (record_path(folder, table, d) for d in doc_ids)
    return [str(p) for p in paths if p.is_file()]


@dataclass(frozen=True)
class Incoming:
    """Where the records of a load come from: those held in memory (a serial ingest parses in the
    loader's own process, so it hands them over as Arrow instead of writing and reading files), the
    rest from the record files of `file_ids` (None: every file of the folder)."""

    folder: Path
    held: Mapping[str, Records]
    file_ids: list[str] | None

    def read(self, con: duckdb.DuckDBPyConnection, table: str, sql: str) -> Iterator[pa.Table]:
        """The Arrow result of `sql` over each part of a table's incoming rows (`{source}` in `sql`
        names them): the held records, all in one statement, then the record files a batch at a time."""
        held = [records[table] for records in self.held.values() if table in records]
        if held:
            con.register(HELD, pa.concat_tables(held))
            try:
                yield _arrow(con, sql.format(source=HELD))
            finally:
                # after a failed statement DuckDB refuses all but a rollback: its error is the one to raise
                with contextlib.suppress(duckdb.Error):
                    con.unregister(HELD)
        for batch in _batches(record_files(self.folder, table, self.file_ids)):
            yield _arrow(con, sql.format(source="read_parquet(?, union_by_name = true)"), [batch])


HELD = "held_records"


def load_records(
    folder: Path,
    warehouse: Warehouse,
    doc_ids: Iterable[str] | None = None,
    documents: pa.Table | None = None,
    held: Mapping[str, Records] | None = None,
) -> list[LoadOutcome]:
    """Load every committed document of a record folder (or only `doc_ids`) in one transaction.

    A document whose records the warehouse already holds (same parse: sha256, parser version, time) is
    left alone, so loading a folder that a parse is still filling again and again loads only what is new.
    `documents` are these documents' `documents` rows when the caller has read them already; `held` are
    the records of some of `doc_ids` in memory, which are then not read from files.
    """
    folder = Path(folder)
    wanted = None if doc_ids is None else list(doc_ids)
    held = {} if wanted is None or not held else {d: held[d] for d in wanted if d in held}
    con = warehouse.con
    if documents is None:
        on_file = None if wanted is None else [d for d in wanted if d not in held]
        documents = read_documents(folder, con, on_file, [r[DOCUMENTS] for r in held.values()])
    if documents.num_rows == 0:
        return []
    tables = warehouse.document_tables()
    con.begin()
    try:
        con.register("incoming_documents", documents)
        try:
            # typed as the warehouse's documents, so files written before a column existed have it (NULL)
            con.execute("CREATE OR REPLACE TEMP TABLE stage_documents AS FROM documents LIMIT 0")
            con.execute("INSERT INTO stage_documents BY NAME SELECT * FROM incoming_documents")
        finally:
            con.unregister("incoming_documents")
        docs = con.execute(
            "SELECT doc_id, source_path, status, error, sha256, parser_version, ingested_at, "
            "n_tables, n_cells, duplicate_of FROM stage_documents ORDER BY source_path, doc_id"
        ).fetchall()
        loaded_already = {
            r[0]
            for r in con.execute(
                "SELECT s.doc_id FROM stage_documents s JOIN documents d USING (doc_id) "
                "WHERE s.ingested_at = d.ingested_at AND s.status = d.status "
                "AND s.sha256 IS NOT DISTINCT FROM d.sha256 AND s.parser_version = d.parser_version"
            ).fetchall()
        }
        docs = [d for d in docs if d[0] not in loaded_already]
        stored = dict(
            con.execute(
                "SELECT doc_id, status FROM documents WHERE doc_id IN (SELECT doc_id FROM stage_documents)"
            ).fetchall()
        )
        kept = {d[0] for d in docs if d[2] == "failed" and stored.get(d[0]) == "ok"}
        replaced = [d[0] for d in docs if d[0] not in kept]
        ok = [d[0] for d in docs if d[2] == "ok"]
        _id_table(con, "replaced_ids", replaced)
        _id_table(con, "ok_ids", ok)
        before: dict[str, Counter[str]] = {}
        if any(d in stored for d in replaced):
            # one set-based delete per table; the deleted rows' doc_ids are the counts before
            for name in tables:
                deleted = f'DELETE FROM "{name}" WHERE doc_id IN (SELECT doc_id FROM replaced_ids)'
                before[name] = _doc_counts(con, f"{deleted} RETURNING doc_id")
        con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM replaced_ids)")
        con.execute(
            "INSERT INTO documents BY NAME SELECT * FROM stage_documents "
            "WHERE doc_id IN (SELECT doc_id FROM replaced_ids)"
        )
        for doc_id, _, _, error, _, _, ingested_at, *_ in (d for d in docs if d[0] in kept):
            con.execute(
                "UPDATE documents SET status = 'failed', error = ?, ingested_at = ? WHERE doc_id = ?",
                [f"{error}{KEPT_NOTE}", ingested_at, doc_id],
            )
        incoming = Incoming(folder, held, None if wanted is None else [d for d in ok if d not in held])
        after = _load_matched(con, incoming, docs, warehouse)
        for name in tables:
            if name not in MATCHED_TABLES:
                after[name] = _insert_rows(con, name, incoming)
        outcomes = _events(con, docs, kept, tables, before, after)
        con.commit()
    except BaseException as error:
        # after a fatal error (a full disk) DuckDB has ended the transaction itself: the rollback and the
        # clean-up then fail too, and must not hide the error that caused it
        with contextlib.suppress(duckdb.Error):
            con.rollback()
        if interrupted(error):  # Ctrl-C inside a query: the chunk is rolled back, the caller stops cleanly
            raise KeyboardInterrupt from error
        if isinstance(error, duckdb.Error):
            raise WarehouseLoadError(f"could not write to the warehouse: {error}") from error
        raise
    finally:
        with contextlib.suppress(duckdb.Error):
            for name in ("stage_documents", "replaced_ids", "ok_ids", "name_map"):
                con.execute(f"DROP TABLE IF EXISTS temp.{name}")
    return outcomes


def read_documents(
    folder: Path,
    con: duckdb.DuckDBPyConnection,
    doc_ids: list[str] | None = None,
    held: list[pa.Table] | None = None,
) -> pa.Table:
    """The committed `documents` rows of a record folder (or of `doc_ids`), and those `held` in memory,
    by source path, then id."""
    files = record_files(Path(folder), DOCUMENTS, doc_ids)
    parts = [
        _arrow(con, "SELECT * FROM read_parquet(?, union_by_name = true)", [batch])
        for batch in _batches(files)
    ]
    parts += held or []
    if not parts:
        return pa.table({"doc_id": pa.array([], pa.string()), "source_path": pa.array([], pa.string())})
    rows = pa.concat_tables(parts, promote_options="default")
    return rows.sort_by([("source_path", "ascending"), ("doc_id", "ascending")])


def _batches(files: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(files), FILES_PER_READ):
        yield files[start : start + FILES_PER_READ]


def _arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pa.Table:
    """The result of a statement as Arrow (no copy through Python rows). A result of `execute` that a
    caller left unread (`fetchone`) is run to its end first, as `execute` itself would."""
    con.complete()
    return con.sql(sql, params=params).to_arrow_table()


def _doc_counts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Counter[str]:
    """Rows per doc_id of a statement that returns the doc_id of each row it wrote or deleted."""
    return _counts(_arrow(con, sql, params))


def _counts(returned: pa.Table) -> Counter[str]:
    """Rows per doc_id of a statement's result whose first column is the doc_id."""
    if returned.num_rows == 0:
        return Counter()
    counts = pc.value_counts(returned.column(0)).to_pylist()
    return Counter({c["values"]: c["counts"] for c in counts})


def _insert_rows(con: duckdb.DuckDBPyConnection, name: str, incoming: Incoming) -> Counter[str]:
    """Insert the rows of the loaded documents (held, or from record files a batch of files per
    statement); returns the rows inserted per document."""
    inserted: Counter[str] = Counter()
    sql = (
        f'INSERT INTO "{name}" BY NAME SELECT * FROM {{source}} '
        "WHERE doc_id IN (SELECT doc_id FROM ok_ids) RETURNING doc_id"
    )
    for returned in incoming.read(con, name, sql):
        inserted += _counts(returned)
    return inserted


def _id_table(con: duckdb.DuckDBPyConnection, name: str, ids: list[str]) -> None:
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (doc_id VARCHAR)")
    if ids:
        incoming = pa.table({"doc_id": pa.array(ids, pa.string())})
        con.register("incoming_ids", incoming)
        try:
            con.execute(f"INSERT INTO {name} SELECT doc_id FROM incoming_ids")
        finally:
            con.unregister("incoming_ids")


def _load_matched(
    con: duckdb.DuckDBPyConnection, incoming: Incoming, docs: list[tuple], warehouse: Warehouse
) -> dict[str, Counter[str]]:
    """Match each loaded document's org names against those of every other document, in source-path
    order, and insert its org units, name matches and (renamed) headcounts and budget facts; returns the
    rows inserted per table and document."""
    units_by_doc: dict[str, list[OrgUnit]] = {}
    sql = "SELECT * FROM {source} WHERE doc_id IN (SELECT doc_id FROM ok_ids)"
    for rows in incoming.read(con, "org_units", sql):
        for row in rows.to_pylist():
            units_by_doc.setdefault(row["doc_id"], []).append(OrgUnit(**row))
    # names held per document only for this chunk's documents, counts of holders for all: reading every
    # document's names here made each chunk's work and memory grow with the warehouse
    known = warehouse.canonical_org_names_by_document("SELECT doc_id FROM stage_documents")
    holders = warehouse.canonical_org_name_holders()
    units_out: list[dict] = []
    matches_out: list[dict] = []
    renames: dict[tuple[str, str], str] = {}
    for doc_id, *_rest in docs:
        if _rest[1] != "ok" or (doc_id not in units_by_doc and doc_id not in known):
            continue
        mine = known.get(doc_id, set())
        others = [name for name, count in holders.items() if count - (name in mine) > 0]
        before = units_by_doc.get(doc_id, [])
        after, matches = canonicalize(before, others)
        units_out += [u.model_dump() for u in after]
        matches_out += [m.model_dump() for m in matches]
        for old, new in unit_renames(before, after).items():
            if old and old != new:
                # a fact may print the name spaced out (`인구정책 담당관`): matched without spaces
                renames.setdefault((doc_id, compact(old)), new)
        new_names = {u.canonical_name for u in after}
        holders.subtract(mine)
        holders.update(new_names)
        known[doc_id] = new_names
    schemas = arrow_schemas()
    inserted: dict[str, Counter[str]] = {}
    for name, rows in (("org_units", units_out), ("org_name_matches", matches_out)):
        inserted[name] = Counter(row["doc_id"] for row in rows)
        if rows:
            con.register("incoming_rows", pa.Table.from_pylist(rows, schema=schemas[name]))
            try:
                con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM incoming_rows')
            finally:
                con.unregister("incoming_rows")
    con.execute("CREATE OR REPLACE TEMP TABLE name_map (doc_id VARCHAR, old VARCHAR, new VARCHAR)")
    if renames:
        map_rows = [{"doc_id": d, "old": old, "new": new} for (d, old), new in renames.items()]
        con.register("incoming_rows", pa.Table.from_pylist(map_rows))
        try:
            con.execute("INSERT INTO name_map SELECT doc_id, old, new FROM incoming_rows")
        finally:
            con.unregister("incoming_rows")
    for table in RENAMED_TABLES:
        inserted[table] = Counter[str]()
        sql = (
            f'INSERT INTO "{table}" BY NAME '
            "SELECT f.* REPLACE (coalesce(m.new, f.org_unit) AS org_unit) "
            "FROM {source} f "
            "LEFT JOIN name_map m ON f.doc_id = m.doc_id AND replace(f.org_unit, ' ', '') = m.old "
            "WHERE f.doc_id IN (SELECT doc_id FROM ok_ids) RETURNING doc_id"
        )
        for returned in incoming.read(con, table, sql):
            inserted[table] += _counts(returned)
    return inserted


def _events(
    con: duckdb.DuckDBPyConnection,
    docs: list[tuple],
    kept: set[str],
    tables: list[str],
    before: Mapping[str, Mapping[str, int]],
    after: Mapping[str, Mapping[str, int]],
) -> list[LoadOutcome]:
    """One load event per document (as `Warehouse.load` and `record_failure` write them)."""
    rows: list[dict] = []
    outcomes: list[LoadOutcome] = []
    for doc_id, source_path, status, error, sha256, version, ingested_at, n_tables, n_cells, copy in docs:
        if status == "ok":
            change = {
                name: (before.get(name, {}).get(doc_id, 0), after[name].get(doc_id, 0)) for name in tables
            }
            event, detail = "loaded", json.dumps(change)
            outcome = LoadOutcome(doc_id, source_path, event, None, n_tables or 0, n_cells or 0)
        elif status == "duplicate":  # as `Warehouse.record_duplicate` writes it
            event, detail = "duplicate", json.dumps({"duplicate_of": copy})
            outcome = LoadOutcome(doc_id, source_path, event)
        else:
            event = "kept_previous" if doc_id in kept else "failed"
            detail = json.dumps({"error": error}, ensure_ascii=False)
            outcome = LoadOutcome(doc_id, source_path, event, error)
        outcomes.append(outcome)
        rows.append(
            {
                "doc_id": doc_id,
                "loaded_at": ingested_at,
                "event": event,
                "parser_version": version,
                "sha256": sha256,
                "detail": detail,
            }
        )
    incoming = pa.Table.from_pylist(
        rows,
        schema=pa.schema(
            [
                ("doc_id", pa.string()),
                ("loaded_at", pa.timestamp("us")),
                ("event", pa.string()),
                ("parser_version", pa.string()),
                ("sha256", pa.string()),
                ("detail", pa.string()),
            ]
        ),
    )
    con.register("incoming_events", incoming)
    try:
        con.execute("INSERT INTO load_events BY NAME SELECT * FROM incoming_events")
    finally:
        con.unregister("incoming_events")
    return outcomes


def load_folder(folder: Path, warehouse_path: Path, chunk: int = FOLDER_CHUNK_DOCS) -> list[LoadOutcome]:
    """`pipeline load`: every document of a record folder into the warehouse file, in one pass over the
    documents in source-path order, `chunk` documents per transaction. The folder's `documents` rows are
    read once; each chunk reads its documents' record files, a batch of files per statement."""
    with Warehouse(warehouse_path) as warehouse:
        documents = read_documents(Path(folder), warehouse.con)
        outcomes: list[LoadOutcome] = []
        for start in range(0, documents.num_rows, chunk):
            part = documents.slice(start, chunk)
            outcomes += _load_chunk(folder, warehouse, part.column("doc_id").to_pylist(), part)
        return outcomes


def interrupted(error: BaseException) -> bool:
    """Whether DuckDB stopped a query for Ctrl-C: it raises `InterruptException`, or in some paths a plain
    `RuntimeError("Query interrupted")`, instead of `KeyboardInterrupt`."""
    return isinstance(error, duckdb.InterruptException) or (
        isinstance(error, RuntimeError) and str(error).startswith("Query interrupted")
    )


def load_in_order(
    summaries: Iterable[RecordSummary],
    order: list[str],
    folder: Path,
    warehouse: Warehouse,
    chunk: int = CHUNK_DOCS,
    seconds: float = CHUNK_SECONDS,
    tail: int = 0,
) -> Iterator[LoadOutcome]:
    """Load documents as their record files arrive (in any order), in chunks that follow `order`: the
    result is that of loading them all in that order. A chunk is loaded when it holds `chunk` documents,
    or `MIN_CHUNK_DOCS` after `seconds`, or any after `CHUNK_MAX_SECONDS` (`_chunk_due`), and once when
    no more than `tail` documents are still to come: the load after the last document, which no parsing
    runs beside, then holds at most those (set it to about the documents the workers hold at the end)."""
    ready: set[str] = set()
    held: dict[str, Records] = {}
    """Records handed over in memory (`RecordSummary.records`), until their chunk is loaded."""
    waiting: dict[str, str] = {}
    """Files of records handed over one file a document (`RecordSummary.records_file`), read when their
    chunk is loaded: a document parsed far ahead of its turn costs no memory."""
    position = 0
    pending: list[str] = []
    last = time.monotonic()
    tail_loaded = tail <= 0
    try:
        for summary in summaries:
            ready.add(summary.doc_id)
            if summary.records is not None:
                held[summary.doc_id] = summary.records
            elif summary.records_file is not None:
                waiting[summary.doc_id] = summary.records_file
            while position < len(order) and order[position] in ready:
                ready.discard(order[position])
                pending.append(order[position])
                position += 1
            to_come = len(order) - position - len(ready)
            at_tail = not tail_loaded and bool(pending) and 0 < to_come <= tail
            if at_tail or _chunk_due(len(pending), time.monotonic() - last, chunk, seconds):
                tail_loaded = tail_loaded or at_tail
                yield from _load_chunk(folder, warehouse, pending, held=_taken(held, waiting, pending))
                pending = []
                last = time.monotonic()
    except KeyboardInterrupt:
        # Ctrl-C: the documents already parsed are whole; load them before stopping, so none is lost
        pending += sorted(ready, key=lambda d: order.index(d) if d in order else len(order))
        if pending:
            yield from _load_chunk(folder, warehouse, pending, held=_taken(held, waiting, pending))
        raise
    pending += sorted(ready, key=lambda d: order.index(d) if d in order else len(order))
    if pending:
        yield from _load_chunk(folder, warehouse, pending, held=_taken(held, waiting, pending))


def _taken(held: dict[str, Records], waiting: dict[str, str], doc_ids: list[str]) -> dict[str, Records]:
    """The records of a chunk's documents handed over in memory or in one file each, taken out of `held`
    and `waiting` (a loaded chunk's are not kept)."""
    return {
        d: held.pop(d) if d in held else taken_over(waiting.pop(d))
        for d in doc_ids
        if d in held or d in waiting
    }


def _chunk_due(pending: int, waited: float, chunk: int, seconds: float) -> bool:
    """Whether `pending` documents, the last load `waited` seconds ago, are loaded now: a full chunk, a
    chunk of `MIN_CHUNK_DOCS` after `seconds`, anything after `CHUNK_MAX_SECONDS`. Chunks are set by
    documents, not by how fast they arrive, so a busy machine does not shrink them."""
    if pending >= chunk:
        return True
    if pending >= min(MIN_CHUNK_DOCS, chunk) and waited >= seconds:
        return True
    return pending > 0 and waited >= max(CHUNK_MAX_SECONDS, seconds)


def _load_chunk(
    folder: Path,
    warehouse: Warehouse,
    doc_ids: list[str],
    documents: pa.Table | None = None,
    held: Mapping[str, Records] | None = None,
) -> list[LoadOutcome]:
    """Load a chunk; when the warehouse refuses it (a record it cannot store, a full disk, a column whose
    type was changed), each half is tried again, down to single documents, so only those the database
    refuses fail, with its own error, and the run goes on (a few extra transactions for one bad document
    in a chunk of a thousand, and still in source-path order)."""
    try:
        return load_records(folder, warehouse, doc_ids, documents, held)
    except WarehouseLoadError as error:
        if len(doc_ids) == 1:
            return [LoadOutcome(doc_ids[0], "", "failed", str(error))]
    half = len(doc_ids) // 2
    return [
        *_load_chunk(folder, warehouse, doc_ids[:half], held=held),
        *_load_chunk(folder, warehouse, doc_ids[half:], held=held),
    ]
