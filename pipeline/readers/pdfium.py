"""Characters and ruling lines of PDF pages through PDFium (`pypdfium2`), shaped as pdfplumber shapes them.

PDFium parses a page in C about 30x faster than pdfminer does in Python. This module only gathers what
the table and word steps need, in pdfplumber's coordinates (origin top left, page rotation applied, the
media box's offset kept) and with pdfminer's geometry, so both engines feed the same later steps:

- characters in content-stream order (PDFium's own text order groups lines differently), each with the
  box pdfminer gives it (from the pen position, the font's descent and the advance width, not the glyph's
  ink), its font size as pdfminer reports it, its font name and whether it is upright;
- path objects cut into subpaths and classified as pdfminer does (a line, an axis-aligned rectangle, or a
  curve through its segment end points), turned into the edges pdfplumber's `TableFinder` works on.

Characters PDFium invents (spaces and line breaks it infers from gaps) are dropped: pdfminer has none.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import struct
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

Matrix = tuple[float, float, float, float, float, float]

OBJ_TEXT, OBJ_PATH, OBJ_FORM = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
OBJ_IMAGE = raw.FPDF_PAGEOBJ_IMAGE
SEG_MOVE, SEG_BEZIER = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
DECIMALS = 2
"""Positions and font sizes are rounded to 0.01 pt here, as `pdfsource.DECIMALS` says why."""

_HANDLES = (raw.FPDF_PAGE, raw.FPDF_PAGEOBJECT, raw.FPDF_PATHSEGMENT, raw.FPDF_FONT, raw.FPDF_TEXTPAGE)


def _by_address(function: Any) -> Any:
    """The same PDFium function taking and answering its handles (page, object, segment, font, text page)
    as plain integers: the hot loops make millions of calls, and a ctypes pointer object per call and
    per answer costs more than PDFium's own work."""

    def plain(kind: Any) -> Any:
        return ctypes.c_void_p if kind in _HANDLES else kind

    prototype = ctypes.CFUNCTYPE(plain(function.restype), *(plain(k) for k in function.argtypes))
    return prototype(ctypes.cast(function, ctypes.c_void_p).value or 0)


_C = {
    name: _by_address(getattr(raw, name))
    for name in (
        "FPDFPage_CountObjects",
        "FPDFPage_GetObject",
        "FPDFPageObj_GetType",
        "FPDFPageObj_GetMatrix",
        "FPDFPageObj_GetBounds",
        "FPDFFormObj_CountObjects",
        "FPDFFormObj_GetObject",
        "FPDFPath_CountSegments",
        "FPDFPath_GetPathSegment",
        "FPDFPathSegment_GetType",
        "FPDFPathSegment_GetPoint",
        "FPDFPathSegment_GetClose",
        "FPDFText_CountChars",
        "FPDFText_GetText",
        "FPDFText_IsGenerated",
        "FPDFText_GetTextObject",
        "FPDFText_GetCharOrigin",
        "FPDFText_GetLooseCharBox",
        "FPDFText_GetMatrix",
        "FPDFText_GetFontSize",
        "FPDFTextObj_GetFont",
        "FPDFTextObj_GetText",
        "FPDFTextObj_GetFontSize",
        "FPDFFont_GetBaseFontName",
        "FPDFFont_GetDescent",
        "FPDFFont_GetGlyphWidth",
        "FPDFText_GetUnicode",
        "FPDFText_LoadPage",
        "FPDFText_ClosePage",
    )
}
"""PDFium's functions as `_by_address` gives them (handles are ints; NULL is None)."""
if hasattr(raw, "FPDFPageObj_SetIsActive"):  # PDFium of 2023 on (pypdfium2 4.x before that lacks it)
    _C["FPDFPageObj_SetIsActive"] = _by_address(raw.FPDFPageObj_SetIsActive)


LOOP_FUNCTIONS = (
    "walk", "page_chars", "sorted_chars", "control_texts", "path_edges", "words", "overprint",
    "inflated_size", "join_edges", "centred_in", "text_counts", "graphics", "spaced",
)
"""What the readers call of the C loops (pdfium.py, pdf.py, grid.py, pdfsource.py)."""


def _load_loops() -> Any:
    """The C loops (`_pdfium_loops.c`: one call per page instead of a ctypes call per character,
    object and path segment), bound to the PDFium functions pypdfium2 loaded; None when the extension
    was not built, and the same loops run through ctypes."""
    try:
        from pipeline.readers import _pdfium_loops  # type: ignore[attr-defined]
    except ImportError:
        return None
    if not all(hasattr(_pdfium_loops, name) for name in LOOP_FUNCTIONS):
        return None  # a build older than this code (pip install -e . rebuilds it); test_the_c_loops_are_built
    addresses = (ctypes.cast(getattr(raw, name), ctypes.c_void_p).value for name in _pdfium_loops.names())
    _pdfium_loops.bind(tuple(addresses))
    return _pdfium_loops


_LOOPS = _load_loops()
_IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (row-vector convention, as PDF and pdfminer use)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


