"""The one vocabulary: totals, funding sources and placeholders mean the same to every stage."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lexicon.cellkinds import is_value
from pipeline.lexicon.patterns import TOC_ENTRY, find_year, is_year_run, strip_bullets
from pipeline.lexicon.words import (
    ACHIEVEMENT_WORDS,
    ARROW_MARKS,
    ORG_HEADER_WORDS,
    ORG_SUFFIXES,
    PERSON_HEADER_WORDS,
    RATE_WORDS,
    any_word,
    funding_source,
    is_total_label,
    total_rank,
)
from pipeline.normalize import parse_money_breakdown, parse_number
from pipeline.normalize.money import MONEY_MARKS


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


def _bmp() -> list[str]:
    return [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]


def test_a_cell_is_a_label_without_the_patterns_when_no_value_can_start_with_its_first_character() -> None:
    """`is_value` skips its four patterns for a cell whose first character neither a digit nor a sign
    or bracket is (`VALUE_STARTS`): for every character of the BMP in front of a digit, a count, a year
    or a big-unit count, the answer is the patterns' own."""
    from pipeline.lexicon.cellkinds import (
        BIG_UNIT_COUNT,
        ORDINAL_COUNTERS,
        PURE_NUMERIC,
        RANGE_SUFFIX,
        VALUE_WITH_COUNTER,
        YEAR_LABEL,
    )

    def by_patterns(text: str) -> bool:
        text = text.strip()
        if not text or YEAR_LABEL.match(text):
            return False
        if PURE_NUMERIC.match(text) or BIG_UNIT_COUNT.match(text):
            return True
        match = VALUE_WITH_COUNTER.match(text)
        return match is not None and RANGE_SUFFIX.sub("", match.group("counter")) not in ORDINAL_COUNTERS

    rests = ("1", "1,525명", " 1", "0.31억 어절", "19년", "2025 예산", "5%")
    differ = [c for c in _bmp() for rest in rests if is_value(c + rest) != by_patterns(c + rest)]
    assert differ == []
    assert is_value("△1,525명") and is_value("(1,751)") and is_value("１２") and not is_value("구분 1")


def test_a_line_is_no_heading_without_the_patterns_when_no_mark_can_start_with_its_first_character() -> None:
    """`heading_of` tries its six marks only on a line starting with a digit or a mark's first character
    (`HEADING_STARTS`): for every character of the BMP in front of a title, the answer is the patterns'."""
    from pipeline.layout.sections import HEADING_PATTERNS, MAX_TITLE_CHARS, _titled, clean_title, heading_of

    def by_patterns(text: str) -> tuple[int, str, str] | None:
        stripped = clean_title(text)
        for level, pattern in HEADING_PATTERNS:
            match = pattern.match(stripped)
            if match and level == 2 and not _titled(match.group("title")):
                continue
            if match and (level >= 5 or len(stripped) <= MAX_TITLE_CHARS):
                return level, match.group("marker"), clean_title(match.group("title"))
        return None

    rests = (". 일반 현황", " 일반 현황", "일반 현황", "I. 일반 현황", "1 연혁", "")
    differ = [c for c in _bmp() for rest in rests if heading_of(c + rest) != by_patterns(c + rest)]
    assert differ == []
    assert heading_of("Ⅱ. 주요업무") == (1, "Ⅱ.", "주요업무") and heading_of("３ 연혁") == (2, "３", "연혁")
    assert heading_of("가. 일반 현황") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\u3000*□○①Ⅱ1-.가나다 ", max_size=20))
def test_a_line_has_the_heading_of_its_stripped_text(text: str) -> None:
    """The project list and the section tree ask `heading_of` with the stripped line (one cached answer
    for both): the surrounding spaces never change the answer."""
    from pipeline.layout.sections import heading_of

    assert heading_of(text) == heading_of(text.strip())
    assert heading_of(" □ 사업개요 ") == heading_of("□ 사업개요") == (4, "□", "사업개요")


WORD_LISTS = [RATE_WORDS, RATE_WORDS + ACHIEVEMENT_WORDS, ORG_HEADER_WORDS, ARROW_MARKS, MONEY_MARKS]
"""The word lists the code tests with `any_word`."""
LETTERS = "".join(sorted({c for words in WORD_LISTS for w in words for c in w})) + " a1(.|*?"
SUFFIX_LETTERS = "".join(sorted({c for w in PERSON_HEADER_WORDS + ORG_SUFFIXES for c in w}))


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_any_word_finds_a_word_exactly_where_one_is_in_the_text(data: st.DataObject) -> None:
    """`any_word(words).search(text)` stands for `any(w in text for w in words)` in labels and lines: the
    same answer for the lists the code uses and for any words, regex marks and no word at all included."""
    some_words = st.lists(st.text(LETTERS, max_size=3), max_size=4)
    words = data.draw(st.one_of(st.sampled_from(WORD_LISTS), some_words))
    text = data.draw(st.text(LETTERS, max_size=12))
    assert bool(any_word(words).search(text)) == any(w in text for w in words)


@settings(max_examples=500, deadline=None)
@given(st.text(SUFFIX_LETTERS, max_size=8))
def test_the_suffix_tests_in_one_call_answer_as_the_word_by_word_ones(text: str) -> None:
    """headcounts.header_kind and budget.is_org_label test suffixes with one `str.endswith(tuple)`."""
    one_by_one = any(text.endswith(w) or text == w for w in PERSON_HEADER_WORDS)
    assert text.endswith(PERSON_HEADER_WORDS) == one_by_one
    if any(text.endswith(s) and len(text) > len(s) for s in ORG_SUFFIXES):
        assert text.endswith(ORG_SUFFIXES)
