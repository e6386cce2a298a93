"""The DuckDB warehouse: real files, idempotent reloads, recorded failures, nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from pipeline.ingest import ingest
from pipeline.warehouse import Warehouse
from tests.conftest import DOC_000, DOC_002, RAW, cell_at

TABLES = ("documents", "tables", "cells", "sections", "lines")


def row_counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for doc_id in (DOC_000, DOC_002):
        shutil.copy(RAW / f"{doc_id}.txt", folder)
    return folder


def test_corpus_cells_carry_labels_and_lines(store) -> None:
    cell = cell_at(store, DOC_000, 71, "1,370,315")
    assert cell["row_label"] == "민간위탁금 총계"
    assert cell["col_label"] == "예산액(A) 금액"
    assert (
        cell["table_id"]
        == store.query("SELECT table_id FROM tables WHERE doc_id = ? AND first_line = 69", [DOC_000])[1][0][0]
    )
    _, rows = store.query(
        "SELECT status, format, encoding, n_tables FROM documents WHERE doc_id = ?", [DOC_000]
    )
    assert rows == [("ok", "text", "utf-8", 14)]


def test_reingest_is_idempotent(tmp_path: Path) -> None:
    corpus, warehouse = small_corpus(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, tmp_path / "parsed")
    first = row_counts(warehouse)
    report = ingest([corpus], warehouse, tmp_path / "parsed", force=True)
    assert [o.status for o in report.outcomes] == ["loaded", "loaded"]
    assert row_counts(warehouse) == first
    assert first["documents"] == 2 and first["cells"] > 1000


def test_unchanged_documents_are_skipped(tmp_path: Path) -> None:
    corpus, warehouse = small_corpus(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    report = ingest([corpus], warehouse, None)
    assert [o.status for o in report.outcomes] == ["skipped", "skipped"]


def test_a_document_parsed_by_other_code_is_parsed_again(tmp_path: Path) -> None:
    """The parser version is a digest of the package's code: a rule changed since a document was stored
    makes the next ingest parse it again instead of keeping the facts the old rule made."""
    from pipeline import PARSER_VERSION, code_digest

    code = tmp_path / "code"
    (code / "extract").mkdir(parents=True)
    (code / "extract" / "rules.py").write_text("LIMIT = 1\n", encoding="utf-8")
    before = code_digest(code)
    (code / "extract" / "rules.py").write_text("LIMIT = 2\n", encoding="utf-8")
    assert code_digest(code) != before and PARSER_VERSION.endswith(code_digest())

    corpus, warehouse = small_corpus(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    con = duckdb.connect(str(warehouse))
    con.execute("UPDATE documents SET parser_version = '0.2.1' WHERE doc_id = ?", [DOC_000])
    con.close()
    report = ingest([corpus], warehouse, None)
    assert {o.doc_id: o.status for o in report.outcomes} == {DOC_000: "loaded", DOC_002: "skipped"}


def test_parsed_json_is_written_per_document(tmp_path: Path) -> None:
    corpus, parsed = small_corpus(tmp_path), tmp_path / "parsed"
    ingest([corpus], tmp_path / "w.duckdb", parsed)
    assert sorted(p.name for p in parsed.glob("*.json")) == [f"{DOC_000}.json", f"{DOC_002}.json"]
    assert '"raw_text": "1,370,315"' in (parsed / f"{DOC_000}.json").read_text(encoding="utf-8")


def test_bad_files_are_recorded_and_the_rest_loads(tmp_path: Path) -> None:
    corpus, warehouse = small_corpus(tmp_path), tmp_path / "w.duckdb"
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes("구분".encode() + bytes(range(0x80, 0xFF)))
    (corpus / "garbage.txt").write_bytes(bytes(range(256)) * 10)
    report = ingest([corpus], warehouse, None)
    status = {o.doc_id: o.status for o in report.outcomes}
    assert status == {
        DOC_000: "loaded",
        DOC_002: "loaded",
        "empty": "failed",
        "latin1": "failed",
        "garbage": "failed",
    }
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query(
            "SELECT doc_id, status, error FROM documents WHERE status = 'failed' ORDER BY doc_id"
        )
        errors = {doc_id: error for doc_id, _, error in rows}
        assert errors["empty"] == "empty file: no text to read"
        assert "NUL bytes" in errors["garbage"]
        assert errors["latin1"].startswith("unknown encoding: neither UTF-8 nor CP949/EUC-KR")
        assert store.counts("latin1")["cells"] == 0
        assert store.counts(DOC_000)["cells"] > 500


def test_a_file_that_turns_bad_keeps_its_previous_records(tmp_path: Path) -> None:
    corpus, warehouse = small_corpus(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    before = Warehouse(warehouse, read_only=True)
    cells_before = before.counts(DOC_000)["cells"]
    before.close()
    (corpus / f"{DOC_000}.txt").write_bytes(b"\xff\xfe\x00broken")
    report = ingest([corpus], warehouse, None)
    assert {o.doc_id: o.status for o in report.outcomes}[DOC_000] == "kept_previous"
    with Warehouse(warehouse, read_only=True) as store:
        assert store.counts(DOC_000)["cells"] == cells_before
        _, rows = store.query("SELECT status, error FROM documents WHERE doc_id = ?", [DOC_000])
        assert rows[0][0] == "failed"
        assert "previous successful load are kept" in rows[0][1]
        _, events = store.query(
            "SELECT event FROM load_events WHERE doc_id = ? ORDER BY loaded_at", [DOC_000]
        )
        assert [e for (e,) in events] == ["loaded", "kept_previous"]


def test_prune_removes_documents_whose_file_is_gone(tmp_path: Path) -> None:
    corpus, warehouse = small_corpus(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    (corpus / f"{DOC_002}.txt").unlink()
    report = ingest([corpus], warehouse, None, prune=True)
    assert report.pruned == [DOC_002]
    with Warehouse(warehouse, read_only=True) as store:
        assert store.counts(DOC_002) == dict.fromkeys(store.document_tables(), 0)
        _, rows = store.query("SELECT doc_id FROM documents")
        assert rows == [(DOC_000,)]
