"""Normalizers on the forms the sample reports print (file and line in comments), plus round-trip properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import (
    classify_cell,
    find_as_of,
    find_money,
    normalize_name,
    parse_date,
    parse_date_range,
    parse_money,
    parse_money_breakdown,
    parse_money_range,
    parse_number,
    parse_unit_annotation,
    search_form,
)
from pipeline.normalize.units import annotation_units


@pytest.mark.parametrize(
    ("text", "unit", "won"),
    [
        ("1조 4천억원", None, 1_400_000_000_000),  # 001 line 966
        ("170억 2천만원", None, 17_020_000_000),  # 000 line 157
        ("4조 4,075억", None, 4_407_500_000_000),  # 001 line 1106
        ("1억 5천만원", None, 150_000_000),
        ("2천만원", None, 20_000_000),  # 001 line 923
        ("3.2조원", None, 3_200_000_000_000),  # 001 line 989
        ("9.5억원", None, 950_000_000),
        ("1.5억원", None, 150_000_000),
        ("15억(5%)", None, 1_500_000_000),  # 002 line 452
        ("6,862억", None, 686_200_000_000),  # 001 line 1100
        ("5억 이내", None, 500_000_000),  # 001 line 789
        ("20,255백만원", None, 20_255_000_000),  # 001 line 338
        ("341,800천원", None, 341_800_000),  # 000 line 148
        ("1,764백만 원", None, 1_764_000_000),  # 002 line 86
        ("10,000원", None, 10_000),  # 000 line 267
        ("0.31억", None, 31_000_000),
        ("12.03억원", None, 1_203_000_000),
        ("1,370,315", "천원", 1_370_315_000),  # 000 line 71 in a (단위 : 천원) table
        ("192.5", "억원", 19_250_000_000),  # 001 line 1000, (市출자금, 단위 : 억원)
        ("4,800천원", "원", 4_800_000),  # a unit on the value beats the context
        ("-2,011", "원", -2_011),  # 000 line 420
        ("△2,011", "원", -2_011),
        ("300억원", None, 30_000_000_000),  # 002 line 409
        ("120,000원×50명×12개월", None, 120_000),  # 002 line 805
    ],
)
def test_parse_money(text: str, unit: str | None, won: int) -> None:
    assert parse_money(text, unit) == won


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("1억 5천만회", None),  # views, not won
        ("1만2천개사", None),  # firms
        ("3,435명", "천원"),  # 000 line 43: people, even in a money table
        ("1,370,315", None),  # no unit anywhere: never guess
        ("2021년", "천원"),
        ("2023. 11. 13.", "천원"),
        ("64.96%", "천원"),
        ("△1.5%", None),
        ("1~1.5억원", None),  # a range, not one amount
        ("0.31억 어절", None),  # nikl: words, not won
        ("비예산", "천원"),
        ("1.2345원", None),  # below one won
    ],
)
def test_not_money(text: str, unit: str | None) -> None:
    assert parse_money(text, unit) is None


def test_breakdown_parts_separated_by_a_space_only() -> None:
    # busan 문화체육국 p72 (printed - 68 -) 사업규모 and p37 (prose)
    assert parse_money_breakdown("1.5억(국비 0.45억 지방비 1.05억)") == [("국비", 45_000_000), ("지방비", 105_000_000)]
    assert parse_money_breakdown("456억원 (설계 16, 공사 419 감리 21)") == [
        ("설계", 1_600_000_000),
        ("공사", 41_900_000_000),
        ("감리", 2_100_000_000),
    ]
    assert parse_money_breakdown("10억원(국비 10 억)") == []  # a unit after a space is no next part
    assert parse_money_breakdown("20억원(국비 50% 시비 50%)") == []  # shares, not amounts


def test_a_breakdown_in_shares_of_the_amount() -> None:
    # busan 시민건강국 p43 (printed - 39 -) 사업규모 : 242,000천원(국비50%, 시비50%)
    (money,) = find_money("242,000천원(국비50%, 시비50%)")
    assert (money.amount_krw, money.parts, money.shares) == (242_000_000, [], [("국비", 50), ("시비", 50)])
    (money,) = find_money("30억(국비:지방비 7:3 조건)")  # busan 사회복지국 p48: a ratio, no shares
    assert (money.amount_krw, money.parts, money.shares) == (3_000_000_000, [], [])


def test_breakdowns_inherit_the_unit_of_their_total() -> None:
    assert parse_money_breakdown("154억원(국 55억, 시30억, 구69억)") == [
        ("국비", 5_500_000_000),
        ("시비", 3_000_000_000),
        ("구비", 6_900_000_000),
    ]  # 001 line 1314
    assert parse_money_breakdown("29,324백만원(국 5,760 / 시 19,907 / 구 3,657)") == [
        ("국비", 5_760_000_000),
        ("시비", 19_907_000_000),
        ("구비", 3_657_000_000),
    ]  # 002 line 248
    assert parse_money_breakdown("2,811,000천원 (국 1,686,600 / 시 674,640 / 구 449,760)") == [
        ("국비", 1_686_600_000),
        ("시비", 674_640_000),
        ("구비", 449_760_000),
    ]  # 002 line 285
    # 002 line 147: sources and amounts in two brackets; the typo `24,00` is skipped, not guessed
    assert parse_money_breakdown("24,000천원 (국비/시비/구비/민간) (16,800/2,880/1,920/24,00)") == [
        ("국비", 16_800_000),
        ("시비", 2_880_000),
        ("구비", 1_920_000),
    ]


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("1억2천5백만원", 125_000_000),
        ("1억 2천 5백만원", 125_000_000),
        ("3천5백만원", 35_000_000),
        ("2조5천억원", 2_500_000_000_000),
        ("5천5백억원", 550_000_000_000),
        ("4천2백만 원", 42_000_000),
        ("1조 2천3백억원", 1_230_000_000_000),
        ("2천5백3십7만원", 25_370_000),
    ],
)
def test_native_digit_compounds(text: str, won: int) -> None:
    assert parse_money(text) == won
    assert [m.amount_krw for m in find_money(f"- 사업비 : {text} 투입")] == [won]


@pytest.mark.parametrize(
    ("text", "raw", "currency", "amount"),
    [
        # moef2025q2_overseas_investment p1 and p2: 억 달러 with a space, and 억불 glued
        ("해외직접투자액은 총투자액 기준 141.5억 달러로 전년동기 대비", "141.5억 달러", "USD", 14_150_000_000),
        ("감소폭은 완화(’25.1분기 △25.4억 달러 → ’25.2분기", "△25.4억 달러", "USD", -2_540_000_000),
        ("투자(억불) : 98억불로 감소", "98억불", "USD", 9_800_000_000),
        # busan2025_culture_sports_bureau p11: a compound amount glued to 달러
        ("수출상담 2억2,158만달러 거래실적 달성", "2억2,158만달러", "USD", 221_580_000),
        ("약 1억 5천만 달러 규모", "1억 5천만 달러", "USD", 150_000_000),
        ("3,000달러 지원", "3,000달러", "USD", 3_000),
        ("연간 100억 엔 투자", "100억 엔", "JPY", 10_000_000_000),
        ("50억 유로", "50억 유로", "EUR", 5_000_000_000),
    ],
)
def test_an_amount_in_a_foreign_currency_is_never_won(text: str, raw: str, currency: str, amount: int) -> None:
    (money,) = find_money(text)
    assert (money.raw_text, money.amount_krw, money.currency, money.amount) == (raw, None, currency, amount)
    assert parse_money(raw) is None


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("예산 50억 불용액 발생", 5_000_000_000),  # 불용액 (unspent) is no currency
        ("5억 엔진 개발", 500_000_000),
        ("총 5억원과", 500_000_000),
    ],
)
def test_words_that_open_with_a_currency_word_leave_won(text: str, won: int) -> None:
    assert [(m.amount_krw, m.currency) for m in find_money(text)] == [(won, None)]


def test_an_amount_ending_a_line_takes_the_currency_opening_the_next() -> None:
    # moef2025q2_overseas_investment p1: the title breaks between `141.5억` and `달러로`
    (money,) = find_money("‘25년 2분기 해외직접투자는 141.5억", next_line="달러로 전년동기비 13.4% 감소")
    assert (money.amount_krw, money.currency, money.amount) == (None, "USD", 14_150_000_000)
    (won,) = find_money("사업비 141.5억", next_line="불용액은 없음")
    assert (won.amount_krw, won.currency) == (14_150_000_000, None)


def test_money_glued_to_the_next_word_when_spaces_are_lost() -> None:
    # busan2025_social_welfare_bureau p5: the text layer prints the footnote without spaces
    assert [m.amount_krw for m in find_money("※의료급여기금특별회계1,207,655백만원포함")] == [1_207_655_000_000]
    assert find_money("기본 3원칙 준수") == []  # a bare 원 glued to a word is not money


def test_native_digits_without_money_are_not_money() -> None:
    assert parse_money("3천5백명") is None
    assert find_money("참여 인원 2천5백명") == []


def test_approximate_amounts_are_marked() -> None:
    (mention,) = find_money("ㅇ 총사업비 : 약 4천억원 (’25~’29)")
    assert (mention.amount_krw, mention.approximate) == (400_000_000_000, True)
    (mention,) = find_money("- 연간 매출 150억원 내외 예상")
    assert (mention.amount_krw, mention.approximate) == (15_000_000_000, True)
    (mention,) = find_money("- 사업비 1,200백만원")
    assert mention.approximate is False


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("3~20억원", 300_000_000, 2_000_000_000),
        ("1~1.5억원", 100_000_000, 150_000_000),
        ("3억~20억원", 300_000_000, 2_000_000_000),
        ("5 ∼ 10백만원", 5_000_000, 10_000_000),
        ("500만원~1억원", 5_000_000, 100_000_000),
        ("3천~5천만원", None, None),  # the low end's unit is not printed whole: no guess
    ],
)
def test_ranges_keep_both_ends(text: str, low: int | None, high: int | None) -> None:
    assert parse_money(text) is None  # never one guessed number
    assert parse_money_range(text) == ((low, high) if low is not None else None)
    found = find_money(f"- 기업당 {text} 지원")
    if low is None:
        assert all(m.amount_krw is not None or m.low is not None for m in found)
    else:
        (mention,) = found
        assert (mention.amount_krw, mention.low, mention.high) == (None, low, high)


def test_a_year_range_is_not_money() -> None:
    assert [m.amount_krw for m in find_money("- ’24~’26년 총 100억원")] == [10_000_000_000]
    assert find_money("- 2024~2025년 5~10명 채용") == []


def test_a_bare_number_before_an_arrow_takes_the_unit_after_it() -> None:
    # 고용노동부 업무보고 p11 `대체인력 (월120→140만원)`; 부산 사회복지국 p21 `건강생활유지비 인상 (6→12천원)`
    found = find_money("- 대체인력 (월120→140만원) · 동료업무분담지원금 (월20→60만원) 확대")
    assert [(m.raw_text, m.amount_krw) for m in found] == [
        ("120", 1_200_000),
        ("140만원", 1_400_000),
        ("20", 200_000),
        ("60만원", 600_000),
    ]
    assert [m.amount_krw for m in find_money("건강생활유지비 인상 (6→12천원)")] == [6_000, 12_000]
    assert [m.amount_krw for m in find_money("(25→31개소) 3억원")] == [300_000_000]  # counts stay counts


def test_bare_parts_inherit_the_unit_of_their_total() -> None:
    (total,) = find_money("- 총 9,640백만원(시설비 9,100 / 운영비 540)")
    assert total.amount_krw == 9_640_000_000
    assert total.parts == [("시설비", 9_100_000_000), ("운영비", 540_000_000)]
    (total,) = find_money("ㅇ 예산 : 12,750백만원 (위탁 12,300, 보상금 450)")
    assert total.parts == [("위탁", 12_300_000_000), ("보상금", 450_000_000)]
    (total,) = find_money("- 소요예산 : 31,200백만원(국비 80%, 시비 20%)")  # shares, not amounts
    assert total.parts == []
    (total,) = find_money("ㅇ 총사업비 4.5억원(도비 1.5억, 군비 3억)")
    assert total.parts == [("도비", 150_000_000), ("군비", 300_000_000)]


def test_money_in_prose() -> None:
    line = "- 소요 예산 : 170백만원 (반지워크40백만원, 박람회 70백만원, 컨퍼런스 60백만원)"  # 000 line 297
    (total,) = find_money(line)  # one total and its three labelled parts, which add up
    assert total.amount_krw == 170_000_000
    assert total.parts == [("반지워크", 40_000_000), ("박람회", 70_000_000), ("컨퍼런스", 60_000_000)]
    line = "     ‣ 총사업비 : 35,369백만원(’22년 14,169백만원)"  # 001 line 1426
    assert [m.amount_krw for m in find_money(line)] == [35_369_000_000, 14_169_000_000]
    line = "- 총사업비 : 2,789백만원 [국 1,174, 시 1,315, 구 300 ('18.~ '20.)]"  # 002 line 388
    (mention,) = find_money(line)
    assert mention.parts == [("국비", 1_174_000_000), ("시비", 1_315_000_000), ("구비", 300_000_000)]
    assert find_money(" - (분석실적) 1,094건 ('23.9.30.기준)") == []  # 000 line 330
    assert find_money(" ㅇ 벤처투자촉진에 관한 법률 제71조(기금의 투자 등)") == []  # 001 line 957: an article
    assert find_money("참여자 350명 (예비합격자 44명) 선발 (’22.5.~8.)") == []


@pytest.mark.parametrize(
    ("text", "hint", "value", "kind", "unit"),
    [
        ("45개업체", None, "45", "count", "개업체"),  # 000 line 40
        ("3,435명", None, "3435", "count", "명"),
        ("1,094건", None, "1094", "count", "건"),
        ("64.96%", None, "64.96", "pct", "%"),  # 000 line 71
        ("△1.5%", None, "-1.5", "pct", "%"),  # 001 line 149
        ("△10", None, "-10", "count", None),  # 001 line 28
        ("80,4", "집행률(%) 원인행위액", "80.4", "pct", "%"),  # 001 line 95: decimal comma typo
        ("113.2", "달성률(%)", "113.2", "pct", "%"),
        ("900㎡", None, "900", "area", "㎡"),  # 002 line 253
        ("1,124천㎡", None, "1124000", "area", "㎡"),  # 001 line 1335
        ("326m ²", None, "326", "area", "㎡"),
        ("100.53㎡(30평)", None, "100.53", "area", "㎡"),  # 002 line 313
        ("20.3억어절", None, "20.3", "count", "억어절"),  # nikl PDF p3: 2.03 billion words
        ("0.31억 어절", None, "0.31", "count", "억어절"),  # nikl .hwp p3: the same, one space on
        ("45만 명", None, "45", "count", "만명"),
    ],
)
def test_parse_number(text: str, hint: str | None, value: str, kind: str, unit: str | None) -> None:
    parsed = parse_number(text, column_hint=hint)
    assert (parsed.value, parsed.kind, parsed.unit) == (Decimal(value), kind, unit)


def test_pairs_secondary_values_and_footnotes() -> None:
    assert parse_number("29/28").pair == (29, 28)  # 001 line 35
    assert parse_number("269/259").pair == (269, 259)
    footnoted = parse_number("35/361)")  # 001 line 34: 35/36 with footnote 1
    assert (footnoted.pair, footnoted.footnote) == ((35, 36), "1")
    assert parse_number("27(27)").secondary == 27  # 002 line 42
    share = parse_number("213(18.5%)")  # busan 보건환경연구원 p6
    assert (share.value, share.secondary, share.secondary_unit) == (213, Decimal("18.5"), "%")
    assert parse_number("예산현액 ¹⁾") is None
    assert parse_number("80,4", column_hint="집행률(%)").flags == ("decimal_comma_typo",)


def test_a_word_inside_the_brackets_names_what_the_number_counts() -> None:
    # busan 사회복지국 p6 장사시설: 화장장 `1` over a second line `(화장로 15기)`
    named = parse_number("(화장로 15기)")
    assert (named.value, named.unit, named.qualifier) == (15, "기", "화장로")
    assert parse_number("(76,559기)").qualifier is None
    assert parse_number("(전년 대비 5%)") is None  # a phrase, not one word naming a count


def test_a_word_before_the_second_value_names_what_it_counts() -> None:
    # busan 문화체육관광국 p7 문화시설: 영화관 `34 (스크린235)`, 34 cinemas with 235 screens
    screens = parse_number("34 (스크린235)")
    assert (screens.value, screens.secondary, screens.secondary_unit) == (34, 235, "스크린")
    # busan 시민건강국 p6: 종합병원 `29 (상급종합병원 4)`
    assert parse_number("29 (상급종합병원 4)").secondary == 4
    assert parse_number("3 (전년 대비 5)").secondary is None  # a phrase, not one word


@pytest.mark.parametrize("text", ["-", "비예산", "집계중", "추후 공모", "－"])
def test_placeholders_are_not_numbers(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.is_placeholder and parsed.value is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023. 11. 13.", "2023-11-13"),  # 000 line 8
        ("’22.8.29.", "2022-08-29"),  # 001 line 16
        ("'21.8.31. 기준", "2021-08-31"),
        ("(’22.11 개관)", "2022-11"),  # 001 line 350
        ("2020. 10월말", "2020-10"),  # 002 line 39
        ("'23.11월", "2023-11"),  # 000 line 161
        ("＇23.11월", "2023-11"),  # fullwidth apostrophe
        ("2022. 9.", "2022-09"),  # 001 line 8
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert parse_date(text).iso == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("’22.9~12.", "2022-09/2022-12"),  # 001 line 441
        ("2021. 1. ~ 12.", "2021-01/2021-12"),  # 002 line 64
        ("’22.7~’23.2.", "2022-07/2023-02"),  # 001 line 775
        ("'23.09.12(화)~09.26(화)", "2023-09-12/2023-09-26"),  # 000 line 302
        ("'15. 04.~'17. 12.", "2015-04/2017-12"),  # 000 line 19
    ],
)
def test_date_ranges(text: str, iso: str) -> None:
    assert parse_date_range(text).iso == iso


def test_as_of_and_units_from_annotations() -> None:
    assert find_as_of("(2023.9.30. 기준 / 단위 : 천원)").iso == "2023-09-30"
    assert find_as_of("(기준: '20. 10. 31. 단위: 백만원)").iso == "2020-10-31"
    assert parse_unit_annotation("(2023.9.30. 기준 / 단위 : 천원)") == "천원"
    assert parse_unit_annotation("(단위 : 백만원, ’22.8.29. 기준)") == "백만원"
    assert parse_unit_annotation("(단위 : 억원, %)") == "억원"
    assert parse_unit_annotation("[( ) : 市출자금, 단위 : 억원]") == "억원"
    assert parse_unit_annotation("예산(천원)") == "천원"
    assert parse_unit_annotation("면적(㎡)") == "㎡"
    assert parse_unit_annotation("(단위 :십억원)") == "십억원"  # 통합재정통계: the colon glued to the unit
    assert parse_unit_annotation("(단위 천원)") == "천원"  # no colon, but opening its bracket


def test_the_word_unit_alone_is_no_unit_annotation() -> None:
    """`단위사업` (a 사업설명자료 column head: the budget programme level) is not `단위: 사업`; an annotation
    prints its colon or opens its bracket."""
    assert parse_unit_annotation("단위사업") is None
    assert parse_unit_annotation("(단위사업)") is None
    assert annotation_units("단위사업 코드") == []
    assert annotation_units("(단위 백만원, %)") == ["백만원", "%"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("경 제 정 책 과", "경제정책과"),
        ("바 이 오 A I 산 업 과", "바이오AI산업과"),
        ("캠 퍼 스타 운 활 성 화 과", "캠퍼스타운활성화과"),
        ("미 디 어 콘 텐 츠산 업 과", "미디어콘텐츠산업과"),
        ("서울 국제 주얼리 컨퍼런스", "서울 국제 주얼리 컨퍼런스"),
        ("주얼리 혁신 성장 패키지 지원", "주얼리 혁신 성장 패키지 지원"),
        ("예산액(A) 금 액", "예산액(A) 금액"),
        # busan 문화체육관광국 p61: `‘24년` (an opening quote 한글 typed) beside `’23년 이전` in one table
        ("총사업비 (‘25년)", "총사업비 (’25년)"),
        ("'19년 실적", "’19년 실적"),
        ("‘2025", "‘2025"),
        # FIS 22-4 p4 <표 4>, a stub label wrapped `보전수입 등` / `및 내부거래`: 및 joins two names
        ("보전수입 등 및 내부거래", "보전수입 등 및 내부거래"),
        # 국립국어원 p32: `다듬은 말 선정 및 활용 등 홍보(연중)`
        ("다듬은 말 선정 및 활용 등 홍보", "다듬은 말 선정 및 활용 등 홍보"),
    ],
)
def test_spaced_out_names(text: str, name: str) -> None:
    assert normalize_name(text) == name


def test_hanja_abbreviations_are_searchable() -> None:
    assert (
        search_form("市 출자금, 區 지원, 國 비, 全 과정, 年 20억")
        == "시 출자금, 구 지원, 국 비, 전 과정, 년 20억"
    )
    assert search_form("정ᆞ현원 홍릉․창동") == "정·현원 홍릉·창동"


def test_cells_take_the_unit_of_value_then_column_then_table() -> None:
    assert classify_cell("1,370,315", "천원", col_label="예산액(A) 금액").amount_krw == 1_370_315_000
    assert classify_cell("100.0%", "천원", col_label="예산액(A) %").value_kind == "pct"
    assert classify_cell("29,324", None, col_label="소요예산 (백만원)").amount_krw == 29_324_000_000
    assert classify_cell("48", "백만원", col_label="지원과제 수").value_kind == "count"
    assert classify_cell("2007.5.2", "천원", col_label="등록일").value_kind == "date"


WON_AMOUNTS = st.integers(min_value=1, max_value=99_999_999_999_999)


def _commas(n: int) -> str:
    return f"{n:,}"


def _korean(won: int) -> str:
    """`N조 M억 K만원` style, skipping zero groups."""
    jo, rest = divmod(won, 10**12)
    eok, rest = divmod(rest, 10**8)
    man, one = divmod(rest, 10**4)
    parts = [f"{jo:,}조" if jo else "", f"{eok:,}억" if eok else "", f"{man:,}만" if man else ""]
    text = " ".join(p for p in parts if p)
    return (f"{text} {one:,}원" if text else f"{one:,}원") if one else f"{text}원"


def _native(n: int) -> str:
    """0 < n < 10,000 in native digit words, as reports write them: 2,537 -> `2천5백3십7`."""
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, ones = divmod(rest, 10)
    words = [(thousands, "천"), (hundreds, "백"), (tens, "십"), (ones, "")]
    return "".join(f"{d}{w}" for d, w in words if d)


def _native_korean(won: int) -> str:
    """`1억2천5백만원` style: every 4-digit group in native digit words, optionally spaced."""
    jo, rest = divmod(won, 10**12)
    eok, rest = divmod(rest, 10**8)
    man, one = divmod(rest, 10**4)
    parts = [
        f"{_native(jo)}조" if jo else "",
        f"{_native(eok)}억" if eok else "",
        f"{_native(man)}만" if man else "",
    ]
    text = "".join(p for p in parts if p)
    return f"{text}{_native(one)}원" if one else f"{text}원"


@settings(max_examples=300, deadline=None)
@given(WON_AMOUNTS, st.booleans())
def test_native_digit_compounds_round_trip(won: int, spaced: bool) -> None:
    text = _native_korean(won)
    if spaced:
        text = text.replace("억", "억 ").replace("조", "조 ").strip()
    assert parse_money(text) == won
    assert [m.amount_krw for m in find_money(f"- 사업비 : {text} 투입")] == [won]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=9_999),
    st.integers(min_value=0, max_value=9_999),
    st.sampled_from(["억원", "백만원", "천원", "만원"]),
    st.booleans(),
)
def test_ranges_round_trip_with_both_ends(low: int, extra: int, unit: str, low_has_unit: bool) -> None:
    high = low + extra
    scale = {"억원": 10**8, "백만원": 10**6, "천원": 10**3, "만원": 10**4}[unit]
    low_text = f"{low:,}{unit}" if low_has_unit else f"{low:,}"
    text = f"{low_text}~{high:,}{unit}"
    assert parse_money(text) is None
    assert parse_money_range(text) == (low * scale, high * scale)
    (mention,) = find_money(f"- 기업당 {text} 지원")
    assert (mention.amount_krw, mention.low, mention.high) == (None, low * scale, high * scale)


@settings(max_examples=300, deadline=None)
@given(WON_AMOUNTS, st.sampled_from(["원", "천원", "백만원", "억원", "korean", "decimal억", "negative"]))
def test_formatting_then_parsing_gives_the_same_won(won: int, style: str) -> None:
    if style == "원":
        assert parse_money(f"{_commas(won)}원") == won
    elif style in ("천원", "백만원", "억원"):
        scale = {"천원": 10**3, "백만원": 10**6, "억원": 10**8}[style]
        whole = won * scale
        assert parse_money(f"{_commas(won)}{style}") == whole
        assert parse_money(_commas(won), unit=style) == whole
    elif style == "korean":
        assert parse_money(_korean(won)) == won
    elif style == "decimal억":
        tenths = won % 1000
        text = f"{tenths // 10}.{tenths % 10}억원"
        assert parse_money(text) == tenths * 10**7
    else:
        assert parse_money(f"△{_commas(won)}", unit="원") == -won


def test_a_line_without_won_or_a_big_unit_is_not_searched_for_money(monkeypatch: pytest.MonkeyPatch) -> None:
    """`find_money` without a unit returns at once for a line with none of 원/만/억/조: on every line of
    the four samples and of the nikl text report it finds what the full search finds."""
    from pipeline.lexicon.words import any_word
    from pipeline.normalize import money
    from tests.conftest import RAW, REALDOCS

    nikl = REALDOCS / "nikl2022_work_plan.txt"
    texts = [*sorted(RAW.glob("*.txt")), *([nikl] if nikl.is_file() else [])]
    lines = [line for path in texts for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ["사업비 3천5백 (국비 50%)", "총 20,255백만원", "3~20억 규모", "1,525명 45개소"]
    quick = [money.find_money(line) for line in lines]
    monkeypatch.setattr(money, "MONEY_MARK", any_word([""]))  # "" is in every line: the full search
    assert quick == [money.find_money(line) for line in lines]
    assert sum(map(len, quick)) > 100 and money.find_money("1,525명 45개소") == []


def test_a_year_is_a_date_where_its_head_or_its_word_says_so() -> None:
    assert classify_cell("2005", None, col_label="설치 년도").value_kind == "date"
    assert classify_cell("2027년", None, col_label="시기").value_kind == "date"
    assert classify_cell("2005", "명", col_label="연도별 계획 2024").value == 2005  # a count under a year
    assert classify_cell("3년", None, col_label="기간").value == 3  # a duration
    # busan 시민건강국 p6 달빛어린이병원 운영시기 `2016.1월`; 문화체육관광국 p43 `‘24.10월`
    assert classify_cell("2016.1월", None, col_label="운영시기").value_kind == "date"
    assert classify_cell("‘24.10월", None).value_kind == "date"
    assert classify_cell("3월", None).value_kind == "count"


def test_a_closing_bracket_opened_nowhere_before_a_share_is_a_typo() -> None:
    """FIS 22-4 p4 <표 5> (단위: 억원, %), 2015 국고보조금 is printed `450,978)` over `(56.4%)`: the amount and
    its share are both read; a footnote `1)` after a number is not touched."""
    cell = classify_cell("450,978) (56.4%)", "억원", row_label="국고보조금", col_label="2015")
    assert (cell.amount_krw, cell.secondary_value, cell.secondary_kind) == (45_097_800_000_000, 56.4, "pct")
    assert classify_cell("672,260 (100%)", "억원", col_label="2013").secondary_value == 100


@pytest.mark.parametrize(
    ("text", "hint", "read"),
    [
        # a word, then a value with its unit: the value is the number (culture p74, 소규모주택정비사업 p4)
        ("방문 60개소", None, (60, "count", "개소", None, None, ())),
        ("최대 2%p", "지원 비율(%)", (2, "pct", "%p", None, None, ())),
        ("총사업비 50% 이내 (공적임대 공급시 70%)", "지원 비율(%)", (50, "pct", "%", 70, "공적임대 공급시", ())),
        ("약 200개", None, (200, "count", "개", None, None, ())),
        # a range of rates or counts: the low end, the high end second (소규모주택정비사업 p1)
        ("총사업비 50~70%", "융자율 (%)", (50, "pct", "%", 70, "%", ("range",))),
        ("3~5명", None, (3, "count", "명", 5, "명", ("range",))),
    ],
)
def test_a_value_after_a_word_or_in_a_range_is_read(text: str, hint: str | None, read: tuple) -> None:
    parsed = parse_number(text, column_hint=hint)
    assert parsed is not None
    got = (parsed.value, parsed.kind, parsed.unit, parsed.secondary, parsed.secondary_unit, parsed.flags)
    assert got == read


@pytest.mark.parametrize(
    "text",
    [
        "평당 1,722만원",  # a price per unit, no amount of the row
        "약 7천여대",  # about 7,000: 천 is no counter
        "제 3기",  # an ordinal
        "민간 3",  # a bare number after a word
        "1~3단계",  # a range of ordinals
        "9~18시",  # hours
    ],
)
def test_a_word_before_a_number_is_no_value_of_its_own(text: str) -> None:
    parsed = parse_number(text)
    assert parsed is None or parsed.value is None


def test_a_range_of_counts_is_no_pair_of_authorized_and_current() -> None:
    """`3~5명` holds two counts, the ends of one range: a headcount table must not read them as 정원/현원."""
    from pipeline.extract.headcounts import cell_pair
    from pipeline.schemas.records import CellRecord

    def cell(text: str) -> CellRecord:
        value = classify_cell(text, None)
        return CellRecord(doc_id="d", table_id="t", row_idx=1, col_idx=1, raw_text=text, line=1, **value.record_fields())

    ranged = cell("3~5명")
    assert (ranged.value, ranged.secondary_value, ranged.flags) == (3, 5, ["range"])
    assert cell_pair(ranged) is None
    assert cell_pair(cell("27(27)")) == (27, 27)
