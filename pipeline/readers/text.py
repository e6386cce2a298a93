"""Text exports of reports: bytes -> decoded lines -> the positioned document model.

The reader decodes strictly (UTF-8 with or without BOM, then CP949/EUC-KR) and never guesses: a file that
decodes in neither, or that decodes to control-character noise, fails with a message naming the problem.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from pipeline.errors import DocumentTooLargeError, EmptyDocumentError, EncodingError
from pipeline.readers.settings import TextSettings
from pipeline.schemas.document import Document, Word

ENCODINGS = ("utf-8-sig", "cp949")
"""Tried in this order; cp949 is a superset of EUC-KR."""


def decode_report(data: bytes, settings: TextSettings | None = None) -> tuple[str, str]:
    """The text and the encoding it was read with, or a specific error."""
    settings = settings or TextSettings()
    if len(data) > settings.max_text_bytes:
        raise DocumentTooLargeError(_too_large(len(data), settings))
    if not data.strip():
        raise EmptyDocumentError("empty file: no text to read")
    if b"\x00" in data:
        raise EncodingError("binary content: the file contains NUL bytes, so it is not a text export")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > settings.max_control_share:
            raise EncodingError(
                f"decodes as {encoding} but {_control_share(text):.0%} of it is control characters: "
                "not a text report"
            )
        return text, "utf-8" if encoding == "utf-8-sig" else encoding
    bad = _first_bad_offset(data)
    raise EncodingError(
        f"unknown encoding: neither UTF-8 nor CP949/EUC-KR (first undecodable byte at offset {bad})"
    )


LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""What ends a line in a text export. Not `str.splitlines`, which also breaks at form feeds, vertical
tabs, \x1c-\x1e, \x85 and U+2028/2029, and would number lines differently from the file."""


def split_lines(text: str) -> list[str]:
    """Lines without their terminators, for CRLF, LF or lone CR files (nothing else ends a line)."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def text_words(text: str, line_number: int) -> list[Word]:
    """Runs of non-space characters with their display columns (Hangul and CJK count two columns).

    The hot loop of reading text, kept in C: the runs are the line's `split()` (the same whitespace as
    the regex's `\\S`), their columns the runs of the line's column picture (`_COLUMNS`: every wide
    character written as two marks, every other one as one, spaces kept), which are the same runs.
    Columns come as floats from a table, not a `float()` call per number.
    """
    expanded = text.expandtabs(8)
    top, bottom = float(line_number), line_number + 1.0
    word = Word
    floats = _FLOATS if 2 * len(expanded) < len(_FLOATS) else [float(i) for i in range(2 * len(expanded) + 1)]
    if expanded.isascii():
        return [
            word(m.group(), floats[m.start()], floats[m.end()], top, bottom, 1.0)
            for m in RUN.finditer(expanded)
        ]
    spans = [c.span() for c in RUN.finditer(expanded.translate(_COLUMNS))]
    return [
        word(run, floats[start], floats[end], top, bottom, 1.0)
        for run, (start, end) in zip(expanded.split(), spans, strict=True)
    ]


_FLOATS = [float(i) for i in range(1024)]
"""Column numbers as floats, for lines up to 511 characters."""


RUN = re.compile(r"\S+")


class _ColumnPicture(dict[int, str]):
    """`str.translate` table of a character's display width: a wide character (East Asian Wide or
    Fullwidth, from U+1100) becomes two marks, any other one; a space's marks are itself (U+3000 twice),
    so the runs stay the same runs. Each character is looked up once per process."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        wide = char >= "\u1100" and unicodedata.east_asian_width(char) in "WF"
        mark = char if char.isspace() else "x"
        width = self[code] = mark * 2 if wide else mark
        return width


_COLUMNS = _ColumnPicture()


def read_text(
    path: Path, doc_id: str, settings: TextSettings | None = None, *, words: bool = True
) -> Document:
    """Read a text export into a Document of lines and words (tables and sections come from layout).

    `words=False` leaves each line's words empty: their columns are for readers of the laid-out document,
    since every step that reads words works on a page (boxes, insets, forms, two-column captions) and a text
    report has none; a parse to records skips them (~5,000 objects a 1,000-line report)."""
    settings = settings or TextSettings()
    size = path.stat().st_size
    if size > settings.max_text_bytes:
        raise DocumentTooLargeError(_too_large(size, settings))
    data = path.read_bytes()
    text, encoding = decode_report(data, settings)
    raw_lines = split_lines(text)
    if max(map(len, raw_lines), default=0) > settings.max_line_chars:  # which line: asked only then
        number, raw = next((n, r) for n, r in enumerate(raw_lines, 1) if len(r) > settings.max_line_chars)
        raise DocumentTooLargeError(
            f"line {number} is {len(raw):,} characters long (limit {settings.max_line_chars:,}): "
            "not a report text export"
        )
    numbered = enumerate(raw_lines, start=1)
    # each line as data, validated into a `Line` with the document: one validator call, not one per line
    lines: list[dict[str, object]]
    if words:
        lines = [{"number": i, "text": raw, "words": text_words(raw, i)} for i, raw in numbered]
    else:
        lines = [{"number": i, "text": raw} for i, raw in numbered]
    return Document.model_validate(
        {
            "doc_id": doc_id,
            "source_path": str(path),
            "format": "text",
            "sha256": hashlib.sha256(data).hexdigest(),
            "encoding": encoding,
            "lines": lines,
        }
    )


def _too_large(size: int, settings: TextSettings) -> str:
    limit = settings.max_text_bytes / 2**20
    return f"file too large: {size / 2**20:.1f} MB of text (limit {limit:.0f} MB per report)"


CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc: U+0000-001F, U+007F-009F) other than \t \n \v \f \r."""


def _control_share(text: str) -> float:
    return len(CONTROL.findall(text)) / max(len(text), 1)


def _first_bad_offset(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return 0
