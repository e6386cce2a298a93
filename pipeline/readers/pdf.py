"""PDF reports through pdfplumber, into the same positioned document model as text exports.

Pages are read one at a time (and closed) so memory stays flat on long reports. Each page gives words
with their boxes, lines in reading order (words grouped by vertical position), and the tables pdfplumber
finds from ruling lines; merged cells keep their spans. Tables without ruling lines are found later, by
the layout stage, from the lines themselves (`pipeline.layout.spaced`), the same way as for text.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import zlib
from collections.abc import Sequence
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

from pdfplumber.utils import dedupe_chars

from pipeline.errors import NeedsOcrError, PdfError
from pipeline.lexicon.cellkinds import is_value, key_value_rows
from pipeline.lexicon.patterns import BARE_YEAR, BULLET_START, YEAR_HEAD, is_year_run
from pipeline.lexicon.words import PLACEHOLDER_MARKS
from pipeline.progress import page_done
from pipeline.readers.columns import find_gutter, split_at
from pipeline.readers.grid import bounding_box, find_grids
from pipeline.readers.pdfium import _LOOPS  # the C loops, or None (then these steps run in Python)
from pipeline.readers.pdfsource import PageContent, iter_pages
from pipeline.readers.settings import GridSettings, PdfSettings
from pipeline.schemas.document import Cell, Document, Graphic, Line, PageInfo, PageStatus, Table, Word

STREAM = re.compile(rb"/FlateDecode.{0,200}?>>\s*stream\r?\n", re.DOTALL)
MAX_STREAM_BYTES = 64 * 1024 * 1024
"""A compressed stream that inflates beyond this is a decompression bomb, not page content."""
MAX_INFLATED_BYTES = 512 * 1024 * 1024
"""All streams of one PDF together may not inflate beyond this."""
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
CID_GARBAGE = re.compile(r"\(cid:\d+\)")
PlacedCell = tuple[int, int, int, int, list[tuple[str, float]], tuple[float, float, float, float]]
"""A ruled cell placed on the grid: row, col, row span, col span, its text lines (text, top), its box."""


HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
LATIN = re.compile(r"[A-Za-z]")


class ScriptCount:
    """Hangul, Latin letters and all visible characters of a document's text layer.

    A Korean report whose text layer carries neither Hangul nor words in another script lost its
    glyph-to-Unicode map (only digits and punctuation survive): loading it would give garbage cells.
    """

    def __init__(self) -> None:
        self.hangul = self.latin = self.visible = 0

    def add(self, text: str) -> None:
        self.hangul += len(HANGUL.findall(text))
        self.latin += len(LATIN.findall(text))
        self.visible += len("".join(text.split()))  # the characters that are not whitespace

    def lacks_hangul(self, settings: PdfSettings) -> bool:
        if self.visible < settings.min_text_chars:
            return False
        letters = self.hangul + self.latin
        return (
            self.hangul < settings.min_hangul_share * self.visible
            and letters < settings.min_letter_share * self.visible
        )


REPLACEMENT = "\ufffd"
"""What an engine prints for a glyph it cannot map to Unicode (PDFium), beside pdfminer's `(cid:N)`."""


def page_info(number: int, chars: list[dict[str, Any]], images: int, settings: PdfSettings) -> PageInfo:
    """How a page's text layer reads, from its characters and images (`PageInfo.status`)."""
    if _LOOPS is not None:  # the same counts (`text_counts`; a test compares)
        visible, garbage, upright = _LOOPS.text_counts(chars, REPLACEMENT, CID_GARBAGE.fullmatch)
    else:
        visible, garbage, upright = text_counts(chars)
    share = round(upright / visible, 3) if visible else None
    return PageInfo(
        page=number,
        status=page_status(visible, garbage, images, share, settings),
        chars=visible,
        garbage_chars=garbage,
        images=images,
        upright_share=share,
    )


def text_counts(chars: list[dict[str, Any]]) -> tuple[int, int, int]:
    """Printed characters of a page (text not empty or whitespace), unmapped ones among them (PDFium's
    replacement character, pdfminer's `(cid:N)`), and upright ones."""
    visible = garbage = upright = 0
    for char in chars:
        text = char["text"]
        if not text or text.isspace():
            continue
        visible += len(text)
        if text == REPLACEMENT or (text[0] == "(" and CID_GARBAGE.fullmatch(text)):
            garbage += len(text)
        if char.get("upright", True):
            upright += len(text)
    return visible, garbage, upright


def page_status(
    visible: int, garbage: int, images: int, upright_share: float | None, settings: PdfSettings
) -> PageStatus:
    """cid when the share of unmapped glyphs passes `max_garbage_share`; image when images carry the
    page and its text is below `min_text_chars` (a scan with a stamped page number); rotated when most
    characters run against the page as shown; empty without text or images; else text."""
    if visible and garbage / visible > settings.max_garbage_share:
        return "cid"
    if images and visible < settings.min_text_chars:
        return "image"
    if not visible:
        return "empty"
    if upright_share is not None and upright_share < 0.5:
        return "rotated"
    return "text"


def clean_text(text: str) -> str:
    """Control characters (a space glyph mapped to \\x01) as spaces; private-use bullet glyphs as □."""
    return PRIVATE_USE.sub("□", CONTROL_CHARS.sub(" ", text))


def has_overprint(chars: list[dict[str, Any]]) -> bool:
    """Whether a page prints some character twice in the same place (fake bold): only then dedupe,
    which costs as much as reading the words. The C loops' `overprint` does the same (a test compares)."""
    if _LOOPS is not None:
        found: bool = _LOOPS.overprint(chars)
        return found
    return has_python_overprint(chars)


