"""KPI facts quoted inside a sentence of prose, where no key (`목표 :`, `(성과)`) marks them.

- `임금체불 청산율 88.3%로 역대 최고 (’25.9월 기준)`, `’25.10월 기준 고용률(63.4%), 경제활동참가율(64.8%)`:
  a rate named by its 율/률 word on a line that dates it (`… 기준`) is that indicator's actual at that date;
- `처리기간 ’26년말 160일 (’27년말 120일) 까지 단축`: quantities each printed after a year, the run followed
  by `까지` (by when), are the indicator's targets for those years;
- `장애인 의무고용률 상향 (민간: 3.1→’29 3.5%/공공:3.8→’29 4.0%)`: a change in brackets from a figure of now
  to a figure of a later year is that year's target and the current actual, one fact per labelled part;
- `OECD 평균 수준(1,700시간대)을 목표로 실노동시간 단축 본격 추진`: a quantity set as the goal (`… 을 목표로`)
  is the target of what follows it (`1,700시간대`, a round figure and the range above it, is 1,700시간).
The indicator is the words right before the figure back to the start of the clause, on the line above when
the sentence wraps there; a predicate saying what is done to it (`상향`, `본격 추진`) is not part of it.
"""

from __future__ import annotations

import re

from pipeline.extract.prose import Prose
from pipeline.extract.prose_kpis import clause_tail
from pipeline.lexicon.patterns import BULLET_START, find_year
from pipeline.lexicon.words import ACHIEVEMENT_WORDS, ARROW, ARROW_MARKS, TARGET_KEYS, any_word, compact
from pipeline.normalize import parse_date, parse_number
from pipeline.normalize.units import count_scale
from pipeline.schemas.document import Document, Line
from pipeline.schemas.facts import KpiFact

PREDICATES = ("상향", "하향", "상승", "하락", "증가", "감소", "확대", "축소", "본격", "추진", "달성", "도입")
"""Words after an indicator's name saying what is done to it (`의무고용률 상향`, `단축 본격 추진`)."""
MAX_NAME_WORDS = 4
"""An indicator's name is at most this many words; a longer run of words is a sentence."""

NUMBER = r"\d[\d,]*(?:\.\d+)?"
SHORT_YEAR = r"(?:[’'‘`]\d{2}|(?:19|20)\d{2})"
AS_OF = re.compile(
    r"(?P<date>" + SHORT_YEAR + r"\s*(?:년|\.)\s*\d{1,2}\s*월?(?:\s*\.?\s*\d{1,2}\s*일?\.?)?)"
    r"\s*(?:말\s*)?기준"
)
"""The date a figure is valid at: `’25.9월 기준`, `2025년 10월 말 기준`."""
NAMED_RATE = re.compile(
    r"(?P<name>[가-힣·ㆍ]*[율률])\s*[(（]?\s*(?P<value>" + NUMBER + r")\s*%(?!\s*p)\s*[)）]?"
)
"""A rate printed after the word naming it: `청산율 88.3%`, `고용률(63.4%)`."""
DATED_QUANTITY = re.compile(
    r"[(（]?\s*(?P<year>" + SHORT_YEAR + r")\s*년\s*(?:말|초)?\s*"
    r"(?P<value>" + NUMBER + r")\s*(?P<unit>[가-힣%]{1,3})\s*[)）]?"
)
"""`’26년말 160일`, `(’27년말 120일)`: a quantity for a year."""
BY_WHEN = re.compile(r"^\s*까지")
YEAR_UNITS = ("년", "월", "분기", "차")
"""Units of a date, never what a target counts (`’26년 3월`)."""


def _part_change(n: int) -> str:
    """One part of a change to a later year's figure, its groups numbered `n`: `민간: 3.1→’29 3.5%`."""
    return (
        rf"(?:(?P<label{n}>[가-힣]{{1,6}})\s*[:：]\s*)?(?P<now{n}>{NUMBER})\s*(?P<now_unit{n}>%)?\s*{ARROW}"
        rf"\s*(?P<year{n}>{SHORT_YEAR})\s*년?\s*(?P<then{n}>{NUMBER})\s*(?P<unit{n}>%|[가-힣]{{1,3}})"
    )


