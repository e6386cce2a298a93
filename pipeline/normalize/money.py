"""Money as reports print it, to an exact integer number of won.

An amount is a chain of groups `NUMBER [천|백|십|백만|천만] [조|억|만]` ending, optionally, in `원`:
`1조 4천억원`, `170억 2천만원`, `4조 4,075억`, `20,255백만원`, `3.2조원`, `341,800천원`. A group's number may
itself be written in native digit words (`2천5백`만, `5천5백`억: `1억2천5백만원`, `3천5백만원`). `약 4천억원`
is an amount marked approximate; `3~20억원` and `1~1.5억원` are ranges (low and high, the low end taking the
high end's unit when it prints none), never one guessed number. A bare number takes
the unit of its context (a table's `(단위 : 천원)`, a header's `예산(천원)`), and only then: with no unit
anywhere it is not money. Something glued right after the amount (`1억 5천만회`, `1만2천개사`, `45개`,
`64.96%`, `2021년`) makes it a count, not money. Arithmetic is Decimal, never float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pipeline.lexicon.words import COUNTERS, CURRENCY_WORDS, FUNDING_SOURCES, MONEY_WORDS, any_word
from pipeline.normalize.units import BIG_UNITS, SUB_UNITS, unit_multiplier

NUMBER = re.compile(
    r"\d(?:\d{0,2}(?:,\d{3})*,0\d(?=\s*[천백십]?[만억조]?\s*원)"
    r"|\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d*(?:\.\d+)?)"
)
"""A number as printed: `1,234.5`, `1234`; a last comma group of two digits starting with 0 right before
a unit and 원 (`최대 12,00만원`) is a misprint of a thousands group: a reader takes the digits (1,200만원),
since a list of numbers never holds `00`. The first digit stands before the alternatives, so that a search
skips from digit to digit (the engine's first-character scan) instead of trying each alternative at every
character of a line."""
SIGNS = "△▲-－−"
"""Signs that make a number negative, in cells (`pipeline.normalize.numbers`) and in prose alike."""
MARK_FREE_SIGNS = "△▲−"
"""Signs that are never list marks: in prose they may stand one space before the number (`증감 △ 20억원`)."""
DASH_SIGNS = "-－"
"""Signs that are also list marks (`- 국비 20억원`): a minus in prose only when written against the number,
after no letter or digit (`2020-2023` is a span of years, `20억원-30억원` a range)."""
PREFIXES = re.compile(r"^(?:약|총|최대|최소|연간?|월|年|각|약\s*총)\s*")
AFTER_ALLOWED = re.compile(
    r"^(?:\s|$|[()（）\[\]<>,.;:/~※*×xX+=\-↑↓]|이내|내외|이상|이하|정도|규모|수준|상당|초과|미만|여|씩)"
)
"""What may follow an amount without making it a count (`5억 이내`, `15억(5%)`, `4,800천원 (구비)`, a rise
`(2,252억↑)`)."""


MAGNITUDE_SUBS = ("백만", "천만")
"""Digit words that are whole magnitudes: written without 원 at the end of a clause they still mean won."""
CLAUSE_END = re.compile(r"\s*(?:$|[),;]|\.(?!\d))")
"""Where a clause ends after an amount: the end of the text, a closing bracket, a comma, a full stop."""

COUNTER_AFTER_SPACE = re.compile(rf"^\s+(?:{'|'.join(COUNTERS)})(?![가-힣])")
"""A count word after a space (`0.31억 어절`): the amount counts things, not won."""
COUNTER_GLUED = re.compile(rf"(?:{'|'.join(COUNTERS)})")
"""A count word right after `여` (`5만여명`, `30여개`): about so many things, not won."""
SPACED_SYLLABLE = re.compile(r" [가-힣](?![가-힣])")
"""One syllable standing alone after a space: the rest of a letter-spaced word (`조 직`, `조 정`)."""

CURRENCY_AFTER = re.compile(
    r"\s*(?P<word>" + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True)) + ")"
    r"(?=$|[^가-힣A-Za-z]|(?:으로|로|을|를|이|은|는|의|에|와|과|도|씩|가|대|어치|수준|규모|상당|이상|이하|내외|정도"
    r"|이내|초과|미만)(?![가-힣]))"
)
"""A currency word after an amount (`141.5억 달러로`, `98억불`, `3,000달러`): the amount is in that currency,
not won. The word stands alone or before a particle (`불용액`, `엔진`, `불가능` are not currencies)."""

DATE_LIKE = re.compile(r"^[’'‘`]?\d{2,4}\s*\.\s*\d{1,2}\s*\.(?:\s*\d{1,2}\s*\.?)?")


NATIVE_DIGITS: dict[str, int] = {"천": 1_000, "백": 100, "십": 10}
"""Digit words that chain inside one group (`2천5백`만 = 2,500만), each smaller than the one before."""

APPROXIMATE_BEFORE = re.compile(r"(?:약|대략|약\s*총|총\s*약)\s*$")
APPROXIMATE_AFTER = re.compile(r"^\s*(?:여|내외|정도|가량|안팎)")
"""Words around an amount that make it approximate: `약 4천억원`, `150억원 내외`, `30억여원`."""

RANGE_MARKS = "~∼～〜"
RANGE_DASH = re.compile(rf"\s*[{RANGE_MARKS}]\s*")
"""The mark between the two ends of a range: `3~20억원`, `1 ∼ 1.5억원`."""


@dataclass(frozen=True)
class Amount:
    """A parsed amount: won, where it ends in the text, and the multiplier its last bare number used."""

    won: int
    end: int
    unit_multiplier: int
    explicit_unit: bool
    """True when the text itself printed a unit (원, 천원, 억 ...), False when it came from context."""
    approximate: bool = False
    currency: str | None = None
    """The ISO code of a foreign currency (`141.5억 달러`: USD), whose amount `won` then holds in that
    currency's units; None for won. Only `parse_amount(foreign=True)` gives one."""


@dataclass(frozen=True)
class MoneyRange:
    """`3~20억원`: both ends in won, and where the range starts and ends in the text."""

    low: int
    high: int
    start: int
    end: int
    approximate: bool = False


@dataclass
class MoneyMention:
    """One money amount found in prose, with its breakdown into funding sources when printed.

    A range has `amount_krw` None and both ends in `low`/`high`; `parts` are (label, won), the label the
    canonical funding source when it names one (`국비`), else the part's own label (`시설비`)."""

    raw_text: str
    start: int
    end: int
    amount_krw: int | None
    parts: list[tuple[str, int]] = field(default_factory=list)
    approximate: bool = False
    low: int | None = None
    high: int | None = None
    unit_won: int = 1
    """Won per bare number in this amount's unit (`9,640백만원` -> 1,000,000): what bare parts inherit."""
    shares: list[tuple[str, Decimal]] = field(default_factory=list)
    """(label, percent) when the bracket after the amount gives its parts as shares
    (`242,000천원(국비50%, 시비50%)`)."""
    currency: str | None = None
    """The ISO code of a foreign currency (`141.5억 달러`: USD), with `amount_krw` None; None for won."""
    amount: int | None = None
    """A foreign amount in its currency's units (`141.5억 달러`: 14,150,000,000)."""


def _to_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _whole(value: Decimal) -> int | None:
    """An exact integer number of won, or None when the printed decimals go below one won."""
    return int(value) if value == value.to_integral_value() else None


def parse_amount(
    text: str,
    start: int = 0,
    unit: str | None = None,
    require_unit: bool = False,
    range_end: bool = False,
    foreign: bool = False,
) -> Amount | None:
    """The amount that starts at `start` (signs and 약/총 allowed before it), or None.

    An end of a range (`3~20억원`) is not an amount on its own; `range_end` reads the high end. An amount
    followed by a currency word (`141.5억 달러`) is not won: None, unless `foreign` asks for it, with its
    currency."""
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
        sub, cursor = _word_at(text, cursor, SUB_WORDS)
        if sub and len(sub) == 2 and sub.endswith("만") and text[cursor - 1] == "만":
            after = _skip_spaces(text, cursor)
            if _won_at(text, cursor) is None and NUMBER.match(text, after):
                sub, cursor = sub[0], cursor - 1  # `3백만5천원`: the digit 3백, then the big unit 만
        scale = SUB_UNITS[sub] if sub else 1
        if sub in NATIVE_DIGITS:
            chained, chain_end = _native_chain(text, number * scale, cursor, scale)
            if chain_end != cursor:
                number, cursor, scale = chained, chain_end, 1
        big, cursor = _word_at(text, cursor, BIG_WORDS)
        won_end = _won_at(text, cursor)
        multiplier = scale * (BIG_UNITS[big] if big else 1)
        if big:
            if won_end is None and _spaced_word(text, match.end(), cursor):
                return None  # `3 조 직`: a heading number before a letter-spaced word (조직), no 조
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
        if foreign and CURRENCY_AFTER.match(text, cursor):  # `3,000달러`, `1억 5천만 달러`
            total += number * scale
            explicit, groups, pos, last_multiplier = True, groups + 1, cursor, scale
            break
        if sub and groups:
            return None
        if groups:
            break
        if sub in MAGNITUDE_SUBS and CLAUSE_END.match(text, cursor):
            # `직접비용 1,638.89백만` (백만원 cut short, closing its clause): a magnitude of won, as `80억` is
            total, groups, pos, last_multiplier = number * scale, 1, cursor, int(scale)
            explicit = True
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
    elif text[pos : pos + 1] == "여" and COUNTER_GLUED.match(text, pos + 1):
        return None  # `5만여명`: about 50,000 people
    currency = None if won_printed else CURRENCY_AFTER.match(text, pos)
    if currency is not None:
        if not foreign:
            return None
        pos = currency.end()
    # `1,207,655백만원포함` (a text layer without spaces): 원 after a unit ends the amount whatever follows;
    # a bare `3원` glued to a word (`3원칙`) does not
    glued_ok = (won_printed and last_multiplier > 1) or currency is not None
    if not (glued_ok or AFTER_ALLOWED.match(text[pos:])) or (
        not won_printed and currency is None and COUNTER_AFTER_SPACE.match(text[pos:])
    ):
        return None
    if RANGE_DASH.match(text, pos):
        return None
    before = text[:start].rstrip()[-1:]
    if not range_end and before and before in RANGE_MARKS:
        return None
    won = _whole(total * sign)
    if won is None:
        return None
    approximate = bool(prefix and "약" in prefix.group(0)) or bool(APPROXIMATE_AFTER.match(text[pos:]))
    return Amount(
        won=won,
        end=pos,
        unit_multiplier=last_multiplier,
        explicit_unit=explicit,
        approximate=approximate,
        currency=CURRENCY_WORDS[currency.group("word")] if currency else None,
    )


def _spaced_word(text: str, number_end: int, unit_end: int) -> bool:
    """Whether a big unit printed apart from its number starts a letter-spaced word (`3 조 직`: 조직, the
    heading of section 3): the unit stands alone after a space and a lone syllable follows it."""
    return text[number_end : number_end + 1] == " " and bool(SPACED_SYLLABLE.match(text, unit_end))


def _native_chain(text: str, value: Decimal, cursor: int, last: int) -> tuple[Decimal, int]:
    """`2천` then `5백`, `3십`, a last digit ...: each word smaller than the one before, all one number.

    A final bare digit counts only right before a big unit or 원 (`2천5백3십7만원`)."""
    while last > 1:
        at = _skip_spaces(text, cursor, limit=1)
        match = re.match(r"\d+", text[at:])
        if not match:
            break
        digits = int(match.group(0))
        end = at + match.end()
        word = text[end : end + 1]
        if word in NATIVE_DIGITS and digits * NATIVE_DIGITS[word] < last:
            value, cursor, last = value + digits * NATIVE_DIGITS[word], end + 1, NATIVE_DIGITS[word]
            continue
        after = _skip_spaces(text, end, limit=1)
        if digits < last and (text[after : after + 1] in BIG_UNITS or text[after : after + 1] == "원"):
            value, cursor = value + digits, end
        break
    return value, cursor


RANGE_LOW = re.compile(
    rf"(?P<low>(?:{NUMBER.pattern})(?:\s*(?:천만|백만|십만|천|백|십)?\s*(?:조|억|만)?\s*원?)?)"
)


def parse_range(
    text: str, start: int = 0, unit: str | None = None, require_unit: bool = False
) -> MoneyRange | None:
    """`3~20억원`, `1~1.5억원`, `3억~20억원` starting at `start`: both ends, or None when not a range.

    The low end takes its own unit when it prints one, else the unit of the high end's last number."""
    prefix = PREFIXES.match(text[start:])
    low_at = start + (prefix.end() if prefix else 0)
    low_match = RANGE_LOW.match(text, low_at)
    if not low_match or not low_match.group("low"):
        return None
    dash = RANGE_DASH.match(text, low_match.end())
    if not dash:
        return None
    high = parse_amount(text, dash.end(), unit, require_unit=require_unit, range_end=True)
    if high is None:
        return None
    low_text = low_match.group("low").strip()
    own = parse_amount(low_text, 0, None, require_unit=True, range_end=True)
    if own is not None and own.end == len(low_text):
        low = own.won
    else:
        bare = NUMBER.fullmatch(low_text)
        number = _to_decimal(low_text) if bare else None
        whole = _whole(number * high.unit_multiplier) if number is not None else None
        if whole is None:
            return None
        low = whole
    if low > high.won:
        return None
    approximate = bool(prefix and "약" in prefix.group(0)) or high.approximate
    return MoneyRange(low=low, high=high.won, start=start, end=high.end, approximate=approximate)


def parse_money_range(text: str, unit: str | None = None) -> tuple[int, int] | None:
    """(low, high) in won of a range printed at the start of `text` (`1~1.5억원`), or None."""
    found = parse_range(text.strip(), 0, unit)
    return (found.low, found.high) if found else None


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


def signed_start(text: str, start: int) -> int:
    """Where the number at `start` begins with its sign: `-20억원`, `△20억원`, `▲20억원`, `－20억원`,
    `△ 20억원` keep their minus in prose as they do in cells; a list mark (`- 20억원`) is no sign."""
    before = text[start - 1] if start > 0 else ""
    if before and before in MARK_FREE_SIGNS:
        return start - 1
    if before and before in DASH_SIGNS and (start == 1 or not _ends_operand(text[start - 2])):
        return start - 1
    if before == " " and start >= 2 and text[start - 2] in MARK_FREE_SIGNS:
        return start - 2
    return start


def _ends_operand(char: str) -> bool:
    """Whether a dash after `char` subtracts (`21,802십억원(통합재정수지)-27,971십억원`: after a letter, a
    digit or a closing bracket) rather than signs the number after it."""
    return char.isalnum() or char in ")]）"


MONEY_MARKS = ("원", *BIG_UNITS, *CURRENCY_WORDS)
"""Without a unit from context an amount prints 원, a big unit or a currency word (`parse_amount` with
`require_unit`, the high end of a range too): a line holding none of them holds no money."""
MONEY_MARK = any_word(MONEY_MARKS)


def holds_money_mark(text: str) -> bool:
    """Whether `text` holds a money mark: without one, `find_money(text)` (no unit from context, no next
    line) finds nothing, so a caller with many short texts can pass over the rest unread."""
    return MONEY_MARK.search(text) is not None


MONEY_WORD = any_word(MONEY_WORDS)
"""Words that say a line's amounts are money (`예산`, `지원금`, `국비`): an amount in 만 without 원 needs one
before it."""


def find_money(text: str, unit: str | None = None, next_line: str = "") -> list[MoneyMention]:
    """Every money amount in a line of prose, with funding-source breakdowns attached to their total.

    An amount in a foreign currency (`141.5억 달러`) is a mention with its currency and no won; one that
    ends the line takes the currency word opening `next_line` (`141.5억` / `달러로 ...`)."""
    continued = CURRENCY_AFTER.match(next_line) if next_line else None
    if continued:
        line_end, text = len(text), f"{text} {continued.group('word')}"
        return [m for m in find_money(text, unit) if m.start < line_end]
    if unit is None and not MONEY_MARK.search(text):
        return []  # a label's unit (`LABEL_UNIT`) prints 원 or a currency word: a money mark too
    labelled = list(LABEL_UNIT.finditer(text)) if unit is None and _has_bracket(text) else []
    if labelled:
        return _in_label_units(text, labelled)
    if unit is None and not NUMBER_THEN_MARK.search(text):
        return []
    return _amounts(text, unit)


NUMBER_THEN_MARK = re.compile(
    rf"\d[\d,.\s{''.join(NATIVE_DIGITS)}]*+(?:{'|'.join(map(re.escape, MONEY_MARKS))})"
)
"""A number with a money mark after it, only digits, digit words (`2천5백`) and spaces between (`20억`,
`3,000 달러`, `1억 5천만원`): every amount found without a unit from context (`parse_amount` with
`require_unit`, the high end of a range, the amount after an arrow) holds one, so a line without one holds
no money; most lines with a money mark (`지원`, `조직`) have none and their numbers are not parsed. No mark
starts with a character of the run between, so the run is taken whole (`*+`), as in `AMOUNT_AHEAD`."""


AMOUNT_AHEAD = re.compile(
    rf"[\d,.\s{''.join(NATIVE_DIGITS)}]*+"
    rf"(?:{'|'.join(map(re.escape, MONEY_MARKS))}|[{RANGE_MARKS}]|→|⇒|➡|->)"
)
"""What follows a number that may start an amount with no unit from context: digits, digit words and
spaces, then a money mark (`20억`, `1억 5천만원`, `3,000 달러`), a range mark before a high end printing the
unit (`3~20억원`) or an arrow to an amount printing it (`120→140만원`, `ARROW`). Any other number of the line
(`2024년`, `45%`, `3개`) is passed over without trying to read a range or an amount at it. No mark starts
with a character of the run, so the run is taken whole (`*+`), never given back a character at a time."""


def _amounts(text: str, unit: str | None) -> list[MoneyMention]:
    """The amounts of `find_money`, number by number from the start of the line."""
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
        if text.startswith("조", match.end()) and ARTICLE_BEFORE.search(text, 0, start):
            pos = match.end()  # `노조법 2·3조`, `근로기준법 36조`: articles of a law
            continue
        if unit is None and not AMOUNT_AHEAD.match(text, match.end()):
            pos = match.end()  # `2024년`, `45%`: no unit after the number, and none from context
            continue
        sign_start = signed_start(text, start)
        span = parse_range(text, sign_start, unit, require_unit=unit is None)
        if span is not None:
            raw = text[sign_start : span.end].strip()
            mentions.append(
                MoneyMention(
                    raw,
                    sign_start,
                    span.end,
                    None,
                    approximate=span.approximate or _approximate_before(text, sign_start),
                    low=span.low,
                    high=span.high,
                )
            )
            pos = span.end
            continue
        amount = parse_amount(text, sign_start, unit, require_unit=unit is None, foreign=True)
        if amount is not None and amount.currency is not None:
            raw = text[sign_start : amount.end].strip()
            mentions.append(
                MoneyMention(
                    raw,
                    sign_start,
                    amount.end,
                    None,
                    approximate=amount.approximate or _approximate_before(text, sign_start),
                    currency=amount.currency,
                    amount=amount.won,
                )
            )
            pos = amount.end
            continue
        if amount is None:
            before_arrow = _unit_across_arrow(text, match, sign_start)
            if before_arrow is not None:
                mentions.append(before_arrow)
            pos = match.end()
            continue
        if _counts_not_won(text, sign_start, amount):
            pos = amount.end
            continue
        parts, end = _breakdown_after(text, amount)
        shares = [] if parts else _shares_after(text, amount)
        raw = text[sign_start : max(end, amount.end)].strip()
        mentions.append(
            MoneyMention(
                raw.rstrip(" ,"),
                sign_start,
                amount.end,
                amount.won,
                parts,
                approximate=amount.approximate or _approximate_before(text, sign_start),
                unit_won=amount.unit_multiplier if amount.explicit_unit or unit else 1,
                shares=shares,
            )
        )
        pos = max(end, amount.end)
    return mentions


def _approximate_before(text: str, start: int) -> bool:
    """`약 4천억원`: a word before the amount at `start` makes it approximate (asked only of an amount found,
    not of every number of a line)."""
    return APPROXIMATE_BEFORE.search(text[:start]) is not None


def _has_bracket(text: str) -> bool:
    """Whether a line can hold a label's unit in brackets (`LABEL_UNIT` opens one): most lines do not."""
    return "(" in text or "（" in text


LABEL_UNIT = re.compile(
    r"(?<=[가-힣])\s?[(（]\s*"
    r"(?P<unit>(?:[십백천]|백만|천만|십억)?\s?(?:만|억|조)?\s?(?:원|달러|불|유로|엔|위안))\s*[)）]"
    r"\s*[:：]"
)
"""A unit printed once in a label's bracket for the bare numbers after its colon (`해외직접투자(억불) :
(’22) 119, (’23) 105`, `사업비(백만원): 국비 300, 시비 200`); without the colon (`매출액(백만원) 309,532
308,099 8`) it is more likely a table row laid out as text, whose columns a line cannot tell."""


def _in_label_units(text: str, labelled: list[re.Match[str]]) -> list[MoneyMention]:
    """The amounts of a line whose labels print the unit of the numbers after them: each bare number takes
    the unit of the last such label before it (in a foreign currency, `억불`: an amount in dollars); an
    amount printing its own unit keeps it; text before the first label is read as any line."""
    mentions = find_money(text[: labelled[0].start()])
    for at, label in enumerate(labelled):
        end = labelled[at + 1].start() if at + 1 < len(labelled) else len(text)
        unit = "".join(label.group("unit").split())
        word = next((w for w in CURRENCY_WORDS if unit.endswith(w)), None)
        won_unit = f"{unit[: -len(word)]}원" if word else unit
        for money in find_money(text[label.end() : end], unit=won_unit):
            money.start, money.end = money.start + label.end(), money.end + label.end()
            bare = NUMBER.fullmatch(money.raw_text.lstrip(SIGNS).strip()) is not None
            if word and bare and money.amount_krw is not None:
                money.currency, money.amount, money.amount_krw = CURRENCY_WORDS[word], money.amount_krw, None
            mentions.append(money)
    return mentions


ARTICLE_BEFORE = re.compile(r"법\s?(?:\d+\s?[·,]\s?)*$")
"""A law's name right before numbers (`노조법 2·3조`): the numbers with 조 are its articles, not trillions."""
ORG_COUNT = re.compile(r"\d+\s?(?:국|본부|실|처|과|팀|센터|단|관|소|부|원|사업소)(?![가-힣])")
"""A count of organisation units (`1센터`, `14팀`, `53팀(소)`): 원 among them is an institute (`1원`)."""
ORG_COUNT_BEFORE = re.compile(ORG_COUNT.pattern + r"\s*$")
MAN_ONLY = 10_000


def _counts_not_won(text: str, start: int, amount: Amount) -> bool:
    """Amounts a reader takes for counts whatever their unit: a bare `N원` among counts of organisation
    units (`1국 3본부 1센터 1원 14팀`, `10처2원53팀`: 원 is an institute), and `N만` without 원 where
    nothing before it on the line names money (`청년 70만`, `(20만 세트)`: people and things, while
    `지원금 월 20만` is money)."""
    raw = text[start : amount.end].rstrip()
    if amount.unit_multiplier == 1 and raw.endswith("원"):
        return bool(ORG_COUNT_BEFORE.search(text, 0, start) or ORG_COUNT.match(text[amount.end :].lstrip()))
    if amount.unit_multiplier == MAN_ONLY and not raw.endswith("원") and not re.search("[억조]", raw):
        return not MONEY_WORD.search(text, 0, start)
    return False


ARROW = re.compile(r"\s*(?:→|⇒|➡|->)\s*")
"""A change from one amount to another (`월120→140만원`)."""


def _unit_across_arrow(text: str, match: re.Match[str], sign_start: int) -> MoneyMention | None:
    """A bare number before an arrow to an amount with its unit is in that unit (`월120→140만원`: 120만원
    then 140만원), as the low end of a range takes the unit of its high end."""
    arrow = ARROW.match(text, match.end())
    if arrow is None:
        return None
    after = parse_amount(text, arrow.end(), None, require_unit=True)
    if after is None or not after.explicit_unit:
        return None
    value = Decimal(match.group().replace(",", "")) * after.unit_multiplier
    won = int(-value if sign_start < match.start() else value)
    return MoneyMention(
        text[sign_start : match.end()].strip(), sign_start, match.end(), won, unit_won=after.unit_multiplier
    )


def _shares_after(text: str, amount: Amount) -> list[tuple[str, Decimal]]:
    """The shares printed in the bracket right after an amount (`(국비50%, 시비50%)`)."""
    pos = _skip_spaces(text, amount.end)
    close = _closing(text, pos) if pos < len(text) and text[pos] in "([（" else None
    return labelled_shares(text[pos + 1 : close]) if close is not None else []


def _breakdown_after(text: str, amount: Amount) -> tuple[list[tuple[str, int]], int]:
    """Funding-source parts in the bracket right after an amount, and where the bracket ends."""
    pos = _skip_spaces(text, amount.end)
    groups: list[str] = []
    end = amount.end
    inside = INSIDE_BREAKDOWN.match(text, amount.end)
    if inside is not None:  # `(50백만원-국25,시25)`: the parts follow a dash inside the amount's own bracket
        inner = labelled_parts(inside.group("parts"), amount.unit_multiplier)
        if inner:
            return inner, inside.end("parts")
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
    labelled = labelled_parts(groups[0], unit_won)
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


INSIDE_BREAKDOWN = re.compile(r"\s*[-:：]\s*(?P<parts>[^()（）\[\]]+?)\s*[)）\]]")
"""A breakdown after a dash or colon that closes the bracket the amount opens (`(50백만원-국25,시25)`)."""
PART = re.compile(r"^(?P<label>[^\d\s△▲\-(:：][^\d△▲(:：]*?)\s*[:：]?\s*(?P<value>[△▲\-]?\d.*)$")
"""One labelled part: `국 55억`, `시설비 9,100`, `보상금: 450`."""
A_DIGIT = re.compile(r"\d")
"""A digit, as `PART` reads one in a part's value."""
PART_LABEL = re.compile(r"[가-힣]|^[A-Z]{2,}$")
"""A part's label holds Hangul or is an acronym (`BTL`: build-transfer-lease)."""
MAX_PART_LABEL = 12
"""A part's label is a short word (`국비`, `시설비`, `보상금`); longer text is prose, not a breakdown."""
PART_SEPARATOR = re.compile(
    r"\s*/\s*|,\s+|,(?=[^\d\s])|(?<=[\d억원만천조])\s+(?=[가-힣A-Za-z][^\d\s]*\s*[:：]?\s*[△▲\-]?\d)"
    r"|(?<=\d)(?=(?![천백십만억조원])[가-힣A-Za-z][^\d\s,/()]*\s*[:：]?\s*\d)"
)
"""Between two parts: a slash, a comma, or only a space before the next label and its number
(`국비 0.45억 지방비 1.05억`, `국비 1.2 시비 0.9 구비 0.9`), or nothing at all where a text layer lost the
space (`일반 19,730특별 8,174기금 3,509BTL4,269`: a label glued to the number before it, not a unit)."""


def labelled_parts(group: str, unit_won: int) -> list[tuple[str, int]]:
    """`국 55억, 시30억, 구69억` / `시설비 9,100 / 운영비 540` -> (label, won) parts, bare numbers in
    `unit_won`; [] when the text is not a breakdown of two or more labelled amounts. A funding-source
    label is canonical (`국` -> `국비`), any other keeps its printed words."""
    parts: list[tuple[str, int]] = []
    for label, value in _labelled_pieces(group):
        won = _part_won(value, unit_won)
        if won is None:
            return []
        parts.append((label, won))
    return parts if len(parts) >= 2 else []


SHARE = re.compile(r"^(?P<pct>\d+(?:\.\d+)?)\s*%$")


def labelled_shares(group: str) -> list[tuple[str, Decimal]]:
    """`국비50%, 시비50%` -> (label, percent) parts: a breakdown printed as shares of the amount before it;
    [] unless two or more labelled pieces are all percentages."""
    if "%" not in group:
        return []  # every share prints its %: most brackets after an amount are not split into pieces
    shares: list[tuple[str, Decimal]] = []
    for label, value in _labelled_pieces(group):
        match = SHARE.match(value.strip())
        if not match:
            return []
        shares.append((label, Decimal(match.group("pct"))))
    return shares if len(shares) >= 2 else []


def _labelled_pieces(group: str) -> list[tuple[str, str]]:
    """The (label, value text) pieces of a breakdown bracket, labels canonical; [] when a piece has no
    label of a part (a sentence, a date)."""
    if not A_DIGIT.search(group):
        return []  # every part's value holds a digit (`PART`): a heading (`추진현황`) is not split at all
    pieces = [p.strip() for p in PART_SEPARATOR.split(group) if p.strip()]
    found: list[tuple[str, str]] = []
    for piece in pieces:
        match = PART.match(piece)
        if not match:
            if re.match(r"^[’'‘(]", piece):
                continue
            return []
        label = "".join(match.group("label").split())
        source = FUNDING_SOURCES.get(label)
        if source is None and not (0 < len(label) <= MAX_PART_LABEL and PART_LABEL.search(label)):
            return []
        found.append((source or label, match.group("value")))
    return found


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


def _unit_words(words: dict[str, int]) -> re.Pattern[str]:
    """The words of a unit table as one pattern for `_word_at`: up to three spaces, then a word, the longest
    first (`천만` before `천`). No word starts with a space, so the spaces are taken whole (`+`)."""
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile(" {0,3}+(" + "|".join(map(re.escape, longest_first)) + ")")


SUB_WORDS = _unit_words(SUB_UNITS)
BIG_WORDS = _unit_words(BIG_UNITS)
"""The unit words `parse_amount` looks for after a number, compiled once: one match at each number, not a
test per word."""


def _word_at(text: str, pos: int, words: re.Pattern[str]) -> tuple[str | None, int]:
    """The word of `words` (`_unit_words`: the longest) at `pos` (up to three spaces before it), and the
    position after it; (None, pos) when none is there."""
    match = words.match(text, pos)
    return (match[1], match.end()) if match else (None, pos)


def _won_at(text: str, pos: int) -> int | None:
    """Position after `원` at `pos` (one space allowed before it), or None."""
    at = _skip_spaces(text, pos, limit=1)
    return at + 1 if text[at : at + 1] == "원" else None


def _skip_spaces(text: str, pos: int, limit: int = 3) -> int:
    count = 0
    while pos < len(text) and text[pos] == " " and count < limit:
        pos, count = pos + 1, count + 1
    return pos


BRACKET_PAIRS = {"(": ")", "[": "]", "（": "）"}


def _closing(text: str, pos: int) -> int | None:
    """Where the bracket opening at `pos` closes, brackets of its kind nested in it counted; None when it
    is left open. Found from closing bracket to closing bracket (`str.find`), not a step per character: it
    closes at the first one with as many of its kind opened before it as closed."""
    opening = text[pos]
    closing = BRACKET_PAIRS[opening]
    opened = closed = 0
    at = pos
    close = text.find(closing, pos)
    while close >= 0:
        opened += text.count(opening, at, close)
        closed += 1
        if opened == closed:
            return close
        at = close + 1
        close = text.find(closing, at)
    return None


def _group_end(text: str, start: int) -> int:
    pos = _skip_spaces(text, start)
    close = _closing(text, pos) if pos < len(text) and text[pos] in "([（" else None
    return close + 1 if close is not None else start
