"""The two steps behind `ingest`, for corpora past one machine: parse to a record folder, then load it.

`parse_corpus` is the map: every file to its record files (pipeline/recordfiles.py), on local worker
processes or Ray, skipping files whose committed records came from the same bytes and parser version.
`load_folder` (pipeline/load.py) is the one writer. `lake` makes a DuckDB file of views over a record
folder, so the warehouse's SQL runs on the Parquet without loading it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipeline import PARSER_VERSION
from pipeline.identity import StoredDocument, assign_doc_ids, duplicates_of, gone_under, source_key
from pipeline.ingest import PruneRefusedError, duplicate_record, parse_to_records, scan_paths
from pipeline.parse import ParseSettings, sha256_of
from pipeline.recordfiles import (
    DOCUMENTS,
    RecordSummary,
    record_path,
    remove_document,
    stored_documents,
    write_records,
)
from pipeline.warehouse.store import SCHEMA_SQL, describe

LAKE_FILE = "lake.duckdb"


@dataclass
class ParseReport:
    """What a parse run did: a summary per parsed document, the unchanged ones it skipped, the files
    recorded as duplicates of another document, and the documents pruned because their file is gone."""

    parsed: list[RecordSummary] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[RecordSummary] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for s in self.parsed if s.status == status)


def parse_corpus(
    paths: Iterable[Path],
    out: Path,
    executor: str = "local",
    jobs: int | None = None,
    force: bool = False,
    on_document: Callable[[RecordSummary], None] | None = None,
    settings: ParseSettings | None = None,
    prune: bool = False,
) -> ParseReport:
    """Parse files and folders into the record folder `out`; running it again parses only what changed.

    A file whose bytes another document already has is recorded as its duplicate (a `documents` row with
    status `duplicate`, no records), as `ingest` records it. `prune` removes the record files of
    documents under `paths` whose file is gone, and only when every folder could be read.
    """
    paths = list(paths)
    scan = scan_paths(paths)
    if prune and scan.unreadable:
        raise PruneRefusedError(
            "--prune refused: these folders could not be read, so their documents would look gone: "
            + "; ".join(scan.unreadable)
        )
    files = scan.files
    digests = {path: sha256_of(path) for path in files}
    keys = {path: source_key(path) for path in files}
    held = folder_identities(out)
    ids = assign_doc_ids([(p, keys[p], digests[p]) for p in files], held)
    copies = duplicates_of([(keys[p], digests[p], ids[keys[p]]) for p in files], held)
    committed = {} if force else stored_documents(out)
    report = ParseReport()
    work = []
    for path in files:
        key, digest, doc_id = keys[path], digests[path], ids[keys[path]]
        if key in copies:
            if not force and _same_duplicate(out, doc_id, digest, copies[key]):
                report.skipped.append(doc_id)
            else:
                write_records(out, duplicate_record(path, key, digest, doc_id, copies[key]))
                report.duplicates.append(RecordSummary(doc_id, str(path), "duplicate"))
        elif digest and committed.get(doc_id) == (digest, PARSER_VERSION, "ok"):
            report.skipped.append(doc_id)
        else:
            work.append((path, digest, doc_id))
    for summary in parse_to_records(work, out, executor, jobs, settings=settings):
        report.parsed.append(summary)
        if on_document:
            on_document(summary)
    report.parsed.sort(key=lambda s: s.path)
    if prune:
        for doc in gone_under(folder_identities(out), [source_key(p) for p in paths]):
            remove_document(out, doc.doc_id)
            report.pruned.append(doc.doc_id)
    return report


def _same_duplicate(folder: Path, doc_id: str, digest: str | None, original: str) -> bool:
    """The folder already records this file as a duplicate of `original`, from the same bytes."""
    marker = record_path(folder, DOCUMENTS, doc_id)
    if not marker.is_file():
        return False
    row = pq.read_table(marker).to_pylist()[0]
    same = (row.get("status"), row.get("sha256"), row.get("duplicate_of"), row.get("parser_version"))
    return same == ("duplicate", digest, original, PARSER_VERSION)


def folder_identities(folder: Path) -> list[StoredDocument]:
    """The documents a record folder holds, for the identity rule (pipeline/identity.py): a file keeps
    the doc_id it was given in this folder, and new files get ids as a fresh ingest would give them."""
    files = sorted((folder / DOCUMENTS).glob("*.parquet")) if (folder / DOCUMENTS).is_dir() else []
    if not files:
        return []
    con = duckdb.connect(":memory:")
    try:
        rows = con.execute(
            "SELECT doc_id, source_key, sha256, status FROM read_parquet(?, union_by_name = true) "
            "WHERE source_key IS NOT NULL",
            [[str(f) for f in files]],
        ).fetchall()
    finally:
        con.close()
    return [StoredDocument(*row) for row in rows]


def lake(folder: Path, database: Path | None = None) -> Path:
    """A DuckDB file (default `folder/lake.duckdb`) with one view per warehouse table over the folder's
    Parquet (committed documents only, the warehouse's columns) and the warehouse's own views on top.
    Files added later show up in the views; org names are as each document printed them (matching
    across documents happens at load)."""
    folder = Path(folder).resolve()
    database = database or folder / LAKE_FILE
    database.unlink(missing_ok=True)
    reference = duckdb.connect(":memory:")
    con = duckdb.connect(str(database))
    try:
        reference.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
        tables = [
            r[0] for r in reference.execute("SELECT table_name FROM information_schema.tables").fetchall()
        ]
        committed = _glob(folder, DOCUMENTS)
        for table in sorted(tables):
            columns = reference.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [table],
            ).fetchall()
            names = ", ".join(f'"{c}"' for c, _ in columns)
            if (folder / table).is_dir() and any((folder / table).glob("*.parquet")):
                source = f"read_parquet({_glob(folder, table)}, union_by_name = true)"
                where = (
                    ""
                    if table == DOCUMENTS
                    else f" WHERE doc_id IN (SELECT doc_id FROM read_parquet({committed}))"
                )
                select = f"SELECT {names} FROM {source}{where}"
            else:
                typed = ", ".join(f'CAST(NULL AS {t}) AS "{c}"' for c, t in columns)
                select = f"SELECT {typed} WHERE false"
            con.execute(f'CREATE VIEW "{table}" AS {select}')
        describe(con)  # the researchers' views (v_budget, ...) and the column comments, as in the warehouse
    finally:
        con.close()
        reference.close()
    return database


def _glob(folder: Path, table: str) -> str:
    pattern = str(folder / table / "*.parquet").replace("'", "''")
    return f"'{pattern}'"
