"""Where a PDF page's characters and ruling lines come from: PDFium (default) or pdfplumber (reference).

Both engines give the same thing, a `PageContent`: pdfplumber-shaped character dicts and edge dicts in
pdfplumber's coordinates, positions rounded (`DECIMALS`), blanks as `spaced` gives them. Everything after
this (fake-bold dedupe, word grouping, the grid steps of `pipeline.readers.grid`, cell text) is shared, so
the engine changes speed, not results. pdfplumber stays as the reference engine and as the oracle the
tests compare PDFium with.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import PdfError
from pipeline.readers.settings import PDF_ENGINES as ENGINES


@dataclass
class PageContent:
    """One page as the later steps see it, whichever engine read it."""

    number: int
    pages: int
    """Pages in the document."""
    bbox: tuple[float, float, float, float]
    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    """Horizontal and vertical ruling edges: x0, x1, top, bottom, width, height, orientation."""
    graphics: list[tuple[str, float, float, float, float]]
    """Drawn shapes as pdfminer classifies them: (rect | line | curve, x0, top, x1, bottom), rounded
    (`DECIMALS`)."""
    images: int = 0
    """Image objects drawn on the page (a page of images and no text needs OCR)."""


def iter_pages(
    path: Path, data: bytes, engine: str, max_pages: int, only: tuple[int, ...] | None = None
) -> Iterator[PageContent]:
    """The pages of a PDF (all, or the 1-based page numbers `only`), one at a time, each closed before
    the next, through `engine`. An unreadable PDF raises `PdfError` with the reason."""
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}: expected one of {', '.join(ENGINES)}")
    wanted = set(only) if only is not None else None
    if engine == "pdfium":
        return _pdfium_pages(data, max_pages, wanted)
    return _plumber_pages(path, max_pages, wanted)


DECIMALS = 2
"""Positions and font sizes to 0.01 pt, the same for both engines. PDFium keeps path points as 32-bit
floats (214.44999), pdfminer as 64-bit (214.445), and pdfminer's font sizes carry float noise between
fonts (12.945852000000059 beside 12.94585199999999). Unrounded, that noise decides ties in later steps
(a word split where the size "changes", a value between two stacked lines put on one or the other) and
the engines would differ in them; rounded, they see the same numbers."""


def rounded_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal and vertical edges with their coordinates rounded (`DECIMALS`), with the keys the grid
    steps read (`EDGE_KEYS`), as PDFium's reader gives them."""
    out = []
    for edge in edges:
        if not edge["orientation"]:
            continue
        x0, x1 = round(edge["x0"], DECIMALS), round(edge["x1"], DECIMALS)
        top, bottom = round(edge["top"], DECIMALS), round(edge["bottom"], DECIMALS)
        out.append(
            {
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "width": x1 - x0,
                "height": bottom - top,
                "orientation": edge["orientation"],
            }
        )
    return out


CONTROL_CODES = frozenset([*map(chr, range(0x00, 0x09)), *map(chr, range(0x0B, 0x20)), "\x7f"])
"""Characters that are a space glyph mapped to a control code by the font (`\x00`, `\x01`, `\x07`)."""


