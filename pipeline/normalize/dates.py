"""Dates as reports print them, to ISO dates (or year-months where no day is printed) and ranges.

`2023. 11. 13.`, `’22.8.29.`, `'21.8.31. 기준`, `(’22.11 개관)`, `2020. 10월말`, `'23.11월`, `’22.9~12.`,
`2021. 1. ~ 12.`, `’22.7~’23.2.`, `'23.09.12(화)~09.26(화)`. Two-digit years are 20YY.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

APOSTROPHES = str.maketrans({c: "'" for c in "’‘`＇′´"})

YEAR = r"(?:(?P<y4>(?:19|20)\d{2})|'(?P<y2>\d{2}))"
DATE = re.compile(
    rf"(?<![\d.]){YEAR}\s*(?:년|\.)\s*(?P<m>\d{{1,2}})(?!\d)\s*(?:월\s*(?:말|초|중)?)?"
    rf"(?:\s*\.?\s*(?P<d>\d{{1,2}})(?!\d)\s*(?:일|\.)?)?"
)
"""A date with at least a year and a month."""

RANGE_TAIL = re.compile(
    rf"^\s*\.?\s*(?:\([^)]*\))?\s*\.?\s*[~∼〜\-]\s*(?:{YEAR}\s*(?:년|\.)\s*)?(?P<m>\d{{1,2}})(?!\d)\s*(?:월)?"
    rf"(?:\s*\.\s*(?P<d>\d{{1,2}})(?!\d))?"
)
"""The end of a range after a date: `~12.`, `~’23.2.`, `~09.26`, ` ~ 12.`."""

Precision = Literal["day", "month"]


@dataclass(frozen=True)
class DateValue:
    """A date as precise as it was printed."""

    year: int
    month: int
    day: int | None = None

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month"

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


@dataclass(frozen=True)
class DateRange:
    """From one date to another (the end inherits the year when it prints none)."""

    start: DateValue
    end: DateValue

    @property
    def iso(self) -> str:
        return f"{self.start.iso}/{self.end.iso}"


def _year(match: re.Match[str]) -> int | None:
    if match.group("y4"):
        return int(match.group("y4"))
    if match.group("y2"):
        return 2000 + int(match.group("y2"))
    return None


def _valid(year: int, month: int, day: int | None) -> DateValue | None:
    if not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None
    return DateValue(year, month, day)


def _dates(text: str) -> list[tuple[DateValue, int, int]]:
    """Every date in the text with its span."""
    text = text.translate(APOSTROPHES)
    found = []
    for match in DATE.finditer(text):
        year = _year(match)
        if year is None:
            continue
        day = int(match.group("d")) if match.group("d") else None
        value = _valid(year, int(match.group("m")), day)
        if value is None and day is not None:
            value = _valid(year, int(match.group("m")), None)
        if value:
            found.append((value, match.start(), match.end()))
    return found


def parse_date(text: str | None) -> DateValue | None:
    """The first date printed in the text, or None."""
    found = _dates(text or "")
    return found[0][0] if found else None


def parse_date_range(text: str | None) -> DateRange | None:
    """The first date range in the text (`’22.9~12.`, `2021. 1. ~ 12.`), or None."""
    text = (text or "").translate(APOSTROPHES)
    for start, _, end in _dates(text):
        tail = RANGE_TAIL.match(text[end:])
        if not tail:
            continue
        year = _year(tail) or start.year
        month = int(tail.group("m"))
        day = int(tail.group("d")) if tail.group("d") else None
        if start.day and not day and not _year(tail):
            month, day = (start.month, month) if month >= start.day or month > 12 else (month, None)
        finish = _valid(year, month, day)
        if finish:
            return DateRange(start, finish)
    return None


def find_as_of(text: str | None) -> DateValue | None:
    """The date a table is valid at, from an annotation such as `(2023.9.30. 기준 / 단위 : 천원)`."""
    return parse_date(text)
