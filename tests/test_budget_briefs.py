"""사업설명자료 (budget program briefs): the 지출계획 table of a 국토교통부 brief read as a person reads it.

Values are read off the rendered page (pdfplumber `page.to_image()`, 국토교통부_소규모주택정비사업.pdf p2, the
기능별(내역사업별), 목별 계획 내역 table in 백만원), not from the pipeline's output. Every ministry publishes its
briefs in this layout: sections named `○기능별 분류(합계)` with `․` items and `-` sub-items in one stub column,
two values stacked in one cell (`계획액` over `(수정)`, `집행액` over `[실집행액]`), and dotted row rules drawn
in some columns only.
"""

from __future__ import annotations

import pytest

from pipeline.evaluate import _cell_matches, _kpi_matches
from pipeline.lexicon.labels import outline_paths
from pipeline.schemas.records import CellRecord, ParsedDocument
from tests.conftest import REALDOCS

MOLIT = REALDOCS / "budget_program_briefs" / "국토교통부_소규모주택정비사업.pdf"


@pytest.fixture(scope="module")
def molit() -> ParsedDocument:
    if not MOLIT.is_file():
        pytest.skip(f"{MOLIT} is absent")
    from pipeline.parse import ParseSettings, parse_path
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    settings = ParseSettings(readers=ReaderSettings(pdf=PdfSettings(only_pages=(1, 2, 4))))
    return parse_path(MOLIT, settings=settings)


def cell(doc: ParsedDocument, row: str, col: str) -> CellRecord:
    """The one p2 value cell whose row path and column read `row` / `col` (spaces ignored)."""
    found = [
        c
        for c in doc.cells
        if c.page == 2
        and not c.is_header
        and "".join((c.row_label or "").split()) == row
        and "".join((c.col_label or "").split()) == col
    ]
    assert len(found) == 1, (row, col, [(c.row_label, c.col_label, c.raw_text) for c in found])
    return found[0]


def test_a_value_over_its_bracketed_second_value_is_one_cell(molit: ParsedDocument) -> None:
    """`50,000` over `(-12,100)` under 2022 계획액(수정); `272` over `[272]` under 2023 집행액[실집행액]."""
    planned = cell(molit, "○기능별분류(합계)>․자율주택정비사업", "2022계획액(수정)")
    assert planned.raw_text == "50,000 (-12,100)"
    assert (planned.amount_krw, planned.secondary_value, planned.secondary_kind) == (
        50_000_000_000,
        -12_100,
        "krw",
    )
    spent = cell(molit, "○기능별분류(합계)>․이차보전지원", "2023(’22.12월말)집행액[실집행액]")
    assert (spent.raw_text, spent.amount_krw, spent.secondary_value) == ("272 [272]", 272_000_000, 272)


def test_stub_items_merged_over_rows_are_split_onto_their_rows(molit: ParsedDocument) -> None:
    """In the 비목별 and 기능비·목별 sections the dotted rules between items are drawn in some columns only:
    each item of the stub and each value keeps its own row, the rows nested by their list marks."""
    section = "○기능비·목별분류합(계)"  # the text layer prints the squeezed 분류(합계) so
    loan = cell(molit, f"{section}>․자율주택정비사업>-기타민간융자금(450-04)", "2023(’22.12월말)계획액수정")
    assert (loan.raw_text, loan.amount_krw) == ("-744", -744_000_000)
    interest = cell(molit, f"{section}>․이차보전지원>-이차보전금(320-05)", "2024계획")
    assert (interest.raw_text, interest.amount_krw) == ("6,800", 6_800_000_000)
    loan = cell(molit, "○비목별분류(합계)>․기타민간융자금(450-04)", "2023(’22.12월말)계획현액")
    assert (loan.raw_text, loan.amount_krw) == ("488,700", 488_700_000_000)
    interest = cell(molit, "○비목별분류(합계)>․이차보전금(320-05)", "2023(’22.12월말)불용예상액")
    assert (interest.raw_text, interest.amount_krw) == ("128", 128_000_000)


