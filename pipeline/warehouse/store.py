"""Loading parsed documents into DuckDB: one transaction per document, bulk inserts from Arrow."""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.defaults import DEFAULT_WAREHOUSE
from pipeline.identity import StoredDocument, gone_under
from pipeline.schemas.records import DocumentRecord, ParsedDocument

MEMORY_LIMIT = "64MB"
"""DuckDB's buffer cache for the single writer. A load appends and never reads the warehouse back in
bulk, yet every commit that checkpoints fills the cache up to this limit (measured: a chunk of 64
documents holds ~32 MB of new rows, and the checkpoint after it reached 128 MB once the warehouse held
~800 documents), so the limit, not the corpus, decides the writer's peak: kept small so that the peak
of a 4,000-document ingest stays near that of a 250-document one (DuckDB spills to disk beyond it)."""
SESSION_SETTINGS = {"enable_external_file_cache": "false"}
"""Settings applied where this DuckDB has them: the file cache (DuckDB >= 1.3) keeps an entry for every
file read, and a load reads each record file once, so it only grew with the number of documents."""
SCHEMA_SQL = Path(__file__).with_name("schema.sql")
VIEWS_SQL = Path(__file__).with_name("views.sql")
COMMENTS_SQL = Path(__file__).with_name("comments.sql")
"""Packaged with the code (package data), so a non-editable install can create a warehouse."""


LOCK_WAIT_SECONDS = 10.0
"""How long opening a warehouse waits for another process to let go of it before saying so."""


class WarehouseLockedError(RuntimeError):
    """Another process holds the warehouse file."""


class WarehouseMissingError(FileNotFoundError):
    """A read of a warehouse that was never created."""


