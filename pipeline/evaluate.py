"""Recall and precision of the pipeline against facts written by hand from the printed pages.

An expected-facts file (format: `/work/shared/realdocs/README.md`, `expected/*.json`) names one document
(`doc`, a path relative to the folder above the file's own folder, or absolute) and lists what a person
reads on some pages: table cells with their row and column labels, headcounts, KPIs and money in prose.
`evaluate` parses each named document once and matches facts by page, value and labels, so a user with a
folder of reports and a few such files gets a regression gate for their own corpus.

Matching rules (one place, so a figure can be explained):
- labels compare without whitespace and punctuation (`정 원` = `정원`, `합계 (일반회계)` = `합계(일반회계)`),
  and a row label's parts without the list marks they open with (`○기능별 분류(합계)` = `기능별 분류(합계)`),
  names without marks of a legal form (`(재)부산문화재단` = `부산문화재단`);
  a column path matches when the cell's column label equals it; a row label read as a path of its
  parents (`특별회계 > 공기업특별회계 > 상수도사업`) matches the whole path or its end (`상수도사업`,
  `공기업특별회계 상수도사업`), as a person names an indented row by what it prints;
- a headcount of a table by 직급 or 직렬 names the grade as `org` and the office as `unit` (format README):
  it matches the record of that office whose category is that grade; a part of the office's staff that is
  no unit of its own (`본부`, `소속기관` row groups) may be named with the office the cover names
  (`고용노동부 본부`), as the grade rows of that part name it;
- a value matches when the parsed value (or the won amount) equals the expected one, or when the printed
  number is one of the numbers in the cell's text;
- a cell holding two values (`84/90` under 계) matches expected cells whose column path extends its column
  (`계 정원`, `계 현원`) when its first (in won, for money) or typed second value equals theirs exactly;
- a budget fact matches by page, amount in won and its row or column among its labels, or a row naming its
  funding source as kept (`국고보조금` = 국비, `합계` = 계);
- a KPI matches by page, its printed numbers and the last word of its program, found in the record's
  program or measure (`과학기술정보통신부 단위사업 지표` is the row 과학기술정보통신부 counting 지표; an
  indicator the writer added in brackets after the program is not part of it; `성과지표` and `지표` are one
  word);
- precision counts the pipeline's numeric records on the labeled pages that match some expected fact; the
  others are the wrong records (`KindScore.wrong`), listed as the misses are: a wrong record is a value read
  where a person reads none, or read with labels or a value no person would give it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.lexicon.labels import LABEL_PATH_SEPARATOR
from pipeline.lexicon.patterns import normalize_year_marks, strip_bullets
from pipeline.lexicon.words import CURRENCY_WORDS, LEGAL_FORMS, funding_source, is_total_label
from pipeline.normalize.units import unit_multiplier
from pipeline.schemas.records import ParsedDocument

KINDS = ("cells", "money_cells", "budget_facts", "headcounts", "kpis", "mentions", "image_cells")
IMAGE_SOURCE = "image"
"""An expected table's `source` when its values are printed inside a raster image (a chart pasted as a
picture): no text layer holds them, so only a reader with OCR can find them. They are their own kind,
`image_cells` (recall only), instead of misses among the cells every reader is held to."""
"""The kinds of fact measured, in the order they are printed."""

LABEL_NOISE = re.compile(r"[\s·‧･ㆍᆞ・.,:()（）\[\]「」『』<>《》\-–~/]+")
NUMBER = re.compile(r"[△▲-]?\d[\d,]*(?:\.\d+)?")
VALUE_TOLERANCE = 1e-6


def norm_label(label: str | None) -> str:
    """A label compared without spaces or punctuation, its year marks spelled one way (`‘24년` is `’24년`:
    a person copying the page may type either) and without marks of a legal form (`(재)부산문화재단` is
    `부산문화재단`: one page prints the mark, another the bare name)."""
    return LABEL_NOISE.sub("", LEGAL_FORMS.sub("", normalize_year_marks(label or "")))


def numbers_in(text: str | None) -> set[float]:
    """Every number printed in a text (△ and a leading minus as negatives)."""
    found: set[float] = set()
    for token in NUMBER.findall(text or ""):
        negative = token[0] in "△▲-"
        digits = token.lstrip("△▲-").replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        found.add(-value if negative else value)
    return found


def same_number(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= VALUE_TOLERANCE * max(1, abs(b))


@dataclass
class KindScore:
    """Recall and precision of one kind of fact over one or more documents."""

    expected: int = 0
    found: int = 0
    produced: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    """The produced records that match no expected fact (precision misses), described for a reader."""

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.produced if self.produced else None

    def add(self, other: KindScore) -> None:
        self.expected += other.expected
        self.found += other.found
        self.produced += other.produced
        self.correct += other.correct
        self.misses += other.misses
        self.wrong += other.wrong


@dataclass
class DocumentScore:
    """Scores of one document, or the reason it could not be parsed."""

    doc: str
    expected_file: str
    kinds: dict[str, KindScore] = field(default_factory=dict)
    error: str | None = None


def _cell_value_matches(expected: dict[str, Any], cell: Any) -> bool:
    value = expected.get("value")
    if expected.get("value_kind") == "krw" and same_number(cell.amount_krw, value):
        return True
    if same_number(cell.value, value):
        return True
    raw = expected.get("raw")
    printed = numbers_in(raw)
    return bool(printed) and printed <= numbers_in(cell.raw_text)


def row_label_matches(label: str | None, wanted: str | None) -> bool:
    """The row label equals the expected one, or ends with it at a step of its parent path (`A > B > C`
    matches `A B C`, `B C` and `C`); list marks that open a part (`○`, `․`) are not part of the name."""
    parts = [strip_bullets(part) for part in (label or "").split(LABEL_PATH_SEPARATOR)]
    target = norm_label(strip_bullets(wanted or ""))
    return any(norm_label("".join(parts[i:])) == target for i in range(len(parts)))


def _cell_matches(expected: dict[str, Any], cell: Any) -> bool:
    if cell.page != expected.get("page") or not row_label_matches(cell.row_label, expected.get("row")):
        return False
    col, wanted = norm_label(cell.col_label), norm_label(expected.get("col"))
    if col == wanted:
        return _cell_value_matches(expected, cell)
    # One of two values printed in one cell (`84/90` under 계 read as 계 정원 and 계 현원, `2,673(5.22%)`
    # read as the count and its share): the expected column names the value's meaning after the cell's
    # column, and the value must be the cell's first or its typed second value exactly.
    value = expected.get("value")
    first = cell.amount_krw if expected.get("value_kind") == "krw" else cell.value
    return (
        bool(col)
        and wanted.startswith(col)
        and (same_number(first, value) or same_number(_second_value(expected, cell), value))
    )


def _second_value(expected: dict[str, Any], cell: Any) -> float | None:
    """A cell's typed second value, in won when both it and the expected cell are money (`317,500 (31,800)`
    in 백만원: the second is 31,800 백만원)."""
    second = getattr(cell, "secondary_value", None)
    if second is None or expected.get("value_kind") != "krw" or cell.secondary_kind != "krw":
        return second
    scale = unit_multiplier(cell.secondary_unit or cell.unit)
    return second * scale if scale else None


def _score(
    expected: list[dict[str, Any]],
    produced: list[Any],
    matches: Callable[[dict[str, Any], Any], bool],
    describe: Callable[[dict[str, Any]], str],
    shared: Callable[[dict[str, Any], Any], bool] | None = None,
    describe_record: Callable[[Any], str] = repr,
) -> KindScore:
    """Recall over `expected`, precision over `produced`: each produced record matched at most once (a
    maximum matching, so the order of records never decides), unless `shared` says the fact is one of
    several values the record holds. A produced record no expected fact matches is listed as wrong."""
    score = KindScore(expected=len(expected), produced=len(produced))
    matching = [[i for i, rec in enumerate(produced) if matches(fact, rec)] for fact in expected]
    # a fact that is one of several values a record holds is found by that record without taking it: the
    # record may be the only one an exact fact matches (<표 5>'s `계 | 2018` 961,568 (100%) is no second value
    # of <표 4>'s `계 | 2018 예산액 (비중)`, though its column starts the same)
    candidates = [
        [i for i in found if shared is None or not shared(fact, produced[i])]
        for fact, found in zip(expected, matching, strict=True)
    ]
    owner: dict[int, int] = {}  # produced record -> expected fact it is matched to

    def augment(f: int, seen: set[int]) -> bool:
        for i in candidates[f]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = f
                return True
        return False

    for f in range(len(expected)):
        augment(f, set())
    matched = set(owner.values())
    used = set(owner)
    for f, fact in enumerate(expected):
        if f in matched or any(shared is not None and shared(fact, produced[i]) for i in matching[f]):
            score.found += 1
        else:
            score.misses.append(describe(fact))
    # A produced record that matches an expected fact already taken by a twin is still correct.
    right = [i in used or any(matches(f, rec) for f in expected) for i, rec in enumerate(produced)]
    score.correct = sum(right)
    score.wrong = [describe_record(rec) for rec, ok in zip(produced, right, strict=True) if not ok]
    return score


def _second_value_of(expected: dict[str, Any], cell: Any) -> bool:
    """Whether the expected cell is read from a cell that holds two values (its column path extends)."""
    return norm_label(cell.col_label) != norm_label(expected.get("col"))


def _describe_cell(fact: dict[str, Any]) -> str:
    return f"p{fact.get('page')} cell [{fact.get('row')} | {fact.get('col')}] = {fact.get('raw')}"


def _describe_produced_cell(cell: Any) -> str:
    value = f"{cell.amount_krw:,} won" if cell.amount_krw is not None else f"{cell.value:g} {cell.unit or ''}"
    return f"p{cell.page} cell [{cell.row_label} | {cell.col_label}] = {cell.raw_text} ({value.strip()})"


def _describe_budget_fact(fact: Any) -> str:
    labels = " | ".join(str(x) for x in (fact.subject, fact.measure, fact.funding_source))
    return f"p{fact.page} budget [{labels}] = {fact.raw_text} ({fact.amount_krw:,} won)"


def _describe_headcount(rec: Any) -> str:
    return f"p{rec.page} headcount {rec.org_unit} {rec.category} {rec.authorized}/{rec.current}"


def _describe_kpi(rec: Any) -> str:
    return (
        f"p{rec.page} kpi {rec.program} ({rec.measure}) {rec.period} "
        f"target={rec.target_value} actual={rec.actual_value} rate={rec.achievement_pct}"
    )


def _describe_mention(rec: Any) -> str:
    krw = rec.amount_krw
    amount = f"{krw:,} won" if krw is not None else f"{rec.amount_foreign} {rec.currency}"
    return f"p{rec.page} mention {rec.raw_text} ({amount})"


def expected_cells(expected: dict[str, Any], in_images: bool = False) -> list[dict[str, Any]]:
    """Every expected cell printed as text (or, `in_images`, inside a raster image), with its table's kind."""
    return [
        {**cell, "table_kind": table.get("kind"), "page": cell.get("page", table.get("page"))}
        for table in expected.get("tables", [])
        if (table.get("source") == IMAGE_SOURCE) == in_images
        for cell in table.get("cells", [])
    ]


