"""PDFs through pdfplumber: committed fixtures rendered from known text, and broken PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import PdfError
from pipeline.extract.tables import extract_tables
from pipeline.ingest import ingest
from pipeline.parse import laid_out_document
from tests.conftest import DOC_000, FIXTURES, RAW

PDF_FIXTURES = sorted((FIXTURES / "pdf").glob("*.pdf"))


def cell_set(path: Path) -> list[set[tuple[str, str, str]]]:
    """Per table, the (row label, column label, text) of every value cell, spaces ignored."""
    document = laid_out_document(path)
    _, cells = extract_tables(document)
    tables: dict[str, set[tuple[str, str, str]]] = {}
    for cell in cells:
        if not cell.is_header:
            key = tuple("".join((x or "").split()) for x in (cell.row_label, cell.col_label, cell.raw_text))
            tables.setdefault(cell.table_id, set()).add(key)
    return [tables[k] for k in sorted(tables)]


@pytest.mark.parametrize("pdf", PDF_FIXTURES, ids=[p.stem for p in PDF_FIXTURES])
def test_pdf_gives_the_cells_of_the_text_it_was_rendered_from(pdf: Path) -> None:
    from_pdf, from_text = cell_set(pdf), cell_set(pdf.with_suffix(".txt"))
    assert len(from_pdf) == len(from_text)
    for pdf_cells, text_cells in zip(from_pdf, from_text, strict=True):
        assert pdf_cells == text_cells


def test_ruled_budget_pdf_cells_know_page_line_and_box() -> None:
    document = laid_out_document(FIXTURES / "pdf" / "ruled_budget.pdf")
    budget = document.tables[0]
    assert (budget.source, budget.page, budget.caption) == ("pdf-ruled", 1, "2023년도 예산")
    assert budget.unit_text == "(2023.9.30. 기준 / 단위 : 천원)"
    (total,) = [c for c in budget.cells if c.text == "1,370,315"]
    line = document.line(total.line)
    assert line.page == 1 and line.text.startswith("민간위탁금 총계 1,370,315")
    assert total.bbox is not None and total.bbox[0] > 100


def test_a_table_over_a_page_break_is_one_table() -> None:
    document = laid_out_document(FIXTURES / "pdf" / "page_break_budget.pdf")
    (table,) = document.tables
    assert document.pages == 2
    assert table.n_rows == 13
    pages = {c.page for c in table.cells if c.text in ("경제정책과", "서울시립과학관")}
    assert pages == {1, 2}


def test_unruled_table_is_read_from_word_positions() -> None:
    document = laid_out_document(FIXTURES / "pdf" / "unruled_funding.pdf")
    (table,) = document.tables
    assert (table.source, table.page, table.unit_text) == ("aligned", 1, "(단위 : 천원)")
    assert table.grid()[4] == ["구비", "626,433", "81,230", "181,203", "182,000", "182,000"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("encrypted.pdf", "encrypted: the PDF needs a password to be read"),
        ("truncated.pdf", "truncated or corrupt PDF"),
        ("image_only.pdf", "no text layer: needs OCR"),
        ("decompression_bomb.pdf", "decompression bomb: a stream inflates to more than 64 MB"),
    ],
)
def test_unreadable_pdfs_fail_with_their_reason(name: str, message: str) -> None:
    with pytest.raises(PdfError, match=message):
        laid_out_document(FIXTURES / "bad" / name)


def test_bad_pdfs_are_recorded_and_the_rest_of_the_corpus_loads(tmp_path: Path) -> None:
    corpus = tmp_path / "raw"
    shutil.copytree(FIXTURES / "bad", corpus)
    shutil.copy(RAW / f"{DOC_000}.txt", corpus)
    (corpus / "not_a_pdf.pdf").write_bytes(b"GIF89a")
    report = ingest([corpus], tmp_path / "w.duckdb", None)
    status = {o.doc_id: (o.status, o.error) for o in report.outcomes}
    assert status[DOC_000] == ("loaded", None)
    assert status["encrypted"] == ("failed", "encrypted: the PDF needs a password to be read")
    assert status["image_only"] == ("failed", "no text layer: needs OCR")
    assert status["truncated"][1].startswith("truncated or corrupt PDF")
    assert status["not_a_pdf"] == ("failed", "not a PDF: the file does not start with %PDF")
    assert status["decompression_bomb"][1].startswith("decompression bomb")


def test_pdf_whose_text_layer_lost_its_hangul_fails_with_that_reason() -> None:
    """금융위원회 가계대출 보도자료: the pages show Korean, the text layer holds only digits and signs."""
    from tests.conftest import REALDOCS

    pdf = REALDOCS / "fsc2025_household_loans.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is absent")
    with pytest.raises(PdfError, match=r"needs OCR \(0 Hangul"):
        laid_out_document(pdf)
