"""Units of money and how they are printed: multipliers, and the unit a table or header annotates."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.lexicon.words import COUNTERS

MONEY_UNITS: dict[str, int] = {
    "원": 1,
    "천원": 1_000,
    "만원": 10_000,
    "십만원": 100_000,
    "백만원": 1_000_000,
    "천만원": 10_000_000,
    "억원": 100_000_000,
    "십억원": 1_000_000_000,
    "조원": 1_000_000_000_000,
}
"""Money unit as printed (spaces removed) -> won per unit."""

BIG_UNITS: dict[str, int] = {"만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000}
"""Korean number words that carry a power of ten on their own (`6,862억`, `1조 4천억원`)."""

SUB_UNITS: dict[str, int] = {
    "천만": 10_000_000,
    "백만": 1_000_000,
    "십만": 100_000,
    "천": 1_000,
    "백": 100,
    "십": 10,
}
"""Multipliers printed before 원 or before a big unit (`2천만원`, `20,255백만원`, `4천억원`)."""

ANNOTATION_START = r"(?:단\s*위\s*[:：]|[(（\[]\s*단\s*위\s+(?=[^,/)）\]\s:：]+(?:\s*원)?\s*[,/)）\]]))"
"""`단위 :` with its colon, or `(단위 천원)` opening a bracket: the word alone is no annotation (`단위사업`,
a 사업설명자료 column head, is the level of a budget programme, not `단위: 사업`)."""
UNIT_ANNOTATION = re.compile(rf"{ANNOTATION_START}\s*(?P<unit>[^,/)\]\s]+(?:\s*원)?)")
"""`(단위 : 천원)`, `[( ) : 市출자금, 단위 : 억원]`, `(단위: 백만원, %)`, `(단위 천원)`."""

ANNOTATION_BODY = re.compile(rf"{ANNOTATION_START}\s*(?P<body>[^)\]）】]*)")
"""Everything an annotation lists after `단위 :` up to its closing bracket: `개소, 백만원`, `명, 천원, %`."""
UNIT_WORD = re.compile(r"^(?:천|만|백만|십만|천만|억|조)?\s*(?:[가-힣]{1,3}|%|％|㎡|m²|m2|톤|t|km)$")
"""One unit word of an annotation (`백만원`, `개소`, `%`, `천명`); dates and 기준 notes are not units."""
NOT_UNITS = frozenset({"기준", "현재", "본예산", "추경", "예산", "결산", "누계", "말", "말기준"})
COUNT_SCALES: dict[str, int] = {"천": 1_000, "만": 10_000, "백만": 1_000_000}
"""Scales printed before a count unit (`인구(천명)`, `통행량(천통행, 1일)`): the count's full value is the
printed number times this."""
HEADER_COUNT_UNIT = re.compile(
    r"[(（]\s*(?P<unit>(?:천|만|백만)\s*(?:명|통행|건|개|대|가구|세대|회|톤|개소|인)|명|개소|건|가구|세대)"
    r"\s*(?:,[^)）]*)?[)）]"
)
"""A count unit printed in a header, scaled or not: `인구(천명)`, `통행량(천통행, 1일)`, `수혜자(명)`."""

HEADER_UNIT = re.compile(
    r"[(（]\s*(?P<unit>(?:천|백만|천만|십만|만|억|조)?\s*원|%|㎡|m²|m\s*\^?\s*2|평|명|개소|건)"
    r"\s*(?:,\s*[A-Z]{1,2})?\s*[)）]"
)
"""A unit printed in a column header: `예산(천원)`, `면적(㎡)`, `집행률(%)`, `소요예산 (백만원)`, and with the
column's letter for formulas in other heads (`예산액(억원, A)` beside `구조조정 (D/A)`)."""


AREA_SPELLINGS: dict[str, str] = {"m²": "㎡", "m2": "㎡", "m^2": "㎡"}
"""Square metres as exports spell them -> `㎡`."""


def canonical_unit(text: str) -> str:
    """A unit with spaces removed and area spellings folded (`백만 원` -> `백만원`, `m ²` -> `㎡`)."""
    unit = "".join(text.split())
    return AREA_SPELLINGS.get(unit, unit)


