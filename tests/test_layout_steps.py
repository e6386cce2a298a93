"""Each named layout step on its own, on a few real lines of the samples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.layout import LayoutSettings, build_layout, merge_continued_tables, renumber
from pipeline.layout.context import caption, unit_annotation
from pipeline.layout.sections import _close_ranges, build_sections
from pipeline.layout.sidebyside import split_side_by_side
from pipeline.layout.tabs import find_tab_tables
from pipeline.readers.text import text_words
from pipeline.schemas.document import Cell, Document, Line, Section, Table


def text_document(text: str, pages: list[int] | None = None) -> Document:
    lines = [
        Line(number=i, text=t, words=text_words(t, i), page=pages[i - 1] if pages else None)
        for i, t in enumerate(text.split("\n"), start=1)
    ]
    return Document(doc_id="d", source_path="d.txt", format="text", sha256="0", lines=lines)


def grid_table(rows: list[list[str]], header_rows: int = 1, page: int | None = None) -> Table:
    cells = [
        Cell(row=r, col=c, text=text, line=r + 1, page=page, is_header=r < header_rows)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if text
    ]
    return Table(
        table_id="t",
        source="pdf-ruled",
        first_line=1,
        last_line=len(rows),
        page=page,
        n_rows=len(rows),
        n_cols=len(rows[0]),
        cells=cells,
    )


def test_side_by_side_groups_split_whatever_their_number() -> None:
    """NIKL p34 prints 직급별/정원/현원/과부족 twice; a header repeated nine times gives nine tables."""
    header = ["직급별", "정원", "현원"] * 9
    values = [v for k in range(9) for v in (f"{k + 4}급", str(10 + k), str(9 + k))]
    parts = split_side_by_side(grid_table([header, values]))
    assert len(parts) == 9
    assert len({p.table_id for p in parts}) == 9
    assert [c.text for c in parts[8].cells if not c.is_header] == ["12급", "18", "17"]


def test_side_by_side_keeps_a_table_whose_header_does_not_repeat() -> None:
    table = grid_table([["구분", "정원", "현원", "과부족"], ["계", "53", "51", "△2"]])
    assert split_side_by_side(table) == [table]


def test_a_table_continued_after_a_repeated_header_on_the_next_page_is_one_table() -> None:
    """A budget table broken by a page (running head and page number between), header printed again."""
    first = grid_table([["구분", "예산액"], ["인건비", "410,756"]], page=4)
    second = grid_table([["구분", "예산액"], ["운영비", "148,965"]], page=5)
    second = second.model_copy(
        update={
            "first_line": 5,
            "last_line": 6,
            "cells": [c.model_copy(update={"line": c.line + 4}) for c in second.cells],
        }
    )
    document = text_document("구분 예산액\n인건비 410,756\n- 4 -\n주요업무보고\n구분 예산액\n운영비 148,965")
    merged = merge_continued_tables(renumber([first, second]), document)
    assert len(merged) == 1
    assert [c.text for c in merged[0].cells if not c.is_header] == ["인건비", "410,756", "운영비", "148,965"]
    assert merge_continued_tables(renumber([first, second]), document, max_lines_between=1) != merged


def boxed(table: Table, xs: list[float], first_line: int) -> Table:
    """A grid table with cell boxes on column lines `xs`, its lines starting at `first_line`."""
    cells = [
        c.model_copy(
            update={
                "bbox": (xs[c.col], 10.0 * c.row, xs[c.col + 1], 10.0 * c.row + 9),
                "line": c.line + first_line - 1,
            }
        )
        for c in table.cells
    ]
    return table.model_copy(
        update={"cells": cells, "first_line": first_line, "last_line": first_line + table.n_rows - 1}
    )


def test_a_table_going_on_without_its_header_after_a_page_number_is_one_table() -> None:
    """The rows of the next page sit on the same column lines and only the page number is between."""
    first = boxed(grid_table([["연번", "공모명"], ["15", "동래구 체육센터"]], page=51), [50, 90, 400], 1)
    second = boxed(grid_table([["16", "남구 복합시설"], ["17", "빙상장 장비"]], page=52), [50, 90, 400], 4)
    document = text_document("연번 공모명\n15 동래구 체육센터\n- 47 -\n16 남구 복합시설\n17 빙상장 장비")
    (merged,) = merge_continued_tables(renumber([first, second]), document)
    assert merged.n_rows == 4
    assert [c.text for c in merged.cells if not c.is_header] == [
        "15",
        "동래구 체육센터",
        "16",
        "남구 복합시설",
        "17",
        "빙상장 장비",
    ]


def test_a_captioned_table_or_other_columns_on_the_next_page_is_a_table_of_its_own() -> None:
    first = boxed(grid_table([["연번", "공모명"], ["15", "동래구 체육센터"]], page=51), [50, 90, 400], 1)
    second = boxed(grid_table([["16", "남구 복합시설"], ["17", "빙상장 장비"]], page=52), [50, 90, 400], 4)
    captioned = text_document(
        "연번 공모명\n15 동래구 체육센터\n▣ 2023년 공모사업\n16 남구 복합시설\n17 빙상장 장비"
    )
    assert len(merge_continued_tables(renumber([first, second]), captioned)) == 2
    moved = boxed(grid_table([["16", "남구 복합시설"], ["17", "빙상장 장비"]], page=52), [50, 120, 400], 4)
    document = text_document("연번 공모명\n15 동래구 체육센터\n- 47 -\n16 남구 복합시설\n17 빙상장 장비")
    assert len(merge_continued_tables(renumber([first, moved]), document)) == 2


def test_unit_and_caption_come_from_the_lines_above_the_table() -> None:
    """000 lines 63-71: the heading, the as-of/unit line, then the tab table."""
    text = (
        "□ 2023년도 예산\n\n(2023.9.30. 기준 / 단위 : 천원)\n\n"
        "구 분\t예산액(A)\t\n\t금 액\t%\n민간위탁금 총계\t1,370,315\t100.0%"
    )
    document = text_document(text)
    (table,) = find_tab_tables(document.lines)
    taken = set(range(table.first_line, table.last_line + 1))
    assert unit_annotation(document, table, taken) == "(2023.9.30. 기준 / 단위 : 천원)"
    assert caption(document, table, taken) is None  # no plain title line: the heading names it
    document.sections = build_sections(document.lines, taken, [])
    assert caption(document, table, taken) == "2023년도 예산"


def test_layout_settings_reach_the_table_finders() -> None:
    """A setting passed to build_layout changes what the tab-table step accepts."""
    from pipeline.layout.tabs import TabSettings

    text = "구분\t예산\n인건비\t410,756\n운영비\t148,965"
    assert len(build_layout(text_document(text)).tables) == 1
    strict = LayoutSettings(tab=TabSettings(min_cols=3))
    assert [t.source for t in build_layout(text_document(text), strict).tables] != ["tab"]


def test_a_table_under_its_own_heading_on_the_next_page_is_not_joined_though_its_header_repeats() -> None:
    """moef2025q2 p4-5: 업종별 동향 ends p4; p5 opens with `□ 국가별 동향(상위 5개)` over a table with the same
    header (구분 | 2020년 … | 2025년 1-6월). Two tables."""
    first = grid_table([["구분", "2020년"], ["금융보험업", "191.6"]], page=4)
    second = grid_table([["구분", "2020년"], ["미국", "152.2"]], page=5)
    second = second.model_copy(
        update={
            "first_line": 5,
            "last_line": 6,
            "cells": [c.model_copy(update={"line": c.line + 4}) for c in second.cells],
        }
    )
    document = text_document(
        "구분 2020년\n금융보험업 191.6\n- 4 -\n□ 국가별 동향(상위 5개)\n구분 2020년\n미국 152.2"
    )
    assert len(merge_continued_tables(renumber([first, second]), document)) == 2


def test_a_table_over_three_pages_is_one_table() -> None:
    """The third page goes on from the second: a joined table ends on its last page, not its first."""
    xs = [50.0, 90.0, 400.0]
    pages = [
        boxed(grid_table([["연번", "공모명"], ["15", "동래구 체육센터"]], page=51), xs, 1),
        boxed(grid_table([["16", "남구 복합시설"]], page=52, header_rows=0), xs, 4),
        boxed(grid_table([["17", "빙상장 장비"]], page=53, header_rows=0), xs, 6),
    ]
    document = text_document(
        "연번 공모명\n15 동래구 체육센터\n- 47 -\n16 남구 복합시설\n- 48 -\n17 빙상장 장비"
    )
    (merged,) = merge_continued_tables(renumber(pages), document)
    assert [c.text for c in merged.cells if c.col == 0 and not c.is_header] == ["15", "16", "17"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=6), max_size=40))
def test_a_section_ends_where_the_next_section_of_its_level_or_an_outer_one_starts(levels: list[int]) -> None:
    """`_close_ranges` (one pass over the sections still open) gives each section the range its definition
    gives: up to the line before the first later section of the same or an outer level, else the last line."""
    sections = [
        Section(section_id=f"s{i}", level=level, marker="", title="제목", first_line=2 * i + 1, last_line=0)
        for i, level in enumerate(levels)
    ]
    _close_ranges(sections, 100)
    for i, section in enumerate(sections):
        later = next((t for t in sections[i + 1 :] if t.level <= section.level), None)
        assert section.last_line == (later.first_line - 1 if later else 100)


def test_the_sections_of_an_outline_end_before_the_next_heading_of_their_level() -> None:
    """`Ⅰ.` / `1` / `□` / `2` / `Ⅱ.` on lines 1, 3, 5, 9, 12 of 20."""
    lines = [Line(number=n, text="") for n in range(1, 21)]
    for n, text in (
        (1, "Ⅰ. 일반현황"),
        (3, "1 조직 및 인력"),
        (5, "□ 조직"),
        (9, "2 예산 현황"),
        (12, "Ⅱ. 주요업무"),
    ):
        lines[n - 1].text = text
    sections = build_sections(lines, set(), [])
    assert [(s.marker, s.first_line, s.last_line) for s in sections] == [
        ("Ⅰ.", 1, 11),
        ("1", 3, 8),
        ("□", 5, 8),
        ("2", 9, 11),
        ("Ⅱ.", 12, 20),
    ]


HEADINGS = (
    "Ⅱ. 주요업무",
    "3 조직 현황",
    "① 인력",
    "□ 사업개요",
    "○ 추진실적",
    "- 세부 내용",
    "4",
    "본문 내용",
    "",
)
"""A heading of each level, a lone number (its title on the next line), prose and a blank line."""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(HEADINGS), max_size=30),
    st.sets(st.integers(min_value=1, max_value=30), max_size=5),
    st.sets(st.integers(min_value=1, max_value=30), max_size=3),
)
def test_every_line_belongs_to_the_innermost_section_around_it(
    texts: list[str], in_tables: set[int], projects: set[int]
) -> None:
    """`build_sections` (plain headings while the ranges are worked out, models at the end): each section
    hangs under the last earlier section of an outer level that no section between them closed, and each
    line carries the innermost section whose range holds it (outside every section: none; a lone number
    opens its section at its own line once its title is read, so lines before the title are left out)."""
    lines = [Line(number=i, text=t) for i, t in enumerate(texts, start=1)]
    sections = build_sections(
        lines, in_tables, [(n, f"사업 {n}") for n in sorted(projects) if n <= len(lines)]
    )
    assert [s.section_id for s in sections] == [f"s{i:04d}" for i in range(1, len(sections) + 1)]
    for k, section in enumerate(sections):
        open_outer = [
            s
            for j, s in enumerate(sections[:k])
            if s.level < section.level and all(t.level > s.level for t in sections[j + 1 : k])
        ]
        assert section.parent_id == (open_outer[-1].section_id if open_outer else None)
    if "4" not in texts:
        for line in lines:
            holding = [s for s in sections if s.first_line <= line.number <= s.last_line]
            assert line.section_id == (holding[-1].section_id if holding else None), line


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0١5①⑳❶❿가. \n", max_size=6))
def test_no_line_longer_than_the_screen_is_a_lone_heading_number(text: str) -> None:
    """`build_sections` tries `LONE_MARKER` only on a stripped line of at most `LONE_MARKER_CHARS`
    characters: no longer stripped line matches it."""
    from pipeline.layout.sections import LONE_MARKER, LONE_MARKER_CHARS

    stripped = text.strip()
    if len(stripped) > LONE_MARKER_CHARS:
        assert LONE_MARKER.match(stripped) is None, stripped