def labeled_pages(expected: dict[str, Any]) -> set[int]:
    """Pages a person labeled: precision is measured on these only. A file's `pages_labeled` names pages it
    labeled that hold no fact (a cover, a page of charts and prose): any record made there is wrong."""
    cells = expected_cells(expected) + expected_cells(expected, in_images=True)
    pages = {c["page"] for c in cells} | set(expected.get("pages_labeled") or ())
    for key in ("headcounts", "kpis", "mentions"):
        pages |= {f["page"] for f in expected.get(key, []) if f.get("page")}
    return pages


def _numeric_cells(parsed: ParsedDocument, pages: set[int]) -> list[Any]:
    return [
        c
        for c in parsed.cells
        if c.page in pages and not c.is_header and (c.value is not None or c.amount_krw is not None)
    ]


def _fact_labels_match(fact: dict[str, Any], record: Any) -> bool:
    """A budget fact keeps its row or column as subject / measure / source (it has no org field yet):
    one of the two must be among them, or the row must name the fact's source as the pipeline keeps it
    (`국고보조금` as 국비, `자체수입` as 자체, a `합계` row as 계)."""
    labels = (record.subject, record.measure, record.funding_source)
    joined = norm_label(" ".join(label or "" for label in labels))
    wanted = [norm_label(fact.get("row")), norm_label(fact.get("col"))]
    if any(w and w in joined for w in wanted):
        return True
    row = str(fact.get("row") or "").split()[-1:] or [""]
    source = record.funding_source
    return source is not None and (
        funding_source(row[0]) == source or (is_total_label(row[0]) and is_total_label(source))
    )