@lru_cache(maxsize=1024)  # asked per cell and per amount with the few units a document prints
def unit_multiplier(unit: str | None) -> int | None:
    """Won per printed unit for a money unit (`천원` -> 1,000), None for anything else."""
    if not unit:
        return None
    unit = canonical_unit(unit)
    if unit in MONEY_UNITS:
        return MONEY_UNITS[unit]
    if unit in BIG_UNITS:
        return BIG_UNITS[unit]
    return None


def parse_unit_annotation(text: str | None) -> str | None:
    """The unit named by a unit annotation or a column header, canonical (`천원`, `백만원`, `%`, `㎡`)."""
    if not text:
        return None
    match = UNIT_ANNOTATION.search(text)
    if match:
        unit = canonical_unit(match.group("unit"))
        if unit in BIG_UNITS:
            unit += "원"
        return unit
    match = HEADER_UNIT.search(text)
    if match:
        return canonical_unit(match.group("unit"))
    return None


def annotation_units(text: str | None) -> list[str]:
    """Every unit a `(단위 : ...)` annotation lists, canonical and in order: `(단위 : 개소, 백만원)` ->
    [`개소`, `백만원`]; `(단위: 명, 천원, %)` -> [`명`, `천원`, `%`]; [] without an annotation."""
    match = ANNOTATION_BODY.search(text or "")
    if not match:
        return listed_units(text)
    units: list[str] = []
    for piece in re.split(r"[,/·、]", match.group("body")):
        unit = canonical_unit(piece)
        if not unit or unit in NOT_UNITS or not UNIT_WORD.match(unit):
            continue
        if unit in BIG_UNITS:
            unit += "원"
        units.append("%" if unit == "％" else unit)
    return units


CLOSING_BRACKET = re.compile(r"[(（](?P<body>[^()（）]+)[)）]\s*[>〉]?\s*$")
"""A bracket closing a line (a caption, or a line of its own): `추이(억 달러, 전년동기 대비, %) >`,
`(조원, %)`."""
LISTED_SCALES = ("십억", "천만", "백만", "십만", "천", "만", "억", "조")
LISTED_BASES = ("원", "달러", "%", "％", *COUNTERS)
"""What a unit listed without `단위` may be: money, dollars, a percent or a counter, with a scale before
it."""
BASIS_NOTES = ("대비", "기준", "현재")
"""Pieces of such a list that say what the figures are compared with (`전년동기 대비`), not units."""


def listed_units(text: str | None) -> list[str]:
    """The units a closing bracket lists without `단위` (`(억 달러, 전년동기 대비, %)` -> [`억달러`, `%`]);
    [] unless every piece is a unit or a basis note and one is a unit (`(국비, 시비)`, `(’24 운영성과)`)."""
    match = CLOSING_BRACKET.search(text or "")
    if not match:
        return []
    units: list[str] = []
    for piece in re.split(r"[,/·、]", match.group("body")):
        unit = canonical_unit(piece)
        if unit.endswith(BASIS_NOTES) and len(unit) > 2:
            continue
        scaled = (unit[len(s) :] for s in LISTED_SCALES if unit.startswith(s) and len(unit) > len(s))
        base = next(scaled, unit)
        if base not in LISTED_BASES:
            return []
        units.append("%" if unit == "％" else unit)
    return units


def count_scale(unit: str | None) -> tuple[int, str] | None:
    """(scale, base unit) of a scaled count unit: `천명` -> (1000, `명`); None for anything else."""
    if not unit or is_money_unit(unit):
        return None
    for prefix in sorted(COUNT_SCALES, key=len, reverse=True):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return COUNT_SCALES[prefix], unit[len(prefix) :]
    return None


def label_unit(label: str | None) -> str | None:
    """A label that is nothing but a unit, bracketed or not (the `억원` and `%` rows of a transposed table,
    `분야 | 사회복지 | 농림수산` over `억원 | 556,716 | 108,937` and `% | 54.4 | 10.6`): that unit; bare `원`
    is too short a word to tell."""
    text = canonical_unit((label or "").strip().strip("()（）"))
    if text in ("%", "％"):
        return "%"
    return text if text in MONEY_UNITS and text != "원" else None


def header_count_unit(label: str | None) -> str | None:
    """A count unit printed in a header (`인구(천명)` -> `천명`), or None."""
    match = HEADER_COUNT_UNIT.search(label or "")
    return canonical_unit(match.group("unit")) if match else None


def is_money_unit(unit: str | None) -> bool:
    return unit_multiplier(unit) is not None
