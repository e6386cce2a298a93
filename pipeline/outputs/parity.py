"""Format parity: do two files of the same report (e.g. its .hwp and its .pdf) give the same numbers?

A numeric cell is a money or count cell with its value (won for money, the count otherwise) and its row
and column labels. A cell of one version is found in the other when a cell there has the same value and
compatible labels (each used once). Labels are compared without spaces, middle dots and footnote marks
(`경상수입1)`), and are compatible when one contains the other: the row label by its innermost part (after
the last `>`), the column label whole. The formats legitimately differ around labels: letter spacing
(`정 원`), a PDF row label that swallowed the text of a merged cell beside it, a footnote body that the
HWP keeps inside the cell, a title row that one format reads as a header row and the other not.

Usage: python -m pipeline.outputs.parity A B  (prints the share of each side found in the other and the
cells that are not).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.schemas.records import CellRecord

NUMERIC_KINDS = frozenset({"krw", "count"})
IGNORED_LABEL_CHARS = str.maketrans("", "", " \t\n·ㆍᆞ・‧․")
FOOTNOTE_MARK = re.compile(r"(?<=[가-힣)])\d{1,2}\)|[*※]+")


@dataclass(frozen=True)
class NumericCell:
    """A money or count cell as compared across formats."""

    row: str
    col: str
    value: float
    table_id: str
    raw: str

    def compatible(self, other: NumericCell) -> bool:
        return self.value == other.value and _contains(self.row, other.row) and _contains(self.col, other.col)


def _contains(a: str, b: str) -> bool:
    return a in b or b in a


def label_key(label: str | None, innermost: bool = False) -> str:
    """A label compared across formats: no whitespace, middle dots or footnote marks."""
    text = label or ""
    if innermost:
        text = text.rsplit(">", 1)[-1]
    return FOOTNOTE_MARK.sub("", text).translate(IGNORED_LABEL_CHARS)


def numeric_cells(cells: list[CellRecord]) -> list[NumericCell]:
    """Every money and count cell that has both a row and a column label."""
    found: list[NumericCell] = []
    for cell in cells:
        if cell.is_header or cell.value_kind not in NUMERIC_KINDS:
            continue
        value = cell.amount_krw if cell.value_kind == "krw" else cell.value
        row, col = label_key(cell.row_label, innermost=True), label_key(cell.col_label)
        if value is None or not row or not col:
            continue
        found.append(NumericCell(row, col, float(value), cell.table_id, cell.raw_text))
    return found


@dataclass(frozen=True)
class Parity:
    """Which numeric cells of each side the other side has."""

    left: list[NumericCell]
    right: list[NumericCell]
    left_missing: list[NumericCell]
    right_missing: list[NumericCell]

    @property
    def left_found(self) -> float:
        """Share of the left side's numeric cells found in the right side."""
        return 1 - len(self.left_missing) / len(self.left) if self.left else 1.0

    @property
    def right_found(self) -> float:
        return 1 - len(self.right_missing) / len(self.right) if self.right else 1.0


def _unmatched(cells: list[NumericCell], others: list[NumericCell]) -> list[NumericCell]:
    """Cells with no compatible partner among `others`, each partner used once (greedy, in order)."""
    by_value: dict[float, list[NumericCell]] = {}
    for other in others:
        by_value.setdefault(other.value, []).append(other)
    missing: list[NumericCell] = []
    for cell in cells:
        pool = by_value.get(cell.value, [])
        partner = next((i for i, o in enumerate(pool) if cell.compatible(o)), None)
        if partner is None:
            missing.append(cell)
        else:
            pool.pop(partner)
    return missing


def parity(left: list[CellRecord], right: list[CellRecord]) -> Parity:
    """Numeric-cell parity of two versions of one document."""
    a, b = numeric_cells(left), numeric_cells(right)
    return Parity(a, b, _unmatched(a, b), _unmatched(b, a))


def main(argv: list[str]) -> int:
    from pipeline.parse import parse_path

    if len(argv) != 2:
        print("usage: python -m pipeline.outputs.parity A B")
        return 2
    a, b = (Path(p) for p in argv)
    result = parity(parse_path(a, a.name).cells, parse_path(b, b.name).cells)
    print(f"{a.name}: {result.left_found:.1%} of {len(result.left)} numeric cells found in {b.name}")
    print(f"{b.name}: {result.right_found:.1%} of {len(result.right)} numeric cells found in {a.name}")
    for path, missing in ((a, result.left_missing), (b, result.right_missing)):
        for cell in missing:
            where = f"{path.name} {cell.table_id}"
            print(f"  only in {where}: {cell.row} | {cell.col} | {cell.raw} = {cell.value:,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
