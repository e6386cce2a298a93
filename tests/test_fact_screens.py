"""The cheap screens the fact extractors run before their patterns, and the per-document prose they share
(issue 16: the same lines were listed and scanned by each extractor). A screen may only pass over a line
the pattern cannot match: every text the pattern matches (hypothesis draws them from the pattern itself)
passes its screen."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import prose_kpis, sentence_kpis
from pipeline.extract.mentions import project_section, projects_of, section_index
from pipeline.extract.prose import Prose, with_insets
from pipeline.extract.prose_kpis import ACHIEVEMENT_STEM
from pipeline.lexicon.words import ACHIEVEMENT_WORDS, RESULT_WORDS, TARGET_KEYS
from pipeline.normalize import money
from pipeline.normalize.units import BIG_UNITS, SUB_UNITS
from pipeline.parse import laid_out_document
from tests.conftest import RAW

SCREENS: list[tuple[str, re.Pattern[str], object]] = [
    ("AS_OF", sentence_kpis.AS_OF, lambda t: sentence_kpis.AS_OF_MARK in t),
    ("BY_WHEN", sentence_kpis.BY_WHEN, lambda t: sentence_kpis.BY_WHEN_MARK in t),
    ("GOAL", sentence_kpis.GOAL, lambda t: sentence_kpis.GOAL_MARK in t),
    (
        "RAISED_TARGET",
        sentence_kpis.RAISED_TARGET,
        lambda t: sentence_kpis.TARGET_MARK in t and sentence_kpis.ARROW_MARK.search(t),
    ),
    ("TARGET_CHANGE", sentence_kpis.TARGET_CHANGE, lambda t: sentence_kpis.ARROW_MARK.search(t)),
    ("RATED_RESULT", prose_kpis.RATED_RESULT, prose_kpis._may_rate),
    ("RATE_CHANGE", prose_kpis.RATE_CHANGE, prose_kpis._may_rate),
    ("YEAR_ARROW", prose_kpis.YEAR_ARROW, lambda t: any(m in t for m in prose_kpis.YEAR_ARROW_MARKS)),
    ("BRACKETED_TARGET", prose_kpis.BRACKETED_TARGET, lambda t: prose_kpis.EXCESS_MARK in t),
    (
        "LABEL_UNIT",
        re.compile(money.LABEL_UNIT.pattern.replace("(?<=[가-힣])", "[가-힣]")),
        money._has_bracket,
    ),
    (
        "LABEL_UNIT money",
        re.compile(money.LABEL_UNIT.pattern.replace("(?<=[가-힣])", "")),
        money.MONEY_MARK.search,
    ),
]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_screen_passes_every_text_its_pattern_matches(data: st.DataObject) -> None:
    """`"목표로" in line` before `GOAL.finditer(line)` and the like: a text drawn from the pattern (with
    text around it) always passes the screen, so screening changes no fact."""
    for name, pattern, screen in SCREENS:
        text = data.draw(st.from_regex(pattern), label=name)
        assert screen(text), (name, text)  # type: ignore[operator]


def test_the_screens_hold_for_the_lexicon_words() -> None:
    """The words the screens stand for: every achievement word starts with 달성, every target key holds
    목표."""
    assert all(word.startswith(ACHIEVEMENT_STEM) for word in ACHIEVEMENT_WORDS)
    assert all(sentence_kpis.TARGET_MARK in key for key in TARGET_KEYS)
    assert all(prose_kpis.TARGET_KEY_LETTER in key for key in TARGET_KEYS)
    assert all(any(letter in key for letter in prose_kpis.RESULT_KEY_LETTERS) for key in RESULT_WORDS)
    assert sentence_kpis.GOAL_MARK not in "목표 : 4,400건"
    assert sentence_kpis.GOAL.search("(1,700시간대)을 목표로 실노동시간 단축")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123 천백십만억조원 ", max_size=10), st.integers(0, 10))
def test_the_unit_words_are_tried_longest_first(text: str, pos: int) -> None:
    """`_word_at` finds the unit words with one pattern compiled once: the longest word at the position
    (after up to three spaces) wins, as when each word was tried at each number, the longest first."""
    for words, table in ((money.SUB_WORDS, SUB_UNITS), (money.BIG_WORDS, BIG_UNITS)):
        at = money._skip_spaces(text, pos)
        found = [w for w in table if text.startswith(w, at)]
        longest = max(found, key=len) if found else None
        assert money._word_at(text, pos, words) == ((longest, at + len(longest)) if longest else (None, pos))


def test_the_prose_of_a_document_is_its_lines_outside_tables_read_once() -> None:
    """`Prose` lists the lines no table covers and reads their insets once for every extractor; each
    section's project is the one `project_section` finds for it."""
    covered = 0
    for path in sorted(RAW.glob("*.txt")):
        document = laid_out_document(path)
        table_lines = document.table_lines()
        prose = Prose(document)
        assert prose.lines == [line for line in document.lines if line.number not in table_lines]
        assert prose.read == with_insets(prose.lines)
        assert prose.read is prose.read  # worked out once
        for marks in (("달성",), ("까지",), ("목표",), ("→", "⇒"), ("기준", "목표로")):
            assert prose.holding(*marks) == [
                line for line in prose.lines if any(m in line.text for m in marks)
            ]
            read = [k for k, (_, text) in enumerate(prose.read) if any(m in text for m in marks)]
            assert prose.read_holding_at(*marks) == read
        by_id = section_index(document)
        projects = projects_of(by_id)
        for line in document.lines:
            assert projects.get(line.section_id) is project_section(by_id, line.section_id)
        covered += len(document.lines) - len(prose.lines)
    assert covered > 0  # some lines are tables'