TRAILING_BRACKETS = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$")
"""An indicator a writer added after a KPI program (`생활문화센터 확충 (개소 수)`): not part of its name."""
TOTAL_WORDS = {"합계", "계", "총계", "전체"}
COVER_PAGES = {1}
"""Read with the labeled pages: the cover names the issuer, the unit a 계 row or a prose total is about."""
"""An org named like this is the table's total: the extractor leaves such a headcount without an org."""


def _headcount_matches(fact: dict[str, Any], rec: Any, issuer: str | None = None) -> bool:
    """`issuer`: the office the expected file's cover names; a part of its staff that is no unit of its
    own (`본부`, `소속기관` rows of the office's table) may be named with it (`고용노동부 본부`)."""
    org = norm_label(fact.get("org"))
    same = (
        rec.page == fact.get("page")
        and rec.authorized == fact.get("authorized")
        and rec.current == fact.get("current")
    )
    if fact.get("unit") is not None:  # a row of a table by grade: `org` is the grade, `unit` the office
        category = norm_label(rec.category)
        return (
            same
            and norm_label(rec.org_unit) == norm_label(fact["unit"])
            and (category == org or (org in TOTAL_WORDS and category in TOTAL_WORDS))
        )
    return same and (
        norm_label(rec.org_unit) == org
        or bool(issuer and org and norm_label(rec.org_unit) == norm_label(issuer) + org)
        # a table's 계 column or row: as printed, or credited to the unit the table is about
        or (
            org in TOTAL_WORDS
            and (
                rec.org_unit is None
                or norm_label(rec.org_unit) in TOTAL_WORDS
                or (rec.table_id is not None and norm_label(rec.category) in TOTAL_WORDS)
            )
        )
    )


