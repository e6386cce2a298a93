"""Units of money and how they are printed: multipliers, and the unit a table or header annotates."""

from __future__ import annotations

import re

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

UNIT_ANNOTATION = re.compile(r"단\s*위\s*[:：]?\s*(?P<unit>[^,/)\]\s]+(?:\s*원)?)")
"""`(단위 : 천원)`, `[( ) : 市출자금, 단위 : 억원]`, `(단위: 백만원, %)`."""

HEADER_UNIT = re.compile(
    r"[(（]\s*(?P<unit>(?:천|백만|천만|십만|만|억|조)?\s*원|%|㎡|m²|m\s*\^?\s*2|평|명|개소|건)\s*[)）]"
)
"""A unit printed in a column header: `예산(천원)`, `면적(㎡)`, `집행률(%)`, `소요예산 (백만원)`."""


def canonical_unit(text: str) -> str:
    """A unit with spaces removed and area spellings folded (`백만 원` -> `백만원`, `m ²` -> `㎡`)."""
    unit = "".join(text.split())
    return {"m²": "㎡", "m2": "㎡", "m^2": "㎡"}.get(unit, unit)


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


def is_money_unit(unit: str | None) -> bool:
    return unit_multiplier(unit) is not None
