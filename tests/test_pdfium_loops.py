"""The C page loops (`pipeline/readers/_pdfium_loops.c`) against the same loops through ctypes.

The extension is built by `pip install -e .` (setup.py); without it the reader asks PDFium through
ctypes. Both must give the same characters, edges, graphics and image counts, to the last bit (compared
as `repr`, so that -0.0 against 0.0 counts as a difference too).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.readers import pdfium as reader
from tests.conftest import FIXTURES, RAW

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
PDFS = [
    *sorted((FIXTURES / "pdf").glob("*.pdf")),
    *sorted(RAW.glob("*.pdf")),
    FIXTURES / "bad" / "image_only.pdf",
]
# real pages: a chart page of 10,414 edges (p15), Hancom's U+0007 word spaces (FIS 22-2), text objects
# PDFium's text page hides (culture sports p45, planning coordination office p7), space glyphs mapped to
# U+0000 (social welfare p29), a hyphen PDFium marks at a line end (health environment institute p45)
REAL_PAGES = [
    (REALDOCS / "busan2025_planning_director.pdf", (1, 2, 15)),
    (REALDOCS / "budget_program_briefs" / "「FIS 이슈&포커스」 22-2호 《재정성과관리제도》.pdf", (1, 5, 8)),
    (REALDOCS / "busan2025_culture_sports_bureau.pdf", (45,)),
    (REALDOCS / "busan2025_planning_coordination_office.pdf", (7,)),
    (REALDOCS / "busan2025_social_welfare_bureau.pdf", (29,)),
    (REALDOCS / "busan2025_health_environment_research_institute.pdf", (45,)),
]


def test_the_c_loops_are_built() -> None:
    """gcc, the Python headers and zlib are all the build needs: a missing extension is a broken install."""
    assert reader._LOOPS is not None, "pipeline/readers/_pdfium_loops.c was not built (or is stale): pip install -e ."


def pages_both_ways(path: Path, pages: tuple[int, ...] | None = None) -> list[tuple[str, str]]:
    document = reader.open_document(path.read_bytes())
    try:
        numbers = pages or tuple(range(1, len(document) + 1))
        out = []
        for number in numbers:
            fast = reader.read_page(document, number - 1)
            slow = reader.read_page(document, number - 1, loops=None)
            out.append((repr(fast[1:]), repr(slow[1:])))
        return out
    finally:
        document.close()


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_c_and_ctypes_loops_read_the_same_pages(path: Path) -> None:
    assert reader._LOOPS is not None
    for fast, slow in pages_both_ways(path):
        assert fast == slow


@pytest.mark.parametrize("path,pages", REAL_PAGES, ids=lambda p: getattr(p, "name", ""))
def test_c_and_ctypes_loops_on_real_pages(path: Path, pages: tuple[int, ...]) -> None:
    if not path.is_file():
        pytest.skip("../shared/realdocs is not there")
    assert reader._LOOPS is not None
    both = pages_both_ways(path, pages)
    for fast, slow in both:
        assert fast == slow
    chart = reader.open_document(path.read_bytes())
    try:
        _, chars, edges, _, _ = reader.read_page(chart, pages[-1] - 1)
    finally:
        chart.close()
    if "planning_director" in path.name:
        assert len(edges) > 10_000  # the chart page: the segment loop really ran
    assert chars


def test_images_are_counted_in_the_walk_as_pypdfium2_counts_them() -> None:
    """The image count comes from the object walk (no second page load): the same as pypdfium2's
    `get_objects` three form levels deep (`count_images`): the planning director report's first six
    pages draw 5, 0, 2, 0, 0 and 9 images."""
    path = REAL_PAGES[0][0]
    if not path.is_file():
        pytest.skip("../shared/realdocs is not there")
    document = reader.open_document(path.read_bytes())
    try:
        walked = [reader.read_page(document, index)[4] for index in range(6)]
        slow = [reader.read_page(document, index, loops=None)[4] for index in range(6)]
        listed = [reader.count_images(document, index) for index in range(6)]
    finally:
        document.close()
    assert walked == slow == listed == [5, 0, 2, 0, 0, 9]


def test_c_rounding_is_pythons_round_to_two_places() -> None:
    """`place` rounds boxes in C: the same doubles as `round(x, 2)`, ties (0.125 -> 0.12, 0.375 -> 0.38)
    and negative zero included, on coordinates as pages have them and on values one step off a tie."""
    import math
    import random

    loops = reader._LOOPS
    assert loops is not None
    rng = random.Random(16)
    values = [0.125, 0.375, -0.125, 2.675, 1.005, -0.004, -0.0, 0.0, 214.445, 1e12, -3e9, math.inf]
    values += [k / 200 for k in range(-20_000, 20_000)]
    values += [math.nextafter(k / 200, math.inf) for k in range(-2_000, 2_000)]
    values += [math.nextafter(k / 200, -math.inf) for k in range(-2_000, 2_000)]
    values += [rng.uniform(-1000, 2000) for _ in range(200_000)]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-6, 8) for _ in range(50_000)]
    wrong = [x for x in values if repr(loops.round2(x)) != repr(round(x, 2))]
    assert wrong == []
    assert math.isnan(loops.round2(math.nan))


def test_c_inflated_size_counts_as_zlib_does() -> None:
    """`check_inflation`'s count of each stream in C against Python's zlib: the same size, the same
    unconsumed-tail verdict at the limit, the same refusals (None), on every stream of the bomb, the
    fixtures and a real report full of images; also at small limits, where the tail decides."""
    from pipeline.readers.pdf import MAX_STREAM_BYTES, STREAM, _zlib_inflated_size, inflated_size

    real = REALDOCS / "busan2025_planning_director.pdf"
    files = [*PDFS, FIXTURES / "bad" / "decompression_bomb.pdf", FIXTURES / "bad" / "truncated.pdf"]
    seen = refused = limited = 0
    for path in [*files, *([real] if real.is_file() else [])]:
        data = path.read_bytes()
        for match in STREAM.finditer(data):
            for limit in (MAX_STREAM_BYTES, 1, 4096, 65536, 65537, 300_000):
                found = inflated_size(data, match.end(), limit)
                assert found == _zlib_inflated_size(data, match.end(), limit), (path.name, match.end(), limit)
                seen += 1
                refused += found is None
                limited += found is not None and found[1]
    assert refused and limited and seen > 100
    bomb = (FIXTURES / "bad" / "decompression_bomb.pdf").read_bytes()
    start = next(STREAM.finditer(bomb)).end()
    assert inflated_size(bomb, start, MAX_STREAM_BYTES) == (MAX_STREAM_BYTES, True)


HELPER_PAGES = [
    *[(p, "pdfium", None) for p in PDFS],
    (REALDOCS / "busan2025_planning_director.pdf", "pdfium", (1, 2, 15)),
    (REALDOCS / "busan2025_planning_director.pdf", "pdfplumber", (2, 15)),
    (REALDOCS / "fsc2025_household_loans.pdf", "pdfium", (1, 2)),  # unmapped glyphs: garbage counts
    (REALDOCS / "fsc2025_household_loans.pdf", "pdfplumber", (1,)),  # (cid:N) garbage
    (REALDOCS / "budget_program_briefs" / "「FIS 이슈 & 포커스」 22-3호 《재정융자사업》.pdf", "pdfium", (3,)),
]


@pytest.mark.parametrize("path,engine,pages", HELPER_PAGES, ids=lambda v: getattr(v, "name", str(v)))
def test_c_helpers_of_the_pdf_reader_equal_their_python_twins(
    path: Path, engine: str, pages: tuple[int, ...] | None
) -> None:
    """`page_info`'s counts (`text_counts`), `page_graphics` and `_centred_in` (each word's box and the
    page's quarters) in C and in Python, on characters and shapes from both engines."""
    from pipeline.readers import pdf
    from pipeline.readers.pdfsource import iter_pages

    if not path.is_file():
        pytest.skip("../shared/realdocs is not there")
    loops = pdf._LOOPS
    assert loops is not None
    garbage = boxes = 0
    for page in iter_pages(path, path.read_bytes(), engine, 1000, pages):
        counts = pdf.text_counts(page.chars)
        assert loops.text_counts(page.chars, pdf.REPLACEMENT, pdf.CID_GARBAGE.fullmatch) == counts
        garbage += counts[1]
        fast = pdf.page_graphics(page, page.number)
        try:
            pdf._LOOPS = None
            slow = pdf.page_graphics(page, page.number)
        finally:
            pdf._LOOPS = loops
        assert repr(fast) == repr(slow)
        x0, top, x1, bottom = page.bbox
        mx, my = (x0 + x1) / 2, (top + bottom) / 2
        quarters = [(x0, top, mx, my), (mx, top, x1, my), (x0, my, mx, bottom), (mx, my, x1, bottom)]
        words = [(w[1], w[2], w[3], w[4]) for w in pdf.chars_to_words(page.chars, 0.6)]
        for box in quarters + words:
            assert loops.centred_in(page.chars, *box) == pdf.centred_python(page.chars, box)
            boxes += 1
    assert boxes
    if path.name.startswith("fsc2025"):
        assert garbage > 0


