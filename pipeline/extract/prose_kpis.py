"""KPI facts written in prose: a target line, and the result lines of the same block.

- `❍ 목 표 : 4,400건` under a project heading: the project's target (no actual: a plan);
- `- (목표) 5조 5,818억원 : 지방세 5조 1,015억원, 세외수입 4,803억원` and, in the same block, `- (성과)
  5조 8,131억원 징수 : …`: target and actual of the block's program; the parts of the target (when they
  add up to it) are programs of their own, their actuals from the result's footnote naming the same parts
  (`* 지방세 5조 3,267억원(2,252억↑), 세외수입 4,864억원(61억↑)`).
- `-(결과) 예산현액 92.3% 집행 ▹ 목표(90.8%) 1.5%p 초과` (a result line printing its target after the target
  word): actual and target of the block's program; the next line's `(본청) 95.9% (구·군) 86.6%` are its parts,
  actuals of their own; a target in small type printed inside the line (a PDF reads it onto a line of its
  own) is read where it is printed;
- `목표액 (2,600억원) 대비 649억원 초과`: the target, and as actual the target and the excess when the block
  prints that sum (`… 3,249억원 지방세 세원확충`: what is measured is the words after it);
- `외국어 메뉴판 지원 (2,000개소)` … `지원 대상 음식점 2,070개소 선정 (달성률 103.5%)`: a result with its
  achievement rate, and as target the bracketed quantity of the block in the same unit the rate is the
  ratio to; the program is the item that quantity is printed after;
- `해외 취업자수 지표(달성률 ’20년 101% → ’21년 77.9%)`, `사고 사망률 달성도(82% → 70%)`: an indicator's
  achievement rate changing from one year to the next, one rate-only fact per year (the year as printed,
  else the later one is the year the headings name);
- `작은 사업장 중심 감독 대폭 확대 (’25년 2.4만개→ ’26년 5만개)`: a change in brackets to a year not before
  the report's is the program's target, the earlier year's figure its actual (`year_change_kpis`).
The target must be the first thing after its key and the only number before the next clause (`목표 : 3개
분야 10개 과제` is a description, not a target); the actual must measure the same thing (money with money,
the same counter, % with %). The program is the nearest heading above the line at the level of a project
(□ or above), the period the year its headings name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.prose import Prose
from pipeline.lexicon.patterns import BULLET_START, find_year, strip_bullets
from pipeline.lexicon.words import (
    ACHIEVEMENT_WORDS,
    ARROW_MARKS,
    OFFICE_SUFFIXES,
    RESULT_WORDS,
    TARGET_KEYS,
    compact,
)
from pipeline.normalize import find_money, parse_number
from pipeline.normalize.numbers import rate_agrees
from pipeline.normalize.units import count_scale
from pipeline.schemas.document import Document, Line, Section
from pipeline.schemas.facts import KpiFact

PROGRAM_MAX_LEVEL = 4
"""A KPI's program is a heading at this level or above (Ⅰ. / 1 / ① / □); ○ and - lines are its steps."""
KEYED = re.compile(
    r"^(?:[(（]\s*(?P<bracketed>[가-힣\s]{2,8}?)\s*[)）]\s*[:：]?|(?P<plain>[가-힣\s]{2,8}?)\s*[:：])\s*"
)
"""A line's key: `(목표) …`, `목 표 : …`, `(성과) …`."""
TARGET_KEY_LETTER = "표"
"""A letter every key of TARGET_KEYS prints, spaced out or not (`목 표`): a line without it is no target."""
LEADING_WORDS = re.compile(r"^(?:총|연간|연|약|최대)\s*")
QUANTITY = re.compile(r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>%|[가-힣]{1,3})")
NOT_MEASURES = ("년", "월", "일", "분기", "차", "차년도", "회차")
"""Units of a date or an order (`목표 : 2026년 완공`), never what a target counts."""
CLAUSE_STOP = re.compile(r"[:：*※(（,]")
NAME_STOP = re.compile(r"[:：,，()（）\[\]｢｣「」『』*※ㆍ]|\d")
"""What ends the clause before a name printed in a sentence: a key's colon, a bracket, a number."""
CONNECTIVES = ("통해", "통한", "위해", "위한", "따라", "따른", "대한", "대해", "기준")
"""Words that end the clause before an indicator's name (`… 이행을 통해 업무상 질병 처리기간`)."""
LIST_ENDS = ("등",)
"""A word closing a list of examples before what they are examples of (`명절 성수기 등 개체동일성 검사`)."""
RATE_AFTER = re.compile(
    r"(?P<word>" + "|".join(ACHIEVEMENT_WORDS) + r")\s*[:：]?\s*(?P<rate>\d+(?:\.\d+)?)\s*%"
)
FOOTNOTE = re.compile(r"^\s*[*※]")
_RATE = r"(?:(?P<{y}>[’'‘`]\d{{2}}|(?:19|20)\d{{2}})\s*년?\s*)?(?P<{r}>\d+(?:\.\d+)?)\s*%"
RATE_CHANGE = re.compile(
    r"(?:"
    + "|".join(ACHIEVEMENT_WORDS)
    + r")\s*[(（]?\s*"
    + _RATE.format(y="y1", r="r1")
    + r"\s*(?:"
    + "|".join(re.escape(m) for m in ARROW_MARKS)
    + r")\s*"
    + _RATE.format(y="y2", r="r2")
)
"""`달성률 ’20년 101% → ’21년 77.9%`, `달성도(82% → 70%)`: an achievement rate from one year to the next."""
PROGRAM_STOP = re.compile(r"[,，()（）:：]")
CHANGE_PREDICATE = re.compile(
    r"\s*(?:[이가]\s+)?(?:크게|소폭|대폭|다소)?\s*(?:하락|상승|감소|증가|개선|악화)\S*$"
)
"""`지표가 크게 하락`: what happened to the indicator, not its name."""
OFFICE_TOPIC = re.compile(r"(?P<office>[가-힣]{2,}(?:" + "|".join(OFFICE_SUFFIXES) + r"))[은는]\s")
"""`고용노동부는 …`: the office a sentence is about opens the indicator's name (`고용노동부 산업재해 …`)."""


