"""Layout stage: from lines (and words) to tables, sections and their context, whatever the input format."""

from __future__ import annotations

from schemas.document import Document, Table


def find_text_tables(document: Document) -> list[Table]:
    """Tab-separated, HTML and space-aligned tables of a text export, numbered in reading order."""
    from pipeline.layout.aligned import find_aligned_tables
    from pipeline.layout.spaced import find_spaced_tables
    from pipeline.layout.standalone_html import find_html_tables
    from pipeline.layout.tabs import find_tab_tables

    tables = _prefixed("tab", find_tab_tables(document.lines))
    taken = {n for t in tables for n in range(t.first_line, t.last_line + 1)}
    tables += _prefixed("html", find_html_tables(document.lines, taken))
    taken = {n for t in tables for n in range(t.first_line, t.last_line + 1)}
    tables += _prefixed("aligned", find_aligned_tables(document.lines, taken))
    taken = {n for t in tables for n in range(t.first_line, t.last_line + 1)}
    tables += _prefixed("spaced", find_spaced_tables(document.lines, taken))
    return renumber(tables)


def _prefixed(finder: str, tables: list[Table]) -> list[Table]:
    """Make ids unique across finders before renumbering."""
    return [
        t.model_copy(
            update={
                "table_id": f"{finder}:{t.table_id}",
                "parent_table_id": f"{finder}:{t.parent_table_id}" if t.parent_table_id else None,
            }
        )
        for t in tables
    ]


def renumber(tables: list[Table]) -> list[Table]:
    """Table ids t001, t002, ... in order of first line, parents before the tables nested in them."""
    ordered = sorted(tables, key=lambda t: (t.first_line, t.parent_table_id is not None))
    mapping = {t.table_id: f"t{i:03d}" for i, t in enumerate(ordered, start=1)}
    return [
        t.model_copy(
            update={
                "table_id": mapping[t.table_id],
                "parent_table_id": mapping.get(t.parent_table_id) if t.parent_table_id else None,
            }
        )
        for t in ordered
    ]


def build_layout(document: Document) -> Document:
    """Tables (for text), the section tree and each table's caption, unit and section."""
    from pipeline.layout.context import attach_context
    from pipeline.layout.projects import project_headings
    from pipeline.layout.sections import build_sections
    from pipeline.layout.sidebyside import split_side_by_side

    if document.format == "text":
        document.tables = find_text_tables(document)
    else:
        from pipeline.layout.spaced import find_spaced_tables

        taken = {n for t in document.tables for n in range(t.first_line, t.last_line + 1)}
        found = _prefixed("reader", document.tables) + _prefixed(
            "spaced", find_spaced_tables(document.lines, taken)
        )
        document.tables = renumber(found)
    document.tables = [part for table in document.tables for part in split_side_by_side(table)]
    table_lines = {n for t in document.tables for n in range(t.first_line, t.last_line + 1)}
    projects = project_headings(document.lines, document.tables, table_lines)
    document.sections = build_sections(document.lines, table_lines, projects)
    attach_context(document)
    return document
