"""What a report prints around a table: its caption (nearest heading above) and unit annotation."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Container

from pipeline.layout.sections import clean_title, heading_of
from pipeline.layout.spaced import SECONDARY_CAPTION
from pipeline.lexicon.patterns import PAGE_NUMBER, numbered_table_title
from pipeline.normalize.names import normalize_name
from pipeline.normalize.units import CLOSING_BRACKET, listed_units
from pipeline.schemas.document import Document, Line, Table

UNIT_ANNOTATION = re.compile(r"단\s*위\s*[:：]|기\s*준\s*[):：]|기준일|[(（\[][^()]*기\s*준[^()]*[)）\]]")
"""`(단위 : 천원)`, `(2023.9.30. 기준)`, `(기준일 : '20. 10월말)`, `[( ) : 市출자금, 단위 : 억원]`."""

LOOKBACK_LINES = 3
"""Non-empty lines above a table searched for its unit annotation."""

MAX_ANNOTATION_CHARS = 80


def unit_annotation(document: Document, table: Table, table_lines: Container[int]) -> str | None:
    """The unit/as-of annotation printed just above the table, or in its caption line."""
    return _annotation_above(document, table, table_lines)[0]


def _annotation_above(
    document: Document, table: Table, table_lines: Container[int]
) -> tuple[str | None, tuple[str, int] | None]:
    """The annotation above a table, and its unit part with the level of the heading printed between it
    and the table when there is one (`참고 1 … (단위: 억달러, %)` over `1. 분기별 동향`: the unit of a
    block of sections)."""
    seen = 0
    number = table.first_line - 1
    found: list[str] = []
    crossed: int | None = None
    block: tuple[str, int] | None = None
    while number >= 1 and seen < LOOKBACK_LINES:
        line = document.line(number)
        number -= 1
        text = line.text.strip()
        if not text:
            continue
        if line.number in table_lines:
            break
        seen += 1
        match = UNIT_ANNOTATION.search(text)
        heading = heading_of(text)
        if not match and heading is not None and not PAGE_NUMBER.match(text):
            crossed = heading[0] if crossed is None else min(crossed, heading[0])
        if match and len(text) <= MAX_ANNOTATION_CHARS:
            part = _annotation_part(text, match.start())
            found.append(part)
            if "단위" in text.replace(" ", ""):
                if crossed is not None:
                    block = (part, crossed)
                break
        elif (listed := _unit_list(text)) is not None:
            found.append(listed)
            break
    return " ".join(reversed(found)) or None, block


def _unit_list(text: str) -> str | None:
    """The bracket of units a line ends with and no `단위` word opens, when it is the whole line
    (`(조원, %)`) or lists two or more (`분기별 추이(억 달러, 전년동기 대비, %) >`): a lone `(명)` after
    a title is too often a header's."""
    match = CLOSING_BRACKET.search(text)
    units = listed_units(text)
    if match is None or not units or len(text) > MAX_ANNOTATION_CHARS:
        return None
    whole = not text[: match.start()].strip(" <〈")
    return match.group(0).rstrip(" >〉") if whole or len(units) >= 2 else None


def _has_unit(annotation: str | None) -> bool:
    return "단위" in "".join((annotation or "").split())


def _higher_heading_between(document: Document, first: int, last: int, level: int) -> bool:
    """A heading above `level` (`Ⅱ.` over `1.`) on the lines from `first` to `last`: a block ends there."""
    for number in range(max(first, 1), min(last, len(document.lines)) + 1):
        text = document.line(number).text.strip()
        heading = heading_of(text) if text and not PAGE_NUMBER.match(text) else None
        if heading is not None and heading[0] < level:
            return True
    return False


UNIT_LIST = re.compile(r"^[(（]\s*[^()（）,]{1,4}(?:\s*,\s*[^()（）,]{1,4})*\s*[)）]$")
"""A line listing only units in brackets (`(개, %)`, `(조원, %)`): an annotation without `단위`, no title."""

MAX_CAPTION_CHARS = 60
"""A plain line just above a table is its title when at most this long (`주요사업 목록`)."""

COLUMN_GAP = 24.0
"""Words of a line ending this far (points) left of a table, or starting this far right of it, are text of
another column of the page (a two-column layout), never the table's caption."""


