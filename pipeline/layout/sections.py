"""The report's heading hierarchy (Ⅰ. / 1 / ① / □ / ○ ㅇ / -) as a tree of sections with line ranges."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.schemas.document import Line, Section

HEADING_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(r"^(?P<marker>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\.?|(?:I|II|III|IV|V|VI|VII|VIII|IX|X)\.)\s*(?P<title>\S.*)$")),
    (2, re.compile(r"^(?P<marker>\d{1,2}\.?)\s+(?P<title>[^\s.,~%].*)$")),
    (3, re.compile(r"^(?P<marker>([①-⑳❶-❿])\2?)\s*(?P<title>.*)$")),
    (4, re.compile(r"^(?P<marker>[□■◆◇])\s*(?P<title>\S.*)$")),
    (5, re.compile(r"^(?P<marker>[○ㅇ◦∘●◎])\s*(?P<title>\S.*)$")),
    (6, re.compile(r"^(?P<marker>[-－–])\s*(?P<title>\S.*)$")),
]
"""Heading marks from outermost to innermost, as printed at the start of a line."""

HEADING_STARTS = frozenset(
    "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩIVX"
    + "".join(map(chr, range(ord("①"), ord("⑳") + 1)))
    + "".join(map(chr, range(ord("❶"), ord("❿") + 1)))
    + "□■◆◇○ㅇ◦∘●◎-－–"
)
"""Characters a heading can start with besides a digit (any `\\d`): the first characters of the marks of
`HEADING_PATTERNS`. Most lines of a report start with none of them and are not tried against each mark."""

LONE_MARKER = re.compile(r"^(\d{1,2}|[①-⑳❶-❿])$")
"""A heading number printed alone, its title on the next non-empty line (`4` then `첨단장비 및 ...`)."""

LEADING_YEAR = re.compile(r"^[’'‘]?\d{2,4}\s*년\s*")

MAX_TITLE_CHARS = 120
"""Longer lines are prose that happens to start with a mark, not headings (except bullets)."""


@lru_cache(maxsize=4096)  # each line is asked by the project list, the section tree and the captions
def heading_of(text: str) -> tuple[int, str, str] | None:
    """(level, marker, title) when the line is a heading."""
    stripped = clean_title(text)
    if not stripped or not (stripped[0] in HEADING_STARTS or stripped[0].isdecimal()):
        return None
    for level, pattern in HEADING_PATTERNS:
        match = pattern.match(stripped)
        if match and level == 2 and not _titled(match.group("title")):
            continue
        if match and (level >= 5 or len(stripped) <= MAX_TITLE_CHARS):
            return level, match.group("marker"), clean_title(match.group("title"))
    return None


def clean_title(text: str) -> str:
    """A heading title without markdown bold marks and surrounding spaces."""
    return text.replace("**", "").strip()


def _titled(title: str) -> bool:
    """A numbered heading's title is words, not a row of numbers (`2023년 운영사업 현황`, not `3,155 ...`)."""
    title = LEADING_YEAR.sub("", title)
    hangul = sum(1 for c in title if "가" <= c <= "힣")
    digits = sum(1 for c in title if c.isdigit())
    return hangul >= 2 and digits <= 0.3 * len(title.replace(" ", ""))


PROJECT_LEVEL = 2
"""Level of a project title recovered from the report's project list (`pipeline.layout.projects`)."""


def build_sections(
    lines: list[Line], table_lines: set[int], projects: list[tuple[int, str]] | None = None
) -> list[Section]:
    """Sections for every heading outside tables; sets `section_id` on each line.

    `projects` are (line, title) of project titles the text lost: each opens a section at that line.
    """
    sections: list[Section] = []
    stack: list[Section] = []
    pending: tuple[int, str, int] | None = None
    last_line = lines[-1].number if lines else 0
    project_at = dict(projects or [])
    for line in lines:
        if line.number in project_at:
            while stack and stack[-1].level >= PROJECT_LEVEL:
                stack.pop()
            section = Section(
                section_id=f"s{len(sections) + 1:04d}",
                level=PROJECT_LEVEL,
                marker="",
                title=project_at[line.number],
                first_line=line.number,
                last_line=last_line,
                parent_id=stack[-1].section_id if stack else None,
            )
            sections.append(section)
            stack.append(section)
        if line.number in table_lines or not line.text.strip():
            line.section_id = stack[-1].section_id if stack else None
            continue
        stripped = line.text.strip()
        found = heading_of(stripped)
        if pending and not found:
            level, marker, first = pending
            found = (level, marker, stripped)
            start = first
        else:
            start = line.number
        pending = None
        if LONE_MARKER.match(stripped):
            level = 3 if not stripped.isdigit() else 2
            pending = (level, stripped, line.number)
            found = None
        if found:
            level, marker, title = found
            while stack and stack[-1].level >= level:
                stack.pop()
            section = Section(
                section_id=f"s{len(sections) + 1:04d}",
                level=level,
                marker=marker,
                title=title,
                first_line=start,
                last_line=last_line,
                parent_id=stack[-1].section_id if stack else None,
            )
            sections.append(section)
            stack.append(section)
        line.section_id = stack[-1].section_id if stack else None
    _close_ranges(sections, last_line)
    return sections


def _close_ranges(sections: list[Section], last_line: int) -> None:
    """A section ends where the next section of the same or an outer level starts. One pass: the sections
    still open are those of strictly rising level, and a section closes every open one of its level or an
    inner one."""
    open_: list[Section] = []
    for later in sections:
        while open_ and open_[-1].level >= later.level:
            open_.pop().last_line = later.first_line - 1
        open_.append(later)
    for section in open_:
        section.last_line = last_line
