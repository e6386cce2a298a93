"""The one vocabulary: totals, funding sources and placeholders mean the same to every stage."""

from __future__ import annotations

import pytest

from pipeline.lexicon.cellkinds import is_value
from pipeline.lexicon.patterns import TOC_ENTRY, find_year, is_year_run, strip_bullets
from pipeline.lexicon.words import funding_source, is_total_label, total_rank
from pipeline.normalize import parse_money_breakdown, parse_number


@pytest.mark.parametrize(
    ("label", "rank"),
    [
        ("총계", 4),
        ("민간위탁금 총계", 4),
        ("합 계", 3),
        ("합계", 3),
        ("세입합계", 3),
        ("소계", 2),
        ("계", 1),
        ("(계)", 1),
        ("인건비(계)", 1),  # 000 line 72: a subtotal of the rows under it
        ("운영비(계)", 1),
        ("사업비 (계)", 1),
        ("인건비(합계)", 3),
        ("운영비 > 합계", 3),
        ("총", 4),
    ],
)
def test_total_labels_have_one_definition(label: str, rank: int) -> None:
    assert total_rank(label) == rank
    assert is_total_label(label)


@pytest.mark.parametrize("label", ["회계", "설계", "체계", "기본급", "총무과", "계약", "합계액비율(%)", None, ""])
def test_words_ending_in_gye_are_not_totals(label: str | None) -> None:
    assert total_rank(label) is None
    assert not is_total_label(label)


def test_funding_words_are_shared_by_tables_and_prose() -> None:
    assert [funding_source(w) for w in ("국 비", "市", "구비", "자부담", "중앙정부")] == [
        "국비",
        "시비",
        "구비",
        "민간",
        "국비",
    ]
    parts = parse_money_breakdown("24,000천원 (국비/시비/구비/민간) (16,800/2,880/1,920/2,400)")
    assert parse_money_breakdown("154억원(국 55억, 시30억, 구69억)") == [
        ("국비", 5_500_000_000),
        ("시비", 3_000_000_000),
        ("구비", 6_900_000_000),
    ]
    assert parts == [
        ("국비", 16_800_000),
        ("시비", 2_880_000),
        ("구비", 1_920_000),
        ("민간", 2_400_000),
    ]


@pytest.mark.parametrize("text", ["-", "－", "…", "비예산", "집계 중", "미정"])
def test_placeholders_are_no_number(text: str) -> None:
    parsed = parse_number(text)
    assert parsed is not None and parsed.is_placeholder and parsed.value is None


def test_list_marks_and_years() -> None:
    assert strip_bullets("- ① 주얼리 기획전") == "주얼리 기획전"
    assert strip_bullets("1. 시민참여 프로그램") == "시민참여 프로그램"
    assert (find_year("’22년 실적"), find_year("2021년(A)"), find_year("구분")) == (2022, 2021, None)


def test_year_runs_and_table_of_contents_entries() -> None:
    assert is_year_run(["23", "24", "25", "26", "27"])  # nikl p25: under `연도별 계획`
    assert is_year_run(["2023", "2024"]) and is_year_run(["’23년", "’24년"])
    assert not is_year_run(["23", "25", "26"]) and not is_year_run(["23"]) and not is_year_run(["2023", "24"])
    assert not is_year_run(["1230", "1231"]) and not is_year_run(["3", "4"])
    assert TOC_ENTRY.search("Ⅱ. 2022년 정책방향············································· 4")
    assert TOC_ENTRY.search("2-3. 국외 한국어교원 인증(K-teacher) 프로그램 개발 ·· 2 7")  # nikl p2
    assert TOC_ENTRY.search("1. 복지정책과...................... 12")
    assert not TOC_ENTRY.search("경제정책과 35 26 8")
    assert not TOC_ENTRY.search("합계 1.5 2.5")
    assert is_value("0.31억 어절") and is_value("20.3억어절") and not is_value("3억 이상")


def test_subtotal_rows_of_000_are_stored_as_totals(store) -> None:
    """000 lines 72, 87, 90 (인건비(계), 운영비(계), 사업비(계)): totals for the facts and the checks alike."""
    _, rows = store.query(
        "SELECT DISTINCT line, is_total FROM budget_facts WHERE doc_id = '000_6b0094b7c08c0da0' "
        "AND line IN (71, 72, 73, 87, 90) ORDER BY line"
    )
    assert rows == [(71, True), (72, True), (73, False), (87, True), (90, True)]
