"""Tables of 001 that lost their tabs: cells separated by single spaces, labels letter-spaced."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.layout.spaced import (
    COMPOUND_AMOUNT,
    COUNT_WORD,
    MAY_HOLD_VALUE,
    VALUE,
    RowTokens,
    Token,
    classify_token,
    find_spaced_tables,
    merge_header_tokens,
    split_row_tokens,
    token_kinds,
    tokens_of,
    word_kind,
)
from pipeline.lexicon.labels import column_labels, row_labels
from pipeline.normalize import normalize_name
from pipeline.parse import parse_path
from pipeline.readers import read_document
from pipeline.schemas.document import Line, Table
from tests.conftest import DOC_001, RAW, REALDOCS


def table_starting(documents, line: int, parent: bool = True) -> Table:
    return next(
        t
        for t in documents[DOC_001].tables
        if t.first_line == line and (t.parent_table_id is None) == parent
    )


def cell(table: Table, row_name: str, column: str) -> tuple[str, int]:
    labels = column_labels(table)
    rows = row_labels(table)
    (found,) = [
        (c.text, c.line)
        for c in table.cells
        if not c.is_header and normalize_name(rows[c.row] or "") == row_name and labels[c.col] == column
    ]
    return found


def test_header_words_are_joined_to_the_number_of_columns() -> None:
    assert merge_header_tokens(["구", "분", "합", "계", "일반직", "임기제"], 4) == ["구분", "합계", "일반직", "임기제"]
    assert merge_header_tokens(["구", "분", "조", "성", "목", "표", "투", "자", "대", "상"], 3) == ["구분", "조성목표", "투자대상"]
    assert merge_header_tokens(["사", "업", "명", "접수과제", "수", "지원과제", "수"], 3) == ["사업명", "접수과제수", "지원과제수"]


def test_table_of_contents_entries_are_not_a_table() -> None:
    """nikl PDF p2 (busan 사회복지국 p3 alike): a heading over dot-leader entries ending in page numbers is
    a table of contents; its page numbers (1, 4, ...) are never counts. A table beside it still reads."""
    texts = [
        "[ 목 차 ]",
        "Ⅰ. 2021년 평가····················································· 1",
        "Ⅱ. 2022년 정책방향············································· 4",
        "Ⅲ. 주요업무 추진계획",
        "1. 언어자원, 키우기························································ 6",
        "2. 언어능력, 높히기························································ 9",
        "",
        "구분 정원 현원",
        "본부 35 33",
        "소속기관 18 18",
    ]
    lines = [Line(number=i + 1, text=t) for i, t in enumerate(texts)]
    (table,) = find_spaced_tables(lines, set())
    assert (table.first_line, table.last_line) == (8, 10)
    assert [c.text for c in table.cells if c.row == 1] == ["본부", "35", "33"]
    assert {c.line for c in table.cells if c.is_header} == {8}


def test_a_count_in_eok_keeps_its_count_word_and_a_header_of_more_words_than_columns_heads_nothing() -> None:
    """nikl .txt line 8: `0.31억 어절` is one value (words counted), not `0.31억` (money) and a trailing
    `어절`. nikl PDF p7, a text box: `말뭉치 구축량 국어문화학교 교육인원 공공언어 감수‧표준화 지원` has more words
    than the rows under it have columns, so it heads no table and `21억` is no money cell."""
    corpus = [
        "연도 ‘18년 ‘19년 ‘20년 ‘21년 누적",
        "원시 말뭉치* 0.31억 어절 18억 어절 1.03억 어절 1.03억 어절 20.3억 어절",
        "분석 말뭉치** - 11종 7종 8종 26종",
    ]
    (table,) = find_spaced_tables([Line(number=i + 1, text=t) for i, t in enumerate(corpus)], set())
    assert [c.text for c in table.cells if c.row == 1] == [
        "원시 말뭉치*", "0.31억 어절", "18억 어절", "1.03억 어절", "1.03억 어절", "20.3억 어절",
    ]  # fmt: skip
    box = [
        "말뭉치 구축량 국어문화학교 교육인원 공공언어 감수‧표준화 지원",
        "목표",
        "누적 21억 어절(‘21) 42,360명(‘21) 4,676건(‘21)",
        "⇒ 누적 22억 어절(‘22) ⇒ 44,000명(‘22) ⇒ 5,000건(‘22)",
    ]
    assert find_spaced_tables([Line(number=i + 1, text=t) for i, t in enumerate(box)], set()) == []


@pytest.mark.skipif(not REALDOCS.is_dir(), reason=f"{REALDOCS} is absent")
def test_word_counts_of_the_nikl_text_export_are_counts_not_money() -> None:
    """nikl2022_work_plan.txt line 8 prints `원시 말뭉치*    0.31억 어절  18억 어절 …  20.3억 어절`: five word
    counts under ‘18년 … 누적 (the .hwp and the PDF give the same five), no 31,000,000-won budget fact."""
    parsed = parse_path(REALDOCS / "nikl2022_work_plan.txt")
    row = {c.col_label: (c.raw_text, c.value_kind, c.value) for c in parsed.cells if c.line == 8 and c.col_idx}
    assert row == {
        "’18년": ("0.31억 어절", "count", 0.31),
        "’19년": ("18억 어절", "count", 18.0),
        "’20년": ("1.03억 어절", "count", 1.03),
        "’21년": ("1.03억 어절", "count", 1.03),
        "누적": ("20.3억 어절", "count", 20.3),
    }
    assert not [f for f in parsed.budget_facts if f.line == 8] and not [c for c in parsed.cells if c.line == 8 and c.amount_krw]


def test_headcount_table_of_001(documents) -> None:
    table = table_starting(documents, 31)
    assert table.caption == "인력현황 - 정원 269 / 현원 259명 (△10)"
    assert column_labels(table) == ["구분", "합계", "여성", "일반직", "임기제", "별정직", "학예연구"]
    assert cell(table, "바이오AI산업과", "합계") == ("20/20", 43)
    assert cell(table, "국제협력과", "임기제") == ("10/8", 39)
    assert cell(table, "경제정책과", "합계") == ("35/361)", 34)
    assert cell(table, "경제정책과", "여성") == ("(17)", 34)


def test_budget_table_of_001_with_a_split_header(documents) -> None:
    table = table_starting(documents, 90)
    assert table.unit_text == "(단위 : 백만원, ’22.8.29. 기준)"
    assert column_labels(table)[4:] == ["집행률(%) 원인행위액", "집행률(%) 지출액"]
    assert cell(table, "경제정책과", "예산현액") == ("134,534", 95)
    assert cell(table, "경제정책과", "집행률(%) 원인행위액") == ("80,4", 95)
    assert cell(table, "계", "예산현액") == ("706,246", 93)
    assert cell(table, "서울시립과학관", "지출액") == ("1,140", 105)


def test_fund_table_values_over_their_bracketed_city_share(documents) -> None:
    table = table_starting(documents, 994)
    shares = table_starting(documents, 994, parent=False)
    assert shares.caption.endswith("(市출자금)")
    assert cell(table, "합계", "’19년") == ("4,435", 998)
    assert cell(shares, "합계", "’19년") == ("192.5", 1000)
    assert cell(table, "바이오", "’22년(예정)") == ("1,300", 1097)
    assert cell(shares, "바이오", "’22년(예정)") == ("110", 1098)


def test_rnd_table_reads_past_group_labels(documents) -> None:
    table = table_starting(documents, 826)
    assert column_labels(table) == ["사업명", "접수과제수", "지원과제수", "지원금액(백만원)"]
    assert cell(table, "계", "지원금액(백만원)") == ("22,000", 847)
    assert cell(table, "(양재) 인공지능 R&D", "접수과제수") == ("91", 840)


def test_prose_is_not_read_as_tables(documents) -> None:
    tables = [t for t in documents[DOC_001].tables if t.source == "aligned"]
    assert all(t.first_line not in range(920, 940) and t.first_line not in range(1730, 1800) for t in tables)


def test_the_value_screen_splits_lines_on_the_same_whitespace_as_the_tokens() -> None:
    """`MAY_HOLD_VALUE` finds a token's start after `\\s`; the tokens are `str.split()`'s: the same
    characters are whitespace to both, over every code point."""
    space = re.compile(r"\s")
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if bool(space.fullmatch(c)) != c.isspace()] == []


def no_row_where_the_screen_finds_no_value(text: str) -> None:
    if not MAY_HOLD_VALUE.search(text):
        assert split_row_tokens(tokens_of(Line(number=1, text=text))) is None, text


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="0١5 \u3000\t\x1c,./%()（）[]-－―△▲+가억조년개명원어절‘’a*※", max_size=24))
def test_a_line_the_value_screen_passes_over_is_no_table_row(text: str) -> None:
    """`find_spaced_tables` does not split a line without a place a value can start: such a line must
    split into labels only (`split_row_tokens` None), whatever its characters."""
    no_row_where_the_screen_finds_no_value(text)


def test_no_line_of_the_text_reports_the_value_screen_passes_over_is_a_table_row() -> None:
    reports = [*RAW.glob("*.txt"), *REALDOCS.glob("*.txt")]
    for line in (line for path in reports for line in read_document(path, text_words=False).lines):
        no_row_where_the_screen_finds_no_value(line.text)


TOKEN_CHARS = "0١5 \u3000\t,./%()（）[]-－―△▲+가억조년개명원어절‘’'a*※"
"""Characters of values, secondaries, years, amounts in 조/억 and count words, and of labels around them."""
WORD_CHARS = "".join(c for c in TOKEN_CHARS if not c.isspace())


def tokens_by_definition(text: str) -> list[tuple[str, str]]:
    """A line's (token, kind), as `tokens_of` read it before `token_kinds`: an amount in 조/억 joined with
    the value or count word after it, each token classified by `classify_token` (its last word), then a
    lone digit before a label made a label."""
    merged: list[str] = []
    quantities: set[int] = set()
    for text_ in text.split():
        amount = bool(merged) and merged[-1].endswith(COMPOUND_AMOUNT) and VALUE.match(merged[-1]) is not None
        if amount and VALUE.match(text_):
            merged[-1] = f"{merged[-1]} {text_}"
        elif amount and COUNT_WORD.match(text_):
            merged[-1] = f"{merged[-1]} {text_}"
            quantities.add(len(merged) - 1)
        else:
            merged.append(text_)
    tokens = [
        Token(t, 1, "value" if i in quantities else classify_token(t.split()[-1]))
        for i, t in enumerate(merged)
    ]
    for i, token in enumerate(tokens[:-1]):
        if token.kind == "value" and len(token.text) == 1 and tokens[i + 1].kind == "label":
            token.kind = "label"
    return [(t.text, t.kind) for t in tokens]


def split_by_definition(tokens: list[Token]) -> RowTokens | None:
    """`split_row_tokens` as written before `value_run`."""
    first = next((i for i, t in enumerate(tokens) if t.kind != "label"), None)
    if first is None:
        return None
    end = first
    while end < len(tokens) and tokens[end].kind != "label":
        end += 1
    values = tokens[first:end]
    if not any(t.kind == "value" for t in values) and first > 0:
        return None
    return RowTokens(tokens[:first], values, tokens[end:])


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=WORD_CHARS, min_size=1, max_size=12))
def test_a_word_is_of_the_kind_its_definition_gives(word: str) -> None:
    """`word_kind` (one merged pattern, letters without a regex) == `classify_token` (three patterns)."""
    assert word_kind(word) == classify_token(word)


REPORT_WORDS = (
    "4조", "4,075억", "0.31억", "18억", "어절", "어절(‘21)", "35/361)", "(17)", "（1,751）", "여성(140)", "2018년",
    "’22년(예정)", "-", "－", "4", "차", "120개사(‘22.8)", "△5", "68.6%", "계", "구분", "명", "조", "억",
)  # fmt: skip
"""Words of the reports' spaced tables: amounts in 조/억, count words, secondaries, years, dashes."""

