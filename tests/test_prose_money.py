"""Money in prose read as a person reads it: lines copied from the text layers of real reports, each value
read off the rendered page (pdfplumber `page.to_image()`), never from the pipeline's output."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.evaluate import score_document
from pipeline.normalize.money import find_money
from pipeline.schemas.facts import AmountMention
from pipeline.schemas.records import DocumentRecord, ParsedDocument


def amounts(text: str) -> list[tuple[int | None, list[tuple[str, int]]]]:
    return [(m.amount_krw, m.parts) for m in find_money(text)]


def test_a_footnote_breakdown_whose_labels_are_glued_to_the_numbers_before_them() -> None:
    """planning coordination p5, under the 관리채무 table (단위: 억원): the page prints `(일반 19,730 특별
    8,174 기금 3,509 BTL 4,269)`; the text layer lost the spaces before 특별, 기금 and BTL. The parts are in
    the total's last unit, 억원, and add up to 35,682억원."""
    line = "※관리채무 :3조 5,682억원(일반 19,730특별 8,174기금 3,509BTL4,269)"
    assert amounts(line) == [
        (
            3_568_200_000_000,
            [
                ("일반", 1_973_000_000_000),
                ("특별", 817_400_000_000),
                ("기금", 350_900_000_000),
                ("BTL", 426_900_000_000),
            ],
        )
    ]


def test_a_rise_marked_with_an_arrow_after_the_amount() -> None:
    """planning coordination p13: `지방세 5조 3,267억원(2,252억↑), 세외수입 4,864억원(61억↑)`."""
    line = "*지방세5조3,267억원(2,252억↑),세외수입4,864억원(61억↑)"
    assert [won for won, _ in amounts(line)] == [
        5_326_700_000_000,
        225_200_000_000,
        486_400_000_000,
        6_100_000_000,
    ]


def test_a_breakdown_after_a_dash_inside_the_amounts_own_bracket() -> None:
    """culture sports p10: `미래무형유산육성사업(50백만원-국25,시25)`: 25 + 25 = 50 백만원."""
    line = "- 전수학교 지원(16개교/760여 명), 미래무형유산육성사업(50백만원-국25,시25)"
    assert amounts(line) == [(50_000_000, [("국비", 25_000_000), ("시비", 25_000_000)])]


def test_a_two_digit_thousands_group_is_a_misprint_a_reader_reads_through() -> None:
    """고용노동부 청년일자리창출지원 p1 prints `최대 12,00만원` (청년일자리도약장려금: at most 1,200만원)."""
    line = "정규직으로 채용 후 6개월 이상 고용유지 시 최장 2년간 최대 12,00만원을 지원하여"
    assert amounts(line) == [(12_000_000, [])]
    assert amounts("(10,20대 청년 5만원)") == [(50_000, [])]  # a list of two-digit numbers is no misprint


def test_a_dash_after_a_closing_bracket_subtracts() -> None:
    """통합재정통계 2010.11 p1: `△6,169십억원 = 21,802십억원(통합재정수지) - 27,971십억원(사회보장성기금)`:
    27,971 is what is subtracted, not a negative amount; △ and a dash before a lone number still sign it."""
    line = "ㅇ △6,169십억원 =21,802십억원(통합재정수지)-27,971십억원(사회보장성기금)"
    assert [won for won, _ in amounts(line)] == [-6_169_000_000_000, 21_802_000_000_000, 27_971_000_000_000]
    assert [won for won, _ in amounts("증감 (-20억원)")] == [-2_000_000_000]


