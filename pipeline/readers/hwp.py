"""HWP 5 (OLE binary) and HWPX (OWPML zip) files to the positioned document model, with the file's own grid.

The format is read from the bytes, never the extension (some `.hwpx` files are HWP 5 binaries). Every check
that can fail does so before the library runs, with a reason a user can act on: HWP 3.x, password-protected,
distribution-locked (배포용), truncated, a zip that is not OWPML, a `.hwp` that is not OLE.

Lines: each paragraph outside tables is a line; each table row is one line (its cells joined by two
spaces), so a cell's `line` is its row's line. A one-column or one-row table is a frame (a box around
prose, a heading box), not a data table: its paragraphs become lines and the tables inside it become
top-level tables. A borderless first row that only holds a unit annotation (`(단위: 백만원)` spanning the
columns) is printed as a line above the table, where the layout stage reads it as the table's unit, and is
not a data row; so are a title row spanning every column and a table caption (HWPX `<hp:caption>`).
Pages: an HWP file has none of its own, but it saves the layout 한글 last gave it, from which hwp_pages
numbers the pages of the top-level paragraphs and tables; a table's rows and nested tables are on the page
the table starts on. A file that saved no layout (written by another program) has `page` None. The HWP
section index is kept in the table id.

The parsing library (unhwp, see `_parse_model`) is used only here, through its structured JSON model.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from pipeline.errors import DocumentError
from pipeline.lexicon.cellkinds import is_value, key_value_rows
from pipeline.lexicon.patterns import UNIT_ONLY, YEAR_HEAD
from pipeline.readers.hwp_pages import (
    Footnote,
    PageFinder,
    PlacedSection,
    has_layout,
    hwp5_sections,
    hwpx_section,
)
from pipeline.schemas.document import Document

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HWP3_MAGIC = b"HWP Document File V3"
HWP5_SIGNATURE = b"HWP Document File"
PDF_MAGIC = b"%PDF"

HWP5_FLAGS = {
    1 << 1: "password-protected: the HWP file is encrypted with a password (save it without one)",
    1 << 2: "distribution-locked (배포용) HWP: its text is encrypted for viewing only",
    1 << 4: "DRM-protected HWP: its content is encrypted by a DRM system",
}
"""FileHeader property bits (HWP 5.0 spec, FileHeader offset 36) that make the body unreadable."""

DISTRIBUTION_PLACEHOLDER = "배포용 문서입니다"
"""What a reader shows instead of the body of a distribution-locked file (`이 문서는 상위 버전의 배포용…`)."""

OWPML_MIMETYPE = "application/hwp+zip"
OWPML_SECTION = re.compile(r"^Contents/section\d+\.xml$")

MAX_HEADER_ROWS = 3
CELL_SEPARATOR = "  "


class HwpError(DocumentError):
    """An HWP/HWPX file that cannot be read: the message says why."""


def sniff(data: bytes) -> str:
    """The container the bytes are in: 'hwp5' (OLE), 'zip', 'hwp3', 'pdf' or 'unknown'."""
    if data.startswith(OLE_MAGIC):
        return "hwp5"
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if data.startswith(HWP3_MAGIC):
        return "hwp3"
    if data.startswith(PDF_MAGIC):
        return "pdf"
    return "unknown"


def check_hwp5(data: bytes) -> None:
    """Refuse an OLE file that is not a readable HWP 5 document, with the reason."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except OSError as error:
        raise HwpError(f"truncated or corrupt HWP file: {error}") from error
    with ole:
        if not ole.exists("FileHeader"):
            raise HwpError("an OLE file but not an HWP document: no FileHeader stream (a .doc or .xls?)")
        try:
            header = ole.openstream("FileHeader").read()
        except OSError as error:
            raise HwpError(f"truncated or corrupt HWP file: {error}") from error
        if not header.startswith(HWP5_SIGNATURE) or len(header) < 40:
            raise HwpError("an OLE file but not an HWP document: FileHeader has no HWP signature")
        flags = int.from_bytes(header[36:40], "little")
        for bit, reason in HWP5_FLAGS.items():
            if flags & bit:
                raise HwpError(reason)
        if not any(entry[0] == "BodyText" for entry in ole.listdir()):
            raise HwpError("truncated or corrupt HWP file: no BodyText section")


