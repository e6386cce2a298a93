"""Nothing lost: prune, document identity, duplicates, safe queries, unreadable folders, the user's tables."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.corpus import parse_corpus
from pipeline.gate import validate_paths
from pipeline.ingest import InputPathError, ingest
from pipeline.warehouse import Warehouse
from tests.conftest import DOC_000, DOC_002, RAW, ROOT

runner = CliRunner()
CELLS_000 = 557
"""Cells of 000 (`pipeline show` prints them; test_cli checks the same figure)."""


def docs(warehouse: Path) -> dict[str, tuple[str, int]]:
    """doc_id -> (status, stored cells) of every document."""
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query(
            "SELECT d.doc_id, d.status, (SELECT count(*) FROM cells c WHERE c.doc_id = d.doc_id) "
            "FROM documents d ORDER BY 1"
        )
    return {doc_id: (status, cells) for doc_id, status, cells in rows}


def two_files(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for doc_id in (DOC_000, DOC_002):
        shutil.copy(RAW / f"{doc_id}.txt", folder)
    return folder


# --- prune -------------------------------------------------------------------------------------------


def test_prune_with_one_file_keeps_the_others(tmp_path: Path) -> None:
    corpus, warehouse = two_files(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    report = ingest([corpus / f"{DOC_000}.txt"], warehouse, None, prune=True)
    assert report.pruned == []
    assert set(docs(warehouse)) == {DOC_000, DOC_002}


def test_prune_of_a_mistyped_folder_is_a_command_error_and_removes_nothing(tmp_path: Path) -> None:
    corpus, warehouse = two_files(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    with pytest.raises(InputPathError, match=r"no such file or folder: .*rwa"):
        ingest([tmp_path / "rwa"], warehouse, None, prune=True)
    result = runner.invoke(app, ["ingest", str(tmp_path / "rwa"), "-w", str(warehouse), "--prune"])
    assert result.exit_code == 2 and "no such file or folder" in result.output
    assert set(docs(warehouse)) == {DOC_000, DOC_002}


def test_prune_of_an_empty_folder_removes_nothing_whose_file_exists(tmp_path: Path) -> None:
    corpus, warehouse = two_files(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    (tmp_path / "empty").mkdir()
    assert ingest([tmp_path / "empty"], warehouse, None, prune=True).pruned == []
    assert ingest([tmp_path], warehouse, None, prune=True).pruned == []
    assert set(docs(warehouse)) == {DOC_000, DOC_002}


def test_prune_names_the_documents_whose_file_is_gone(tmp_path: Path) -> None:
    corpus, warehouse = two_files(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    (corpus / f"{DOC_002}.txt").unlink()
    result = runner.invoke(app, ["ingest", str(corpus), "-w", str(warehouse), "--prune", "--parsed-dir", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert f"1 pruned ({DOC_002})" in result.output
    assert docs(warehouse) == {DOC_000: ("ok", CELLS_000)}
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query("SELECT detail FROM load_events WHERE event = 'pruned'")
    assert rows == [(f"source file gone: {(corpus / f'{DOC_002}.txt').resolve()}",)]


# --- identity -----------------------------------------------------------------------------------------


def same_name_in_two_folders(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "2023" / "report.txt", tmp_path / "2024" / "report.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    shutil.copy(RAW / f"{DOC_000}.txt", a)
    shutil.copy(RAW / f"{DOC_002}.txt", b)
    return a, b


def test_same_file_name_in_two_folders_is_two_documents_in_one_run(tmp_path: Path) -> None:
    a, b = same_name_in_two_folders(tmp_path)
    warehouse = tmp_path / "w.duckdb"
    report = ingest([tmp_path], warehouse, None)
    ids = {o.path: o.doc_id for o in report.outcomes}
    assert ids[a] == "report" and ids[b].startswith("report-") and len(ids[b]) == len("report-") + 8
    stored = docs(warehouse)
    assert stored["report"] == ("ok", CELLS_000)
    assert stored[ids[b]][0] == "ok" and stored[ids[b]][1] > 100


def test_same_file_name_in_two_folders_across_runs_and_alone_later(tmp_path: Path) -> None:
    a, b = same_name_in_two_folders(tmp_path)
    warehouse = tmp_path / "w.duckdb"
    first = ingest([b], warehouse, None).outcomes[0]
    second = ingest([a], warehouse, None).outcomes[0]
    assert first.doc_id == "report" and second.doc_id.startswith("report-")
    assert len(docs(warehouse)) == 2
    # the whole tree later, then each file alone: the same two documents, unchanged
    again = ingest([tmp_path], warehouse, None)
    assert {(o.doc_id, o.status) for o in again.outcomes} == {(first.doc_id, "skipped"), (second.doc_id, "skipped")}
    assert ingest([a], warehouse, None).outcomes[0].doc_id == second.doc_id
    assert len(docs(warehouse)) == 2


def test_validate_and_parse_give_each_file_the_doc_id_of_ingest(tmp_path: Path) -> None:
    """One identity rule for every command. Before: `validate` named documents by the batch rule
    (`readers.doc_ids`): both `report.txt` became `report.txt`, and `plan.tsv` beside `plan.txt` became
    `plan.tsv` where ingest stores `plan`."""
    a, b = same_name_in_two_folders(tmp_path)
    plans = tmp_path / "2025"
    plans.mkdir()
    shutil.copy(RAW / "004_12c27e1267d59373.txt", plans / "plan.tsv")
    (plans / "plan.txt").write_bytes((RAW / "004_12c27e1267d59373.txt").read_bytes() + b"\n")
    ingested = {str(o.path): o.doc_id for o in ingest([tmp_path], tmp_path / "w.duckdb", None).outcomes}
    validated = {c.path: c.doc_id for c in validate_paths([tmp_path])}
    parsed = {s.path: s.doc_id for s in parse_corpus([tmp_path], tmp_path / "records", jobs=1).parsed}
    assert validated == ingested == parsed
    hashed = ingested[str(b)]
    assert hashed.startswith("report-") and len(hashed) == len("report-") + 8
    assert ingested == {
        str(a): "report",
        str(b): hashed,
        str(plans / "plan.tsv"): "plan",
        str(plans / "plan.txt"): "plan.txt",
    }


def table_rows(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every product table, without the load times (which differ between any two loads)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                "AND table_name <> 'load_events' ORDER BY 1"
            ).fetchall()
        ]
        rows = {}
        for table in tables:
            columns = [
                c[0]
                for c in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "AND column_name NOT IN ('ingested_at', 'loaded_at') ORDER BY ordinal_position",
                    [table],
                ).fetchall()
            ]
            names = ", ".join(f'"{c}"' for c in columns)
            rows[table] = con.execute(f'SELECT {names} FROM "{table}" ORDER BY ALL').fetchall()
        return rows
    finally:
        con.close()


ORG_TABLE = "□ 조직 및 인력\n(단위 : 명)\n부서\t정원\t현원\n{}\t10\t9\n복지정책과\t12\t12\n{}\t8\t7\n"


def test_force_gives_the_rows_of_a_fresh_ingest(tmp_path: Path) -> None:
    """`ingest --force` over a loaded warehouse stores, table by table, exactly the rows a fresh ingest
    stores (the issue saw `org_name_matches` differ: names of the documents being reloaded must not be
    matched against their own earlier load). Two reports whose org names are a near miss
    (`인구정책담당관실` / `인구정책담당관`) beside two of the corpus."""
    corpus = two_files(tmp_path)
    (corpus / "org_a.txt").write_text(ORG_TABLE.format("인구정책담당관", "노인복지과"), encoding="utf-8")
    (corpus / "org_b.txt").write_text(ORG_TABLE.format("인구정책담당관실", "노인정책과"), encoding="utf-8")
    fresh, forced = tmp_path / "fresh.duckdb", tmp_path / "forced.duckdb"
    ingest([corpus], fresh, None)
    shutil.copy(fresh, forced)
    report = ingest([corpus], forced, None, force=True)
    assert {o.status for o in report.outcomes} == {"loaded"}
    before, after = table_rows(fresh), table_rows(forced)
    assert before.keys() == after.keys() and {"cells", "org_name_matches", "amount_mentions"} <= before.keys()
    assert before["org_name_matches"] == [("org_b", "인구정책담당관실", "인구정책담당관", 93.3, False, 4)]
    assert len(before["cells"]) > 1000
    for table in before:
        assert after[table] == before[table], table


def test_identical_bytes_under_two_names_load_once(tmp_path: Path) -> None:
    corpus, warehouse = two_files(tmp_path), tmp_path / "w.duckdb"
    shutil.copy(corpus / f"{DOC_000}.txt", corpus / "copy_of_000.txt")
    report = ingest([corpus], warehouse, None)
    by_id = {o.doc_id: o for o in report.outcomes}
    # "000_..." sorts before "copy_of_000", so 000 is the first holder of these bytes
    assert by_id["copy_of_000"].status == "duplicate" and by_id["copy_of_000"].duplicate_of == DOC_000
    assert docs(warehouse)["copy_of_000"] == ("duplicate", 0)
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query("SELECT duplicate_of FROM documents WHERE doc_id = 'copy_of_000'")
        assert rows == [(DOC_000,)]
        _, rows = store.query("SELECT count(*) FROM cells WHERE raw_text = '1,370,315' AND line = 71")
        assert rows == [(1,)]
    # a later run alone: still a duplicate, never a second load
    assert ingest([corpus / "copy_of_000.txt"], warehouse, None).outcomes[0].status == "duplicate"
    assert docs(warehouse)["copy_of_000"] == ("duplicate", 0)


def test_a_moved_corpus_keeps_its_document_ids(tmp_path: Path) -> None:
    corpus, warehouse = two_files(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    moved = corpus.rename(tmp_path / "reports")
    report = ingest([moved], warehouse, None, prune=True)
    assert {o.doc_id for o in report.outcomes} == {DOC_000, DOC_002}
    assert report.pruned == []
    assert docs(warehouse)[DOC_000] == ("ok", CELLS_000)


OLD_DOCUMENTS = """CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, source_path VARCHAR NOT NULL, sha256 VARCHAR,
format VARCHAR, encoding VARCHAR, title VARCHAR, issuer VARCHAR, report_date DATE, report_date_precision VARCHAR,
status VARCHAR NOT NULL CHECK (status IN ('ok', 'failed')), error VARCHAR, parser_version VARCHAR NOT NULL,
ingested_at TIMESTAMP NOT NULL, n_lines INTEGER, n_pages INTEGER, n_tables INTEGER, n_cells INTEGER)"""


def test_an_old_warehouse_is_migrated(tmp_path: Path) -> None:
    corpus, warehouse = two_files(tmp_path), tmp_path / "old.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute(OLD_DOCUMENTS)
    con.execute(
        "INSERT INTO documents (doc_id, source_path, sha256, status, parser_version, ingested_at) "
        "VALUES (?, ?, 'x', 'ok', '0.1.0', now())",
        [DOC_000, str(corpus / f"{DOC_000}.txt")],
    )
    con.close()
    shutil.copy(corpus / f"{DOC_000}.txt", corpus / "copy.txt")
    report = ingest([corpus], warehouse, None)
    assert {o.doc_id: o.status for o in report.outcomes} == {
        DOC_000: "loaded",
        DOC_002: "loaded",
        "copy": "duplicate",
    }
    with Warehouse(warehouse, read_only=True) as store:
        _, rows = store.query("SELECT doc_id, source_key FROM documents WHERE doc_id = ?", [DOC_000])
    assert rows == [(DOC_000, str((corpus / f"{DOC_000}.txt").resolve()))]


# --- queries -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_doc_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("query")
    ingest([RAW / f"{DOC_002}.txt"], base / "w.duckdb", None)
    return base / "w.duckdb"


def test_query_cannot_overwrite_the_warehouse_or_read_files(one_doc_warehouse: Path, tmp_path: Path) -> None:
    before = one_doc_warehouse.read_bytes()
    attacks = [
        f"COPY (SELECT 1) TO '{one_doc_warehouse}'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        f"ATTACH '{tmp_path / 'x.duckdb'}' AS x",
    ]
    for sql in attacks:
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "query", sql, "-w", str(one_doc_warehouse)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
        assert result.returncode == 1, (sql, result.stdout)
        assert result.stderr.startswith("error: ") and "root:" not in result.stdout + result.stderr
    assert one_doc_warehouse.read_bytes() == before
    assert not (tmp_path / "x.duckdb").exists()


def test_query_reads_files_only_with_the_explicit_flag(one_doc_warehouse: Path, tmp_path: Path) -> None:
    csv = tmp_path / "extra.csv"
    csv.write_text("a\n41\n", encoding="utf-8")
    sql = f"SELECT a + 1 AS b FROM read_csv('{csv}')"
    assert runner.invoke(app, ["query", sql, "-w", str(one_doc_warehouse)]).exit_code == 1
    result = runner.invoke(app, ["query", sql, "-w", str(one_doc_warehouse), "--allow-file-access"])
    assert result.exit_code == 0 and "42" in result.output


# --- unreadable folders, the user's own tables -------------------------------------------------------------


def test_an_unreadable_subfolder_is_reported_and_blocks_prune() -> None:
    """Run as an unprivileged user (root reads every folder), in a folder that user can reach."""
    base = Path(tempfile.mkdtemp(prefix="unreadable-", dir="/tmp"))
    try:
        corpus = base / "c"
        (corpus / "sub").mkdir(parents=True)
        shutil.copy(RAW / f"{DOC_002}.txt", corpus)
        shutil.copy(RAW / f"{DOC_000}.txt", corpus / "sub")
        for path in (base, corpus, corpus / "sub"):
            path.chmod(0o777)
        (corpus / "sub").chmod(0o000)
        code = f"""
