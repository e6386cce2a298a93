"""Document-level facts from the cover page: title, issuing office and report date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.lexicon.words import ISSUER_SUFFIXES, OFFICE_SUFFIXES, compact
from pipeline.normalize import normalize_name, parse_date
from pipeline.schemas.document import Document

TITLE_WORDS = ("업무보고", "업무계획", "주요업무", "추진실적", "이행보고", "이행현황", "업무현황")
COVER_LINES = 25
"""Non-empty lines read as the cover, before the first chapter heading."""

DEPARTMENT = re.compile(r"(?:추진부서|담당부서|작성부서|부\s*서)\s*[:：]?\s*(?P<name>\S+)")
"""`추진부서 지역경제과` on a pledge sheet that has no cover."""
MAX_ISSUER_CHARS = 20
MAX_DATE_LINE_CHARS = 16
"""A cover line holding the report date is this short (`2023. 11. 13.`, `2025. 2. 10.(월)`), not counting
its weekday and time; a longer line with a date in it is prose."""
DAY_AND_TIME = re.compile(r"[(（]\s*[월화수목금토일]\s*[)）]|\d{1,2}\s*:\s*\d{2}")
"""The weekday and the hour printed after a cover's date: `(월) 16:00`."""


@dataclass(frozen=True)
class Cover:
    """What the cover says."""

    title: str | None
    issuer: str | None
    report_date: str | None
    """ISO date or year-month."""


def cover_lines(document: Document) -> list[tuple[int, str]]:
    """(line, text) of the non-empty lines before the first level-1 heading (or the first lines)."""
    first_chapter = next((s.first_line for s in document.sections if s.level == 1), None)
    lines: list[tuple[int, str]] = []
    for line in document.lines:  # in reading order: the cover ends at the first chapter or COVER_LINES
        if first_chapter is not None and line.number >= first_chapter:
            break
        text = line.text.strip()
        if text:
            lines.append((line.number, text))
            if len(lines) == COVER_LINES:
                break
    return lines


def read_cover(document: Document) -> Cover:
    """Title, issuer and date from the cover; the issuer may also come from a 추진부서 field."""
    lines = cover_lines(document)
    title = next((normalize_name(t) for _, t in lines if any(w in compact(t) for w in TITLE_WORDS)), None)
    date, date_index = _cover_date(lines)
    issuers = [name for _, text in lines[date_index:] if (name := _issuer_name(text))]
    issuer = issuers[0] if issuers else next((n for _, t in lines if (n := _issuer_name(t))), None)
    if issuer is None:
        for line in document.lines:
            match = DEPARTMENT.search(line.text)
            if match:
                issuer = match.group("name")
                break
    return Cover(title=title, issuer=issuer or _issuer_in_title(title), report_date=date)


def _cover_date(lines: list[tuple[int, str]]) -> tuple[str | None, int]:
    """(ISO date, index of its line) of the cover's date: a short line that is a date; else one that is
    a date with its weekday and hour, the meeting the report is made at (`2025. 2. 10.(월) 16:00`), which
    yields to a date of the report's own (`’22.09.22. (목) 10:00` over `2022. 9.`)."""
    for bare in (lambda text: text, lambda text: DAY_AND_TIME.sub("", text)):
        for index, (_, text) in enumerate(lines):
            parsed = parse_date(text)
            if parsed is not None and len(compact(bare(text))) <= MAX_DATE_LINE_CHARS:
                return parsed.iso, index
    return None, 0


def _issuer_in_title(title: str | None) -> str | None:
    """The office a title names right before its report word, when the cover prints no issuer of its own
    (`2022년 국립국어원 업무계획`, `고용노동부 업무보고`). Here a ministry (부), agency (처, 청, 원) or
    commission (위원회) ending is a name: the word before the report word is who reports."""
    words = [compact(w) for w in (title or "").split()]
    index = next((i for i, w in enumerate(words) if any(t in w for t in TITLE_WORDS)), 0)
    name = words[index - 1] if index > 0 else ""
    if len(name) < 3 or not name.endswith(OFFICE_SUFFIXES) or name[0].isdigit():
        return None
    return name


def _issuer_name(text: str) -> str | None:
    """The office a cover line names, or None (committees and titles are not issuers)."""
    name = normalize_name(text.strip().lstrip("-").strip())
    short = compact(name)
    if len(short) > MAX_ISSUER_CHARS or not short.endswith(ISSUER_SUFFIXES):
        return None
    if any(w in short for w in (*TITLE_WORDS, "위원회", "시의회")):
        return None
    return name