def check_hwpx(data: bytes) -> list[bytes]:
    """The section XMLs of an HWPX file in order, or `HwpError` with the reason it is not a readable OWPML
    document. Reading a member checks its CRC, so a damaged section fails here; the other members (header,
    images) are left to the library, which fails on a damaged one (a full `testzip` inflated every image,
    a tenth of the read time of a 9-page report)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            sections = sorted(
                (n for n in names if OWPML_SECTION.match(n)), key=lambda n: int(re.sub(r"\D", "", n))
            )
            if not sections:
                raise HwpError("a zip file but not an HWPX (OWPML) document: no Contents/section0.xml")
            if "META-INF/manifest.xml" in names:
                manifest = archive.read("META-INF/manifest.xml")
                if b"encryption-data" in manifest:
                    raise HwpError("password-protected HWPX: its sections are encrypted")
            return [archive.read(name) for name in sections]
    except zipfile.BadZipFile as error:
        raise HwpError(f"truncated or corrupt HWPX file: {error}") from error
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise HwpError(f"truncated or corrupt HWPX file: {error}") from error


def check_bytes(data: bytes, suffix: str) -> str:
    """The format to read ('hwp' or 'hwpx') after every up-front check, or `HwpError` with the reason."""
    return _checked(data, suffix)[0]


def _checked(data: bytes, suffix: str) -> tuple[str, list[bytes]]:
    """The format after every up-front check, with the section XMLs of an HWPX file (read once here)."""
    kind = sniff(data)
    if kind == "hwp3":
        raise HwpError("HWP 3.x file: not supported (save it as HWP 5 or HWPX in 한글)")
    if kind == "hwp5":
        check_hwp5(data)
        return "hwp", []
    if kind == "zip":
        return "hwpx", check_hwpx(data)
    if not data:
        raise HwpError("empty file")
    what = "is a PDF" if kind == "pdf" else f"starts with {data[:8]!r}"
    expected = "an OLE (HWP 5) file" if suffix == ".hwp" else "a zip (HWPX) or OLE (HWP 5) file"
    raise HwpError(f"not an HWP/HWPX document: expected {expected}, but the file {what}")


class TextRun(msgspec.Struct, gc=False):
    text: str = ""


class Inline(msgspec.Struct, gc=False):
    """A run of a paragraph: only text runs are read (images and other objects are left out)."""

    Text: TextRun | None = None


class Paragraph(msgspec.Struct, gc=False):
    content: list[Inline | str] = []
    """Runs; a bare string is a unit item such as `"LineBreak"`, which holds no text."""


class TableCell(msgspec.Struct, gc=False):
    content: list[Paragraph] = []
    rowspan: int | None = 1
    colspan: int | None = 1
    nested_tables: list[TableModel] | None = None


class TableRow(msgspec.Struct, gc=False):
    cells: list[TableCell] = []


class TableModel(msgspec.Struct, gc=False):
    rows: list[TableRow] = []


class Block(msgspec.Struct, gc=False):
    """One item of a section: the library tags it by its one key (`{"Paragraph": …}` or `{"Table": …}`)."""

    Paragraph: Paragraph | None = None
    Table: TableModel | None = None


class Section(msgspec.Struct, gc=False):
    index: int = 0
    content: list[Block] = []


class Model(msgspec.Struct, gc=False):
    """The part of the library's JSON model the reader uses. Decoding into these types skips the rest
    (styles on every run and paragraph are about two thirds of the bytes), five times faster than
    `json.loads` on moef's 0.9 MB."""

    sections: list[Section] = []


MODEL_DECODER = msgspec.json.Decoder(Model)


def _parse_model(data: bytes) -> Model:
    """The library's structured model of the document (unhwp: MIT, Rust core, ~20 ms for 35 pages)."""
    import unhwp

    try:
        with unhwp.parse_bytes(data) as result:
            return MODEL_DECODER.decode(_compact_json(result))
    except unhwp.UnhwpError as error:
        raise HwpError(f"truncated or corrupt HWP/HWPX file: {error}") from error
    except msgspec.DecodeError as error:
        raise HwpError(f"HWP reader: the library's model has an unexpected shape: {error}") from error


def _compact_json(result: Any) -> bytes | str:
    """The model as compact JSON bytes: the public `result.json` is pretty-printed, twice the bytes to make
    and parse. Uses the library's C entry point; falls back to the public property if that changes."""
    import ctypes

    try:
        from unhwp import _native as native

        pointer = native.lib.unhwp_to_json(result._handle, native.UNHWP_JSON_COMPACT)
    except (ImportError, AttributeError):
        return str(result.json)
    if not pointer:
        return str(result.json)
    try:
        return ctypes.string_at(pointer)
    finally:
        native.lib.unhwp_free_string(pointer)