def test_rows_of_one_stub_column_nest_by_their_list_marks() -> None:
    labels = [None, "합계", "○ 가", "․ 나", "- 다", "․ 라", "○ 마", "- 바"]
    assert outline_paths(labels, list(range(len(labels))), first=1) == [
        None,
        "합계",
        "○ 가",
        "○ 가 > ․ 나",
        "○ 가 > ․ 나 > - 다",
        "○ 가 > ․ 라",
        "○ 마",
        "○ 마 > - 바",
    ]
    one_kind = ["○ 가", "○ 나"]
    assert outline_paths(one_kind, [0, 1]) == one_kind


def test_eval_reads_a_second_money_value_in_won(molit: ParsedDocument) -> None:
    """The expected file names the second value by the column path and its part (`계획액(수정) 수정`)."""
    planned = cell(molit, "○기능별분류(합계)>․가로주택정비사업", "2022계획액(수정)")
    expected = {
        "page": 2,
        "row": "기능별 분류(합계) 가로주택정비사업",
        "col": "2022 계획액(수정) 수정",
        "raw": "(43,900)",
        "value": 43_900_000_000,
        "value_kind": "krw",
    }
    assert _cell_matches(expected, planned)
    assert not _cell_matches({**expected, "value": 43_900}, planned)


def test_a_ratio_of_lettered_columns_is_a_rate_and_its_neighbour_keeps_its_head(molit: ParsedDocument) -> None:
    """p2 지출계획 총괄표 (단위: 백만원, %): `증감` spans `(B-A)` and a corner box `(B-A)/A`; 0 is an amount,
    △11.5 a rate (the printed (B-A) is 국회확정 − 정부안, a slip of the source; kept as printed)."""
    change = cell(molit, "융자금", "증감(B-A)")
    assert (change.raw_text, change.value_kind, change.amount_krw) == ("0", "krw", 0)
    rate = cell(molit, "융자금", "증감(B-A)/A")
    assert (rate.raw_text, rate.value_kind, rate.value, rate.amount_krw) == ("△11.5", "pct", -11.5, None)


def test_a_total_row_of_an_outline_sums_the_rows_nested_under_it(molit: ParsedDocument) -> None:
    """Each `○ … 분류(합계)` row is the sum of its `․` items, not of the sections below it. The one error
    left is the source's: 비목별 2023 수정 is printed 21,500 (the 합계 figure) though its items give 25,100."""
    errors = [i for i in molit.validation_issues if i.severity == "error" and i.page == 2]
    assert [(i.expected, i.actual) for i in errors] == [(17_900, 21_500)]
    assert "비목별 분류(합계)" in errors[0].message and "계획액 수정" in errors[0].message


def test_a_unit_in_a_column_head_beside_the_columns_letter() -> None:
    """FIS 22-2 표7: `예산액(억원, A)` and `지출구조 조정 (억원, D)` print the unit with the letter that the
    `구조조정 (D/A)` share refers to; 국방부 160,927억원."""
    from pipeline.normalize import classify_cell

    budget = classify_cell("160,927", None, "국방부", "예산액 (억원, A)", [])
    assert (budget.value_kind, budget.amount_krw, budget.unit) == ("krw", 16_092_700_000_000, "억원")
    assert classify_cell("16.2", None, "국방부", "비중(%) 미흡 (C/B)", []).value_kind == "pct"


FIS = REALDOCS / "budget_program_briefs" / "「FIS 이슈&포커스」 22-2호 《재정성과관리제도》.pdf"


@pytest.fixture(scope="module")
def fis() -> ParsedDocument:
    """FIS 이슈&포커스 22-2, pages 4 and 5 (표1–표5 and the prose around them)."""
    if not FIS.is_file():
        pytest.skip(f"{FIS} is absent")
    from pipeline.parse import ParseSettings, parse_path
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    return parse_path(FIS, settings=ParseSettings(readers=ReaderSettings(pdf=PdfSettings(only_pages=(4, 5)))))


