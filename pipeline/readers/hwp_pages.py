"""Page numbers of an HWP/HWPX document's top-level paragraphs, from the layout saved in the file.

An HWP file has no pages of its own: 한글 lays the text out when it opens the file. But it saves the last
layout with each paragraph: every line's vertical position on its page (`lineseg`, HWP 5 record
PARA_LINE_SEG), and the paragraph's page-break flag. A page begins where a line starts no lower than the
line before it (lines only go down a page), at a page break, and at a new section. A table that is not laid
out as a character does not move the lines (it floats beside them), so when such a table is taller than
the rest of its page, the pages it fills are counted from its height and the page's body height.

These pages are the ones 한글 showed when the file was saved. On the realdocs they are the printed PDF's
where the PDF was printed from that layout (moef 9 of 9 pages, moel 20 of 20, fiscal 1 of 1: every numeric
cell on the PDF's page); where it was not, they follow the file: nikl saved 34 pages (a schedule table that
fits one page there runs over two in its 35-page PDF), the hometown form 27 (a 152-row table saved one page
tall prints on four; 30 printed). A table's rows all get the page the table starts on: the positions of its
rows are not saved.

The library that reads the text (unhwp) does not expose the layout, so this module reads it from the same
bytes: the section XML of an HWPX file, the BodyText records of an HWP 5 file.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field

HWPTAG_BEGIN = 16
PARA_HEADER = HWPTAG_BEGIN + 50
PARA_TEXT = HWPTAG_BEGIN + 51
PARA_LINE_SEG = HWPTAG_BEGIN + 53
CTRL_HEADER = HWPTAG_BEGIN + 55
PAGE_DEF = HWPTAG_BEGIN + 57
FOOTNOTE_SHAPE = HWPTAG_BEGIN + 58
TABLE = HWPTAG_BEGIN + 61
TABLE_CTRL_ID = b" lbt"  # 'tbl ' stored as a little-endian 32-bit id
FOOTNOTE_CTRL_ID = b"  nf"  # 'fn  '
AUTO_NUMBER_CTRL_ID = b"onta"  # 'atno': the number 한글 prints as the footnote's mark
PAGE_BREAK_BITS = 0x01 | 0x04
"""PARA_HEADER 단 나누기 종류: section break (0x01) or page break (0x04) before the paragraph."""
LINE_SEG_SIZE = 36
HWP5_CONTROL = re.compile("[\x01-\x09\x0b\x0c\x0e-\x17].{6}[\x01-\x09\x0b\x0c\x0e-\x17]|[\x00-\x1f]", re.S)
"""A control in PARA_TEXT: an inline or extended one takes eight UTF-16 units (code, six units of data,
code again), a character control one."""
COMPRESSED_BIT = 1
"""FileHeader property bit 0: the BodyText streams are raw-deflate compressed."""


@dataclass
class PlacedParagraph:
    """A top-level paragraph as 한글 laid it out when the file was saved."""

    page_break: bool = False
    lines: list[tuple[int, int]] = field(default_factory=list)
    """(vertical position, height) of each line on its page, HWPUNIT (1/7200 inch)."""
    tables: list[int | None] = field(default_factory=list)
    """The tables anchored in the paragraph, in order: the height of one that floats (not laid out as a
    character), None for one laid out as a character (its line holds it)."""
    table_rows: list[int] = field(default_factory=list)
    """Each anchored table's row count, to find it among the library's tables."""
    text: str = ""
    """The paragraph's own text (not its tables'), to find it among the library's paragraphs."""


@dataclass
class Footnote:
    """A footnote of the file: the mark 한글 prints where it is anchored (`1)`) and its text, paragraph by
    paragraph. The library (unhwp) pastes the text into the anchoring cell with no mark; the reader takes it
    out again with these."""

    mark: str
    body: list[str] = field(default_factory=list)


