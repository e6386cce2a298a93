"""Names as printed in reports: spaced-out labels joined, hanja abbreviations made searchable.

Reports letter-space short labels to fill a cell (`경 제 정 책 과`, `캠 퍼 스타 운 활 성 화 과`); real phrases
keep their spaces (`서울 국제 주얼리 컨퍼런스`). A run of short tokens most of which are single characters
is a spaced-out word; anything else is left as printed.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.lexicon.patterns import normalize_year_marks

HANJA_ABBREVIATIONS = str.maketrans(
    {
        "市": "시",
        "區": "구",
        "國": "국",
        "全": "전",
        "年": "년",
        "現": "현",
        "舊": "구",
        "獨": "독",
        "社": "사",
        "道": "도",
        "郡": "군",
        "外": "외",
        "對": "대",
        "新": "신",
        "中": "중",
        "美": "미",
        "日": "일",
    }
)
"""Hanja printed as abbreviations in Korean reports -> the Hangul a search would use."""

MIDDLE_DOTS = str.maketrans({c: "·" for c in "ㆍᆞ‧․∙•・"})
SHORT_TOKEN = 2
"""Tokens this short can be pieces of a letter-spaced word (`스타` in `캠 퍼 스타 운`)."""
MIN_SINGLES = 2
SINGLE_SHARE = 0.6
CONJUNCTIONS = frozenset({"및"})
"""Words that join two names and are never a piece of a spaced-out one (`보전수입 등 및 내부거래` is no
`등및`; `교 육 및 연 수` is `교육 및 연수`)."""


def _is_single(token: str) -> bool:
    return len(token) == 1 and (token.isalnum())


def _short(token: str) -> bool:
    return len(token) <= SHORT_TOKEN and all(c.isalnum() for c in token) and token not in CONJUNCTIONS


@lru_cache(maxsize=4096)  # asked for each cell of a row or column: the same labels again and again
def normalize_name(text: str | None) -> str:
    """The label with letter-spaced runs joined, other spacing folded to single spaces, and year marks
    spelled one way (`‘25년` as `’25년`)."""
    tokens = normalize_year_marks(text or "").split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if not _short(tokens[i]):
            out.append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and _short(tokens[j]):
            j += 1
        run = tokens[i:j]
        singles = sum(1 for t in run if _is_single(t))
        if singles >= MIN_SINGLES and singles >= SINGLE_SHARE * len(run):
            out.append("".join(run))
        else:
            out.extend(run)
        i = j
    return " ".join(out)


def search_form(text: str | None) -> str:
    """The text with hanja abbreviations in Hangul and every middle dot as `·`, for matching and search."""
    return (text or "").translate(HANJA_ABBREVIATIONS).translate(MIDDLE_DOTS)