def test_a_rate_formula_names_the_kpi_columns_and_the_target_head_what_is_counted(fis: ParsedDocument) -> None:
    """FIS 22-2 p4 표2 (rows by year) and p5 표5 (rows by ministry): `성과지표(A) | 달성지표(B) | 달성률(B/A)`
    and `지표(A) | 달성지표 수(B) | 달성률(B/A)`: 2021 680 set, 521 achieved, 76.6%; 과학기술정보통신부 406
    단위사업 지표, 345 achieved, 85.0%, in 2021 (the year 표5's title names)."""
    kpis = {(k.page, k.program, k.period): k for k in fis.kpi_facts}
    year = kpis[(4, "최근 5년간 프로그램 성과관리 현황", "2021")]
    assert (year.measure, year.target_value, year.actual_value, year.achievement_pct) == ("성과지표", 680, 521, 76.6)
    ministry = kpis[(5, "과학기술정보통신부", "2021")]
    assert (ministry.measure, ministry.target_value, ministry.actual_value) == ("지표", 406, 345)
    assert ministry.achievement_pct == 85.0


def test_eval_reads_performance_indicator_and_indicator_as_one_word(fis: ParsedDocument) -> None:
    """FIS 22-2 p5 <표 4> 최근 5년간 단위사업 성과관리 현황, head `지표(A) | 달성(B) | 달성률(B/A)`: 2021 4,711
    set, 3,703 achieved, 78.6%. The expected file names it `단위사업 성과지표 (전체)` (and <표 5>, under the same
    head, `… 단위사업 지표`): the record counting `지표` is that fact; other numbers or another word are not."""
    (record,) = [
        k for k in fis.kpi_facts if (k.page, k.program, k.period) == (5, "최근 5년간 단위사업 성과관리 현황", "2021")
    ]
    assert (record.measure, record.target_value, record.actual_value, record.achievement_pct) == (
        "지표",
        4711,
        3703,
        78.6,
    )
    fact = {"page": 5, "program": "단위사업 성과지표 (전체)", "target": 4711, "actual": 3703, "rate_pct": 78.6}
    assert _kpi_matches(fact, record)
    assert not _kpi_matches({**fact, "actual": 3543}, record)
    assert not _kpi_matches({**fact, "program": "단위사업 달성률"}, record)


def test_a_rate_over_a_sum_of_columns_finds_the_target_it_divides(fis: ParsedDocument) -> None:
    """FIS 22-2 p4 <표 3> 2021년도 주요 부처의 프로그램 성과관리 결과: `성과지표 | 초과달성 | 달성 | 미달성 |
    달성률`, 과학기술정보통신부 49 indicators, 5 + 42 achieved, 95.9%; 국방부 14, 0 + 7, 50.0%. The achieved
    count is not printed as one figure: no actual."""
    kpis = {(k.page, k.program): k for k in fis.kpi_facts if k.table_id is not None}
    science = kpis[(4, "과학기술정보통신부")]
    assert (science.measure, science.period, science.target_value) == ("성과지표", "2021", 49)
    assert (science.actual_value, science.achievement_pct) == (None, 95.9)
    defence = kpis[(4, "국방부")]
    assert (defence.target_value, defence.actual_value, defence.achievement_pct) == (14, None, 50.0)


def test_a_numbered_title_over_a_chart_is_the_caption_of_the_table_under_it(fis: ParsedDocument) -> None:
    """FIS 22-2 p4: `<표 1> 최근 5년간 성과관리 대상 사업 규모 추이` and `(조원, %)` are printed over two charts
    drawn from the table under them: 대상 2021 346.5 is 346.5조원, 비율 56.5 a percent; the chart's ticks and
    labels (`800 65`, `62`) are no table, and no row of 표1 is a KPI."""
    table = next(t for t in fis.tables if t.caption and t.caption.startswith("<표 1>"))
    assert (table.caption, table.unit_text, table.kind) == (
        "<표 1> 최근 5년간 성과관리 대상 사업 규모 추이",
        "(조원, %)",
        "budget",
    )
    own = {(c.row_label, c.col_label): c for c in fis.cells if c.table_id == table.table_id}
    assert (own[("대상", "2021")].amount_krw, own[("총지출(추경)", "2017")].amount_krw) == (
        346_500_000_000_000,
        411_400_000_000_000,
    )
    assert (own[("비율", "2021")].value_kind, own[("비율", "2021")].value) == ("pct", 56.5)
    assert not [c for c in fis.cells if c.page == 4 and c.raw_text == "800"]
    assert not [k for k in fis.kpi_facts if k.table_id == table.table_id]


