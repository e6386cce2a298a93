"""Real Korean public-sector PDFs (../shared/realdocs, not redistributed): 기본현황 tables come out right."""

from __future__ import annotations

import pytest

from pipeline.warehouse import Warehouse
from tests.conftest import REALDOCS_FILES, find_cell

PLANNING = "busan2025_planning_coordination_office"
HEALTH = "busan2025_citizen_health_bureau"
RESEARCH = "busan2025_health_environment_research_institute"
CULTURE = "busan2025_culture_sports_bureau"
NIKL = "nikl2022_work_plan"


@pytest.fixture(scope="module")
def real(realdocs_store: Warehouse) -> Warehouse:
    return realdocs_store


def value(store, doc_id: str, page: int, row: str, column: str) -> tuple[str, int | None]:
    """(raw text, won) of the cell whose labels, spaces ignored, are `row` and `column` on a page."""
    cell = find_cell(store, doc_id, page=page, row=row, col=column)
    return cell["raw_text"], cell["amount_krw"]


def test_every_real_document_loads(real: Warehouse) -> None:
    _, rows = real.query("SELECT doc_id, status FROM documents ORDER BY doc_id")
    assert rows == sorted((name.rsplit(".", 1)[0], "ok") for name in REALDOCS_FILES)


def test_planning_office_headcount_and_budget_in_eok(real) -> None:
    store = real
    assert value(store, PLANNING, 4, "정원", "6급") == ("70", None)
    assert value(store, PLANNING, 4, "과부족", "6급")[0] == "△20"
    raw, won = value(store, PLANNING, 4, "합계", "’25년당초예산예산액")
    assert (raw, won) == ("17,855", 1_785_500_000_000)  # (단위 : 억원, %)
    _, rows = store.query(
        "SELECT category, authorized, current FROM headcounts WHERE doc_id = ? AND page = 4 ORDER BY category",
        [PLANNING],
    )
    assert ("5급", 25, 24) in rows and ("합계", 149, 149) in rows


def test_citizen_health_headcount_and_revenue(real) -> None:
    store = real
    assert value(store, HEALTH, 5, "현원", "계") == ("100", None)
    assert value(store, HEALTH, 5, "세입", "계") == ("112,628", 112_628_000_000)  # (단위:백만원)


def test_research_institute_negatives_and_shares(real) -> None:
    store = real
    assert value(store, RESEARCH, 6, "과ㆍ결원", "계")[0] == "△8"
    _, rows = store.query(
        "SELECT raw_text, amount_krw FROM cells WHERE doc_id = ? AND page = 6 AND col_label = '세외수입' AND NOT is_header",
        [RESEARCH],
    )
    assert rows == [("213(18.5%)", 213_000_000)]  # (단위:백만원), 18.5% printed beside the amount


def test_culture_bureau_wide_table_is_not_glued(real) -> None:
    store = real
    assert value(store, CULTURE, 5, "세입", "계") == ("152,588", 152_588_000_000)
    assert value(store, CULTURE, 5, "세입", "문화예술과") == ("68,494", 68_494_000_000)
    assert value(store, CULTURE, 5, "세출", "체육시설관리사업소") == ("28,992", 28_992_000_000)
    assert value(store, CULTURE, 5, "현원", "전국체전기획단") == ("27", None)


def test_nikl_side_by_side_headcounts_and_budget(real) -> None:
    store = real
    _, rows = store.query(
        "SELECT category, authorized, current FROM headcounts WHERE doc_id = ? AND page = 34", [NIKL]
    )
    assert ("학예연구사", 16, 16) in rows and ("행정주사보", 2, 4) in rows
    assert ("합계", 53, 51) in rows
    assert value(store, NIKL, 35, "합계", "2021년(A)") == ("22,565", 22_565_000_000)


def test_table_of_contents_is_not_a_kpi_table(real) -> None:
    """Page 3 is the 목차 (`Ⅱ. 2024년 주요성과 ···· 5`, `Ⅲ. 정책목표 ...`): its words are a KPI table's
    words, but its lines are table-of-contents entries (dot leaders ending in a page number), so no table
    at all and no count 5 or 10; page 13 is the real KPI table (목표 / 실적 / 달성률)."""
    _, rows = real.query("SELECT page, kind FROM tables WHERE doc_id = ? AND page IN (3, 13) ORDER BY page", [RESEARCH])
    assert (13, "kpi") in rows and not [page for page, _ in rows if page == 3]
    _, cells = real.query("SELECT count(*) FROM cells WHERE doc_id = ? AND page = 3", [RESEARCH])
    assert cells == [(0,)]
