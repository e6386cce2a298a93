"""The report's heading hierarchy (Ⅰ. / 1 / ① / □ / ○ ㅇ / -) as a tree of sections with line ranges."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from pydantic import TypeAdapter

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
LONE_MARKER_CHARS = 2
"""The longest line `LONE_MARKER` matches (a stripped line: no newline for its `$` to stand before)."""

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
    Sections are plain `_Heading`s while their ranges are worked out, `Section` models once at the end.
    """
    sections: list[_Heading] = []
    stack: list[_Heading] = []
    line_sections: list[str | None] = []
    pending: tuple[int, str, int] | None = None
    last_line = lines[-1].number if lines else 0
    project_at = dict(projects or [])
    for line in lines:
        if project_at and line.number in project_at:
            while stack and stack[-1].level >= PROJECT_LEVEL:
                stack.pop()
            parent = stack[-1].section_id if stack else None
            section = _Heading(
                _section_id(sections), PROJECT_LEVEL, "", project_at[line.number], line.number, parent
            )
            sections.append(section)
            stack.append(section)
        stripped = line.text.strip()
        if line.number in table_lines or not stripped:
            line_sections.append(stack[-1].section_id if stack else None)
            continue
        found = heading_of(stripped)
        if pending and not found:
            level, marker, first = pending
            found = (level, marker, stripped)
            start = first
        else:
            start = line.number
        pending = None
        if len(stripped) <= LONE_MARKER_CHARS and LONE_MARKER.match(stripped):
            level = 3 if not stripped.isdigit() else 2
            pending = (level, stripped, line.number)
            found = None
        if found:
            level, marker, title = found
            while stack and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1].section_id if stack else None
            section = _Heading(_section_id(sections), level, marker, title, start, parent)
            sections.append(section)
            stack.append(section)
        line_sections.append(stack[-1].section_id if stack else None)
    set_section_ids(lines, line_sections)
    _close_ranges(sections, last_line)
    return _SECTIONS.validate_python([heading.as_section() for heading in sections])


def set_section_ids(lines: list[Line], section_ids: list[str | None]) -> None:
    """Each line's `section_id`, written as pydantic assigns a field of a model that validates no assignment
    (`Line`): the value in the instance's `__dict__`, the field marked set. Without `BaseModel.__setattr__`'s
    dispatch, a third of its cost, for the ~1,000 lines of a report."""
    for line, section_id in zip(lines, section_ids, strict=True):
        line.__dict__["section_id"] = section_id
        line.__pydantic_fields_set__.add("section_id")


@dataclass(slots=True)
class _Heading:
    """A section while the tree is built: `last_line` is set by `_close_ranges`."""

    section_id: str
    level: int
    marker: str
    title: str
    first_line: int
    parent_id: str | None
    last_line: int = 0

    def as_section(self) -> dict[str, object]:
        """The `Section` fields (all of them, in the model's order)."""
        return {
            "section_id": self.section_id,
            "level": self.level,
            "marker": self.marker,
            "title": self.title,
            "first_line": self.first_line,
            "last_line": self.last_line,
            "parent_id": self.parent_id,
        }


_SECTIONS = TypeAdapter(list[Section])
"""Validates a document's sections in one call (a model built per heading costs a Python `__init__` each)."""


def _section_id(sections: list[_Heading]) -> str:
    return f"s{len(sections) + 1:04d}"


class _Ranged(Protocol):
    level: int
    first_line: int
    last_line: int


def _close_ranges(sections: Sequence[_Ranged], last_line: int) -> None:
    """A section ends where the next section of the same or an outer level starts. One pass: the sections
    still open are those of strictly rising level, and a section closes every open one of its level or an
    inner one."""
    open_: list[_Ranged] = []
    for later in sections:
        while open_ and open_[-1].level >= later.level:
            open_.pop().last_line = later.first_line - 1
        open_.append(later)
    for section in open_:
        section.last_line = last_line
