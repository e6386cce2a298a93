"""Shared fixtures: the bundled corpus and a real warehouse ingested from it once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import ingest, scan_paths
from pipeline.parse import laid_out_document
from pipeline.schemas.document import Document
from pipeline.warehouse import Warehouse

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
REALDOCS = ROOT.parent / "shared" / "realdocs"
"""Real documents read in place (not redistributed); tests that need them skip when the folder is absent."""
needs_realdocs = pytest.mark.skipif(
    not REALDOCS.is_dir(), reason=f"{REALDOCS} is absent: the real documents are not part of the repository"
)
"""Marks a test that reads a real document directly (the session fixtures skip by themselves)."""
REALDOCS_FILES = (
    "busan2025_planning_coordination_office.pdf",
    "busan2025_citizen_health_bureau.pdf",
    "busan2025_health_environment_research_institute.pdf",
    "busan2025_culture_sports_bureau.pdf",
    "nikl2022_work_plan.pdf",
    "busan2025_planning_director.pdf",
    "busan2025_social_welfare_bureau.pdf",
    "moel2025_work_report.pdf",
)
"""The real documents the tests read: ingested once per session, in one warehouse. Add a file here
rather than ingesting it again in a test module."""
FIXTURES = ROOT / "tests" / "fixtures"

DOC_000 = "000_6b0094b7c08c0da0"
DOC_001 = "001_c617418e5a5c9fdf"
DOC_002 = "002_539d6d1fdbe54fb1"
DOC_004 = "004_12c27e1267d59373"


@pytest.fixture(scope="session")
def corpus_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file holding the whole bundled corpus, ingested once."""
    base = tmp_path_factory.mktemp("corpus")
    path = base / "reports.duckdb"
    ingest([RAW], path, base / "parsed")
    return path


@pytest.fixture(scope="session")
def store(corpus_warehouse: Path):
    with Warehouse(corpus_warehouse, read_only=True) as warehouse:
        yield warehouse


@pytest.fixture(scope="session")
def documents() -> dict[str, Document]:
    """Every text document of the corpus, read and laid out."""
    return {p.stem: laid_out_document(p) for p in sorted(RAW.glob("*.txt"))}


def find_cell(
    store: Warehouse,
    doc_id: str,
    *,
    line: int | None = None,
    page: int | None = None,
    row: str | None = None,
    col: str | None = None,
    raw: str | None = None,
) -> dict:
    """The one non-header cell of a document that matches every criterion given, as a dict: a line or
    page, a row label and a column label (spaces ignored, as letter-spacing varies), the printed text."""
    where, params = ["doc_id = ?", "NOT is_header"], [doc_id]
    for sql, value in (
        ("line = ?", line),
        ("page = ?", page),
        ("replace(row_label, ' ', '') = ?", row and "".join(row.split())),
        ("replace(col_label, ' ', '') = ?", col and "".join(col.split())),
        ("raw_text = ?", raw),
    ):
        if value is not None:
            where.append(sql)
            params.append(value)
    names, rows = store.query(f"SELECT * FROM cells WHERE {' AND '.join(where)}", params)
    wanted = {"line": line, "page": page, "row": row, "col": col, "raw": raw}
    assert len(rows) == 1, f"expected one cell of {doc_id} with {wanted}, found {len(rows)}"
    return dict(zip(names, rows[0], strict=True))


def cell_at(store: Warehouse, doc_id: str, line: int, raw_text: str) -> dict:
    """The one cell of a document printed on `line` with this text, as a dict."""
    return find_cell(store, doc_id, line=line, raw=raw_text)


@pytest.fixture(scope="session")
def realdocs_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warehouse holding `REALDOCS_FILES`, ingested once per session (the real PDFs are slow)."""
    if not REALDOCS.is_dir():
        pytest.skip(f"{REALDOCS} is absent: the real documents are not part of the repository")
    path = tmp_path_factory.mktemp("realdocs") / "real.duckdb"
    report = ingest([REALDOCS / name for name in REALDOCS_FILES], path, None, jobs=2)
    failed = {o.doc_id: o.error for o in report.outcomes if o.status != "loaded"}
    assert not failed, failed
    return path


@pytest.fixture(scope="session")
def realdocs_store(realdocs_warehouse: Path):
    with Warehouse(realdocs_warehouse, read_only=True) as warehouse:
        yield warehouse


REALDOCS_MUST_FAIL = {"fsc2025_household_loans.pdf": "needs OCR"}
"""Real documents that must fail, with the reason their README gives (a text layer without Hangul)."""


def realdocs_rest() -> list[Path]:
    """Every report of the real-documents folder that `REALDOCS_FILES` leaves out."""
    return [path for path in scan_paths([REALDOCS]).files if path.name not in REALDOCS_FILES]


@pytest.fixture(scope="session")
def realdocs_rest_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rest of the real-documents folder, ingested once per session: with `realdocs_warehouse`, every
    document of the folder once, for the tests that scan them all."""
    if not REALDOCS.is_dir():
        pytest.skip(f"{REALDOCS} is absent: the real documents are not part of the repository")
    path = tmp_path_factory.mktemp("realdocs_rest") / "rest.duckdb"
    report = ingest(realdocs_rest(), path, None, jobs=2)
    failed = {o.path.name: o.error or "" for o in report.outcomes if o.status != "loaded"}
    assert failed.keys() == REALDOCS_MUST_FAIL.keys(), failed
    assert all(REALDOCS_MUST_FAIL[name] in error for name, error in failed.items()), failed
    return path


@pytest.fixture(scope="session")
def realdocs_all_stores(realdocs_store: Warehouse, realdocs_rest_warehouse: Path):
    """Both real-document warehouses: every document of the folder, each once."""
    with Warehouse(realdocs_rest_warehouse, read_only=True) as rest:
        yield [realdocs_store, rest]
