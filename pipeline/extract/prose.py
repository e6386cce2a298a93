"""A document's prose as the prose extractors read it: the lines no table covers, and those lines as printed,
with the small-type insets a PDF prints inside a line put back (`with_insets`). `extract_facts` makes one
`Prose` a document and hands it to every extractor that reads prose (KPIs, sentences, mentions, org units,
headcounts)."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from pipeline.schemas.document import Document, Line


class Prose:
    """A document's prose as every prose extractor reads it, worked out once per document (`extract_facts`
    makes one and hands it on) instead of once per extractor: the lines no table covers, and those lines as
    printed, their small-type insets put back (`with_insets`)."""

    def __init__(self, document: Document) -> None:
        self.document = document

    @cached_property
    def lines(self) -> list[Line]:
        """The lines no table covers, in order."""
        table_lines = self.document.table_lines()
        return [line for line in self.document.lines if line.number not in table_lines]

    @cached_property
    def read(self) -> list[tuple[Line, str]]:
        """`with_insets` of the prose lines."""
        return with_insets(self.lines)

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """The prose lines' texts joined into one string, and where each line's text starts in it."""
        texts = [line.text for line in self.lines]
        starts: list[int] = []
        at = 0
        for text in texts:
            starts.append(at)
            at += len(text) + 1
        return "\n".join(texts), starts

    def holding(self, *marks: str) -> list[Line]:
        """The prose lines whose text holds one of `marks`, in order: found by scanning the document's prose
        once per mark instead of testing each line (most lines hold none of the words an extractor's
        pattern needs). A mark is a word, without the newline that joins the lines."""
        return [self.lines[k] for k in self.holding_at(*marks)]

    def holding_at(self, *marks: str) -> list[int]:
        """The indexes in `lines` of `holding`."""
        joined, starts = self._joined
        found: set[int] = set()
        for mark in marks:
            at = joined.find(mark)
            while at >= 0:
                k = bisect_right(starts, at) - 1
                found.add(k)
                at = joined.find(mark, starts[k + 1]) if k + 1 < len(starts) else -1
        return sorted(found)

    def read_holding_at(self, *marks: str) -> list[int]:
        """The indexes in `read` of the entries whose text holds one of `marks`. With no inset put back
        (always so in a text report) `read` is `lines` one for one and `holding_at` answers; else each
        entry's text is tested."""
        if len(self.read) == len(self.lines):
            return self.holding_at(*marks)
        return [k for k, (_, text) in enumerate(self.read) if any(mark in text for mark in marks)]


INSET_SIZE_RATIO = 0.9
"""Words in type this much smaller than a line's body type (its largest: a raised `’29` in the line is
smaller still), inside its height and in its gaps, are printed in it."""
INSET_SLACK = 1.5
"""Points an inset may reach past the line's top or bottom."""
INSET_TOUCH = 3.0
"""Points an inset's word may overlap a word of the line beside it (the boxes of glyphs touch)."""


def with_insets(lines: list[Line]) -> list[tuple[Line, str]]:
    """Each line with its text as printed: a following line of smaller type that sits within its height
    and only in its gaps (`목표` `(90.8%)` `1.5%p초과`, the bracket in small type on a lower baseline) is put
    back into it by position; such a line is not read again on its own."""
    if not any(line.words for line in lines):
        return [(line, line.text) for line in lines]  # no positions (a text report): nothing to put back
    out: list[tuple[Line, str]] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        inset = lines[k + 1] if k + 1 < len(lines) else None
        if inset is not None and _is_inset(line, inset):
            words = sorted([*line.words, *inset.words], key=lambda w: w.x0)
            out.append((line, " ".join(w.text for w in words)))
            k += 2
            continue
        out.append((line, line.text))
        k += 1
    return out


def _is_inset(line: Line, other: Line) -> bool:
    if not line.words or not other.words or line.page != other.page or line.page is None:
        return False
    top, bottom = min(w.top for w in line.words), max(w.bottom for w in line.words)
    size = max(w.size for w in line.words)  # the body type: a raised mark in the line is smaller
    return all(
        w.size < INSET_SIZE_RATIO * size
        and w.top >= top - INSET_SLACK
        and w.bottom <= bottom + INSET_SLACK
        and not any(w.x0 < v.x1 - INSET_TOUCH and v.x0 < w.x1 - INSET_TOUCH for v in line.words)
        for w in other.words
    )