@pytest.mark.parametrize(
    "line",
    [
        # culture sports p9: about 50,000 visitors
        "- 10.4.∼10.8. (5일간) , 국내외 공연산업관계자 (36개국 314명) , 관람객 (5만여명)",
        # culture sports p7 (영화진흥위원회 조직) and planning coordination p8 (공단 조직): 원 is an institute
        "1국 3본부 1센터 1원 14팀",
        "○조 직:4본부4실10처2원53팀(소)",
        # health environment institute p6: section 3, `조 직` letter-spaced
        "3 조 직 ▷ 1팀, 4부(14팀, 2소), 1시험소(2팀)",
        # 고용노동부 p3: articles 2 and 3 of the 노조법
        "ㅇ(노조법 개정) 노동권 보장 및 원하청 간 대화촉진법인 노조법 2·3조 개정 *",
        # 고용노동부 p4 and 국립국어원 p8: 700,000 young people, 200,000 sets
        "□(미래세대 청년 고용 불안) 20·30 쉬었음 청년 70만, 현 상황 지속시 숙련·",
        "생성 말뭉치 ▲신규 구축 (1종) :맥락 문장 추론 말뭉치 (20만 세트)",
    ],
)
def test_counts_that_look_like_money_are_not(line: str) -> None:
    assert find_money(line) == []


def test_ten_thousands_without_won_are_money_where_the_line_names_money() -> None:
    assert amounts("지원금 월 20만 지급") == [(200_000, [])]
    assert amounts("사업비 3조 투입") == [(3_000_000_000_000, [])]


def test_a_range_is_found_by_the_expected_mentions_of_both_its_ends() -> None:
    """고용노동부 p7 `비수도권 훈련수당 우대 (40~80만원)`: one range mention; the expected file lists its ends
    (`40` = 400,000 won, `80만원`), each found by it, and the range is correct."""
    record = DocumentRecord(
        doc_id="d", source_path="d.pdf", status="ok", parser_version="t", ingested_at=datetime.now(UTC)
    )
    [money] = find_money("-AI 등 미래역량 훈련 확대 (’26년, 4.9만명) , 비수도권 훈련수당 우대 (40~80만원)")
    mention = AmountMention(
        doc_id="d",
        raw_text=money.raw_text,
        amount_krw=money.amount_krw,
        amount_low_krw=money.low,
        amount_high_krw=money.high,
        line=18,
        page=7,
    )
    expected = {
        "mentions": [
            {"page": 7, "raw": "40", "amount_krw": 400_000},
            {"page": 7, "raw": "80만원", "amount_krw": 800_000},
        ]
    }
    score = score_document(expected, ParsedDocument(document=record, amount_mentions=[mention]))["mentions"]
    assert (score.found, score.correct, score.produced) == (2, 1, 1)
    wrong = {"mentions": [{"page": 7, "raw": "60만원", "amount_krw": 600_000}]}
    score = score_document(wrong, ParsedDocument(document=record, amount_mentions=[mention]))["mentions"]
    assert (score.found, score.correct) == (0, 0)


def test_a_unit_in_a_labels_bracket_holds_for_the_bare_numbers_after_its_colon() -> None:
    """A synthetic line in the form press releases print (`… 투자(억불) : (’22) 119, (’23) 105`): the unit is
    printed once, in the label's bracket; each year's number is in it (dollars here, never converted)."""
    found = find_money("□ 해외직접투자(억불) : (’22) 119, (’23) 105")
    assert [(m.raw_text, m.currency, m.amount, m.amount_krw) for m in found] == [
        ("119", "USD", 11_900_000_000, None),
        ("105", "USD", 10_500_000_000, None),
    ]
    assert amounts("- 사업비(백만원): 국비 300, 시비 200") == [(300_000_000, []), (200_000_000, [])]
    # an amount printing its own unit keeps it; a year mark, a rate and a count take none
    assert amounts("예산(억원) : 총 154억원, (’25) 5.2% 증가, 3건") == [(15_400_000_000, [])]
    # without a colon the label and numbers may be a table row laid out as text (raw/001 `매출액(백만원)
    # 309,532 308,099 8 1,425`, whose columns a line cannot tell): no unit from the bracket
    assert amounts("매출액(백만원) 309,532 308,099 8 1,425") == []