def has_python_overprint(chars: list[dict[str, Any]]) -> bool:
    """`has_overprint` in Python."""
    seen: set[tuple[str, int, int]] = set()
    for char in chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        if key in seen:
            return True
        seen.add(key)
    return False


LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
"""pdfplumber's ligature expansions (`pdfplumber.utils.text.LIGATURES`), which its word extraction applies."""
LINE_TOLERANCE = 3
"""pdfplumber's default x/y tolerance: characters whose line positions chain within it are one line."""

WordBox = tuple[str, float, float, float, float, Any]
"""A word as (text, x0, top, x1, bottom, size of its first character)."""


def chars_to_words(chars: list[dict[str, Any]], x_tolerance_ratio: float) -> list[WordBox]:
    """`chars_to_python_words` by the C loops (`words`: 10x faster, the same tuples; a test compares the
    two), or in Python where there is no extension or a character is not plain numbers (the C loop says
    None)."""
    if _LOOPS is not None:
        found: list[WordBox] | None = _LOOPS.words(chars, x_tolerance_ratio, LINE_TOLERANCE, LIGATURES)
        if found is not None:
            return found
    return chars_to_python_words(chars, x_tolerance_ratio)


def chars_to_python_words(chars: list[dict[str, Any]], x_tolerance_ratio: float) -> list[WordBox]:
    """The words pdfplumber's `WordExtractor(x_tolerance_ratio=..., keep_blank_chars=False,
    extra_attrs=["size"]).extract_words(chars)` gives, in its order, with its boxes (a test compares the
    two on real pages), without a dict per word: runs of characters of the same uprightness and size,
    cut into lines (upright text by `top`, rotated text by `x0`, positions chaining within 3 pt), each line
    sorted along the text, a new word at a space, at a gap wider than the ratio times the size of the
    previous character, or at a jump back or of more than 3 pt across the line."""
    words: list[WordBox] = []
    for (upright, _), group in itertools.groupby(chars, key=itemgetter("upright", "size")):
        run = list(group)
        # lines across `top` (upright) or `x0`; along a line by (x0, x0) or (top, bottom), as pdfplumber
        across, along, then = ("top", "x0", "x0") if upright else ("x0", "top", "bottom")
        # pdfplumber's cluster_objects: distinct positions, sorted, chained within the tolerance
        cluster: dict[float, int] = {}
        last: float | None = None
        count = -1
        for value in sorted({c[across] for c in run}):
            if last is None or not value <= last + LINE_TOLERANCE:
                count += 1
            cluster[value] = count
            last = value
        lines: dict[int, list[dict[str, Any]]] = {}
        for char in run:
            lines.setdefault(cluster[char[across]], []).append(char)
        for index in sorted(lines):
            line = sorted(lines[index], key=lambda c: (c[along], c[then]))
            word: list[dict[str, Any]] = []
            for char in line:
                text = char["text"]
                if text.isspace():
                    if word:
                        words.append(_merged(word))
                    word = []
                elif not text:  # pdfplumber splits at punctuation "" and every string holds ""
                    if word:
                        words.append(_merged(word))
                    words.append(_merged([char]))
                    word = []
                elif word and _begins_word(word[-1], char, upright, x_tolerance_ratio * word[-1]["size"]):
                    words.append(_merged(word))
                    word = [char]
                else:
                    word.append(char)
            if word:
                words.append(_merged(word))
    return words


def _begins_word(previous: dict[str, Any], char: dict[str, Any], upright: Any, tolerance: float) -> bool:
    """pdfplumber's `char_begins_new_word` for left-to-right lines (upright) and top-to-bottom ones."""
    if upright:
        return (
            char["x0"] < previous["x0"]
            or char["x0"] > previous["x1"] + tolerance
            or abs(char["top"] - previous["top"]) > LINE_TOLERANCE
        )
    return (
        char["top"] < previous["top"]
        or char["top"] > previous["bottom"] + LINE_TOLERANCE
        or abs(char["x0"] - previous["x0"]) > tolerance
    )


def _merged(chars: list[dict[str, Any]]) -> WordBox:
    """pdfplumber's `merge_chars`: the text (ligatures expanded) and the box around the characters."""
    text = "".join(LIGATURES.get(c["text"], c["text"] or "") for c in chars)
    return (
        text,
        min([c["x0"] for c in chars]),
        min([c["top"] for c in chars]),
        max([c["x1"] for c in chars]),
        max([c["bottom"] for c in chars]),
        chars[0]["size"],
    )


def page_words(chars: list[dict[str, Any]], settings: PdfSettings) -> list[Word]:
    """Words of a page's characters (fake-bold duplicates already removed) with boxes and font sizes."""
    words = []
    for text, x0, top, x1, bottom, size in chars_to_words(chars, settings.x_tolerance_ratio):
        cleaned = clean_text(text)
        if cleaned.strip():
            words.append(
                Word(
                    text=" ".join(cleaned.split()),
                    x0=float(x0),
                    x1=float(x1),
                    top=float(top),
                    bottom=float(bottom),
                    size=float(size or 1.0),
                )
            )
    return words


GRAPHIC_KINDS: tuple[tuple[Literal["rect", "line", "curve"], str], ...] = (
    ("rect", "rects"),
    ("line", "lines"),
    ("curve", "curves"),
)

GRAPHIC_ORDER = tuple(kind for kind, _ in GRAPHIC_KINDS)


