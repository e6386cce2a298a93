"""Money as reports print it, to an exact integer number of won.

An amount is a chain of groups `NUMBER [천|백|십|백만|천만] [조|억|만]` ending, optionally, in `원`:
`1조 4천억원`, `170억 2천만원`, `4조 4,075억`, `20,255백만원`, `3.2조원`, `341,800천원`. A bare number takes
the unit of its context (a table's `(단위 : 천원)`, a header's `예산(천원)`), and only then: with no unit
anywhere it is not money. Something glued right after the amount (`1억 5천만회`, `1만2천개사`, `45개`,
`64.96%`, `2021년`) makes it a count, not money. Arithmetic is Decimal, never float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pipeline.lexicon.words import FUNDING_SOURCES
from pipeline.normalize.units import BIG_UNITS, SUB_UNITS, unit_multiplier

NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?")
SIGNS = "△▲-－−"
PREFIXES = re.compile(r"^(?:약|총|최대|최소|연간?|월|年|각|약\s*총)\s*")
AFTER_ALLOWED = re.compile(
    r"^(?:\s|$|[()（）\[\]<>,.;:/~※*×xX+=\-]|이내|내외|이상|이하|정도|규모|수준|상당|초과|미만|여|씩)"
)
"""What may follow an amount without making it a count (`5억 이내`, `15억(5%)`, `4,800천원 (구비)`)."""


COUNTER_AFTER_SPACE = re.compile(
    r"^\s+(?:명|개|건|회|어절|종|점|곳|개소|개사|팀|가구|세대|톤|부|권|그루|대)(?![가-힣])"
)
"""A count word after a space (`0.31억 어절`): the amount counts things, not won."""

DATE_LIKE = re.compile(r"^[’'‘`]?\d{2,4}\s*\.\s*\d{1,2}\s*\.(?:\s*\d{1,2}\s*\.?)?")


@dataclass(frozen=True)
class Amount:
    """A parsed amount: won, where it ends in the text, and the multiplier its last bare number used."""

    won: int
    end: int
    unit_multiplier: int
    explicit_unit: bool
    """True when the text itself printed a unit (원, 천원, 억 ...), False when it came from context."""


@dataclass
class MoneyMention:
    """One money amount found in prose, with its breakdown into funding sources when printed."""

    raw_text: str
    start: int
    end: int
    amount_krw: int
    parts: list[tuple[str, int]] = field(default_factory=list)


def _to_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _whole(value: Decimal) -> int | None:
    """An exact integer number of won, or None when the printed decimals go below one won."""
    return int(value) if value == value.to_integral_value() else None


def parse_amount(
    text: str, start: int = 0, unit: str | None = None, require_unit: bool = False
) -> Amount | None:
    """The amount that starts at `start` (signs and 약/총 allowed before it), or None."""
    pos = start
    sign = 1
    rest = text[pos:]
    stripped = rest.lstrip()
    pos += len(rest) - len(stripped)
    if stripped[:1] and stripped[0] in SIGNS:
        sign, pos = -1, pos + 1
    prefix = PREFIXES.match(text[pos:])
    if prefix:
        pos += prefix.end()
    while pos < len(text) and text[pos] == " ":
        pos += 1
    total = Decimal(0)
    explicit = won_printed = False
    last_multiplier = 1
    groups = 0
    while True:
        match = NUMBER.match(text, pos)
        if not match:
            break
        number = _to_decimal(match.group(0))
        if number is None:
            return None
        cursor = match.end()
        sub, cursor = _word_at(text, cursor, SUB_UNITS)
        big, cursor = _word_at(text, cursor, BIG_UNITS)
        won_end = _won_at(text, cursor)
        multiplier = (SUB_UNITS.get(sub, 1) if sub else 1) * (BIG_UNITS[big] if big else 1)
        if big:
            total += number * multiplier
            explicit, groups, pos = True, groups + 1, cursor
            last_multiplier = multiplier
            if won_end is not None:
                pos, won_printed = won_end, True
                break
            nxt = _skip_spaces(text, pos)
            if NUMBER.match(text, nxt):
                pos = nxt
                continue
            break
        if won_end is not None:
            total += number * multiplier
            explicit, groups, pos, last_multiplier = True, groups + 1, won_end, multiplier
            won_printed = True
            break
        if sub and groups:
            return None
        if groups:
            break
        if sub:
            return None
        context = unit_multiplier(unit)
        if require_unit or context is None:
            return None
        total, groups, pos, last_multiplier = number * context, 1, cursor, context
        break
    if not groups:
        return None
    if text[pos : pos + 1] == "여" and _won_at(text, pos + 1) is not None:
        pos = _won_at(text, pos + 1) or pos
    if not AFTER_ALLOWED.match(text[pos:]) or (not won_printed and COUNTER_AFTER_SPACE.match(text[pos:])):
        return None
    if text[pos : pos + 1] == "~" or (start > 0 and text[start - 1 : start] == "~"):
        return None
    won = _whole(total * sign)
    if won is None:
        return None
    return Amount(won=won, end=pos, unit_multiplier=last_multiplier, explicit_unit=explicit)


def parse_money(text: str, unit: str | None = None) -> int | None:
    """The amount in won printed at the start of `text`, or None when it is not money.

    `unit` is the unit that applies from context to a bare number; a unit on the value overrides it.
    """
    if not text or DATE_LIKE.match(text.strip().lstrip(SIGNS)):
        return None
    amount = parse_amount(text.strip(), 0, unit)
    return amount.won if amount else None


def parse_money_breakdown(text: str, unit: str | None = None) -> list[tuple[str, int]]:
    """(funding source, won) pairs of the breakdown printed after an amount, parts in the total's unit.

    `154억원(국 55억, 시30억, 구69억)`, `29,324백만원(국 5,760 / 시 19,907 / 구 3,657)`,
    `24,000천원 (국비/시비/구비/민간) (16,800/2,880/1,920/...)`.
    """
    stripped = text.strip()
    amount = parse_amount(stripped, 0, unit)
    if amount is None:
        return []
    parts, _ = _breakdown_after(stripped, amount)
    return parts


def find_money(text: str, unit: str | None = None) -> list[MoneyMention]:
    """Every money amount in a line of prose, with funding-source breakdowns attached to their total."""
    mentions: list[MoneyMention] = []
    pos = 0
    while pos < len(text):
        match = NUMBER.search(text, pos)
        if not match:
            break
        start = match.start()
        before = text[start - 1] if start > 0 else " "
        ordinal = before == "제"  # 제18조 is an article of a law, 제321회 a session: numbers, not money
        if ordinal or before.isdigit() or (before.isascii() and before.isalpha()) or before in ".,’'‘~":
            pos = match.end()
            continue
        sign_start = start - 1 if start > 0 and text[start - 1] in "△▲" else start
        amount = parse_amount(text, sign_start, unit, require_unit=unit is None)
        if amount is None:
            pos = match.end()
            continue
        parts, end = _breakdown_after(text, amount)
        raw = text[sign_start : max(end, amount.end)].strip()
        mentions.append(MoneyMention(raw.rstrip(" ,"), sign_start, amount.end, amount.won, parts))
        pos = max(end, amount.end)
    return mentions


def _breakdown_after(text: str, amount: Amount) -> tuple[list[tuple[str, int]], int]:
    """Funding-source parts in the bracket right after an amount, and where the bracket ends."""
    pos = _skip_spaces(text, amount.end)
    groups: list[str] = []
    end = amount.end
    while pos < len(text) and text[pos] in "([（":
        close = _closing(text, pos)
        if close is None:
            break
        groups.append(text[pos + 1 : close])
        end = close + 1
        pos = _skip_spaces(text, end)
        if len(groups) == 2:
            break
    if not groups:
        return [], amount.end
    unit_won = amount.unit_multiplier
    labelled = _labelled_parts(groups[0], unit_won)
    if labelled:
        return labelled, end if len(groups) == 1 else _group_end(text, amount.end)
    if len(groups) == 2:
        sources = [FUNDING_SOURCES.get("".join(s.split())) for s in re.split(r"[/·,]", groups[0])]
        separator = "/" if "/" in groups[1] else ","
        values = [v.strip() for v in groups[1].split(separator)]
        if sources and all(sources) and len(values) == len(sources):
            parts: list[tuple[str, int]] = []
            for source, value in zip(sources, values, strict=True):
                if source is None:
                    continue
                won = _part_won(value, unit_won)
                if won is not None:
                    parts.append((source, won))
            if parts:
                return parts, end
    return [], amount.end


def _labelled_parts(group: str, unit_won: int) -> list[tuple[str, int]]:
    """`국 55억, 시30억, 구69억` / `국 5,760 / 시 19,907 / 구 3,657` -> parts, or [] if not a breakdown."""
    pieces = [p.strip() for p in re.split(r"\s*/\s*|,\s+|,(?=[^\d\s])", group) if p.strip()]
    parts: list[tuple[str, int]] = []
    for piece in pieces:
        match = re.match(r"^(?P<label>[^\d\s△▲\-(]+)\s*(?P<value>[△▲\-]?\d.*)$", piece)
        if not match:
            if re.match(r"^[’'‘(]", piece):
                continue
            return []
        source = FUNDING_SOURCES.get(match.group("label").strip())
        if source is None:
            return []
        won = _part_won(match.group("value"), unit_won)
        if won is None:
            return []
        parts.append((source, won))
    return parts if len(parts) >= 2 else []


def _part_won(value: str, unit_won: int) -> int | None:
    """A part's amount: its own unit if it prints one, else the total's."""
    value = re.sub(r"\s*\(.*$", "", value.strip())
    amount = parse_amount(value, 0, None, require_unit=True)
    if amount is not None:
        return amount.won
    match = re.fullmatch(r"[△▲\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[△▲\-]?\d+(?:\.\d+)?", value)
    if not match:
        return None
    number = _to_decimal(value.lstrip("△▲-"))
    if number is None:
        return None
    sign = -1 if value[:1] in "△▲-" else 1
    return _whole(number * unit_won * sign)


def _word_at(text: str, pos: int, words: dict[str, int]) -> tuple[str | None, int]:
    """The longest of `words` at `pos` (spaces before it allowed), and the position after it."""
    at = _skip_spaces(text, pos)
    for word in sorted(words, key=len, reverse=True):
        if text.startswith(word, at):
            return word, at + len(word)
    return None, pos


def _won_at(text: str, pos: int) -> int | None:
    """Position after `원` at `pos` (one space allowed before it), or None."""
    at = _skip_spaces(text, pos, limit=1)
    return at + 1 if text[at : at + 1] == "원" else None


def _skip_spaces(text: str, pos: int, limit: int = 3) -> int:
    count = 0
    while pos < len(text) and text[pos] == " " and count < limit:
        pos, count = pos + 1, count + 1
    return pos


def _closing(text: str, pos: int) -> int | None:
    pairs = {"(": ")", "[": "]", "（": "）"}
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == text[pos]:
            depth += 1
        elif text[i] == pairs[text[pos]]:
            depth -= 1
            if depth == 0:
                return i
    return None


def _group_end(text: str, start: int) -> int:
    pos = _skip_spaces(text, start)
    close = _closing(text, pos) if pos < len(text) and text[pos] in "([（" else None
    return close + 1 if close is not None else start
