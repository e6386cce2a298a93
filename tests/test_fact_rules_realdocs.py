"""Facts that mean the same thing in every report (issue 12), on the real documents: values read off the
rendered pages. Culture sports p5 (budget by unit, one unit named without a unit word), p74 (성과지표 ’24 →
’25 under header boxes drawn above the grid), planning coordination p9 (기관명 cells over two grid rows), the
FIS 22-2 brief p4 (a 성과지표(A)/달성지표(B)/달성률(B/A) table by year on a two-column page); and the facts
no report should give, over every real document the session ingests and the bundled corpus."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_path
from pipeline.schemas.facts import BudgetFact, Headcount, KpiFact
from pipeline.schemas.records import CellRecord, ParsedDocument
from pipeline.validate.facts import funding_source_programs, name_categories, org_sums
from tests.conftest import REALDOCS, needs_realdocs

CULTURE = "busan2025_culture_sports_bureau"
PLANNING = "busan2025_planning_coordination_office"
FIS_22_2 = REALDOCS / "budget_program_briefs" / "「FIS 이슈&포커스」 22-2호 《재정성과관리제도》.pdf"


def _rows(store, sql: str, params: list) -> list[dict]:  # type: ignore[no-untyped-def]
    columns, rows = store.query(sql, params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_culture_p5_budget_by_unit_adds_up_to_the_printed_total(realdocs_store) -> None:
    # p5 예산 (백만원): 세입 계 152,588 over 13 units, 클래식 부산 1,873 among them; 세출 계 511,225
    facts = [
        BudgetFact(**r)
        for r in _rows(realdocs_store, "SELECT * FROM budget_facts WHERE doc_id = ? AND page = 5", [CULTURE])
    ]
    revenue = {f.org_unit: f.amount_krw for f in facts if f.direction == "세입" and not f.is_total}
    assert len(revenue) == 13 and revenue["클래식부산"] == 1_873_000_000
    assert revenue["문화예술과"] == 68_494_000_000 and revenue["부산근현대역사관"] == 96_000_000
    assert sum(revenue.values()) == 152_588_000_000
    spending = [f for f in facts if f.direction == "세출"]
    (total,) = [f for f in spending if f.is_total]
    assert total.amount_krw == 511_225_000_000 == sum(f.amount_krw for f in spending if not f.is_total)
    assert org_sums(facts).checked == 2 and org_sums(facts).wrong == []


def test_culture_p74_indicators_give_last_years_actual_and_next_years_target(realdocs_store) -> None:
    rows = _rows(realdocs_store, "SELECT * FROM kpi_facts WHERE doc_id = ? AND page = 74", [CULTURE])
    found = {r["program"]: r for r in rows}
    # the heads are rounded boxes above the grid (`정책과제 | 추 진 사 업 | 성 과 지 표 (’24년 →’25년)`)
    _, heads = realdocs_store.query(
        "SELECT col_idx, raw_text FROM cells WHERE doc_id = ? AND page = 74 AND is_header ORDER BY col_idx",
        [CULTURE],
    )
    assert heads == [(0, "정책과제"), (1, "추 진 사 업"), (2, "성 과 지 표 (’24년 →’25년)")]
    _, labelled = realdocs_store.query(
        "SELECT col_label FROM cells WHERE doc_id = ? AND page = 74 AND raw_text = '90%'", [CULTURE]
    )
    assert labelled == [("성과지표 이용률(%) ’24년",)]
    use = found["통합문화이용권 이용률 향상"]  # 이용률(%) 90% -> 95%
    assert (use["actual_value"], use["actual_period"], use["target_value"], use["period"]) == (
        90,
        "2024",
        95,
        "2025",
    )
    assert use["measure"] == "이용률(%)" and use["target_unit"] == "%"
    film = found["영화 문화다양성 가치 확산"]  # 관람실적 270,241명 -> 273,000명
    assert (film["actual_value"], film["target_value"], film["actual_unit"]) == (270_241, 273_000, "명")
    assert (
        found["제44회 전국장애인체육대회 참가"]["actual_value"],
        found["제44회 전국장애인체육대회 참가"]["target_value"],
    ) == (6, 3)
    # three projects stacked in one grid row (`• 사직야구장 재건축` / `• 2025 세계도핑방지기구 총회 추진` /
    # `• 제106회 전국체육대회 참가`, their values `지방재정영향평가` / `국비확보` / `6위`): only the third has numbers
    games = found["제106회 전국체육대회 참가"]
    assert (games["measure"], games["actual_value"], games["target_value"]) == ("순위", 6, 4)
    # `방문 60개소` -> `방문 60개소`; `(신설) 0, (개보수)31` -> `(신설) 3, (개보수)81`: one fact per label
    visits = found["소통․화합의 종교문화활동 지원"]
    assert (visits["actual_value"], visits["target_value"], visits["target_unit"]) == (60, 60, "개소")
    stadiums = {r["measure"]: (r["actual_value"], r["target_value"]) for r in rows if r["program"] == "체전 경기장 조성"}
    assert stadiums == {"추진공정 (신설)": (0, 3), "추진공정 (개보수)": (31, 81)}
    assert len(rows) == 13  # rows printing words (MOU 체결 -> MOA 체결) give none
    assert "퐁피두 센터 부산미 유치·건립" not in found and "사직야구장 재건축" not in found


def test_planning_p9_every_institution_counts_its_own_staff(realdocs_store) -> None:
    found = {
        r["org_unit"]: (r["category"], r["authorized"], r["current"])
        for r in _rows(realdocs_store, "SELECT * FROM headcounts WHERE doc_id = ? AND page = 9", [PLANNING])
    }
    assert len(found) == 16
    assert found["부산여성가족과평생교육진흥원"] == ("합계", 29, 25)  # the name over two lines
    assert found["부산과학기술고등교육진흥원"] == ("합계", 86, 65)  # its cell spans two grid rows
    assert found["벡스코"] == ("합계", 89, 83) and found["부산문화회관"] == ("합계", 129, 125)
    assert {category for category, _, _ in found.values()} == {"합계"}
    # one institution per grid row though its cells wrap: `2처 2실 1본부` / `4부, 1센터, 21진료과·` / `26과(실)·
    # 1연구소` is 부산의료원's 기구 and `연제구` / `월드컵대로` / `359` its 소재지, not three rows (and 359 no count)
    sql = "SELECT raw_text, value_kind FROM cells WHERE doc_id = ? AND page = 9 AND col_label = '소재지'"
    places = dict(realdocs_store.query(sql, [PLANNING])[1])
    assert places["연제구 월드컵대로 359"] == "text" and "359" not in places
    # an address over three lines with no mark (`부산진구` / `중앙대로` / `955`, 부산연구원) is one too
    assert places["부산진구 중앙대로 955"] == "text" and not [p for p, kind in places.items() if kind != "text"]


HEALTH_ENV = "busan2025_health_environment_research_institute"


def _headcounts(store, doc_id: str, page: int) -> dict[tuple[str, str], tuple[int | None, int | None]]:  # type: ignore[no-untyped-def]
    sql = "SELECT * FROM headcounts WHERE doc_id = ? AND page = ? AND table_id IS NULL"
    return {
        (r["org_unit"], r["category"]): (r["authorized"], r["current"])
        for r in _rows(store, sql, [doc_id, page])
    }


def test_planning_p8_staff_written_in_the_boxes_of_each_public_enterprise(realdocs_store) -> None:
    # p8 지방 공기업 현황: each 공사·공단 box prints `○ 정·현원 : 정원 4,431명(현원 4,642명)` under its name
    sql = "SELECT * FROM headcounts WHERE doc_id = ? AND page = 8"
    found = {
        r["org_unit"]: (r["category"], r["authorized"], r["current"])
        for r in _rows(realdocs_store, sql, [PLANNING])
    }
    assert found == {
        "부산교통공사": ("합계", 4431, 4642),
        "부산도시공사": ("합계", 368, 345),
        "부산관광공사": ("합계", 107, 106),
        "부산시설공단": ("합계", 1551, 1456),
        "부산환경공단": ("합계", 794, 771),
    }


def test_planning_p4_chart_staff_are_authorized_as_its_note_says(realdocs_store) -> None:
    # p4 org chart: `5팀(35명)` under 예산담당관 … `4팀(33명)` under 회계재산담당관, noted `※( )는 정원`
    found = _headcounts(realdocs_store, PLANNING, 4)
    assert found[("예산담당관", "합계")] == (35, None) and found[("회계재산담당관", "합계")] == (33, None)
    assert found[("공공기관담당관", "합계")] == (16, None) and found[("재정협력담당관", "합계")] == (12, None)
    assert (
        sum(a or 0 for (org, _), (a, _) in found.items() if org.endswith("담당관")) == 149
    )  # the 정원 total
    # the caption `인 력 : 정원 149명, 현원 149명` restates the table's 계: no second fact
    assert ("기획조정실", "합계") not in found


def test_health_env_p6_staff_by_class_from_the_heading_and_the_footnote(realdocs_store) -> None:
    # p6: `4 정 원 ▷ 153명(연구직 131, 일반직 22)` above the 직급 table, `※ 연구직 현원 124명(보건 52, 환경 67,
    # 수의 5)` below it: the 연구직 정원 and 현원 are one headcount, its parts are 연구직 by 직렬
    found = _headcounts(realdocs_store, HEALTH_ENV, 6)
    assert found == {
        ("보건환경연구원", "합계"): (153, None),
        ("보건환경연구원", "연구직"): (131, 124),
        ("보건환경연구원", "일반직"): (22, None),
        ("보건환경연구원", "연구직 보건"): (None, 52),
        ("보건환경연구원", "연구직 환경"): (None, 67),
        ("보건환경연구원", "연구직 수의"): (None, 5),
    }


MOEL = "moel2025_work_report"


def test_moel_p2_staff_rows_in_groups_of_authorized_and_current(realdocs_store) -> None:
    # 고용노동부 업무보고 p2 ② 인원 현황: row groups 합계 / 본부 / 소속기관 / 기타**, each over a `정 원` and a
    # `현 원` row (기타** prints 현원 only); columns 계, 정무직, 고공단, 3․4급 … 6급이하, 기타*
    sql = "SELECT * FROM headcounts WHERE doc_id = ? AND page = 2 AND table_id IS NOT NULL"
    found = {
        (r["org_unit"], r["category"]): (r["authorized"], r["current"])
        for r in _rows(realdocs_store, sql, [MOEL])
    }
    assert found[("고용노동부", "합계")] == (8491, 8667)
    assert found[("고용노동부", "6급이하")] == (7427, 7625)
    assert found[("고용노동부", "고공단")] == (51, 41)  # the 고위공무원단, a grade among grades: no org
    assert found[("고용노동부본부", "합계")] == (658, 773)
    assert found[("고용노동부본부", "6급이하")] == (271, 408)
    assert found[("고용노동부소속기관", "정무직")] == (1, 0)  # `1` over `-`
    assert found[("고용노동부소속기관", "합계")] == (7833, 7850)
    assert found[("고용노동부기타**", "합계")] == (None, 44)
    assert ("고용노동부기타**", "정무직") not in found  # `-` alone: nothing
    assert len(found) == 9 + 9 + 9 + 6


def test_moel_p2_budget_rows_of_accounts_are_money(realdocs_store) -> None:
    # p2 ③ 예산 현황 (단위 : 억원, %): `⋅일반회계 | 증 감 (B-A)` is 7,612 억원, though 회계 holds a 회
    sql = (
        "SELECT row_label, amount_krw FROM cells WHERE doc_id = ? AND page = 2 AND replace(col_label, ' ', '')"
        " = '증감(B-A)' AND NOT is_header ORDER BY row_idx"
    )
    found = dict(realdocs_store.query(sql, [MOEL])[1])
    assert found["⋅일반회계"] == 761_200_000_000
    assert found["⋅특별회계"] == 149_600_000_000
    assert found["⋅근로복지"] == -900_000_000


def test_moel_kpis_quoted_in_sentences(realdocs_store) -> None:
    # p3 `임금체불 청산율 88.3%로 역대 최고 (’25.9월 기준)`; p4 `’25.10월 기준 고용률(63.4%), 경제활동참가율(64.8%)`;
    # p8 `OECD 평균 수준(1,700시간대)을 목표로 실노동시간 단축`; p11 `의무고용률 상향(민간: 3.1→’29 3.5%/공공:
    # 3.8→’29 4.0%)` with the `’29` raised over the bracket; p13 `처리기간 ’26년말 160일(’27년말 120일)까지 단축`
    sql = (
        "SELECT page, program, period, target_value, actual_value FROM kpi_facts"
        " WHERE doc_id = ? AND page IN (3, 4, 8, 11, 13) ORDER BY page, program, period"
    )
    assert realdocs_store.query(sql, [MOEL])[1] == [
        (3, "임금체불 청산율", "2025-09", None, 88.3),
        (4, "경제활동참가율", "2025-10", None, 64.8),
        (4, "고용률", "2025-10", None, 63.4),
        (8, "실노동시간 단축", None, 1700, None),
        (11, "장애인 의무고용률 (공공)", "2029", 4.0, 3.8),
        (11, "장애인 의무고용률 (민간)", "2029", 3.5, 3.1),
        (13, "업무상 질병 처리기간", "2026", 160, None),
        (13, "업무상 질병 처리기간", "2027", 120, None),
    ]


def test_nikl_p34_chart_staff_are_authorized_as_the_table_total_shows(realdocs_store) -> None:
    # 국립국어원 p34 (printed - 32 -): a chart `원 장 (53)` over `기획연수부 (25)`, `어문연구실 (28)` and seven 과
    # with no note saying what the brackets count; the 정·현원 table below ends `총계 53 51`: they are 정원
    found = _headcounts(realdocs_store, "nikl2022_work_plan", 34)
    assert found[("기획연수부", "합계")] == (25, None) and found[("어문연구실", "합계")] == (28, None)
    assert found[("기획운영과", "합계")] == (11, None) and found[("특수언어진흥과", "합계")] == (5, None)
    assert sum(a or 0 for (org, _), (a, _) in found.items() if org.endswith("과")) == 53
    assert not any("원장" in org for org, _ in found)  # the head's box names no unit


def test_health_env_program_targets_written_as_a_key(realdocs_store) -> None:
    # p17 사업개요 `❍ 목 표 : 4,400건` under `1 바이러스 감염병 확인 검사 및 감시`; p21 `❍ 목 표 : 4,820건`
    sql = "SELECT * FROM kpi_facts WHERE doc_id = ? AND page IN (17, 18, 21) AND table_id IS NULL"
    found = {r["page"]: r for r in _rows(realdocs_store, sql, [HEALTH_ENV])}
    assert {p: (r["program"], r["target_value"], r["target_unit"]) for p, r in found.items()} == {
        17: ("바이러스 감염병 확인 검사 및 감시", 4400, "건"),
        18: ("세균성 감염병 확인 검사 및 감시", 10000, "건"),
        21: ("바른 먹거리 정착을 위한 식품 및 수산물 안전성 검사", 4820, "건"),
    }
    assert {r["period"] for r in found.values()} == {"2025"}  # `Ⅳ. 2025년 주요업무계획`
    assert {r["actual_value"] for r in found.values()} == {None}  # a plan: no actual


def test_health_env_p22_p37_targets_in_the_boxes_under_a_project(realdocs_store) -> None:
    # p22 box `추진내용 : 위생용품 품목 확대(’24년 19종→’25년 21종)`; p37 box `개체동일성 검사 건수 확대(목표 :
    # 350건→400건)`; both under a 사업개요 `❍ 목 표 :` (1,300건, 6,520건). The cover `2025. 2. 10.(월) 16:00`
    # dates the report, so the ’25 figure is a plan
    sql = (
        "SELECT page, program, period, target_value, target_unit, actual_value FROM kpi_facts"
        " WHERE doc_id = ? AND page IN (22, 37) ORDER BY page, target_value"
    )
    assert realdocs_store.query(sql, [HEALTH_ENV])[1] == [
        (22, "위생용품 품목 확대", "2025", 21, "종", 19),
        (22, "시민건강 증진을 위한 의약품 등 안전성 검사", "2025", 1300, "건", None),
        (37, "개체동일성 검사 건수", None, 400, "건", None),
        (37, "축산물 안전성 검사를 통한 위해 축산물 유통 차단", "2025", 6520, "건", None),
    ]
    _, dates = realdocs_store.query("SELECT report_date FROM documents WHERE doc_id = ?", [HEALTH_ENV])
    assert [str(d) for (d,) in dates] == ["2025-02-10"]


def test_planning_p13_target_and_result_lines_of_one_block(realdocs_store) -> None:
    # p13 `- (목표) 5조 5,818억원 : 지방세 5조 1,015억원, 세외수입 4,803억원`, `- (성과) 5조 8,131억원 징수 : …`,
    # footnote `* 지방세 5조 3,267억원(2,252억↑), 세외수입 4,864억원(61억↑)`
    sql = "SELECT * FROM kpi_facts WHERE doc_id = ? AND page = 13"
    found = {r["program"]: r for r in _rows(realdocs_store, sql, [PLANNING])}
    program = "2024년 지방세입 목표액 초과달성으로 시정운영 안정적 뒷받침"
    # `□ 자동차 금융상품(리스․렌터카) 등록유치 사상 최대실적 달성`, `○ … 3,249억원 지방세 세원확충`, `- 목표액
    # (2,600억원) 대비 649억원 초과`: the target in a bracket, the actual the sum the block prints
    cars = "자동차 금융상품(리스․렌터카) 등록유치 사상 최대실적 달성"
    assert {p: (r["target_value"], r["actual_value"]) for p, r in found.items()} == {
        program: (5_581_800_000_000, 5_813_100_000_000),
        f"{program} 지방세": (5_101_500_000_000, 5_326_700_000_000),
        f"{program} 세외수입": (480_300_000_000, 486_400_000_000),
        cars: (260_000_000_000, 324_900_000_000),
    }
    assert {(r["target_unit"], r["actual_unit"], r["period"]) for r in found.values()} == {
        ("원", "원", "2024")
    }
    assert found[cars]["measure"] == "지방세 세원확충"


def test_citizen_p39_a_result_with_its_rate_and_the_bracketed_target_it_is_the_ratio_to(realdocs_store) -> None:
    # p39 `- AI OCR기술기반 QR코드 활용 음식점 외국어 메뉴판 지원 (2,000개소)` under 사업내용, and under 추진상황
    # `외국어메뉴판 지원 대상 음식점 2,070개소 선정 (달성률 103.5%)`: 2,070 / 2,000 = 103.5%
    sql = "SELECT * FROM kpi_facts WHERE doc_id = ? AND page = 39"
    (menu,) = _rows(realdocs_store, sql, ["busan2025_citizen_health_bureau"])
    assert menu["program"] == "AIOCR기술기반 QR코드 활용 음식점 외국어 메뉴판 지원"
    assert (menu["target_value"], menu["actual_value"], menu["achievement_pct"]) == (2000, 2070, 103.5)
    assert (menu["target_unit"], menu["actual_unit"]) == ("개소", "개소")


def test_planning_p11_a_result_line_with_its_target_in_small_type_and_its_parts(realdocs_store) -> None:
    # p11 `-(결과)예산현액 92.3%집행▹목표(90.8%) 1.5%p초과`, the `(90.8%)` in small type on a lower baseline;
    # then `-(본청)95.9% (구·군)86.6% (공기업)93.4%` over `(목표 0.4%p초과) …` (excesses, no targets)
    sql = "SELECT * FROM kpi_facts WHERE doc_id = ? AND page = 11"
    found = {r["program"]: r for r in _rows(realdocs_store, sql, [PLANNING])}
    program = "2024년 재정 신속집행 목표 초과 달성(집행률 전국 1위)"
    assert {p: (r["target_value"], r["actual_value"]) for p, r in found.items()} == {
        program: (90.8, 92.3),
        f"{program} 본청": (None, 95.9),
        f"{program} 구·군": (None, 86.6),
        f"{program} 공기업": (None, 93.4),
    }
    assert {(r["actual_unit"], r["period"]) for r in found.values()} == {("%", "2024")}


@pytest.fixture(scope="module")
def fis_22_2() -> ParsedDocument:
    if not FIS_22_2.is_file():
        pytest.skip(f"{FIS_22_2} is absent")
    return parse_path(FIS_22_2)


def test_fis_brief_rate_formula_table_by_year(fis_22_2: ParsedDocument) -> None:
    # p4 <표 2> 최근 5년간 프로그램 성과관리 현황: 2021 성과지표(A) 680, 달성지표(B) 521, 달성률(B/A) 76.6
    found = {
        k.period: k
        for k in fis_22_2.kpi_facts
        if k.page == 4 and k.program.endswith("프로그램 성과관리 현황")
    }
    assert set(found) == {"2017", "2018", "2019", "2020", "2021"}
    latest = found["2021"]
    assert latest.program == "최근 5년간 프로그램 성과관리 현황"
    assert (latest.target_value, latest.actual_value, latest.achievement_pct) == (680, 521, 76.6)
    assert (found["2017"].target_value, found["2017"].actual_value) == (746, 560)
    # <표 3> by ministry: 성과지표 49, 초과달성 5 + 달성 42 (no one figure: no actual), 달성률 95.9
    (counted,) = [k for k in fis_22_2.kpi_facts if k.program == "과학기술정보통신부" and k.page == 4]
    assert (counted.target_value, counted.actual_value, counted.achievement_pct) == (49, None, 95.9)
    # p5 <표 5> by ministry: 지표(A) 406, 달성지표 수(B) 345, 달성률(B/A) 85.0
    (science,) = [k for k in fis_22_2.kpi_facts if k.program == "과학기술정보통신부" and k.page == 5]
    assert (science.target_value, science.actual_value, science.achievement_pct) == (406, 345, 85.0)


def _facts(store) -> tuple[list[KpiFact], list[Headcount], list[CellRecord], list[BudgetFact]]:  # type: ignore[no-untyped-def]
    kpis = [KpiFact(**r) for r in _rows(store, "SELECT * FROM kpi_facts", [])]
    heads = [Headcount(**r) for r in _rows(store, "SELECT * FROM headcounts", [])]
    cells = [
        CellRecord(**r)
        for r in _rows(store, "SELECT * FROM cells WHERE NOT is_header AND col_label IS NOT NULL", [])
    ]
    budget = [BudgetFact(**r) for r in _rows(store, "SELECT * FROM budget_facts", [])]
    return kpis, heads, cells, budget


def test_no_fact_any_report_should_not_give(realdocs_store, store) -> None:
    """Over the real documents of the session and the bundled corpus: no KPI program is a funding source,
    no headcount category is a person's name, and budget facts by org unit add up to the printed total
    except where the report's own arithmetic does not (001's 예산 table, printed totals off by 1 in
    rounding)."""
    wrong: list[str] = []
    checked = 0
    for warehouse in (realdocs_store, store):
        kpis, heads, cells, budget = _facts(warehouse)
        assert funding_source_programs(kpis) == []
        assert name_categories(heads, cells) == []
        sums = org_sums(budget)
        checked += sums.checked
        wrong += sums.wrong
    assert checked >= 10
    assert all(w.startswith("001_") for w in wrong), wrong


@needs_realdocs
@pytest.mark.parametrize(
    ("name", "title", "issuer"),
    [
        ("nikl2022_work_plan.pdf", "2022년 국립국어원 업무계획", "국립국어원"),
        ("moel2025_work_report.pdf", "고용노동부 업무보고", "고용노동부"),
    ],
)
def test_a_cover_without_an_issuer_line_names_the_office_in_its_title(name: str, title: str, issuer: str) -> None:
    """The 국립국어원 and 고용노동부 covers print the office only in their title (the logo is an image)."""
    from pipeline.extract.metadata import read_cover
    from pipeline.parse import ParseSettings, laid_out_document
    from pipeline.readers.settings import PdfSettings, ReaderSettings

    settings = ParseSettings(readers=ReaderSettings(pdf=PdfSettings(only_pages=(1,))))
    cover = read_cover(laid_out_document(REALDOCS / name, settings=settings))
    assert (cover.title, cover.issuer) == (title, issuer)


def test_culture_p11_an_amount_in_dollars_is_stored_in_dollars_never_as_won(realdocs_store) -> None:
    # p11 (비지니스 활성화) ... 거래실적 달성(2억2,158만달러, 전년대비 30%증가): 221,580,000 dollars, no won
    rows = _rows(
        realdocs_store,
        "SELECT raw_text, amount_krw, currency, amount_foreign FROM amount_mentions "
        "WHERE doc_id = ? AND page = 11 AND currency <> 'KRW'",
        [CULTURE],
    )
    assert rows == [
        {"raw_text": "2억2,158만달러", "amount_krw": None, "currency": "USD", "amount_foreign": 221_580_000}
    ]
    (won,) = _rows(
        realdocs_store,
        "SELECT count(*) AS n FROM amount_mentions WHERE doc_id = ? AND currency = 'KRW' AND amount_foreign IS NULL",
        [CULTURE],
    )
    assert won["n"] > 50  # every other amount of the report is won
