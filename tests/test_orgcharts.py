"""Org charts drawn as boxes and connectors on real report pages come out as the tree a person reads.

Each chart's units below were written out by hand from the page rendered with pdfplumber (100 dpi);
the two development reports are checked against ../shared/realdocs/expected/*.json.
"""

from __future__ import annotations

import json

import pytest

from pipeline.extract.orgchart import (
    ChartSettings,
    Stroke,
    boxes,
    is_glued,
    is_malformed,
    parse_summary,
    rank_of,
    strokes,
)
from pipeline.schemas.document import Graphic
from tests.conftest import REALDOCS

DIRECTOR = "busan2025_planning_director"
WELFARE = "busan2025_social_welfare_bureau"

CHARTS: dict[str, dict] = {
    "busan2025_citizen_health_bureau": {
        "page": 5,
        "summary": {"과": 3, "팀": 17},
        "tree": {
            "시민건강국": {
                "건강정책과": ["공공의료정책", "서부산의료원설립", "건강도시", "건강생활", "가족건강", "정신건강"],
                "보건위생과": ["의료지원", "의료시설", "응급의료TF", "의약품관리", "위생협력", "식품안전"],
                "감염병관리과": ["감염병총괄", "감염병대응", "감염병예방", "예방접종관리", "시설감염관리"],
            }
        },
    },
    "busan2025_health_environment_research_institute": {
        "page": 6,
        "summary": {"팀": 17, "부": 4, "소": 2, "시험소": 1},
        "tree": {
            "보건환경연구원": {
                "총무팀": [],
                "감염병연구부": ["감염병조사팀", "미생물팀", "식중독검사팀"],
                "식약품연구부": ["식품분석팀", "약품분석팀", "엄궁농산물검사소", "반여농산물검사소"],
                "대기환경연구부": ["대기진단평가팀", "환경보건팀", "생활환경팀", "산업환경팀", "미세먼지안전팀"],
                "물환경연구부": ["물환경생태팀", "먹는물조사팀", "토양폐기물팀", "친수환경팀"],
                "동물위생시험소": ["방역팀", "축산물검사팀"],
            }
        },
    },
    "busan2025_planning_coordination_office": {
        "page": 4,
        "summary": {"실": 1, "담당관": 6, "팀": 23},
        "tree": {
            "기획조정실": {
                "예산담당관": ["예산총괄", "예산1", "예산2", "예산3", "예산4"],
                "공공기관담당관": ["공공기관1", "공공기관2", "공공기관평가"],
                "재정협력담당관": ["재정사업평가", "국비전략"],
                "세정정책담당관": ["세정기획", "세원확충", "심사과표", "세입운영", "세정정보"],
                "세정운영담당관": ["세정관리", "지방소득소비세", "세무지도", "징세특별기동"],
                "회계재산담당관": ["계약", "계약지원", "경리", "재산관리"],
            }
        },
    },
    "busan2025_culture_sports_bureau": {
        "page": 5,
        "summary": {"과": 6, "사업소": 7},
        # The second row hangs from 과 boxes by dotted lines only: 사업소 of the 국, supervised by a 과.
        "tree": {
            "문화체육국": {
                unit: []
                for unit in [
                    "문화예술과",
                    "문화유산과",
                    "영상콘텐츠산업과",
                    "체육정책과",
                    "생활체육과",
                    "전국체전기획단",
                    "클래식부산",
                    "시립미술관",
                    "현대미술관",
                    "시립박물관",
                    "부산근현대역사관",
                    "충렬사관리사무소",
                    "체육시설관리사업소",
                ]
            }
        },
    },
    # Not a Busan report and not tuned on: 국립국어원, staff counts beside the names, vertical writing.
    "nikl2022_work_plan": {
        "page": 34,
        "summary": {"부": 1, "실": 1, "과": 7},
        "tree": {
            "원장": {
                "기획연수부": ["기획운영과", "공공언어과", "교육연수과"],
                "어문연구실": ["어문연구과", "언어정보과", "한국어진흥과", "특수언어진흥과"],
            }
        },
    },
}


@pytest.fixture(scope="module")
def real_store(realdocs_store):
    return realdocs_store


@pytest.fixture(scope="module")
def units(real_store) -> dict[str, list[dict]]:
    """org_units rows of every real document, by document."""
    names, rows = real_store.query("SELECT * FROM org_units ORDER BY doc_id, unit_id")
    found: dict[str, list[dict]] = {}
    for row in rows:
        record = dict(zip(names, row, strict=True))
        found.setdefault(record["doc_id"], []).append(record)
    return found


