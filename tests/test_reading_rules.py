"""Reading rules that mean the same thing in every report (issue 12), on two reports written in the style of
the samples but not copied from them: units per column, paired values, KPI shapes, headcount owners, budget
facts by org unit, and prose amounts that inherit their unit. Each assertion is a value read off a line below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.lexicon.words import funding_source, measure_of, quantity_kind
from pipeline.normalize import classify_cell
from pipeline.normalize.units import annotation_units
from pipeline.parse import parse_path
from pipeline.schemas.records import ParsedDocument

WELFARE = """2024년 주요업무보고

복 지 정 책 과

Ⅰ. 일반현황

□ 인력 현황 (’24.1.1. 기준)

구 분\t계\t4급\t5급\t6급\t7급 이하
정원 / 현원\t41 / 39\t1 / 1\t5 / 5\t15 / 14\t20 / 19

□ 사회복지시설 현황 (단위 : 개소, 백만원)

구 분\t시설 수\t예산액\t집행률
노인복지관\t12\t3,450\t95.2
장애인복지관\t7\t1,200\t88.0

□ 일자리 지원 실적 (단위 : 명, 백만원, %)

구 분\t계획\t\t실적
\t대상 인원\t예산\t지원 인원\t집행액\t집행률
청년 일자리\t120\t600\t118\t570\t95.0
시비\t50\t250\t50\t250\t100

Ⅱ. 주요사업

1 돌봄 서비스 확충
 - 총사업비 : 9,640백만원(시설비 9,100 / 운영비 540)
 - 예산 : 31,200백만원(국비 80%, 시비 20%)
   - 국비 24,960, 시비 6,240
 - 기업당 3~20억원 지원, 약 4천억원 규모 펀드 조성
 - 소요예산 : 1억2천5백만원
"""
"""A 과 report: 직급별 정원/현원 pairs, a 개소+백만원 table, a grouped 계획/실적 KPI table, prose amounts."""

ECONOMY = """2025년 주요업무계획

경 제 진 흥 국

Ⅰ. 일반현황

□ 예산 현황 (단위 : 백만원)

구 분\t합 계\t일자리정책과\t투자유치과\t산업지원담당관
세 입\t1,500\t700\t500\t300
세 출\t9,800\t4,200\t3,100\t2,500

□ 수출 지원 성과 (단위: 건, 억원, %)

구 분\t2023년\t2024년
참여기업 수\t45\t52
수 출 액\t120\t150

□ 인구 현황

구 분\t인구(천명)\t노인인구(천명)
부산\t3,293\t2,673(5.22%)

□ 출연기관

기관명\t대표자\t정원(현원)
부산경제진흥원\t홍길동\t27(27)
부산테크노파크\t김철수\t41(39)

□ 성과지표

지표명\t’24 실적 → ’25 목표
창업기업 지원\t85개 → 90개
고용률\t62.5% → 63.0%

□ 연도별 실적

연도\t상담 건수\t교육 인원
2022년\t1,110\t350
2023년\t1,240\t410
2024년\t1,305\t455

□ 연도별 예산 및 집행 현황 (단위 : 백만원)

