"""HTML `<table>` fragments written on their own lines of a text export (not inside a tab cell)."""

from __future__ import annotations

import re

from pipeline.layout.html import HtmlLimitError, HtmlLimits, read_fragment
from pipeline.layout.tabs import html_table
from pipeline.schemas.document import Line, Table

OPEN = re.compile(r"<\s*table\b", re.IGNORECASE)
CLOSE = re.compile(r"<\s*/\s*table\s*>", re.IGNORECASE)


def find_html_tables(lines: list[Line], skip: set[int], limits: HtmlLimits | None = None) -> list[Table]:
    """Tables from `<table>...</table>` spans outside the lines in `skip`, possibly over several lines."""
    tables: list[Table] = []
    end = -1
    for i in [k for k, line in enumerate(lines) if "<" in line.text]:  # what can open a table: few lines
        line = lines[i]
        if i <= end or line.number in skip or not OPEN.search(line.text):
            continue
        end = i
        depth = len(OPEN.findall(line.text)) - len(CLOSE.findall(line.text))
        while depth > 0 and end + 1 < len(lines) and lines[end + 1].number not in skip:
            end += 1
            depth += len(OPEN.findall(lines[end].text)) - len(CLOSE.findall(lines[end].text))
        fragment = "\n".join(line_.text for line_ in lines[i : end + 1])
        try:
            _, found = read_fragment(fragment, limits)
        except HtmlLimitError as error:
            raise HtmlLimitError(f"lines {line.number}-{lines[end].number}: {error}") from None
        outer_id = None
        for k, table in enumerate(found):
            table_id = f"h{len(tables) + 1:03d}"
            built = html_table(table, line.number, table_id, outer_id if k else None)
            tables.append(built.model_copy(update={"last_line": lines[end].number}))
            outer_id = outer_id or table_id
    return tables