def chart_edges(rows: list[dict], page: int) -> set[tuple[str, str | None]]:
    """(unit, parent) pairs of the chart drawn on a page, canonical names."""
    by_id = {r["unit_id"]: r for r in rows}
    return {
        (r["canonical_name"], by_id[r["parent_id"]]["canonical_name"] if r["parent_id"] else None)
        for r in rows
        if r["source"] == "chart" and r["page"] == page
    }


def expected_edges(tree: dict) -> set[tuple[str, str | None]]:
    ((top, children),) = tree.items()
    edges: set[tuple[str, str | None]] = {(top, None)}
    for child, teams in children.items():
        edges.add((child, top))
        edges |= {(team, child) for team in teams}
    return edges


@pytest.mark.parametrize("doc_id", [DIRECTOR, WELFARE])
def test_development_reports_match_the_hand_written_chart(units, doc_id: str) -> None:
    expected = json.loads((REALDOCS / "expected" / f"{doc_id}.json").read_text(encoding="utf-8"))
    edges = set()
    for unit in expected["org_units"]:
        edges.add((unit["name"], unit["parent"]))
        edges |= {(team, unit["name"]) for team in unit["teams"] or []}
    assert chart_edges(units[doc_id], expected["org_page"]) == edges
    rows = {r["canonical_name"]: r for r in units[doc_id] if r["source"] == "chart"}
    for unit in expected["org_units"]:
        assert rows[unit["name"]]["rank"] == unit["rank"], unit["name"]
        if unit.get("count_label"):
            assert rows[unit["name"]]["team_count"] == unit["team_count"]


def test_planning_director_summary_line_is_read_and_holds(units, real_store) -> None:
    (top,) = [r for r in units[DIRECTOR] if r["source"] == "chart" and r["parent_id"] is None]
    assert parse_summary(top["summary"]) == {"담당관": 5, "추진단": 1, "팀": 20}
    assert top["name"] == "기 획 관" and top["canonical_name"] == "기획관"
    wrapped = [r for r in units[DIRECTOR] if r["canonical_name"] == "부울경초광역경제동맹추진단"]
    assert [r["name"] for r in wrapped] == ["부울경초광역 경제동맹추진단"]
    _, issues = real_store.query(
        "SELECT check_name FROM validation_issues WHERE doc_id = ? AND check_name LIKE 'org_%'", [DIRECTOR]
    )
    assert issues == []


@pytest.mark.parametrize("doc_id", sorted(CHARTS))
def test_chart_units_written_out_by_hand(units, real_store, doc_id: str) -> None:
    chart = CHARTS[doc_id]
    assert chart_edges(units[doc_id], chart["page"]) == expected_edges(chart["tree"])
    (top,) = [r for r in units[doc_id] if r["source"] == "chart" and r["parent_id"] is None]
    assert parse_summary(top["summary"]) == chart["summary"]
    _, issues = real_store.query(
        "SELECT message FROM validation_issues WHERE doc_id = ? AND check_name = 'org_summary'", [doc_id]
    )
    assert issues == []


def test_teams_listed_in_a_box_carry_the_count_printed_above_them(units) -> None:
    rows = {r["canonical_name"]: r for r in units["busan2025_planning_coordination_office"]}
    assert (rows["예산담당관"]["team_count"], rows["예산담당관"]["staff_count"]) == (5, 35)
    nikl = {r["canonical_name"]: r for r in units["nikl2022_work_plan"]}
    assert (nikl["원장"]["staff_count"], nikl["원장"]["team_count"]) == (53, None)


def test_org_tree_view_gives_paths_and_depths(real_store) -> None:
    _, rows = real_store.query(
        "SELECT path, depth, org_key FROM v_org_tree WHERE doc_id = ? AND canonical_name = '송무'", [DIRECTOR]
    )
    ((path, depth, key),) = rows
    assert (path, depth) == ("기획관 > 법무담당관 > 송무", 2)
    assert key.endswith(":송무")


def test_headcounts_link_to_the_units_they_count(real_store) -> None:
    """The 정원/현원 table of 문화체육국 names its units; the headcount of `근현대 역사관` (the table's
    short form) belongs to the chart's 부산근현대역사관."""
    _, rows = real_store.query(
        "SELECT h.org_unit, v.path, h.authorized, h.current FROM headcounts h JOIN v_org_tree v "
        "ON v.doc_id = h.doc_id AND v.unit_id = h.org_unit_id WHERE h.doc_id = ? AND h.category = '합계'",
        ["busan2025_culture_sports_bureau"],
    )
    linked = {name: (path, authorized, current) for name, path, authorized, current in rows}
    # every column: 12 units named with a unit word, 클래식 부산 beside them, and 계 = the bureau itself
    assert len(linked) == 14
    assert linked["클래식부산"] == ("문화체육국 > 클래식부산", 14, 15)
    assert linked["문화체육국"] == ("문화체육국", 371, 398)
    assert linked["부산근현대역사관"] == ("문화체육국 > 부산근현대역사관", 25, 26)
    assert linked["전국체전기획단"] == ("문화체육국 > 전국체전기획단", 14, 27)