def paragraph_text(paragraph: Paragraph) -> str:
    """The text runs of a paragraph, joined (images and other objects left out)."""
    content = paragraph.content
    if len(content) == 1:  # most paragraphs of a table are one run
        part = content[0]
        return part.Text.text if type(part) is Inline and part.Text is not None else ""
    return "".join([part.Text.text for part in content if type(part) is Inline and part.Text is not None])


def fold(text: str) -> str:
    return " ".join(text.split())


FOOTNOTE_WINDOW = 20
"""How many footnotes ahead of the first one not yet found a cell's pasted text is compared with."""


class Footnotes:
    """The file's footnotes, taken out of the cells the library pasted them into: the library gives a cell
    whose text anchors a footnote (`경상수입` with a raised `1)`) that text, then the footnote's paragraphs
    (HWP 5) or the footnote's text glued to it (HWPX: `경상수입경상수입 : 조세수입 …`), with no mark or style
    that tells them apart. The footnotes read from the file itself (hwp_pages) say which text they are; the
    cell keeps its own text with the mark printed after it (`경상수입1)`, as in the printed page and a PDF's
    text layer), and the footnote becomes a note line under the table."""

    def __init__(self, notes: list[Footnote]) -> None:
        self._notes = [(note.mark, [fold(p) for p in note.body if fold(p)]) for note in notes]
        self._next = 0
        self.taken: list[str] = []
        """Note lines (`1) 경상수입 ․조세수입 : …`) of the footnotes taken since the last `lines_taken`."""

    def cell(self, paragraphs: list[str]) -> list[str]:
        """A cell's paragraphs without the footnotes pasted into them, each anchor marked."""
        if self._next >= len(self._notes):
            return paragraphs
        kept: list[str] = []
        at = 0
        while at < len(paragraphs):
            found = self._note_at(paragraphs, at) if kept else None
            if found is not None:
                kept[-1] = self._take(kept[-1], found)
                at += len(self._notes[found][1])
                continue
            text = paragraphs[at]
            while (glued := self._glued_at_end(text)) is not None:
                found, cut = glued
                text = self._take(text[:cut], found)
            kept.append(text)
            at += 1
        return kept

    def _take(self, anchor: str, found: int) -> str:
        """The anchor's text with the mark of footnote `found` after it; the note line is kept to print."""
        mark, body = self._notes[found]
        self.taken.append(f"{mark} {' '.join(body)}")
        self._next = max(self._next, found + 1)
        return anchor.rstrip() + mark

    def _glued_at_end(self, text: str) -> tuple[int, int] | None:
        """(footnote, where its text starts) when a footnote's text closes `text` after text of its own."""
        compact = "".join(text.split())
        for index in range(self._next, min(self._next + FOOTNOTE_WINDOW, len(self._notes))):
            body = "".join("".join(self._notes[index][1]).split())
            if body and len(compact) > len(body) and compact.endswith(body):
                cut, count = len(text), 0
                while count < len(body):
                    cut -= 1
                    count += not text[cut].isspace()
                return index, cut
        return None

    def _note_at(self, paragraphs: list[str], at: int) -> int | None:
        """The index of the footnote whose paragraphs start at `at`, among the next ones not found."""
        for index in range(self._next, min(self._next + FOOTNOTE_WINDOW, len(self._notes))):
            body = self._notes[index][1]
            if body and [fold(p) for p in paragraphs[at : at + len(body)]] == body:
                return index
        return None

    def lines_taken(self) -> list[str]:
        """The note lines of the footnotes taken out since the last call, to print under their table."""
        lines, self.taken = self.taken, []
        return lines


