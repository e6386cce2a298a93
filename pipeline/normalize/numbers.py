"""Numbers as report cells print them: counts with counters, percentages, areas, pairs, secondary values.

`45개업체`, `3,435명`, `64.96%`, `△1.5%`, `27(27)` (a value and a secondary value), `29/28` (정원/현원),
`35/361)` (35/36 with footnote 1), `213(18.5%)`, `1,124천㎡`, `100.53㎡(30평)`, and the typo `80,4` (a decimal
comma in a percent column: read as 80.4 and flagged). Placeholders (`-`, `비예산`, `집계중`) are not numbers.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from pipeline.lexicon.cellkinds import BOUND_WORDS, ORDINAL_COUNTERS
from pipeline.lexicon.words import COUNTERS, PLACEHOLDERS, RATE_WORD, any_word, is_ratio_head
from pipeline.normalize.money import COUNTER_AFTER_SPACE, parse_amount
from pipeline.normalize.units import BIG_UNITS, canonical_unit, is_money_unit, unit_multiplier
from pipeline.schemas.records import CellFlag, ValueKind

AREA_UNITS = {"㎡": "㎡", "m²": "㎡", "m2": "㎡", "m^2": "㎡", "평": "평", "천㎡": "천㎡", "만㎡": "만㎡"}
AREA_SCALE = {"천㎡": 1000, "만㎡": 10_000}
SUPERSCRIPT_FOOTNOTE = re.compile(r"\s*(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\)?\s*$|\s*(?P<star>\*{1,3})\s*$")
FOOTNOTE_ENDS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰)*")
"""What a text with its spaces folded ends in when `SUPERSCRIPT_FOOTNOTE` finds a mark in it: a text ending
otherwise (most label cells) is not searched."""

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?"
SIGNED = rf"[△▲\-－−+]?\s*(?:{NUM})"
PAIR = re.compile(rf"^(?P<a>{SIGNED})\s*/\s*(?P<b>{NUM})(?P<foot>\d\))?\s*(?P<unit>[^\d\s()/]*)$")
FOOTNOTE_AFTER = re.compile(rf"^(?P<num>{SIGNED})(?P<foot>\d\))$")
MAIN = re.compile(
    rf"^(?P<num>{SIGNED})\s*(?P<unit>[^\d\s()（）\[\]]*)\s*(?:[(（\[](?P<second>.*?)[)）\]])?\s*(?P<rest>.*)$"
)
"""A number, its unit, and a second value in round or square brackets (`27(27)`, `341,802 [341,802]`: 집행액
over 실집행액)."""
SQUARE_METRES = re.compile(r"(?<=\d)\s*m\s*(?:²|\^\s*2|2)(?![\d])")
"""`326m ²`, `1,247m ²`, `(m^2)`: square metres however the export spelled them."""
ITEM_LABEL = re.compile(r"^\d{1,2}\.\s*[가-힣]")
"""An item number then words (`10.비용편익분석`, `3. 사업비`): a numbered label, not an amount of 10."""
DECIMAL_COMMA = re.compile(r"^(?P<int>\d{1,3}),(?P<frac>\d{1,2})$")
NAMED_INNER = re.compile(r"^(?P<name>[가-힣]{1,8})\s+(?P<number>[△▲\-－−+]?\d.*)$")
"""`화장로 15기` inside brackets: a word naming what the number counts, then the number."""
NAMED_SECOND = re.compile(
    rf"^\s*(?P<name>[가-힣]{{1,8}}(?:\s[가-힣]{{1,8}}){{0,2}})\s*(?P<num>{NUM})\s*(?:[가-힣]{{0,2}}|%|％)\s*$"
)
"""`스크린235`, `화장로 15기`, `공적임대 공급시 70%` in the brackets after a value: words naming what the
second number counts or when it holds, maybe with its counter."""
COMPARISON_WORDS = ("대비", "증감", "전년", "기준")
"""Words of a bracket that compares (`(전년 대비 5)`): its number is a change, no second value of the cell."""
LEADING_WORD = re.compile(r"^(?P<word>[가-힣]{1,5})\s+(?P<rest>[△▲\-－−]?\d.*)$")
"""A word, then a value with its unit (`방문 60개소`, `최대 2%p`, `총사업비 50% 이내`): the word says what
the value counts, bounds or is a share of; the value is the number."""
VALUE_RANGE = re.compile(
    rf"^(?P<low>{NUM})\s*(?P<low_unit>[가-힣]{{1,3}}|%|％)?\s*[~∼～〜]\s*(?P<high>{NUM})\s*(?P<unit>[가-힣]{{1,3}}|%|％)$"
)
"""A range of rates or counts with its unit after the high end (`50~70%`, `3~5명`, `50%~70%`): the low end
is the value, the high end its second value, flagged `range`."""
UNIT_AFTER_NUMBER = re.compile(r"^[△▲\-－−]?[\d,.]+\s*(?:[~∼～〜]\s*[\d,.]+\s*)?(?:[가-힣]|%|％|㎡)")
"""The value after a word prints its unit (`60개소`, `50%`, `50~70%`, `3억원`); a bare number does not."""
POINTS = re.compile(r"^%\s*p$|^％\s*p$")
"""`2%p`: percentage points, a difference of rates."""


class ParsedNumber(NamedTuple):
    """A number read from a cell, with what was printed around it (a tuple: ~400 are made a document, one
    per cell read, and a frozen dataclass set each of its 12 fields through `object.__setattr__`)."""

    value: Decimal | None
    kind: ValueKind
    """krw, pct, count, area, other"""
    unit: str | None = None
    amount_krw: int | None = None
    secondary: Decimal | None = None
    secondary_unit: str | None = None
    pair: tuple[Decimal, Decimal] | None = None
    footnote: str | None = None
    negative: bool = False
    is_placeholder: bool = False
    flags: tuple[CellFlag, ...] = ()
    qualifier: str | None = None
    """A word printed before the number inside the brackets (`(화장로 15기)`): what the number counts."""


def _decimal(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").replace(" ", "")
    negative = cleaned[:1] in "△▲-－−"
    cleaned = cleaned.lstrip("△▲-－−+")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return -value if negative else value


@lru_cache(maxsize=4096)  # asked per cell with its column's label
def is_percent_hint(column_hint: str | None) -> bool:
    """A column label that says its numbers are percentages (`집행률(%)`, `달성률`, `%`, `(B-A)/A`)."""
    return column_hint is not None and (
        bool(RATE_WORD.search("".join(column_hint.split()))) or is_ratio_head(column_hint)
    )


def placeholder(text: str) -> bool:
    """A cell that says there is no number (`-`, `비예산`, `집계중`, `추후 공모`)."""
    return "".join(text.split()) in PLACEHOLDERS


STRAY_CLOSER = re.compile(r"^(?P<num>[△▲\-－]?\d[\d,.]*)[)）](?=\s*[(（\[])")
"""A number closing a bracket it never opened, before its bracketed second value (`450,978) (56.4%)`, a
typo of FIS 22-4 <표 5>): the closer is dropped, so the amount and its share are both read."""


DIGIT = re.compile(r"\d")
"""A digit, as `\\d` reads one (any script): every pattern here that reads a number needs one."""
PLAIN_NUMBER = re.compile(r"[△▲\-－−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
"""A bare number, maybe signed (`1,370,315`, `64.96`, `△1.5`), as most cells of a table print one: no counter,
bracket, pair or range to look for (`fullmatch`)."""
COUNTED_NUMBER = re.compile(
    r"(?P<num>[△▲\-－−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))(?P<counter>[가-힣]{1,6}|%|％|㎡)"
)
"""A bare number with its counter glued on (`914,607명`, `123개사`, `2.7%`, `900㎡`): read by `_counted`
(`fullmatch`)."""
MONEY_UNIT_MARK = any_word((*BIG_UNITS, "원"))
"""What a text must hold for `parse_amount` to find a unit printed in it (`explicit_unit`): 원 or a big unit
(만, 억, 조; the magnitudes 백만 and 천만 end in 만)."""


def parse_number(text: str, unit: str | None = None, column_hint: str | None = None) -> ParsedNumber | None:
    """The number printed in a cell, or None when the cell is not a number (text, a date).

    A bare number, a text without a digit and a number with its counter, most of a table's cells, are read
    without the patterns (`_plain_number`, `_without_digits`, `_counted`); they read as `_read_number` reads
    them."""
    spaced = " ".join((text or "").split())
    if PLAIN_NUMBER.fullmatch(spaced):
        return _plain_number(spaced, unit, column_hint)
    if not DIGIT.search(spaced):
        return _without_digits(spaced, unit, column_hint)
    counted = COUNTED_NUMBER.fullmatch(spaced)
    if counted and not is_money_unit(unit) and not MONEY_UNIT_MARK.search(spaced):
        return _counted(counted)
    return _read_number(spaced, unit, column_hint)


def _plain_number(raw: str, unit: str | None, column_hint: str | None) -> ParsedNumber | None:
    """A bare number (`PLAIN_NUMBER`): an amount in the context's money unit when it comes to whole won,
    else a rate under a percent head, else a count."""
    value = _decimal(raw)
    if value is None:
        return None
    percent = is_percent_hint(column_hint)
    multiplier = unit_multiplier(unit)
    if multiplier is not None and not percent:
        won = value * multiplier
        if won == won.to_integral_value():  # not below one won (`0.5` 원): no amount, a count
            unit_out = canonical_unit(unit or "")
            return ParsedNumber(value=value, kind="krw", unit=unit_out, amount_krw=int(won), negative=won < 0)
    if percent:
        return ParsedNumber(value, "pct", "%", negative=value < 0)
    return ParsedNumber(value, "count", None, negative=value < 0)


def _counted(match: re.Match[str]) -> ParsedNumber | None:
    """A number and its counter (`COUNTED_NUMBER`), in no money context and without 원 or a big unit: a
    rate (`%`), an area (`㎡`, `평`) or a count of what the counter names."""
    value = _decimal(match.group("num"))
    if value is None:
        return None
    counter = match.group("counter")
    if counter in ("%", "％"):
        return ParsedNumber(value, "pct", "%", negative=value < 0)
    area = AREA_UNITS.get(counter)  # `㎡` or `평`: no scaled area (`천㎡`) is a counter here
    if area:
        return ParsedNumber(value * AREA_SCALE.get(area, 1), "area", area, negative=value < 0)
    return ParsedNumber(value, "count", counter, negative=value < 0)


def _without_digits(raw: str, unit: str | None, column_hint: str | None) -> ParsedNumber | None:
    """A text without a digit: a placeholder (`-`, `비예산`), maybe in brackets or before a footnote mark
    (`(-)*`), or no number."""
    if not raw:
        return None
    if placeholder(raw):
        return ParsedNumber(value=None, kind="other", is_placeholder=True)
    superscript = SUPERSCRIPT_FOOTNOTE.search(raw) if raw[-1] in FOOTNOTE_ENDS else None
    if superscript and superscript.start() > 0:
        raw = raw[: superscript.start()].strip()
    if (raw.startswith(("(", "（")) and raw.endswith((")", "）"))) or (raw[0] == "[" and raw[-1] == "]"):
        return parse_number(raw[1:-1], unit, column_hint)
    return None


def _read_number(spaced: str, unit: str | None, column_hint: str | None) -> ParsedNumber | None:
    """`parse_number` by its patterns, for a text with its spaces folded."""
    raw = STRAY_CLOSER.sub(r"\g<num>", SQUARE_METRES.sub("㎡", spaced))
    if not raw:
        return None
    if placeholder(raw):
        return ParsedNumber(value=None, kind="other", is_placeholder=True)
    if ITEM_LABEL.match(raw):
        return None
    footnote = None
    superscript = SUPERSCRIPT_FOOTNOTE.search(raw)
    if superscript and superscript.start() > 0:
        footnote = superscript.group("mark") or superscript.group("star")
        raw = raw[: superscript.start()].strip()
    pair = PAIR.match(raw)
    if pair:
        a, b = _decimal(pair.group("a")), _decimal(pair.group("b"))
        if a is not None and b is not None:
            return ParsedNumber(
                value=a,
                kind="count",
                unit=pair.group("unit") or None,
                pair=(a, b),
                secondary=b,
                footnote=pair.group("foot")[0] if pair.group("foot") else footnote,
                negative=a < 0,
            )
    after = FOOTNOTE_AFTER.match(raw)
    if after and "(" not in raw:
        raw, footnote = after.group("num"), after.group("foot")[0]
    typo = DECIMAL_COMMA.match(raw)
    if typo and is_percent_hint(column_hint):
        value = Decimal(f"{typo.group('int')}.{typo.group('frac')}")
        return ParsedNumber(
            value=value, kind="pct", unit="%", flags=("decimal_comma_typo",), footnote=footnote
        )
    if typo:
        return ParsedNumber(value=None, kind="other", flags=("malformed_number",))
    if (raw.startswith(("(", "（")) and raw.endswith((")", "）"))) or (raw[0] == "[" and raw[-1] == "]"):
        inner = parse_number(raw[1:-1], unit, column_hint)
        named = NAMED_INNER.match(raw[1:-1].strip()) if inner is None else None
        if named:
            # a second line `(화장로 15기)` under a count: the number of the thing its word names
            inner = parse_number(named.group("number"), unit, column_hint)
            if inner is not None and inner.value is not None:
                inner = inner._replace(qualifier=named.group("name"))
        if inner is None or inner.value is None:
            return inner
        return inner._replace(flags=(*inner.flags, "parenthesized"))
    ranged = VALUE_RANGE.match(raw)
    if ranged and ranged.group("low_unit") in (None, ranged.group("unit")):
        return _range(ranged)
    worded = LEADING_WORD.match(raw)
    if worded and UNIT_AFTER_NUMBER.search(worded.group("rest")) and not worded.group("word").endswith("당"):
        # but `평당 1,722만원`, `호당 95백만원`: a price per unit, no amount of the row
        return _after_word(parse_number(worded.group("rest"), unit, column_hint))
    money_context = not is_percent_hint(column_hint) and (is_money_unit(unit) or MONEY_UNIT_MARK.search(raw))
    money = parse_amount(raw, 0, unit) if money_context else None  # no amount to read, no parse
    if money is not None and (money.explicit_unit or is_money_unit(unit)):
        main = MAIN.match(raw)
        printed_unit = _money_unit_text(raw, main) or (canonical_unit(unit) if unit else None)
        compound = bool(main and main.group("rest") and main.group("rest")[:1].isdigit())
        printed = _decimal(main.group("num")) if main and printed_unit and not compound else None
        value = printed if printed is not None else Decimal(money.won)
        printed_unit = printed_unit if printed is not None else "원"
        secondary, secondary_unit = _secondary(main)
        return ParsedNumber(
            value=value,
            kind="krw",
            unit=printed_unit,
            amount_krw=money.won,
            secondary=secondary,
            secondary_unit=secondary_unit,
            negative=money.won < 0,
            footnote=footnote,
        )
    main = MAIN.match(raw)
    if not main:
        return None
    number = _decimal(main.group("num"))
    if number is None:
        return None
    value = number
    counter = main.group("unit") or ""
    rest = (main.group("rest") or "").strip()
    if counter in BIG_UNITS and _count_word(rest):
        counter, rest = f"{counter}{rest}", ""  # `0.31억 어절` counts words as `20.3억어절` does
    bounded = BOUND_THEN_BRACKET.match(rest)
    if bounded and bool(counter) and counter not in ORDINAL_COUNTERS and not main.group("second"):
        # `50% 이내` / `(공적임대 공급시 70%)`: the bound, then the bracketed second value
        main = MAIN.match(f"{main.group('num')}{counter} {bounded.group('bracket')}") or main
        rest = (main.group("rest") or "").strip()
    bound = rest in BOUND_WORDS and bool(counter) and counter not in ORDINAL_COUNTERS
    if rest and not rest.startswith(("※", "*")) and not bound:
        return None  # but `1,660명 이내` (at most 1,660 명): the value is the number
    secondary, secondary_unit = _secondary(main)
    if POINTS.match(counter):
        return ParsedNumber(value, "pct", "%p", negative=value < 0, footnote=footnote)
    negative = value < 0
    if counter in ("%", "％") or (not counter and is_percent_hint(column_hint)):
        return ParsedNumber(
            value,
            "pct",
            "%",
            secondary=secondary,
            secondary_unit=secondary_unit,
            negative=negative,
            footnote=footnote,
        )
    area = AREA_UNITS.get(canonical_unit(counter)) if counter else None
    if area:
        scaled = value * AREA_SCALE.get(area, 1)
        return ParsedNumber(
            scaled,
            "area",
            "㎡" if area in AREA_SCALE else area,
            secondary=secondary,
            secondary_unit=secondary_unit,
            negative=negative,
            footnote=footnote,
        )
    if counter and not re.fullmatch(r"[가-힣A-Za-z]{1,6}", counter):
        return None
    return ParsedNumber(
        value,
        "count",
        counter or None,
        secondary=secondary,
        secondary_unit=secondary_unit,
        negative=negative,
        footnote=footnote,
    )


BOUND_THEN_BRACKET = re.compile(rf"^(?:{'|'.join(BOUND_WORDS)})\s*(?P<bracket>[(（\[].*[)）\]])$")
"""A bound, then a bracketed second value (`이내 (공적임대 공급시 70%)`)."""
WORDED_KINDS = ("count", "pct", "area", "krw")
COUNT_MAGNITUDES = "십백천만억조"


def _after_word(parsed: ParsedNumber | None) -> ParsedNumber | None:
    """The value printed after a word, when it is a quantity with its unit (`60개소`, `2%p`, `50%`); a bare
    number (`민간 3`) or an ordinal (`제 3기`, `1단계`) after a word stays text."""
    if parsed is None or parsed.value is None or parsed.kind not in WORDED_KINDS:
        return None
    if parsed.kind == "count" and (
        not parsed.unit or parsed.unit in ORDINAL_COUNTERS or parsed.unit[0] in COUNT_MAGNITUDES
    ):
        return None  # nor a count in a magnitude word read as a counter (`약 7천여대`: about 7,000, not 7)
    return parsed


def _range(match: re.Match[str]) -> ParsedNumber | None:
    """`50~70%`: 50 %, up to 70 %; a range of rates or counts (`3~5명`) only: not of ordinals (`1~3단계`),
    hours (`9~18시`) or money."""
    unit = "%" if match.group("unit") in ("%", "％") else match.group("unit")
    low, high = _decimal(match.group("low")), _decimal(match.group("high"))
    if low is None or high is None or (unit != "%" and unit not in COUNTERS):
        return None
    kind: ValueKind = "pct" if unit == "%" else "count"
    return ParsedNumber(low, kind, unit, secondary=high, secondary_unit=unit, flags=("range",))


def _count_word(text: str) -> bool:
    """Whether `text` is only a count word (`어절`, `명`): after `억`/`만` it makes the number a count."""
    match = COUNTER_AFTER_SPACE.match(f" {text}")
    return match is not None and match.end() == len(text) + 1


def _secondary(main: re.Match[str] | None) -> tuple[Decimal | None, str | None]:
    """The value printed in brackets after the main one: `27(27)`, `213(18.5%)`, `100.53㎡(30평)`,
    `1 (화장로 15기)`."""
    if not main or not main.group("second"):
        return None, None
    inner = re.match(rf"^\s*(?P<num>{SIGNED})\s*(?P<unit>\S*)\s*$", main.group("second"))
    if not inner:
        named = NAMED_SECOND.match(main.group("second"))
        if named and any(word in named.group("name") for word in COMPARISON_WORDS):
            return None, None  # `3 (전년 대비 5)`: a change against another figure, no second value
        # `34 (스크린235)`: 34 cinemas with 235 screens; the word is what the second number counts
        return (_decimal(named.group("num")), named.group("name")) if named else (None, None)
    unit = canonical_unit(inner.group("unit")) or None
    return _decimal(inner.group("num")), unit


def _money_unit_text(raw: str, main: re.Match[str] | None) -> str | None:
    if not main:
        return None
    unit = canonical_unit(main.group("unit") or "")
    return unit if is_money_unit(unit) else None


RATE_DECIMALS = (0, 1, 2)
"""Reports print a rate rounded or cut to this many decimals; any of them counts as agreeing."""


def rate_agrees(target: float, actual: float, printed: float) -> bool:
    """Whether `printed` is actual/target in percent, rounded or cut to 0-2 decimals (`532/470` -> 113.2)."""
    if target == 0:
        return False
    ratio = actual / target * 100
    for decimals in RATE_DECIMALS:
        scale = 10**decimals
        for read in (round(ratio * scale), math.floor(ratio * scale), math.ceil(ratio * scale)):
            if abs(read / scale - printed) < 1e-6:
                return True
    return False