구 분\t총사업비\t’24년 예산\t’24년 집행\t’25년
계\t13,580\t280\t280\t4,200
국 비\t9,700\t200\t200\t3,000
시 비\t3,880\t80\t80\t1,200
"""
"""A 국 report: budget by 과 with 세입/세출, units by row label, 천명, 정원(현원) with a 대표자 column,
an arrow KPI column, years as rows, and a yearly budget table by funding source."""


def _parse(base: Path, name: str, text: str) -> ParsedDocument:
    path = base / name
    path.write_text(text, encoding="utf-8")
    return parse_path(path)


@pytest.fixture(scope="module")
def welfare(tmp_path_factory: pytest.TempPathFactory) -> ParsedDocument:
    return _parse(tmp_path_factory.mktemp("rules"), "welfare.txt", WELFARE)


@pytest.fixture(scope="module")
def economy(tmp_path_factory: pytest.TempPathFactory) -> ParsedDocument:
    return _parse(tmp_path_factory.mktemp("rules"), "economy.txt", ECONOMY)


def _cell(parsed: ParsedDocument, line: int, raw: str):  # type: ignore[no-untyped-def]
    (cell,) = [c for c in parsed.cells if c.line == line and c.raw_text == raw]
    return cell


# Units ------------------------------------------------------------------------------------------------


def test_annotations_list_several_units() -> None:
    assert annotation_units("(단위 : 개소, 백만원)") == ["개소", "백만원"]
    assert annotation_units("(단위: 명, 천원, %)") == ["명", "천원", "%"]
    assert annotation_units("(단위 : 건, 억원)") == ["건", "억원"]
    assert annotation_units("(단위 : 백만원, 2024.12.31. 기준)") == ["백만원"]


def test_label_kinds() -> None:
    assert quantity_kind("예산액") == "money"
    assert quantity_kind("수 출 액") == "money"
    assert quantity_kind("참여기업 수") == "count"
    assert quantity_kind("지원 인원") == "count"
    assert quantity_kind("실적 집행률") == "rate"
    assert quantity_kind("사업비 지원 건수") == "count"  # the last word decides
    assert quantity_kind("구 분") is None


def test_each_column_takes_the_unit_of_its_kind(welfare: ParsedDocument) -> None:
    # line 15: 노인복지관 12 (시설 수) / 3,450 (예산액) / 95.2 (집행률) under (단위 : 개소, 백만원)
    count = _cell(welfare, 15, "12")
    assert (count.value_kind, count.value, count.unit, count.unit_source) == (
        "count",
        12,
        "개소",
        "annotation_by_kind",
    )
    money = _cell(welfare, 15, "3,450")
    assert (money.amount_krw, money.unit, money.unit_source) == (
        3_450_000_000,
        "백만원",
        "annotation_by_kind",
    )
    rate = _cell(welfare, 15, "95.2")
    assert (rate.value_kind, rate.unit, rate.amount_krw) == ("pct", "%", None)


def test_row_labels_decide_the_unit_when_columns_are_years(economy: ParsedDocument) -> None:
    # lines 16-17: 참여기업 수 45 / 52 and 수 출 액 120 / 150 under (단위: 건, 억원, %)
    firms = _cell(economy, 16, "52")
    assert (firms.value_kind, firms.unit, firms.unit_source, firms.amount_krw) == (
        "count",
        "건",
        "row_label",
        None,
    )
    exports = _cell(economy, 17, "150")
    assert (exports.amount_krw, exports.unit, exports.unit_source) == (15_000_000_000, "억원", "row_label")


def test_a_count_in_thousands_gets_its_full_value(economy: ParsedDocument) -> None:
    # line 22: 인구(천명) 3,293 -> 3,293,000 people; the printed number stays in raw_text
    people = _cell(economy, 22, "3,293")
    assert (people.value, people.unit, people.unit_source) == (3_293_000, "명", "header")
    assert people.amount_krw is None
    share = _cell(economy, 22, "2,673(5.22%)")  # a count and its share, not 정원/현원
    assert (share.value, share.unit) == (2_673_000, "명")
    assert not [h for h in economy.headcounts if h.line == 22]


def test_units_printed_on_the_value_or_the_header_win() -> None:
    assert classify_cell("45개소", None, col_label="예산액", units=["개소", "백만원"]).unit_source == "value"
    value = classify_cell("1,200", None, col_label="예산(천원)", units=["명", "백만원"])
    assert (value.amount_krw, value.unit_source) == (1_200_000, "header")
    undecided = classify_cell("1,200", None, col_label="비고", units=["명", "백만원"])
    assert (undecided.amount_krw, undecided.unit) == (None, None)  # no word says which unit: no guess


# Paired values and headcounts ------------------------------------------------------------------------


def test_pairs_by_grade_belong_to_the_unit_the_report_is_about(welfare: ParsedDocument) -> None:
    # line 10: 정원 / 현원 41 / 39 (계), 1 / 1 (4급) ... in the 복 지 정 책 과 report
    found = {h.category: (h.org_unit, h.authorized, h.current) for h in welfare.headcounts if h.line == 10}
    assert found["합계"] == ("복지정책과", 41, 39)
    assert found["4급"] == ("복지정책과", 1, 1)
    assert found["7급 이하"] == ("복지정책과", 20, 19)
    assert all(h.org_unit for h in welfare.headcounts)


def test_org_column_names_the_org_and_a_person_is_never_a_category(economy: ParsedDocument) -> None:
    # lines 27-28: 부산경제진흥원 | 홍길동 | 27(27)
    found = {h.org_unit: (h.category, h.authorized, h.current) for h in economy.headcounts}
    assert found == {"부산경제진흥원": ("합계", 27, 27), "부산테크노파크": ("합계", 41, 39)}
    assert not any(name in h.category for h in economy.headcounts for name in ("홍길동", "김철수"))


# KPI shapes ------------------------------------------------------------------------------------------


def test_grouped_plan_and_actual_headers_give_one_fact_per_pair(welfare: ParsedDocument) -> None:
    # line 22: 청년 일자리 | 계획 120 명, 600 백만원 | 실적 118 명, 570 백만원, 95.0 %
    found = {k.measure: k for k in welfare.kpi_facts if k.program == "청년 일자리"}
    people, money = found["대상인원"], found["예산"]
    assert (people.target_value, people.actual_value, people.target_unit) == (120, 118, "명")
    assert (money.target_value, money.actual_value, money.target_unit) == (600_000_000, 570_000_000, "원")
    assert money.achievement_pct == 95.0 and people.achievement_pct is None
    assert not [i for i in welfare.validation_issues if i.check_name == "kpi_rate"]  # 570/600 = 95.0%


def test_a_funding_source_row_is_never_a_program(welfare: ParsedDocument, economy: ParsedDocument) -> None:
    programs = [k.program for k in welfare.kpi_facts + economy.kpi_facts]
    assert programs and not [p for p in programs if funding_source(p)]


def test_arrow_columns_give_last_years_actual_and_next_years_target(economy: ParsedDocument) -> None:
    # line 33: 창업기업 지원 | 85개 → 90개 under ’24 실적 → ’25 목표
    (fact,) = [k for k in economy.kpi_facts if k.program == "창업기업 지원"]
    assert (fact.actual_value, fact.actual_period, fact.target_value, fact.period) == (85, "2024", 90, "2025")
    (rate,) = [k for k in economy.kpi_facts if k.program == "고용률"]
    assert (rate.actual_value, rate.target_value, rate.target_unit) == (62.5, 63.0, "%")


def test_years_as_rows_give_one_fact_per_indicator_and_year(economy: ParsedDocument) -> None:
    found = {(k.program, k.period): k.actual_value for k in economy.kpi_facts if k.table_id == "t006"}
    assert found == {
        ("상담 건수", "2022"): 1110,
        ("교육 인원", "2022"): 350,
        ("상담 건수", "2023"): 1240,
        ("교육 인원", "2023"): 410,
        ("상담 건수", "2024"): 1305,
        ("교육 인원", "2024"): 455,
    }


def test_a_rate_that_disagrees_with_its_pair_is_reported(tmp_path: Path) -> None:
    text = "□ 교육 성과\n\n사업명\t목표\t실적\t달성률(%)\n창업 교육\t200명\t150명\t80.0\n"
    parsed = _parse(tmp_path, "kpi.txt", text)
    (fact,) = parsed.kpi_facts
    assert (fact.target_value, fact.actual_value, fact.achievement_pct) == (200, 150, 80.0)
    (issue,) = [i for i in parsed.validation_issues if i.check_name == "kpi_rate"]
    assert (issue.expected, issue.actual) == (75.0, 80.0)


def test_budget_tables_by_year_and_funding_source_are_not_kpi(economy: ParsedDocument) -> None:
    assert not [k for k in economy.kpi_facts if k.table_id == "t007"]


# Budget facts ----------------------------------------------------------------------------------------


def test_budget_by_org_unit_carries_org_direction_and_adds_up(economy: ParsedDocument) -> None:
    # lines 10-11: 세 입 1,500 = 700 + 500 + 300; 세 출 9,800 = 4,200 + 3,100 + 2,500 (백만원)
    facts = [b for b in economy.budget_facts if b.table_id == "t001"]
    for flow, line in (("세입", 10), ("세출", 11)):
        row = [b for b in facts if b.line == line]
        assert {b.direction for b in row} == {flow}
        (total,) = [b for b in row if b.is_total]
        parts = [b for b in row if not b.is_total]
        assert {b.org_unit for b in parts} == {"일자리정책과", "투자유치과", "산업지원담당관"}
        assert sum(b.amount_krw for b in parts) == total.amount_krw
    assert {b.measure for b in facts} == {"예산액"}
    assert not [i for i in economy.validation_issues if i.table_id == "t001"]


def test_measures_come_from_one_vocabulary() -> None:
    assert measure_of("’24년 집행") == "집행액"
    assert measure_of("2025 추경예산") == "추경"
    assert measure_of("당초예산") == "본예산"
    assert measure_of("증감(B-A)") == "증감"
    assert measure_of("증감률") == "증감률"
    assert measure_of("’25년", "연도별 예산 및 집행 현황") == "예산액"  # the caption's first word
    assert measure_of("구분") is None


def test_yearly_budget_by_funding_source(economy: ParsedDocument) -> None:
    # line 47: 국 비 9,700 / 200 / 200 / 3,000 (백만원)
    found = {(b.measure, b.fiscal_year): b.amount_krw for b in economy.budget_facts if b.line == 47}
    assert found[("집행액", 2024)] == 200_000_000
    assert found[("예산액", 2025)] == 3_000_000_000
    assert {b.funding_source for b in economy.budget_facts if b.line == 47} == {"국비"}


@pytest.mark.parametrize(
    ("word", "source"),
    [
        ("도비", "도비"),
        ("군비", "군비"),
        ("광역시비", "시비"),
        ("특별시비", "시비"),
        ("부산시", "시비"),
        ("경기도", "도비"),
        ("기금", "기금"),
        ("자체", "자체"),
        ("국 비", "국비"),
        ("구 비", "구비"),
    ],
)
def test_funding_words_of_every_region(word: str, source: str) -> None:
    assert funding_source(word) == source


# Prose amounts that inherit their unit -----------------------------------------------------------------


def test_prose_parts_inherit_the_unit_and_are_checked(welfare: ParsedDocument) -> None:
    parts = {m.context: m.amount_krw for m in welfare.amount_mentions if m.line == 28 and m.is_part}
    assert parts == {"시설비": 9_100_000_000, "운영비": 540_000_000}
    # lines 29-30: the child line's bare numbers are parts of the 31,200백만원 above
    children = [m for m in welfare.amount_mentions if m.line == 30]
    assert [(m.context, m.amount_krw, m.part_of_line) for m in children] == [
        ("국비", 24_960_000_000, 29),
        ("시비", 6_240_000_000, 29),
    ]
    assert not [i for i in welfare.validation_issues if i.check_name == "breakdown_sum"]


def test_a_child_breakdown_that_does_not_add_up_is_reported(tmp_path: Path) -> None:
    text = "1 경로당 지원\n - 사업비 : 5,000백만원(도비 30%, 군비 70%)\n   - 도비 1,500, 군비 3,000\n"
    parsed = _parse(tmp_path, "child.txt", text)
    (issue,) = [i for i in parsed.validation_issues if i.check_name == "breakdown_sum"]
    assert (issue.expected, issue.actual, issue.line) == (4_500_000_000, 5_000_000_000, 2)


def test_ranges_approximate_and_native_amounts_in_prose(welfare: ParsedDocument) -> None:
    line = [m for m in welfare.amount_mentions if m.line == 31]
    (span,) = [m for m in line if m.amount_krw is None]
    assert (span.amount_low_krw, span.amount_high_krw) == (300_000_000, 2_000_000_000)
    (fund,) = [m for m in line if m.amount_krw is not None]
    assert (fund.amount_krw, fund.is_approximate) == (400_000_000_000, True)
    (native,) = [m for m in welfare.amount_mentions if m.line == 32]
    assert native.amount_krw == 125_000_000


def test_the_printed_rate_finds_the_actual_column_when_no_header_says_실적(tmp_path: Path) -> None:
    text = (
        "□ 2024년 시험ㆍ검사 실적 (’24.12.31.기준)\n\n"
        "구 분\t목 표\t검사 건수\t관 원\t달성률(%)\n"
        "계\t29,599\t31,146\t30,206\t105.2\n"
        "미생물팀\t9,500\t13,472\t13,000\t141.8\n"
        "식품분석팀\t4,800\t5,450\t5,100\t113.5\n"
    )
    parsed = _parse(tmp_path, "checks.txt", text)
    found = {k.program: (k.target_value, k.actual_value, k.achievement_pct) for k in parsed.kpi_facts}
    assert found == {
        "계": (29_599, 31_146, 105.2),
        "미생물팀": (9_500, 13_472, 141.8),
        "식품분석팀": (4_800, 5_450, 113.5),
    }


def test_a_rate_formula_names_its_target_and_actual_columns(tmp_path: Path) -> None:
    # years as rows, the rate printed as 달성률(B/A) over columns (A) and (B) (FIS 이슈&포커스 style)
    text = (
        "□ 연도별 성과지표 달성 현황\n\n"
        "연 도\t사업수\t성과지표(A)\t달성지표(B)\t달성률(B/A)\n"
        "2021\t183\t475\t364\t76.6\n"
        "2020\t181\t470\t323\t68.7\n"
    )
    parsed = _parse(tmp_path, "formula.txt", text)
    found = {k.period: (k.target_value, k.actual_value, k.achievement_pct) for k in parsed.kpi_facts}
    assert found == {"2021": (475, 364, 76.6), "2020": (470, 323, 68.7)}
    assert not [i for i in parsed.validation_issues if i.check_name == "kpi_rate"]


def test_a_pair_that_disagrees_with_its_rate_is_found_again_from_the_rate(tmp_path: Path) -> None:
    # the 목표 / 실적 words sit over counts of programs; the printed rate is 달성 지표 over 지표수
    text = (
        "□ 부처별 성과지표 달성 현황\n\n"
        "부 처\t목표\t실적\t지표수\t달성 지표\t달성률(%)\n"
        "국토교통부\t7\t9\t41\t28\t68.3\n"
        "환경부\t5\t4\t27\t26\t96.3\n"
        "외교부\t6\t3\t24\t18\t75.0\n"
    )
    parsed = _parse(tmp_path, "ministries.txt", text)
    found = {k.program: (k.target_value, k.actual_value, k.achievement_pct) for k in parsed.kpi_facts}
    assert found == {"국토교통부": (41, 28, 68.3), "환경부": (27, 26, 96.3), "외교부": (24, 18, 75.0)}


def test_a_row_labelled_only_with_a_list_mark_is_no_year_and_no_crash() -> None:
    from pipeline.extract.kpi import kpi_facts
    from pipeline.schemas.records import CellRecord, TableRecord

    table = TableRecord(
        doc_id="d", table_id="t1", first_line=1, last_line=3, source="tab", n_rows=3, n_cols=2, header_rows=1
    )
    cells = [
        CellRecord(
            doc_id="d",
            table_id="t1",
            row_idx=1,
            col_idx=1,
            row_label="2023년",
            col_label="상담 건수",
            raw_text="1,240",
            value=1240,
            value_kind="count",
            line=2,
        ),
        CellRecord(
            doc_id="d",
            table_id="t1",
            row_idx=2,
            col_idx=1,
            row_label="□",
            col_label="상담 건수",
            raw_text="1,305",
            value=1305,
            value_kind="count",
            line=3,
        ),
    ]
    assert kpi_facts(table, cells) == []  # one year row only: not a yearly table, and no IndexError


def test_the_one_money_unit_of_a_money_and_rate_annotation_applies_to_unnamed_columns() -> None:
    """사업설명자료 budget tables, `(단위:백만원,%)`: `2023 결산` and `2025 정부안(B)` say no kind of quantity,
    so their numbers are 백만원; `증감률` is the rate; a column of counts never takes the money unit."""
    from pipeline.normalize.cells import classify_cell, decide_unit

    units = ["백만원", "%"]
    assert decide_unit("2023 결산", "청년일자리창출지원", units) == ("백만원", "annotation_by_kind")
    assert decide_unit("2025 정부안(B)", "청년일자리창출지원", units) == ("백만원", "annotation")
    assert decide_unit("증감률", "청년일자리창출지원", units) == ("%", "annotation_by_kind")
    assert decide_unit("지원 인원", "청년일자리창출지원", units) == (None, None)
    cell = classify_cell("233,321", "백만원", "청년일자리창출지원", "2023 결산", units)
    assert (cell.value_kind, cell.amount_krw) == ("krw", 233_321_000_000)


def test_allowances_and_settlements_are_money_words() -> None:
    """`조기재취업수당` holds 수 but is an allowance (money); `2022년 결산` is a settled amount."""
    from pipeline.lexicon.words import quantity_kind

    assert quantity_kind("조기재취업수당") == "money"
    assert quantity_kind("2022년 결산") == "money"
    assert quantity_kind("참여기업 수") == "count"


def test_a_change_against_the_year_before_is_a_rate() -> None:
    """FIS 22-4 p4 <표 4> `(단위: 억원, %)`: under `2019 전년 대비` the 계 row prints 9.7 and 지방채 △38.4
    (2022): changes in %, not 9.7 억원 (대 is no counter of them); `재난대비` prepares, it compares nothing."""
    units = ["억원", "%"]
    assert quantity_kind("2019 전년 대비") == "rate"
    assert quantity_kind("’24년 최종 대비") == "rate"
    assert quantity_kind("재난대비") is None
    cell = classify_cell("9.7", "억원", "계", "2019 전년 대비", units)
    assert (cell.value_kind, cell.value, cell.amount_krw) == ("pct", 9.7, None)
    cell = classify_cell("△38.4", "억원", "지방채", "2022 전년 대비", units)
    assert (cell.value_kind, cell.value, cell.amount_krw) == ("pct", -38.4, None)
    assert classify_cell("2,883,083", "억원", "계", "2022 예산액", units).amount_krw == 288_308_300_000_000


def test_a_label_that_is_a_unit_gives_its_rows_unit() -> None:
    """FIS 22-4 p5 <표 8> (단위: 억원, %), transposed: the row `억원` prints 32,701 under `보건` (건 is a count
    word) and the row `%` 3.2; a word holding a unit (`사업비`) is no unit."""
    from pipeline.normalize.units import label_unit

    assert (label_unit("억원"), label_unit("%"), label_unit("(백만원)")) == ("억원", "%", "백만원")
    assert (label_unit("원"), label_unit("사업비"), label_unit("억원 이상")) == (None, None, None)
    units = ["억원", "%"]
    assert classify_cell("32,701", "억원", "억원", "보건", units).amount_krw == 3_270_100_000_000
    assert classify_cell("3.2", "억원", "%", "보건", units).value_kind == "pct"


def test_a_row_of_rates_in_a_money_table_is_no_money() -> None:
    """FIS 22-4 p6 <표 10> (단위: 조원): `조정률 | 0.890 | … | 0.860` (2013 … 2022) under 재정부족액 (a) 53.9 …
    is a ratio, not 0.89 조원; `자율주택정비사업` holds 율 inside, and its row is money (소규모주택정비사업 p2)."""
    ratio = classify_cell("0.890", "조원", "조정률", "2013", ["조원"])
    assert (ratio.value, ratio.amount_krw) == (0.89, None)
    assert classify_cell("53.9", "조원", "재정부족액(a)", "2020", ["조원"]).amount_krw == 53_900_000_000_000
    assert classify_cell("14,000", "백만원", "자율주택정비사업", "2023 계획액 당초", ["백만원"]).amount_krw == (
        14_000_000_000
    )


TOURISM = """2025년 주요업무계획