def test_an_achievement_rate_printed_as_a_change_gives_one_fact_per_year(fis: ParsedDocument) -> None:
    """FIS 22-2 p5 prose: `해외 취업자수 지표(달성률 ’20년 101% → ’21년 77.9%)` and, wrapped over two lines,
    `(귀산촌인 창업자금 수혜자 수 달성률 ’19년 136.4% → ’21년 52.2%)`; p4 `고용노동부는 산업재해 예방 사고
    사망률 달성도(82% → 70%)` (the later year is the one the section names, 2021)."""
    rates = {(k.program, k.period): k.achievement_pct for k in fis.kpi_facts if k.table_id is None}
    assert rates[("귀산촌인 창업자금 수혜자 수", "2019")] == 136.4
    assert rates[("귀산촌인 창업자금 수혜자 수", "2021")] == 52.2
    assert rates[("고용노동부 산업재해 예방 사고 사망률", "2021")] == 70.0
    assert rates[("고용노동부 산업재해 예방 사고 사망률", None)] == 82.0
    assert [k for k in rates if "해외 취업자수 지표" in k[0]] == [
        ("고용노동부 코로나19로 인해 해외 취업자수 지표", "2020"),
        ("고용노동부 코로나19로 인해 해외 취업자수 지표", "2021"),
    ]


MOEL = REALDOCS / "budget_program_briefs" / "고용노동부_청년일자리창출지원.pdf"


def test_a_table_printing_no_unit_takes_the_unit_another_table_prints_its_amounts_with() -> None:
    """고용노동부 청년일자리창출지원 p2 최근 5년 간 투입된 사업비 prints no unit; its 2023 889,078 and 2024
    657,680 are the p1 예산 총괄표's 본예산(A) and 확정(B) (단위: 백만원, %). On p1 `(B-A)` sits beside the
    corner box `(B-A)/A` under 증감: △231,398 is 증감 (B-A), △26.0 the rate."""
    if not MOEL.is_file():
        pytest.skip(f"{MOEL} is absent")
    from pipeline.parse import parse_path

    doc = parse_path(MOEL)
    spent = {c.col_label: c for c in doc.cells if c.page == 2 and c.row_label == "사업비" and not c.is_header}
    assert (spent["2020"].raw_text, spent["2020"].amount_krw) == ("796,338", 796_338_000_000)
    assert (spent["2021"].unit, spent["2021"].unit_source) == ("백만원", "other_table")
    change = {c.col_label: c for c in doc.cells if c.page == 1 and c.row_label == "청년일자리창출지원"}
    assert change["증감 (B-A)"].amount_krw == -231_398_000_000
    assert (change["증감 (B-A)/A"].value_kind, change["증감 (B-A)/A"].value) == ("pct", -26.0)


RENTAL = REALDOCS / "budget_program_briefs" / "국토교통부_민간임대(융자).pdf"


def test_a_row_named_with_the_syllable_dae_is_not_a_count() -> None:
    """국토교통부 민간임대(융자) p2 지출계획 총괄표 (단위:백만원,%): the row 민간임대융자 holds money, 2024년 확정(B)
    1,477,009 백만원; `임대`, like `대상`, is no count of 대 (vehicles), which only `대수` names."""
    from pipeline.lexicon.words import quantity_kind

    assert (quantity_kind("민간임대융자"), quantity_kind("대상"), quantity_kind("차량 대수")) == (None, None, "count")
    if not RENTAL.is_file():
        pytest.skip(f"{RENTAL} is absent")
    from pipeline.parse import ParseSettings, parse_path
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    doc = parse_path(RENTAL, settings=ParseSettings(readers=ReaderSettings(pdf=PdfSettings(only_pages=(1, 2)))))
    cell = next(c for c in doc.cells if c.row_label == "민간임대융자" and c.col_label == "2024년 확정(B)")
    assert (cell.raw_text, cell.value_kind, cell.amount_krw) == ("1,477,009", "krw", 1_477_009_000_000)


