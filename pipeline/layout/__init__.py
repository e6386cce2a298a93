"""Layout stage: from lines (and words) to tables, sections and their context, whatever the input format."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.layout.boxheads import heads_from_boxes
from pipeline.layout.context import UNIT_ANNOTATION, attach_context
from pipeline.layout.forms import read_forms
from pipeline.layout.html import HtmlLimits
from pipeline.layout.projects import project_headings
from pipeline.layout.sections import build_sections, heading_of
from pipeline.layout.sidebyside import split_side_by_side
from pipeline.layout.spaced import SpacedSettings, find_spaced_tables
from pipeline.layout.standalone_html import find_html_tables
from pipeline.layout.tabs import TabSettings, find_tab_tables
from pipeline.lexicon.patterns import PAGE_NUMBER
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
    tab = find_tab_tables(document.lines, settings.tab, settings.html)
    taken = {n for t in tab for n in range(t.first_line, t.last_line + 1)}
    html = find_html_tables(document.lines, taken, settings.html)
    taken |= {n for t in html for n in range(t.first_line, t.last_line + 1)}
    spaced = find_spaced_tables(document.lines, taken, settings.spaced)
    return renumber_found({"tab": tab, "html": html, "spaced": spaced})


def _on_pages(document: Document, table: Table) -> Table:
    """Page numbers for a table found from a paged document's lines."""
    page_of = {line.number: line.page for line in document.lines}
    cells = [c.model_copy(update={"page": page_of.get(c.line)}) for c in table.cells]
    return table.model_copy(update={"page": page_of.get(table.first_line), "cells": cells})


def merge_continued_tables(
    tables: list[Table], document: Document, max_lines_between: int = 3
) -> list[Table]:
    """Join a table that goes on over a page break: the first table of the next page continues the last
    table of a page when it repeats its header row (running heads and page numbers may sit between), or,
    with no header of its own, when its column lines are the same and only page numbers sit between
    (`16 | 문화체육관광부 | …` going on from `15` on the page before)."""
    merged: list[Table] = []
    for table in tables:
        previous = merged[-1] if merged else None
        follows = (
            previous is not None
            and table.parent_table_id is None
            and previous.page is not None
            and table.page == _last_page(previous) + 1
        )
        if previous is None or not follows:
            merged.append(table)
        elif (
            _header_texts(previous) == _header_texts(table)
            and _nothing_between(document, previous, table, max_lines_between)
            and not _caption_between(document, previous, table)
        ):
            merged[-1] = _joined(previous, table, table.header_rows)
        elif _same_columns(previous, table) and _only_page_numbers_between(document, previous, table):
            merged[-1] = _joined(previous, table, 0)
        else:
            merged.append(table)
    return merged


def _last_page(table: Table) -> int:
    """The page a table ends on (a table joined over pages keeps the page it starts on)."""
    return max([table.page or 0, *(c.page or 0 for c in table.cells)])


def _joined(first: Table, second: Table, skip_rows: int) -> Table:
    """`second`'s rows after its first `skip_rows` (a repeated header) appended to `first` as body rows."""
    offset = first.n_rows - skip_rows
    rows = [
        c.model_copy(update={"row": c.row + offset, "is_header": False})
        for c in second.cells
        if c.row >= skip_rows
    ]
    return first.model_copy(
        update={
            "cells": first.cells + rows,
            "n_rows": first.n_rows + second.n_rows - skip_rows,
            "last_line": second.last_line,
        }
    )


COLUMN_TOLERANCE = 2.0
"""Points within which two tables' column lines are the same line (a table going on over a page)."""


def _column_lines(table: Table) -> list[float] | None:
    """Where a table's column lines run, from its cell boxes; None when a column has no cell box."""
    xs: dict[int, float] = {}
    for cell in table.cells:
        if cell.bbox is None:
            continue
        xs.setdefault(cell.col, cell.bbox[0])
        xs.setdefault(cell.col + cell.col_span, cell.bbox[2])
    if len(xs) != table.n_cols + 1:
        return None
    return [xs[k] for k in sorted(xs)]


def _same_columns(first: Table, second: Table) -> bool:
    a, b = _column_lines(first), _column_lines(second)
    return (
        a is not None
        and b is not None
        and len(a) == len(b)
        and all(abs(x - y) <= COLUMN_TOLERANCE for x, y in zip(a, b, strict=True))
    )


def _header_texts(table: Table) -> list[tuple[int, str]]:
    return sorted((c.col, "".join(c.text.split())) for c in table.cells if c.is_header)


def _between(document: Document, first: Table, second: Table) -> list[str]:
    lines = document.lines[first.last_line : second.first_line - 1]
    return [line.text for line in lines if line.text.strip()]


def _nothing_between(document: Document, first: Table, second: Table, max_lines: int) -> bool:
    return len(_between(document, first, second)) <= max_lines


def _caption_between(document: Document, first: Table, second: Table) -> bool:
    """A heading (`□ 국가별 동향`) or a unit line between two tables: the second is a table of its own,
    even when it prints the same header."""
    return any(
        not PAGE_NUMBER.match(text.strip()) and (heading_of(text) is not None or UNIT_ANNOTATION.search(text))
        for text in _between(document, first, second)
    )


def _only_page_numbers_between(document: Document, first: Table, second: Table) -> bool:
    """No caption, heading or running head between two tables: every line is a page number (`- 46 -`)."""
    return all(PAGE_NUMBER.match(text.strip()) for text in _between(document, first, second))


def renumber(tables: list[Table]) -> list[Table]:
    """Table ids t001, t002, ... in order of first line, parents before the tables nested in them."""
    return renumber_found({"": tables})


def renumber_found(found: dict[str, list[Table]]) -> list[Table]:
    """The tables of several finders renumbered together (`renumber`): each finder numbers its own, so a
    table and its parent are named by finder and id (the tab finder's `t001` is not the HTML one's). One
    copy of each table."""
    keyed = [(finder, t) for finder, tables in found.items() for t in tables]
    ordered = sorted(keyed, key=lambda item: (item[1].first_line, item[1].parent_table_id is not None))
    mapping = {(finder, t.table_id): f"t{i:03d}" for i, (finder, t) in enumerate(ordered, start=1)}
    return [
        t.model_copy(
            update={
                "table_id": mapping[finder, t.table_id],
                "parent_table_id": mapping.get((finder, t.parent_table_id)) if t.parent_table_id else None,
            }
        )
        for finder, t in ordered
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
        taken = document.table_lines()
        spaced = [_on_pages(document, t) for t in find_spaced_tables(document.lines, taken, settings.spaced)]
        found = renumber_found({"reader": document.tables, "spaced": spaced})
        merged = merge_continued_tables(found, document, settings.max_lines_around_page_break)
        document.tables = renumber(merged)
        heads_from_boxes(document)
    document.tables = [part for table in document.tables for part in split_side_by_side(table)]
    table_lines = document.table_lines()
    projects = project_headings(document.lines, document.tables, table_lines)
    document.sections = build_sections(document.lines, table_lines, projects)
    attach_context(document)
    read_forms(document)
    return document