@dataclass
class _Builder:
    """Lines and tables in reading order, numbered as they are emitted."""

    section: int = 0
    captions: list[tuple[str, str]] | None = None
    """(side, text) of every table in document order, where the library leaves captions out (HWPX)."""
    visited: int = 0
    pages: PageFinder | None = None
    """Where the file saved its layout: the page of each top-level paragraph and table."""
    page: int | None = None
    footnotes: Footnotes | None = None
    """The file's footnotes, to take out of the cells the library pasted them into."""
    lines: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    """As plain dicts, validated once as a Document: a model per line and cell costs a tenth of the read."""

    def add_line(self, text: str) -> int:
        self.lines.append({"number": len(self.lines) + 1, "text": text, "page": self.page})
        return len(self.lines)

    def paragraph(self, paragraph: Paragraph) -> None:
        for part in paragraph_text(paragraph).splitlines():
            if part.strip():
                self.add_line(part.rstrip())

    def block(self, block: Block) -> None:
        """A top-level paragraph or table of a section."""
        if block.Paragraph is not None:
            if self.pages is not None:
                self.page = self.pages.paragraph(paragraph_text(block.Paragraph))
            self.paragraph(block.Paragraph)
        elif block.Table is not None:
            if self.pages is not None:
                self.page = self.pages.table(len(block.Table.rows))
            self.table(block.Table, None)

    def table(self, model: TableModel, parent: str | None) -> None:
        fits = self.captions is not None and self.visited < len(self.captions)
        side, caption = self.captions[self.visited] if fits and self.captions else ("", "")
        self.visited += 1
        if caption and side in ("TOP", "LEFT"):
            self.add_line(caption)
        self.grid(model, parent)
        if caption and side not in ("TOP", "LEFT"):
            self.add_line(caption)
        for note in self.footnotes.lines_taken() if self.footnotes is not None else ():
            self.add_line(note)

    def grid(self, model: TableModel, parent: str | None) -> None:
        placed, n_rows, n_cols = place_cells(model, self.footnotes)
        if parent is None and (n_cols <= 1 or n_rows <= 1):
            self.frame(placed, one_row=n_rows <= 1 and n_cols > 1)
            return
        table_id = f"s{self.section}t{len(self.tables) + 1:03d}"
        by_row: dict[int, list[_Placed]] = {}
        for item in placed:
            by_row.setdefault(item.row, []).append(item)
        skip = leading_title_rows(by_row, n_cols)
        for row in range(skip):
            self.add_line(CELL_SEPARATOR.join(item.text for item in by_row.get(row, ())))
        first = by_row.get(skip, [])
        corner = first[0] if first and first[0].col == 0 else None
        unit_in_corner = corner is not None and bool(UNIT_ONLY.match(corner.text))
        if corner is not None and unit_in_corner:
            self.add_line(corner.text)  # `(단위 : 조원)` printed in the header's corner cell
            by_row[skip] = first[1:]
        index = len(self.tables)
        self.tables.append({})  # holds the parent's place before the tables nested in it
        raw: list[_Placed] = []
        lines: list[int] = []
        for row in range(skip, n_rows):
            in_row = by_row.get(row, ())
            texts = [item.text for item in in_row if item.text]
            line = self.add_line(CELL_SEPARATOR.join(texts)) if texts else 0
            for item in in_row:
                if item.text:
                    raw.append(item)
                    lines.append(line)
                for nested in item.cell.nested_tables or ():
                    self.table(nested, table_id)
        if not raw:
            del self.tables[index]
            return
        header_rows = header_row_count(raw, skip, at_least=int(unit_in_corner))
        cells = [
            {"row": item.row - skip, "col": item.col, "text": item.text, "line": line, "page": self.page}
            for item, line in zip(raw, lines, strict=True)
        ]
        for item, cell in zip(raw, cells, strict=True):  # only what differs from the defaults: a tenth
            if item.row_span > 1:  # of the cells, fewer fields for pydantic to check
                cell["row_span"] = item.row_span
            if item.col_span > 1:
                cell["col_span"] = item.col_span
            if item.row - skip < header_rows:
                cell["is_header"] = True
        self.tables[index] = {
            "table_id": table_id,
            "source": "hwp",
            "first_line": min(lines),
            "last_line": len(self.lines),
            "n_rows": n_rows - skip,
            "n_cols": n_cols,
            "header_rows": header_rows,
            "cells": cells,
            "parent_table_id": parent,
            "page": self.page,
        }

    def frame(self, placed: list[_Placed], one_row: bool) -> None:
        """A one-column or one-row table: a box around paragraphs (a heading box `1 | 성 과`), read as
        its content; a one-row box is one line."""
        if one_row:
            texts = [item.text for item in placed if item.text]
            if texts:
                self.add_line(CELL_SEPARATOR.join(texts))
        for item in placed:
            if not one_row:
                for paragraph in item.cell.content:
                    self.paragraph(paragraph)
            for nested in item.cell.nested_tables or ():
                self.table(nested, None)


