"""Coverage: how many numbers printed in a document landed in some cell or amount mention.

A numeric token is a run of digits (with separators) on a source line that is not a date, an ordinal,
a list number or a page number. It is covered when a cell or an amount mention on the same line contains
it. What is not covered is listed with its line and the line's text, so a user can see which facts the
pipeline did not pick up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

NUMERIC_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?")
YEAR_START = r"(?:(?:19|20)\d{2}|[’'‘`]\d{2})"
NOT_FACTS = [
    re.compile(p)
    for p in (
        # dates: 2023.9.30. / 2022. 8. 29 / ’22.3월 / 2021-05 / 2021년 5월 3일 / 5월 / 15일 / 1/4분기
        YEAR_START + r"\s*[.\-/]\s*\d{1,2}(?:\s*[.\-/]\s*\d{1,2})?(?!\d)",
        YEAR_START + r"\s*년(?:\s*\d{1,2}\s*월)?(?:\s*\d{1,2}\s*일)?",
        r"(?<![\d,.])\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?",
        r"(?<![\d,.])\d{1,2}\s*일(?![\d가-힣])",
        r"(?<![\d,.])\d(?:/\d)?\s*분기",
        r"(?<![\d,.])(?:19|20)\d{2}(?![\d,.])",
        r"[’'‘`]\d{2}(?!\d)",
        r"(?<![\d,.])\d{1,2}\s*\.\s*\d{1,2}\s*\.?\s*\([월화수목금토일]\)",
        r"(?<![\d,.])\d{1,2}\.\s?\d{1,2}\.(?!\d)",
        r"\(\d{2}\)(?=\s*\d)",
        # addresses and contacts: 시흥대로57길 5, 가산로 70, 시흥1동, 담당 : 최성문 (1302), 02-2670-3114
        r"[가-힣]+\d+(?:번?길|로|동|가)(?:\s*\d+(?:-\d+)?)?(?!\s*[가-힣%㎡])",
        r"[가-힣]+(?:로|길)\s*\d+(?:-\d+)?(?!\s*[가-힣%㎡])",
        r"[가-힣]\s?\(\d{3,4}\)",
        r"\d{2,4}-\d{3,4}-\d{4}",
        r"\d{2,3}\)\s*\d{3,4}-\d{4}",
        # captions and footnote marks: <표 5>, 〈그림 2-1〉, [참고 3]; a mark closing a line (`의미 1)`) with
        # no bracket open before it (`구 69)` closes a breakdown)
        r"[<〈\[［]\s*(?:표|그림|도표|참고|부록|별표|서식|사례|예시)\s*\d+(?:\s*[-.]\s*\d+)?\s*[>〉\]］]",
        r"^(?:[^()]*\([^()]*\))*[^()]*\s(?P<skip>\d{1,2}\))\s*$",
        # floors and days of an event: 지1~3층, 19층, 2일차
        r"(?<![\d,.])\d+(?:\s*[~∼\-]\s*\d+)?\s*(?:층|일차|회차|주차|년차)",
        # ordinals: 제3조, 2차, 5호, 3단계, 4급, 1위, 21대, 7차년도, 2번째
        r"제\s*\d+",
        r"(?<![\d,.])\d+\s*(?:차년도|번째|차(?!례)|호|조(?!원)|항|단계|급)",
        r"(?<![\d,.])\d+\s*(?:위|대|기)(?![가-힣])",
        # list numbers: 1. / 2) / (3) / ① at the start of a line, after any bullet
        r"^[\s□■○◦ㅇ∘●◎\-－–·•※‣▸▶]*\(?\d{1,2}[.)](?!\d)",
        r"^\s*\d{1,2} +(?=[가-힣]|(?:19|20)\d{2}년)",
        r"(?<![\d,.])\d+(?:\s*[·,]\s*\d+)*\s*관(?![가-힣])",
        # page numbers: a line that is only a number (- 32 -), or a table-of-contents entry's page
        r"^\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*$",
        # a line of bare numbers and nothing else (`16.1 15.7`, `3591 4591 5591`): a chart's data labels or
        # axis, with no word a fact could be named by
        r"^\s*[-△▲+]?\s*\.?\s?\d[\d,.]*%?(?:\s+[-△▲+]?\s*\.?\s?\d[\d,.]*%?)+\s*$",
        r"(?:[·.…]{3,}|\s{3,})\s*\d{1,4}\s*$",
    )
]
"""Numbers that are not facts: dates, ordinals, list and page numbers, contacts, captions' numbers and
footnote marks. Coverage leaves them out,
so its ratio means "share of the facts printed that were captured"."""


@dataclass
class Coverage:
    """Numeric tokens of a document: how many, how many covered, and the ones that were not."""

    doc_id: str
    total: int = 0
    covered: int = 0
    missing: list[tuple[int, str]] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)
    """The text of each line with a missed token, to print beside it."""

    @property
    def ratio(self) -> float:
        return self.covered / self.total if self.total else 1.0


def fact_tokens(text: str) -> list[str]:
    """The numeric tokens of a line that may be facts (dates, ordinals, list and page numbers left out)."""
    skipped: list[tuple[int, int]] = []
    for pattern in NOT_FACTS:
        part = "skip" if "skip" in pattern.groupindex else 0
        skipped += [m.span(part) for m in pattern.finditer(text)]
    return [
        m.group()
        for m in NUMERIC_TOKEN.finditer(text)
        if not any(start <= m.start() and m.end() <= end for start, end in skipped)
    ]


def coverage(doc_id: str, lines: Iterable[tuple[int, str]], captured: Iterable[tuple[int, str]]) -> Coverage:
    """Coverage of `lines` (line, text) by `captured` texts (line, raw_text) of cells and mentions."""
    by_line: dict[int, list[str]] = defaultdict(list)
    for line, text in captured:
        by_line[line].append(text)
    result = Coverage(doc_id)
    for line, text in lines:
        found_here = by_line.get(line, [])
        for token in fact_tokens(text or ""):
            result.total += 1
            if any(token in raw for raw in found_here):
                result.covered += 1
            else:
                result.missing.append((line, token))
                result.texts[line] = text
    return result


def parsed_coverage(parsed) -> Coverage:
    """Coverage of a ParsedDocument (before or without any warehouse)."""
    captured = [(c.line, c.raw_text) for c in parsed.cells] + [
        (m.line, m.raw_text) for m in parsed.amount_mentions
    ]
    return coverage(parsed.document.doc_id, [(line.line, line.text) for line in parsed.lines], captured)


def document_coverage(store, doc_id: str) -> Coverage:
    """Coverage of a stored document, from the warehouse's lines, cells and amount mentions."""
    _, lines = store.query("SELECT line, text FROM lines WHERE doc_id = ? ORDER BY line", [doc_id])
    _, captured = store.query(
        "SELECT line, raw_text FROM cells WHERE doc_id = ? UNION ALL "
        "SELECT line, raw_text FROM amount_mentions WHERE doc_id = ?",
        [doc_id, doc_id],
    )
    return coverage(doc_id, lines, captured)