@pytest.mark.parametrize(
    ("path", "pages"),
    [
        (REALDOCS / "busan2025_social_welfare_bureau.pdf", (29, 45)),
        (REALDOCS / "budget_program_briefs" / "「FIS 이슈&포커스」 22-2호 《재정성과관리제도》.pdf", (5,)),
    ],
    ids=["social_welfare", "fis22_2"],
)
def test_c_spaced_equals_its_python_twin(path: Path, pages: tuple[int, ...]) -> None:
    """The blanks both engines share (`pdfsource.spaced`) in C and in Python, on pdfminer's characters
    before any step saw them: space glyphs mapped to U+0000 (social welfare p29) and U+0007 (FIS 22-2),
    runs of blanks printed over (social welfare p45)."""
    import copy

    import pdfplumber

    from pipeline.readers.pdfsource import python_spaced, rounded_chars

    if not path.is_file():
        pytest.skip("../shared/realdocs is not there")
    loops = reader._LOOPS
    assert loops is not None
    changed = 0
    with pdfplumber.open(path) as pdf:
        for number in pages:
            chars = rounded_chars(pdf.pages[number - 1].chars)
            fast, slow = loops.spaced(copy.deepcopy(chars)), python_spaced(copy.deepcopy(chars))
            assert repr(fast) == repr(slow)
            changed += len(chars) - len(fast) + sum(c["text"] < " " for c in chars)
    assert changed > 0