def _kpi_matches(fact: dict[str, Any], rec: Any) -> bool:
    pairs = [
        (fact.get("target"), rec.target_value),
        (fact.get("actual"), rec.actual_value),
        (fact.get("rate_pct"), rec.achievement_pct),
    ]
    if rec.page != fact.get("page") or not any(e is not None for e, _ in pairs):
        return False
    if not all(e is None or same_number(a, e) for e, a in pairs):
        return False
    words = [_indicator(w) for w in TRAILING_BRACKETS.sub("", str(fact.get("program") or "")).split()]
    program = _indicator(f"{rec.program} {rec.measure or ''}")
    return bool(words) and words[-1] in program


INDICATOR_FULL_FORM = "성과지표"
"""The full form of `지표` in performance tables: FIS 22-2 prints the head `지표(A)` over both <표 4> and
<표 5>, and its expected file names the first `단위사업 성과지표`, the second `… 단위사업 지표`."""


def _indicator(text: str) -> str:
    """A KPI name compared with `성과지표` and `지표` as one word."""
    return norm_label(text).replace(INDICATOR_FULL_FORM, "지표")


def score_document(expected: dict[str, Any], parsed: ParsedDocument) -> dict[str, KindScore]:
    """Per kind, how many expected facts the parsed document holds and how many of its records are right."""
    pages = labeled_pages(expected)
    cells = expected_cells(expected)
    numeric = _numeric_cells(parsed, pages)
    money = [c for c in cells if c.get("value_kind") == "krw"]
    budget = [c for c in money if c.get("table_kind") == "budget"]
    scores = {
        "cells": _score(
            cells, numeric, _cell_matches, _describe_cell, _second_value_of, _describe_produced_cell
        ),
        "money_cells": _score(
            money,
            [c for c in numeric if c.amount_krw is not None],
            _cell_matches,
            _describe_cell,
            _second_value_of,
            _describe_produced_cell,
        ),
        "budget_facts": _score(
            budget,
            [f for f in parsed.budget_facts if f.page in pages],
            lambda e, f: (
                f.page == e["page"] and same_number(f.amount_krw, e.get("value")) and _fact_labels_match(e, f)
            ),
            lambda e: f"p{e['page']} budget [{e.get('row')} | {e.get('col')}] = {e.get('raw')}",
            describe_record=_describe_budget_fact,
        ),
        "headcounts": _score(
            expected.get("headcounts", []),
            [h for h in parsed.headcounts if h.page in pages],
            lambda fact, rec: _headcount_matches(fact, rec, (expected.get("cover") or {}).get("issuer")),
            lambda e: f"p{e.get('page')} headcount {e.get('org')} {e.get('authorized')}/{e.get('current')}",
            # a table's 계 credited to its unit is also the unit's total a prose line restates
            shared=lambda fact, rec: norm_label(fact.get("org")) in TOTAL_WORDS,
            describe_record=_describe_headcount,
        ),
        "kpis": _score(
            expected.get("kpis", []),
            [k for k in parsed.kpi_facts if k.page in pages],
            _kpi_matches,
            lambda e: (
                f"p{e.get('page')} kpi {e.get('program')} {e.get('period')} "
                f"target={e.get('target')} actual={e.get('actual')} rate={e.get('rate_pct')}"
            ),
            describe_record=_describe_kpi,
        ),
        "mentions": _score(
            expected.get("mentions", []),
            [m for m in parsed.amount_mentions if m.page in pages],
            _mention_matches,
            lambda e: f"p{e.get('page')} mention {e.get('raw')}",
            # a range (`200~500억`) holds two amounts, each an expected mention of its own
            shared=lambda fact, rec: rec.amount_krw is None and rec.amount_low_krw is not None,
            describe_record=_describe_mention,
        ),
    }
    pictured = expected_cells(expected, in_images=True)
    images = _score(pictured, numeric, _cell_matches, _describe_cell)
    images.produced = images.correct = 0  # recall only: every cell read is scored under `cells`
    images.wrong = []
    scores["image_cells"] = images
    if pictured:  # a cell read from a picture (OCR) is a right record, though no text-layer fact names it
        both = _score(
            cells + pictured,
            numeric,
            _cell_matches,
            _describe_cell,
            _second_value_of,
            _describe_produced_cell,
        )
        scores["cells"].correct, scores["cells"].wrong = both.correct, both.wrong
    return scores