LOANS = REALDOCS / "budget_program_briefs" / "「FIS 이슈 & 포커스」 22-3호 《재정융자사업》.pdf"


def test_a_chart_drawn_as_a_grid_between_a_title_and_its_table() -> None:
    """FIS 22-3 p5 `<표 1> 최근 5년간 재정융자 규모 추이`, the charts' titles and `(단위: 조원,%) (단위: %)`, two
    charts (their gridlines read as a grid of bare numbers), then the table: 합계(재정융자) 2023 41.8 is
    41.8조원 (the prose: `총 41.8조원 규모`), 기타특별회계 2019 0.5조원 (an account: its 회 counts no times);
    money by year is no KPI."""
    if not LOANS.is_file():
        pytest.skip(f"{LOANS} is absent")
    from pipeline.parse import ParseSettings, parse_path
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    doc = parse_path(LOANS, settings=ParseSettings(readers=ReaderSettings(pdf=PdfSettings(only_pages=(5,)))))
    (table,) = [t for t in doc.tables if any(c.row_label == "합계(재정융자)" for c in doc.cells if c.table_id == t.table_id)]
    assert (table.caption, table.unit, table.kind) == ("<표 1> 최근 5년간 재정융자 규모 추이", "조원", "budget")
    own = {(c.row_label, c.col_label): c.amount_krw for c in doc.cells if c.table_id == table.table_id}
    assert own[("합계(재정융자)", "2023")] == 41_800_000_000_000
    assert own[("기타특별회계", "2019")] == 500_000_000_000
    assert not [k for k in doc.kpi_facts if k.table_id == table.table_id]


FIS4 = REALDOCS / "budget_program_briefs" / "「FIS 이슈 & 포커스」 22-4호 《중앙-지방 간 재정조정제도》.pdf"


@pytest.fixture(scope="module")
def fis4() -> ParsedDocument:
    """FIS 이슈 & 포커스 22-4 (two-page spreads), PDF pages 4–6 (표3–표10)."""
    if not FIS4.is_file():
        pytest.skip(f"{FIS4} is absent")
    from pipeline.parse import ParseSettings, parse_path
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    settings = ParseSettings(readers=ReaderSettings(pdf=PdfSettings(only_pages=(4, 5, 6))))
    return parse_path(FIS4, settings=settings)


def _values(doc: ParsedDocument, page: int, row: str) -> dict[str, CellRecord]:
    """The value cells of one row (its label path, spaces ignored) on a page, by column label."""
    return {
        c.col_label or "": c
        for c in doc.cells
        if c.page == page and not c.is_header and "".join((c.row_label or "").split()) == row
    }


def test_a_bracketed_share_row_is_part_of_the_row_above(fis4: ParsedDocument) -> None:
    """FIS 22-4 p4 <표 3> (단위: 조원, %): under `예산서상 규모`, `중앙정부 | 303.1 …` then `(비중) | (54.6) …`;
    under `재정사용액`, `지방교육 | 63.0` then `(비중) | (14.9)` (2017): each share row is its row's."""
    central = _values(fis4, 4, "예산서상규모>중앙정부>(비중)")
    assert (central["2017"].value, central["2017"].value_kind, central["2022"].value) == (54.6, "pct", 55.1)
    assert _values(fis4, 4, "예산서상규모>중앙정부")["2017"].amount_krw == 303_100_000_000_000
    assert _values(fis4, 4, "재정사용액>지방교육>(비중)")["2017"].value == 14.9
    assert not _values(fis4, 4, "예산서상규모>(비중)")


