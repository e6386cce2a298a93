"""Domain facts read off the sample reports, asserted as a person reads them from the page."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.canonical import MatchSettings, canonicalize
from pipeline.schemas.facts import OrgUnit
from tests.conftest import DOC_000, DOC_001, DOC_002, DOC_004, RAW


def rows(store, sql: str, params: list) -> list[dict]:
    names, found = store.query(sql, params)
    return [dict(zip(names, row, strict=True)) for row in found]


def test_cover_metadata(store) -> None:
    found = {
        r["doc_id"]: r
        for r in rows(
            store, "SELECT doc_id, title, issuer, report_date, report_date_precision FROM documents", []
        )
    }
    assert found[DOC_000]["issuer"] == "서울주얼리지원센터"
    assert found[DOC_000]["title"] == "2023 주요업무보고"
    assert str(found[DOC_000]["report_date"]) == "2023-11-13"
    assert found[DOC_001]["issuer"] == "경제정책실"
    assert (str(found[DOC_001]["report_date"]), found[DOC_001]["report_date_precision"]) == (
        "2022-09-01",
        "month",
    )
    assert found[DOC_002]["issuer"] == "경제환경국"
    assert str(found[DOC_002]["report_date"]) == "2020-11-01"
    assert found[DOC_004]["issuer"] == "지역경제과"


def test_kpi_target_actual_rate_of_000(store) -> None:
    (fact,) = rows(
        store, "SELECT * FROM kpi_facts WHERE doc_id = ? AND program = '멘토링 프로그램 운영'", [DOC_000]
    )
    assert (fact["target_value"], fact["target_unit"]) == (470, "명")
    assert (fact["actual_value"], fact["actual_unit"]) == (532, "명")
    assert fact["achievement_pct"] == 113.2
    assert fact["line"] == 53
    shifted = rows(store, "SELECT * FROM kpi_facts WHERE doc_id = ? AND line = 50", [DOC_000])
    assert [(f["program"], f["target_value"], f["actual_value"], f["achievement_pct"]) for f in shifted] == [
        ("주얼리 기획전 지원사업", 10, 10, 100)
    ]


def test_yearly_results_are_kpi_facts_by_year(store) -> None:
    found = rows(
        store,
        "SELECT period, actual_value, actual_unit FROM kpi_facts WHERE doc_id = ? AND program = '판로개척 지원' "
        "ORDER BY period",
        [DOC_000],
    )
    assert [(f["period"], f["actual_value"], f["actual_unit"]) for f in found] == [
        ("2020", 182, "개업체"),
        ("2021", 147, "개업체"),
        ("2022", 131, "개업체"),
    ]


def test_budget_facts_of_000_in_won(store) -> None:
    found = rows(
        store,
        "SELECT * FROM budget_facts WHERE doc_id = ? AND line = 71 ORDER BY amount_krw DESC",
        [DOC_000],
    )
    assert [(f["measure"], f["amount_krw"], f["is_total"]) for f in found] == [
        ("예산액", 1_370_315_000, True),
        ("집행액", 890_183_000, True),
        ("잔액", 480_132_000, True),
    ]
    assert {f["subject"] for f in found} == {"민간위탁금 총계"}
    (settled,) = rows(
        store, "SELECT * FROM budget_facts WHERE doc_id = ? AND line = 420 AND amount_krw < 0", [DOC_000]
    )
    assert (settled["amount_krw"], settled["measure"], settled["subject"]) == (
        -2_011,
        "잔액",
        "운영비 > 일반운영비",
    )


def test_budget_by_funding_source_and_year_of_002(store) -> None:
    found = rows(
        store,
        "SELECT * FROM budget_facts WHERE doc_id = ? AND fiscal_year = 2021 AND line BETWEEN 176 AND 182",
        [DOC_002],
    )
    by_source = {f["funding_source"]: f for f in found}
    assert by_source["계"]["amount_krw"] == 320_793_000 and by_source["계"]["is_total"]
    assert by_source["구비"]["amount_krw"] == 181_203_000
    assert by_source["국비"]["amount_krw"] == 120_000_000
    assert by_source["구비"]["measure"] == "소요예산"
    assert by_source["구비"]["subject"] == "전통시장 및 상점가 경영 현대화 사업"


def test_a_funding_source_column_after_named_rows_stays_in_the_row(store) -> None:
    """002 line 104: `○ 뉴딜일자리 전통시장 매니저 지원사업 | 시비 | 99,000` (단위 : 천원) under 상인조직력화:
    every 사업 row has its own name, but the 시비 / 국비 column beside it says whose money the amount is."""
    found = rows(store, "SELECT * FROM budget_facts WHERE doc_id = ? AND line = 104", [DOC_002])
    assert [(f["funding_source"], f["amount_krw"]) for f in found] == [("시비", 99_000_000)]


def test_headcount_by_grade_of_002(store) -> None:
    found = rows(
        store, "SELECT * FROM headcounts WHERE doc_id = ? AND line = 42 ORDER BY category", [DOC_002]
    )
    by_category = {f["category"]: (f["authorized"], f["current"]) for f in found}
    assert by_category["합계"] == (27, 27)
    assert by_category["6급"] == (4, 6)
    assert by_category["9급"] == (3, 4)
    assert len(by_category) == 7


def test_amount_mentions_in_prose(store) -> None:
    (mention,) = rows(store, "SELECT * FROM amount_mentions WHERE doc_id = ? AND line = 148", [DOC_000])
    assert (mention["amount_krw"], mention["context"]) == (341_800_000, "소요예산")
    assert mention["section_title"] == "주얼리 혁신성장 패키지 지원사업"
    parts = rows(
        store, "SELECT * FROM amount_mentions WHERE doc_id = ? AND line = 1314 ORDER BY amount_krw", [DOC_001]
    )
    assert [(p["context"], p["amount_krw"], p["is_part"]) for p in parts] == [
        ("시비", 3_000_000_000, True),
        ("국비", 5_500_000_000, True),
        ("구비", 6_900_000_000, True),
        ("총사업비", 15_400_000_000, False),
    ]
    (fund,) = rows(store, "SELECT * FROM amount_mentions WHERE doc_id = ? AND line = 966", [DOC_001])
    assert fund["amount_krw"] == 1_400_000_000_000


def test_org_units_with_parents_and_ranks(store) -> None:
    found = {
        r["canonical_name"]: r for r in rows(store, "SELECT * FROM org_units WHERE doc_id = ?", [DOC_002])
    }
    assert found["지역경제과"]["parent_name"] == "경제환경국"
    assert found["지역경제과"]["parent_id"] == found["경제환경국"]["unit_id"] == f"{DOC_002}/경제환경국"
    assert found["생활유통팀"]["functions"].startswith("◦ 축산물 위생관리에 관한 업무")
    found_001 = {
        r["canonical_name"]: r for r in rows(store, "SELECT * FROM org_units WHERE doc_id = ?", [DOC_001])
    }
    assert found_001["경제정책실"]["grade"] == "1·2급"
    assert found_001["경제정책실"]["rank"] == "실"
    assert found_001["신산업정책관"]["grade"] == "3·4급"
    (center,) = rows(
        store, "SELECT * FROM org_units WHERE doc_id = ? AND name = '서울주얼리지원센터'", [DOC_000]
    )
    assert center["team_count"] == 3


def test_org_names_merge_typos_and_record_near_misses() -> None:
    unit = OrgUnit(doc_id="d", name="바이오흥릉클러스터과", canonical_name="바이오흥릉클러스터과", line=3)
    other = OrgUnit(doc_id="d", name="뷰티패션사업과", canonical_name="뷰티패션사업과", line=4)
    unrelated = OrgUnit(doc_id="d", name="국제협력과", canonical_name="국제협력과", line=5)
    known = ["바이오홍릉클러스터과", "뷰티패션산업과", "경제정책과"]
    units, matches = canonicalize([unit, other, unrelated], known, MatchSettings())
    assert [u.canonical_name for u in units] == ["바이오홍릉클러스터과", "뷰티패션사업과", "국제협력과"]
    assert [(m.name, m.candidate, m.merged) for m in matches] == [
        ("바이오흥릉클러스터과", "바이오홍릉클러스터과", True),
        ("뷰티패션사업과", "뷰티패션산업과", False),
    ]


def test_headcounts_and_budget_of_001(store) -> None:
    found = rows(store, "SELECT * FROM headcounts WHERE doc_id = ? AND org_unit = '국제협력과'", [DOC_001])
    by_category = {f["category"]: (f["authorized"], f["current"]) for f in found}
    assert by_category["임기제"] == (10, 8)
    assert by_category["합계"] == (31, 29)
    # the 계 row counts the staff of the unit the report is about (경 제 정 책 실 on the cover), never NULL
    (whole,) = rows(
        store,
        "SELECT * FROM headcounts WHERE doc_id = ? AND org_unit = '경제정책실' AND category = '합계'",
        [DOC_001],
    )
    assert (whole["authorized"], whole["current"], whole["line"]) == (269, 259, 32)
    (budget,) = rows(
        store,
        "SELECT * FROM budget_facts WHERE doc_id = ? AND subject = '경제정책과' AND measure = '예산현액'",
        [DOC_001],
    )
    assert (budget["amount_krw"], budget["line"], budget["unit"]) == (134_534_000_000, 95, "백만원")


def test_org_units_of_001_share_canonical_names_with_their_tables(store) -> None:
    names = {
        r["canonical_name"]
        for r in rows(store, "SELECT canonical_name FROM org_units WHERE doc_id = ?", [DOC_001])
    }
    assert {"경제정책과", "바이오AI산업과", "캠퍼스타운활성화과", "미디어콘텐츠산업과"} <= names


def test_money_written_inside_text_cells_is_an_amount_mention(store) -> None:
    (mention,) = rows(store, "SELECT * FROM amount_mentions WHERE doc_id = ? AND line = 249", [DOC_000])
    assert (mention["amount_krw"], mention["context"]) == (14_630_000, "매출")
    assert mention["section_title"] == "주얼리 기획전 지원사업"


def test_pledge_sheet_of_004(store) -> None:
    found = rows(
        store,
        "SELECT context, amount_krw, line FROM amount_mentions WHERE doc_id = ? ORDER BY line",
        [DOC_004],
    )
    assert [(f["context"], f["amount_krw"], f["line"]) for f in found] == [
        ("소요예산", 200_000_000, 38),
        ("임차보증금", 350_000_000, 40),
    ]


def test_a_table_of_contents_is_never_a_kpi_table() -> None:
    from pipeline.extract.kinds import table_kind

    contents = "목 차 Ⅰ. 기본현황··········· Ⅱ. 2024년 주요성과·········· Ⅲ. 정책목표 및 추진방향··········"
    assert table_kind(contents, "InstituteofHealth& Environment", None) == "other"
    assert table_kind("CONTENTS 1. 성과 목표 2. 예산", None, None) == "other"
    assert table_kind("구 분 목표 실적 달성률(%) 감염병 검사", None, None) == "kpi"


def test_headcounts_written_in_prose(tmp_path: Path) -> None:
    """정원/현원 in a line of prose: the unit the line names, else the report's; a line that restates a
    table's figures (001 line 28 over its 계 row) adds nothing."""
    from pipeline.extract.headcounts import staff_counts
    from pipeline.parse import parse_path

    path = tmp_path / "staff.txt"
    path.write_text(
        "2025년 주요업무계획\n\n지 역 경 제 과\n\n□ 인력 : 정원 41명 / 현원 39명 (’25. 1. 1. 기준)\n"
        " ○ 소상공인지원팀 정·현원 : 9/8명\n",
        encoding="utf-8",
    )
    found = [(h.org_unit, h.category, h.authorized, h.current, h.line) for h in parse_path(path).headcounts]
    assert found == [("지역경제과", "합계", 41, 39, 5), ("소상공인지원팀", "합계", 9, 8, 6)]
    parsed = parse_path(RAW / f"{DOC_001}.txt")
    assert [h for h in parsed.headcounts if h.table_id is None] == []
    assert not staff_counts("정원 외 현원 증가") and not staff_counts("정원은 3명 늘리고 현원")
    assert not staff_counts("정원 5명 증원") and not staff_counts("현원 10명 중 3명")