class PageGeometry:
    """From PDF user space to pdfplumber's coordinates, as pdfminer and pdfplumber compute them."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, y0, x1, y1 = min(mediabox[0], mediabox[2]), min(mediabox[1], mediabox[3]), *mediabox[2:]
        x1, y1 = max(mediabox[0], mediabox[2]), max(mediabox[1], mediabox[3])
        self.rotation = rotation % 360
        ctm: dict[int, Matrix] = {
            90: (0, -1, 1, 0, -y0, x1),
            180: (-1, 0, 0, -1, x1, y1),
            270: (0, 1, -1, 0, y1, -x0),
        }
        self.ctm: Matrix = ctm.get(self.rotation, (1, 0, 0, 1, -x0, -y0))
        if self.rotation in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        self.width = x1 - x0
        self.height = y1 - y0
        self.left = x0
        self.top_offset = self.height - y1
        """pdfplumber's media box top: its coordinates are shifted by it (pdfplumber #1181)."""

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A point in user space as pdfplumber's (x, top)."""
        px, py = _apply(self.ctm, x, y)
        return (px + self.left if self.left else px), self.height - py + self.top_offset

    def bbox(self) -> tuple[float, float, float, float]:
        return (self.left, self.top_offset, self.left + self.width, self.top_offset + self.height)


class _Fonts:
    """Name and descent of each font handle, asked of PDFium once per page."""

    def __init__(self) -> None:
        self.cache: dict[int, tuple[str, float, bool]] = {}
        self.buffer = ctypes.create_string_buffer(256)
        self.out = ctypes.c_float()
        self.out_ref = ctypes.byref(self.out)

    def get(self, font: int) -> tuple[str, float, bool]:
        """Name, descent per unit of font size, and whether the font is a Type 3 font (no base name):
        PDFium's loose box of a Type 3 glyph is not its advance, so the width is asked of the font."""
        found = self.cache.get(font)
        if found is None:
            size = _C["FPDFFont_GetBaseFontName"](font, self.buffer, len(self.buffer))
            name = self.buffer.raw[: max(size - 1, 0)].decode("latin-1") if size else ""
            descent = self.out.value / 1000 if _C["FPDFFont_GetDescent"](font, 1000.0, self.out_ref) else 0.0
            found = self.cache[font] = (name or "unknown", descent, not name)
        return found

    def advance(self, font: int, char: str, fontsize: float) -> float | None:
        """The advance of `char` in text space from the font's widths, or None."""
        if _C["FPDFFont_GetGlyphWidth"](font, ord(char), fontsize, self.out_ref):
            return self.out.value
        return None


Paths = list[tuple[int, Matrix]] | bytes
"""Path objects with their matrix to user space: a list from the ctypes walk, packed bytes from the C
walk (read by the C `path_edges` only)."""

_WALK_FAILURES = {1: "Failed to get number of pageobjects.", 2: "Failed to get pageobject."}
"""pypdfium2's words (`get_objects`, which `count_images` uses) for a walk that meets a negative count
or a NULL object where images are counted."""


def _walk_objects(
    page: int, geometry: PageGeometry, loops: Any = None
) -> tuple[dict[int, int], Paths, dict[int, Matrix], int]:
    """Content-stream order of the text objects, the path objects with their matrix to user space
    (form XObjects entered, their matrices applied), the text objects with their parent's matrix, and
    the image objects (`count_images`, counted in the same walk). Objects are PDFium handles as ints
    (`_by_address`). `loops`: the C loops (`_LOOPS`), else the same walk through ctypes (the C walk
    gives the paths packed for its `path_edges`, not as a list)."""
    order: dict[int, int]
    texts: dict[int, Matrix]
    paths: list[tuple[int, Matrix]]
    if loops is not None:
        order, paths, texts, images = loops.walk(page, _IDENTITY, IMAGE_DEPTH)
        if paths is None:
            raise pdfium.PdfiumError(_WALK_FAILURES[order])
        return order, paths, texts, images
    order = {}
    texts = {}
    paths = []
    images = 0
    matrix = raw.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    get_type, get_matrix = _C["FPDFPageObj_GetType"], _C["FPDFPageObj_GetMatrix"]
    form_count, form_get = _C["FPDFFormObj_CountObjects"], _C["FPDFFormObj_GetObject"]
    identity = _IDENTITY

    def walk(get: Any, holder: int, count: int, parent: Matrix, level: int) -> None:
        """Objects in content-stream order; a form XObject's objects where the form is drawn."""
        nonlocal images
        counted = level < IMAGE_DEPTH
        if count < 0 and counted:
            raise pdfium.PdfiumError(_WALK_FAILURES[1])
        for i in range(count):
            obj = get(holder, i)
            if not obj:
                if counted:
                    raise pdfium.PdfiumError(_WALK_FAILURES[2])
                continue
            kind = get_type(obj)
            if kind == OBJ_TEXT:
                order[obj] = len(order)
                texts[obj] = parent
            elif kind in (OBJ_PATH, OBJ_FORM):
                get_matrix(obj, matrix_ref)
                own: Matrix = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                if parent is not identity:
                    own = _mul(own, parent)
                if kind == OBJ_PATH:
                    paths.append((obj, own))
                else:
                    walk(form_get, obj, form_count(obj), own, level + 1)
            elif kind == OBJ_IMAGE and counted:
                images += 1

    walk(_C["FPDFPage_GetObject"], page, _C["FPDFPage_CountObjects"](page), identity, 0)
    return order, paths, texts, images


