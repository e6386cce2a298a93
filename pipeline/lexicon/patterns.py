"""Marks and patterns every stage reads the same way: list marks, bullets, enumerations, years."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

YEAR = re.compile(r"(?<!\d)(?:(?P<full>(?:19|20)\d{2})|[’'‘`](?P<short>\d{2}))\s*년?")
"""`2021년`, `2021`, `’22년`, `'19년`."""

YEAR_MARK = re.compile(r"[‘'`´′＇](?=\d{2}(?!\d))")
"""A mark eliding a year's century typed as another quote (`‘25년`, `'25`): 한글 autocorrect turns it
into an opening quote at the start of a cell, so one report prints `‘25년` and `’25년` side by side."""


def normalize_year_marks(text: str) -> str:
    """Every year-eliding mark as `’` (`‘25년` -> `’25년`): one spelling of a label for search."""
    return YEAR_MARK.sub("’", text)


BARE_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
"""`2018` printed alone in a cell: a label when a table's first row or stub is made of years."""

YEAR_HEAD = re.compile(r"^\s*(?:19|20)\d{2}\s*년?(?:\s*[~∼\-–]\s*(?:19|20)?\d{2}\s*년?)?\s*$")
"""A column head that is a year or a span of years (`2023`, `2026~2027`): its column holds that year's
data."""

CALENDAR_YEAR = re.compile(
    r"^\s*(?:(?:19|20)\d{2}\s*년|(?:(?:19|20)\d{2}|[’'‘`]\d{2})\s*[.년]\s*\d{1,2}\s*월)\s*$"
)
"""`2027년`, `2016.1월`, `’24.10월` alone in a cell: a year or a month (a date), never a count."""

YEAR_COLUMN = re.compile(r"[년연]\s*도\s*$")
"""A column head ending in a year word (`설치 년도`, `설립연도`): its bare `2005` is a year, not a count;
`연도별 계획 2024` heads counts."""

BULLET_MARKS = "-－–·․•∙⋅ㆍ○◦∘●◎❍◯ㅇ□■▪▫◆◇❏❑▶▷▸▹►‣❚✓※*"
"""Marks that open a list item in these reports (○, ㅇ, ❍, □, ▪, ▹, ※, the one-dot leader ․ of 사업설명자료,
the dot operator ⋅ ...): one set, so that what is stripped from a label and what makes a line prose never
disagree."""

_MARK = "[" + re.escape(BULLET_MARKS) + "]"

BULLETS = re.compile(rf"^(?:{_MARK}+|\d{{1,2}}[.)]|[①-⑳❶-❿]|\(\d{{1,2}}\))\s*")
"""Leading list marks that are not part of a label (`- `, `· `, `1. `, `① `)."""

BULLET_START = re.compile(rf"^(?:{_MARK}|\d{{1,2}}\)|[①-⑳❶-❿])")
"""A line or cell that starts with a list mark: prose, not a table row."""

DAY_DATE = re.compile(r"^[’'‘`]?\d{2,4}\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*\.?\s*(?:[(（][^()（）]*[)）])?$")
"""A cell that is one day's date, maybe with a second in brackets: `’95.12.05.`, `’02.04.30. (’23.07.01.)`."""

UNIT_ONLY = re.compile(r"^[(（\[]?[^()（）]{0,40}단\s*위\s*[:：][^()（）]{0,40}[)）\]]?$")
"""A cell or line that is only a unit annotation: `(단위: 백만원)`, `(2021. 12. 현재 기준, 단위 : 명)`."""

PAGE_NUMBER = re.compile(r"^[-–—]?\s*\d{1,4}\s*[-–—]?$")
"""A line that is only a page number: `- 46 -`, `46`."""


def is_year_run(texts: list[str]) -> bool:
    """Two or more years one after the other, as a column header prints them: `2023 2024 2025` or the
    short form `23 24 25 26 27` (under a `연도별 계획` head). Consecutive, so a row of counts is not one."""
    stripped = [t.strip().lstrip("’'‘`").removesuffix("년") for t in texts]
    if len(stripped) < 2 or not all(t.isdigit() and len(t) in (2, 4) for t in stripped):
        return False
    if len({len(t) for t in stripped}) != 1 or (len(stripped[0]) == 4 and not BARE_YEAR.match(stripped[0])):
        return False
    numbers = [int(t) for t in stripped]
    return all(b == a + 1 for a, b in itertools.pairwise(numbers))


ENUMERATION = re.compile(r"^(\d{1,2}[.)]|[①-⑳])\s*")
"""An item number (`1.`, `2)`, `③`): a label even though it starts with a digit."""


@lru_cache(maxsize=4096)  # asked for the same labels by every extractor
def strip_bullets(text: str) -> str:
    """A label without its leading list marks."""
    stripped = text.strip()
    if not BULLETS.match(stripped):  # most labels carry none: one match instead of two substitutions
        return stripped
    previous = None
    while previous != text:
        previous, text = text, BULLETS.sub("", text.strip())
    return text.strip()


@lru_cache(maxsize=4096)  # asked per cell with its row's and column's labels
def find_year(text: str | None) -> int | None:
    """The first year printed in a label or caption."""
    match = YEAR.search(text or "")
    if not match:
        return None
    return int(match.group("full")) if match.group("full") else 2000 + int(match.group("short"))


DOT_LEADER = re.compile(r"[·.…‥∙]{4,}")
"""The dot leaders of a table-of-contents entry (`Ⅰ. 기본현황·········· 1`)."""

TOC_ENTRY = re.compile(r"(?:[·…‥∙]{2,}|\.{4,})\s*\d(?: ?\d){0,3}\s*$")
"""A table-of-contents entry: dot leaders, then the page number the line ends with (`Ⅱ. 2022년
정책방향········ 4`; a PDF may split the number, `·· 2 7`). Its number is a page, never a value."""

NUMBERED_TITLE = re.compile(r"^\s*[<〈\[［]\s*(?P<kind>표|그림)\s*\d+(?:\s*[-.]\s*\d+)?\s*[>〉\]］]")
"""The number opening a table's or a figure's title (`<표 1>`, `〈그림 2-1〉`, `[표 3]`): the line is a title,
never a row of a table."""


def numbered_table_title(text: str) -> bool:
    """A line opening with a table's number (`<표 1> 최근 5년간 …`), not a figure's."""
    match = NUMBERED_TITLE.match(text)
    return match is not None and match.group("kind") == "표"
