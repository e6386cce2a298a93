"""Real HWP/HWPX documents (../shared/realdocs, read in place): tables cell by cell, facts, bad input made from
a real file, and format parity with the PDF of the same document.

Parity (pipeline.outputs.parity): the share of numeric cells (money and counts with row and column labels)
of one version found in the other. The floors below are the figures measured; where they are under 95% the
PDF path misreads the table, shown by the evidence tests at the end.

Pages: an HWP file saves the layout 한글 last gave it (each line's place on its page), from which the reader
numbers the pages (pipeline/readers/hwp_pages.py); where the PDF was printed from the same layout, every cell
is on the PDF's page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.ingest import parse_all, parse_file
from pipeline.outputs.parity import NUMERIC_KINDS, label_key, parity
from pipeline.readers import read_document
from pipeline.schemas.document import Table
from pipeline.schemas.records import ParsedDocument
from tests.conftest import REALDOCS

pytestmark = pytest.mark.skipif(
    not REALDOCS.is_dir(), reason=f"{REALDOCS} is absent: the real documents are not part of the repository"
)

PAIRS = {
    # (hwp version, pdf version): (floor of hwp cells found in the pdf, floor of pdf cells found in the hwp)
    ("fiscal_statistics_2010_11.hwp", "fiscal_statistics_2010_11.pdf"): (1.0, 1.0),
    ("moel2025_work_report.hwp", "moel2025_work_report.pdf"): (0.99, 0.99),
    ("moel2025_work_report.hwpx", "moel2025_work_report.pdf"): (0.99, 0.99),
    ("nikl2022_work_plan.hwp", "nikl2022_work_plan.pdf"): (0.99, 0.99),
    ("moef2025q2_overseas_investment.hwpx", "moef2025q2_overseas_investment.pdf"): (0.99, 0.99),
    ("regulatory_analysis_76076.hwpx", "regulatory_analysis_76076.pdf"): (0.95, 0.97),
}
FILES = sorted({name for pair in PAIRS for name in pair} | {"fsc2025_household_loans.hwp"})


@pytest.fixture(scope="module")
def parsed() -> dict[str, ParsedDocument]:
    """Every file the module needs, parsed once (two worker processes)."""
    work = [(REALDOCS / name, None, name) for name in FILES]
    results = {r.doc_id: r for r in parse_all(work, 2)}
    failed = {name: r.error for name, r in results.items() if r.parsed is None}
    assert not failed, failed
    return {name: r.parsed for name, r in results.items() if r.parsed is not None}


@pytest.mark.parametrize("pair", list(PAIRS), ids=[hwp for hwp, _ in PAIRS])
def test_format_parity(parsed: dict[str, ParsedDocument], pair: tuple[str, str]) -> None:
    hwp, pdf = pair
    result = parity(parsed[hwp].cells, parsed[pdf].cells)
    hwp_floor, pdf_floor = PAIRS[pair]
    assert len(result.left) >= 40 and len(result.right) >= 40, (len(result.left), len(result.right))
    assert result.left_found >= hwp_floor, (result.left_found, result.left_missing[:10])
    assert result.right_found >= pdf_floor, (result.right_found, result.right_missing[:10])


def grid_rows(table: Table) -> list[list[str]]:
    return [row for row in table.grid() if any(row)]


def cell(parsed: ParsedDocument, table_id: str, row: str, col: str) -> tuple[str, int | None]:
    """(raw text, won) of the one cell with these labels (spaces ignored) in a table."""
    found = [
        (c.raw_text, c.amount_krw)
        for c in parsed.cells
        if c.table_id == table_id
        and not c.is_header
        and (c.row_label or "").replace(" ", "") == row
        and (c.col_label or "").replace(" ", "") == col
    ]
    assert len(found) == 1, (table_id, row, col, found)
    return found[0]


def table_with(parsed: ParsedDocument, text: str) -> str:
    """The id of the first table with a cell printed exactly so."""
    return next(c.table_id for c in parsed.cells if c.raw_text == text)


def test_nikl_headcount_table_cell_by_cell_with_facts(parsed: dict[str, ParsedDocument]) -> None:
    """PDF p34: 정ㆍ현원 as two side-by-side column groups (직급별/정원/현원/과부족 ×2), △ negatives."""
    doc = parsed["nikl2022_work_plan.hwp"]
    left = table_with(doc, "고위공무원(일반·학예 가)")
    rows = {
        (c.row_label, c.col_label): c.raw_text for c in doc.cells if c.table_id == left and not c.is_header
    }
    assert rows[("행정서기", "과부족")] == "△4"
    assert rows[("전산주사", "정원")] == "1" and rows[("전산주사", "과부족")] == "△1"
    assert rows[("공업주사", "현원")] == "1" and rows[("공업주사", "정원")] == "-"
    right = table_with(doc, "학예연구사")
    assert cell(doc, right, "학예연구관", "정원") == ("7", None)
    assert cell(doc, right, "학예연구관", "현원") == ("6", None)
    assert cell(doc, right, "총계", "과부족")[0] == "△2"
    staff = {(h.category, h.authorized, h.current) for h in doc.headcounts}
    assert {("학예연구사", 16, 16), ("행정주사보", 2, 4), ("행정서기", 4, 0), ("합계", 53, 51)} <= staff


def test_nikl_revenue_and_expenditure_tables_cell_by_cell(parsed: dict[str, ParsedDocument]) -> None:
    """PDF p35: 세입/세출예산 (단위: 백만원), 2021(A)/2022(B)/증감(B-A)/%, the unit row not a data row."""
    doc = parsed["nikl2022_work_plan.hwp"]
    revenue = table_with(doc, "토지대여료")
    table = next(t for t in doc.tables if t.table_id == revenue)
    assert (table.caption, table.unit, table.n_rows, table.header_rows) == ("세입예산", "백만원", 6, 2)
    assert cell(doc, revenue, "계", "2021년(A)") == ("1,125", 1_125_000_000)
    assert cell(doc, revenue, "토지대여료", "2022년(B)") == ("97", 97_000_000)
    assert cell(doc, revenue, "건물대여료", "증감(B-A)") == ("0", 0)
    spending = table_with(doc, "24,887")
    assert cell(doc, spending, "합계", "2022년(B)") == ("24,887", 24_887_000_000)
    # `- 한국어교육 선진화` is an item of `□ 국어진흥연구 및 사용환경 개선`: its row is named by that path
    assert cell(doc, spending, "□국어진흥연구및사용환경개선>-한국어교육선진화", "증감(B-A)") == ("△303", -303_000_000)
    assert cell(doc, spending, "□기본경비(총액인건비)", "2021년(A)") == ("232", 232_000_000)
    facts = {(f.table_id, f.subject, f.fiscal_year, f.amount_krw) for f in doc.budget_facts}
    assert (spending, "합계", 2022, 24_887_000_000) in facts
    assert (revenue, "계", 2021, 1_125_000_000) in facts


@pytest.mark.parametrize("name", ["moel2025_work_report.hwp", "moel2025_work_report.hwpx"])
def test_moel_budget_in_eok_from_the_unit_line_or_caption(
    parsed: dict[str, ParsedDocument], name: str
) -> None:
    """`(단위 : 억원, %)` is a paragraph above the table in the .hwp and the table's caption in the .hwpx."""
    doc = parsed[name]
    budget = table_with(doc, "353,452")
    assert cell(doc, budget, "총지출(a+b)", "2026년예산(B)") == ("376,761", 37_676_100_000_000)
    assert cell(doc, budget, "⋅근로복지", "증감(B-A)")[0] == "△9"
    staff = table_with(doc, "8,491")
    assert cell(doc, staff, "합계>정원", "계") == ("8,491", None)  # 합계 is one cell over two stub columns
    # 소속기관 is a group beside 합계 (boxed one column in under it), not a part of it
    assert cell(doc, staff, "소속기관>현원", "6급이하") == ("7,203", None)


