"""Cells that are little forms: one `key : value` per line, the keys in a column of their own.

A 공모 계획 table prints in one cell `사 업 명 : …`, `사업내용 : …`, `사업기간 : 2025`,
`사업규모 : 20백만원(국비 10, 시비 10)`: each key left of a colon that stands at the same place on every
key line, each value right of it, wrapped over lines the key sits beside (한글 centres a key on its
value's lines, so in reading order the first line of a value can come before its key). A person reads
each field on its own; the cell keeps its text and gets its fields (`Cell.fields`), which extraction
reads as cells of their own.

Pure functions over word boxes (`Word`), so any reader that positions words feeds them.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

from pipeline.schemas.document import BBox, Document, FormField, Table, Word

COLONS = (":", "：")
MAX_KEY_CHARS = 8
"""A key is a short name (`사업규모`, `사 업 명`): more letters before a colon make a sentence, not a key."""
MIN_FIELDS = 2
"""Key lines a cell needs to be a form."""
COLON_TOLERANCE = 3.0
"""Points within which the colons of key lines stand at one place."""
LINE_SHARE = 0.4
"""Words whose tops differ by less than this share of the usual word height sit on one line."""


@dataclass(frozen=True)
class PlacedWord:
    """A word of a cell with the document line it was read on."""

    word: Word
    line: int


@dataclass
class _Row:
    """Words at one height of the cell."""

    top: float
    words: list[PlacedWord]

    def text(self, words: list[PlacedWord] | None = None) -> str:
        chosen = self.words if words is None else words
        return " ".join(p.word.text for p in sorted(chosen, key=lambda p: p.word.x0))


def _rows(words: list[PlacedWord]) -> list[_Row]:
    """The cell's words grouped by height (a value wrapped in a smaller font still joins its line)."""
    ordered = sorted(words, key=lambda p: p.word.top)
    height = statistics.median(p.word.bottom - p.word.top for p in ordered)
    rows: list[_Row] = []
    for placed in ordered:
        if rows and placed.word.top - rows[-1].top < LINE_SHARE * height:
            rows[-1].words.append(placed)
        else:
            rows.append(_Row(placed.word.top, [placed]))
    return rows


def _colon(row: _Row) -> tuple[float, str] | None:
    """Where the first colon of a row ends and the key before it, when the row starts with a key."""
    before: list[str] = []
    for placed in sorted(row.words, key=lambda p: p.word.x0):
        text = placed.word.text
        if text.endswith(COLONS) or text in COLONS:
            key = "".join(before) + text.rstrip("".join(COLONS))
            if (
                0 < len(key) <= MAX_KEY_CHARS
                and not any(ch.isdigit() for ch in key)
                and any(ch.isalpha() for ch in key)
            ):
                return placed.word.x1, key
            return None
        if any(ch in text for ch in COLONS):
            return None
        before.append(text)
    return None


def form_fields(words: list[PlacedWord]) -> list[FormField]:
    """The fields of a cell whose lines are `key : value` with the colons one above the other; [] when the
    cell is no such form (fewer than two keys, or words of other lines standing in the key column)."""
    if not words:
        return []
    rows = _rows(words)
    colons = {k: found for k, row in enumerate(rows) if (found := _colon(row)) is not None}
    if len(colons) < MIN_FIELDS:
        return []
    at = statistics.median(x for x, _ in colons.values())
    keys = [k for k, (x, _) in colons.items() if abs(x - at) <= COLON_TOLERANCE]
    if len(keys) < MIN_FIELDS:
        return []
    values: dict[int, list[tuple[float, str, int]]] = {k: [] for k in keys}
    for k, row in enumerate(rows):
        right = [p for p in row.words if p.word.x0 >= at - COLON_TOLERANCE / 2]
        if k in keys:
            right = [p for p in right if p.word.text not in COLONS]
        elif len(right) < len(row.words):
            return []  # a line with words in the key column but no key: prose, not a form
        if right:
            owner = k if k in keys else _owner(k, rows, keys)
            values[owner].append((row.top, _Row(row.top, right).text(), min(p.line for p in right)))
    fields: dict[str, FormField] = {}
    for k in keys:
        text = " ".join(text for _, text, _ in sorted(values[k]))
        line = min((line for _, _, line in values[k]), default=min(p.line for p in rows[k].words))
        key = colons[k][1]
        if key in fields:  # a key printed twice (`비 고 :` on two lines): one field, its texts in order
            fields[key].text = f"{fields[key].text} {text}".strip()
        else:
            fields[key] = FormField(key=key, text=text, line=line)
    return list(fields.values())


def _owner(k: int, rows: list[_Row], keys: list[int]) -> int:
    """The key a value line without a key belongs to: above the first key, the first; below the last, the
    last; between two keys, the one on its side of the widest gap between the lines from one key to the
    next (a paragraph break; a key centred on its value's lines leaves half gaps around itself)."""
    above = [key for key in keys if key < k]
    below = [key for key in keys if key > k]
    if not above:
        return below[0]
    if not below:
        return above[-1]
    first, last = above[-1], below[0]
    tops = [rows[i].top for i in range(first, last + 1)]
    gaps = [b - a for a, b in itertools.pairwise(tops)]
    split = first + 1 + max(range(len(gaps)), key=lambda i: (gaps[i], -i))
    return first if k < split else last


def _inside(word: Word, box: BBox) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _boxes_inside(tables: list[Table], page: int, box: BBox) -> list[BBox]:
    """Cell boxes of tables drawn inside a cell (a budget table nested in a 공모사업 cell): not the form's."""
    return [
        c.bbox
        for t in tables
        for c in t.cells
        if c.page == page
        and c.bbox is not None
        and c.bbox != box
        and box[0] <= c.bbox[0]
        and c.bbox[2] <= box[2]
        and box[1] <= c.bbox[1]
        and c.bbox[3] <= box[3]
    ]


def read_forms(document: Document) -> None:
    """Give every body cell of a positioned table that reads as a form its fields."""
    by_page: dict[int, list[PlacedWord]] = {}
    for line in document.lines:
        if line.page is not None:
            by_page.setdefault(line.page, []).extend(PlacedWord(w, line.number) for w in line.words)
    for table in document.tables:
        for cell in table.cells:
            if cell.is_header or cell.bbox is None or cell.page is None:
                continue
            if sum(cell.text.count(c) for c in COLONS) < MIN_FIELDS:
                continue
            box = cell.bbox
            nested = _boxes_inside(document.tables, cell.page, box)
            words = [
                p
                for p in by_page.get(cell.page, [])
                if _inside(p.word, box) and not any(_inside(p.word, inner) for inner in nested)
            ]
            cell.fields = form_fields(words)