def page_graphics(page: PageContent, page_number: int) -> list[Graphic]:
    """The page's drawn rectangles, straight lines and curves as boxes in points (either engine)."""
    if _LOOPS is not None:  # the same objects in the same order, without a tuple per box (`graphics`)
        made: list[Graphic] = _LOOPS.graphics(page.graphics, page_number, Graphic, GRAPHIC_ORDER)
        return made
    by_kind: dict[str, list[tuple[float, float, float, float]]] = {kind: [] for kind, _ in GRAPHIC_KINDS}
    for shape, x0, top, x1, bottom in page.graphics:  # one pass; rects first, then lines, then curves
        if shape in by_kind:
            by_kind[shape].append((x0, top, x1, bottom))
    return [Graphic(page_number, kind, *box) for kind, _ in GRAPHIC_KINDS for box in by_kind[kind]]


def group_lines(words: list[Word], tolerance: float) -> list[list[Word]]:
    """Words in reading order grouped into lines by vertical position."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][0].top - word.top) <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _axis(values: list[float], tolerance: float = 1.0) -> list[float]:
    """Distinct positions (cell edges), merging those closer than `tolerance`."""
    axis: list[float] = []
    for value in sorted(values):
        if not axis or value - axis[-1] > tolerance:
            axis.append(value)
    return axis


def _index(axis: list[float], value: float, tolerance: float = 1.0) -> int:
    return min(range(len(axis)), key=lambda i: abs(axis[i] - value)) if axis else 0


SPACE_GAP_RATIO = 0.25
"""Inside a cell, a gap wider than this share of the font size between two characters is a space."""


def _centred_in(chars: list[dict[str, Any]], box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """The characters whose centre lies inside `box` (the test of `cell_lines`), in their order; the C
    loops' `centred_in` (a test compares it with `centred_python`)."""
    if _LOOPS is not None:
        found: list[dict[str, Any]] | None = _LOOPS.centred_in(chars, *box)
        if found is not None:
            return found
    return centred_python(chars, box)


def centred_python(chars: list[dict[str, Any]], box: tuple[float, ...]) -> list[dict[str, Any]]:
    """`_centred_in` in Python (without the extension, or characters of other number types)."""
    x0, top, x1, bottom = box
    return [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]


def cell_lines(
    chars: list[dict[str, Any]], box: tuple[float, float, float, float], tolerance: float
) -> list[tuple[str, float]]:
    """The text lines of one cell, from the characters whose centre lies inside it.

    Characters, not words: words that pdfplumber glued across a cell border (`1,78012,013` in a wide
    table) are cut at the border this way.
    """
    inside = _centred_in(chars, box)
    rows: list[list[dict[str, Any]]] = []
    for char in sorted(inside, key=lambda c: (c["top"], c["x0"])):
        if rows and abs(rows[-1][0]["top"] - char["top"]) <= tolerance:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = row[0]["text"]
        for previous, char in itertools.pairwise(row):
            gap = char["x0"] - previous["x1"]
            text += (" " if gap > SPACE_GAP_RATIO * float(char.get("size") or 10) else "") + char["text"]
        text = " ".join(clean_text(text).split())
        if text:
            lines.append((text, float(row[0]["top"])))
    return lines


def page_grids(
    edges: list[dict[str, Any]], columns: Sequence[list[Word]], gutter: float | None, settings: GridSettings
) -> list[list[tuple[float, float, float, float]]]:
    """The ruled grids of a page, column by column on a page of two: a table's outer columns are recovered
    from the words beside it (`find_grids`), never from the other column's."""
    if gutter is None:
        return find_grids(edges, columns[0], settings)
    left = [e for e in edges if (e["x0"] + e["x1"]) / 2 < gutter]
    right = [e for e in edges if (e["x0"] + e["x1"]) / 2 >= gutter]
    return find_grids(left, columns[0], settings) + find_grids(right, columns[1], settings)


COLUMN_BOX_GAP = 30.0
"""One-column boxes standing at most this far apart (in points) side by side are columns of one table."""


def side_by_side_years(
    grids: list[list[tuple[float, float, float, float]]], chars: list[dict[str, Any]], tolerance: float
) -> list[list[tuple[float, float, float, float]]]:
    """Grids of one column each, headed by a year (`2023`, `2026~2027`), that stand side by side with the
    same row rules, a little apart, as one grid: a schedule drawn as one box per year (`2023` / its work /
    `2,000백만 원` beside `2024` / …), which a person reads as one table of years. Other grids (the boxes
    of an org chart's teams) are kept as they are."""
    out: list[list[tuple[float, float, float, float]]] = []
    for grid in sorted(grids, key=lambda g: min((b[0] for b in g if b), default=0.0)):
        boxes = [b for b in grid if b]
        run = None
        if _one_column(boxes) and _headed_by_year(boxes, chars, tolerance):
            run = next(
                (r for r in out if _one_column_run(r, boxes) and _headed_by_year(r, chars, tolerance)), None
            )
        if run is not None:
            run.extend(boxes)
        else:
            out.append(list(boxes))
    return out


def _headed_by_year(
    boxes: list[tuple[float, float, float, float]], chars: list[dict[str, Any]], tolerance: float
) -> bool:
    """Whether the top box of a one-column grid prints only a year or a span of years."""
    top = min(boxes, key=lambda b: (b[1], b[0]))
    lines = cell_lines(_centred_in(chars, top), top, tolerance)
    return len(lines) == 1 and bool(YEAR_HEAD.match(lines[0][0]))


def _one_column(boxes: list[tuple[float, float, float, float]]) -> bool:
    return len(boxes) >= 2 and all(
        abs(b[0] - boxes[0][0]) <= 1 and abs(b[2] - boxes[0][2]) <= 1 for b in boxes
    )


def _row_rules(boxes: list[tuple[float, float, float, float]]) -> list[float]:
    return sorted({round(v) for b in boxes for v in (b[1], b[3])})


