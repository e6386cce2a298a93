"""CPU time per page of our PDF reader and layout against pdfplumber's `extract_words`, on the same files.

Usage: python bench/pdf_speed.py FILE.pdf [FILE.pdf ...]   (target: ratio within 1.5)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

from pipeline.parse import laid_out_document


def measure(path: Path) -> tuple[int, float, float]:
    """(pages, seconds of extract_words over every page, seconds of our reader + layout)."""
    start = time.process_time()
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_words()
            page.close()
    floor = time.process_time() - start
    start = time.process_time()
    laid_out_document(path)
    return pages, floor, time.process_time() - start


def main() -> None:
    for name in sys.argv[1:]:
        pages, floor, ours = measure(Path(name))
        print(
            f"{Path(name).name}: {pages} pages, extract_words {1000 * floor / pages:.0f} ms/page, "
            f"ours {1000 * ours / pages:.0f} ms/page, ratio {ours / floor:.2f}"
        )


if __name__ == "__main__":
    main()
