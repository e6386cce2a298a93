"""Domain words the extractors look for in labels and captions: data, not code."""

from __future__ import annotations

import re

TOTAL_WORDS = ("총계", "합계", "소계", "총액", "계")
"""A label that is (or ends in) one of these is a total over the rows or columns beside it."""

FUNDING_SOURCES: dict[str, str] = {
    "국비": "국비",
    "국고": "국비",
    "국": "국비",
    "정부": "국비",
    "시비": "시비",
    "시도비": "시비",
    "시": "시비",
    "市": "시비",
    "서울시": "시비",
    "구비": "구비",
    "시군구비": "구비",
    "구": "구비",
    "區": "구비",
    "민간": "민간",
    "민자": "민간",
    "자부담": "민간",
    "기타": "기타",
}
"""Printed funding-source word -> canonical 재원."""

MEASURE_SYNONYMS: dict[str, str] = {
    "예산현액": "예산현액",
    "원인행위액": "원인행위액",
    "지출액": "지출액",
    "집행잔액": "집행잔액",
    "집행액": "집행액",
    "잔액": "잔액",
    "소요예산": "소요예산",
    "소요재원": "소요예산",
    "소요자원": "소요예산",
    "사업예산": "사업예산",
    "총사업비": "총사업비",
    "사업비": "사업비",
    "건립비": "건립비",
    "미확보금액": "미확보금액",
    "확보금액": "확보금액",
    "조성목표": "조성목표",
    "조성액": "조성액",
    "지원금액": "지원금액",
    "발행요구액": "발행요구액",
    "당초목표액": "목표액",
    "예산액": "예산액",
    "본예산": "예산액",
    "예산": "예산액",
    "세입": "세입",
    "세출": "세출",
    "금액": "금액",
}
"""Measure word as printed (spaces removed) -> canonical measure; longer words are tried first."""

TARGET_WORDS = ("목표",)
ACTUAL_WORDS = ("성과", "실적")
ACHIEVEMENT_WORDS = ("달성률", "달성도", "달성율")
AUTHORIZED_WORDS = ("정원",)
CURRENT_WORDS = ("현원",)

ORG_SUFFIXES = (
    "담당관",
    "기획관",
    "정책관",
    "협력관",
    "사업소",
    "사무소",
    "박물관",
    "미술관",
    "역사관",
    "과학관",
    "도서관",
    "연구원",
    "진흥원",
    "기획단",
    "추진단",
    "센터",
    "본부",
    "재단",
    "공단",
    "실",
    "국",
    "과",
    "팀",
)
"""Endings of org-unit names. Not a bare 관 or 원: 서기관, 연구관, 정원 are grades and headcounts."""

YEAR = re.compile(r"(?<!\d)(?:(?P<full>(?:19|20)\d{2})|[’'‘`](?P<short>\d{2}))\s*년?")
"""`2021년`, `2021`, `’22년`, `'19년`."""

BULLETS = re.compile(r"^(?:[\-－–·•∙ㆍ○◦ㅇ□■▶▸‣※*]+|\d{1,2}[.)]|[①-⑳❶-❿]|\(\d{1,2}\))\s*")
"""Leading list marks that are not part of a label (`- `, `· `, `1. `, `① `)."""


def compact(text: str | None) -> str:
    """Text with all whitespace removed, for matching words in spaced-out labels."""
    return "".join((text or "").split())


def strip_bullets(text: str) -> str:
    """A label without its leading list marks."""
    previous = None
    while previous != text:
        previous, text = text, BULLETS.sub("", text.strip())
    return text.strip()


def find_year(text: str | None) -> int | None:
    """The first year printed in a label or caption."""
    match = YEAR.search(text or "")
    if not match:
        return None
    return int(match.group("full")) if match.group("full") else 2000 + int(match.group("short"))


def is_total_label(label: str | None) -> bool:
    """A label naming a total: `계`, `합 계`, `민간위탁금 총계`, `인건비(계)`, `소계`."""
    text = compact(label)
    if not text:
        return False
    text = text.strip("()[]")
    return any(
        text == w or text.endswith(w) or text.endswith(f"({w})") for w in TOTAL_WORDS if w != "계"
    ) or (text in ("계", "총", "(계)") or text.endswith("(계)"))


def funding_source(label: str | None) -> str | None:
    """The canonical funding source a label names, or None."""
    text = compact(label).strip("()")
    return FUNDING_SOURCES.get(text)


def measure_of(*labels: str | None) -> str | None:
    """The first measure word found in the labels, tried in order, canonicalized."""
    words = sorted(MEASURE_SYNONYMS, key=len, reverse=True)
    for label in labels:
        text = compact(label)
        for word in words:
            if word in text:
                return MEASURE_SYNONYMS[word]
    return None


def has_word(label: str | None, words: tuple[str, ...]) -> bool:
    text = compact(label)
    return any(w in text for w in words)