def _one_column_run(
    run: list[tuple[float, float, float, float]], boxes: list[tuple[float, float, float, float]]
) -> bool:
    """Whether `boxes` (one column) goes on a run of grids: the run ends a little left of it, is drawn with
    the same row rules and no merged cell (as many boxes in each of its columns)."""
    right = max(b[2] for b in run)
    rules, own = _row_rules(run), _row_rules(boxes)
    return (
        len(run) % len(boxes) == 0
        and 0 <= boxes[0][0] - right <= COLUMN_BOX_GAP
        and len(rules) == len(own)
        and all(abs(a - b) <= 2 for a, b in zip(rules, own, strict=True))
    )


def page_edges(page: PageContent) -> list[dict[str, Any]]:
    """The ruling edges of a page (lines, rectangle sides, curve segments), from either engine, which
    gives them with just the keys the grid steps read."""
    return page.edges


def ruled_tables(
    grids: list[list[tuple[float, float, float, float]]],
    chars: list[dict[str, Any]],
    page_number: int,
    line_of: Any,
    table_index: int,
    tolerance: float,
) -> list[Table]:
    """Tables drawn with ruling lines, cells placed on the grid of their edges with their spans.

    A ruled row whose cells each hold the same number of lines (two or more) had its row rules left out:
    it is split into that many rows (정원/현원 by 직급 printed as one tall row). A table drawn inside a
    cell of another is its own table: its characters are left out of the enclosing cell.
    """
    tables: list[Table] = []
    extents = [bounding_box(found) for found in grids if found]
    for found in grids:
        boxes = [c for c in found if c]
        if not boxes:
            continue
        outer = bounding_box(boxes)
        nested = [e for e in extents if e != outer and _contains(outer, e)]
        table_chars = [c for c in chars if not any(_char_in(c, e) for e in nested)] if nested else chars
        # a cell's characters are the table's: each cell looks through those, not through the page's
        table_chars = _centred_in(table_chars, outer)
        xs = _axis([b[0] for b in boxes])
        ys = _axis([b[1] for b in boxes])
        placed: list[PlacedCell] = []
        corners = _corner_boxes(boxes, xs, ys)
        texts = {box: cell_lines(table_chars, box, tolerance) for box in boxes if box not in corners}
        for box in boxes:
            x0, top, x1, bottom = box
            inside = corners.get(box)
            own = table_chars
            if inside:
                own = [c for c in table_chars if not any(_char_in(c, b) for b in inside)]
            text_lines = texts[box] if box in texts else cell_lines(own, box, tolerance)
            if not text_lines:
                continue
            spread = _head_over_boxed_neighbour(box, text_lines, boxes, texts)
            if spread:
                # `증 감` over `(B-A)`, the box right of it empty over `%`: the head spans both columns
                head, right = spread
                text_lines = [line for line in text_lines if line not in head]
                placed.append(_placed(xs, ys, (x0, top, right[2], right[3]), head))
                top = right[3]
            if inside:
                bottom = min(b[1] for b in inside)
                heads = [top for b in inside for _, top in cell_lines(table_chars, b, tolerance)]
                beside = [
                    line
                    for line in text_lines
                    if line[1] >= bottom and any(abs(line[1] - t) <= CORNER_LINE_TOLERANCE for t in heads)
                ]
                if beside and len(beside) < len(text_lines):
                    # `(B-A)` printed beside the corner box `(B-A)/A` on its line, under the spanning
                    # `증감`: the head of the columns left of the corner box, not the spanning one's text
                    text_lines = [line for line in text_lines if line not in beside]
                    placed.append(_placed(xs, ys, (x0, bottom, min(b[0] for b in inside), box[3]), beside))
            placed.append(_placed(xs, ys, (x0, top, x1, bottom), text_lines))
        if len(xs) < 2 or len(ys) < 2 or not placed:
            continue
        cells, n_rows = _expand_stacked_rows(placed, len(ys), page_number, line_of)
        if _title_row(cells, n_rows, len(xs)):
            # `규제대안 1 : 방호조치 선택범위 정비` boxed over a whole cost table: its title, a line above it
            cells = [c.model_copy(update={"row": c.row - 1}) for c in cells if c.row > 0]
            n_rows -= 1
        header_rows = _header_rows(cells)
        cells = [c.model_copy(update={"is_header": c.row < header_rows}) for c in cells]
        lines = [c.line for c in cells]
        # a cell's text may wrap below the line its first text sits on: the table ends at its last line
        last = [line_of(0, p[4][-1][1], p[4][-1][1] + 1) for p in placed]
        tables.append(
            Table(
                table_id=f"p{table_index + len(tables) + 1:03d}",
                source="pdf-ruled",
                first_line=min(lines),
                last_line=max(*lines, *last),
                page=page_number,
                n_rows=n_rows,
                n_cols=len(xs),
                header_rows=header_rows,
                cells=cells,
            )
        )
    return tables


MIN_ROWS_UNDER_TITLE = 2
"""Rows a grid must have under a box spanning its width for that box to be the table's title."""


def _title_row(cells: list[Cell], n_rows: int, n_cols: int) -> bool:
    """Whether the grid's first row is one box across every column, words not a value, over a header and
    rows of figures (`규제대안 1 : 방호조치 선택범위 정비` over `영향집단 | 비용 | 편익 | 순비용`): the
    table's title, not a head of each column (the HWP reader reads such a row as a line above the table
    too)."""
    first = [c for c in cells if c.row == 0]
    if not (
        n_cols > 1
        and n_rows > MIN_ROWS_UNDER_TITLE
        and len(first) == 1
        and first[0].col == 0
        and first[0].col_span >= n_cols
        and first[0].row_span == 1
        and not is_value(first[0].text)
    ):
        return False
    # over a header (no value in the row under it) and figures: a box over text rows may be their heading
    valued = {c.row for c in cells if c.col > 0 and is_value(c.text)}
    return 1 not in valued and bool(valued)