def describe(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the views and the comments on every table, view and column, in one transaction; a view
    column without its own comment takes the comment of the table column (else the view column) of the
    same name. Each of its ~250 statements committed on its own wrote a warehouse file as often, on
    every open for writing (200 -> 80 ms of CPU, 1.2 -> 0.2 s wall)."""
    con.begin()
    try:
        _views_and_comments(con)
        con.commit()
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # DuckDB may have ended it after a fatal error
            con.rollback()
        raise


def _views_and_comments(con: duckdb.DuckDBPyConnection) -> None:
    """`describe`'s statements, run in the caller's transaction."""
    con.execute(VIEWS_SQL.read_text(encoding="utf-8"))
    con.execute(COMMENTS_SQL.read_text(encoding="utf-8"))
    described = dict(
        con.execute(
            "SELECT column_name, first(comment ORDER BY table_name LIKE 'v\\_%' ESCAPE '\\', table_name) "
            "FROM duckdb_columns() WHERE NOT internal AND comment IS NOT NULL GROUP BY ALL"
        ).fetchall()
    )
    bare = con.execute(
        "SELECT c.table_name, c.column_name FROM duckdb_columns() c JOIN duckdb_views() v "
        "ON v.view_name = c.table_name WHERE NOT v.internal AND c.comment IS NULL"
    ).fetchall()
    for view, column in bare:
        if column in described:
            text = described[column].replace("'", "''")
            con.execute(f'COMMENT ON COLUMN "{view}"."{column}" IS \'{text}\'')


class WarehouseLoadError(RuntimeError):
    """A document could not be written: the database's own error, never hidden behind a failed rollback."""


def schema_tables() -> dict[str, list[str]]:
    """The product's own tables and their columns, read from the schema (never from the user's file)."""
    reference = duckdb.connect(":memory:")
    try:
        reference.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        found: dict[str, list[str]] = {}
        for table, column in reference.execute(
            "SELECT table_name, column_name FROM information_schema.columns ORDER BY ordinal_position"
        ).fetchall():
            found.setdefault(table, []).append(column)
        return found
    finally:
        reference.close()


OWN_TABLES = schema_tables()
DOCUMENT_TABLES = sorted(
    t for t, cols in OWN_TABLES.items() if "doc_id" in cols and t not in ("documents", "load_events")
)
"""Tables keyed by doc_id that a reload replaces: only these; a user's own table or view is never touched."""


class Warehouse:
    """A DuckDB file holding every ingested document; use as a context manager."""

    def __init__(
        self,
        path: Path | str = DEFAULT_WAREHOUSE,
        read_only: bool = False,
        wait: float = LOCK_WAIT_SECONDS,
        external_access: bool = True,
    ) -> None:
        self.path = Path(path)
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise WarehouseMissingError(f"no warehouse yet at {self.path}: run `pipeline ingest` first")
        config = {} if external_access else {"enable_external_access": False}
        self.con = self._connect(read_only, wait, config)
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        known = {r[0] for r in self.con.execute("SELECT name FROM duckdb_settings()").fetchall()}
        for name, value in SESSION_SETTINGS.items():
            if name in known:
                self.con.execute(f"SET {name} = {value}")
        if not external_access:
            self.con.execute("SET lock_configuration = true")
        if not read_only:
            self.con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
            self._migrate()
            describe(self.con)

    def _connect(self, read_only: bool, wait: float, config: dict[str, Any]) -> duckdb.DuckDBPyConnection:
        """Open the file, retrying for up to `wait` seconds while another process holds it."""
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only, config=config)
            except duckdb.IOException as error:
                if "lock" not in str(error).lower():
                    raise
                if time.monotonic() >= deadline:
                    holder = "an ingest is writing it" if read_only else "another program has it open"
                    raise WarehouseLockedError(
                        f"warehouse {self.path} is locked by another ingest or program ({holder}); "
                        f"waited {wait:g} s: run again when it has finished"
                    ) from error
                time.sleep(0.2)

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def document_tables(self) -> list[str]:
        """The product's tables keyed by doc_id, other than `documents` and `load_events`."""
        return list(DOCUMENT_TABLES)

    def stored_documents(self) -> list[StoredDocument]:
        """Identity of every stored document (pipeline/identity.py decides with it)."""
        rows = self.con.execute(
            "SELECT doc_id, coalesce(source_key, source_path), sha256, status FROM documents"
        ).fetchall()
        return [StoredDocument(*row) for row in rows]

    def stored(self, doc_id: str) -> tuple[str | None, str | None, str | None]:
        """(sha256, parser_version, status) of the stored document, or Nones."""
        row = self.con.execute(
            "SELECT sha256, parser_version, status FROM documents WHERE doc_id = ?", [doc_id]
        ).fetchone()
        return (row[0], row[1], row[2]) if row else (None, None, None)

    def canonical_org_names(self, exclude: str | None = None) -> list[str]:
        """Canonical org names already known from other documents."""
        rows = self.con.execute(
            "SELECT DISTINCT canonical_name FROM org_units WHERE doc_id IS DISTINCT FROM ? ORDER BY 1",
            [exclude],
        ).fetchall()
        return [r[0] for r in rows]

    def canonical_org_name_holders(self) -> Counter[str]:
        """How many stored documents hold each canonical org name: as large as the vocabulary of names,
        not as the warehouse (a load reads it once per chunk)."""
        rows = self.con.execute(
            "SELECT canonical_name, count(DISTINCT doc_id) FROM org_units GROUP BY canonical_name"
        ).fetchall()
        return Counter(dict(rows))

    def canonical_org_names_by_document(self, doc_ids_sql: str | None = None) -> dict[str, set[str]]:
        """Canonical org names of every stored document, or of the documents `doc_ids_sql` (a query
        giving doc_ids, such as a temporary table of a load) selects."""
        where = "" if doc_ids_sql is None else f" WHERE doc_id IN ({doc_ids_sql})"
        found: dict[str, set[str]] = {}
        for doc_id, name in self.con.execute(
            f"SELECT DISTINCT doc_id, canonical_name FROM org_units{where}"
        ).fetchall():
            found.setdefault(doc_id, set()).add(name)
        return found

    def counts(self, doc_id: str) -> dict[str, int]:
        """Rows per table for one document."""
        return {
            name: self._scalar(f'SELECT count(*) FROM "{name}" WHERE doc_id = ?', [doc_id])
            for name in self.document_tables()
        }

    def load(self, parsed: ParsedDocument) -> dict[str, tuple[int, int]]:
        """Replace one document's rows with these records, atomically; returns (before, after) per table."""
        doc_id = parsed.document.doc_id
        lists = parsed.record_lists()
        with self._transaction():
            stored = self.stored(doc_id)[2] is not None
            before = self.counts(doc_id) if stored else dict.fromkeys(self.document_tables(), 0)
            if stored:
                self._delete_records(doc_id)
            self._upsert_document(parsed.document)
            for name, records in lists.items():
                if records:
                    self._insert(name, [r.model_dump() for r in records])
            after = {name: len(lists.get(name, [])) for name in before}
            change = {name: (before[name], after[name]) for name in before}
            self._event(parsed.document, "loaded", json.dumps(change))
        return change

    @contextlib.contextmanager
    def _transaction(self, per_document: bool = True) -> Iterator[None]:
        """One transaction, committed when the block ends and rolled back on any error. For a write of
        one document (`per_document`), a database error becomes a WarehouseLoadError, which the ingest
        records against that document before it goes on with the others."""
        self.con.begin()
        try:
            yield
            self.con.commit()
        except BaseException as error:
            self._rollback()
            if per_document and isinstance(error, Exception):
                raise WarehouseLoadError(f"could not write to the warehouse: {_describe(error)}") from error
            raise

    def _delete_records(self, doc_id: str) -> None:
        """Remove one document's rows from every per-document table (not its `documents` row)."""
        for name in self.document_tables():
            self.con.execute(f'DELETE FROM "{name}" WHERE doc_id = ?', [doc_id])

    def _rollback(self) -> None:
        """Undo the open transaction; DuckDB may already have ended it after a fatal error (full disk),
        and that must not replace the error that caused it."""
        with contextlib.suppress(duckdb.Error):
            self.con.rollback()

    def record_failure(self, document: DocumentRecord) -> str:
        """Store a failed document; a previous good load of it is kept, and the failure says so."""
        with self._transaction():
            _, _, status = self.stored(document.doc_id)
            if status == "ok":
                kept = document.model_copy(
                    update={"error": f"{document.error} (records of the previous successful load are kept)"}
                )
                self.con.execute(
                    "UPDATE documents SET status = 'failed', error = ?, ingested_at = ? WHERE doc_id = ?",
                    [kept.error, kept.ingested_at, document.doc_id],
                )
                event = "kept_previous"
            else:
                self._delete_records(document.doc_id)
                self._upsert_document(document)
                event = "failed"
            self._event(document, event, json.dumps({"error": document.error}, ensure_ascii=False))
        return event

    def record_duplicate(self, document: DocumentRecord) -> str:
        """Store a file whose bytes another document already has: a `documents` row pointing to it, and
        none of its records (they would count the same facts twice)."""
        self.record_duplicates([document])
        return "duplicate"

    def record_duplicates(self, documents: list[DocumentRecord]) -> None:
        """`record_duplicate` of many files in one transaction (set-based deletes, one insert per table):
        an ingest finds its duplicates before parsing, and a transaction each made that serial step cost
        ~14 ms a file (a quarter of the bench corpus is copies)."""
        if not documents:
            return
        with self._transaction():
            ids = pa.table({"doc_id": pa.array([d.doc_id for d in documents], pa.string())})
            self.con.register("duplicate_ids", ids)
            try:
                for name in [*self.document_tables(), "documents"]:
                    self.con.execute(
                        f'DELETE FROM "{name}" WHERE doc_id IN (SELECT doc_id FROM duplicate_ids)'
                    )
            finally:
                self.con.unregister("duplicate_ids")
            self._insert("documents", [d.model_dump() for d in documents])
            events = [
                {
                    "doc_id": d.doc_id,
                    "loaded_at": d.ingested_at,
                    "event": "duplicate",
                    "parser_version": d.parser_version,
                    "sha256": d.sha256,
                    "detail": json.dumps({"duplicate_of": d.duplicate_of}),
                }
                for d in documents
            ]
            self._insert("load_events", events)

    def unchanged(self, candidates: Iterable[tuple[str, str | None]], parser_version: str) -> set[str]:
        """The doc_ids among (doc_id, sha256) whose stored document came from these bytes with this parser
        version and loaded fine: one query for a whole ingest (a query a file cost ~1 ms of the serial
        start)."""
        pairs = [(doc_id, digest) for doc_id, digest in candidates if digest]
        if not pairs:
            return set()
        incoming = pa.table(
            {
                "doc_id": pa.array([p[0] for p in pairs], pa.string()),
                "sha256": pa.array([p[1] for p in pairs], pa.string()),
            }
        )
        self.con.register("candidate_documents", incoming)
        try:
            rows = self.con.execute(
                "SELECT d.doc_id FROM documents d JOIN candidate_documents c "
                "ON d.doc_id = c.doc_id AND d.sha256 = c.sha256 "
                "WHERE d.status = 'ok' AND d.parser_version = ?",
                [parser_version],
            ).fetchall()
        finally:
            self.con.unregister("candidate_documents")
        return {r[0] for r in rows}

    def prune_gone(self, roots: Iterable[str]) -> list[tuple[str, str]]:
        """Remove the documents under `roots` (source keys of folders or files) whose file no longer
        exists; returns (doc_id, source) of each removed one. A document whose file is still there is
        kept, whether or not this run read it."""
        removed = []
        for doc in gone_under(self.stored_documents(), list(roots)):
            with self._transaction(per_document=False):
                self._delete_records(doc.doc_id)
                self.con.execute("DELETE FROM documents WHERE doc_id = ?", [doc.doc_id])
                self.con.execute(
                    "INSERT INTO load_events VALUES (?, ?, 'pruned', NULL, NULL, ?)",
                    [doc.doc_id, _now(), f"source file gone: {doc.source_key}"],
                )
            removed.append((doc.doc_id, doc.source_key))
        return removed

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a SQL query."""
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description] if cursor.description else []
        return names, cursor.fetchall()

    def _migrate(self) -> None:
        """Bring a warehouse made by an older version up to the schema, in one transaction."""
        with self._transaction(per_document=False):
            self._add_missing_columns()
            self._allow_duplicate_status()
            self._fill_source_keys()

    def _allow_duplicate_status(self) -> None:
        """Older warehouses check status IN ('ok', 'failed'): rebuild `documents` with the new check."""
        checks = self.con.execute(
            "SELECT constraint_text FROM duckdb_constraints() "
            "WHERE table_name = 'documents' AND constraint_type = 'CHECK'"
        ).fetchall()
        if not checks or any("duplicate" in text for (text,) in checks):
            return
        for (view,) in self.con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall():
            if view.startswith("v_"):  # the product's views (views.sql): recreated by describe()
                self.con.execute(f'DROP VIEW "{view}"')
        self.con.execute("ALTER TABLE documents RENAME TO documents_before_migration")
        self.con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        self.con.execute("INSERT INTO documents BY NAME SELECT * FROM documents_before_migration")
        self.con.execute("DROP TABLE documents_before_migration")

    def _fill_source_keys(self) -> None:
        """Documents loaded before identities were paths get the absolute path of their stored source
        (relative paths were relative to where ingest ran, the project folder); a moved file is matched
        by its bytes at the next ingest (pipeline/identity.py)."""
        from pipeline.identity import source_key

        sql = "SELECT doc_id, source_path FROM documents WHERE source_key IS NULL"
        rows = self.con.execute(sql).fetchall()
        for doc_id, source in rows:
            self.con.execute(
                "UPDATE documents SET source_key = ? WHERE doc_id = ?", [source_key(Path(source)), doc_id]
            )

    def _add_missing_columns(self) -> None:
        """Columns of the schema missing from an older warehouse are added; never renamed or dropped."""
        reference = duckdb.connect(":memory:")
        try:
            reference.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
            wanted = reference.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "ORDER BY ordinal_position"
            ).fetchall()
            nullable = set(
                reference.execute(
                    "SELECT table_name, column_name FROM information_schema.columns WHERE is_nullable = 'YES'"
                ).fetchall()
            )
        finally:
            reference.close()
        present = {
            (t, c): d
            for t, c, d in self.con.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns"
            ).fetchall()
        }
        for table, column, data_type in wanted:
            if (table, column) not in present:
                self.con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {data_type}')
            elif present[(table, column)] == "VARCHAR" and data_type == "VARCHAR[]":
                # a comma-joined list of an older version (cells.flags) becomes a list
                self.con.execute(
                    f'ALTER TABLE "{table}" ALTER "{column}" TYPE VARCHAR[] '
                    f"USING coalesce(string_split(nullif(\"{column}\", ''), ','), [])"
                )
        required = self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE is_nullable = 'NO'"
        ).fetchall()
        for table, column in required:
            if (table, column) in nullable:  # a column the schema has since made optional
                self.con.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP NOT NULL')

    def _scalar(self, sql: str, params: list[Any]) -> Any:
        row = self.con.execute(sql, params).fetchone()
        return row[0] if row else None

    def _upsert_document(self, document: DocumentRecord) -> None:
        self.con.execute("DELETE FROM documents WHERE doc_id = ?", [document.doc_id])
        self._insert("documents", [document.model_dump()])

    def _insert(self, name: str, rows: list[dict[str, Any]]) -> None:
        incoming = pa.Table.from_pylist(rows)
        self.con.register("incoming", incoming)
        try:
            self.con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM incoming')
        finally:
            self.con.unregister("incoming")

    def _event(self, document: DocumentRecord, event: str, detail: str) -> None:
        self.con.execute(
            "INSERT INTO load_events VALUES (?, ?, ?, ?, ?, ?)",
            [document.doc_id, document.ingested_at, event, document.parser_version, document.sha256, detail],
        )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _describe(error: Exception) -> str:
    return str(error) if isinstance(error, duckdb.Error) else f"{type(error).__name__}: {error}"
