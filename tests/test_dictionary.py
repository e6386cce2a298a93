"""The warehouse documents itself: every table, view and column has a comment, DuckDB shows it, and
docs/data-dictionary.md is generated from those comments (regenerated here, so it cannot drift)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.warehouse.dictionary import data_dictionary
from tests.conftest import ROOT

DICTIONARY = ROOT / "docs" / "data-dictionary.md"


def test_every_table_view_and_column_has_a_comment(corpus_warehouse: Path) -> None:
    con = duckdb.connect(str(corpus_warehouse), read_only=True)
    bare_columns = con.execute(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() WHERE NOT internal AND comment IS NULL"
    ).fetchall()
    bare_tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND comment IS NULL "
        "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL"
    ).fetchall()
    assert bare_columns == [] and bare_tables == [], "add them to pipeline/warehouse/comments.sql"
    (flags,) = con.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'cells' AND column_name = 'flags'"
    ).fetchone()
    assert "placeholder" in flags and "pair" in flags and "decimal_comma_typo" in flags
    (kind,) = con.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'tables' AND column_name = 'kind'"
    ).fetchone()
    assert "budget, headcount, kpi, org, other" in kind


def test_allowed_values_in_the_comments_are_the_values_in_the_corpus(corpus_warehouse: Path) -> None:
    con = duckdb.connect(str(corpus_warehouse), read_only=True)
    for table, column in [("tables", "kind"), ("cells", "value_kind"), ("validation_issues", "check_name")]:
        (comment,) = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = ? AND column_name = ?", [table, column]
        ).fetchone()
        allowed = {v.strip(" .") for v in comment.split("Allowed:")[1].split(".")[0].split(",")}
        allowed = {v.split(" ")[0] for v in allowed}
        found = {r[0] for r in con.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL").fetchall()}
        assert found <= allowed, f"{table}.{column}: {found - allowed} not described"


def test_data_dictionary_is_generated_from_the_comments() -> None:
    text = data_dictionary()
    assert "| `amount_krw` | BIGINT | Money in won (원) after applying the unit" in text
    assert "## `v_analyst` (view)" in text
    current = DICTIONARY.read_text(encoding="utf-8") if DICTIONARY.exists() else ""
    if current != text:
        DICTIONARY.parent.mkdir(exist_ok=True)
        DICTIONARY.write_text(text, encoding="utf-8")
    assert current == text, "docs/data-dictionary.md was out of date and has been regenerated: commit it"