관 광 마 이 스 국

Ⅰ. 일반현황

□ 인 력 : 142명 정원 (본청 52, 사업소 90)

구 분\t계\t관광정책과\t마이스산업과\t관광진흥과\t디자인 부산\t해양박물관
정 원\t142\t18\t17\t17\t12\t78
현 원\t150\t19\t18\t17\t14\t82

□ 예 산 (단위 : 백만원)

구 분\t계\t관광정책과\t마이스산업과\t관광진흥과\t디자인 부산\t해양박물관
세 입\t8,400\t1,200\t3,100\t2,050\t350\t1,700
세 출\t96,310\t20,400\t31,900\t27,010\t4,800\t12,200

□ 부서별 사업비 (단위 : 백만원)

부 서\t2025년 예산
합 계\t7,000
관광정책과\t3,000
마이스산업과\t2,500
디자인 부산\t1,500
"""
"""A 국 report whose tables by unit hold a unit named without a unit word (`디자인 부산`), by column and by
row, and whose staff caption names 사업소 only as the kind of its field offices."""


@pytest.fixture(scope="module")
def tourism(tmp_path_factory: pytest.TempPathFactory) -> ParsedDocument:
    return _parse(tmp_path_factory.mktemp("rules"), "tourism.txt", TOURISM)


def test_a_unit_named_without_a_unit_word_is_an_org_beside_other_units(tourism: ParsedDocument) -> None:
    # lines 16-17: 세 입 8,400 = 1,200 + 3,100 + 2,050 + 350 + 1,700; 세 출 96,310 = ... + 4,800 + ...
    for line in (16, 17):
        row = [b for b in tourism.budget_facts if b.line == line]
        (total,) = [b for b in row if b.is_total]
        parts = {b.org_unit: b.amount_krw for b in row if not b.is_total}
        assert set(parts) == {"관광정책과", "마이스산업과", "관광진흥과", "디자인부산", "해양박물관"}
        assert sum(parts.values()) == total.amount_krw
    assert _cell(tourism, 16, "350").amount_krw == 350_000_000
    # lines 22-25, units as rows: 합 계 7,000 = 3,000 + 2,500 + 1,500
    rows = {b.org_unit: b.amount_krw for b in tourism.budget_facts if 22 <= b.line <= 25}
    assert rows == {
        None: 7_000_000_000,
        "관광정책과": 3_000_000_000,
        "마이스산업과": 2_500_000_000,
        "디자인부산": 1_500_000_000,
    }


def test_a_unit_word_alone_names_no_unit(tourism: ParsedDocument) -> None:
    # lines 10-11: 디자인 부산 12 / 14 is a unit's staff; 계 142 / 150 is the bureau's, not "사업소"'s
    found = {h.org_unit: (h.category, h.authorized, h.current) for h in tourism.headcounts}
    assert found["디자인부산"] == ("합계", 12, 14)
    assert found["관광마이스국"] == ("합계", 142, 150)
    assert "사업소" not in found


BRIEF = """2024년도 예산안 사업설명자료

