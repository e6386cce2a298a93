"""PDF speed as ratios measured in one process on the same pages: our parse against PDFium's own character
extraction (the floor) and against pdfplumber's `extract_words` (what the pipeline used to sit on).

CPU time (`time.process_time`) of this process, all three over the same files, one after the other, so
that load from other users of the machine cancels out of the ratios. Pages come from the real Busan
reports of the development set when ../shared/realdocs is there (what the issue measured), else from the
PDF fixtures.

Usage: python bench/pdf_ratios.py [--pages 100] [--repeats 3] [--profile FILE]
"""

from __future__ import annotations

import argparse
import ctypes
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDOCS = ROOT.parent / "shared" / "realdocs"
REAL_PDFS = ("busan2025_planning_director.pdf", "busan2025_social_welfare_bureau.pdf")
FIXTURE_PDFS = ROOT / "tests" / "fixtures" / "pdf"


def pdf_corpus(pages: int) -> tuple[list[Path], int]:
    """Whole PDFs, real ones first, until at least `pages` pages (or all there are)."""
    import pypdfium2 as pdfium

    real = [REALDOCS / name for name in REAL_PDFS if (REALDOCS / name).is_file()]
    sources = real or sorted(FIXTURE_PDFS.glob("*.pdf"))
    chosen, total = [], 0
    while sources and total < pages:
        for source in sources:
            if total >= pages:
                break
            document = pdfium.PdfDocument(source)
            total += len(document)
            document.close()
            chosen.append(source)
        if real:
            break
    return chosen, total


def pdfium_chars(paths: list[Path]) -> int:
    """PDFium's own work: open, load each page, every character with its box (the floor)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    count = 0
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for path in paths:
        document = pdfium.PdfDocument(path)
        for index in range(len(document)):
            page = document[index]
            textpage = raw.FPDFText_LoadPage(page.raw)
            n = raw.FPDFText_CountChars(textpage)
            buffer = ctypes.create_string_buffer((n + 1) * 2)
            raw.FPDFText_GetText(textpage, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
            for k in range(n):
                raw.FPDFText_GetCharBox(textpage, k, left, right, bottom, top)
            count += n
            raw.FPDFText_ClosePage(textpage)
            page.close()
        document.close()
    return count


def plumber_words(paths: list[Path]) -> None:
    import pdfplumber

    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.close()


def our_parse(paths: list[Path], engine: str = "pdfium") -> None:
    """Our reader and layout (`laid_out_document`): what `parse` does to a PDF before extraction."""
    from pipeline.parse import ParseSettings, laid_out_document
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    settings = ParseSettings(readers=ReaderSettings(pdf=PdfSettings(engine=engine)))
    for path in paths:
        laid_out_document(path, settings=settings)


def our_full_parse(paths: list[Path]) -> None:
    """The whole `parse_path` (reader, layout, extraction, checks) with the default engine."""
    from pipeline.parse import parse_path

    for path in paths:
        parse_path(path)


def cpu(function, *args) -> float:
    start = time.process_time()
    function(*args)
    return time.process_time() - start


def pdf_figures(pages: int = 100, repeats: int = 3) -> dict[str, float]:
    """The figures, in ms per page, and the two ratios against the targets.

    The floor and our two figures are each the least of `repeats` runs, taken in turns (floor, ours,
    full, floor, ...), so that a burst of other load on a shared machine during one run does not decide
    a ratio; pdfplumber's `extract_words` (ten times slower) runs once."""
    paths, total = pdf_corpus(pages)
    our_parse(paths[:1])  # imports and first-use costs out of the timings
    pdfium_chars(paths[:1])
    floor = ours = full = float("inf")
    for _ in range(repeats):
        floor = min(floor, cpu(pdfium_chars, paths))
        ours = min(ours, cpu(our_parse, paths))
        full = min(full, cpu(our_full_parse, paths))
    words = cpu(plumber_words, paths)
    return {
        "pdf pages (same pages for every figure)": total,
        "pdfium chars+boxes ms/page (floor)": 1000 * floor / total,
        "our read+layout ms/page": 1000 * ours / total,
        "our full parse_path ms/page": 1000 * full / total,
        "pdfplumber extract_words ms/page": 1000 * words / total,
        "read+layout / pdfium floor (target <= 3)": ours / floor,
        "read+layout / extract_words (target <= 0.2)": ours / words,
        "full parse / extract_words": full / words,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of our read+layout")
    parser.add_argument("--repeats", type=int, default=3, help="runs of the floor and ours (least counts)")
    args = parser.parse_args()
    if args.profile:
        import cProfile

        paths, _ = pdf_corpus(args.pages)
        cProfile.runctx("our_parse(paths)", globals(), {"paths": paths}, str(args.profile))
        return
    figures = pdf_figures(args.pages, args.repeats)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:10.2f}")


if __name__ == "__main__":
    main()
