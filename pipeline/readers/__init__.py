"""Readers: each input format to the one positioned document model."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import UnsupportedFormatError
from pipeline.readers.settings import ReaderSettings
from pipeline.schemas.document import Document

TEXT_SUFFIXES = frozenset({".txt", ".text", ".tsv"})
PDF_SUFFIXES = frozenset({".pdf"})
HWP_SUFFIXES = frozenset({".hwp", ".hwpx"})
"""Read by the bytes they hold (HWP 5 OLE or HWPX zip), whichever of the two the extension names."""
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HWP_SUFFIXES


def doc_id_for(path: Path) -> str:
    """The document id of a file read on its own: the file name stem (what `pipeline.identity` gives a
    file no other file shares a stem with; commands over many files take their ids from there)."""
    return path.stem


def read_document(
    path: Path, doc_id: str | None = None, settings: ReaderSettings | None = None, *, text_words: bool = True
) -> Document:
    """Read any supported file into the positioned document model, not yet laid out.

    `text_words=False`: the lines of a text report come without their words, which no step to the records
    reads (`read_text`); paged formats always carry theirs."""
    suffix = path.suffix.lower()
    doc_id = doc_id or doc_id_for(path)
    settings = settings or ReaderSettings()
    if suffix in TEXT_SUFFIXES:
        from pipeline.readers.text import read_text

        return read_text(path, doc_id, settings.text, words=text_words)
    if suffix in PDF_SUFFIXES:
        from pipeline.readers.pdf import read_pdf

        return read_pdf(path, doc_id, settings.pdf)
    if suffix in HWP_SUFFIXES:
        from pipeline.readers.hwp import read_hwp

        return read_hwp(path, doc_id)
    raise UnsupportedFormatError(
        f"unsupported file type '{suffix or path.name}': expected .txt, .pdf, .hwp or .hwpx"
    )
