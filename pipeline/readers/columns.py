"""Pages of two columns: find the gutter, so each column's lines are read whole, the left one first.

A 2-up spread (two printed A4 pages on one landscape PDF page, as the FIS briefs are published) or a
two-column layout read as one column gives lines that run across the gutter: a sentence of the left page
glued to a table row of the right one, a table's unit note taken by the table beside it. A gutter is a
vertical band in the middle of the page that no word and no horizontal rule crosses, with prose on both
sides; a table whose columns leave a wide gap has no prose on one side, and a single-column page has
lines that cross the middle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pipeline.readers.settings import ColumnSettings
from pipeline.schemas.document import Word

HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")


def widest_gap(spans: Iterable[tuple[float, float]], low: float, high: float) -> tuple[float, float]:
    """The widest stretch of [low, high] that none of the spans covers."""
    best = (low, low)
    reached = low
    for start, end in sorted((max(a, low), min(b, high)) for a, b in spans if b > low and a < high):
        if start - reached > best[1] - best[0]:
            best = (reached, start)
        reached = max(reached, end)
    if high - reached > best[1] - best[0]:
        best = (reached, high)
    return best


def prose_lines(lines: list[list[Word]], settings: ColumnSettings) -> int:
    """Lines with enough Hangul syllables to be running text."""
    texts = ("".join(w.text for w in line) for line in lines)
    return sum(1 for text in texts if len(HANGUL_SYLLABLE.findall(text)) >= settings.prose_hangul)


def find_gutter(
    words: list[Word],
    bbox: tuple[float, float, float, float],
    edges: list[dict[str, Any]],
    settings: ColumnSettings,
    group: Any,
) -> float | None:
    """The x of the gutter between two columns of prose, or None for a page read as one column.

    `group` groups words into lines (the reader's own rule), to count each side's prose lines."""
    x0, _, x1, _ = bbox
    width = x1 - x0
    low, high = x0 + settings.middle[0] * width, x0 + settings.middle[1] * width
    start, end = widest_gap(((w.x0, w.x1) for w in words), low, high)
    if end - start < settings.min_gap_share * width:
        return None
    if any(e["orientation"] == "h" and e["x0"] < start - 1 and e["x1"] > end + 1 for e in edges):
        return None
    gutter = (start + end) / 2
    left, right = split_at(words, gutter)
    prose = min(prose_lines(group(left), settings), prose_lines(group(right), settings))
    return gutter if prose >= settings.min_prose_lines else None


def split_at(words: list[Word], gutter: float) -> tuple[list[Word], list[Word]]:
    """The words left and right of the gutter, by their centres."""
    left = [w for w in words if (w.x0 + w.x1) / 2 < gutter]
    right = [w for w in words if (w.x0 + w.x1) / 2 >= gutter]
    return left, right