def test_staff_in_prose_by_class_and_by_entity(tmp_path: Path) -> None:
    """Prose grammar of staff: a bracket after a count breaks it down by class when its parts add up; a
    class named before the side word is the count's category; the two sides given apart on one page are
    one headcount; a `key : value` item of a listing belongs to the entity named on the line opening it."""
    from pipeline.extract.headcounts import staff_counts
    from pipeline.parse import parse_path

    by_class = staff_counts("4 정 원 ▷ 153명(연구직 131, 일반직 22)")
    assert [(c.category, c.authorized, c.current) for c in by_class] == [
        ("합계", 153, None),
        ("연구직", 131, None),
        ("일반직", 22, None),
    ]
    assert [(c.category, c.current) for c in staff_counts("※연구직현원124명(보건52,환경67,수의5)")][1:] == [
        ("연구직 보건", 52),
        ("연구직 환경", 67),
        ("연구직 수의", 5),
    ]
    # parts that do not add up are no breakdown; the count stands alone
    assert [(c.category, c.authorized) for c in staff_counts("정원 30명(임기제 5, 별정직 1)")] == [
        ("합계", 30)
    ]
    assert [(c.authorized, c.current) for c in staff_counts("○정·현원 :정원4,431명(현원4,642명)")] == [
        (4431, 4642)
    ]
    path = tmp_path / "listing.txt"
    path.write_text(
        "2025년 주요업무계획\n\n문 화 체 육 국\n\n□ 출자기관 현황\n(재)가나다재단 ❖ 대표이사 홍길동\n"
        " ㅇ 설 립 : 2009. 1. 21.\n ㅇ 조 직 : 1센터 1실 2본부 9팀, 정원 71명(현원 68명)\n"
        "라마바공단 ❖ 이사장 김철수\n ㅇ 조 직 : 1실 3팀, 정원 55명(현원 40명)\n"
        "□ 인 력 : 정원 20명\n ㅇ 연구직 현원 18명\n",
        encoding="utf-8",
    )
    found = [(h.org_unit, h.category, h.authorized, h.current) for h in parse_path(path).headcounts]
    assert found == [
        ("가나다재단", "합계", 71, 68),  # not `2본부`: `1실 2본부 9팀` counts units
        ("라마바공단", "합계", 55, 40),
        ("문화체육국", "합계", 20, None),
        ("문화체육국", "연구직", None, 18),
    ]


