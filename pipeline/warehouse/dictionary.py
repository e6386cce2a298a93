"""The data dictionary (docs/data-dictionary.md) as Markdown, generated from the warehouse's own
COMMENTs, so the document and the database cannot disagree (tests/test_dictionary.py regenerates it)."""

from __future__ import annotations

import duckdb

from pipeline.warehouse.store import SCHEMA_SQL, VIEWS_SQL

HEADER = """# Data dictionary

Generated from the `COMMENT`s of the warehouse (`pipeline/warehouse/comments.sql`) by
`tests/test_dictionary.py`; do not edit by hand. In DuckDB the same text is in
`SELECT table_name, column_name, comment FROM duckdb_columns()` and `duckdb_tables()` / `duckdb_views()`.
Tables first, then the views for researchers' questions.
"""


def fresh_catalog() -> duckdb.DuckDBPyConnection:
    """An empty in-memory warehouse with the schema, views and comments."""
    from pipeline.warehouse.store import describe

    con = duckdb.connect(":memory:")
    con.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
    describe(con)
    return con


def data_dictionary(con: duckdb.DuckDBPyConnection | None = None) -> str:
    """Every table and view with its comment, and every column with its type and comment."""
    con = con or fresh_catalog()
    objects = con.execute(
        "SELECT table_name, comment, 'table' AS kind, 0 AS rank FROM duckdb_tables() WHERE NOT internal "
        "UNION ALL SELECT view_name, comment, 'view', 1 FROM duckdb_views() WHERE NOT internal "
        "AND schema_name = 'main' ORDER BY rank, 1"
    ).fetchall()
    order = {name: i for i, name in enumerate(_definition_order())}
    objects.sort(key=lambda o: (o[3], order.get(o[0], len(order)), o[0]))
    out = [HEADER]
    for name, comment, kind, _ in objects:
        out.append(f"## `{name}` ({kind})\n\n{comment or ''}\n")
        out.append("| column | type | meaning |\n|---|---|---|")
        for column, data_type, text in con.execute(
            "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = ? "
            "ORDER BY column_index",
            [name],
        ).fetchall():
            meaning = (text or "").replace("|", "\\|")
            out.append(f"| `{column}` | {data_type} | {meaning} |")
        out.append("")
    return "\n".join(out)


def _definition_order() -> list[str]:
    """Tables and views in the order the SQL files define them (documents first)."""
    import re

    text = SCHEMA_SQL.read_text(encoding="utf-8") + VIEWS_SQL.read_text(encoding="utf-8")
    return re.findall(r"CREATE (?:TABLE IF NOT EXISTS|OR REPLACE VIEW) (\w+)", text)


