"""Facts written by hand per sample document (tests/expected/*.json), checked against the warehouse.

The files use the format of ../shared/realdocs/expected (tables -> cells with row, col, raw, value), with
`line` in place of `page` for text exports; they sit beside the hand-written assertions of the other tests.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT, find_cell

EXPECTED = sorted((ROOT / "tests" / "expected").glob("*.json"))


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_every_expected_cell_is_read_with_its_labels_and_value(store, path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    doc_id = Path(expected["doc"]).stem
    wrong = []
    for table in expected["tables"]:
        for cell in table["cells"]:
            found = find_cell(store, doc_id, line=cell["line"], row=cell["row"], col=cell["col"], raw=cell["raw"])
            value = found["amount_krw"] if cell["value_kind"] == "krw" else found["value"]
            if (found["value_kind"], value) != (cell["value_kind"], cell["value"]):
                wrong.append((cell, found["value_kind"], value))
    assert wrong == []


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_expected_totals_are_budget_totals(store, path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    doc_id = Path(expected["doc"]).stem
    cells = [c for t in expected["tables"] if t["kind"] == "budget" for c in t["cells"]]
    _, rows = store.query(
        "SELECT line, amount_krw, is_total FROM budget_facts WHERE doc_id = ?", [doc_id]
    )
    keys = {(c["line"], c["value"]) for c in cells}
    stored = Counter((line, won, total) for line, won, total in rows if (line, won) in keys)
    assert stored == Counter((c["line"], c["value"], c["is_total"]) for c in cells)