def test_targets_and_results_written_in_prose(tmp_path: Path) -> None:
    """A `(목표)` line and the `(성과)` line of its block are one KPI of the block's heading; the target's
    parts that add up to it pair with the parts a footnote gives the result. A target line that describes
    (`3개 분야 10개 과제`) or dates (`2026년 완공`) gives none."""
    from pipeline.extract.prose_kpis import leading_quantity
    from pipeline.parse import parse_path

    path = tmp_path / "kpi.txt"
    path.write_text(
        "2025년 주요업무계획\n\nⅡ. 2024년 주요성과\n□ 세입 목표 초과달성\n ○ 안정적 세입확보\n"
        "  - (목표) 1,000억원 : 지방세 800억원, 세외수입 200억원\n  - (방법) 세원 발굴 강화\n"
        "  - (성과) 1,100억원 징수 : 목표 대비 100억원 초과\n    * 지방세 880억원, 세외수입 220억원\n"
        "Ⅲ. 2025년 주요업무계획\n□ 검사 사업\n ❍ 목 표 : 3개 분야 10개 과제 추진\n ❍ 목 표 : 2026년 완공\n"
        "□ 감염병 검사\n ❍ 목 표 : 4,400건\n",
        encoding="utf-8",
    )
    found = {
        k.program: (k.target_value, k.actual_value, k.target_unit, k.period)
        for k in parse_path(path).kpi_facts
    }
    assert found == {
        "세입 목표 초과달성": (100_000_000_000, 110_000_000_000, "원", "2024"),
        "세입 목표 초과달성 지방세": (80_000_000_000, 88_000_000_000, "원", "2024"),
        "세입 목표 초과달성 세외수입": (20_000_000_000, 22_000_000_000, "원", "2024"),
        "감염병 검사": (4400, None, "건", "2025"),
    }
    assert leading_quantity("총 16개소(구·군별 1개소) 설치") is not None  # a count leads: 16 개소
    assert leading_quantity("국내·외 교류도시 교류활성화") is None


