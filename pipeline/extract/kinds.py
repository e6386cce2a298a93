"""What a table is about, read from its header and caption words (never from which document it is in)."""

from __future__ import annotations

from pipeline.lexicon.patterns import DOT_LEADER
from pipeline.lexicon.words import CONTENTS_WORDS

KIND_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "headcount": (("정원",), ("현원",), ("정ᆞ현원",), ("정·현원",)),
    "kpi": (("목표", "성과"), ("목표", "실적"), ("계획", "실적"), ("성과지표",), ("달성률",), ("달성도",)),
    "budget": (
        ("예산",),
        ("집행",),
        ("소요",),
        ("사업비",),
        ("금액",),
        ("재원",),
        ("국비",),
        ("세입",),
        ("세출",),
        ("조성",),
        ("건립비",),
    ),
    "org": (("팀명",), ("주요업무",), ("담당업무",), ("주요기능",)),
}
"""Kind -> alternative word sets; a kind matches when all words of one set occur. First kind wins."""

KIND_SETS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (kind, words) for kind, alternatives in KIND_WORDS.items() for words in alternatives
)
"""`KIND_WORDS` as (kind, word set) pairs in order: the first set whose words all occur names the kind, with
no generator per kind and set."""

MONEY_UNITS = ("원",)


def is_contents(header_text: str, caption: str | None) -> bool:
    """A table of contents: headed 목차 / 차례 / CONTENTS, or entries joined to page numbers by leaders."""
    head = "".join(header_text.split()).lower()
    title = "".join((caption or "").split()).lower()
    titled = head.startswith(CONTENTS_WORDS) or title in CONTENTS_WORDS
    return titled or len(DOT_LEADER.findall(header_text)) >= 2


def table_kind(header_text: str, caption: str | None, unit: str | None) -> str:
    """budget / headcount / kpi / org / other (a table of contents is `other`, never a KPI table)."""
    if is_contents(header_text, caption):
        return "other"
    text = "".join(f"{header_text} {caption or ''}".split())
    for kind, words in KIND_SETS:
        for word in words:
            if word not in text:
                break
        else:
            return kind
    if unit and unit.endswith(MONEY_UNITS):
        return "budget"
    return "other"