def test_the_read_prose_is_screened_entry_by_entry_when_an_inset_was_put_back() -> None:
    """With an inset put back `read` is shorter than `lines`: `read_holding_at` then tests each entry's
    text as read, whose indexes are no longer those of `lines`."""
    document = laid_out_document(sorted(RAW.glob("*.txt"))[0])
    prose = Prose(document)
    first, second, third = prose.lines[:3]
    prose.__dict__["lines"] = [first, second, third]
    prose.__dict__["read"] = [(first, "가 → 나"), (third, "다 성과")]
    assert prose.read_holding_at("→") == [0]
    assert prose.read_holding_at("과", "→") == [0, 1]


def _closing_by_character(text: str, pos: int) -> int | None:
    """`_closing` as it was written before: a step per character."""
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == text[pos]:
            depth += 1
        elif text[i] == money.BRACKET_PAIRS[text[pos]]:
            depth -= 1
            if depth == 0:
                return i
    return None


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="()[]（）가1 ", max_size=16), st.integers(0, 16))
def test_a_bracket_closes_where_a_step_per_character_closes_it(text: str, pos: int) -> None:
    """`_closing` jumps from closing bracket to closing bracket; it finds the same one, or none, as the
    count of openings and closings character by character."""
    if pos < len(text) and text[pos] in money.BRACKET_PAIRS:
        assert money._closing(text, pos) == _closing_by_character(text, pos)


MONEY_LETTERS = "0123456789,. 천백십만억조원여약총~→()국비시:/-△달러불엔위안화USD개명년%제법"


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=MONEY_LETTERS, max_size=16))
def test_a_line_without_a_number_before_a_money_mark_holds_no_money(text: str) -> None:
    """`find_money` parses a line's numbers only when one has a money mark after it (`NUMBER_THEN_MARK`):
    without one, the number-by-number reading finds nothing either."""
    if not money.NUMBER_THEN_MARK.search(text):
        assert money._amounts(text, None) == []
    assert money.find_money(text) == money._amounts(text, None) or money.LABEL_UNIT.search(text)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=MONEY_LETTERS, max_size=16))
def test_a_number_without_a_mark_after_it_starts_no_amount(text: str) -> None:
    """`_amounts` passes over a number that `AMOUNT_AHEAD` does not see a money mark, a range mark or an
    arrow after: with no unit from context, no range, amount or amount across an arrow starts there."""
    for match in money.NUMBER.finditer(text):
        if money.AMOUNT_AHEAD.match(text, match.end()):
            continue
        start = money.signed_start(text, match.start())
        assert money.parse_range(text, start, None, require_unit=True) is None
        assert money.parse_amount(text, start, None, require_unit=True, foreign=True) is None
        assert money._unit_across_arrow(text, match, start) is None


PLAIN_NUMBER = re.compile(
    r"\d{1,3}(?:,\d{3})*,0\d(?=\s*[천백십]?[만억조]?\s*원)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?"
)
"""`NUMBER` as first written, each alternative starting with its own digit."""


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=MONEY_LETTERS, max_size=16))
def test_the_number_patterns_written_for_speed_match_as_written_plainly(text: str) -> None:
    """`NUMBER` with its first digit before the alternatives finds the numbers the plain pattern finds, and
    `NUMBER_THEN_MARK`, `AMOUNT_AHEAD` taking their runs whole (`*+`) match where giving back would."""
    assert [m.span() for m in money.NUMBER.finditer(text)] == [m.span() for m in PLAIN_NUMBER.finditer(text)]
    for pattern in (money.NUMBER_THEN_MARK, money.AMOUNT_AHEAD):
        backtracking = re.compile(pattern.pattern.replace("]*+", "]*"))
        assert bool(pattern.search(text)) == bool(backtracking.search(text))


def test_the_cover_is_read_up_to_the_first_chapter_only() -> None:
    """`cover_lines` stops at the first chapter (or after COVER_LINES lines): the same lines as filtering
    every line of the document."""
    from pipeline.extract.metadata import COVER_LINES, cover_lines

    for path in sorted(RAW.glob("*.txt")):
        document = laid_out_document(path)
        first = next((s.first_line for s in document.sections if s.level == 1), None)
        every = [
            (line.number, line.text.strip())
            for line in document.lines
            if line.text.strip() and (first is None or line.number < first)
        ]
        assert cover_lines(document) == every[:COVER_LINES]
        assert (
            cover_lines(document.model_copy(update={"sections": []}))
            == [(line.number, line.text.strip()) for line in document.lines if line.text.strip()][
                :COVER_LINES
            ]
        )


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=MONEY_LETTERS, max_size=16))
def test_a_text_without_a_money_mark_holds_no_money(text: str) -> None:
    """`cell_mentions` passes over a cell when `holds_money_mark` says no: `find_money` finds nothing there."""
    if not money.holds_money_mark(text):
        assert money.find_money(text) == []