def test_money_by_year_in_another_currency_is_no_kpi(tmp_path: Path) -> None:
    """moef2025q2 해외직접투자 동향 prints `(억 달러, 전년동기 대비, %)` over years: amounts, not 실적 of a
    program (1,172 KPI facts before); a table of counts by year still gives its actuals."""
    from pipeline.parse import parse_path

    dollars = tmp_path / "usd.txt"
    dollars.write_text(
        "□ 해외직접투자 추이\n(단위: 억 달러, %)\n구분\t2022년\t2023년\t2024년\n총투자\t181.2\t161.1\t150.6\n"
        "북미\t70.2\t60.1\t55.4\n",
        encoding="utf-8",
    )
    counts = tmp_path / "counts.txt"
    counts.write_text(
        "□ 상담 실적\n(단위: 건)\n구분\t2022년\t2023년\t2024년\n상담건수\t181\t161\t150\n", encoding="utf-8"
    )
    assert parse_path(dollars).kpi_facts == []
    found = [(k.program, k.period, k.actual_value) for k in parse_path(counts).kpi_facts]
    assert found == [("상담건수", "2022", 181.0), ("상담건수", "2023", 161.0), ("상담건수", "2024", 150.0)]


def test_a_unit_over_a_block_of_sections_holds_until_a_higher_heading(tmp_path: Path) -> None:
    """The unit printed once on a title above `1.` headings (moef2025q2 `참고 1 … (단위: 억달러, %)`) is the
    unit of every table under them that prints none, up to a heading above them (`Ⅱ.`)."""
    from pipeline.parse import parse_path

    path = tmp_path / "block.txt"
    path.write_text(
        "참고 1 해외직접투자 세부통계 (단위: 억달러, %)\n1. 분기별 동향\n구분\t2023년\t2024년\n전체\t182.6\t161.1\n\n"
        "2. 연도별 동향\n구분\t2022년\t2023년\t2024년\n투자액\t820.4\t660.0\t658.0\n\n"
        "Ⅱ. 상담 실적\n구분\t2022년\t2023년\n상담건수\t181\t161\n",
        encoding="utf-8",
    )
    parsed = parse_path(path)
    assert [t.unit for t in parsed.tables] == ["억달러", "억달러", None]
    assert [(k.program, k.period, k.actual_value) for k in parsed.kpi_facts] == [
        ("상담건수", "2022", 181.0),
        ("상담건수", "2023", 161.0),
    ]