def test_no_unit_is_two_boxes_or_a_stray_glyph(realdocs_all_stores) -> None:
    """On every document of the real-documents folder (Busan, NIKL and ministry charts; HWP, HWPX and PDF;
    사업설명자료 and FIS briefs): no unit name is two names side by side, one glyph, a cut phrase with
    an open bracket or a count (`20개국`)."""
    names: list[tuple[str, str]] = []
    for store in realdocs_all_stores:
        names += store.query("SELECT doc_id, name FROM org_units")[1]
    documents = [row for store in realdocs_all_stores for row in store.query("SELECT source_path FROM documents")[1]]
    assert len(documents) == 32 and len({doc_id for doc_id, _ in names}) >= 13
    assert [(doc_id, name) for doc_id, name in names if is_malformed(name)] == []


def test_malformed_unit_names() -> None:
    assert all(map(is_malformed, ["통계담당관 경제동맹추진단", "별", "고매년수 (20개국", "20개국", "5 과"]))
    assert not any(map(is_malformed, ["기 획", "부울경초광역 경제동맹추진단", "추진단 (별도조직)", "119종합상황실"]))


def test_dashes_join_into_one_stroke_and_boxes_close() -> None:
    dashes = [Graphic(page=1, kind="line", x0=x, top=50, x1=x + 0.8, bottom=50) for x in range(10, 40, 2)]
    frame = [Graphic(page=1, kind="rect", x0=10, top=10, x1=60, bottom=40)]
    found = strokes(dashes + frame, ChartSettings())
    assert Stroke(True, 50.0, 10.0, 38.8, dashed=True) in found
    assert boxes(found, ChartSettings()) == [(10.0, 10.0, 60.0, 40.0)]
    assert rank_of("빅데이터 통계담당관") == "담당관" and rank_of("기 획 관") == "관" and rank_of("팀") is None
    assert is_glued("통계담당관 경제동맹추진단") and not is_glued("부울경초광역 경제동맹추진단")


MOEL_TOP = {
    # 고용노동부 (a ministry chart, not tuned on): the upper tree, written out from the rendered page 2.
    "장관": ["차관", "산업안전보건본부", "정책보좌관", "대변인"],
    "차관": ["감사관", "기획조정실", "고용정책실", "노동정책실", "통합고용정책국", "직업능력정책국", "운영지원과"],
    "기획조정실": ["정책기획관", "국제협력관"],
    "고용정책실": ["노동시장정책관", "고용서비스정책관", "고용지원정책관"],
    "통합고용정책국": ["청년고용정책관"],
    "노동정책실": ["노동정책관", "노사협력정책관", "근로기준정책관", "근로감독정책단"],
    "산업안전보건본부": ["산업안전보건정책실", "중대재해감축로드맵이행추진단(별도조직)", "안전보건감독국"],
    "산업안전보건정책실": ["산업안전예방정책관", "산업보건보상정책관"],
}


def test_ministry_chart_of_narrow_adjacent_boxes(units) -> None:
    """Every unit read off the 고용노동부 chart hangs where the page draws it; most of the tree is read
    (staff boxes hung from the side of a box, 정책보좌관 and 대변인, are not)."""
    expected = {("장관", None)} | {(child, parent) for parent, kids in MOEL_TOP.items() for child in kids}
    found = chart_edges(units["moel2025_work_report"], 2)
    assert found <= expected
    assert len(found) >= 22


def test_hwp_chart_drawn_as_a_table_of_boxes() -> None:
    """국립국어원's chart in the native HWP: the same tree as on the PDF's page 34, from the table's grid."""
    from pipeline.parse import parse_path

    if not (REALDOCS / "nikl2022_work_plan.hwp").exists():
        pytest.skip(f"{REALDOCS} is absent: the real documents are not part of the repository")
    parsed = parse_path(REALDOCS / "nikl2022_work_plan.hwp")
    by_id = {u.unit_id: u for u in parsed.org_units}
    edges = {
        (u.canonical_name, by_id[u.parent_id].canonical_name if u.parent_id else None)
        for u in parsed.org_units
        if u.source == "chart"
    }
    assert edges == expected_edges(CHARTS["nikl2022_work_plan"]["tree"])
    (top,) = [u for u in parsed.org_units if u.source == "chart" and u.parent_id is None]
    assert top.staff_count == 53 and parse_summary(top.summary or "") == {"부": 1, "실": 1, "과": 7}