def _to_plumber(geometry: PageGeometry) -> tuple[Matrix, float, float, float]:
    """The page rotation matrix, and the media-box left, height and top offset of `PageGeometry.point`."""
    return geometry.ctm, geometry.left, geometry.height, geometry.top_offset


def page_chars(
    textpage: int,
    order: dict[int, int],
    geometry: PageGeometry,
    page_number: int,
    texts: dict[int, Matrix] | None = None,
    loops: Any = None,
    page: int = 0,
) -> list[dict]:
    """The page's characters as pdfplumber's char dicts (the keys the later steps read), box and size
    rounded (`DECIMALS`). `textpage` is PDFium's text page handle as an int, `page` the page's (needed to
    read the text objects PDFium's text page hides: `_revealed`); `loops`: the C loops (`_LOOPS`), else
    PDFium is asked through ctypes (`_char_records`)."""
    fonts = _Fonts()
    keyed, objects = _textpage_chars(textpage, geometry, page_number, fonts, loops)
    hidden = [(key, parent) for key, parent in (texts or {}).items() if key not in objects]
    if hidden:
        silent, wanted = _hidden_kinds(hidden, texts or {}, order)
        if wanted and page:
            revealed = _revealed(page, wanted, texts or {}, geometry, page_number, fonts, loops)
            keyed += _new_chars(keyed, revealed)
        for key in silent:
            keyed += _silent_object(key, (texts or {})[key], fonts, geometry, page_number)
    if loops is not None:
        found: list[dict] = loops.sorted_chars(keyed, order)
        return found
    last = len(order)
    keyed.sort(key=lambda k: (order.get(k[0], last), k[1]))
    return [k[2] for k in keyed]


