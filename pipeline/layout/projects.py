"""Project titles a text export lost: recovered from the report's own list of projects.

Some exports drop the title printed above each project, leaving only the repeated block structure
(`□ 사업개요` ... `□ 추진실적` ... per project). When the report lists its projects in a table (a 목록 with a
사업명/주요사업 column) and the same opening heading repeats exactly once per listed project, the n-th
block belongs to the n-th listed project.
"""

from __future__ import annotations

from collections import Counter

from pipeline.layout.sections import heading_of
from pipeline.lexicon.labels import column_labels
from pipeline.schemas.document import Line, Table

PROJECT_COLUMN_WORDS = ("주요사업", "사업명", "과제명", "사업")
"""Header words of the column that names the projects in a project list."""

MIN_PROJECTS = 3


def project_titles(table: Table) -> list[str]:
    """The project names of a project-list table, in order; [] when it is not one."""
    labels = ["".join((label or "").split()) for label in column_labels(table)]
    for word in PROJECT_COLUMN_WORDS:
        if word in labels:
            col = labels.index(word)
            grid = table.grid()[table.header_rows :]
            return [row[col] for row in grid if row[col]]
    return []


def project_headings(lines: list[Line], tables: list[Table], table_lines: set[int]) -> list[tuple[int, str]]:
    """(line, project title) for each block opening, when a project list and its blocks line up one to one."""
    stripped = [(line.number, line.text.strip()) for line in lines if line.number not in table_lines]
    # the stripped text, as the section tree asks it: heading_of's cache answers the second ask
    headings = [(number, text) for number, text in stripped if (found := heading_of(text)) and found[0] == 4]
    counts = Counter(text for _, text in headings)
    for table in tables:
        titles = project_titles(table)
        if len(titles) < MIN_PROJECTS:
            continue
        openings = [text for text, n in counts.items() if n == len(titles)]
        for opening in openings:
            starts = [number for number, text in headings if text == opening]
            if starts and starts[0] > table.last_line:
                return list(zip(starts, titles, strict=True))
    return []