TARGET_CHANGE = re.compile(
    r"[(（]\s*" + _part_change(1) + r"(?:\s*[/,，]\s*" + _part_change(2) + r")?\s*[)）]"
)
"""`(민간: 3.1→’29 3.5%/공공:3.8→’29 4.0%)`, `(3.1→’29 3.5%)`: now → a later year's figure, by part."""
RAISED_TARGET = re.compile(
    r"[(（]\s*(?:" + "|".join(TARGET_KEYS) + r")\s*[:：]?\s*(?P<before>" + NUMBER + r")"
    r"\s*(?P<before_unit>[가-힣%]{1,3})?"
    r"\s*" + ARROW + r"\s*(?P<after>" + NUMBER + r")\s*(?P<unit>[가-힣%]{1,3})\s*[)）]"
)
"""`(목표 : 350건→400건)`: a target raised (or lowered) from one figure to another."""
GOAL = re.compile(
    r"(?P<value>" + NUMBER + r")\s*(?P<unit>[가-힣]{1,3}?|%)(?P<range>대)?\s*[)）]?\s*[을를]\s*목표로\s*"
    r"(?P<program>[^,，.(（:：]+)"
)
"""`(1,700시간대) 을 목표로 실노동시간 단축 본격 추진`: a goal figure and what it is the goal of."""


def _name(text: str) -> str | None:
    """The indicator named at the end of `text` (`clause_tail`) without the predicate after it, at most
    MAX_NAME_WORDS; None when no Hangul word is left."""
    words = clause_tail(text)
    while len(words) > 1 and words[-1] in PREDICATES:
        words.pop()
    if not words or len(words) > MAX_NAME_WORDS or not re.search(r"[가-힣]{2}", " ".join(words)):
        return None
    return " ".join(words)


def _quantity(value: str, unit: str) -> tuple[float, str] | None:
    """A figure and its unit, a count in 만/천 of its counter as the counter (`2.4만개` is 24,000개);
    None for a date's unit (`’26년 3월`)."""
    parsed = parse_number(f"{value}{unit}")
    if parsed is None or parsed.value is None or unit in YEAR_UNITS:
        return None
    found = float(parsed.value), parsed.unit or unit
    scale = count_scale(found[1])
    return (found[0] * scale[0], scale[1]) if scale else found


def _without_predicates(name: str) -> str:
    """`민간·공공 장애인 의무고용률 상향` -> `민간·공공 장애인 의무고용률`."""
    words = name.split()
    while len(words) > 1 and words[-1] in PREDICATES:
        words.pop()
    return " ".join(words)


AS_OF_MARK = "기준"
BY_WHEN_MARK = "까지"
GOAL_MARK = "목표로"
TARGET_MARK = "목표"
"""Words every `AS_OF`, `BY_WHEN`, `GOAL`, `RAISED_TARGET` prints (each key of TARGET_KEYS holds `목표`): a
line without the word is not searched for the pattern, and most lines hold none."""
ARROW_MARK = any_word(ARROW_MARKS)
"""Any arrow: `TARGET_CHANGE` and `RAISED_TARGET` print one."""


def _wrapped_before(previous: Line | None, line: Line, text: str) -> str:
    """The text before a position on a line, after the previous line's when the sentence wraps onto it
    (the line starts with no bullet)."""
    if previous is None or previous.page != line.page or BULLET_START.match(line.text.strip()):
        return text
    return f"{previous.text.strip()} {text}"


def dated_rate_kpis(document: Document, prose: Prose | None = None) -> list[KpiFact]:
    """Rates named by their 율/률 word on a line that dates them (`… 청산율 88.3%로 역대 최고 (’25.9월
    기준)`): each the actual of its indicator at that date. Achievement rates (달성률) are not indicators."""
    facts: list[KpiFact] = []
    for line in (prose or Prose(document)).holding(AS_OF_MARK):
        as_of = AS_OF.search(line.text)
        date = parse_date(as_of["date"]) if as_of else None
        if date is None:
            continue
        for match in NAMED_RATE.finditer(line.text):
            name = _name(line.text[: match.start()] + match["name"])
            if name is None or compact(match["name"]) in ACHIEVEMENT_WORDS:
                continue
            facts.append(
                KpiFact(
                    doc_id=document.doc_id,
                    program=name,
                    period=date.iso,
                    actual_value=float(match["value"].replace(",", "")),
                    actual_unit="%",
                    line=line.number,
                    page=line.page,
                )
            )
    return facts


def dated_target_kpis(
    document: Document, report_year: int | None, prose: Prose | None = None
) -> list[KpiFact]:
    """Quantities printed each after a year (`처리기간 ’26년말 160일 (’27년말 120일) 까지 단축`), the run
    followed by `까지`: the targets of the indicator named before the first, one per year, for years not
    before the report's."""
    if report_year is None:
        return []
    facts: list[KpiFact] = []
    prose = prose or Prose(document)
    lines = prose.lines
    for k in prose.holding_at(BY_WHEN_MARK):
        line = lines[k]
        text = line.text
        run: list[re.Match[str]] = []
        for match in DATED_QUANTITY.finditer(text):
            if run and text[run[-1].end() : match.start()].strip():
                run = []
            run.append(match)
        if not run or not BY_WHEN.match(text[run[-1].end() :]):
            continue
        before = _wrapped_before(lines[k - 1] if k else None, line, text[: run[0].start()])
        name = _name(before)
        if name is None:
            continue
        for match in run:
            year = find_year(match["year"] + "년")
            target = _quantity(match["value"], match["unit"])
            if year is None or year < report_year or target is None:
                continue
            facts.append(
                KpiFact(
                    doc_id=document.doc_id,
                    program=name,
                    period=str(year),
                    target_value=target[0],
                    target_unit=target[1],
                    line=line.number,
                    page=line.page,
                )
            )
    return facts


