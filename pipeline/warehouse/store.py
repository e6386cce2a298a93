"""Loading parsed documents into DuckDB: one transaction per document, bulk inserts from Arrow."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.defaults import DEFAULT_WAREHOUSE
from schemas.records import DocumentRecord, ParsedDocument

MEMORY_LIMIT = "128MB"
"""DuckDB's buffer cache for the single writer: loads are per document, so a small cache keeps the
ingest's memory flat however large the warehouse grows (DuckDB spills to disk beyond it)."""
SCHEMA_SQL = Path(__file__).with_name("schema.sql")
VIEWS_SQL = Path(__file__).with_name("views.sql")
COMMENTS_SQL = Path(__file__).with_name("comments.sql")
"""Packaged with the code (package data), so a non-editable install can create a warehouse."""


class WarehouseLockedError(RuntimeError):
    """Another process holds the warehouse file."""


class WarehouseMissingError(FileNotFoundError):
    """A read of a warehouse that was never created."""


def describe(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the views and the comments on every table, view and column; a view column without its
    own comment takes the comment of the table column (else the view column) of the same name."""
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


class Warehouse:
    """A DuckDB file holding every ingested document; use as a context manager."""

    def __init__(self, path: Path | str = DEFAULT_WAREHOUSE, read_only: bool = False) -> None:
        self.path = Path(path)
        self._document_tables: list[str] | None = None
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.exists():
            raise WarehouseMissingError(f"no warehouse yet at {self.path}: run `pipeline ingest` first")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" in str(error).lower():
                raise WarehouseLockedError(
                    f"warehouse {self.path} is locked by another ingest (or another program has it open); "
                    "wait for it to finish and run again"
                ) from error
            raise
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        if not read_only:
            self.con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
            self._add_missing_columns()
            describe(self.con)

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def document_tables(self) -> list[str]:
        """Warehouse tables keyed by doc_id, other than `documents` and `load_events` (read once)."""
        if self._document_tables is None:
            self._document_tables = self._find_document_tables()
        return self._document_tables

    def _find_document_tables(self) -> list[str]:
        rows = self.con.execute(
            "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
            "USING (table_schema, table_name) WHERE c.column_name = 'doc_id' AND t.table_type = 'BASE TABLE' "
            "AND c.table_name NOT IN ('documents', 'load_events') ORDER BY c.table_name"
        ).fetchall()
        return [r[0] for r in rows]

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

    def canonical_org_names_by_document(self) -> dict[str, set[str]]:
        """Canonical org names of every stored document."""
        found: dict[str, set[str]] = {}
        for doc_id, name in self.con.execute(
            "SELECT DISTINCT doc_id, canonical_name FROM org_units"
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
        self.con.begin()
        try:
            stored = self.stored(doc_id)[2] is not None
            before = self.counts(doc_id) if stored else dict.fromkeys(self.document_tables(), 0)
            for name in self.document_tables() if stored else []:
                self.con.execute(f'DELETE FROM "{name}" WHERE doc_id = ?', [doc_id])
            self._upsert_document(parsed.document)
            for name, records in lists.items():
                if records:
                    self._insert(name, [r.model_dump() for r in records])
            after = {name: len(lists.get(name, [])) for name in before}
            change = {name: (before[name], after[name]) for name in before}
            self._event(parsed.document, "loaded", json.dumps(change))
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return change

    def record_failure(self, document: DocumentRecord) -> str:
        """Store a failed document; a previous good load of it is kept, and the failure says so."""
        self.con.begin()
        try:
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
                for name in self.document_tables():
                    self.con.execute(f'DELETE FROM "{name}" WHERE doc_id = ?', [document.doc_id])
                self._upsert_document(document)
                event = "failed"
            self._event(document, event, json.dumps({"error": document.error}, ensure_ascii=False))
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return event

    def prune(self, keep: set[str]) -> list[str]:
        """Remove every document not in `keep`; returns the removed ids."""
        stored = [r[0] for r in self.con.execute("SELECT doc_id FROM documents").fetchall()]
        removed = [d for d in stored if d not in keep]
        for doc_id in removed:
            self.con.begin()
            for name in self.document_tables():
                self.con.execute(f'DELETE FROM "{name}" WHERE doc_id = ?', [doc_id])
            self.con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
            self.con.execute(
                "INSERT INTO load_events VALUES (?, ?, 'pruned', NULL, NULL, ?)",
                [doc_id, datetime.now(UTC).replace(tzinfo=None), "source file no longer in the corpus"],
            )
            self.con.commit()
        return removed

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Column names and rows of a SQL query."""
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description] if cursor.description else []
        return names, cursor.fetchall()

    def _add_missing_columns(self) -> None:
        """Bring a warehouse made by an older version up to the schema: columns are only ever added."""
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
                    f'USING coalesce(string_split(nullif("{column}", \'\'), \',\'), [])'
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