def spaced(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's blanks as both engines give them, before any later step sees them:

    - a control character is a space (changed in place). Fonts of Hancom and others map their space glyph
      to U+0000, U+0001 or U+0007 (the glyph has the font's space advance: it is a word space); pdfminer
      keeps the code as a character that joins the words on both sides, PDFium leaves it out of its text
      and hides an object that holds nothing else, so the engines could not agree on the words around it.
    - of a run of blanks in content order only the first is kept. PDFium's text page keeps one blank of a
      run; pdfminer keeps all, and Hancom pads a field with blanks that the next text object then prints
      over (`2024.` over four blanks in the social welfare report p45: pdfminer's word grouping cut it
      into `2 0 24`). The first blank already ends the word before it.
    """
    loops = _loops()
    if loops is not None:  # the same in C (`spaced` of the C loops; a test compares the two)
        found: list[dict[str, Any]] | None = loops.spaced(chars)
        if found is not None:
            return found
    return python_spaced(chars)


def python_spaced(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`spaced` in Python."""
    kept: list[dict[str, Any]] = []
    blank_before = False
    for char in chars:
        text = char["text"]
        if text in CONTROL_CODES:
            char["text"] = text = " "
        blank = text.isspace()
        if not (blank and blank_before):
            kept.append(char)
        blank_before = blank
    return kept


def _loops() -> Any:
    """The C loops where the extension is built (`pdfium._LOOPS`), else None."""
    from pipeline.readers.pdfium import _LOOPS

    return _LOOPS


def rounded_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Characters with box and font size rounded (`DECIMALS`), in place."""
    for char in chars:
        x0, x1 = round(char["x0"], DECIMALS), round(char["x1"], DECIMALS)
        top, bottom = round(char["top"], DECIMALS), round(char["bottom"], DECIMALS)
        char.update(
            x0=x0,
            x1=x1,
            top=top,
            bottom=bottom,
            doctop=top,
            width=x1 - x0,
            height=bottom - top,
            size=round(char["size"], DECIMALS),
        )
    return chars


def _r(value: Any) -> float:
    return round(float(value), DECIMALS)


def _too_many(count: int, max_pages: int) -> None:
    if count > max_pages:
        raise PdfError(f"too many pages: {count} (limit {max_pages})")


def _pdfium_pages(data: bytes, max_pages: int, wanted: set[int] | None) -> Iterator[PageContent]:
    import pypdfium2 as pdfium

    from pipeline.readers.pdfium import open_document, read_page

    try:
        document = open_document(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower() or "security" in str(error).lower():
            raise PdfError("encrypted: the PDF needs a password to be read") from error
        raise PdfError(f"truncated or corrupt PDF: {error}") from error
    try:
        count = len(document)
        _too_many(count, max_pages)
        for index in range(count):
            if wanted is not None and index + 1 not in wanted:
                continue
            try:
                geometry, chars, edges, graphics, images = read_page(document, index)
            except pdfium.PdfiumError as error:
                raise PdfError(f"truncated or corrupt PDF: page {index + 1}: {error}") from error
            # read_page rounds as rounded_chars and rounded_edges do, inside its own loops
            yield PageContent(index + 1, count, geometry.bbox(), spaced(chars), edges, graphics, images)
    finally:
        document.close()


def _plumber_pages(path: Path, max_pages: int, wanted: set[int] | None) -> Iterator[PageContent]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
            _too_many(count, max_pages)
            for page in pdf.pages:
                if wanted is not None and page.page_number not in wanted:
                    continue
                chars, edges = spaced(rounded_chars(page.chars)), rounded_edges(page.edges)
                x0, top, x1, bottom = (float(v) for v in page.bbox)
                graphics = [
                    (kind, _r(o["x0"]), _r(o["top"]), _r(o["x1"]), _r(o["bottom"]))
                    for kind, attribute in (("rect", "rects"), ("line", "lines"), ("curve", "curves"))
                    for o in getattr(page, attribute)
                ]
                box = (x0, top, x1, bottom)
                content = PageContent(page.page_number, count, box, chars, edges, graphics, len(page.images))
                page.close()
                yield content
    except PdfError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise PdfError("encrypted: the PDF needs a password to be read") from error
    except (PDFSyntaxError, PSException) as error:
        raise PdfError(f"truncated or corrupt PDF: {error}") from error
    except Exception as error:
        inner = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
            raise PdfError("encrypted: the PDF needs a password to be read") from error
        if isinstance(inner, PDFSyntaxError | PSException):
            raise PdfError(f"truncated or corrupt PDF: {inner}") from error
        raise PdfError(f"truncated or corrupt PDF: {type(inner).__name__}: {inner}") from error
