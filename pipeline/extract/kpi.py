"""KPI facts: what was planned and what was achieved, for a program and period, in every shape reports use.

- 목표 / 실적 (or 성과) / 달성률 columns: one fact per row;
- grouped headers (`계획: 대상 인원 · 예산` / `실적: 지원 인원 · 집행액 · 집행률`): each planned column is
  paired with the actual column of the same words or, failing that, of the same kind (count with count,
  money with money, in order), one fact per pair; money in won; a rate column beside them is the pair's
  achievement (`집행률` goes with the money pair);
- `’24 실적 → ’25 목표` columns: `85 → 90` cells give the actual of one year and the target of the next;
- yearly 실적 tables: years as columns (program × year) or as rows (year × indicator);
- a result table without a stub under a caption naming a year's results (`(’24 운영성과) … 1,110건 상담`
  over `합계 | 민사 | 형사` and one row of counts): each column's count is that year's actual;
- 성과지표 tables of 사업설명자료: rows 목표 / 실적 / 달성도 under each indicator, columns by year;
- `성과지표 (’24년 → ’25년)` captions over tables without column heads: one year's actual, the next's target.
A funding-source row (`국비`, `시비`) is never a program, and budget tables by year are not KPI tables.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.lexicon.cellkinds import YEAR_LABEL
from pipeline.lexicon.labels import label_parts
from pipeline.lexicon.patterns import find_year, strip_bullets
from pipeline.lexicon.words import (
    ACHIEVEMENT_WORDS,
    ACTUAL_WORDS,
    ARROW,
    FOREIGN_CURRENCIES,
    PLAN_WORDS,
    compact,
    funding_source,
    has_word,
    is_total_label,
    quantity_kind,
)
from pipeline.normalize import parse_number
from pipeline.normalize.numbers import rate_agrees
from pipeline.normalize.units import parse_unit_annotation, unit_multiplier
from pipeline.schemas.facts import KpiFact
from pipeline.schemas.records import CellRecord, TableRecord

MIN_YEAR_COLUMNS = 2
"""A table with at least this many year columns (or rows) of non-money values is a yearly 실적 table."""


@dataclass(frozen=True)
class Pair:
    """A planned column, its actual column and the rate column that goes with them (any may be None)."""

    measure: str | None
    target: int | None
    actual: int | None
    rate: int | None = None


def _rows(cells: list[CellRecord]) -> dict[int, list[CellRecord]]:
    rows: dict[int, list[CellRecord]] = defaultdict(list)
    for cell in cells:
        if not cell.is_header:
            rows[cell.row_idx].append(cell)
    return rows


TABLE_NUMBER = re.compile(r"^\W*[<〈\[［(]?\s*(?:표|그림)\s*[\d\-.]+\s*[>〉\]］)]?\s*")
"""The number of a table or figure leading its title (`<표 2>`, `〈표 2〉`, `[표 3-1]`)."""


UNIT_NOTE = re.compile(r"[(（\[]\s*단\s*위\s*[:：][^()（）\]]*[)）\]]")
"""A unit annotation printed in a title (`(단위: 개, %)`)."""
MAX_TITLE_CHARS = 60
"""A longer caption is prose (a heading's sentence), not the title of the table."""


def caption_program(table: TableRecord) -> str | None:
    """What a table whose rows are years measures: its title without its number (`<표 2> 최근 5년간
    프로그램 성과관리 현황` -> `최근 5년간 프로그램 성과관리 현황`)."""
    text = UNIT_NOTE.sub("", TABLE_NUMBER.sub("", table.caption or "")).strip()
    return text if text and len(text) <= MAX_TITLE_CHARS else None


def _mostly_numbers(label: str) -> bool:
    """A label of numbers (a chart's axis values read into the table's stub): no program."""
    tokens = label.split()
    parsed = [parse_number(t) for t in tokens]
    numbers = sum(1 for p in parsed if p is not None and p.value is not None)
    return len(tokens) > 2 and numbers > len(tokens) / 2


def _program(cells: list[CellRecord]) -> str | None:
    """The row's program; None for a funding-source row (`국비`), which is money, not a program."""
    parts = [strip_bullets(p) for p in label_parts(cells[0].row_label)] if cells else []
    program = parts[-1] if parts else None
    if program is None or funding_source(program) or _mostly_numbers(program):
        return None
    if is_total_label(program) and len(parts) > 1 and not is_total_label(parts[-2]):
        return f"{parts[-2]} {program}"  # `감염병 > 소계`: the subtotal of 감염병
    return program


def _value(cell: CellRecord | None) -> tuple[float | None, str | None]:
    """A cell's value as the cell stage read it: won for money, else the number and its unit."""
    if cell is None:
        return None, None
    if cell.amount_krw is not None and cell.value_kind == "krw":
        return float(cell.amount_krw), "원"
    if cell.value is None:
        return None, None
    return cell.value, cell.unit


INDICATOR_WORD = "성과지표"


@lru_cache(maxsize=4096)  # asked of each column label by pairs, actual_by_rate, target_by_summed_rate, arrows
def _side(label: str | None) -> str | None:
    """`target`, `actual`, `rate` or `arrow` (`’24 실적 → ’25 목표`): the part of a KPI a column holds.
    `성과지표` names the indicator (or counts indicators), not the actual (성과) of one."""
    text = compact(label).replace(INDICATOR_WORD, "지표")
    if not text:
        return None
    if ARROW_MARK.search(text) and has_word(text, PLAN_WORDS) and has_word(text, ACTUAL_WORDS):
        return "arrow"
    if has_word(text, ACHIEVEMENT_WORDS) or quantity_kind(text) == "rate":
        return "rate"
    plan = min((text.find(w) for w in PLAN_WORDS if w in text), default=-1)
    actual = min((text.find(w) for w in ACTUAL_WORDS if w in text), default=-1)
    if plan < 0 and actual < 0:
        return None
    if actual < 0 or (0 <= plan < actual):
        return "target"
    return "actual"


def _key(label: str | None) -> str:
    """A column label without its side words and years: what it measures (`계획 대상 인원` -> `대상인원`)."""
    text = compact(label)
    for word in (*PLAN_WORDS, *ACTUAL_WORDS, "(A)", "(B)", "(%)", "(명)"):
        text = text.replace(word, "")
    return re.sub(r"[’'‘`]?\d{2,4}년?", "", text)


RATE_FORMULA = re.compile(r"\(\s*(?P<num>[A-Z])\s*/\s*(?P<den>[A-Z])\s*\)")
"""A rate that names its columns: `달성률(B/A)` is column (B) over column (A)."""
COLUMN_LETTER = re.compile(r"\(\s*(?P<letter>[A-Z])\s*\)")


def formula_pair(labels: dict[int, str | None]) -> Pair | None:
    """`성과지표(A) | 달성지표(B) | 달성률(B/A)`: the rate's formula says which column is the target (the
    denominator) and which the actual (the numerator), whatever the columns are called; the target's head
    names what is counted (the measure: `성과지표`)."""
    for rate, label in labels.items():
        formula = RATE_FORMULA.search(label or "")
        if not formula:
            continue
        letters: dict[str, int] = {}
        for col, other in labels.items():
            found = COLUMN_LETTER.search(other or "")
            if found and col != rate:
                letters.setdefault(found.group("letter"), col)
        target, actual = letters.get(formula.group("den")), letters.get(formula.group("num"))
        if target is not None and actual is not None:
            # what the pair counts is the target column's head without its letter (`성과지표(A)`)
            measure = COLUMN_LETTER.sub("", labels[target] or "").split(">")[-1].strip() or None
            return Pair(measure, target, actual, rate)
    return None


def pairs(labels: dict[int, str | None]) -> list[Pair]:
    """Planned/actual column pairs of a table, each with its rate column."""
    by_formula = formula_pair(labels)
    if by_formula:
        return [by_formula]
    sides = {i: _side(label) for i, label in labels.items()}
    targets = [i for i in sorted(labels) if sides[i] == "target"]
    actuals = [i for i in sorted(labels) if sides[i] == "actual"]
    rates = [i for i in sorted(labels) if sides[i] == "rate"]
    if not targets or not actuals:
        return []
    found: list[Pair] = []
    if len(targets) == 1 and len(actuals) == 1:
        found.append(Pair(_key(labels[targets[0]]) or None, targets[0], actuals[0]))
    else:
        free = list(actuals)
        for t in targets:
            same = [a for a in free if _key(labels[a]) == _key(labels[t])]
            kind = quantity_kind(_key(labels[t]))
            alike = same or [a for a in free if quantity_kind(_key(labels[a])) == kind]
            if alike:
                free.remove(alike[0])
                found.append(Pair(_key(labels[t]) or None, t, alike[0]))
    return [_with_rate(p, rates, labels, len(found)) for p in found]


def _with_rate(pair: Pair, rates: list[int], labels: dict[int, str | None], n_pairs: int) -> Pair:
    """The rate column that goes with a pair: the only one of a single pair, an 집행률 for money, or the
    first rate column right of the pair's actual column."""
    if not rates:
        return pair
    if n_pairs == 1:
        return Pair(pair.measure, pair.target, pair.actual, rates[0])
    kind = quantity_kind(pair.measure)
    for rate in rates:
        if kind == "money" and "집행" in compact(labels[rate]):
            return Pair(pair.measure, pair.target, pair.actual, rate)
    after = [r for r in rates if pair.actual is not None and r > pair.actual and kind != "money"]
    claimed = {r for r in rates if "집행" in compact(labels[r])}
    after = [r for r in after if r not in claimed]
    return Pair(pair.measure, pair.target, pair.actual, after[0] if after else None)


MIN_RATE_SHARE = 0.6
"""An unlabelled column is the actual when the printed rate is its ratio to the target on this share of
rows."""


def actual_by_rate(labels: dict[int, str | None], cells: list[CellRecord]) -> Pair | None:
    """`목표 | 시험ㆍ검사 건수 | 달성률`: with a target and a rate column but no column saying 실적, the
    actual is the column whose ratio to the target is the printed rate on most rows."""
    sides = {i: _side(label) for i, label in labels.items()}
    targets = [i for i in sorted(labels) if sides[i] == "target"]
    rates = [i for i in sorted(labels) if sides[i] == "rate"]
    if len(targets) != 1 or len(rates) != 1 or any(s == "actual" for s in sides.values()):
        return None
    target, rate = targets[0], rates[0]
    rows = [{c.col_idx: c.value for c in row} for row in _rows(cells).values()]
    best: tuple[int, int] | None = None
    for col in sorted(labels):
        if sides[col] is not None:
            continue
        agree = total = 0
        for at in rows:
            t, a, r = at.get(target), at.get(col), at.get(rate)
            if t is None or a is None or r is None:
                continue
            total += 1
            agree += rate_agrees(t, a, r)
        if total and agree >= MIN_RATE_SHARE * total and (best is None or agree > best[1]):
            best = (col, agree)
    return Pair(None, target, best[0], rate) if best else None


MAX_SUMMED_COLUMNS = 3
"""At most this many side-by-side columns add up to a rate's numerator (`초과달성 | 달성`)."""
MIN_SUMMED_ROWS = 3
"""Rows with every value a summed numerator needs, for the sum to be told from a coincidence."""


def target_by_summed_rate(labels: dict[int, str | None], cells: list[CellRecord]) -> Pair | None:
    """`성과지표 | 초과달성 | 달성 | 미달성 | 달성률`: with one achievement-rate column and no target and
    actual columns to pair (`전략목표` counts goals), the target is the column the rate divides by, found
    from the rows: the one that, with a run of side-by-side columns added up as the numerator, gives the
    printed rate on most rows ((5 + 42) / 49 = 95.9). The achieved count is not printed as one figure, so
    the fact keeps no actual unless one column alone is the numerator; what is counted is the target's
    head (`성과지표`)."""
    sides = {i: _side(label) for i, label in labels.items()}
    rates = [
        i for i in sorted(labels) if sides[i] == "rate" and has_word(compact(labels[i]), ACHIEVEMENT_WORDS)
    ]
    if len(rates) != 1:
        return None
    rate = rates[0]
    numeric = sorted({c.col_idx for c in cells if not c.is_header and c.value_kind == "count"} - {rate})
    rows = [{c.col_idx: c.value for c in row} for row in _rows(cells).values()]
    best: tuple[float, int, tuple[int, ...]] | None = None
    for target in numeric:
        for start in range(len(numeric)):
            for width in range(1, MAX_SUMMED_COLUMNS + 1):
                run = tuple(numeric[start : start + width])
                if len(run) < width or target in run or run[-1] - run[0] != width - 1:
                    continue
                agree = total = 0
                for at in rows:
                    values = [at.get(col) for col in (target, rate, *run)]
                    if any(v is None for v in values):
                        continue
                    total += 1
                    agree += rate_agrees(values[0], sum(values[2:]), values[1])  # type: ignore[arg-type]
                share = agree / total if total >= MIN_SUMMED_ROWS else 0.0
                if share >= MIN_RATE_SHARE and (best is None or share > best[0]):
                    best = (share, target, run)
    if best is None:
        return None
    _, target, run = best
    measure = COLUMN_LETTER.sub("", labels[target] or "").split(">")[-1].strip() or None
    return Pair(measure, target, run[0] if len(run) == 1 else None, rate)


def _agreement(pair: Pair, cells: list[CellRecord]) -> float:
    """Share of rows (with all three values) whose printed rate is the pair's actual over its target."""
    agree = total = 0
    for row in _rows(cells).values():
        at = {c.col_idx: c.value for c in row}
        t = at.get(pair.target) if pair.target is not None else None
        a = at.get(pair.actual) if pair.actual is not None else None
        r = at.get(pair.rate) if pair.rate is not None else None
        if t is None or a is None or r is None:
            continue
        total += 1
        agree += rate_agrees(t, a, r)
    return agree / total if total else 1.0


def _pair_by_rate(rate: int, labels: dict[int, str | None], cells: list[CellRecord]) -> Pair | None:
    """When the labelled pair disagrees with its printed rate, the two columns the rate is the ratio of
    (the rate checked against the pair, and the pair found again from the rate)."""
    numeric = sorted({c.col_idx for c in cells if not c.is_header and c.value is not None} - {rate})
    best: tuple[float, Pair] | None = None
    for target in numeric:
        for actual in numeric:
            if target == actual:
                continue
            pair = Pair(None, target, actual, rate)
            share = _agreement(pair, cells)
            if share >= MIN_RATE_SHARE and (best is None or share > best[0]):
                best = (share, pair)
    return best[1] if best else None


def target_actual_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """Rows of a table with planned and actual columns (and achievement rates where printed)."""
    labels = {c.col_idx: c.col_label for c in cells}
    found = pairs(labels)
    named = bool(found) and found[0] == formula_pair(labels)
    inferred = actual_by_rate(labels, cells) if not found else None
    if inferred:
        found = [inferred]
    summed = target_by_summed_rate(labels, cells) if not found else None
    if summed:
        found, named = [summed], True
    if len(found) == 1 and found[0].rate is not None and _agreement(found[0], cells) < MIN_RATE_SHARE:
        found = [_pair_by_rate(found[0].rate, labels, cells) or found[0]]
    arrows = [i for i, label in labels.items() if _side(label) == "arrow"]
    if not found and not arrows:
        return []
    period = _period(table)
    facts: list[KpiFact] = []
    for row in _rows(cells).values():
        row_year = _row_year(row)
        program = _program(row)
        labelled_by_year = program is not None and bool(YEAR_CELL.match(program))
        if row_year and (program is None or (labelled_by_year and str(find_year(program)) == row_year)):
            program = caption_program(table)  # the row is a year: what the table measures is its title
        if program is None:
            continue
        at = {c.col_idx: c for c in row}
        for pair in found:
            target, target_unit = _value(at.get(pair.target)) if pair.target is not None else (None, None)
            actual, actual_unit = _value(at.get(pair.actual)) if pair.actual is not None else (None, None)
            rate, _ = _value(at.get(pair.rate)) if pair.rate is not None else (None, None)
            if target is None and actual is None:
                continue
            first = min(row, key=lambda c: c.col_idx)
            facts.append(
                KpiFact(
                    doc_id=table.doc_id,
                    table_id=table.table_id,
                    program=program,
                    period=row_year
                    or (_year_of(labels[pair.target]) if pair.target is not None else None)
                    or period,
                    measure=pair.measure if len(found) > 1 or named else None,
                    target_value=target,
                    target_unit=target_unit,
                    actual_value=actual,
                    actual_unit=actual_unit,
                    achievement_pct=rate,
                    line=first.line,
                    page=first.page,
                )
            )
        for col in arrows:
            fact = _arrow_fact(table, program, row, at.get(col), labels[col])
            if fact:
                facts.append(fact)
    return facts


ARROW_SPLIT = re.compile(rf"\s*{ARROW}\s*")
ARROW_MARK = re.compile(ARROW)


def _arrow_fact(
    table: TableRecord, program: str, row: list[CellRecord], cell: CellRecord | None, label: str | None
) -> KpiFact | None:
    """`85% → 90%` under `’24 실적 → ’25 목표`: the actual of the first year, the target of the second."""
    if cell is None:
        return None
    pieces = ARROW_SPLIT.split(cell.raw_text.strip())
    halves = ARROW_SPLIT.split(label or "")
    if len(pieces) != 2 or len(halves) != 2:
        return None
    first, second = (parse_number(p) for p in pieces)  # a text cell: the cell stage read no number
    if first is None or second is None or first.value is None or second.value is None:
        return None
    actual_first = has_word(halves[0], ACTUAL_WORDS)
    actual, target = (first, second) if actual_first else (second, first)
    actual_year, target_year = (_year_of(halves[0]), _year_of(halves[1]))
    if not actual_first:
        actual_year, target_year = target_year, actual_year
    return KpiFact(
        doc_id=table.doc_id,
        table_id=table.table_id,
        program=program,
        period=target_year,
        actual_period=actual_year,
        target_value=float(target.value) if target.value is not None else None,
        target_unit=target.unit,
        actual_value=float(actual.value) if actual.value is not None else None,
        actual_unit=actual.unit,
        line=cell.line,
        page=cell.page,
    )


YEAR_COLUMN_WORDS = ("연도", "년도", "연도별", "년")
YEAR_CELL = re.compile(r"^[’'‘`]?\d{2,4}\s*년?(?:도)?$")
"""Headers of a column of years (`연 도`): its cell gives the row's period."""


def _row_year(row: list[CellRecord]) -> str | None:
    """The year a row is about when a 연도 column prints it (`2021`)."""
    for cell in row:
        year_column = cell.col_label is None or compact(cell.col_label) in YEAR_COLUMN_WORDS
        if year_column and YEAR_CELL.match(cell.raw_text.strip()) and find_year(cell.raw_text):
            return str(find_year(cell.raw_text))
    return None


def _year_of(label: str | None) -> str | None:
    year = find_year(label)
    return str(year) if year else None


CAPTION_YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*년)|[’'‘`]\d{2}(?!\d)")


def _period(table: TableRecord) -> str | None:
    """The table's as-of date, else the one year its title names (`<표 3> 2021년도 주요 부처의 …`)."""
    if table.as_of:
        return table.as_of
    years = {find_year(m.group(0)) for m in CAPTION_YEARS.finditer(caption_program(table) or "")}
    return str(years.pop()) if len(years) == 1 else None


def yearly_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """Rows of a table whose columns are years of counts (실적 by year), one fact per program and year;
    or, turned around, rows that are years and columns that are indicators."""
    if table.kind == "budget" or any(c.value_kind == "krw" for c in cells):
        return []
    if has_word(" ".join(filter(None, (table.caption, table.unit_text))), FOREIGN_CURRENCIES):
        return []  # money by year in dollars (해외직접투자액 추이 (억 달러, %)), not 실적 of a program
    years = {c.col_idx: year for c in cells if (year := find_year(c.col_label))}
    if len(set(years.values())) >= MIN_YEAR_COLUMNS:
        return _by_year(table, cells, lambda c: years.get(c.col_idx), _program)
    body_labels = {c.row_label for c in cells if not c.is_header}
    label_years = {label: find_year(label) for label in body_labels if _year_label(label)}
    row_years = {
        c.row_idx: label_years[c.row_label] for c in cells if not c.is_header and c.row_label in label_years
    }
    if len({y for y in row_years.values() if y}) >= MIN_YEAR_COLUMNS:
        return _by_year(
            table,
            cells,
            lambda c: row_years.get(c.row_idx),
            lambda _row: None,
        )
    return []


def _year_label(row_label: str | None) -> bool:
    """A row label whose own part is a year (`2022년`); a label of list marks only is none."""
    parts = label_parts(row_label)
    return bool(parts) and bool(YEAR_LABEL.match(parts[-1]))


def _by_year(
    table: TableRecord,
    cells: list[CellRecord],
    year_of: Callable[[CellRecord], int | None],
    program_of: Callable[[list[CellRecord]], str | None],
) -> list[KpiFact]:
    """One actual per cell of a year (its column's or its row's), for the row's or the column's program."""
    facts: list[KpiFact] = []
    for row in _rows(cells).values():
        row_program = program_of(row)
        for cell in row:
            year = year_of(cell)
            program = row_program or (strip_bullets(cell.col_label) if cell.col_label else None)
            if not year or program is None or funding_source(program) or find_year(program) == year:
                continue
            if find_year(cell.raw_text) == year:  # the year column itself
                continue
            value, unit = _value(cell)
            if value is None or cell.value_kind in ("text", "date"):
                continue
            facts.append(
                KpiFact(
                    doc_id=table.doc_id,
                    table_id=table.table_id,
                    program=program,
                    period=str(year),
                    actual_value=value,
                    actual_unit=unit,
                    line=cell.line,
                    page=cell.page,
                )
            )
    return facts


CAPTION_TAG = re.compile(r"^\W*\(\s*(?P<tag>[^()]{2,30})\)")
"""The bracketed lead-in of a caption line (`▪(’24 운영성과) 변호사 28명, …`)."""


def captioned_result_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """One row of counts with no label of its own, under a caption whose bracketed lead-in names one
    year's results (`(’24 운영성과)`: a year and 실적/성과): each column is a program and its count is the
    year's actual. A share printed below it (`(46%)`) is a breakdown, not a KPI; money tables are budgets."""
    tag = CAPTION_TAG.match(table.caption or "")
    year = find_year(tag.group("tag")) if tag else None
    if tag is None or year is None or not has_word(compact(tag.group("tag")), ACTUAL_WORDS):
        return []
    values = [c for c in cells if not c.is_header]
    counts = [c for c in values if c.value is not None and c.value_kind == "count"]
    if (
        table.kind == "budget"
        or not counts
        or len({c.row_idx for c in counts}) != 1
        # the row may bear the lead-in as its name (a stub-less table's row is named by the caption's label)
        or any(c.row_label and compact(c.row_label) != compact(tag.group("tag")) for c in values)
        or any(c.value_kind == "krw" for c in values)
    ):
        return []
    measure = re.sub(r"[’'‘`]?\d{2,4}년?", "", tag.group("tag")).strip() or None
    return [
        KpiFact(
            doc_id=table.doc_id,
            table_id=table.table_id,
            program=strip_bullets(cell.col_label),
            period=str(year),
            measure=measure,
            actual_value=cell.value,
            actual_unit=cell.unit,
            line=cell.line,
            page=cell.page,
        )
        for cell in counts
        if cell.col_label and strip_bullets(cell.col_label)
    ]


UNIT_SUFFIX = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
"""The bracketed unit at the end of an indicator's name (`고용유지율(%)`)."""
SIDE_LABEL_CHARS = 6
"""A row label naming a KPI side (`목표`, `실적`, `달성도(%)`) is this short: longer ones are programs."""


def _side_row(label: str | None) -> str | None:
    """`target`, `actual` or `rate` for a row labelled only with a side word (`목 표`, `실적`, `달성도`)."""
    text = compact(label)
    side = _side(text) if len(text) <= SIDE_LABEL_CHARS else None
    return side if side in ("target", "actual", "rate") else None


def _indicator_side(row_label: str | None) -> tuple[str, str] | None:
    """(indicator, side) of a row label `고용유지율(%) > 목표`; None when it is not a side row under an
    indicator, or the label above is a funding source."""
    parts = [strip_bullets(p) for p in label_parts(row_label)]
    if len(parts) < 2:
        return None
    side = _side_row(parts[-1])
    if side is None or funding_source(parts[-2]):
        return None
    return parts[-2], side


def side_row_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """성과지표 tables of 사업설명자료: under each indicator, rows 목표 / 실적 / 달성도 and one column per
    year; one fact per indicator and year (target, actual and the printed rate). The unit printed with the
    indicator (`고용유지율(%)`, `지원인원(명)`) is the values' unit; money ones are in won."""
    groups: dict[str, dict[str, dict[int, CellRecord]]] = defaultdict(lambda: defaultdict(dict))
    years: dict[int, int] = {}
    column_years: dict[str | None, int | None] = {}  # each column label's year, read once
    indicators: dict[str | None, tuple[str, str] | None] = {}  # each row label's, read once
    for cell in cells:
        if cell.is_header or cell.value is None:
            continue
        if cell.col_label not in column_years:
            column_years[cell.col_label] = find_year(cell.col_label)
        year = column_years[cell.col_label]
        if year is None:
            continue  # the label's parts only of a value under a year
        if cell.row_label not in indicators:
            indicators[cell.row_label] = _indicator_side(cell.row_label)
        found = indicators[cell.row_label]
        if found is None:
            continue
        indicator, side = found
        groups[indicator][side][cell.col_idx] = cell
        years[cell.col_idx] = year
    facts: list[KpiFact] = []
    for indicator, sides in groups.items():
        if "target" not in sides or "actual" not in sides:
            continue
        unit = parse_unit_annotation(indicator)
        scale = unit_multiplier(unit)
        for col in sorted(set(sides["target"]) | set(sides["actual"])):
            target, actual = sides["target"].get(col), sides["actual"].get(col)
            rate = sides.get("rate", {}).get(col)
            first = target or actual
            if first is None:
                continue
            values = [c.value if c else None for c in (target, actual)]
            if scale is not None:
                values = [v * scale if v is not None else None for v in values]
            value_unit = "원" if scale is not None else unit or first.unit
            facts.append(
                KpiFact(
                    doc_id=table.doc_id,
                    table_id=table.table_id,
                    program=UNIT_SUFFIX.sub("", indicator) if unit else indicator,
                    period=str(years[col]),
                    target_value=values[0],
                    target_unit=value_unit if target else None,
                    actual_value=values[1],
                    actual_unit=value_unit if actual else None,
                    achievement_pct=rate.value if rate else None,
                    line=first.line,
                    page=first.page,
                )
            )
    return facts


def caption_arrow_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """`성과지표 (’24년 → ’25년)` as the head of the last columns (or, over a table printing no heads, as
    its caption): the last two columns are the two years; the first is the actual of its year and the
    second the target of the next, unless the halves say 실적 / 목표 the other way round. The row's label
    path names the project and, innermost, the indicator (`• 생활문화센터 확충 > 개소 수`). A cell of
    labelled values (`(신설) 0, (개보수)31`) gives one fact per label, a count after a word (`방문 60개소`)
    its count."""
    if table.kind == "budget" or any(c.value_kind == "krw" for c in cells):
        return []
    last_col = max((c.col_idx for c in cells), default=0)
    heads = [
        c.raw_text
        for c in cells
        if c.is_header and c.col_span >= 2 and c.col_idx + c.col_span - 1 == last_col
        if ARROW_MARK.search(c.raw_text)
    ]
    halves = ARROW_SPLIT.split(heads[0] if heads else table.caption or "")
    if len(halves) != 2:
        return []
    first_year, second_year = find_year(halves[0]), find_year(halves[1])
    if first_year is None or second_year is None:
        return []
    if not heads and any(c.col_label for c in cells if not c.is_header):
        return []  # the caption's arrow names the columns only of a table that prints no heads
    first_col = last_col - 1
    target_first = has_word(halves[0], PLAN_WORDS) and not has_word(halves[0], ACTUAL_WORDS)
    facts: list[KpiFact] = []
    for row in _rows(cells).values():
        at = {c.col_idx: c for c in row}
        parts = [strip_bullets(p) for p in label_parts(row[0].row_label)]
        indicator = at.get(first_col - 1)
        named = indicator.raw_text.strip() if indicator is not None and indicator.value_kind == "text" else ""
        if named and parts and compact(named) != compact(parts[-1]):
            # the indicator printed in a column of its own after the stub (`이용률(%)` beside
            # `• 통합문화이용권 이용률 향상`), not inside the row's label path
            parts = [*parts, named]
        earlier, later = at.get(first_col), at.get(first_col + 1)
        if len(parts) < 2 or earlier is None or later is None or funding_source(parts[-2]):
            continue
        before, after = _quantities(earlier), _quantities(later)
        if not before or set(before) != set(after):
            continue
        first_is_actual = not target_first
        for label, first in before.items():
            actual, target = (first, after[label]) if first_is_actual else (after[label], first)
            facts.append(
                KpiFact(
                    doc_id=table.doc_id,
                    table_id=table.table_id,
                    program=parts[-2],
                    measure=f"{parts[-1]} ({label})" if label else parts[-1],
                    period=str(second_year if first_is_actual else first_year),
                    actual_period=str(first_year if first_is_actual else second_year),
                    target_value=target[0],
                    target_unit=target[1],
                    actual_value=actual[0],
                    actual_unit=actual[1],
                    line=earlier.line,
                    page=earlier.page,
                )
            )
    return facts


LABELLED_VALUE = re.compile(r"[(（](?P<label>[가-힣]{1,6})[)）]\s*(?P<value>[△▲-]?\d+(?:,\d{3})*(?:\.\d+)?)")
"""`(신설) 0, (개보수)31`: values of one indicator by the part they count."""
WORD_BEFORE_VALUE = re.compile(r"^[가-힣]{1,4}\s+(?P<value>\d[\d,]*(?:\.\d+)?\s*[가-힣%]{0,3})$")
"""`방문 60개소`: a count with the word saying what is counted before it."""


def _quantities(cell: CellRecord) -> dict[str | None, tuple[float, str | None]]:
    """The values an indicator's cell prints: its number, its labelled parts (`(신설) 0, (개보수)31` ->
    {신설: 0, 개보수: 31}) or the count after a word (`방문 60개소` -> 60 개소); empty when none."""
    if cell.value is not None:
        return {None: (cell.value, cell.unit)}
    text = cell.raw_text.strip()
    labelled = LABELLED_VALUE.findall(text)
    if len(labelled) >= 2 and not LABELLED_VALUE.sub("", text).strip(" ,，"):
        values = {label: parse_number(value) for label, value in labelled}
        found: dict[str | None, tuple[float, str | None]] = {
            label: (float(v.value), None) for label, v in values.items() if v and v.value is not None
        }
        if len(found) == len(labelled):
            return found
    worded = WORD_BEFORE_VALUE.match(text)
    parsed = parse_number(worded["value"]) if worded else None
    if parsed is not None and parsed.value is not None and parsed.kind == "count":
        return {None: (float(parsed.value), parsed.unit)}
    return {}


def kpi_facts(table: TableRecord, cells: list[CellRecord]) -> list[KpiFact]:
    """KPI facts of one table, whichever shape it has."""
    return (
        side_row_facts(table, cells)
        or target_actual_facts(table, cells)
        or caption_arrow_facts(table, cells)
        or yearly_facts(table, cells)
        or captioned_result_facts(table, cells)
    )