def _textpage_chars(
    textpage: int, geometry: PageGeometry, page_number: int, fonts: _Fonts, loops: Any
) -> tuple[list[tuple[int, float, dict]], dict[int, int]]:
    """The characters of one PDFium text page keyed by text object and index, and the text objects that
    show a character."""
    count = _C["FPDFText_CountChars"](textpage)
    if count <= 0:
        return [], {}
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    _C["FPDFText_GetText"](textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = _unmapped(textpage, buffer.raw[: count * 2].decode("utf-16-le", errors="surrogatepass"))
    if loops is not None:  # records, styles, boxes and control characters in one C pass
        found: tuple[list[tuple[int, float, dict]], dict[int, int]] = loops.page_chars(
            textpage, text, geometry.ctm, *_to_plumber(geometry)[1:], page_number, fonts.cache, math.hypot
        )
        return found
    records, firsts = _char_records(textpage, count)
    styles = _styles(records, firsts, fonts, geometry.ctm)
    keyed, objects = _place(
        records, text, styles, geometry.ctm, *_to_plumber(geometry)[1:], page_number, fonts.advance
    )
    keyed += _control_chars(textpage, objects, keyed)
    return keyed, objects


def _unmapped(textpage: int, text: str) -> str:
    """The page text with PDFium's U+FFFE told apart: it writes U+FFFE both for a hyphen it marks at a line
    end (the character's Unicode then reads 2; the reader prints `-`, the hyphen pdfminer keeps) and for a
    glyph whose Unicode map gives U+0000 (Unicode 0: Hancom's space glyph of some fonts, which pdfminer
    reads as `\x00`)."""
    if "\ufffe" not in text:
        return text
    get_unicode = _C["FPDFText_GetUnicode"]
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch == "\ufffe" and get_unicode(textpage, i) == 0:
            chars[i] = "\x00"
    return "".join(chars)


REPEAT_WINDOW = 5
"""PDFium hides a text object that repeats one of the 5 text objects before it (`IsSameAsPreTextObject`)."""
OVERPRINT_DISTANCE = 1.0
"""Copies closer than this (pt) are overprint (fake bold, shadows): pdfplumber's dedupe tolerance."""
REVEAL_ROUNDS = 3
"""Text pages loaded at most to read hidden objects that hide one another (`_revealed`)."""


def _hidden_kinds(
    hidden: list[tuple[int, Matrix]], texts: dict[int, Matrix], order: dict[int, int]
) -> tuple[list[int], set[int]]:
    """The text objects PDFium's text page shows no character of, by why: `silent` ones have no width
    (it skips every object narrower than 0.01 pt: a lone space or control character, Hancom's U+0007 word
    spaces), the `wanted` ones have a width and are not overprint. PDFium hides an object that repeats the
    character codes of one of the 5 text objects before it with overlapping boxes (its fake-bold test);
    pdfminer keeps every copy and the reader drops those within `OVERPRINT_DISTANCE` of a copy in the same
    font, size and width (`dedupe_chars`), so those stay hidden. The others are text: the same date in the
    table row below (planning coordination office p7), or a glyph of another font whose code happens to
    equal its neighbour's (`(` beside `·`, culture sports p45; `「`, health environment institute p23)."""
    by_place = sorted(texts, key=lambda k: order.get(k, len(order)))
    silent: list[int] = []
    wanted: set[int] = set()
    get_font = _C["FPDFTextObj_GetFont"]
    shapes: dict[int, ObjectShape | None] = {}

    def shape_of(key: int) -> ObjectShape | None:
        if key not in shapes:
            shapes[key] = _object_shape(key, texts[key])
        return shapes[key]

    for key, _ in hidden:
        mine = shape_of(key)
        if mine is None:
            continue
        if mine[4] - mine[2] <= 0.01:
            silent.append(key)
            continue
        place = order.get(key)
        if place is None:
            continue
        font = get_font(key)
        copy = False
        for other in by_place[max(0, place - REPEAT_WINDOW) : place]:
            shape = shape_of(other)
            if shape is None or shape[:2] != mine[:2] or get_font(other) != font:
                continue  # another size, matrix or font
            if abs((shape[4] - shape[2]) - (mine[4] - mine[2])) > 0.01:
                continue
            near = max(abs(mine[6] - shape[6]), abs(mine[7] - shape[7]))
            if near <= OVERPRINT_DISTANCE:
                copy = True
                break
        if not copy:
            wanted.add(key)
    return silent, wanted


def _revealed(
    page: int,
    wanted: set[int],
    texts: dict[int, Matrix],
    geometry: PageGeometry,
    page_number: int,
    fonts: _Fonts,
    loops: Any,
) -> list[tuple[int, float, dict]]:
    """The characters of hidden text objects (`_hidden_kinds`), read from a second text page on which
    only they are active (`FPDFPageObj_SetIsActive`: PDFium's text page skips inactive objects and does not
    compare with them); objects that still hide one another take another round. Every object is active
    again afterwards."""
    set_active = _C.get("FPDFPageObj_SetIsActive")
    found: list[tuple[int, float, dict]] = []
    if set_active is None:
        return found  # an older PDFium: they stay hidden
    left = set(wanted)
    inactive = [key for key in texts if key not in left]
    for key in inactive:
        set_active(key, 0)
    try:
        for _ in range(REVEAL_ROUNDS):
            textpage = _C["FPDFText_LoadPage"](page)
            if not textpage:
                break
            try:
                keyed, objects = _textpage_chars(textpage, geometry, page_number, fonts, loops)
            finally:
                _C["FPDFText_ClosePage"](textpage)
            shown = [key for key in objects if key in left]
            if not shown:
                break
            found += [entry for entry in keyed if entry[0] in left]
            for key in shown:
                left.discard(key)
                set_active(key, 0)
                inactive.append(key)
            if not left:
                break
    finally:
        for key in inactive:
            set_active(key, 1)
    return found


def _new_chars(
    shown: list[tuple[int, float, dict]], revealed: list[tuple[int, float, dict]]
) -> list[tuple[int, float, dict]]:
    """The revealed characters that do not repeat a shown one (same text, font name and size within
    `OVERPRINT_DISTANCE` in x0 and top, as `dedupe_chars` matches them): copies of a shadowed heading that
    PDFium dropped character by character (the planning director's headings) stay dropped, as before, and
    the page is not deduped for them."""
    if not revealed:
        return revealed
    by_text: dict[str, list[dict]] = {}
    for _, _, char in shown:
        by_text.setdefault(char["text"], []).append(char)
    new = []
    for entry in revealed:
        char = entry[2]
        if not any(
            abs(other["x0"] - char["x0"]) <= OVERPRINT_DISTANCE
            and abs(other["top"] - char["top"]) <= OVERPRINT_DISTANCE
            and other["fontname"] == char["fontname"]
            and other["size"] == char["size"]
            for other in by_text.get(char["text"], ())
        ):
            new.append(entry)
    return new


CharRecord = tuple[int, int, float, float, float, float, float, float, float, float, float, float, int, float]
"""What PDFium says of one character (`_char_records`)."""


def _char_records(textpage: int, count: int) -> tuple[list[CharRecord], list[int]]:
    """Per character PDFium did not generate and that has a text object: its index, text object, origin,
    loose box (left, top, right, bottom) and, where the text object differs from the previous
    character's, the object's matrix (a, b, c, d), font and font size (else zeros); and the places of
    those records. The C loops' `page_chars` does this, `_styles`, `_place` and `_control_chars` in one
    pass."""
    box, mat = raw.FS_RECTF(), raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box_ref, ox_ref, oy_ref = ctypes.byref(box), ctypes.byref(ox), ctypes.byref(oy)
    mat_ref = ctypes.byref(mat)
    is_generated, get_obj = _C["FPDFText_IsGenerated"], _C["FPDFText_GetTextObject"]
    get_origin, get_box = _C["FPDFText_GetCharOrigin"], _C["FPDFText_GetLooseCharBox"]
    get_matrix, get_font = _C["FPDFText_GetMatrix"], _C["FPDFTextObj_GetFont"]
    get_size = _C["FPDFText_GetFontSize"]
    records: list[CharRecord] = []
    firsts: list[int] = []
    previous = None
    for i in range(count):
        key = get_obj(textpage, i)
        if not key or is_generated(textpage, i) == 1:
            continue
        get_origin(textpage, i, ox_ref, oy_ref)
        get_box(textpage, i, box_ref)
        corners = (box.left, box.top, box.right, box.bottom)
        if key != previous:
            get_matrix(textpage, i, mat_ref)
            font = get_font(key) or 0
            style = (mat.a, mat.b, mat.c, mat.d, font, get_size(textpage, i))
            previous = key
            firsts.append(len(records))
        else:
            style = (0.0, 0.0, 0.0, 0.0, 0, 0.0)
        records.append((i, key, ox.value, oy.value, *corners, *style))
    return records, firsts


Style = tuple[tuple[float, float, float, float], int, str, float, float, bool, bool, float]
"""What all characters of one text object share: matrix (a, b, c, d), font, font name, the font's
descent and size in text space, whether it is a Type 3 font, whether it is upright, and the matrix's
scale along the baseline."""


def _styles(records: list[CharRecord], firsts: list[int], fonts: _Fonts, rot: Matrix) -> dict[int, Style]:
    """The style of each text object, from the record that carries its matrix, font and size."""
    styles: dict[int, Style] = {}
    hypot = math.hypot
    for k in firsts:
        _, key, _, _, _, _, _, _, ma, mb, mc, md, font, size = records[k]
        if key in styles:
            continue
        name, descent, type3 = fonts.get(font)
        m = (ma, mb, mc, md)
        r = _mul((*m, 0, 0), rot)
        upright = r[0] * r[3] > 0 and r[1] * r[2] <= 0
        scale = hypot(m[0], m[1]) or 1.0
        styles[key] = (m, font, name, descent * size, size, type3, upright, scale)
    return styles


def _place(
    records: list[CharRecord],
    text: str,
    styles: dict[int, Style],
    rot: Matrix,
    left: float,
    height: float,
    offset: float,
    page_number: int,
    advance_of: Any,
) -> tuple[list[tuple[int, float, dict]], dict[int, int]]:
    """Each character's box in pdfplumber's coordinates as a char dict (`_char`), keyed by its text object
    and index, and the text objects that show a character (in C: part of the loops' `page_chars`)."""
    ra, rb, rc, rd, re_, rf = rot
    keyed: list[tuple[int, float, dict]] = []
    objects: dict[int, int] = {}
    for i, key, e, f, box_left, box_top, box_right, box_bottom, *_ in records:
        char = text[i]
        if "\ud800" <= char <= "\udfff":
            continue
        if char == "\ufffe":  # PDFium's mark of a hyphen at a line end; pdfminer keeps the hyphen
            char = "-"
        if key not in objects:
            objects[key] = key
        (a, b, c, d), font, name, low, fontsize, type3, upright, scale = styles[key]
        # the advance along the baseline, in text space: PDFium's loose box spans it in user space. Not
        # for a Type 3 glyph (its box is the glyph's, 12.95 pt for a 4.3-pt parenthesis) nor for text
        # turned by other than a right angle (the box is upright around the turned glyph): the font's width
        advance = (box_right - box_left if abs(a) >= abs(b) else box_top - box_bottom) / scale
        turned = (b and a) or (c and d)
        if type3 or turned:
            advance = advance_of(font, char, fontsize) or advance
        high = low + fontsize
        # `PageGeometry.point` of both corners, written out (the same operations in the same order)
        ux, uy = c * low + e, d * low + f
        px, py = ra * ux + rc * uy + re_, rb * ux + rd * uy + rf
        x0, t0 = (px + left if left else px), height - py + offset
        ux, uy = a * advance + c * high + e, b * advance + d * high + f
        px, py = ra * ux + rc * uy + re_, rb * ux + rd * uy + rf
        x1, t1 = (px + left if left else px), height - py + offset
        if x1 < x0:
            x0, x1 = x1, x0
        if t1 < t0:
            t0, t1 = t1, t0
        if turned:  # pdfminer's box of a turned glyph holds all four corners (`apply_matrix_rect`)
            for tx, ty in ((advance, low), (0.0, high)):
                ux, uy = a * tx + c * ty + e, b * tx + d * ty + f
                px, py = ra * ux + rc * uy + re_, rb * ux + rd * uy + rf
                xc, tc = (px + left if left else px), height - py + offset
                x0, x1, t0, t1 = min(x0, xc), max(x1, xc), min(t0, tc), max(t1, tc)
        keyed.append((key, i, _char(char, x0, x1, t0, t1, name, upright, page_number)))
    return keyed, objects


def _char(
    text: str, x0: float, x1: float, top: float, bottom: float, font: str, upright: bool, page_number: int
) -> dict:
    """pdfplumber's char dict, box and size rounded to `DECIMALS` (size from the unrounded box)."""
    rx0, rx1 = round(x0, DECIMALS), round(x1, DECIMALS)
    rtop, rbottom = round(top, DECIMALS), round(bottom, DECIMALS)
    return {
        "text": text,
        "x0": rx0,
        "x1": rx1,
        "top": rtop,
        "bottom": rbottom,
        "doctop": rtop,
        "width": rx1 - rx0,
        "height": rbottom - rtop,
        "size": round(bottom - top, DECIMALS),
        "fontname": font,
        "upright": upright,
        "page_number": page_number,
        "object_type": "char",
    }


def _control_texts(textpage: int, objects: dict[int, int]) -> list[tuple[int, bytes]]:
    """The text (UTF-16-LE, `FPDFTextObj_GetText`) of each text object that holds a control character
    other than CR and LF, in the order of `objects`; the C loops' `control_texts` does the same."""
    buffer = ctypes.create_string_buffer(4096)
    pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    get_text = _C["FPDFTextObj_GetText"]
    out = []
    for key, obj in objects.items():
        size = get_text(obj, textpage, pointer, len(buffer))
        if size > len(buffer):
            buffer = ctypes.create_string_buffer(size)
            pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
            size = get_text(obj, textpage, pointer, len(buffer))
        data = buffer.raw[: max(size - 2, 0)]
        units = memoryview(data[: len(data) // 2 * 2]).cast("H")
        if any(unit < 0x20 and unit not in (0x0A, 0x0D) for unit in units):
            out.append((key, data))
    return out


HYPHEN_MARK, HYPHEN = "\x02", "-"
"""PDFium marks a hyphen that ends a line: its Unicode reads 2 (in `FPDFTextObj_GetText` too) and its place
in the page text U+FFFE; the reader prints the `-` pdfminer keeps (`_unmapped`, `_place`)."""


def _control_chars(
    textpage: int, objects: dict[int, int], keyed: list[tuple[int, float, dict]], loops: Any = None
) -> list:
    """Control characters of a text object that PDFium leaves out of its page text but pdfminer keeps,
    put back between their neighbours: U+0007 used as a word space joins the words on both sides and
    becomes a space inside the word, as with pdfplumber. `loops`: the C loops find the text objects
    that hold some (`control_texts`), else ctypes does."""
    found = loops.control_texts(textpage, objects) if loops is not None else _control_texts(textpage, objects)
    if not found:
        return []
    wanted = {key for key, _ in found}
    by_object: dict[int, list[tuple[int, float, dict]]] = {}
    for entry in keyed:
        if entry[0] in wanted:
            by_object.setdefault(entry[0], []).append(entry)
    added: list[tuple[int, float, dict]] = []
    for key, data in found:
        full = data.decode("utf-16-le", errors="replace")
        visible = by_object[key]
        j = 0
        for ch in full:
            if j < len(visible) and visible[j][2]["text"] == (HYPHEN if ch == HYPHEN_MARK else ch):
                j += 1
            elif ch < " " and ch not in "\r\n":
                added.append(_between(key, visible, j, ch))
            elif j < len(visible):
                j += 1
    return added


ObjectShape = tuple[float, Matrix, float, float, float, float, float, float]
"""A text object's font size, matrix (a, b, c, d, 0, 0), bounds (left, bottom, right, top), origin."""


def _object_shape(obj: int, parent: Matrix) -> ObjectShape | None:
    """A text object's font size, matrix (a, b, c, d), bounds (left, bottom, right, top) and origin in
    user space; None where PDFium does not say."""
    left, bottom, right, top, size = (ctypes.c_float() for _ in range(5))
    matrix = raw.FS_MATRIX()
    if not _C["FPDFPageObj_GetBounds"](
        obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)
    ):
        return None
    if not _C["FPDFTextObj_GetFontSize"](obj, ctypes.byref(size)) or not _C["FPDFPageObj_GetMatrix"](
        obj, ctypes.byref(matrix)
    ):
        return None
    a, b, c, d, e, f = _mul((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), parent)
    return (size.value, (a, b, c, d, 0, 0), left.value, bottom.value, right.value, top.value, e, f)


def _silent_object(
    obj: int, parent: Matrix, fonts: _Fonts, geometry: PageGeometry, page_number: int
) -> list[tuple[int, float, dict]]:
    """A text object PDFium shows no character of and gives no width (it skips every object narrower
    than 0.01 pt): it holds a blank, a space or a space glyph mapped to a control code (Hancom's U+0007
    word spaces, one object each), which pdfminer keeps. PDFium's interface cannot tell which, and
    `pdfsource.spaced` makes them all one space for both engines: one space at the object's origin, as
    wide as the font's narrower advance of U+0020 and U+0007 (a font answers a code it does not map with
    its default width, a full em). (Hidden objects with a width: `_hidden_kinds`.)"""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    bounds = _C["FPDFPageObj_GetBounds"]
    if not bounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
        return []
    if right.value - left.value > 0.01:
        return []  # a visible object PDFium dropped as a fake-bold copy of the one before: not ours to add
    size = ctypes.c_float()
    matrix = raw.FS_MATRIX()
    if not _C["FPDFTextObj_GetFontSize"](obj, ctypes.byref(size)) or not _C["FPDFPageObj_GetMatrix"](
        obj, ctypes.byref(matrix)
    ):
        return []
    a, b, c, d, e, f = _mul((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), parent)
    if b or c or a <= 0 or d <= 0:
        return []
    font = _C["FPDFTextObj_GetFont"](obj)
    name, descent, _ = fonts.get(font)
    fontsize = size.value
    widths = [w for w in (fonts.advance(font, " ", fontsize), fonts.advance(font, "\x07", fontsize)) if w]
    advance = min(widths) if widths else 0.0
    x0, t0 = geometry.point(e, d * descent * fontsize + f)
    x1, t1 = geometry.point(e + a * advance, d * (descent * fontsize + fontsize) + f)
    x0, x1, t0, t1 = min(x0, x1), max(x0, x1), min(t0, t1), max(t0, t1)
    rot = geometry.ctm
    r = _mul((a, b, c, d, 0, 0), rot)
    upright = r[0] * r[3] > 0 and r[1] * r[2] <= 0
    return [(obj, 0, _char(" ", x0, x1, t0, t1, name, upright, page_number))]


def _between(key: int, visible: list[tuple[int, float, dict]], j: int, ch: str) -> tuple[int, float, dict]:
    """A character `ch` placed between visible characters j-1 and j of its text object (their boxes are
    rounded, so its own box is too: rounding keeps the order of the positions it is taken from)."""
    before = visible[j - 1][2] if j > 0 else None
    after = visible[j][2] if j < len(visible) else None
    near = before or after
    assert near is not None
    x0 = before["x1"] if before else near["x0"]
    if after is not None:
        x0 = max(min(x0, after["x0"]), before["x0"] if before else x0)
    x1 = max(x0, after["x0"]) if after is not None else x0
    index = visible[j - 1][1] + 0.5 if j > 0 else visible[0][1] - 0.5
    return (key, index, {**near, "text": ch, "x0": x0, "x1": x1, "width": x1 - x0})


_POINT = struct.Struct("=ffBB2x")
"""PDFium's path point in memory (`CFX_Path::Point`: x, y as 32-bit floats, segment type, close flag),
which a segment handle points at: a path's points are one array, so they can be read in one piece."""


class _Segments:
    """The segments of path objects as (x, y, type, close): read as one block of memory per path when
    this PDFium lays its points out as `_POINT` says (checked on the first path of each page against the
    API, and by the handles' spacing on every path), else one segment at a time through the API. (The C
    loops' `path_edges` asks the API for every segment.)"""

    def __init__(self) -> None:
        self.bulk: bool | None = None
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.x_ref, self.y_ref = ctypes.byref(self.x), ctypes.byref(self.y)

    def __call__(self, obj: int) -> list[tuple[float, float, int, int]]:
        count = _C["FPDFPath_CountSegments"](obj)
        if count <= 0:
            return []
        if self.bulk is None and count > 1:
            self.bulk = self.from_memory(obj, count) == self.from_api(obj, count)
        if self.bulk:
            return self.from_memory(obj, count) or self.from_api(obj, count)
        return self.from_api(obj, count)

    def from_memory(self, obj: int, count: int) -> list[tuple[float, float, int, int]]:
        first = _C["FPDFPath_GetPathSegment"](obj, 0)
        last = _C["FPDFPath_GetPathSegment"](obj, count - 1)
        if not first or not last or last - first != _POINT.size * (count - 1):
            return []
        return list(_POINT.iter_unpack(ctypes.string_at(first, _POINT.size * count)))

    def from_api(self, obj: int, count: int) -> list[tuple[float, float, int, int]]:
        get_segment, get_type = _C["FPDFPath_GetPathSegment"], _C["FPDFPathSegment_GetType"]
        get_point, get_close = _C["FPDFPathSegment_GetPoint"], _C["FPDFPathSegment_GetClose"]
        segments = []
        for k in range(count):
            segment = get_segment(obj, k)
            get_point(segment, self.x_ref, self.y_ref)
            segments.append((self.x.value, self.y.value, get_type(segment), 1 if get_close(segment) else 0))
        return segments


def path_edges(
    paths: Paths, geometry: PageGeometry, graphics: list | None = None, loops: Any = None
) -> list[dict]:
    """Edges of all path objects, as pdfplumber derives them from pdfminer's lines, rects and curves,
    rounded (`DECIMALS`); `loops`: the C loops (`_LOOPS`) do it all (`path_edges` there), else this
    loop with the segments read through ctypes.

    Curve pieces that are neither horizontal nor vertical are left out: no table step uses them.
    """
    full = _mul((1, 0, 0, 1, 0, 0), geometry.ctm)
    if loops is not None:
        return loops.path_edges(paths, full, geometry.left, geometry.height, geometry.top_offset, graphics)
    if isinstance(paths, bytes):
        raise TypeError("packed paths come from the C walk and go to the C path_edges")
    edges: list[dict] = []
    segments_of = _Segments()
    for obj, matrix in paths:
        # user space straight to pdfminer's rotated space; pdfplumber's flip happens in _shape_edges
        a, b, c, d, e, f = _mul(matrix, full)
        shape, bezier = "", 0
        points: list[tuple[float, float]] = []
        for px, py, kind, close in segments_of(obj):
            point = (a * px + c * py + e, b * px + d * py + f)
            if kind == SEG_MOVE:
                if shape:
                    edges += _shape_edges(shape, points, geometry, graphics)
                shape, points, bezier = "m", [point], 0
                continue
            if kind == SEG_BEZIER:
                bezier += 1
                if bezier % 3:
                    continue
                shape += "c"
            else:
                shape += "l"
            points.append(point)
            if close:
                shape += "h"
                points.append(points[0])
        if shape:
            edges += _shape_edges(shape, points, geometry, graphics)
    return edges


def _shape_edges(
    shape: str, pts: list[tuple[float, float]], geometry: PageGeometry, graphics: list | None = None
) -> list[dict]:
    """pdfminer's classification of one subpath (`paint_path`; points in its rotated space), then
    pdfplumber's edges of it, rounded (`DECIMALS`). Called once per subpath (tens of thousands on a
    chart page): each value is rounded once."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    height, left, offset = geometry.height, geometry.left, geometry.top_offset
    line = shape in ("mlh", "ml")
    rect = False
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
        rect = pts[0] == last and (
            (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
            or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        )
    if graphics is not None and shape[:1] == "m" and len(pts) > 1:
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        box = (
            round(min(xs) + left, DECIMALS),
            round(height - max(ys) + offset, DECIMALS),
            round(max(xs) + left, DECIMALS),
            round(height - min(ys) + offset, DECIMALS),
        )
        graphics.append(("line" if line else "rect" if rect else "curve", *box))
    if line:
        (ax, ay), (bx, by) = pts[0], pts[1]
        at, bt = height - ay + offset, height - by + offset
        orientation = "h" if at == bt else "v"
        return [
            _edge(
                "line",
                round(min(ax, bx) + left, DECIMALS),
                round(max(ax, bx) + left, DECIMALS),
                round(min(at, bt), DECIMALS),
                round(max(at, bt), DECIMALS),
                orientation,
            )
        ]
    if rect:
        lo, hi = round(min(x0, x2) + left, DECIMALS), round(max(x0, x2) + left, DECIMALS)
        top = round(height - max(y0, y2) + offset, DECIMALS)
        bottom = round(height - min(y0, y2) + offset, DECIMALS)
        return [
            _edge("rect_edge", lo, hi, top, top, "h"),
            _edge("rect_edge", lo, hi, bottom, bottom, "h"),
            _edge("rect_edge", lo, lo, top, bottom, "v"),
            _edge("rect_edge", hi, hi, top, bottom, "v"),
        ]
    edges = []
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        if ax == bx or ay == by:
            at, bt = height - ay + offset, height - by + offset
            edges.append(
                _edge(
                    "curve_edge",
                    round(min(ax, bx) + left, DECIMALS),
                    round(max(ax, bx) + left, DECIMALS),
                    round(min(at, bt), DECIMALS),
                    round(max(at, bt), DECIMALS),
                    "v" if ax == bx else "h",
                )
            )
    return edges


def _edge(kind: str, x0: float, x1: float, top: float, bottom: float, orientation: str | None) -> dict:
    """pdfplumber's edge dict of coordinates already rounded (`DECIMALS`), with the keys the grid steps
    read (`kind`, pdfplumber's object type, is for the reader of this code only)."""
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def open_document(data: bytes) -> pdfium.PdfDocument:
    """A PDFium document over the file's bytes (PDFium reads them in place)."""
    return pdfium.PdfDocument(data)


IMAGE_DEPTH = 3
"""Form XObjects entered when counting a page's images (a scan is often wrapped in a form)."""


def count_images(document: pdfium.PdfDocument, index: int) -> int:
    """Image objects on page `index` (0-based), inside form XObjects too."""
    page = document[index]
    try:
        return sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=IMAGE_DEPTH))
    finally:
        page.close()


def read_page(
    document: pdfium.PdfDocument, index: int, loops: Any = _LOOPS
) -> tuple[PageGeometry, list[dict], list[dict], list[tuple[str, float, float, float, float]], int]:
    """Geometry, characters, edges, graphics and the image count (as `count_images` counts) of page
    `index` (0-based), positions rounded (`DECIMALS`). `loops=None` asks PDFium through ctypes only
    (what runs when the C loops were not built; the same result)."""
    page = document[index]
    try:
        box = page.get_mediabox()
        geometry = PageGeometry(box, page.get_rotation())
        order, paths, texts, images = _walk_objects(_address(page.raw), geometry, loops)
        textpage = raw.FPDFText_LoadPage(page.raw)
        try:
            chars = page_chars(
                _address(textpage), order, geometry, index + 1, texts, loops, _address(page.raw)
            )
        finally:
            raw.FPDFText_ClosePage(textpage)
        graphics: list[tuple[str, float, float, float, float]] = []
        edges = path_edges(paths, geometry, graphics, loops)
    finally:
        page.close()
    return geometry, chars, edges, graphics, images