import os, encodings.cp949, encodings.utf_8_sig
import pipeline.ingest, pipeline.readers.text, pipeline.layout
from pathlib import Path
from pipeline.ingest import ingest, PruneRefusedError
os.setgid(65534); os.setuid(65534)
report = ingest([Path({str(corpus)!r})], Path({str(base / 'w.duckdb')!r}), None)
print([(o.doc_id, o.status) for o in report.outcomes], report.unreadable, report.ok)
try:
    ingest([Path({str(corpus)!r})], Path({str(base / 'w.duckdb')!r}), None, prune=True)
except PruneRefusedError as error:
    print("refused:", error)
"""
        if os.geteuid() != 0:
            pytest.skip("needs root to drop to an unprivileged user")
        schema = ROOT / "pipeline" / "warehouse" / "schema.sql"
        if not all(p.stat().st_mode & stat.S_IXOTH for p in schema.parents) or not schema.stat().st_mode & stat.S_IROTH:
            pytest.skip(f"{ROOT} is not readable by an unprivileged user (a clone inside a 0700 mktemp folder)")
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        first, second = result.stdout.splitlines()
        assert first == f"[('{DOC_002}', 'loaded')] ['{corpus / 'sub'}: Permission denied'] False"
        assert second.startswith("refused: --prune refused: these folders could not be read")
    finally:
        (base / "c" / "sub").chmod(0o755)
        shutil.rmtree(base)


def test_the_users_own_tables_and_views_with_doc_id_are_untouched(tmp_path: Path) -> None:
    corpus, warehouse = two_files(tmp_path), tmp_path / "w.duckdb"
    ingest([corpus], warehouse, None)
    con = duckdb.connect(str(warehouse))
    con.execute(f"CREATE TABLE my_notes AS SELECT '{DOC_000}' AS doc_id, 'check line 71' AS note")
    con.execute("CREATE VIEW my_view AS SELECT doc_id, count(*) AS n FROM cells GROUP BY doc_id")
    con.close()
    report = ingest([corpus], warehouse, None, force=True)
    assert [o.status for o in report.outcomes] == ["loaded", "loaded"]
    with Warehouse(warehouse, read_only=True) as store:
        assert store.query("SELECT * FROM my_notes")[1] == [(DOC_000, "check line 71")]
        assert dict(store.query("SELECT * FROM my_view")[1])[DOC_000] == CELLS_000