def _text_beside(line: Line, table: Table, extent: tuple[float, float, float, float] | None) -> str:
    """The line's text over the table's width on a paged document: a line of a two-column page holds the
    other column's prose beside the table's caption."""
    if extent is None or not line.words or line.page != table.page:
        return line.text.strip()
    kept = [w.text for w in line.words if w.x1 > extent[0] - COLUMN_GAP and w.x0 < extent[2] + COLUMN_GAP]
    return " ".join(kept) if len(kept) < len(line.words) else line.text.strip()


MAX_CHART_LINES = 40
"""Lines of a chart (axis ticks, data labels, legend, chart titles) passed over between a table's numbered
title and the table drawn under the chart."""
CHART_NUMBERS = re.compile(r"^[-–]?[\d\s,.%-]+$")
"""A line of bare numbers: a chart's axis ticks or data labels (`800 65`, `56.5`, `2017 2018 2019`)."""
PROSE_ENDING = re.compile(r"(?:다|함|음|임|됨|요|\.)$")


def chart_lines(tables: list[Table]) -> set[int]:
    """Lines of the "tables" that are a chart's gridlines read as a grid: every cell a bare number (axis
    ticks, data labels) or a dash, no word anywhere."""
    found: set[int] = set()
    for table in tables:
        texts = [c.text.strip() for c in table.cells if c.text.strip()]
        if texts and all(CHART_NUMBERS.match(t) or t in "-–" for t in texts):
            found.update(range(table.first_line, table.last_line + 1))
    return found


def title_over_chart(
    document: Document, table: Table, table_lines: Container[int], charts: Container[int] = ()
) -> int | None:
    """The line of the numbered title (`<표 1> 최근 5년간 성과관리 대상 사업 규모 추이`) a table is printed
    under when a chart drawn from it sits between the two: on the table's page, every line between is
    short and no heading, no prose and no other table's, and some are lines of bare numbers (the chart's
    ticks and labels). A person reads the title, and its unit line, as the table's."""
    number = table.first_line - 1
    numbers = 0
    while number >= 1 and table.first_line - number <= MAX_CHART_LINES:
        line = document.line(number)
        text = line.text.strip()
        number -= 1
        if line.page != table.page or (line.number in table_lines and line.number not in charts):
            return None
        if not text:
            continue
        if numbered_table_title(text):
            return line.number if numbers else None
        if CHART_NUMBERS.match(text) or line.number in charts:
            numbers += 1
            continue
        if (
            len(text) > MAX_CAPTION_CHARS
            or PROSE_ENDING.search(text)
            or (heading_of(text) is not None and not PAGE_NUMBER.match(text))
        ):
            return None
    return None


TITLE_UNIT_LINES = 2
"""Lines under a numbered title searched for its unit (the charts' own titles may come between)."""


def _annotation_of_title(document: Document, title: int) -> str | None:
    """The unit annotation printed in a title line or on a line right under it (`(조원, %)`; `(단위:
    조원,%) (단위: %)` under the titles of two charts)."""
    for number in range(title, title + TITLE_UNIT_LINES + 1):
        text = document.line(number).text.strip() if number <= len(document.lines) else ""
        match = UNIT_ANNOTATION.search(text)
        if match and len(text) <= MAX_ANNOTATION_CHARS:
            return _annotation_part(text, match.start())
        if (listed := _unit_list(text)) is not None:
            return listed
    return None


def caption(
    document: Document, table: Table, table_lines: Container[int], headings: SectionIndex | None = None
) -> str | None:
    """The short title line right above the table, else the title of the nearest heading above it."""
    number = table.first_line - 1
    extent = _extent(table)
    while number >= 1:
        line = document.line(number)
        text = _text_beside(line, table, extent)
        number -= 1
        if not any(c.isalnum() for c in text) or PAGE_NUMBER.match(text) or UNIT_LIST.match(text):
            continue  # a bullet glyph alone (PDFs), an empty line, the page number, a unit list
        if UNIT_ANNOTATION.search(text) and len(text) <= MAX_ANNOTATION_CHARS:
            title = _without_annotation(text)
            if sum(1 for c in title if "가" <= c <= "힣") < 2:
                continue
            text = title
        if line.number not in table_lines and len(text) <= MAX_CAPTION_CHARS and heading_of(text) is None:
            return normalize_name(clean_title(text))
        break
    return (headings or SectionIndex(document)).title_above(table.first_line)