def test_a_staff_category_keeps_the_bracket_it_prints() -> None:
    """국립국어원 p34 prints grades `고위공무원(일반·학예 가)` and `학예연구관(5급)`; only the brackets left
    behind by removed staff words go (`정원(명)`, `( 합 계 )`)."""
    from pipeline.extract.headcounts import staff_key

    assert staff_key("고위공무원(일반·학예 가)") == "고위공무원(일반·학예 가)"
    assert staff_key("학예연구관(5급)") == "학예연구관(5급)"
    assert staff_key("정원 / 현원 복지정책과") == "복지정책과"
    assert staff_key("( 합 계 )") == "합계"
    assert staff_key("정원(명)") is None


def test_a_dash_beside_a_count_is_none_of_it(tmp_path: Path) -> None:
    """`1 / -` under 정원 / 현원 (국립국어원 p34, 고용노동부 p2 print it so) is 1 authorized and 0 current; a row
    of dashes alone is no headcount."""
    from pipeline.parse import parse_path

    report = tmp_path / "staff.txt"
    report.write_text(
        "□ 인력 현황\n(단위: 명)\n직급\t정원\t현원\n계\t3\t2\n4급\t1\t-\n5급\t2\t2\n6급\t-\t-\n",
        encoding="utf-8",
    )
    found = {(h.category, h.authorized, h.current) for h in parse_path(report).headcounts}
    assert found == {("합계", 3, 2), ("4급", 1, 0), ("5급", 2, 2)}