def _mention_matches(expected: dict[str, Any], mention: Any) -> bool:
    """Same page and amount: in won (either end of a range: `40~80만원` holds 40만원 and 80만원, as a
    reader lists them), or for an amount in a foreign currency (`currency` other than KRW,
    `amount` as printed in `unit` such as `억 달러`) the same currency and amount in its units."""
    if mention.page != expected.get("page"):
        return False
    currency = expected.get("currency") or "KRW"
    if currency == "KRW" and mention.amount_krw is None and mention.amount_low_krw is not None:
        return expected.get("amount_krw") in (mention.amount_low_krw, mention.amount_high_krw)
    if currency == "KRW":
        return mention.amount_krw == expected.get("amount_krw")
    unit = expected.get("unit") or ""
    for word in CURRENCY_WORDS:
        unit = unit.replace(word, "")
    scale = unit_multiplier(unit.strip()) or 1
    amount = expected.get("amount")
    return (
        mention.currency == currency
        and amount is not None
        and same_number(mention.amount_foreign, float(amount) * scale)
    )


def document_path(expected_file: Path, doc: str, documents: Path | None = None) -> Path:
    """The document an expected-facts file names: absolute, in `documents` (expected facts kept apart from
    the documents they describe), or beside the folder holding the file."""
    path = Path(doc)
    if path.is_absolute():
        return path
    bases = [expected_file.parent.parent, expected_file.parent]
    if documents is not None:
        bases.insert(0, documents)
    for base in bases:
        if (base / path).exists():
            return base / path
    return bases[0] / path


