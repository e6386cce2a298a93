"""Pages whose text layer could not be read: each one an issue, so no page is silently missing."""

from __future__ import annotations

from pipeline.schemas.records import PageRecord
from pipeline.schemas.validation import ValidationIssue

UNREAD = {
    "cid": "the fonts map its characters to (cid:N) codes: its text is not loaded; needs OCR",
    "image": "its content is images with (almost) no text: not loaded; needs OCR",
    "rotated": "its text runs against the page rotation: read, but reading order and tables may be wrong",
}
"""What each page status that is not `text` or `empty` means for the data."""


def check_pages(pages: list[PageRecord]) -> list[ValidationIssue]:
    """One `page_unread` warning per page that is cid, image or rotated."""
    return [
        ValidationIssue(
            doc_id=page.doc_id,
            check_name="page_unread",
            severity="warning",
            message=f"page {page.page}: {UNREAD[page.status]}",
            page=page.page,
        )
        for page in pages
        if page.status in UNREAD
    ]
