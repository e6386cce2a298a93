"""PDF pages rendered to images (PDFium through pypdfium2) for the review page, with the size of each
page in PDF points so boxes read by pdfplumber can be drawn over them."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

RENDER_SCALE = 1.25
"""Pixels per PDF point: a 595 pt wide A4 page becomes about 740 px, enough to read a table."""
JPEG_QUALITY = 70


@dataclass(frozen=True)
class PageImage:
    """One rendered page: a data URI and the page's size in points."""

    data_uri: str
    width: float
    height: float


def render_pages(path: Path, pages: set[int], scale: float = RENDER_SCALE) -> dict[int, PageImage]:
    """Render the given 1-based pages of a PDF; an unreadable file or page gives no image for it."""
    import pypdfium2 as pdfium

    images: dict[int, PageImage] = {}
    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return images
    try:
        for number in sorted(pages):
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                image = page.render(scale=scale, grayscale=True).to_pil()
                buffer = io.BytesIO()
                image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
                encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
                images[number] = PageImage(f"data:image/jpeg;base64,{encoded}", width, height)
            finally:
                page.close()
    finally:
        pdf.close()
    return images