LINES = st.lists(
    st.one_of(st.sampled_from(REPORT_WORDS), st.text(alphabet=WORD_CHARS, min_size=1, max_size=6)),
    max_size=10,
).flatmap(lambda words: st.sampled_from([" ", "  ", "\u3000", "\t"]).map(lambda gap: gap.join(words)))
"""Lines of report words and random words, one kind of gap between them."""


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(alphabet=TOKEN_CHARS, max_size=40), LINES))
def test_a_line_splits_into_the_tokens_and_rows_of_their_definition(text: str) -> None:
    """`token_kinds` (no `Token` objects, no joining pass without 조/억) and `value_run` read a line as the
    plain definitions do: the same tokens, kinds and label | values | tail split."""
    words, kinds = token_kinds(text)
    assert list(zip(words, kinds, strict=True)) == tokens_by_definition(text)
    tokens = tokens_of(Line(number=1, text=text))
    assert split_row_tokens(tokens) == split_by_definition(tokens)


def test_every_line_of_the_text_reports_splits_into_the_tokens_of_their_definition() -> None:
    reports = [*RAW.glob("*.txt"), *REALDOCS.glob("*.txt")]
    for line in (line for path in reports for line in read_document(path, text_words=False).lines):
        words, kinds = token_kinds(line.text)
        assert list(zip(words, kinds, strict=True)) == tokens_by_definition(line.text), line.text