def test_hwpx_named_file_that_is_hwp5_is_read_as_hwp(parsed: dict[str, ParsedDocument]) -> None:
    doc = parsed["regulatory_analysis_76076.hwpx"]
    assert doc.document.format == "hwp"
    cost = next(c for c in doc.cells if c.raw_text == "28,434,450")
    assert (cost.row_label, cost.col_idx) == ("비용", 1)
    assert any(c.raw_text == "산업안전보건기준에 관한 규칙 제87조" for c in doc.cells)


def test_hwp_of_a_pdf_without_hangul_loads(parsed: dict[str, ParsedDocument]) -> None:
    """fsc2025's PDF has no Hangul in its text layer; its .hwp has the text and the tables, the unit
    `(단위 : 조원)` printed in the header's corner cell."""
    doc = parsed["fsc2025_household_loans.hwp"]
    assert doc.document.status == "ok" and doc.document.n_tables == 3
    assert any("가계대출 동향" in line.text for line in doc.lines)
    loans = table_with(doc, "+4.1")
    assert cell(doc, loans, "기타대출", "7월p") == ("△1.9", -1_900_000_000_000)
    assert cell(doc, loans, "기타대출", "’25.1월") == ("△4.1", -4_100_000_000_000)


# -- bad input made from a real HWP file -----------------------------------------------------------------