def test_a_transposed_table_in_two_bands_reads_each_band_under_its_own_heads(fis4: ParsedDocument) -> None:
    """FIS 22-4 p5 <표 8> 2022년 분야별 국고보조금 비중 (단위: 억원, %): `분야 | 사회복지 | 농림수산 | …` over
    `억원 | 556,716 | 108,937 | …` and `% | 54.4 | 10.6 | …`, then the head again, `분야 | 일반·지방 행정 | … |
    합계`, over `억원 | 16,840 | … | 1,023,464`. The `억원` row is in 억원 whatever its column says (`보건` held
    건, `사회복지 일반` 회), and the second band's values are under its own heads."""
    money = _values(fis4, 5, "억원")
    assert money["사회복지"].amount_krw == 55_671_600_000_000
    assert money["보건"].amount_krw == 3_270_100_000_000
    assert money["일반·지방 행정"].amount_krw == 1_684_000_000_000
    assert money["합계"].amount_krw == 102_346_400_000_000
    assert (_values(fis4, 5, "%")["합계"].value, _values(fis4, 5, "%")["합계"].value_kind) == (100, "pct")
    # <표 9> p6, one band: `억원 | … | 사회복지 일반 | …` 5,899
    assert _values(fis4, 6, "억원")["사회복지 일반"].amount_krw == 589_900_000_000
    subjects = {f.subject: f.amount_krw for f in fis4.budget_facts if f.page == 5 and f.raw_text == "556,716"}
    assert subjects == {"사회복지": 55_671_600_000_000}  # the column names what the money is for, not `억원`


def test_a_stub_label_wrapped_onto_a_line_opening_with_and_is_one_row(fis4: ParsedDocument) -> None:
    """FIS 22-4 p4 <표 4>: the last row's label is printed `보전수입 등` / `및 내부거래` beside two-line cells
    `222,062` / `(10.5)` (2018) and a one-line 전년 대비 (2022 △6.4): one row, each cell an amount and its
    share, not a row of amounts and a row of shares in 억원."""
    row = _values(fis4, 4, "보전수입등및내부거래")
    first = row["2018 예산액"]
    assert (first.amount_krw, first.secondary_value) == (22_206_200_000_000, 10.5)
    assert row["2022 예산액"].amount_krw == 19_731_500_000_000
    assert (row["2022 전년 대비"].value, row["2022 전년 대비"].value_kind) == (-6.4, "pct")
    assert not _values(fis4, 4, "및내부거래")


HAPPY = REALDOCS / "budget_program_briefs" / "국토교통부_행복주택출자.pdf"


@pytest.fixture(scope="module")
def happy() -> ParsedDocument:
    """국토교통부 행복주택출자 brief, its three pages (p3's 지원 금액 prints no unit: it is p2's 백만원)."""
    if not HAPPY.is_file():
        pytest.skip(f"{HAPPY} is absent")
    from pipeline.parse import parse_path

    return parse_path(HAPPY)


def test_a_ticked_choice_names_no_row_and_a_caption_note_is_no_name(happy: ParsedDocument) -> None:
    """행복주택 p1 `□ 사업 지원 형태 및 지원율 (최소한 한 개는 반드시 선택하시오. 해당사항에 O 표시)`:
    `직접 | 출자 | 출연 | 보조 | 융자 | 국고보조율(%) | 융자율 (%)` over `  | O |   | O |   | 30 |  `. The O
    under 출자 is a tick, not the row's name: the row is what the caption names, without its note."""
    assert _values(happy, 1, "사업지원형태및지원율")["국고보조율(%)"].value == 30
    assert not _values(happy, 1, "O")


def test_a_label_spanning_into_a_column_makes_it_part_of_the_stub(happy: ParsedDocument) -> None:
    """행복주택 p3 지원 비율 table: `내역사업명 | 구분 | 피보조ㆍ피출연 등 기관명 | 지원 금액 (2024계획) |
    지원 비율(%)`; rows `행복주택 출자` (over three rows) `출자 | LH | 373,886`, `보자 | 지자체 | 154,897`, and
    `합계` spanning 구분 and 기관명, `528,783`. The 기관명 is part of the row's name; the 30 printed once over
    the three rows is of 행복주택 출자, not of its first row."""
    assert _values(happy, 3, "행복주택출자>출자>LH")["지원 금액 (2024계획)"].amount_krw == 373_886_000_000
    assert _values(happy, 3, "행복주택출자>보자>지자체")["지원 금액 (2024계획)"].amount_krw == 154_897_000_000
    assert _values(happy, 3, "행복주택출자>합계")["지원 금액 (2024계획)"].amount_krw == 528_783_000_000
    share = _values(happy, 3, "행복주택출자")["지원 비율(%)"]
    assert (share.value, share.value_kind) == (30, "pct")