class SectionIndex:
    """The sections of a document by first line, to find the nearest one above a line in log time."""

    def __init__(self, document: Document) -> None:
        first: dict[int, str] = {}
        for section in document.sections:
            first.setdefault(section.first_line, section.title)
        self.starts = sorted(first)
        self.titles = [first[n] for n in self.starts]

    def title_above(self, line: int) -> str | None:
        """The title of the section starting last before `line` (the first such section on ties)."""
        k = bisect_left(self.starts, line)
        return self.titles[k - 1] if k else None


def section_at(document: Document, line: int) -> str | None:
    """The innermost section containing a line."""
    return document.line(line).section_id if 1 <= line <= len(document.lines) else None


BRACKET_LEGEND = re.compile(r"\(\s*\)\s*[:：]\s*(?P<name>[^,\]\)]+)")
"""`[( ) : 市출자금, 단위 : 억원]`: what the bracketed numbers of a table are."""


def bracket_legend(unit_text: str | None) -> str | None:
    match = BRACKET_LEGEND.search(unit_text or "")
    return match.group("name").strip() if match else None


def attach_context(document: Document) -> None:
    """Set caption, unit annotation and section on every table, nested tables inheriting from their parent."""
    by_id = {t.table_id: t for t in document.tables}
    others = OtherTablesLines(document.tables)
    headings = SectionIndex(document)
    previous: Table | None = None
    charts = chart_lines(document.tables)
    block: tuple[str, int] | None = None
    """The unit of the block of sections the current table is in, and the level of its first heading."""
    for table in document.tables:
        table_lines = others.of(table)
        parent = by_id.get(table.parent_table_id or "")
        if parent is not None:
            if table.caption == SECONDARY_CAPTION:
                legend = bracket_legend(parent.unit_text) or "괄호 값"
                table.caption = f"{parent.caption or ''} ({legend})".strip()
            else:
                table.caption = parent.caption
            table.unit_text = parent.unit_text
            table.section_id = parent.section_id
            continue
        table.caption = caption(document, table, table_lines, headings)
        table.unit_text, opened = _annotation_above(document, table, table_lines)
        chart = table.first_line in charts
        titled = None if chart else title_over_chart(document, table, table_lines, charts)
        if titled is not None:
            title = _without_annotation(document.line(titled).text.strip()) or document.line(titled).text
            table.caption = normalize_name(clean_title(title))
            table.unit_text = _annotation_of_title(document, titled) or table.unit_text
        if opened is not None:
            block = opened
        elif (
            block is not None
            and previous is not None
            and _higher_heading_between(document, previous.last_line + 1, table.first_line - 1, block[1])
        ):
            block = None
        stacked = previous is not None and previous.last_line == table.first_line - 1
        if previous is not None and stacked:
            # nothing printed between: the table goes on under the one above (`치과의원 | 한의원 …` ruled
            # under `계 | 종합병원 | …` of `□ 의료기관 등 현황`), with its title (and its unit, unless it
            # prints one)
            table.caption = previous.caption
        if previous is not None and stacked and table.unit_text is None:
            table.unit_text = previous.unit_text
        elif block is not None and not _has_unit(table.unit_text):
            # the unit printed once over the block's first heading (`참고 1 세부통계 (단위: 억달러, %)`) is
            # that of every table under it that prints none
            table.unit_text = f"{block[0]} {table.unit_text or ''}".strip()
        previous = table
        table.section_id = section_at(document, table.first_line)