def evaluate(
    expected_files: Iterable[Path],
    parse: Callable[[Path], ParsedDocument] | None = None,
    labeled_pages_only: bool = False,
    documents: Path | None = None,
) -> list[DocumentScore]:
    """Parse each document an expected-facts file names and score it; an unparsable one carries its error.

    `labeled_pages_only` reads only the pages the file labels and the cover (PDFs): much faster on long
    reports, and the same figures as long as no fact depends on text of other pages.
    """
    from pipeline.errors import DocumentError
    from pipeline.parse import ParseSettings, parse_path
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    results: list[DocumentScore] = []
    for expected_file in expected_files:
        expected = json.loads(Path(expected_file).read_text(encoding="utf-8"))
        doc = expected.get("doc") or ""
        result = DocumentScore(doc=doc, expected_file=str(expected_file))
        if parse is not None:
            run = parse
        elif labeled_pages_only:
            pdf = PdfSettings(only_pages=tuple(sorted(labeled_pages(expected) | COVER_PAGES)))
            settings = ParseSettings(readers=ReaderSettings(pdf=pdf))

            def run(path: Path, settings: ParseSettings = settings) -> ParsedDocument:
                return parse_path(path, settings=settings)
        else:
            run = parse_path
        try:
            parsed = run(document_path(Path(expected_file), doc, documents))
        except (DocumentError, OSError) as error:
            result.error = str(error)
        else:
            result.kinds = score_document(expected, parsed)
        results.append(result)
    return results


def totals(results: list[DocumentScore]) -> dict[str, KindScore]:
    """Scores of all documents together, per kind."""
    summed = {kind: KindScore() for kind in KINDS}
    for result in results:
        for kind, score in result.kinds.items():
            summed[kind].add(score)
    return summed


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def format_report(results: list[DocumentScore], show_misses: bool = True, show_wrong: bool = False) -> str:
    """Recall and precision per document and kind, the total, the misses (facts not found) and, with
    `show_wrong`, the wrong records (records that match no expected fact)."""
    out: list[str] = []
    header = f"{'kind':<13} {'found':>9} {'recall':>7} {'correct':>9} {'precision':>9}"
    for result in [*results, None]:
        if result is None:
            if len(results) < 2:
                break
            title, kinds = "ALL", totals(results)
        elif result.error:
            out.append(f"{result.doc}: FAILED: {result.error}")
            continue
        else:
            title, kinds = result.doc, result.kinds
        out += [title, header]
        for kind in KINDS:
            s = kinds.get(kind) or KindScore()
            out.append(
                f"{kind:<13} {s.found:>4}/{s.expected:<4} {_pct(s.recall):>7} "
                f"{s.correct:>4}/{s.produced:<4} {_pct(s.precision):>9}"
            )
        if show_misses and result is not None:
            for kind in KINDS:
                for miss in (kinds.get(kind) or KindScore()).misses:
                    out.append(f"  miss {kind}: {miss}")
        if show_wrong and result is not None:
            for kind in KINDS:
                for wrong in (kinds.get(kind) or KindScore()).wrong:
                    out.append(f"  wrong {kind}: {wrong}")
        out.append("")
    return "\n".join(out)


def below_floors(results: list[DocumentScore], floors: dict[str, float]) -> list[str]:
    """Kinds whose recall over all documents fell below its floor (a share between 0 and 1)."""
    summed = totals(results)
    failed = [f"{r.doc}: failed: {r.error}" for r in results if r.error]
    for kind, floor in floors.items():
        recall = summed[kind].recall
        if recall is not None and recall + 1e-9 < floor:
            failed.append(f"{kind}: recall {recall:.3f} below floor {floor:.3f}")
    return failed
