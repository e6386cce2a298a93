"""Readers: each input format to the one positioned document model."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import UnsupportedFormatError
from schemas.document import Document

TEXT_SUFFIXES = frozenset({".txt", ".text", ".csv", ".tsv", ".md"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


def doc_id_for(path: Path) -> str:
    """The document id: the file name stem."""
    return path.stem


def read_document(path: Path) -> Document:
    """Read any supported file into a Document (tables, sections and context included)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from pipeline.readers.text import read_text

        return read_text(path, doc_id_for(path))
    if suffix in PDF_SUFFIXES:
        from pipeline.layout import build_layout
        from pipeline.readers.pdf import read_pdf

        return build_layout(read_pdf(path, doc_id_for(path)))
    raise UnsupportedFormatError(f"unsupported file type '{suffix or path.name}': expected .txt or .pdf")
