"""Every money cell in won: the printed number times the unit that applies, checked by hand per table."""

from __future__ import annotations

from decimal import Decimal

from pipeline.normalize import unit_multiplier
from tests.conftest import DOC_000, DOC_001, DOC_002

# 000, the 2023 budget table (lines 69-94, `(2023.9.30. 기준 / 단위 : 천원)`): every amount column, by hand.
BUDGET_000 = {
    71: (1_370_315, 890_183, 480_132),
    72: (410_756, 298_143, 112_613),
    73: (319_390, 252_297, 94_839),
    74: (27_746, None, None),
    75: (11_509, None, None),
    76: (7_117, None, None),
    77: (3_600, None, None),
    78: (3_120, None, None),
    79: (2_400, None, None),
    80: (26_676, 19_660, 7_016),
    81: (36_942, 26_186, 10_756),
    82: (12_309, None, None),
    83: (15_625, None, None),
    84: (3_437, None, None),
    85: (3_993, None, None),
    86: (1_576, None, None),
    87: (148_965, 82_411, 66_554),
    88: (22_106, 14_370, 7_736),
    89: (126_858, 68_041, 58_817),
    90: (810_594, 509_629, 300_965),
    91: (424_400, 352_444, 71_956),
    92: (136_000, 82_395, 53_605),
    93: (210_194, 51_943, 158_251),
    94: (40_000, 22_847, 17_153),
}
COLUMNS_000 = ("예산액(A) 금액", "집행액(B) 금액", "잔액(A-B) 금액")

# 002, 2021 소요예산 of 전통시장 및 상점가 경영 현대화 (lines 176-182, 단위 : 천원): 재원 x 연도.
FUNDING_002 = {
    178: (766_023, 81_230, 320_793, 182_000, 182_000),
    179: (120_000, None, 120_000, None, None),
    180: (12_904, None, 12_904, None, None),
    181: (626_433, 81_230, 181_203, 182_000, 182_000),
    182: (6_686, None, 6_686, None, None),
}


def money_cells(store, doc_id: str, first: int, last: int) -> dict[tuple[int, str], int]:
    _, rows = store.query(
        "SELECT line, col_label, amount_krw FROM cells WHERE doc_id = ? AND line BETWEEN ? AND ? "
        "AND value_kind = 'krw' AND NOT is_header",
        [doc_id, first, last],
    )
    return {(line, label): won for line, label, won in rows}


def test_money_cells_of_000_budget_table(store) -> None:
    expected = {
        (line, column): thousands * 1_000
        for line, values in BUDGET_000.items()
        for column, thousands in zip(COLUMNS_000, values, strict=True)
        if thousands is not None
    }
    assert money_cells(store, DOC_000, 69, 94) == expected


def test_money_cells_of_002_funding_table(store) -> None:
    columns = ("합계", "연차별 소요자원 2020년", "연차별 소요자원 2021년", "연차별 소요자원 2022년", "연차별 소요자원 2023년")
    expected = {
        (line, column): thousands * 1_000
        for line, values in FUNDING_002.items()
        for column, thousands in zip(columns, values, strict=True)
        if thousands is not None
    }
    assert money_cells(store, DOC_002, 176, 182) == expected


def test_settlement_table_of_000_is_in_won(store) -> None:
    cells = money_cells(store, DOC_000, 414, 429)
    assert cells[(416, "당초 집행계획 금액")] == 1_210_231_000
    assert cells[(420, "잔액")] == -2_011
    assert cells[(425, "당초 집행계획 금액")] == 9_000_000


def test_every_money_cell_is_its_printed_number_times_its_unit(store) -> None:
    _, rows = store.query("SELECT raw_text, value, unit, amount_krw FROM cells WHERE value_kind = 'krw'")
    assert len(rows) > 300
    for raw, value, unit, won in rows:
        multiplier = unit_multiplier(unit)
        assert multiplier is not None, (raw, unit)
        assert Decimal(str(value)) * multiplier == won, (raw, value, unit, won)


# 001, 예산 by 과 (lines 89-105, `(단위 : 백만원, ’22.8.29. 기준)`): 예산현액, 원인행위액, 지출액 by hand.
BUDGET_001 = {
    93: (706_246, 484_788, 443_084),
    95: (134_534, 108_131, 101_867),
    96: (252_250, 162_193, 159_338),
    97: (41_862, 33_347, 32_908),
    98: (66_492, 47_013, 37_913),
    99: (29_573, 18_313, 11_855),
    100: (8_621, 6_247, 6_093),
    101: (40_346, 40_100, 39_770),
    102: (9_848, 7_620, 6_145),
    103: (26_003, 15_553, 15_045),
    104: (94_482, 43_295, 29_588),
    105: (2_236, 1_639, 1_140),
}


def test_money_cells_of_001_budget_table(store) -> None:
    expected = {
        (line, column): millions * 1_000_000
        for line, values in BUDGET_001.items()
        for column, millions in zip(("예산현액", "원인행위액", "지출액"), values, strict=True)
    }
    assert money_cells(store, DOC_001, 89, 105) == expected