def test_units_listed_in_a_closing_bracket_without_the_word_unit() -> None:
    """`(억 달러, 전년동기 대비, %)` closing a caption and `(조원, %)` on a line of its own list units; a bracket
    of anything else does not (`(국비, 시비)`, `(’24 운영성과)`, `(화장로 15기)`)."""
    from pipeline.normalize.units import annotation_units, listed_units

    assert listed_units("< 분기별 해외직접투자액 추이(억 달러, 전년동기 대비, %) >") == ["억달러", "%"]
    assert listed_units("(조원, %)") == ["조원", "%"]
    assert listed_units("(국비, 시비)") == listed_units("(’24 운영성과)") == listed_units("(화장로 15기)") == []
    assert annotation_units("(단위: 억원, %)") == ["억원", "%"]


def test_a_change_to_a_later_year_is_a_target(tmp_path: Path) -> None:
    """고용노동부 업무보고 p9: `작은 사업장 중심 감독 대폭 확대 ( ’25년 2.4만개→ ’26년 5만개)` in a report of
    2025. 12.: the ’26 figure is the program's target, the ’25 one its actual; a change between two years
    before the report's (`’23년 32만원→ ’24년 33만원`), or between two units, is no target."""
    from pipeline.parse import parse_path

    path = tmp_path / "arrows.txt"
    path.write_text(
        "고용노동부 업무보고\n\n2025. 12. 11.\n\nⅠ. 일반현황\n"
        " ㅇ (지원·감독 연계) 기술･재정지원과 연계한 예방 중심의 감독 집중\n"
        "  - 작은 사업장 중심 감독 대폭 확대 ( ’25년 2.4만개→ ’26년 5만개)\n"
        "  - 기초연금 인상 (’23년 32만원→ ’24년 33만원)\n"
        "  - 상담 확대 (’25년 300건→ ’26년 20%)\n",
        encoding="utf-8",
    )
    found = [
        (k.program, k.period, k.actual_period, k.target_value, k.actual_value, k.target_unit)
        for k in parse_path(path).kpi_facts
    ]
    assert found == [("작은 사업장 중심 감독 대폭 확대", "2026", "2025", 50_000, 24_000, "개")]


def test_a_report_without_a_line_of_prose_has_no_mentions(tmp_path: Path) -> None:
    """Every line a table's (the fuzz case `\\t구`): the prose scan, which looks one line ahead for a
    currency word, has no line to start from."""
    from pipeline.parse import parse_path

    path = tmp_path / "table_only.txt"
    path.write_text("\t구\n", encoding="utf-8")
    parsed = parse_path(path)
    assert parsed.document.status == "ok" and parsed.amount_mentions == []