class OtherTablesLines:
    """Lines of a document's tables, seen from one table: without those of the tables enclosing it (a
    table drawn inside a cell of another has its caption and unit on lines of the enclosing table) and of
    the tables beside it (in the other column of a two-column page, their rows share its caption's lines).

    Built once per document so that the work grows with the number of tables, not with tables × lines:
    a line belongs to some other table when more tables cover it than tables enclosing this one do.
    """

    def __init__(self, tables: list[Table]) -> None:
        self.covers: Counter[int] = Counter(n for t in tables for n in range(t.first_line, t.last_line + 1))
        self.extents = {id(t): _extent(t) for t in tables}
        self.by_page: dict[int | None, list[Table]] = defaultdict(list)
        for table in sorted(tables, key=lambda t: t.first_line):
            self.by_page[table.page].append(table)
        self.starts = {page: [t.first_line for t in group] for page, group in self.by_page.items()}
        self.reach: dict[int | None, list[int]] = {}
        for page, group in self.by_page.items():
            reach, furthest = [], 0
            for table in group:
                furthest = max(furthest, table.last_line)
                reach.append(furthest)
            self.reach[page] = reach

    def of(self, table: Table) -> _LinesOutside:
        return _LinesOutside(
            self.covers,
            [t for t in self._overlapping(table) if self._encloses(t, table) or self._beside(t, table)],
        )

    def _overlapping(self, table: Table) -> list[Table]:
        """Tables that can enclose this one: by boxes, any other table of its page; by lines, the tables
        of its page whose lines overlap its own (found from the sorted starts, not by trying them all)."""
        group = self.by_page[table.page]
        if self.extents[id(table)] is not None:
            return [t for t in group if t is not table]
        reach = self.reach[table.page]
        found: list[Table] = []
        for j in range(bisect_right(self.starts[table.page], table.last_line) - 1, -1, -1):
            if reach[j] < table.first_line:
                break
            if group[j] is not table:
                found.append(group[j])
        return found

    def _encloses(self, outer: Table, inner: Table) -> bool:
        return _encloses(outer, inner, self.extents[id(outer)], self.extents[id(inner)])

    def _beside(self, other: Table, table: Table) -> bool:
        """Two tables of one page with no horizontal overlap: columns of a two-column layout."""
        a, b = self.extents[id(other)], self.extents[id(table)]
        return a is not None and b is not None and (a[2] < b[0] or b[2] < a[0])


class _LinesOutside:
    """`n in lines`: line n belongs to a table other than the ones enclosing the table looked from."""

    def __init__(self, covers: Counter[int], enclosing: list[Table]) -> None:
        self.covers, self.enclosing = covers, enclosing

    def __contains__(self, number: object) -> bool:
        if not isinstance(number, int):
            return False
        inside = sum(1 for t in self.enclosing if t.first_line <= number <= t.last_line)
        return self.covers.get(number, 0) > inside


def _encloses(
    outer: Table,
    inner: Table,
    a: tuple[float, float, float, float] | None,
    b: tuple[float, float, float, float] | None,
) -> bool:
    """By the boxes of their cells where the reader gave them (PDF), else by line ranges."""
    if a is not None and b is not None:
        return a != b and a[0] - 1 <= b[0] and a[1] - 1 <= b[1] and b[2] <= a[2] + 1 and b[3] <= a[3] + 1
    return (
        outer.first_line <= inner.first_line
        and inner.last_line <= outer.last_line
        and (outer.first_line, outer.last_line) != (inner.first_line, inner.last_line)
    )


def _extent(table: Table) -> tuple[float, float, float, float] | None:
    boxes = [c.bbox for c in table.cells if c.bbox]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _without_annotation(text: str) -> str:
    """A title line without its bracketed unit/as-of annotation (`예 산 (단위 : 백만원)` -> `예 산`)."""
    match = UNIT_ANNOTATION.search(text)
    if not match:
        return text
    part = _annotation_part(text, match.start())
    return " ".join(text.replace(part, " ").split()) if part != text else ""


def _annotation_part(text: str, start: int) -> str:
    """The parenthesised annotation containing `start`, or the whole line when none."""
    opening = max(text.rfind(c, 0, start + 1) for c in "([（")
    if opening < 0:
        return text
    closing = min((i for i in (text.find(c, start) for c in ")]）") if i >= 0), default=len(text) - 1)
    if text[opening] == "(" and text.find("]", start) > closing and "[" in text[:opening]:
        opening = text.rfind("[", 0, opening)
        closing = text.find("]", start)
    return text[opening : closing + 1]
