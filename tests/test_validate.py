"""Validation finds the inconsistencies the sample reports really contain, and stays quiet on right tables."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from pipeline.schemas.facts import BudgetFact
from pipeline.schemas.records import CellRecord
from pipeline.validate.ranges import MAX_AMOUNT_KRW, bound_values, bounded_rows
from tests.conftest import DOC_000, DOC_002


def issues(store, doc_id: str, where: str = "TRUE", params: list | None = None) -> list[dict]:
    names, rows = store.query(
        f"SELECT * FROM validation_issues WHERE doc_id = ? AND {where} ORDER BY line, check_name",
        [doc_id, *(params or [])],
    )
    return [dict(zip(names, row, strict=True)) for row in rows]


def test_total_of_2gwan_printed_as_9_million_is_reported(store) -> None:
    found = issues(store, DOC_000, "line = 425 AND check_name = 'total_sum'")
    assert [(i["expected"], i["actual"]) for i in found] == [(90_000_000, 9_000_000)]
    assert "9,000,000" in found[0]["message"] and "90,000,000" in found[0]["message"]


def test_remainders_that_do_not_subtract_are_reported(store) -> None:
    found = {
        (i["line"], i["expected"], i["actual"]) for i in issues(store, DOC_000, "check_name = 'remainder'")
    }
    assert (425, 9_000_000 - 89_495_225, 504_775) in found
    assert (422, 370_919_760 - 368_410_851, 2_508_903) in found
    assert (424, 28_532_290 - 28_335_698, 196_586) in found
    assert (73, 319_390 - 252_297, 94_839) in found
    assert {line for line, _, _ in found} == {73, 422, 424, 425}


def test_subtotal_remainders_that_do_not_add_up_are_reported(store) -> None:
    found = issues(store, DOC_000, "line = 416 AND check_name = 'total_sum'")
    assert [(i["expected"], i["actual"]) for i in found] == [(6_961_110 + 3_390_189 + 2_508_903, 12_860_208)]


def test_achievement_rate_that_is_not_actual_over_target(store) -> None:
    found = issues(store, DOC_000, "check_name = 'rate_ratio' AND line < 60")
    assert [(i["line"], round(i["expected"], 1), i["actual"]) for i in found] == [(55, 124.4, 140)]


def test_right_tables_raise_nothing(store) -> None:
    # 기본급 (line 73) prints 집행액/잔액 that cover 기본급 and 제수당 together: its two issues are real.
    assert [(i["line"], i["check_name"]) for i in issues(store, DOC_000, "line BETWEEN 69 AND 94")] == [
        (73, "rate_ratio"),
        (73, "remainder"),
    ]
    assert issues(store, DOC_000, "line BETWEEN 403 AND 408") == []
    assert issues(store, DOC_002, "line BETWEEN 176 AND 182") == []
    assert issues(store, DOC_002, "line BETWEEN 343 AND 348") == []


def test_funding_tables_of_002_whose_totals_do_not_add_up(store) -> None:
    found = {(i["line"], i["expected"], i["actual"]) for i in issues(store, DOC_002, "check_name = 'total_sum'")}
    assert found == {
        (628, 509_400, 527_900),
        (734, 1_556_436 + 1_352_432, 2_757_796),
        (735, 556_436 + 600_000 + 3 * 100_000, 1_556_436),
        (736, 268_172 + 258_972 + 3 * 258_072, 1_352_432),
        (839, 24_000 + 1_154_040, 1_279_440),
        (839, 187_840 + 323_400 + 308_400 + 358_400, 1_279_440),
        (1029, 118_600, 28_000),
    }


def test_a_table_continued_after_its_repeated_header_is_checked_whole(store, documents) -> None:
    table = next(t for t in documents[DOC_002].tables if t.first_line == 203)
    assert table.last_line == 215
    assert issues(store, DOC_002, "line BETWEEN 203 AND 215") == []


MAGNITUDES = st.one_of(
    st.none(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, 10**16, 10**16 + 1, -(10**16) - 1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1]),
)
FLOATS = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(st.tuples(MAGNITUDES, FLOATS, st.integers(-(2**64), 2**64)), max_size=6),
    budget=st.lists(st.integers(-(2**64), 2**64), max_size=4),
    limit=st.sampled_from([MAX_AMOUNT_KRW, 10**3, 2**64]),
)
def test_the_range_screen_drops_exactly_what_the_row_by_row_check_drops(
    cells: list[tuple[int | None, float | None, int]], budget: list[int], limit: int
) -> None:
    """`bound_values` skips a table whose columns `might_overflow` says hold nothing past the bounds: it
    must give the records and issues of `bounded_rows` on every table, values at and past both bounds."""
    records: dict[str, list[BaseModel]] = {
        "cells": [
            CellRecord(
                doc_id="d", table_id="t", row_idx=0, col_idx=0, raw_text="1", line=line, amount_krw=amount, value=value
            )
            for amount, value, line in cells
        ],
        "budget_facts": [
            BudgetFact(doc_id="d", table_id="t", amount_krw=amount, raw_text="1", line=1) for amount in budget
        ],
    }
    slow = {table: bounded_rows("d", table, rows, limit) for table, rows in records.items()}
    assert bound_values("d", records, limit) == (
        {table: kept for table, (kept, _) in slow.items()},
        [issue for _, found in slow.values() for issue in found],
    )