def _placed(
    xs: list[float], ys: list[float], box: tuple[float, float, float, float], lines: list[tuple[str, float]]
) -> PlacedCell:
    """A box of the grid with its text lines, at its row and column and with the spans it covers."""
    x0, top, x1, bottom = box
    row_span, col_span = max(1, _span(ys, top, bottom)), max(1, _span(xs, x0, x1))
    return (_index(ys, top), _index(xs, x0), row_span, col_span, lines, box)


def _head_over_boxed_neighbour(
    box: tuple[float, float, float, float],
    lines: list[tuple[str, float]],
    boxes: list[tuple[float, float, float, float]],
    texts: dict[tuple[float, float, float, float], list[tuple[str, float]]],
) -> tuple[list[tuple[str, float]], tuple[float, float, float, float]] | None:
    """(the lines of a head that span the next column too, the empty box right of them) when a tall header
    cell stands beside an empty box drawn over a labelled one (`증 감` / `(B-A)` beside an empty box over `%`:
    the page shows one head over both columns, the empty box only a shading without a rule); None otherwise.
    Lines set beside the lower box (`증 감 (B-A)` on the level of `(B-A)/A`) are the cell's own head."""
    _, top, x1, bottom = box
    for right in boxes:
        if (
            abs(right[0] - x1) > 1
            or abs(right[1] - top) > 1
            or right[3] >= bottom - 1
            or right not in texts
            or texts[right]
        ):
            continue
        below = [
            b
            for b in boxes
            if abs(b[0] - right[0]) <= 1 and abs(b[2] - right[2]) <= 1 and abs(b[1] - right[3]) <= 1
        ]
        if not below or not texts.get(below[0]) or below[0][3] > bottom + 1:
            continue
        head = [line for line in lines if line[1] < right[3] - 1]
        if head and len(head) < len(lines) and not any(is_value(text) for text, _ in head):
            return head, right
    return None


CORNER_LINE_TOLERANCE = 6.0
"""A line of a spanning box is on the line of its corner box's text when their tops are this close (half a
line of 12 pt text: `(B-A)` and `(B-A)/A` are set 3 pt apart in a 고용노동부 brief)."""


def _span(axis: list[float], low: float, high: float) -> int:
    """How many grid lines of an axis a box from `low` to `high` starts rows or columns at."""
    return sum(1 for v in axis if low - 1 <= v < high - 1)


def _corner_boxes(
    boxes: list[tuple[float, float, float, float]], xs: list[float], ys: list[float]
) -> dict[tuple[float, float, float, float], list[tuple[float, float, float, float]]]:
    """Boxes drawn inside the lower part of a larger cell, per such cell. 한글 draws a small header box
    in the corner of a spanning one (`당초예산` over two columns, `증감률` boxed under its right half): the
    large cell is the parent of the small one, over the rows above it, and its text is its own."""
    spanning = [b for b in boxes if _span(xs, b[0], b[2]) > 1 and _span(ys, b[1], b[3]) > 1]
    corners = {}
    for outer in spanning:
        inside = [b for b in boxes if b != outer and _contains(outer, b) and b[1] > outer[1] + 1]
        if inside:
            corners[outer] = inside
    return corners


