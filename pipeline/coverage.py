"""Coverage: how many numbers printed in a document landed in some cell or amount mention.

A numeric token is a run of digits (with separators) on a source line. It is covered when a cell or an
amount mention on the same line contains it. What is not covered is listed with its line, so a user can
see what the pipeline did not pick up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

NUMERIC_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass
class Coverage:
    """Numeric tokens of a document: how many, how many covered, and the ones that were not."""

    doc_id: str
    total: int = 0
    covered: int = 0
    missing: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.covered / self.total if self.total else 1.0


def coverage(doc_id: str, lines: Iterable[tuple[int, str]], captured: Iterable[tuple[int, str]]) -> Coverage:
    """Coverage of `lines` (line, text) by `captured` texts (line, raw_text) of cells and mentions."""
    by_line: dict[int, list[str]] = defaultdict(list)
    for line, text in captured:
        by_line[line].append(text)
    result = Coverage(doc_id)
    for line, text in lines:
        found_here = by_line.get(line, [])
        for token in NUMERIC_TOKEN.findall(text or ""):
            result.total += 1
            if any(token in raw for raw in found_here):
                result.covered += 1
            else:
                result.missing.append((line, token))
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