@dataclass(frozen=True)
class Quantity:
    """A number and its unit as printed at the start of a value (money in won, unit 원)."""

    value: float
    unit: str
    end: int


def clause_tail(text: str) -> list[str]:
    """The words at the end of `text` that can name what a figure after them measures: after the last
    clause stop, connective, list end or object (`…을`), without bullets (`기술 활용(예: 드론) 등을 통해 작은
    사업장 중심 감독 대폭 확대` -> `작은 사업장 중심 감독 대폭 확대`)."""
    words = strip_bullets(NAME_STOP.split(text)[-1]).split()
    for k in range(len(words) - 1, -1, -1):
        ended = words[k] in LIST_ENDS or any(words[k].endswith(c) for c in CONNECTIVES)
        if ended or re.search(r"[을를]$", words[k]):
            return words[k + 1 :]
    return words


@lru_cache(maxsize=4096)  # each line is asked by prose_kpis, inline_target_kpis and the blocks' results
def _key(text: str) -> tuple[str, str] | None:
    """(key, value) of a keyed line without its bullets: (`목표`, `4,400건`)."""
    stripped = strip_bullets(text)
    match = KEYED.match(stripped)
    if not match:
        return None
    return compact(match["bracketed"] or match["plain"]), stripped[match.end() :]


def leading_quantity(value: str) -> Quantity | None:
    """The quantity a value starts with: money (`5조 5,818억원`, in won), a count (`4,400건`) or a
    percentage; None when the value starts with words or a date."""
    lead = LEADING_WORDS.match(value)
    start = lead.end() if lead else 0
    money = find_money(value[start:])
    if money and money[0].start == 0 and money[0].amount_krw is not None:
        return Quantity(float(money[0].amount_krw), "원", start + money[0].end)
    match = QUANTITY.match(value, start)
    if not match:
        return None
    parsed = parse_number(match[0])
    if parsed is None or parsed.value is None or parsed.kind not in ("count", "pct"):
        return None
    unit = parsed.unit or match["unit"]
    if unit in NOT_MEASURES:
        return None
    return Quantity(float(parsed.value), unit, match.end())


def _alone(value: str, quantity: Quantity) -> bool:
    """No other number in the target's clause (`2,700억원 세원확충 * …` yes, `3개 분야 10개 과제` no)."""
    rest = CLAUSE_STOP.split(value[quantity.end :], maxsplit=1)[0]
    return not re.search(r"\d", rest)


