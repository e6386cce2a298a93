"""The positioned document model: what every reader produces and every extractor consumes.

Readers (text, PDF, HWP/HWPX) only build these objects; nothing downstream looks at the file format.
`Word` and `Graphic` are plain slotted dataclasses, not models: a document holds thousands of them (a
chart page tens of thousands), and a model each was the largest cost of reading a text report. Readers
build them from values they computed (floats); pydantic still validates them whenever a `Document` is
validated from data (JSON), writes them out and gives their JSON Schema, as it does for the models.
Every piece keeps its provenance: the 1-based line number in the document, and for paged formats the
page number, the line number within that page and a bounding box in PDF points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom): PDF points for PDFs, character columns and line numbers for text."""

DocumentFormat = Literal["text", "pdf", "hwp", "hwpx"]
TableSource = Literal["tab", "html", "aligned", "pdf-ruled", "pdf-words", "hwp"]


@dataclass(slots=True)
class Word:
    """A run of non-space characters with its position (character columns for text, points for PDF)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 1.0
    """Font size for PDF words; 1.0 for text, where one character is one unit wide."""


@dataclass(slots=True)
class Graphic:
    """A ruling line, box or curve drawn on a PDF page (cell borders, chart boxes, connectors)."""

    page: int
    kind: Literal["rect", "line", "curve"]
    x0: float
    top: float
    x1: float
    bottom: float


class Line(BaseModel):
    """One line of the document in reading order."""

    number: int
    """1-based line number across the whole document (the line in the file for text)."""
    text: str
    page: int | None = None
    page_line: int | None = None
    """1-based line number within the page, for paged formats."""
    words: list[Word] = Field(default_factory=list)
    section_id: str | None = None


class FormField(BaseModel):
    """One `key : value` line of a cell that is a little form (`사업규모 : 20백만원(국비 10, 시비 10)`)."""

    key: str
    """The key as printed, without spaces (`사 업 명` -> `사업명`)."""
    text: str
    """The value, its wrapped lines joined in reading order."""
    line: int
    """Document line of the value's first word."""


class Cell(BaseModel):
    """One cell of a table, as printed: the raw text is never altered beyond whitespace folding."""

    row: int
    col: int
    text: str
    line: int
    """Document line the cell's (first) text sits on."""
    page: int | None = None
    row_span: int = 1
    col_span: int = 1
    bbox: BBox | None = None
    is_header: bool = False
    fields: list[FormField] = Field(default_factory=list)
    """The cell read as a form, one field per key line with the keys in a column of their own
    (`pipeline/layout/forms.py`); empty for an ordinary cell."""


class Table(BaseModel):
    """A table found in the document: a grid of cells plus what the report printed around it."""

    table_id: str
    source: TableSource
    caption: str | None = None
    """The nearest heading above the table."""
    unit_text: str | None = None
    """The unit annotation as printed, e.g. '(2023.9.30. 기준 / 단위 : 천원)'."""
    first_line: int
    last_line: int
    page: int | None = None
    n_rows: int
    n_cols: int
    header_rows: int = 1
    """How many leading rows are column headers."""
    cells: list[Cell] = Field(default_factory=list)
    """Non-empty cells only; a merged cell appears once with its spans."""
    parent_table_id: str | None = None
    """For a table nested inside a cell of another table (HTML in a tab cell)."""
    section_id: str | None = None

    def grid(self) -> list[list[str]]:
        """The table as a dense list of rows of cell texts ('' where nothing is printed)."""
        rows = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for cell in self.cells:
            rows[cell.row][cell.col] = cell.text
        return rows


class Section(BaseModel):
    """A heading of the report and the lines it governs."""

    section_id: str
    level: int
    marker: str
    """The heading mark as printed: 'Ⅱ.', '1', '①', '□', '○', '-' ..."""
    title: str
    first_line: int
    last_line: int
    parent_id: str | None = None


PageStatus = Literal["text", "cid", "image", "rotated", "empty"]


class PageInfo(BaseModel):
    """How one PDF page's text layer could be read: what the warehouse's `pages` table records."""

    page: int
    status: PageStatus
    """text: read; cid: the fonts map characters to (cid:N) codes (the page's text is not loaded, needs
    OCR); image: images and no text (needs OCR); rotated: the text runs against the page rotation (read,
    order and tables may be wrong); empty: neither text nor images."""
    chars: int = 0
    """Printed characters of the text layer (spaces not counted)."""
    garbage_chars: int = 0
    """Characters of `(cid:N)` codes, private-use or replacement characters among them."""
    images: int = 0
    """Image objects drawn on the page."""
    upright_share: float | None = None
    """Share of the characters that run along the page as it is shown (None without characters)."""


class Document(BaseModel):
    """One report, read and laid out."""

    doc_id: str
    source_path: str
    format: DocumentFormat
    sha256: str
    encoding: str | None = None
    pages: int | None = None
    lines: list[Line] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    graphics: list[Graphic] = Field(default_factory=list)
    """Lines, boxes and curves of the pages (PDF only), for readers of drawn structure (org charts)."""
    page_info: list[PageInfo] = Field(default_factory=list)
    """How each page read (PDF only): text, cid, image, rotated or empty."""

    def line(self, number: int) -> Line:
        """The line with this 1-based number."""
        return self.lines[number - 1]

    def table_lines(self) -> set[int]:
        """Numbers of the lines some table covers (the rest is prose)."""
        return {n for t in self.tables for n in range(t.first_line, t.last_line + 1)}
