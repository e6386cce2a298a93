"""Our faster equivalents of pdfplumber steps against pdfplumber itself, the oracle they replace.

- word grouping of PDF characters (`pdf.chars_to_words`, the C loops' `words`, and its Python twin
  `chars_to_python_words`) against `WordExtractor`: the same words, in the same order, with the same
  boxes and sizes, on every page of the PDF fixtures and on real pages (Korean reports, fake bold,
  Hancom's U+0007 word spaces, rotated chart labels, text turned by 90 degrees), characters from both
  engines;
- joining collinear edges (`grid.join_edges`, the C loops' `join_edges`, and its Python twin
  `join_python_edges`) against `merge_edges` without snapping: the same edge dicts in the same order, on
  the same pages, with both tolerances the grid steps use;
- cells from ruling-line crossings (`grid.crossings_to_cells`) against `intersections_to_cells`, on the
  same pages' ruling edges.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils import dedupe_chars
from pdfplumber.utils.text import WordExtractor

from pipeline.readers.grid import crossings_to_cells, join_edges, join_python_edges, ruling_edges
from pipeline.readers.pdf import (
    _LOOPS,
    chars_to_python_words,
    chars_to_words,
    has_overprint,
    has_python_overprint,
)
from pipeline.readers.pdfsource import iter_pages
from pipeline.readers.settings import GridSettings, PdfSettings
from tests.conftest import FIXTURES, RAW

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
RATIO = PdfSettings().x_tolerance_ratio
CASES = [
    *[(p, "pdfium", None) for p in sorted((FIXTURES / "pdf").glob("*.pdf")) + sorted(RAW.glob("*.pdf"))],
    (REALDOCS / "busan2025_planning_director.pdf", "pdfium", None),
    (REALDOCS / "busan2025_citizen_health_bureau.pdf", "pdfium", (33, 42, 44)),
    (REALDOCS / "budget_program_briefs" / "「FIS 이슈&포커스」 22-2호 《재정성과관리제도》.pdf", "pdfium", None),
    (REALDOCS / "budget_program_briefs" / "「FIS 이슈&포커스」 22-2호 《재정성과관리제도》.pdf", "pdfplumber", (5, 8)),
    (REALDOCS / "budget_program_briefs" / "「FIS 이슈 & 포커스」 22-3호 《재정융자사업》.pdf", "pdfium", (3,)),
    (REALDOCS / "budget_program_briefs" / "「FIS 이슈 & 포커스」 22-3호 《재정융자사업》.pdf", "pdfplumber", (3,)),
    (REALDOCS / "busan2025_social_welfare_bureau.pdf", "pdfplumber", (4, 5, 13)),
]


def oracle(chars: list[dict]) -> list[tuple]:
    words = WordExtractor(x_tolerance_ratio=RATIO, keep_blank_chars=False, extra_attrs=["size"]).extract_words(chars)
    return [(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], w["size"]) for w in words]


@pytest.mark.parametrize("path,engine,pages", CASES, ids=lambda v: getattr(v, "name", str(v)))
def test_words_and_joined_edges_are_pdfplumbers(path: Path, engine: str, pages: tuple[int, ...] | None) -> None:
    if not path.is_file():
        pytest.skip("../shared/realdocs is not there")
    compared = rotated = joined = cells = overprinted = 0
    grid = GridSettings()
    for page in iter_pages(path, path.read_bytes(), engine, 1000, pages):
        overprint = has_overprint(page.chars)
        assert overprint == has_python_overprint(page.chars)
        overprinted += overprint
        chars = dedupe_chars(page.chars) if overprint else page.chars
        expected = repr(oracle(chars))
        assert repr(chars_to_words(chars, RATIO)) == expected, f"page {page.number}"
        assert repr(chars_to_python_words(chars, RATIO)) == expected, f"page {page.number}"
        assert _LOOPS is not None and _LOOPS.words(chars, RATIO, 3, {}) is not None  # the C loop ran
        for tolerance in (1.0, 3.0):
            ours = join_edges(page.edges, tolerance, tolerance)
            expected = repr(merge_edges(page.edges, 0, 0, tolerance, tolerance))
            assert repr(ours) == expected, f"page {page.number}"
            assert repr(join_python_edges(page.edges, tolerance, tolerance)) == expected, f"page {page.number}"
            assert _LOOPS.join_edges(page.edges, tolerance, tolerance) is not None  # the C loop ran
            joined += len(page.edges) - len(ours)
        tol = grid.intersection_tolerance
        crossings = edges_to_intersections(ruling_edges(page.edges, grid), tol, tol)
        found = crossings_to_cells(crossings)
        assert repr(found) == repr(intersections_to_cells(crossings)), f"page {page.number}"
        cells += len(found)
        compared += len(chars)
        rotated += sum(1 for c in chars if not c["upright"])
    assert compared > 0
    if path.name == "busan2025_planning_director.pdf":
        assert joined > 1000  # its gradient bars and charts: many collinear pieces joined
        assert cells > 200  # the cells of its ruled tables (274 on the day this was written)
    if path.name.startswith("「FIS 이슈&포커스」 22-2호"):
        # no fake bold: what repeated in place were blanks (runs of U+0007), one each after `spaced`
        assert overprinted == 0
    if path.name == "busan2025_social_welfare_bureau.pdf":
        assert overprinted == 1  # p13 prints its heading twice (fake bold): the dedupe path
    if pages == (3,):
        assert rotated > 100  # 22-3 p3 prints 148 characters turned by 90 degrees: the top-to-bottom branch


def test_words_of_a_line_with_a_wide_gap_and_a_space() -> None:
    """Two words split by a gap wider than 0.6 x the size, two by a space character; ligatures expanded."""

    def char(text: str, x0: float, top: float = 10.0) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 5, "top": top, "doctop": top, "bottom": top + 10, "size": 10.0, "upright": True}

    chars = [char("a", 0), char("b", 5), char("c", 20), char(" ", 25), char("ﬁ", 30), char("d", 35, top=11)]
    words = chars_to_words(chars, 0.6)
    assert words == oracle(chars) == chars_to_python_words(chars, 0.6)
    assert [w[0] for w in words] == ["ab", "c", "fid"]
    assert words[2][1:5] == (30, 10.0, 40, 21.0)


def test_words_of_odd_characters_in_c_and_python() -> None:
    """Empty texts (a word of their own), whitespace of several kinds, int positions, equal sizes as int
    and float (one run), top-to-bottom text, ties in position (the characters' order decides): the C
    loop gives the Python loop's tuples; a NaN position or a missing key leaves the page to Python."""

    def char(text: str, x0: float, top: float, size: float = 10.0, upright: bool = True) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 5, "top": top, "doctop": top, "bottom": top + 10, "size": size, "upright": upright}

    chars = [
        char("a", 0, 10), char("", 5, 10), char("b", 5, 10), char("\u3000", 10, 10), char("c", 12, 10.5),
        char("d", 12, 10.5), char("e", 3, 40, size=10), char("f", 9, 41), char("g", 100, 100, upright=False),
        char("h", 100, 108, upright=False), char("i", 104, 130, upright=False), char("ﬂ", 0, 200, size=8.5),
        char("j", -0.0, 200, size=8.5), char("k", 0.0, 200.0, size=8.5), char("\t", 5, 200, size=8.5),
    ]
    assert _LOOPS is not None
    words = _LOOPS.words(chars, RATIO, 3, {"ﬂ": "fl"})
    assert words is not None
    assert repr(words) == repr(chars_to_python_words(chars, RATIO)) == repr(oracle(chars))
    assert [w[0] for w in words][:4] == ["a", "", "b", "cd"]
    for bad in ({**chars[0], "x0": float("nan")}, {k: v for k, v in chars[0].items() if k != "size"}):
        assert _LOOPS.words([bad, *chars[1:]], RATIO, 3, {}) is None