def labelled_parts(text: str, unit: str) -> dict[str, float]:
    """`지방세 5조 1,015억원, 세외수입 4,803억원` -> {지방세: …, 세외수입: …}: each piece a label and a
    quantity in `unit`; empty when a piece is anything else."""
    parts: dict[str, float] = {}
    for piece in re.split(r"(?<!\d)[,，]|[,，](?!\d)", text):
        match = re.match(r"^\s*(?P<label>[가-힣][가-힣·ㆍ\s]{0,12}?)\s*(?=\d)", piece)
        if not match:
            return {}
        quantity = leading_quantity(piece[match.end() :])
        if quantity is None or quantity.unit != unit:
            return {}
        parts[compact(match["label"])] = quantity.value
    return parts


def named_amounts(text: str, labels: set[str], unit: str) -> dict[str, float]:
    """The quantities a footnote gives for some of `labels` (`* 지방세5조3,267억원(…), 세외수입4,864억원`)."""
    found: dict[str, float] = {}
    for label in labels:
        at = compact(text).find(label)
        if at < 0:
            continue
        # the position in the printed text of the letters after the label
        seen, pos = 0, 0
        while pos < len(text) and seen < at + len(label):
            seen += 0 if text[pos].isspace() else 1
            pos += 1
        quantity = leading_quantity(text[pos:].lstrip())
        if quantity is not None and quantity.unit == unit:
            found[label] = quantity.value
    return found


def _program(by_id: dict[str, Section], line: Line) -> Section | None:
    """The heading a KPI line belongs to: the nearest enclosing section at a project's level, not the
    line itself when the line is a heading."""
    section = by_id.get(line.section_id or "")
    while section is not None and (section.level > PROGRAM_MAX_LEVEL or section.first_line == line.number):
        section = by_id.get(section.parent_id or "")
    return section


def _period(by_id: dict[str, Section], section: Section) -> str | None:
    current: Section | None = section
    while current is not None:
        year = find_year(current.title)
        if year:
            return str(year)
        current = by_id.get(current.parent_id or "")
    return None


def prose_kpis(
    document: Document, by_id: dict[str, Section] | None = None, prose: Prose | None = None
) -> list[KpiFact]:
    """Every target written in prose with its actual where the block reports one."""
    by_id = by_id if by_id is not None else {s.section_id: s for s in document.sections}
    prose = prose or Prose(document)
    lines = prose.lines
    facts: list[KpiFact] = []
    for i in prose.holding_at(TARGET_KEY_LETTER):
        line = lines[i]
        keyed = _key(line.text)
        if keyed is None or keyed[0] not in TARGET_KEYS:
            continue
        value = keyed[1]
        target = leading_quantity(value)
        program = _program(by_id, line)
        if target is None or program is None or not _alone(value, target):
            continue
        rest = value[target.end :].lstrip()
        parts = labelled_parts(rest[1:], target.unit) if rest[:1] in ":：" else {}
        if parts and abs(sum(parts.values()) - target.value) > 1e-6 * max(target.value, 1):
            parts = {}
        block = [later for later in lines[i + 1 :] if later.number <= program.last_line]
        actual, rate, found_parts = _result(block, target.unit, set(parts))
        common = {
            "doc_id": document.doc_id,
            "table_id": None,
            "period": _period(by_id, program),
            "line": line.number,
            "page": line.page,
        }
        facts.append(
            KpiFact(
                program=program.title,
                target_value=target.value,
                target_unit=target.unit,
                actual_value=actual,
                actual_unit=target.unit if actual is not None else None,
                achievement_pct=rate,
                **common,
            )
        )
        for label, planned in parts.items():
            done = found_parts.get(label)
            facts.append(
                KpiFact(
                    program=f"{program.title} {label}",
                    target_value=planned,
                    target_unit=target.unit,
                    actual_value=done,
                    actual_unit=target.unit if done is not None else None,
                    **common,
                )
            )
    return (
        facts
        + inline_target_kpis(document, by_id, prose)
        + rated_result_kpis(document, by_id, prose)
        + rate_change_kpis(document, by_id)
    )