def target_change_kpis(
    document: Document, report_year: int | None, prose: Prose | None = None
) -> list[KpiFact]:
    """A change in brackets from a figure of now to a later year's (`의무고용률 상향 (민간: 3.1→’29 3.5%/
    공공:3.8→’29 4.0%)`): per part, the later year's figure is the target and the first the current actual
    (in the target's unit when it prints none). A leading word listing the parts (`민간·공공`) is not part of
    the indicator's name. Small raised years are read where they are printed (`with_insets`)."""
    if report_year is None:
        return []
    facts: list[KpiFact] = []
    prose = prose or Prose(document)
    read = prose.read
    for k in prose.read_holding_at(*ARROW_MARKS):
        line, text = read[k]
        for match in TARGET_CHANGE.finditer(text):
            previous = read[k - 1][0] if k else None
            name = _name(_wrapped_before(previous, line, text[: match.start()]))
            if name is None:
                continue
            labels = [match[f"label{n}"] for n in (1, 2) if match[f"now{n}"] is not None]
            words = name.split()
            if len(words) > 1 and all(label and label in words[0] for label in labels):
                name = " ".join(words[1:])  # `민간·공공 …`: the parts, listed before the name
            for n in (1, 2):
                if match[f"now{n}"] is None:
                    continue
                year = find_year(match[f"year{n}"] + "년")
                unit = match[f"unit{n}"]
                target = _quantity(match[f"then{n}"], unit)
                actual = _quantity(match[f"now{n}"], unit)
                if year is None or year < report_year or target is None or actual is None:
                    continue
                if match[f"now_unit{n}"] not in (None, unit):
                    continue
                label = match[f"label{n}"]
                facts.append(
                    KpiFact(
                        doc_id=document.doc_id,
                        program=f"{name} ({label})" if label else name,
                        period=str(year),
                        target_value=target[0],
                        target_unit=target[1],
                        actual_value=actual[0],
                        actual_unit=actual[1],
                        line=line.number,
                        page=line.page,
                    )
                )
    return facts


def raised_target_kpis(document: Document, prose: Prose | None = None) -> list[KpiFact]:
    """A target changed in brackets (`개체동일성 검사 건수 확대(목표 : 350건→400건)`): the new figure is the
    target of the indicator named before the bracket; the old one was a target too, not an actual, so the
    fact has none."""
    facts: list[KpiFact] = []
    for line in (prose or Prose(document)).holding(TARGET_MARK):
        if not ARROW_MARK.search(line.text):
            continue
        for match in RAISED_TARGET.finditer(line.text):
            name = _name(line.text[: match.start()])
            target = _quantity(match["after"], match["unit"])
            if name is None or target is None or match["before_unit"] not in (None, match["unit"]):
                continue
            facts.append(_target_only(document, line, name, target))
    return facts


def goal_kpis(document: Document, prose: Prose | None = None) -> list[KpiFact]:
    """A figure set as the goal (`OECD 평균 수준(1,700시간대)을 목표로 실노동시간 단축 본격 추진`): the
    target of what follows it, named without its predicate and in two words at least (`…을 목표로 구축중`
    names no indicator). `N시간대` (the range from a round figure) is N."""
    facts: list[KpiFact] = []
    for line in (prose or Prose(document)).holding(GOAL_MARK):
        for match in GOAL.finditer(line.text):
            name = _without_predicates(match["program"].strip())
            target = _quantity(match["value"], match["unit"])
            if not 2 <= len(name.split()) <= MAX_NAME_WORDS or target is None:
                continue
            facts.append(_target_only(document, line, name, target))
    return facts


def _target_only(document: Document, line: Line, name: str, target: tuple[float, str]) -> KpiFact:
    """A fact stating only a target (no actual, no period of its own), on the line that prints it."""
    return KpiFact(
        doc_id=document.doc_id,
        program=name,
        target_value=target[0],
        target_unit=target[1],
        line=line.number,
        page=line.page,
    )


def sentence_kpis(document: Document, report_year: int | None, prose: Prose | None = None) -> list[KpiFact]:
    """Every KPI quoted inside a sentence (see the module's docstring)."""
    prose = prose or Prose(document)
    return (
        dated_rate_kpis(document, prose)
        + dated_target_kpis(document, report_year, prose)
        + target_change_kpis(document, report_year, prose)
        + raised_target_kpis(document, prose)
        + goal_kpis(document, prose)
    )
