"""PDFium against pdfplumber: the same cells and lines from both engines, on fixtures and real documents.

pdfplumber is the oracle. Real documents are compared whole; by default the ones that fit in `make test`
(the budget briefs, the small national documents, the citizen health report and one Busan report of the
development set, 144 pages); `PDF_ORACLE=all` compares every PDF under ../shared/realdocs (23 files,
about ten minutes). No real document differs: every one of the 23 gives the same cells, lines and cell
lines from both engines (fsc2025 fails in both for the same reason: no Unicode map for its Hangul).

What made them the same, where the engines read a page differently (details at each step):
- blanks: a control character is the font's space glyph (`\x00`, `\x07`), and of a run of blanks only
  the first counts, for both engines (`pdfsource.spaced`); PDFium's objects holding only a blank become one
  space (`pdfium._silent_object`);
- objects PDFium's text page hides as fake bold but pdfminer keeps (a date repeated a row lower, a glyph of
  another font whose code equals its neighbour's) are read from a second text page (`pdfium._revealed`);
- PDFium's U+FFFE is a line-end hyphen when its Unicode reads 2, else a glyph mapped to U+0000
  (`pdfium._unmapped`);
- a glyph turned by other than a right angle: its advance from the font and pdfminer's box around all four
  corners (`pdfium._place`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.errors import PdfError
from pipeline.layout import build_layout
from pipeline.parse import ParseSettings, laid_out_document
from pipeline.progress import listening
from pipeline.readers.pdf import read_pdf
from pipeline.readers.pdfsource import spaced
from pipeline.readers.settings import PdfSettings, ReaderSettings
from pipeline.schemas.document import Document
from tests.conftest import FIXTURES, RAW

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
FIXTURE_PDFS = sorted((FIXTURES / "pdf").glob("*.pdf")) + sorted(RAW.glob("*.pdf"))
BAD_PDFS = sorted((FIXTURES / "bad").glob("*.pdf"))
IN_MAKE_TEST = {
    "busan2025_citizen_health_bureau.pdf",
    "busan2025_planning_director.pdf",
    "fiscal_statistics_2010_11.pdf",
    "fsc2025_household_loans.pdf",
    "moef2025q2_overseas_investment.pdf",
}
ALL_REAL = sorted(REALDOCS.glob("*.pdf")) + sorted((REALDOCS / "budget_program_briefs").glob("*.pdf"))
REAL_PDFS = (
    ALL_REAL
    if os.environ.get("PDF_ORACLE") == "all"
    else [p for p in ALL_REAL if p.name in IN_MAKE_TEST or p.parent.name == "budget_program_briefs"]
)
def read_both(path: Path) -> dict[str, object]:
    """Cells and lines of a PDF from each engine (or the error it fails with)."""
    out: dict[str, object] = {}
    for engine in ("pdfium", "pdfplumber"):
        try:
            document = build_layout(read_pdf(path, path.stem, PdfSettings(engine=engine)))
        except PdfError as error:
            out[engine] = str(error)
            continue
        cells = [
            (t.page, t.table_id, c.row, c.col, c.row_span, c.col_span, c.is_header, c.text)
            for t in document.tables
            for c in t.cells
        ]
        lines = [(line.page, "".join(line.text.split())) for line in document.lines]
        lines_of_cells = [c.line for t in document.tables for c in t.cells]
        out[engine] = (cells, lines, lines_of_cells, document.pages)
    return out


def assert_same(path: Path) -> None:
    """Same cells (row, column, spans, text), same lines apart from spaces inside them, same line of
    every cell."""
    both = read_both(path)
    ours, oracle = both["pdfium"], both["pdfplumber"]
    if isinstance(oracle, str) or isinstance(ours, str):
        # the same reason; the detail after it is each library's own words ("Unexpected EOF")
        assert isinstance(ours, str) and isinstance(oracle, str)
        assert ours.split(":")[0] == oracle.split(":")[0]
        return
    cells, lines, lines_of_cells, pages = ours
    assert pages == oracle[3]
    assert cells == oracle[0]
    assert lines == oracle[1]
    assert lines_of_cells == oracle[2]


@pytest.mark.parametrize("pdf", FIXTURE_PDFS + BAD_PDFS, ids=[p.name for p in FIXTURE_PDFS + BAD_PDFS])
def test_pdfium_gives_the_cells_and_lines_of_pdfplumber_on_fixtures(pdf: Path) -> None:
    assert_same(pdf)


@pytest.mark.slow
@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not on this machine")
@pytest.mark.parametrize("pdf", REAL_PDFS, ids=[p.name for p in REAL_PDFS])
def test_pdfium_gives_the_cells_and_lines_of_pdfplumber_on_real_documents(pdf: Path) -> None:
    assert_same(pdf)


def test_the_budget_cell_of_the_ruled_fixture_through_pdfium() -> None:
    settings = ParseSettings(readers=ReaderSettings(pdf=PdfSettings(engine="pdfium")))
    document = laid_out_document(FIXTURES / "pdf" / "ruled_budget.pdf", settings=settings)
    (total,) = [c for t in document.tables for c in t.cells if c.text == "1,370,315"]
    assert document.line(total.line).text.startswith("민간위탁금 총계 1,370,315")


def test_each_page_is_reported_to_the_progress_listener() -> None:
    heard: list[tuple[str, int, int]] = []
    with listening(lambda doc_id, done, total: heard.append((doc_id, done, total))):
        read_pdf(FIXTURES / "pdf" / "page_break_budget.pdf", "pb", PdfSettings(engine="pdfium"))
    assert heard == [("pb", 1, 2), ("pb", 2, 2)]


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="engine"):
        PdfSettings(engine="mupdf")


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not on this machine")
def test_a_text_repeated_in_the_row_below_is_read_by_both_engines() -> None:
    """Planning coordination office p7: 체육진흥기금 has four accounts, each with its end date; the dates of
    the second and third (2028.12.31.) repeat the one above them 12 pt lower, and PDFium's text page hid
    them as fake bold (same text, boxes overlapping by 2.4 pt), which merged the four accounts into one
    cell. The reader puts such a copy back when it lies farther than fake bold does from the object it
    repeats; fake bold and shadow chains (the planning director's headings: 33 copies 0.06 pt apart) stay
    hidden."""
    path = REALDOCS / "busan2025_planning_coordination_office.pdf"
    read = {e: read_pdf(path, "pco", PdfSettings(engine=e, only_pages=(7,))) for e in ("pdfium", "pdfplumber")}
    cells = {e: [(t.table_id, c.row, c.col, c.row_span, c.text) for t in d.tables for c in t.cells] for e, d in read.items()}
    assert cells["pdfium"] == cells["pdfplumber"]
    by_place = {(row, col): text for _, row, col, _, text in cells["pdfium"]}
    accounts = [by_place[(row, 7)] for row in range(17, 21)]
    assert accounts == ["체육진흥계정", "경륜사업계정", "사업준비금계정", "손실보전준비금계정"]
    assert [by_place[(row, 6)] for row in range(17, 21)] == ["2025.12.31.", *["2028.12.31."] * 3]


def test_blanks_are_the_same_for_both_engines() -> None:
    """A control character is the font's space glyph mapped to a control code: a space; of a run of blanks
    only the first stays (`pdfsource.spaced`)."""
    chars = [{"text": t, "x0": float(i)} for i, t in enumerate(["A", "\x07", "B", " ", " ", "\x00", "C", "\u3000", "D"])]
    kept = spaced(chars)
    assert [c["text"] for c in kept] == ["A", " ", "B", " ", "C", "\u3000", "D"]
    assert [c["x0"] for c in kept] == [0.0, 1.0, 2.0, 3.0, 6.0, 7.0, 8.0]


def real_pages(name: str, pages: tuple[int, ...]) -> dict[str, Document]:
    path = REALDOCS / name
    return {e: read_pdf(path, path.stem, PdfSettings(engine=e, only_pages=pages)) for e in ("pdfium", "pdfplumber")}


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not on this machine")
def test_a_date_printed_over_a_run_of_blanks_stays_one_word() -> None:
    """Social welfare p45: `사업기간 : 2024. 4. ~ 11.`; Hancom pads `:` with four blanks that `2024.` is then
    printed over. pdfminer kept all four, which cut the year into `2 0 24`; PDFium kept one."""
    for engine, document in real_pages("busan2025_social_welfare_bureau.pdf", (45,)).items():
        texts = [c.text for t in document.tables for c in t.cells]
        assert any("사업기간 : 2024. 4. ~ 11." in text for text in texts), engine
        assert not any("2 0 24" in text for text in texts), engine


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not on this machine")
def test_space_glyphs_mapped_to_u0000_are_word_spaces_in_both_engines() -> None:
    """Social welfare p29: the heading's word spaces are a glyph whose Unicode map gives U+0000 (pdfminer:
    `\\x00`; PDFium: Unicode 0, U+FFFE in its page text, which is also its mark of a line-end hyphen)."""
    for engine, document in real_pages("busan2025_social_welfare_bureau.pdf", (29,)).items():
        texts = [line.text for line in document.lines]
        assert "1. 안정적이고 건강한 노후 생활 지원 및 커뮤니티 조성" in texts, engine


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not on this machine")
def test_a_glyph_pdfium_hides_as_a_copy_of_its_neighbour_is_read() -> None:
    """Culture sports p45: the `(` of `·(주)에스엠컬쳐앤콘텐츠` is a one-glyph object of another font whose
    character code equals the `·` before it; PDFium's text page hid it as fake bold. The reader reads it from
    a second text page on which only the hidden objects are active."""
    for engine, document in real_pages("busan2025_culture_sports_bureau.pdf", (45,)).items():
        assert any("·(주)에스엠컬쳐앤콘텐츠" in "".join(line.text.split()) for line in document.lines), engine


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs is not on this machine")
def test_a_hyphen_pdfium_marks_at_a_line_end_is_one_hyphen() -> None:
    """Health and environment research institute p45: `-삼락천을 대상으로-` ends with a hyphen PDFium marks
    as a line-end hyphen (Unicode 2 in its object text); no blank is put back before it."""
    for engine, document in real_pages("busan2025_health_environment_research_institute.pdf", (44, 45)).items():
        texts = [c.text for t in document.tables for c in t.cells]
        assert any(text.endswith("-삼락천을 대상으로-") for text in texts), engine
