"""Layout stage: from lines (and words) to tables, sections and their context, whatever the input format."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.layout.context import attach_context
from pipeline.layout.html import HtmlLimits
from pipeline.layout.projects import project_headings
from pipeline.layout.sections import build_sections
from pipeline.layout.sidebyside import split_side_by_side
from pipeline.layout.spaced import SpacedSettings, find_spaced_tables
from pipeline.layout.standalone_html import find_html_tables
from pipeline.layout.tabs import TabSettings, find_tab_tables
from pipeline.schemas.document import Document, Table


@dataclass(frozen=True)
class LayoutSettings:
    """Every tolerance of the layout stage, one object passed from `parse_path` and `ingest` down."""

    tab: TabSettings = field(default_factory=TabSettings)
    spaced: SpacedSettings = field(default_factory=SpacedSettings)
    html: HtmlLimits = field(default_factory=HtmlLimits)
    """Nesting depth, spans and grid size an HTML table may have (past them its document fails, named)."""
    max_lines_around_page_break: int = 3
    """Lines (page numbers, running heads) allowed between a table and its continuation on the next page."""

    def __post_init__(self) -> None:
        if self.max_lines_around_page_break < 0:
            raise ValueError(f"invalid LayoutSettings: {self}")


def find_text_tables(document: Document, settings: LayoutSettings | None = None) -> list[Table]:
    """Tab-separated, HTML and space-aligned tables of a text export, numbered in reading order."""
    settings = settings or LayoutSettings()
    tables = _prefixed("tab", find_tab_tables(document.lines, settings.tab, settings.html))
    taken = {n for t in tables for n in range(t.first_line, t.last_line + 1)}
    tables += _prefixed("html", find_html_tables(document.lines, taken, settings.html))
    taken = {n for t in tables for n in range(t.first_line, t.last_line + 1)}
    tables += _prefixed("spaced", find_spaced_tables(document.lines, taken, settings.spaced))
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


def _on_pages(document: Document, table: Table) -> Table:
    """Page numbers for a table found from a paged document's lines."""
    page_of = {line.number: line.page for line in document.lines}
    cells = [c.model_copy(update={"page": page_of.get(c.line)}) for c in table.cells]
    return table.model_copy(update={"page": page_of.get(table.first_line), "cells": cells})


def merge_continued_tables(
    tables: list[Table], document: Document, max_lines_between: int = 3
) -> list[Table]:
    """Join a table that goes on over a page break: the first table of a page that repeats the header
    row of the last table on the page before continues it."""
    merged: list[Table] = []
    for table in tables:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and table.parent_table_id is None
            and previous.page is not None
            and table.page == previous.page + 1
            and _header_texts(previous) == _header_texts(table)
            and _nothing_between(document, previous, table, max_lines_between)
        ):
            offset = previous.n_rows - table.header_rows
            rows = [c.model_copy(update={"row": c.row + offset}) for c in table.cells if not c.is_header]
            merged[-1] = previous.model_copy(
                update={
                    "cells": previous.cells + rows,
                    "n_rows": previous.n_rows + table.n_rows - table.header_rows,
                    "last_line": table.last_line,
                }
            )
            continue
        merged.append(table)
    return merged


def _header_texts(table: Table) -> list[tuple[int, str]]:
    return sorted((c.col, "".join(c.text.split())) for c in table.cells if c.is_header)


def _nothing_between(document: Document, first: Table, second: Table, max_lines: int) -> bool:
    between = [line for line in document.lines[first.last_line : second.first_line - 1] if line.text.strip()]
    return len(between) <= max_lines


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


def build_layout(document: Document, settings: LayoutSettings | None = None) -> Document:
    """Tables (found from the lines of text, added to a paged reader's own), the section tree and each
    table's caption, unit and section: the same steps for every input format."""
    settings = settings or LayoutSettings()
    if document.format == "text":
        document.tables = find_text_tables(document, settings)
    elif document.format in ("hwp", "hwpx"):
        document.tables = renumber(document.tables)  # the file's own grid: nothing to find or join
    else:
        taken = {n for t in document.tables for n in range(t.first_line, t.last_line + 1)}
        spaced = [_on_pages(document, t) for t in find_spaced_tables(document.lines, taken, settings.spaced)]
        found = _prefixed("reader", document.tables) + _prefixed("spaced", spaced)
        merged = merge_continued_tables(renumber(found), document, settings.max_lines_around_page_break)
        document.tables = renumber(merged)
    document.tables = [part for table in document.tables for part in split_side_by_side(table)]
    table_lines = {n for t in document.tables for n in range(t.first_line, t.last_line + 1)}
    projects = project_headings(document.lines, document.tables, table_lines)
    document.sections = build_sections(document.lines, table_lines, projects)
    attach_context(document)
    return document