def no_row_in_a_list_item(text: str) -> None:
    """The definition of a row start: a label, then values, the label no prose."""
    from pipeline.layout.spaced import SpacedSettings, is_prose_label, opens_list_item

    if opens_list_item(text):
        tokens = [Token(t, 1, kind) for t, kind in tokens_by_definition(text)]
        split = split_by_definition(tokens)
        assert split is None or not split.label or is_prose_label(split.label, SpacedSettings()), text


@settings(max_examples=3000, deadline=None)
@given(
    st.sampled_from(["", " ", "\u3000", "\t"]),
    st.sampled_from(["○", "-", "ㅇ", "□", "※", "·", "1)", "12)", "①", "❶", "*", "가", "1", "(1)"]),
    st.sampled_from(["", " ", "  "]),
    LINES,
)
def test_a_line_opening_a_list_item_is_no_table_row(indent: str, mark: str, gap: str, rest: str) -> None:
    """`find_spaced_tables` does not tokenize a line whose first word starts with a list mark: no such line
    starts a row by the plain definitions (tokens, label | values split, prose label)."""
    no_row_in_a_list_item(indent + mark + gap + rest)


def test_no_line_of_the_text_reports_opening_a_list_item_is_a_table_row() -> None:
    reports = [*RAW.glob("*.txt"), *REALDOCS.glob("*.txt")]
    for line in (line for path in reports for line in read_document(path, text_words=False).lines):
        no_row_in_a_list_item(line.text)