def cell_text(cell: TableCell, footnotes: Footnotes | None = None) -> str:
    """A cell's paragraphs as one whitespace-folded string, without the footnotes pasted into it."""
    paragraphs = cell.content
    if len(paragraphs) == 1 and footnotes is None:  # most cells: skip building a list of one
        return " ".join(paragraph_text(paragraphs[0]).split())
    texts = [paragraph_text(p) for p in paragraphs]
    if footnotes is not None:
        texts = footnotes.cell(texts)
    return " ".join(" ".join(texts).split())


class _Placed(NamedTuple):
    """A cell of the file's table at its grid position, with its text."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    cell: TableCell


def place_cells(model: TableModel, footnotes: Footnotes | None = None) -> tuple[list[_Placed], int, int]:
    """Each cell at its grid (row, col): the next column not covered by a span from a row above."""
    covered: set[tuple[int, int]] = set()  # positions covered by a cell of a row above
    placed: list[_Placed] = []
    n_rows = len(model.rows)
    n_cols = 0
    for r, row in enumerate(model.rows):
        c = 0
        for cell in row.cells:
            while covered and (r, c) in covered:
                c += 1
            row_span, col_span = cell.rowspan or 1, cell.colspan or 1
            if row_span < 1 or col_span < 1:
                row_span, col_span = max(1, row_span), max(1, col_span)
            if row_span > 1:
                covered.update((r + dr, c + dc) for dr in range(1, row_span) for dc in range(col_span))
            placed.append(_Placed(r, c, row_span, col_span, cell_text(cell, footnotes), cell))
            c += col_span
            if c > n_cols:
                n_cols = c
    return placed, n_rows, n_cols


MAX_TITLE_ROWS = 2


def leading_title_rows(by_row: dict[int, list[_Placed]], n_cols: int) -> int:
    """How many first rows are the table's unit annotation or title rather than data or header: a row
    whose text is a unit annotation (`(단위: 백만원)`, borderless above the printed grid), or whose one
    cell spans every column (`규제대안 1 : …` over a cost table)."""
    for row in range(MAX_TITLE_ROWS):
        in_row = by_row.get(row, [])
        filled = [item.text for item in in_row if item.text]
        unit = bool(filled) and len(filled) <= 2 and any(UNIT_ONLY.match(t) for t in filled)
        title = (
            n_cols > 1
            and len(in_row) == 1
            and len(filled) == 1
            and in_row[0].col_span >= n_cols
            and not is_value(filled[0])
        )
        if not (unit or title):
            return row
    return MAX_TITLE_ROWS


def header_row_count(cells: Sequence[_Placed], skip: int = 0, at_least: int = 0) -> int:
    """Rows above the first row that holds a number in a column other than the first (as for PDFs),
    and at least the rows the top-left label spans (`구 분` over two header rows) or `at_least`.
    `cells` are in row order; rows count from `skip` (the title rows above). A table of one cell with
    text (a box of prose nested in a form's cell: `<산식 설명> … = 100,000,000원`) heads nothing: no rows."""
    if len(cells) == 1 and not at_least:
        return 0
    top = [c.text for c in cells if c.row == skip and c.text.strip()]
    # a first row of years alone (`2023 | 2024 | 2025~2027`, no 구분 corner) heads a schedule's columns
    years = len(top) >= 2 and all(YEAR_HEAD.match(t) for t in top)
    first_value_row = next(
        (c.row - skip for c in cells if c.col > 0 and is_value(c.text) and not (years and c.row == skip)),
        None,
    )
    if first_value_row is None:
        return 1
    corner = next((c for c in cells if c.row == skip and c.col == 0 and not is_value(c.text)), None)
    spanned = min(corner.row_span, MAX_HEADER_ROWS) if corner and corner.row_span > 1 else 0
    header = max(min(first_value_row, MAX_HEADER_ROWS), spanned, at_least)
    rows = [(c.row - skip, c.col, c.row_span, c.col_span, c.text) for c in cells if c.row >= skip]
    return 0 if not at_least and key_value_rows(rows, header) else header


TABLE_TAGS = re.compile(
    rb"<(?:\w+:)?tbl[\s>/]|</(?:\w+:)?tbl>"
    rb"|<(?:\w+:)?caption\b(?P<attrs>[^>]*)>(?P<body>.*?)</(?:\w+:)?caption>",
    re.S,
)
TEXT_RUN = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
SIDE = re.compile(rb'side="(\w+)"')
TAG = re.compile(rb"<[^>]+>")


def hwpx_captions(texts: list[bytes]) -> list[tuple[str, str]] | None:
    """(side, text) of every table of an HWPX file in document order ('' for a table without caption), or
    None when no table has one: the unit line `(단위 : 억원, %)` is often a caption, which the library does
    not return. A scan of the tags, not an XML parse: a caption belongs to the innermost table open where
    it starts."""
    from html import unescape

    found: list[tuple[str, str]] = []
    if not any(b"caption" in xml for xml in texts):
        return None
    for xml in texts:
        open_tables: list[int] = []
        for match in TABLE_TAGS.finditer(xml):
            tag = match.group(0)
            if match.group("body") is not None:
                if open_tables:
                    runs = b" ".join(TAG.sub(b"", t) for t in TEXT_RUN.findall(match.group("body")))
                    side = SIDE.search(match.group("attrs"))
                    text = fold(unescape(runs.decode("utf-8", "replace")))
                    found[open_tables[-1]] = (side.group(1).decode() if side else "TOP", text)
            elif tag.startswith(b"</"):
                if open_tables:
                    open_tables.pop()
            else:
                open_tables.append(len(found))
                found.append(("", ""))
    return found


def _build(
    model: Model, captions: list[tuple[str, str]] | None, placed: list[PlacedSection] | None = None
) -> _Builder:
    known = placed is not None and len(placed) == len(model.sections) and has_layout(placed)
    builder = _Builder(captions=captions, pages=PageFinder(placed) if known and placed else None)
    notes = [note for section in placed or () for note in section.footnotes]
    builder.footnotes = Footnotes(notes) if notes else None
    for section in model.sections:
        builder.section = section.index
        if builder.pages is not None:
            builder.pages.start_section()
        for block in section.content:
            builder.block(block)
    return builder


def to_document(
    model: Model,
    doc_id: str,
    path: Path,
    data: bytes,
    fmt: str,
    captions: list[tuple[str, str]] | None = None,
    placed: list[PlacedSection] | None = None,
) -> Document:
    """The document model from the library's structured model, with the table captions it leaves out and
    the pages of the layout saved in the file (`placed`, see hwp_pages)."""
    builder = _build(model, captions, placed)
    if captions is not None and builder.visited != len(captions):
        builder = _build(model, None, placed)  # the library skipped tables: captions cannot be matched
    text = " ".join([line["text"] for line in builder.lines])
    if not text.strip():
        raise HwpError("no text: the HWP document has no paragraphs or table cells with text")
    if DISTRIBUTION_PLACEHOLDER in text and len(text) < 200:
        raise HwpError("distribution-locked (배포용) HWP: only the viewer's placeholder text is readable")
    return Document.model_validate(
        {
            "doc_id": doc_id,
            "source_path": str(path),
            "format": "hwpx" if fmt == "hwpx" else "hwp",
            "sha256": hashlib.sha256(data).hexdigest(),
            "pages": builder.pages.last_page if builder.pages is not None else None,
            "lines": _with_page_lines(builder.lines),
            "tables": builder.tables,
        }
    )


def _with_page_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each line's number within its page, where pages are known."""
    counts: dict[int, int] = {}
    for line in lines:
        page = line["page"]
        if page is not None:
            counts[page] = counts.get(page, 0) + 1
            line["page_line"] = counts[page]
    return lines


def _placed_sections(fmt: str, data: bytes, sections: list[bytes]) -> list[PlacedSection] | None:
    """The layout saved in the file, or None where it cannot be read (the text is read all the same)."""
    import olefile

    try:
        if fmt == "hwpx":
            return [hwpx_section(xml) for xml in sections]
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return hwp5_sections(ole)
    except (OSError, ValueError, struct.error, zlib.error):
        return None


def read_hwp(path: Path, doc_id: str) -> Document:
    """Read an HWP 5 or HWPX file (whatever its extension says) into a Document without layout."""
    data = path.read_bytes()
    fmt, sections = _checked(data, path.suffix.lower())
    placed = _placed_sections(fmt, data, sections)
    captioned = placed is None or any(section.has_caption for section in placed)
    captions = hwpx_captions(sections) if fmt == "hwpx" and captioned else None
    return to_document(_parse_model(data), doc_id, path, data, fmt, captions, placed)