def test_a_second_amount_its_column_names_is_a_budget_fact_of_its_own(molit: ParsedDocument) -> None:
    """소규모주택정비사업 p2 (단위: 백만원): `․가로주택정비사업` prints `267,500` over `(43,900)` under `2022 계획액
    (수정)` and `306,121` over `[306,121]` under `2022 집행액 [실집행액]`: four amounts, the bracketed ones facts
    of their own (실집행액 is a measure; 수정 is none of the vocabulary)."""
    facts = {
        (f.measure, f.amount_krw)
        for f in molit.budget_facts
        if f.page == 2 and f.subject == "기능별 분류(합계) > 가로주택정비사업"
    }
    assert {("집행액", 306_121_000_000), ("실집행액", 306_121_000_000), (None, 43_900_000_000)} <= facts
    assert (None, 267_500_000_000) in facts


def test_a_second_value_its_column_does_not_name_is_no_budget_fact(fis4: ParsedDocument) -> None:
    """FIS 22-4 p4 <표 4>: `2,106,784` over `(100)` under `2018 예산액` (its share, named in a footnote only)."""
    amounts = {f.amount_krw for f in fis4.budget_facts if f.page == 4}
    assert 210_678_400_000_000 in amounts and 10_000_000_000 not in amounts


def test_the_programme_codes_are_identifiers_not_counts(molit: ParsedDocument) -> None:
    """p1 `1. 사업 코드 정보`: `코드 | 080 | 088` under 분야 / 부문 and `코드 | 1500 | 1520 | 301` under 프로그램 /
    단위사업 / 세부사업 name the programme; no cell of the row holds a quantity, and `단위사업` (a column head) is
    no unit annotation `단위: 사업`."""
    codes = {
        (c.col_label, c.raw_text): (c.value_kind, c.value, c.unit)
        for c in molit.cells
        if c.page == 1 and not c.is_header and c.row_label == "코드" and c.raw_text[:1].isdigit()
    }
    assert codes == {
        ("분야", "080"): ("text", None, None),
        ("부문", "088"): ("text", None, None),
        ("프로그램", "1500"): ("text", None, None),
        ("단위사업", "1520"): ("text", None, None),
        ("세부사업", "301"): ("text", None, None),
    }


def test_rates_printed_after_words_and_as_ranges_are_rates(molit: ParsedDocument) -> None:
    """p1 `2. 사업 지원 형태 및 지원율`: `○` under 융자 and `총사업비 50~70%` under 융자율 (%) in a table with no
    stub (the `-` under 국고보조율 names no row; the caption does); p4 지원 비율(%): `총사업비 50% 이내` over
    `(공적임대 공급시 70%)` and `최대 2%p` (이차보전)."""
    (loan,) = [c for c in molit.cells if c.page == 1 and c.raw_text == "총사업비 50~70%"]
    assert (loan.row_label, loan.col_label) == ("사업 지원 형태 및 지원율", "융자율 (%)")
    assert (loan.value, loan.value_kind, loan.secondary_value, loan.flags) == (50, "pct", 70, ["range"])
    rates = {
        (c.row_label, c.value, c.unit, c.secondary_value, c.secondary_unit)
        for c in molit.cells
        if c.page == 4 and not c.is_header and c.col_label == "지원 비율(%)"
    }
    assert rates == {
        ("가로주택 정비사업", 50, "%", 70, "공적임대 공급시"),
        ("자율주택 정비사업", 50, "%", 70, "공적임대 공급시"),
        ("이차보전", 2, "%p", None, None),
    }