PERCENT = r"\d+(?:\.\d+)?\s*%(?!\s*p)"
INLINE_TARGET = re.compile(
    r"(?:" + "|".join(TARGET_KEYS) + r")\s*[(（]?\s*(?P<target>" + PERCENT + r")\s*[)）]?"
)
"""`목표(90.8%)` inside a result line; not `목표 1.5%p 초과` (the excess in points)."""
RESULT_PERCENT = re.compile(r"^(?P<label>[가-힣·ㆍ\s]{0,12}?)\s*(?P<actual>" + PERCENT + r")")
"""The result a value leads with: `예산현액 92.3%`."""
PART_PERCENT = re.compile(r"[(（](?P<label>[가-힣·ㆍ]{1,8})[)）]\s*(?P<value>" + PERCENT + r")")
"""`(본청)95.9%`: a part of a result, labelled in brackets."""
BRACKETED_TARGET = re.compile(
    r"(?:" + "|".join(TARGET_KEYS) + r")\s*[(（]\s*(?P<target>[^()（）]{1,20})[)）]"
    r"\s*대비\s*(?P<excess>[^,，\s]+)\s*초과"
)
"""`목표액 (2,600억원) 대비 649억원 초과`."""
EXCESS_MARK = "대비"
"""A word every `BRACKETED_TARGET` prints: a line without it is not searched."""
RESULT_KEY_LETTERS = tuple(sorted({word[-1] for word in RESULT_WORDS}))
"""A letter of each key of RESULT_WORDS, printed whether the key is spaced out or not (`성 과`): a line
holding none of them and no EXCESS_MARK is neither a result nor a target's excess."""


def inline_target_kpis(
    document: Document, by_id: dict[str, Section], prose: Prose | None = None
) -> list[KpiFact]:
    """Result lines that print their target in them (`-(결과) 예산현액 92.3%집행 ▹ 목표(90.8%)`) with the
    parts on the line after (`-(본청)95.9% (구·군)86.6% (공기업)93.4%`), and targets printed as the base of
    an excess (`목표액 (2,600억원) 대비 649억원 초과`) whose sum the block prints."""
    prose = prose or Prose(document)
    read = prose.read
    facts: list[KpiFact] = []
    for i in prose.read_holding_at(*RESULT_KEY_LETTERS, EXCESS_MARK):
        line, text = read[i]
        keyed = _key(text)
        result_line = keyed is not None and keyed[0] in RESULT_WORDS
        if not result_line and EXCESS_MARK not in text:
            continue  # neither a result nor a target's excess: no program looked up
        program = _program(by_id, line)
        if program is None:
            continue
        if keyed is not None and result_line:
            result = RESULT_PERCENT.match(keyed[1])
            target = INLINE_TARGET.search(keyed[1])
            if result and target:
                common = _placed(document, by_id, program, line)
                facts.append(
                    KpiFact(
                        program=program.title,
                        target_value=_percent(target["target"]),
                        target_unit="%",
                        actual_value=_percent(result["actual"]),
                        actual_unit="%",
                        **common,
                    )
                )
                parts = PART_PERCENT.findall(read[i + 1][1]) if i + 1 < len(read) else []
                start = strip_bullets(read[i + 1][1]) if parts else ""
                if parts and PART_PERCENT.match(start):
                    following = read[i + 1][0]
                    facts += [
                        KpiFact(
                            program=f"{program.title} {label}",
                            actual_value=_percent(value),
                            actual_unit="%",
                            **{**common, "line": following.number, "page": following.page},
                        )
                        for label, value in parts
                    ]
                continue
        excess = BRACKETED_TARGET.search(text) if EXCESS_MARK in text else None
        if excess:
            block = [t for later, t in read if program.first_line <= later.number <= program.last_line]
            fact = _excess_fact(excess, block)
            if fact is not None:
                placed = _placed(document, by_id, program, line)
                facts.append(KpiFact(program=program.title, **fact, **placed))
    return facts


def _placed(
    document: Document, by_id: dict[str, Section], program: Section, line: Line
) -> dict[str, str | int | None]:
    """Where a fact read on `line` of `program`'s block sits: document, period, line and page. Made only
    for a fact: the period walks the headings up (most lines of a block make none)."""
    period = _period(by_id, program)
    return {"doc_id": document.doc_id, "period": period, "line": line.number, "page": line.page}


def _percent(text: str) -> float:
    return float(text.replace("%", "").strip())


def _excess_fact(match: re.Match[str], block: list[str]) -> dict[str, object] | None:
    """Target and actual (the target and the excess) of `목표액 (2,600억원) 대비 649억원 초과` when a line
    of the block prints the actual; what is measured is the words after it (`3,249억원 지방세 세원확충`)."""
    target, excess = leading_quantity(match["target"]), leading_quantity(match["excess"])
    if target is None or excess is None or target.unit != excess.unit:
        return None
    actual = target.value + excess.value
    for text in block:
        for mention in find_money(text) if target.unit == "원" else []:
            if mention.amount_krw is not None and abs(mention.amount_krw - actual) < 1e-6 * actual:
                after = CLAUSE_STOP.split(text[mention.end :], maxsplit=1)[0].strip()
                return {
                    "measure": after or None,
                    "target_value": target.value,
                    "target_unit": target.unit,
                    "actual_value": actual,
                    "actual_unit": target.unit,
                }
    return None