def flagged_copy(tmp_path: Path, name: str, bit: int) -> Path:
    """A copy of the NIKL .hwp with one FileHeader property bit set (same stream size, rewritten in place)."""
    import olefile

    path = tmp_path / name
    shutil.copyfile(REALDOCS / "nikl2022_work_plan.hwp", path)
    path.chmod(0o644)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        header = bytearray(ole.openstream("FileHeader").read())
        header[36] |= bit
        ole.write_stream("FileHeader", bytes(header))
    return path


def test_distribution_locked_hwp_fails_with_that_reason(tmp_path: Path) -> None:
    result = parse_file(flagged_copy(tmp_path, "locked.hwp", 1 << 2))
    assert result.parsed is None and (result.error or "").startswith("distribution-locked (배포용) HWP")


def test_password_protected_hwp_fails_with_that_reason(tmp_path: Path) -> None:
    result = parse_file(flagged_copy(tmp_path, "secret.hwp", 1 << 1))
    assert result.parsed is None and (result.error or "").startswith("password-protected")


def test_truncated_hwp_fails(tmp_path: Path) -> None:
    data = (REALDOCS / "nikl2022_work_plan.hwp").read_bytes()
    path = tmp_path / "cut.hwp"
    path.write_bytes(data[: len(data) // 3])
    result = parse_file(path)
    assert result.parsed is None and (result.error or "").startswith("truncated or corrupt HWP file")


# -- evidence for the pairs under 95%: the PDF path misreads these tables ----------------------------------


def test_nikl_pdf_reads_contents_year_heads_and_word_counts_as_printed(parsed: dict[str, ParsedDocument]) -> None:
    """Four misreads of the NIKL PDF (13 cells the .hwp has not), fixed by general rules: the table of
    contents (p2, dot leaders ending in page numbers 1, 4, 6, 9, 13) is no table; the years `23 | 24 | 25 |
    26 | 27` right under the spanning `연도별 계획` of p25 are column heads, not counts; `20.3억어절` (PDF) and
    `20.3억 어절` (.hwp) are both 2.03 billion words counted (value 20.3 in 억어절), never money; the p7 text
    box `말뭉치 구축량 국어문화학교 교육인원 …` over `누적 21억 어절(‘21) 42,360명(‘21) 4,676건(‘21)` is no table,
    so `21억`/`22억` are no money."""
    hwp, pdf = parsed["nikl2022_work_plan.hwp"], parsed["nikl2022_work_plan.pdf"]
    assert not [c for c in pdf.cells if c.page == 2]
    years = {c.raw_text: c for c in pdf.cells if c.page == 25 and c.raw_text in {"23", "24", "25", "26", "27"}}
    assert len(years) == 5 and all(c.is_header and c.value_kind == "text" for c in years.values())
    assert years["25"].col_label == "연도별 계획 25"
    for doc, raw in ((pdf, "20.3억어절"), (hwp, "20.3억 어절")):
        (cell,) = [c for c in doc.cells if c.raw_text == raw]
        assert (cell.value_kind, cell.value, cell.unit, cell.amount_krw) == ("count", 20.3, "억어절", None)
        assert (cell.row_label or "").startswith("원시 말뭉치") and cell.col_label == "누적"
    assert not [c for c in pdf.cells if c.page == 7 and c.value_kind == "krw"]
    assert not [f for f in pdf.budget_facts if f.page == 7]
    result = parity(hwp.cells, pdf.cells)
    assert not result.right_missing and not result.left_missing


def test_regulatory_pdf_keeps_two_stacked_tables_apart(parsed: dict[str, ParsedDocument]) -> None:
    """p13 (printed - 13 -): the 분석기준년도 | 규제시행년도 | … | 단위 table (2023 | 2024 | 10 | 4.5 | 백만원,
    현재가치) sits 2.8 pt above the cost table (영향집단 | 비용 | 편익 | 순비용; 피규제 기업·소상공인 직접
    28.43 under 비용 and 순비용). The PDF keeps them apart as the HWP does: the cost cells are labelled
    `비용` / `순비용`, never `규제시행년도`."""
    pdf, hwp = parsed["regulatory_analysis_76076.pdf"], parsed["regulatory_analysis_76076.hwpx"]
    on_p13 = [c for c in pdf.cells if c.page == 13 and not c.is_header]
    costs = [c for c in on_p13 if c.raw_text == "28.43"]
    assert costs and all((c.col_label or "").endswith("비용") for c in costs), costs
    year = next(c for c in on_p13 if c.raw_text == "2024")
    assert year.col_label == "규제시행년도"
    assert year.table_id != costs[0].table_id
    assert any(c.raw_text == "28.43" and (c.col_label or "").endswith("비용") for c in hwp.cells)


def test_regulatory_form_cells_are_labelled_by_the_label_row_above_them_in_both_formats(
    parsed: dict[str, ParsedDocument],
) -> None:
    """The 규제 개요 form prints `적용여부 | 비용 | 편익 | 연간균등순비용` inside its grid over `미적용 | 28.43 | 0 |
    3.59`. In both formats that row labels the numbers under it, not the form's first rows (which differ:
    the PDF's part of the form on the next page starts with other rows)."""
    pdf, hwp = parsed["regulatory_analysis_76076.pdf"], parsed["regulatory_analysis_76076.hwpx"]
    for doc in (hwp, pdf):
        form = {
            (c.raw_text, c.col_label)
            for c in doc.cells
            if "14.비용감축제" in (c.row_label or "") and c.value_kind in ("krw", "count")
        }
        assert {("28.43", "비용"), ("0", "편익"), ("3.59", "연간균등순비용"), ("1,638.89", "비용")} <= form
        assert {label for _, label in form} == {"비용", "편익", "연간균등순비용"}, form


def test_regulatory_cells_missing_on_one_side_are_pdf_misreads(parsed: dict[str, ParsedDocument]) -> None:
    """HWP-only: 166.66/21.06 of the p45 cost table (규제대안1 : 현행 유지), whose last two rows the PDF cuts off
    at the page break into a table without header (so without column labels). PDF-only: `13개`, `5년마다`
    of prose read as a table."""
    result = parity(
        parsed["regulatory_analysis_76076.hwpx"].cells, parsed["regulatory_analysis_76076.pdf"].cells
    )
    assert {c.raw for c in result.left_missing} <= {"166.66", "21.06"}
    assert {c.raw for c in result.right_missing} <= {"13개", "5년마다"}


# -- pages from the layout saved in the file ---------------------------------------------------------------


def numeric_pages(doc: ParsedDocument) -> list[tuple[str, str, float, int | None]]:
    """(row label, column label, value, page) of every numeric cell with both labels, as parity compares them."""
    found = []
    for c in doc.cells:
        value = c.amount_krw if c.value_kind == "krw" else c.value
        row, col = label_key(c.row_label, innermost=True), label_key(c.col_label)
        if not c.is_header and c.value_kind in NUMERIC_KINDS and value is not None and row and col:
            found.append((row, col, float(value), c.page))
    return found


def pages_against_pdf(hwp: ParsedDocument, pdf: ParsedDocument) -> list[tuple[int | None, int | None]]:
    """(HWP page, PDF page) of each HWP numeric cell found in the PDF (same value and labels, in order)."""
    pool: dict[float, list[tuple[str, str, float, int | None]]] = {}
    for item in numeric_pages(pdf):
        pool.setdefault(item[2], []).append(item)
    pairs = []
    for row, col, value, page in numeric_pages(hwp):
        others = pool.get(value, [])
        at = next(
            (
                i
                for i, o in enumerate(others)
                if (row in o[0] or o[0] in row) and (col in o[1] or o[1] in col)
            ),
            None,
        )
        if at is not None:
            pairs.append((page, others.pop(at)[3]))
    return pairs


@pytest.mark.parametrize(
    "hwp",
    ["moef2025q2_overseas_investment.hwpx", "moel2025_work_report.hwp", "moel2025_work_report.hwpx",
     "fiscal_statistics_2010_11.hwp"],
)  # fmt: skip
def test_pages_of_the_saved_layout_are_the_pdfs(parsed: dict[str, ParsedDocument], hwp: str) -> None:
    doc, pdf = parsed[hwp], parsed[hwp.rsplit(".", 1)[0] + ".pdf"]
    assert doc.document.n_pages == pdf.document.n_pages
    pairs = pages_against_pdf(doc, pdf)
    assert len(pairs) >= 45 and all(mine == theirs for mine, theirs in pairs), pairs
    assert all(line.page is not None for line in doc.lines)


def test_moef_cells_on_their_printed_pages(parsed: dict[str, ParsedDocument]) -> None:
    """As printed: 금융 보험업 64.6 (2023년 2분기) on p3, 북미 103.5 (2023년 1분기) on p4, 미국 152.2 (2020년) on
    p5, 전체 131.0 (2023년 2분기) on p6, 북미 91.6 on p7, 미국 234.5 (2021년) on p8."""
    doc = parsed["moef2025q2_overseas_investment.hwpx"]
    printed = {"64.6": 3, "103.5": 4, "152.2": 5, "131.0": 6, "91.6": 7, "234.5": 8}
    assert {c.raw_text: c.page for c in doc.cells if c.raw_text in printed} == printed


def test_moef_units_listed_in_the_caption_bracket(parsed: dict[str, ParsedDocument]) -> None:
    """p1 `< 분기별 해외직접투자액 추이(억 달러, 전년동기 대비, %) >` prints no `단위`: the 총투자 row is in 억달러
    (182.6 in 2023년 1분기) and the 증감률 row in % ((△35.4)), not counts."""
    doc = parsed["moef2025q2_overseas_investment.hwpx"]
    cells = {(c.row_label, c.raw_text): c for c in doc.cells if c.page == 1 and c.col_label == "2023년 1분기"}
    total, change = cells[("총투자", "182.6")], cells[("증감률", "(△35.4)")]
    assert (total.value, total.unit, total.value_kind) == (182.6, "억달러", "count")
    assert (change.value, change.unit, change.value_kind) == (-35.4, "%", "pct")


def test_nikl_pages_follow_the_saved_layout_one_page_short_of_the_pdf(
    parsed: dict[str, ParsedDocument],
) -> None:
    """The NIKL .hwp saved 34 pages where the PDF prints 35: the 붙임 과제별 추진일정 table fits one page in the
    saved layout and runs over two in the PDF. Cells before it are on the PDF's pages, those after one page
    earlier (정ㆍ현원 on p33, the PDF's p34)."""
    doc, pdf = parsed["nikl2022_work_plan.hwp"], parsed["nikl2022_work_plan.pdf"]
    assert (doc.document.n_pages, pdf.document.n_pages) == (34, 35)
    pairs = pages_against_pdf(doc, pdf)
    assert all(mine == theirs for mine, theirs in pairs if theirs is not None and theirs <= 31), pairs
    assert all(mine == theirs - 1 for mine, theirs in pairs if theirs is not None and theirs > 32), pairs
    headcount = table_with(doc, "고위공무원(일반·학예 가)")
    assert {c.page for c in doc.cells if c.table_id == headcount} == {33}


def test_nikl_chart_drawn_as_a_table_gives_the_pdfs_units_and_staff(parsed: dict[str, ParsedDocument]) -> None:
    """조직 및 정원 (PDF p34, the HWP's p33): the chart is a grid of cells `원 장 (53)`, `기획연수부 (25)`,
    `기 획 운 영 과 (11)` …, its 과 letter-spaced; the 정·현원 table below it ends `총계 53 51`, so the counts
    are 정원. The HWP gives the units (names joined, on the table's page) and headcounts the PDF gives."""
    doc, pdf = parsed["nikl2022_work_plan.hwp"], parsed["nikl2022_work_plan.pdf"]
    units = {u.unit_id.split("/", 1)[1]: (u.name, u.staff_count, u.page) for u in doc.org_units}
    assert units["원장>기획연수부>기획운영과"] == ("기획운영과", 11, 33)
    assert units["원장>어문연구실>특수언어진흥과"] == ("특수언어진흥과", 5, 33)
    assert units["원장"] == ("원장", 53, 33)
    staff = {(h.org_unit, h.authorized, h.current) for h in doc.headcounts if h.table_id is None}
    assert ("기획연수부", 25, None) in staff and ("한국어진흥과", 6, None) in staff and len(staff) == 9
    assert staff == {(h.org_unit, h.authorized, h.current) for h in pdf.headcounts if h.table_id is None}


def test_hometown_form_pages_with_a_floating_table_moved_to_the_next_page() -> None:
    """The form's summary table floats at the foot of p1 (69,341 of a 70,012-unit page body, anchored at
    68,590), so 한글 moves it to p2 and the text after it to p3; the PDF prints it on p2, and the headings
    after it on these pages. The 152-row 답례품 table after p24 is saved one page tall and prints on four,
    so from there the saved pages run three short of the PDF's (27 of 30)."""
    doc = read_document(REALDOCS / "hometown_donation_report_form.hwpx")
    printed = {
        "<2025년 기부·답례품 실적 분석보고서 요약>": 2,
        "(3) 요일별 기부 건수 및 기부 금액": 5,
        "(7) 다수 기부자 현황": 10,
        "(15) 월별 기부 취소 건수": 17,
        "(1) 2025년 총 포인트 발생 및 사용 현황": 29 - 3,
    }
    assert {line.text.strip(): line.page for line in doc.lines if line.text.strip() in printed} == printed
    assert doc.pages == 27


def test_a_file_that_saved_no_layout_has_no_pages(parsed: dict[str, ParsedDocument]) -> None:
    """regulatory_analysis_76076 (an HWP 5 written by a program, not by 한글) saves no line positions: its
    pages are unknown, not guessed from its 66 page breaks (the PDF has 82 pages)."""
    doc = parsed["regulatory_analysis_76076.hwpx"]
    assert doc.document.n_pages is None
    assert all(line.page is None for line in doc.lines) and all(c.page is None for c in doc.cells)


def test_fiscal_footnotes_are_marks_on_the_row_labels_as_in_the_pdf(parsed: dict[str, ParsedDocument]) -> None:
    """통합재정통계 2010.11: the row labels 경상수입, 자본수입, 경상지출, 자본지출, 순융자 carry raised marks 1)-5)
    whose notes the page prints under the table (`1) 경상수입 ․조세수입 : 사회보장기여금 포함 …`). The HWP
    holds them as 한글 footnotes, which the library pastes into the label cell as more text; read, they are
    the mark after the label and a note line under the table, so every cell has the PDF's row, column,
    value and footnote (경상수입 | 일반 회계 167,642 십억원, footnote 1); 순융자 | 합계 3,539, footnote 5))."""
    hwp, pdf = parsed["fiscal_statistics_2010_11.hwp"], parsed["fiscal_statistics_2010_11.pdf"]

    def cells(doc: ParsedDocument) -> set[tuple[str | None, str | None, int | None, str | None]]:
        return {(c.row_label, c.col_label, c.amount_krw, c.footnote) for c in doc.cells if c.amount_krw is not None}

    assert cells(hwp) == cells(pdf)
    assert len(cells(hwp)) == 48
    assert ("수입 (A) > 경상수입", "일반 회계", 167_642_000_000_000, "1)") in cells(hwp)
    assert ("지출 및 순융자 (B) > 순융자", "합계", 3_539_000_000_000, "5)") in cells(hwp)
    notes = [line.text for line in hwp.lines if line.text[:2] in {"1)", "2)", "3)", "4)", "5)"}]
    assert notes[0].startswith("1) 경상수입 ․조세수입 : 사회보장기여금 포함 ․세외수입 : 임대료, 이자수입")
    assert notes[4] == "5) 순 융 자 : 융자지출 - 융자회수"


def test_a_box_of_prose_nested_in_a_form_cell_is_prose_not_a_header(parsed: dict[str, ParsedDocument]) -> None:
    """regulatory_analysis_76076 p81 (직접비용 form, `근거설명` row): the explanation is a one-cell table inside
    the cell, `<산식 설명> 구내운반차 추정 댓수(약 5,000대) * 안전조치 비용(약 2만원) = 100,000,000원 …
    좌석안전띠와 경광등의 비용은 대략 각 1만원에 해당`. A table of one cell heads nothing: its text is a body
    cell, and its money is read as the PDF's (2만원, 100,000,000원, 1만원)."""
    doc = parsed["regulatory_analysis_76076.hwpx"]
    box = next(c for c in doc.cells if c.raw_text.startswith("<산식 설명> 구내운반차 추정 댓수"))
    assert not box.is_header
    found = {(m.raw_text, m.amount_krw) for m in doc.amount_mentions if m.line == box.line}
    assert {("2만원", 20_000), ("100,000,000원", 100_000_000), ("1만원", 10_000)} <= found
