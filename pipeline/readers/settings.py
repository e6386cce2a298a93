"""Tolerances and limits of the readers, in one light module (no PDF library imported to read them)."""

from __future__ import annotations

from dataclasses import dataclass, field

PDF_ENGINES = ("pdfium", "pdfplumber")
"""PDF engines: PDFium (`pypdfium2`, fast, the default) and pdfplumber (pdfminer; the reference)."""


@dataclass(frozen=True)
class GridSettings:
    """Tolerances of the grid steps, in points (pdfplumber's defaults for its `lines` strategy)."""

    snap_tolerance: float = 3.0
    """Parallel edges closer than this are moved onto one position."""
    join_tolerance: float = 3.0
    """Collinear edges with a gap smaller than this become one edge."""
    edge_min_length: float = 3.0
    """Shorter edges (after joining) are not ruling lines."""
    intersection_tolerance: float = 3.0
    """A horizontal and a vertical edge this close meet."""
    hatch_count: int = 4
    """This many parallel edges at distinct positions within the snap tolerance make a fill, not rules."""
    side_reach: float = 160.0
    """Words at most this far outside a table's first / last vertical line can belong to its outer column."""
    side_pad: float = 2.0
    """A closing line is drawn this far outside the outermost word it takes in."""

    def __post_init__(self) -> None:
        values = (self.snap_tolerance, self.join_tolerance, self.edge_min_length, self.intersection_tolerance)
        if min(values) < 0 or self.side_reach < 0 or self.side_pad < 0:
            raise ValueError(f"invalid GridSettings: {self}")


@dataclass(frozen=True)
class ColumnSettings:
    """When a page is two columns read one after the other (a 2-up spread of two printed pages, a
    two-column brief), not one column whose lines run across the page."""

    middle: tuple[float, float] = (0.3, 0.7)
    """The gutter lies within this share of the page's width."""
    min_gap_share: float = 0.015
    """...and is at least this share of the page's width, crossed by no word and no horizontal rule."""
    prose_hangul: int = 12
    """A line with at least this many Hangul syllables is prose (a table row's label is shorter)."""
    min_prose_lines: int = 3
    """Each side holds at least this many prose lines: two columns of text, not a table's two halves."""

    def __post_init__(self) -> None:
        low, high = self.middle
        counts = min(self.prose_hangul, self.min_prose_lines)
        if not 0 < low < high < 1 or not 0 < self.min_gap_share < 1 or counts < 1:
            raise ValueError(f"invalid ColumnSettings: {self}")


@dataclass(frozen=True)
class PdfSettings:
    """Tolerances of the PDF reader, in points or relative to the font size."""

    x_tolerance_ratio: float = 0.6
    """Characters closer than this share of their size join into one word (handles 경 제 정 책 과 spacing)."""
    line_tolerance: float = 3.0
    """Words whose tops differ by less than this are on one line."""
    min_text_chars: int = 20
    """A document with fewer characters of text than this has no text layer."""
    max_garbage_share: float = 0.3
    """A larger share of `(cid:N)` or private-use characters means the text layer cannot be read."""
    max_pages: int = 2000
    min_hangul_share: float = 0.02
    """With less Hangul than this share of printed characters, and few letters of any script, ..."""
    min_letter_share: float = 0.2
    """... (letters below this share) the text layer lost its Korean: the document needs OCR."""
    only_pages: tuple[int, ...] | None = None
    """Read only these pages (1-based): a quick look at a few pages of a long report."""
    grid: GridSettings = field(default_factory=GridSettings)
    columns: ColumnSettings = field(default_factory=ColumnSettings)
    """Tolerances of the ruled-table steps (`pipeline.readers.grid`)."""
    engine: str = "pdfium"
    """Where characters and ruling lines come from: `pdfium` (fast) or `pdfplumber` (the reference)."""

    def __post_init__(self) -> None:
        if self.x_tolerance_ratio <= 0 or self.line_tolerance <= 0 or not 0 < self.max_garbage_share <= 1:
            raise ValueError(f"invalid PdfSettings: {self}")
        if self.engine not in PDF_ENGINES:
            raise ValueError(f"invalid PdfSettings: engine {self.engine!r} is not one of {PDF_ENGINES}")


@dataclass(frozen=True)
class TextSettings:
    """Limits of the text-export reader."""

    max_text_bytes: int = 20 * 1024 * 1024
    """A text export larger than this is not one report (the largest samples are under 100 KB)."""
    max_line_chars: int = 200_000
    """A longer line is a dump, not a report line; laying it out would cost time for nothing."""
    max_control_share: float = 0.01
    """Above this share of control characters the decoded text is noise, not a report."""

    def __post_init__(self) -> None:
        if self.max_text_bytes <= 0 or self.max_line_chars <= 0 or not 0 <= self.max_control_share <= 1:
            raise ValueError(f"invalid TextSettings: {self}")


@dataclass(frozen=True)
class ReaderSettings:
    """Every reader's settings, passed from `parse_path` and `ingest` down."""

    text: TextSettings = field(default_factory=TextSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