RATED_RESULT = re.compile(
    r"(?P<actual>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[가-힣]{1,3})(?:\s+[가-힣]{1,6}){0,2}\s*[(（]\s*(?:"
    + "|".join(ACHIEVEMENT_WORDS)
    + r")\s*(?P<rate>\d+(?:\.\d+)?)\s*%\s*[)）]"
)
"""`2,070개소 선정 (달성률 103.5%)`: what was achieved and its rate."""
ACHIEVEMENT_STEM = "달성"
"""What every word of ACHIEVEMENT_WORDS starts with (a test checks it)."""


def _may_rate(text: str) -> bool:
    """Whether a line can print an achievement rate (`RATED_RESULT`, `RATE_CHANGE`): both need an
    achievement word and a percent sign; most lines hold neither and are not searched."""
    return "%" in text and ACHIEVEMENT_STEM in text


BRACKETED_QUANTITY = re.compile(r"[(（]\s*(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[가-힣]{1,3})\s*[)）]")


def rated_result_kpis(
    document: Document, by_id: dict[str, Section], prose: Prose | None = None
) -> list[KpiFact]:
    """A result printed with its achievement rate (`음식점 2,070개소 선정 (달성률 103.5%)`) whose target is a
    bracketed quantity of its block in the same unit that the rate is the ratio to (`메뉴판 지원 (2,000개소)`:
    2,070 / 2,000 = 103.5%): one fact for the item that target is printed after."""
    prose = prose or Prose(document)
    lines = prose.lines
    facts: list[KpiFact] = []
    for line in prose.holding(ACHIEVEMENT_STEM):
        if not _may_rate(line.text):
            continue
        for match in RATED_RESULT.finditer(line.text):
            program = _program(by_id, line)
            actual, rate = parse_number(match["actual"]), float(match["rate"])
            if program is None or actual is None or actual.value is None:
                continue
            done = float(actual.value)
            for other in lines:
                if not program.first_line <= other.number <= program.last_line or other is line:
                    continue
                for target in BRACKETED_QUANTITY.finditer(other.text):
                    planned = parse_number(target["value"])
                    if target["unit"] != match["unit"] or planned is None or planned.value is None:
                        continue
                    item = strip_bullets(other.text[: target.start()].strip())
                    named = re.search(r"[가-힣]{2}", item) is not None
                    if not named or not rate_agrees(float(planned.value), done, rate):
                        continue
                    facts.append(
                        KpiFact(
                            doc_id=document.doc_id,
                            program=item,
                            period=_period(by_id, program),
                            target_value=float(planned.value),
                            target_unit=match["unit"],
                            actual_value=done,
                            actual_unit=match["unit"],
                            achievement_pct=rate,
                            line=line.number,
                            page=line.page,
                        )
                    )
    return facts


def rate_change_kpis(document: Document, by_id: dict[str, Section]) -> list[KpiFact]:
    """Achievement rates printed as a change (`지표(달성률 ’20년 101% → ’21년 77.9%)`): one fact per year,
    for the indicator named right before the rate (back to the clause's start, on the line above when the
    sentence wraps), without a predicate saying what it did (`지표가 크게 하락`)."""
    table_lines = document.table_lines()
    facts: list[KpiFact] = []
    previous: Line | None = None
    for line in document.lines:
        above, previous = previous, None if line.number in table_lines else line
        if previous is None or ACHIEVEMENT_STEM not in line.text:
            continue  # a table's line, or a line without an achievement word: stripped only when it has one
        text = line.text.strip()
        if not _may_rate(text):
            continue
        wrapped = above.text.strip() if above is not None and text and not BULLET_START.match(text) else ""
        for match in RATE_CHANGE.finditer(text):
            before = f"{wrapped} {text[: match.start()]}".strip()
            if before.endswith(("(", "（")):
                before = before[:-1]
            name = CHANGE_PREDICATE.sub("", PROGRAM_STOP.split(before)[-1]).strip()
            topics = list(OFFICE_TOPIC.finditer(name))
            if topics:
                name = f"{topics[-1]['office']} {name[topics[-1].end() :]}"
            program = strip_bullets(name)
            if not re.search(r"[가-힣]{2}", program):
                continue
            section = _program(by_id, line)
            later = _printed_year(match["y2"]) or (_period(by_id, section) if section else None)
            for year, rate in ((_printed_year(match["y1"]), match["r1"]), (later, match["r2"])):
                facts.append(
                    KpiFact(
                        doc_id=document.doc_id,
                        program=program,
                        period=year,
                        achievement_pct=float(rate),
                        line=line.number,
                        page=line.page,
                    )
                )
    return facts