def test_overprint_in_c_and_python() -> None:
    """The same verdict on ties of round() (2.5 and 3.5 are 2 and 4), -0.0 against 0, ints against
    floats; the same error on a NaN position."""
    assert _LOOPS is not None

    def char(text: str, x0: float, top: float) -> dict:
        return {"text": text, "x0": x0, "top": top}

    cases = [
        [char("a", 2.5, 1.0), char("a", 2.0, 1.4)],
        [char("a", 2.5, 1.0), char("a", 3.5, 1.0)],
        [char("a", -0.4, 0), char("a", 0.3, -0.0)],
        [char("a", 1, 1), char("b", 1, 1)],
        [char("a", 1, 1), char("a", 1.2, 0.9)],
    ]
    assert [has_overprint(c) for c in cases] == [has_python_overprint(c) for c in cases] == [True, False, True, False, True]
    with pytest.raises(ValueError):
        has_python_overprint([char("a", float("nan"), 1.0)])
    with pytest.raises(ValueError):
        has_overprint([char("a", float("nan"), 1.0)])


def test_joined_edges_of_pdfplumbers_own_shape() -> None:
    """pdfplumber's raw edges carry `y0` (moved as the bottom grows) and may chain many dashes: the C
    loop gives merge_edges' dicts; an int position or a NaN leaves the edges to Python."""
    def v(x: float, top: float, bottom: float) -> dict:
        return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                "orientation": "v", "y0": 800.0 - bottom, "y1": 800.0 - top}

    def h(y: float, x0: float, x1: float) -> dict:
        return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "orientation": "h"}

    edges = [v(10.0, 0.5 * k, 0.5 * k + 0.4) for k in range(40)] + [v(10.0, 30.0, 31.0), v(12.0, 5.0, 1.0 + 5)]
    edges += [h(3.0, 1.5 * k, 1.5 * k + 1.0) for k in range(30, 0, -1)] + [h(3.0, 100.0, 120.0), h(2.0, 0.0, 9.0)]
    for tolerance in (0.1, 1.0, 3.0):
        expected = repr(merge_edges(edges, 0, 0, tolerance, tolerance))
        assert repr(_LOOPS.join_edges(edges, tolerance, tolerance)) == expected
        assert repr(join_python_edges(edges, tolerance, tolerance)) == expected
    for odd in ({**edges[0], "x0": 10}, {**edges[0], "top": float("nan")}):
        assert _LOOPS.join_edges([odd, *edges[1:]], 1.0, 1.0) is None