@dataclass
class PlacedSection:
    paragraphs: list[PlacedParagraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    """Every footnote of the section, in the order of their anchors."""
    body_height: int | None = None
    """The page's text area: paper height less the top, bottom, header and footer margins."""
    has_caption: bool = False
    """Whether a table of an HWPX section has a caption (read by the reader's caption scan)."""


@dataclass
class ParagraphPages:
    """Where a top-level paragraph and its tables are."""

    lines: list[int]
    """The page of each line (one entry for a paragraph without lines: the page it is on)."""
    tables: list[int]
    """The page each anchored table starts on."""


def paragraph_pages(sections: list[PlacedSection]) -> list[list[ParagraphPages]]:
    """The pages of each top-level paragraph, section by section.

    A paragraph of several tables laid out as characters puts one on each line (`목차` filling a page, then
    a heading box on the next), so its i-th table is taken to be on its i-th line. A floating table lies
    above its paragraph's first line when it fits there (the text wraps below it); one taller than that
    and than the rest of the page starts on the next page (hometown_donation_report_form p2), and the text
    after it goes on after it."""
    pages: list[list[ParagraphPages]] = []
    page = 0
    for section in sections:
        page += 1  # a section starts a page
        body = section.body_height or 0
        previous: int | None = None  # where the last line seen on this page starts
        spill = 0  # page ends a tall table or line ran past
        pushed: int | None = None  # height of a floating table moved to the next page
        found: list[ParagraphPages] = []
        for paragraph in section.paragraphs:
            if paragraph.page_break and previous is not None:
                page, previous, spill, pushed = page + 1, None, 0, None
            lines: list[int] = []
            for position, height in paragraph.lines:
                if previous is not None and position <= previous:
                    page += 1 if pushed is not None and position >= pushed else max(1, spill)
                    pushed = None
                spill = (position + height) // body if body > 0 else 0
                previous = position
                lines.append(page)
            lines = lines or [page]
            anchor = paragraph.lines[0][0] if paragraph.lines else previous
            tables: list[int] = []
            for i, floating in enumerate(paragraph.tables):
                tables.append(lines[min(i, len(lines) - 1)])
                if floating is None or body <= 0 or previous is None or anchor is None:
                    continue
                if anchor < floating <= body and anchor + floating > body:
                    tables[-1] = lines[0] + 1
                    spill, pushed = max(spill, 2), floating
                else:
                    spill = max(spill, (previous + floating) // body)
            found.append(ParagraphPages(lines, tables))
        pages.append(found)
    return pages


HWPX_TOP = re.compile(rb"<hp:(?:subList|tbl |p |p>|lineseg |pagePr |t>)")
HWPX_ROWS = re.compile(rb'rowCnt="(\d+)"')
HWPX_TBL_SIZE = re.compile(rb'<hp:sz\b[^>]*\bheight="(\d+)"[^>]*>\s*<hp:pos\b[^>]*>')
HWPX_MARGIN = re.compile(rb"<hp:margin\b[^>]*>")
HWPX_TAG = re.compile(rb"<[^>]*>")


HWPX_ATTRIBUTES = {
    name: re.compile(rb"\b" + name + rb'="(-?\d+)"')
    for name in (b"top", b"bottom", b"header", b"footer", b"height", b"vertpos", b"vertsize")
}


def _attribute(tag: bytes, name: bytes) -> int:
    found = HWPX_ATTRIBUTES[name].search(tag)
    return int(found.group(1)) if found else 0


HWPX_NESTING = {
    b"<hp:subList": re.compile(rb"<hp:subList\b|</hp:subList>|<hp:caption\b"),
    b"<hp:tbl ": re.compile(rb"<hp:tbl |</hp:tbl>|<hp:caption\b"),
}
"""Opening, closing (and caption) tags of the elements the scan jumps over, found in one pass."""


def _skip(xml: bytes, at: int, opening: bytes, section: PlacedSection) -> int:
    """The position after the element opened at `at` (a table or a sub-list), nested ones of the same name
    included; notes a caption met on the way."""
    depth = 0
    for match in HWPX_NESTING[opening].finditer(xml, at):
        tag = match.group(0)
        if tag.startswith(b"</"):
            depth -= 1
            if depth == 0:
                return match.end()
        elif tag.startswith(b"<hp:caption"):
            section.has_caption = True
        else:
            depth += 1
    return len(xml)


def hwpx_section(xml: bytes) -> PlacedSection:
    """The top-level paragraphs of an HWPX section XML with their text, by a scan of the tags outside any
    table, cell or text box (those hold their own paragraphs): jumping over each keeps the scan to a
    millisecond for a 1.3 MB section."""
    section = PlacedSection()
    at = 0
    while (match := HWPX_TOP.search(xml, at)) is not None:
        tag, at = match.group(0), match.end()
        if tag == b"<hp:subList":
            at = _skip(xml, match.start(), b"<hp:subList", section)
            continue
        end = xml.find(b">", at) + 1
        if tag == b"<hp:pagePr ":
            margin = HWPX_MARGIN.search(xml, end)
            margins = margin.group(0) if margin else b""
            spent = sum(_attribute(margins, name) for name in (b"top", b"bottom", b"header", b"footer"))
            section.body_height = _attribute(xml[match.start() : end], b"height") - spent
        elif tag in (b"<hp:p ", b"<hp:p>"):
            page_break = b'pageBreak="1"' in xml[match.start() : end]
            section.paragraphs.append(PlacedParagraph(page_break=page_break))
        elif not section.paragraphs:
            continue
        elif tag == b"<hp:tbl ":
            size = HWPX_TBL_SIZE.match(xml, end)
            floating = size is not None and b'treatAsChar="1"' not in size.group(0)
            section.paragraphs[-1].tables.append(int(size.group(1)) if size and floating else None)
            rows = HWPX_ROWS.search(xml, match.start(), end)
            section.paragraphs[-1].table_rows.append(int(rows.group(1)) if rows else 0)
            at = _skip(xml, match.start(), b"<hp:tbl ", section)
        elif tag == b"<hp:t>":
            close = xml.find(b"</hp:t>", at)
            section.paragraphs[-1].text += HWPX_TAG.sub(b"", xml[at:close]).decode("utf-8", "replace")
            at = close
        else:  # lineseg
            line = xml[match.start() : end]
            section.paragraphs[-1].lines.append((_attribute(line, b"vertpos"), _attribute(line, b"vertsize")))
    if b"<hp:footNote " in xml or b"<hp:footNote>" in xml:
        section.footnotes = hwpx_footnotes(xml)
    return section


HWPX_FOOTNOTE = re.compile(rb"<hp:footNote\b.*?</hp:footNote>", re.S)
HWPX_PARAGRAPH = re.compile(rb"<hp:p\b.*?</hp:p>", re.S)
HWPX_TEXT = re.compile(rb"<hp:t\b[^>]*>(.*?)</hp:t>", re.S)
HWPX_NOTE_NUMBER = re.compile(rb'<hp:autoNum\b[^>]*\bnum="(\d+)"')
HWPX_NOTE_FORMAT = re.compile(rb'<hp:autoNumFormat\b[^>]*\bprefixChar="([^"]*)"[^>]*\bsuffixChar="([^"]*)"')


def hwpx_footnotes(xml: bytes) -> list[Footnote]:
    """The footnotes of an HWPX section (`<hp:footNote>`), in order: the mark (`1)`, from the note's
    `autoNum` and its format's prefix and suffix) and the text of each of its paragraphs."""
    from html import unescape

    notes: list[Footnote] = []
    for match in HWPX_FOOTNOTE.finditer(xml):
        element = match.group(0)
        number = HWPX_NOTE_NUMBER.search(element)
        style = HWPX_NOTE_FORMAT.search(element)
        parts = style.groups() if style else (b"", b"")
        prefix, suffix = (unescape(part.decode("utf-8", "replace")) for part in parts)
        mark = f"{prefix}{int(number.group(1)) if number else len(notes) + 1}{suffix}"
        body = [
            unescape(b"".join(HWPX_TEXT.findall(paragraph)).decode("utf-8", "replace"))
            for paragraph in HWPX_PARAGRAPH.findall(element)
        ]
        notes.append(Footnote(mark, body))
    return notes


def _records(stream: bytes) -> list[tuple[int, int, bytes]]:
    """(tag, level, payload) of each record of an HWP 5 BodyText stream."""
    records: list[tuple[int, int, bytes]] = []
    at, end = 0, len(stream)
    while at + 4 <= end:
        (header,) = struct.unpack_from("<I", stream, at)
        at += 4
        tag, level, size = header & 0x3FF, (header >> 10) & 0x3FF, header >> 20
        if size == 0xFFF:
            if at + 4 > end:
                break
            (size,) = struct.unpack_from("<I", stream, at)
            at += 4
        records.append((tag, level, stream[at : at + size]))
        at += size
    return records


def hwp5_text(payload: bytes) -> str:
    """The text of a PARA_TEXT record, controls left out."""
    return HWP5_CONTROL.sub(" ", payload.decode("utf-16-le", "replace"))


def footnote_mark(shape: bytes, number: int) -> str:
    """The mark of footnote `number` as a FOOTNOTE_SHAPE record prints it: its prefix and suffix characters
    around the number (`1)`); a number alone when the shape is not readable."""
    if len(shape) < 10:
        return str(number)
    prefix, suffix = (chr(code) if code else "" for code in struct.unpack_from("<HH", shape, 6))
    return f"{prefix}{number}{suffix}"


def hwp5_section(stream: bytes, compressed: bool) -> PlacedSection:
    """The top-level paragraphs of an HWP 5 BodyText section stream: PARA_HEADER records of level 0, their
    PARA_LINE_SEG (level 1) and the tables among their controls (CTRL_HEADER `tbl `, level 1); and its
    footnotes (CTRL_HEADER `fn  ` at any level, the paragraphs below it its text)."""
    if compressed:
        stream = zlib.decompress(stream, -15)
    section = PlacedSection()
    top_table = False  # the last control was a top-level table, whose TABLE record (level 2) follows
    shape = b""
    note_level: int | None = None  # level of the footnote control whose text is being read
    for tag, level, payload in _records(stream):
        if note_level is not None and level <= note_level:
            note_level = None
        if tag == FOOTNOTE_SHAPE and not shape:
            shape = payload  # the first shape is the footnotes', the second the endnotes'
        elif tag == CTRL_HEADER and payload[:4] == FOOTNOTE_CTRL_ID:
            note_level = level
            section.footnotes.append(Footnote(footnote_mark(shape, len(section.footnotes) + 1)))
            continue
        if note_level is not None:
            note = section.footnotes[-1]
            if tag == PARA_TEXT:
                note.body.append(hwp5_text(payload))
            elif tag == CTRL_HEADER and payload[:4] == AUTO_NUMBER_CTRL_ID and len(payload) >= 10:
                note.mark = footnote_mark(shape, struct.unpack_from("<H", payload, 8)[0])
            continue
        if tag == TABLE and level == 2 and top_table and len(payload) >= 6:
            section.paragraphs[-1].table_rows[-1] = struct.unpack_from("<H", payload, 4)[0]
            top_table = False
        elif tag == PAGE_DEF and section.body_height is None and len(payload) >= 32:
            _, height, _, _, top, bottom, header, footer = struct.unpack_from("<8I", payload)
            section.body_height = height - top - bottom - header - footer
        elif tag == PARA_HEADER and level == 0:
            page_break = len(payload) > 11 and bool(payload[11] & PAGE_BREAK_BITS)
            section.paragraphs.append(PlacedParagraph(page_break=page_break))
        elif level != 1 or not section.paragraphs:
            continue
        elif tag == PARA_LINE_SEG:
            paragraph = section.paragraphs[-1]
            for at in range(0, len(payload) - LINE_SEG_SIZE + 1, LINE_SEG_SIZE):
                position, height = struct.unpack_from("<ii", payload, at + 4)
                paragraph.lines.append((position, height))
        elif tag == PARA_TEXT:
            section.paragraphs[-1].text = hwp5_text(payload)
        elif tag == CTRL_HEADER and payload[:4] == TABLE_CTRL_ID and len(payload) >= 24:
            attributes, _, _, _, height = struct.unpack_from("<IiiII", payload, 4)
            floating = not attributes & 1  # bit 0: laid out as a character
            section.paragraphs[-1].tables.append(height if floating else None)
            section.paragraphs[-1].table_rows.append(0)
            top_table = True
    return section


def hwp5_sections(ole: object) -> list[PlacedSection]:
    """Every BodyText section of an open HWP 5 file (an `olefile.OleFileIO`), in order."""
    header = ole.openstream("FileHeader").read()  # type: ignore[attr-defined]
    compressed = bool(int.from_bytes(header[36:40], "little") & COMPRESSED_BIT)
    names = sorted(
        (entry for entry in ole.listdir() if len(entry) == 2 and entry[0] == "BodyText"),  # type: ignore[attr-defined]
        key=lambda entry: int(re.sub(r"\D", "", entry[1]) or 0),
    )
    return [hwp5_section(ole.openstream(entry).read(), compressed) for entry in names]  # type: ignore[attr-defined]


ALIGN_WINDOW = 60
"""How far ahead of the last paragraph found to look for the next one: the library leaves some paragraphs
out (empty ones of HWP 5) and adds some (a header's paragraphs in an HWPX)."""
ALIGN_KEY_CHARS = 30


def _key(text: str) -> str:
    return "".join(text.split())[:ALIGN_KEY_CHARS]


def has_layout(sections: list[PlacedSection]) -> bool:
    """Whether the file saved a layout: some line below the top of a page (a file written by a program
    other than 한글 may save no line positions at all, `regulatory_analysis_76076`)."""
    return any(position > 0 for s in sections for p in s.paragraphs for position, _ in p.lines)


class PageFinder:
    """The page of each paragraph and table the library returns, found among the placed ones in order: a
    paragraph by its text, a table by its row count (the library leaves out or adds a few of either: empty
    HWP 5 paragraphs, an HWPX header's paragraph and table); anything else is on the page of what came
    before it."""

    def __init__(self, sections: list[PlacedSection]) -> None:
        pages = paragraph_pages(sections)
        self.last_page = max(
            (page for found in pages for placed in found for page in placed.lines + placed.tables), default=1
        )
        self._paragraphs = [
            [(_key(p.text), placed.lines[0]) for p, placed in zip(s.paragraphs, found, strict=True)]
            for s, found in zip(sections, pages, strict=True)
        ]
        self._tables = [
            [
                (rows, page)
                for p, placed in zip(s.paragraphs, found, strict=True)
                for rows, page in zip(p.table_rows, placed.tables, strict=True)
            ]
            for s, found in zip(sections, pages, strict=True)
        ]
        self.page = 1
        self._section = -1
        self._next = 0
        self._next_table = 0

    def start_section(self) -> None:
        """The next section of the library's model begins."""
        self._section += 1
        self._next = self._next_table = 0
        placed = self._paragraphs[self._section] if self._section < len(self._paragraphs) else []
        if placed:
            self.page = placed[0][1]

    def paragraph(self, text: str) -> int:
        """The page of the library's next top-level paragraph."""
        key = _key(text)
        placed = self._paragraphs[self._section] if 0 <= self._section < len(self._paragraphs) else []
        if key:
            for at in range(self._next, min(self._next + ALIGN_WINDOW, len(placed))):
                if placed[at][0] == key:
                    self.page, self._next = placed[at][1], at + 1
                    break
        return self.page

    def table(self, rows: int) -> int:
        """The page of the library's next top-level table, which has this many rows."""
        placed = self._tables[self._section] if 0 <= self._section < len(self._tables) else []
        for at in range(self._next_table, min(self._next_table + ALIGN_WINDOW, len(placed))):
            if placed[at][0] == rows:
                self.page, self._next_table = max(self.page, placed[at][1]), at + 1
                break
        return self.page