def _printed_year(text: str | None) -> str | None:
    year = find_year(text) if text else None
    return str(year) if year else None


def _result(
    block: list[Line], unit: str, labels: set[str]
) -> tuple[float | None, float | None, dict[str, float]]:
    """(actual, achievement %, actuals of the target's parts) from the first result line of a block that
    measures in the target's unit, and the footnotes right after it."""
    for k, line in enumerate(block):
        keyed = _key(line.text)
        if keyed is None or keyed[0] not in RESULT_WORDS:
            continue
        quantity = leading_quantity(keyed[1])
        if quantity is None or quantity.unit != unit:
            continue
        rate = RATE_AFTER.search(keyed[1])
        parts: dict[str, float] = {}
        for note in block[k + 1 :]:
            if not FOOTNOTE.match(note.text):
                break
            parts.update(named_amounts(note.text, labels - set(parts), unit))
        return quantity.value, float(rate["rate"]) if rate else None, parts
    return None, None, {}


YEAR_ARROW = re.compile(
    r"[(（]\s*(?P<y1>[’'‘`]\d{2}|(?:19|20)\d{2})\s*년?\s*(?P<a>[^→⇒()（）]+?)\s*[→⇒]\s*"
    r"(?P<y2>[’'‘`]\d{2}|(?:19|20)\d{2})\s*년?\s*(?P<b>[^→⇒()（）]+?)\s*[)）]"
)
"""A change between two years in brackets: `(’25년 2.4만개→ ’26년 5만개)`."""
YEAR_ARROW_MARKS = ("→", "⇒")
"""The arrows of `YEAR_ARROW`: a line without one is not searched (`Prose.holding`)."""


def _scaled(quantity: Quantity) -> Quantity:
    """A count in 만/천 of its counter as the counter (`2.4만개` is 24,000개)."""
    scale = count_scale(quantity.unit)
    return Quantity(quantity.value * scale[0], scale[1], quantity.end) if scale else quantity


def _whole_quantity(text: str) -> Quantity | None:
    quantity = leading_quantity(text.strip())
    return _scaled(quantity) if quantity is not None and quantity.end == len(text.strip()) else None


def year_change_kpis(
    document: Document, report_year: int | None, prose: Prose | None = None
) -> list[KpiFact]:
    """A program's change from one year to a later one, printed in brackets after it (`작은 사업장 중심 감독
    대폭 확대 (’25년 2.4만개→ ’26년 5만개)`): the later year's figure is its target when that year is not
    before the report's (a plan), the earlier one its actual. Both in the same unit, one arrow, and the
    program the words before the bracket that end the clause (`clause_tail`: after a key, `추진내용 :`)."""
    if report_year is None:
        return []
    facts: list[KpiFact] = []
    for line in (prose or Prose(document)).holding(*YEAR_ARROW_MARKS):
        found = list(YEAR_ARROW.finditer(line.text))
        if len(found) != 1 or RATE_CHANGE.search(line.text):
            continue
        match = found[0]
        first, later = find_year(match["y1"] + "년"), find_year(match["y2"] + "년")
        actual, target = _whole_quantity(match["a"]), _whole_quantity(match["b"])
        program = " ".join(clause_tail(line.text[: match.start()])).strip(" -·,")
        if (
            first is None
            or later is None
            or not first < later
            or later < report_year
            or actual is None
            or target is None
            or actual.unit != target.unit
            or not re.search(r"[가-힣]{2}", program)
            or re.search(r"\d", program)
        ):
            continue
        facts.append(
            KpiFact(
                doc_id=document.doc_id,
                program=program,
                period=str(later),
                actual_period=str(first),
                target_value=target.value,
                target_unit=target.unit,
                actual_value=actual.value,
                actual_unit=actual.unit,
                line=line.number,
                page=line.page,
            )
        )
    return facts