(12) 중장년 재취업지원(2345-301)

8. 성과지표 및 달성도

성과지표\t구 분\t2021\t2022\t2023\t2024
재취업률(%)\t목표\t55.0\t57.0\t58.5\t60.0
\t실적\t56.1\t55.9\t60.3\t-
\t달성도\t102.0\t98.1\t103.1\t-
상담 인원(명)\t목 표\t12,000\t12,500\t13,000\t14,000
\t실 적\t12,480\t12,130\t13,390\t-
\t달성도\t104.0\t97.0\t103.0\t-
융자 실행액(억원)\t목표\t300\t320\t350\t380
\t실적\t291\t330\t341\t-

□ 최근 5년간 성과관리 현황 (단위: 개, %)

\t전략목표\t성과지표(A)\t달성지표(B)\t달성률(B/A)
2023\t41\t150\t120\t80.0
2022\t40\t148\t111\t75.0

□ 부처별 성과관리 결과

부처\t전략목표\t프로그램목표\t성과지표\t달성\t달성률
가나부\t6\t34\t40\t30\t75.0
다라부\t4\t20\t25\t20\t80.0
"""
"""A 사업설명자료 in the style of the ministries' briefs: a 성과지표 table with rows 목표 / 실적 / 달성도 under
each indicator and years as columns; a table of years as rows under a titled caption; a table by ministry
where 성과지표 counts indicators."""


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> ParsedDocument:
    return _parse(tmp_path_factory.mktemp("rules"), "brief.txt", BRIEF)


def test_indicator_rows_of_target_actual_and_rate_by_year(brief: ParsedDocument) -> None:
    found = {(k.program, k.period): k for k in brief.kpi_facts if k.table_id == "t001"}
    # lines 8-10: 재취업률(%) 2023: 목표 58.5, 실적 60.3, 달성도 103.1
    rate = found[("재취업률", "2023")]
    assert (rate.target_value, rate.actual_value, rate.achievement_pct, rate.target_unit) == (
        58.5,
        60.3,
        103.1,
        "%",
    )
    # lines 11-13, letter-spaced side words: 상담 인원(명) 2022: 12,500 planned, 12,130 reached, 97.0
    people = found[("상담 인원", "2022")]
    assert (people.target_value, people.actual_value, people.achievement_pct, people.actual_unit) == (
        12_500,
        12_130,
        97.0,
        "명",
    )
    # line 14-15: 억원 in the indicator's name: the values in won; 2024 has a target and no actual yet
    money = found[("융자 실행액", "2022")]
    assert (money.target_value, money.actual_value, money.target_unit) == (
        32_000_000_000,
        33_000_000_000,
        "원",
    )
    assert (found[("재취업률", "2024")].target_value, found[("재취업률", "2024")].actual_value) == (
        60.0,
        None,
    )
    assert len(found) == 12
    assert not [k for k in brief.kpi_facts if k.program in ("목표", "실적", "달성도")]
    assert not [i for i in brief.validation_issues if i.check_name == "kpi_rate" and i.table_id == "t001"]


def test_year_rows_take_the_tables_title_for_program(brief: ParsedDocument) -> None:
    # lines 20-21: 2023 | 41 | 150 (A) | 120 (B) | 80.0 (B/A)
    found = {k.period: k for k in brief.kpi_facts if k.table_id == "t002"}
    assert found["2023"].program == "최근 5년간 성과관리 현황"
    assert (found["2023"].target_value, found["2023"].actual_value, found["2023"].achievement_pct) == (
        150,
        120,
        80.0,
    )
    assert (found["2022"].target_value, found["2022"].actual_value) == (148, 111)


def test_a_count_of_indicators_is_no_actual(brief: ParsedDocument) -> None:
    # lines 27-28: 성과지표 40 counts the indicators; 전략목표 6 is no target of them
    assert not [k for k in brief.kpi_facts if k.program in ("가나부", "다라부") and k.actual_value == 40]


def test_an_org_name_wrapped_onto_a_second_row_is_one_org(tmp_path: Path) -> None:
    text = (
        "□ 출자·출연기관 현황 ('25년 1월 기준)\n\n"
        "구분\t기관명\t대표자\t사업내용\t정원\t현원\n"
        "출연기관\t부산청소년진흥재단\t홍길동\t청소년 활동 지원 등\t41\t38\n"
        "\t부산여성가족과\t김영희\t여성·가족 정책개발\t29\t25\n"
        "\t평생교육진흥원\t\t평생교육진흥\t\t\n"
    )
    parsed = _parse(tmp_path, "orgs.txt", text)
    # lines 5-6: 부산여성가족과 / 평생교육진흥원 over two rows, 29 / 25 on the first: one org
    found = {h.org_unit: (h.category, h.authorized, h.current) for h in parsed.headcounts}
    assert found == {"부산청소년진흥재단": ("합계", 41, 38), "부산여성가족과평생교육진흥원": ("합계", 29, 25)}