def _contains(outer: tuple[float, ...], inner: tuple[float, ...], slack: float = 1.0) -> bool:
    return (
        outer[0] - slack <= inner[0]
        and outer[1] - slack <= inner[1]
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def _char_in(char: dict[str, Any], box: tuple[float, ...]) -> bool:
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _expand_stacked_rows(
    placed: list[PlacedCell],
    n_rows: int,
    page_number: int,
    line_of: Any,
) -> tuple[list[Cell], int]:
    """Cells on the final grid: a grid row whose cells stack several entries is split into sub-rows.
    A cell with one value over wrapped words (`39점` / `(핵산추출기, 유전자분석기,` / `효소분석기 등)`) stacks
    nothing: the row stays one row.

    An entry is a line, or a value with the bracketed value printed under it (`317,500` / `(31,800)`,
    `341,802` / `[341,802]`: 계획액 over 수정, 집행액 over 실집행액, read as one cell with a second value)
    when the row's label cells name one thing per such pair rather than one per line; a label cell's entry is
    a bulleted item with its wrapped lines (`․자율주택` / `정비사업`). The sub-rows are the entries of the
    value cell with most of them; every entry of the row's other cells goes to the sub-row nearest its
    height, so sparse columns (과부족 printed on some lines only) stay aligned. A row one of whose cells
    wraps (a line ending in `,`, `·` or `및`) is one record, not a stack.
    A label cell (no value) whose entries do not sit on the sub-rows is a label merged over them
    (`누구나 어디서나 / 함께 누리는 / 도시 조성` centred beside five 사업): it stays one cell spanning them.
    """

    subs: dict[int, list[float]] = {}
    paired: set[int] = set()
    for row in range(n_rows):
        own = [lines for r, _, rs, _, lines, _ in placed if r == row and rs == 1]
        valued = [lines for lines in own if len(lines) > 1 and _stacks_values(lines)]
        if not valued:
            continue
        by_line = [top for _, top in max(valued, key=len)]
        labels = [_label_entries(lines) for lines in own if not any(is_value(t) for t, _ in lines)]
        per_line = any(_aligned(entries, by_line) for entries in labels)
        by_pair = [_position(e) for e in max((_value_entries(v) for v in valued), key=len)]
        if not per_line and len(by_pair) < len(by_line):
            paired.add(row)
            if len(by_pair) > 1:
                subs[row] = by_pair
        elif len([lines for lines in own if len(lines) > 1]) >= 2 and not any(map(_wrapped, own)):
            subs[row] = by_line
    positions = _row_positions(placed, n_rows, subs)
    offset, start = 0, {}
    for row in range(n_rows):
        start[row] = offset
        offset += len(subs.get(row, [0]))
    cells: list[Cell] = []
    for row, col, row_span, col_span, lines, box in placed:
        label = not any(is_value(text) for text, _ in lines)
        entries = (
            _label_entries(lines)
            if label
            else _value_entries(lines)
            if row in paired
            else [[x] for x in lines]
        )
        merged_label = row in subs and label and not _aligned(entries, subs[row])
        spread = _spread(lines, label, row, row_span, positions, start) if row_span > 1 else None
        if spread:
            pieces, span = spread, 1
        elif row in subs and row_span == 1 and not merged_label:
            by_sub: dict[int, list[tuple[str, float]]] = {}
            for entry in entries:
                at = _position(entry)
                sub = min(range(len(subs[row])), key=lambda k: abs(subs[row][k] - at))
                by_sub.setdefault(sub, []).extend(entry)
            pieces = [(start[row] + k, part) for k, part in sorted(by_sub.items())]
            span = 1
        else:
            pieces = [(start[row], lines)]
            end_row = min(row + row_span, n_rows)
            span = sum(len(subs.get(r, [0])) for r in range(row, end_row))
        for grid_row, part in pieces:
            top = part[0][1]
            cells.append(
                Cell(
                    row=grid_row,
                    col=col,
                    text=" ".join(text for text, _ in part),
                    line=line_of((box[0] + box[2]) / 2, top, top + 1),
                    page=page_number,
                    row_span=span,
                    col_span=col_span,
                    bbox=box,
                )
            )
    return cells, offset


CONTINUED = re.compile(r"(?:[,，·ㆍ‧∙、]|\s및)$")
"""A line ending in a comma, a middle dot or 및 goes on in the line under it: text wrapped in its cell."""
CONTINUING = re.compile(r"^(?:및|또는|혹은)\s")
"""A line opening with a conjunction goes on from the line above it (`보전수입 등` / `및 내부거래`)."""


ADDRESS = re.compile(
    r"^[가-힣]{1,5}[구군시]\s+[가-힣A-Za-z0-9]+(?:대로|로|길)(?:\s*\d+번?길)?\s+\d+(?:-\d+)?$"
)
"""A street address: district, road, building number (`연제구 월드컵대로 359`, `해운대구 센텀동로 57`)."""


def _wrapped(lines: list[tuple[str, float]]) -> bool:
    """A cell whose text wraps (`4부, 1센터, 21진료과·` / `26과(실)·1연구소`, `1실 3부,` / `4수탁기관`,
    `보전수입 등` / `및 내부거래`, an address over lines `부산진구` / `중앙대로` / `955`): its row is one
    record whose cells wrap, not a stack of one record per line."""
    if any(CONTINUED.search(text.rstrip()) for text, _ in lines[:-1]):
        return True
    if any(CONTINUING.match(text.lstrip()) for text, _ in lines[1:]):
        return True
    joined = " ".join(text for text, _ in lines)
    return len(lines) > 1 and not ADDRESS.match(lines[0][0]) and bool(ADDRESS.match(joined))


def _row_positions(
    placed: list[PlacedCell], n_rows: int, subs: dict[int, list[float]]
) -> dict[int, list[float]]:
    """The heights of each grid row's sub-rows: its split ones, or the middle of the cells it holds alone."""
    positions = dict(subs)
    for row in range(n_rows):
        if row not in positions:
            own = sorted(_position(lines) for r, _, rs, _, lines, _ in placed if r == row and rs == 1)
            if own:
                positions[row] = [own[len(own) // 2]]
    return positions


def _spread(
    lines: list[tuple[str, float]],
    label: bool,
    row: int,
    row_span: int,
    positions: dict[int, list[float]],
    start: dict[int, int],
) -> list[tuple[int, list[tuple[str, float]]]] | None:
    """A cell merged over rows that prints one entry on each of them, split onto them: the bulleted items of
    a stub (`․기타민간 융자금(450-04)` / `․이차보전금 (320-05)`) or the values of a column whose dotted
    row rules were not read as rules, while other columns' were. None when its entries do not sit one on
    each row."""
    slots = [
        (start[r] + k, at) for r in range(row, row + row_span) for k, at in enumerate(positions.get(r, []))
    ]
    if len(slots) < 2 or any(r not in positions for r in range(row, row + row_span)):
        return None
    if label:
        if not BULLET_START.match(lines[0][0]):
            return None
        options = [_label_entries(lines)]
    elif all(is_value(text) or _placeholder(text) for text, _ in lines):
        options = [_value_entries(lines), [[x] for x in lines]]
    else:
        return None
    heights = [at for _, at in slots]
    for entries in options:
        if len(entries) == len(slots) and _aligned(entries, heights):
            return [(grid_row, entry) for (grid_row, _), entry in zip(slots, entries, strict=True)]
    return None


def _placeholder(text: str) -> bool:
    return text.strip() in PLACEHOLDER_MARKS


STACKED_MEASURE = re.compile(
    r"^\d+\s*위$|^(?:[(（][가-힣]{1,6}[)）]\s*[△▲-]?\d[\d,.]*\s*[,，]?\s*){2,}$"
)
"""Lines that are values of an indicator though no amount or count: a rank (`6위`) and labelled values
(`(신설) 0, (개보수)31`)."""


ITEM_COUNT = re.compile(r"^[(（]\s*\d{1,3}\s*[)）]$")
"""A bracketed small number alone on a line (`(1)`, `(2)`): under a name, how many items it holds."""


def _stacks_values(lines: list[tuple[str, float]]) -> bool:
    """A cell that prints a value on one of its lines, each line whole: a value over words wrapped inside
    one bracket (`39점` / `(핵산추출기, 유전자분석기,` / `효소분석기 등)`) is one entry, not a stack; nor is
    a name over the count of its items (`식중독` / `(1)`, as `바이러스 (2)` prints it on one line)."""
    valued = any(
        (is_value(text) and not _item_count(lines, k)) or STACKED_MEASURE.match(text.strip())
        for k, (text, _) in enumerate(lines)
    )
    return valued and all(_balanced(text) for text, _ in lines)


def _item_count(lines: list[tuple[str, float]], k: int) -> bool:
    """Whether line `k` is the bracketed count of the name on the line above it (`식중독` / `(1)`)."""
    return k > 0 and bool(ITEM_COUNT.match(lines[k][0].strip())) and not is_value(lines[k - 1][0])


def _balanced(text: str) -> bool:
    return text.count("(") + text.count("（") == text.count(")") + text.count("）")


SECOND_VALUE = re.compile(r"^[(（\[][^()（）\[\]]*\d[^()（）\[\]]*[)）\]]$")
"""A line that is one bracketed value (`(31,800)`, `(-12,100)`, `[341,802]`): the second value of the line
above it when that line is a value."""


def _value_entries(lines: list[tuple[str, float]]) -> list[list[tuple[str, float]]]:
    """A value cell's lines as entries: a bracketed value joins the value line right above it."""
    entries: list[list[tuple[str, float]]] = []
    for text, top in lines:
        if (
            entries
            and len(entries[-1]) == 1
            and SECOND_VALUE.match(text)
            and is_value(entries[-1][0][0])
            and not SECOND_VALUE.match(entries[-1][0][0])
        ):
            entries[-1].append((text, top))
        else:
            entries.append([(text, top)])
    return entries


def _label_entries(lines: list[tuple[str, float]]) -> list[list[tuple[str, float]]]:
    """A label cell's lines as entries: where its first line opens a list item, each item with the lines
    wrapped under it (`․자율주택` / `정비사업`); else one entry per line."""
    if not lines or not BULLET_START.match(lines[0][0]):
        return [[line] for line in lines]
    entries: list[list[tuple[str, float]]] = []
    for text, top in lines:
        if entries and not BULLET_START.match(text):
            entries[-1].append((text, top))
        else:
            entries.append([(text, top)])
    return entries


def _position(entry: list[tuple[str, float]]) -> float:
    """The height of an entry: the middle of its lines' tops (an entry is centred in its row)."""
    return sum(top for _, top in entry) / len(entry)


STACK_ALIGN_TOLERANCE = 3.0
"""An entry of a stacked cell sits on a sub-row when its height is this close to the sub-row's."""


def _aligned(entries: list[list[tuple[str, float]]], positions: list[float]) -> bool:
    """Whether each entry sits on its own one of the sub-rows at `positions`."""
    if not entries:
        return False
    nearest = [min(positions, key=lambda t: abs(t - _position(e))) for e in entries]
    close = all(abs(t - _position(e)) <= STACK_ALIGN_TOLERANCE for t, e in zip(nearest, entries, strict=True))
    return close and len(set(nearest)) == len(nearest)


def _header_rows(cells: list[Cell]) -> int:
    """Rows above the first row that holds a number in a column other than the first; a first row of
    years (`구 분 | 2018 | 2019 | … | 연평균증가율`) is a header, not data. A header ends above a cell that
    lies mostly below it (a merged stub cell beside rows of text values is body, not header: culture
    sports p74, whose column heads are boxes drawn above the grid; a stub name spanning a two-row header
    and its one body row stays a header cell). A row of bulleted entries is body, and so are the rows of
    a `key | value` form (`key_value_rows`)."""
    first = [c.text for c in cells if c.row == 0 and c.col > 0 and c.text.strip()]
    years = len(first) >= 2 and all(BARE_YEAR.match(t) or not is_value(t) for t in first)
    year_rows = {0} if years else set()
    year_rows |= _year_rows_under_spanning_heads(cells)
    value_rows = sorted({c.row for c in cells if c.col > 0 and is_value(c.text) and c.row not in year_rows})
    header = min(value_rows[0], 3) if value_rows else max(year_rows, default=0) + 1
    # a row of bulleted entries (`• 사업 일부 지연`) is body, whatever the numbers below it
    listed = [c.row for c in cells if 0 < c.row < header and BULLET_START.match(c.text)]
    header = min(listed, default=header)
    spanning = [c.row for c in cells if c.row < header and c.row + c.row_span - header > header - c.row]
    header = min(spanning, default=header)
    shape = [(c.row, c.col, c.row_span, c.col_span, c.text) for c in cells]
    return 0 if key_value_rows(shape, header) else header



MAX_YEAR_HEAD_ROW = 2
"""A row of years lower in a table than this is body, whatever is above it (a header is at most 3 rows)."""


def _year_rows_under_spanning_heads(cells: list[Cell]) -> set[int]:
    """Rows printing consecutive years (`23 | 24 | 25 | 26 | 27`) right under one cell spanning their
    columns (`연도별 계획`): column heads of a schedule, not counts."""
    found: set[int] = set()
    for head in cells:
        if head.col_span < 2 or is_value(head.text):
            continue
        row, cols = head.row + head.row_span, range(head.col, head.col + head.col_span)
        under = sorted((c.col, c.text) for c in cells if c.row == row and c.col in cols and c.text.strip())
        if row <= MAX_YEAR_HEAD_ROW and is_year_run([text for _, text in under]):
            found.add(row)
    return found


STREAM_WINDOW = 16 * 1024 * 1024
"""Bytes after a stream's start handed to the inflater (it stops at the stream's end)."""


def inflated_size(data: bytes, start: int, limit: int) -> tuple[int, bool] | None:
    """How many bytes (at most `limit`) the zlib stream at `start` inflates to, and whether input was
    left when the limit stopped it; None when zlib refuses the stream. The C loops count into one reused
    buffer (half the time: a report's image streams inflate to tens of MB); zlib otherwise."""
    if _LOOPS is not None:
        found: tuple[int, bool] | None = _LOOPS.inflated_size(data, start, STREAM_WINDOW, limit)
        return found
    return _zlib_inflated_size(data, start, limit)


def _zlib_inflated_size(data: bytes, start: int, limit: int) -> tuple[int, bool] | None:
    """`inflated_size` through Python's zlib (the fallback, and the tests' reference)."""
    inflater = zlib.decompressobj()
    try:  # a memoryview: the stream's bytes without a copy of the rest of the file per stream
        inflated = len(inflater.decompress(memoryview(data)[start : start + STREAM_WINDOW], limit))
    except zlib.error:
        return None
    return inflated, bool(inflater.unconsumed_tail)


def check_inflation(data: bytes) -> None:
    """Refuse a PDF whose compressed streams inflate to absurd sizes before pdfminer inflates them whole."""
    total = 0
    for match in STREAM.finditer(data):
        found = inflated_size(data, match.end(), MAX_STREAM_BYTES)
        if found is None:
            continue
        inflated, tail = found
        if inflated >= MAX_STREAM_BYTES and tail:
            raise PdfError(
                f"decompression bomb: a stream inflates to more than {MAX_STREAM_BYTES // 2**20} MB"
            )
        total += inflated
        if total > MAX_INFLATED_BYTES:
            limit = MAX_INFLATED_BYTES // 2**20
            raise PdfError(f"decompression bomb: streams inflate to more than {limit} MB")


def read_pdf(path: Path, doc_id: str, settings: PdfSettings | None = None) -> Document:
    """Read a PDF into a Document; an unreadable PDF raises `PdfError` with the reason."""
    settings = settings or PdfSettings()
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        raise PdfError("not a PDF: the file does not start with %PDF")
    check_inflation(data)
    lines: list[Line] = []
    tables: list[Table] = []
    graphics: list[Graphic] = []
    chars = garbage = pages = 0
    script = ScriptCount()
    infos: list[PageInfo] = []
    for page in iter_pages(path, data, settings.engine, settings.max_pages, settings.only_pages):
        pages, page_number = page.pages, page.number
        page_chars = dedupe_chars(page.chars) if has_overprint(page.chars) else page.chars
        words = page_words(page_chars, settings)
        group = partial(group_lines, tolerance=settings.line_tolerance)
        gutter = find_gutter(words, page.bbox, page.edges, settings.columns, group)
        columns = split_at(words, gutter) if gutter is not None else (words,)
        page_lines = [line for column in columns for line in group(column)]
        texts = [" ".join(w.text for w in line_words) for line_words in page_lines]
        for text in texts:
            chars += len(text)
            garbage += sum(len(m) for m in CID_GARBAGE.findall(text))
            script.add(text)
        infos.append(page_info(page_number, page_chars, page.images, settings))
        if infos[-1].status == "cid":  # garbage is never loaded as lines or cells: the page is recorded
            page_done(doc_id, page_number, page.pages)
            continue
        first = len(lines) + 1
        for k, (text, line_words) in enumerate(zip(texts, page_lines, strict=True), start=1):
            lines.append(
                Line(number=len(lines) + 1, text=text, page=page_number, page_line=k, words=line_words)
            )

        def side(x: float, gutter: float | None = gutter) -> bool:
            return gutter is not None and x >= gutter

        tops = [(lw[0].top, side(lw[0].x0)) for lw in page_lines]

        def line_of(x: float, top: float, bottom: float, first: int = first, tops: list = tops) -> int:
            """The line of a cell's text: the first line of the cell's column of the page at its height."""
            column = [(i, t) for i, (t, right) in enumerate(tops) if right == side(x)]
            column = column or [(i, t) for i, (t, _) in enumerate(tops)]
            inside = [i for i, t in column if top - 1 <= t <= bottom]
            return first + (inside[0] if inside else column[_index([t for _, t in column], top)][0])

        if page_lines:
            graphics += page_graphics(page, page_number)
            grids = page_grids(page_edges(page), columns, gutter, settings.grid)
            grids = side_by_side_years(grids, page_chars, settings.line_tolerance)
            tables += ruled_tables(
                grids, page_chars, page_number, line_of, len(tables), settings.line_tolerance
            )
        page_done(doc_id, page_number, page.pages)
    if chars < settings.min_text_chars:
        raise NeedsOcrError("no text layer: needs OCR")
    if garbage / max(chars, 1) > settings.max_garbage_share:
        raise NeedsOcrError("no text layer: needs OCR (the fonts map characters to (cid:N) codes)")
    if script.lacks_hangul(settings):
        raise NeedsOcrError(
            f"unreadable text layer: needs OCR ({script.hangul} Hangul and {script.latin} Latin letters "
            f"among {script.visible} printed characters: the fonts carry no Unicode map for the Korean text)"
        )
    return Document(
        doc_id=doc_id,
        source_path=str(path),
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        lines=lines,
        tables=tables,
        graphics=graphics,
        page_info=infos,
    )
