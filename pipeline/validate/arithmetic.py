"""The arithmetic a table promises: totals are sums of their parts, rates are ratios, remainders differences.

Every check works on the table's shape and labels, not on a document: total rows and columns are found
by their labels (총계 > 합계 > 소계 > 계), rates by `%`/`률`/`율` columns and remainders by `잔액` columns.
For rates and remainders the formula is not assumed: the candidate formula that holds on most rows of the
table is taken as the table's own rule, and the rows where it fails are reported.
Tolerances come from how the numbers are printed: a value rounded to whole units may be off by half a unit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import permutations

from pipeline.lexicon.labels import LABEL_PATH_SEPARATOR, label_parts
from pipeline.lexicon.words import RATE_WORD, REMAINDER_WORDS, compact, total_rank
from pipeline.schemas.records import CellRecord, TableRecord
from pipeline.schemas.validation import ValidationIssue

ADDITIVE_KINDS = frozenset({"krw", "count", "area", "other"})


@dataclass(frozen=True)
class CheckSettings:
    """Tolerances of the arithmetic checks."""

    min_rule_rows: int = 2
    """A rate or remainder rule must hold on at least this many rows before its exceptions are reported."""
    rule_share: float = 0.6
    """...and on at least this share of the rows where it can be computed."""
    max_span: int = 40
    """Most parts of a total read for nested subtotals (a parent directly followed by its children);
    a longer run is compared with the plain sum of every part, never with the first ones only."""

    def __post_init__(self) -> None:
        if self.min_rule_rows < 1 or not 0 < self.rule_share <= 1 or self.max_span < 1:
            raise ValueError(f"invalid CheckSettings: {self}")


@dataclass(frozen=True)
class Grid:
    """A table's data cells by row and column, with the labels the checks read."""

    table: TableRecord
    cells: dict[tuple[int, int], CellRecord]
    rows: list[int]
    cols: list[int]
    row_label: dict[int, str]
    col_label: dict[int, str]
    col_group: dict[int, str]
    """The top header over each column when the header has several rows (`집행액` over `소계`/`1관`)."""
    col_last: dict[int, str]
    """The lowest header text over each column (`소계`, `2021년`)."""
    rate_cols: frozenset[int] = frozenset()
    """Columns of rates (a rate word in the label, or mostly percentages): decided once per table, as
    every check asks it for every cell."""
    row_path: dict[int, str] = field(default_factory=dict)
    """Each row's whole label path (`기능별 분류(합계) > 가로주택정비사업`): a total's parts are its
    children."""
    number_cols: frozenset[int] = frozenset()
    """Columns holding at least one additive number (`number`): the operands a rate or remainder rule
    may use, decided once per table instead of scanning every cell for each column."""

    @cached_property
    def grand_total_row(self) -> int | None:
        """The row labelled with the highest total word, if any: asked for every row of a share-of-total
        rate column, worked out once per table."""
        return _grand_total_row(self)


def make_grid(table: TableRecord, cells: list[CellRecord]) -> Grid:
    """The table's data cells by position with their labels, read in one pass over the cells (a grid is
    built for every table of a document)."""
    cell_map: dict[tuple[int, int], CellRecord] = {}
    row_label: dict[int, str] = {}
    row_path: dict[int, str] = {}
    col_label: dict[int, str] = {}
    header: dict[tuple[int, int], str] = {}
    for cell in cells:
        if cell.is_header:
            for r in range(cell.row_idx, cell.row_idx + cell.row_span):
                for c in range(cell.col_idx, cell.col_idx + cell.col_span):
                    header[(r, c)] = cell.raw_text
            continue
        row = cell.row_idx
        cell_map[(row, cell.col_idx)] = cell
        col_label[cell.col_idx] = cell.col_label or ""
        if row not in row_label:  # a row's labels are those of its first data cell
            parts = label_parts(cell.row_label)
            row_label[row] = parts[-1] if parts else ""
            row_path[row] = cell.row_label or ""
    rows, cols = sorted(row_label), sorted(col_label)
    header_rows = sorted({r for r, _ in header})
    col_group = {c: header.get((header_rows[0], c), "") if len(header_rows) > 1 else "" for c in cols}
    col_last = {
        c: next((header[(r, c)] for r in reversed(header_rows) if (r, c) in header), "") for c in cols
    }
    kinds: dict[int, list[str | None]] = {}
    number_cols: set[int] = set()
    for (_, col), cell in cell_map.items():
        if cell.value is not None:
            kinds.setdefault(col, []).append(cell.value_kind)
            if number(cell) is not None:
                number_cols.add(col)
    rates = frozenset(c for c in cols if _rate_column(col_label.get(c), kinds.get(c, [])))
    numbers = frozenset(number_cols)
    return Grid(
        table, cell_map, rows, cols, row_label, col_label, col_group, col_last, rates, row_path, numbers
    )


def number(cell: CellRecord | None) -> float | None:
    """An additive value of the cell (money, counts, areas), None for rates, text and placeholders."""
    if cell is None or cell.value is None or cell.value_kind not in ADDITIVE_KINDS:
        return None
    if "parenthesized" in cell.flags:
        return None  # a bracketed secondary value (`(17)` women among staff) is not a part of the row's total
    return cell.value


def rate(cell: CellRecord | None) -> float | None:
    if cell is None or cell.value is None:
        return None
    return cell.value if cell.value_kind in ("pct", "other", "count") else None


def rounding(cell: CellRecord) -> float:
    """Half a unit of the last printed digit: what rounding can hide in this number.

    Whole counts (people, cases) and amounts printed in won are exact; amounts in 천원 or more and
    decimals may have been rounded.
    """
    if "." in cell.raw_text:  # only a decimal is read for its digits: most cells skip the copy
        decimals = len(cell.raw_text.replace(",", "").split(".")[-1].rstrip("%) "))
        return 0.5 * 10 ** (-decimals) if decimals else 0.5
    if cell.value_kind in ("count", "area") or (cell.unit or "") == "원":
        return 0.0
    return 0.5


def _decomposed_sums(values: list[tuple[float, float]], limit: int = 64) -> list[tuple[float, float]]:
    """Possible (sum, tolerance) of the top-level items of a run of values.

    A value directly followed by values that add up to it may be their parent (`제수당` over its
    allowances): the run is read both with and without such nesting.
    """
    tails: list[list[tuple[float, float]]] = [[] for _ in values] + [[(0.0, 0.0)]]
    for i in range(len(values) - 1, -1, -1):  # from the end: each start reads the options after it
        value, tol = values[i]
        options = [(value + s, tol + t) for s, t in tails[i + 1]]
        running, running_tol = 0.0, 0.0
        for j in range(i + 1, len(values)):
            running += values[j][0]
            running_tol += values[j][1]
            if j > i + 1 and abs(running - value) <= running_tol + tol + 1e-9:
                options += [(value + s, tol + t) for s, t in tails[j + 1]]
        tails[i] = options[:limit]
    return tails[0]


def _plain_sum(values: list[tuple[float, float]]) -> tuple[float, float]:
    """(sum, tolerance) of every value, added from the last as `_decomposed_sums` adds its first option:
    most totals are printed right, and this one sum shows it without reading the run for nesting."""
    total, tolerance = 0.0, 0.0
    for value, tol in reversed(values):
        total, tolerance = value + total, tol + tolerance
    return total, tolerance


def _comparable(total: CellRecord, part: CellRecord) -> bool:
    """Parts add up only in the total's own kind and unit (won with won, 명 with 명); a part without an
    additive number is kept (it may be a subtotal row's label cell) and adds nothing."""
    if number(part) is None:
        return True
    return part.value_kind == total.value_kind and (part.unit or "") == (total.unit or "")


def _items(parts: list[CellRecord], ranks: list[int | None]) -> list[tuple[float, float]]:
    """(value, tolerance) of the items a total sums: a subtotal stands for the parts it covers."""
    items: list[tuple[float, float]] = []
    covered_by: int | None = None
    for part, rank in zip(parts, ranks, strict=True):
        if rank is None and covered_by is not None:
            continue
        if rank is not None:
            covered_by = rank
        value = number(part)
        if value is not None:
            items.append((value, rounding(part)))
    return items


def _span(order: list[int], index: int, rank_of: dict[int, int | None]) -> list[int]:
    """Lines (rows or columns) a total covers: after it up to the next total as high, else before it."""
    rank = rank_of[order[index]] or 0
    after: list[int] = []
    for k in order[index + 1 :]:
        if (rank_of[k] or 0) >= rank:
            break
        after.append(k)
    if after:
        return after
    before: list[int] = []
    for k in reversed(order[:index]):
        if (rank_of[k] or 0) >= rank:
            break
        before.insert(0, k)
    return before


def _children(grid: Grid, row: int) -> list[int]:
    """The rows nested right under a row by their label paths (`○기능별 분류(합계)` over `․가로주택정비사업`
    and `․자율주택정비사업`, not the `-기타민간 융자금` under each): what a total row of an outline sums."""
    path = grid.row_path.get(row)
    if not path:
        return []
    depth = len(path.split(LABEL_PATH_SEPARATOR))
    return [
        r
        for r in grid.rows
        if (grid.row_path.get(r) or "").startswith(path + LABEL_PATH_SEPARATOR)
        and len(grid.row_path[r].split(LABEL_PATH_SEPARATOR)) == depth + 1
    ]


def _check_total(
    grid: Grid,
    total: CellRecord,
    parts: list[CellRecord],
    part_ranks: list[int | None],
    axis: str,
    limit: int = CheckSettings.max_span,
) -> ValidationIssue | None:
    parts_ranks = [(p, r) for p, r in zip(parts, part_ranks, strict=True) if _comparable(total, p)]
    parts, part_ranks = [p for p, _ in parts_ranks], [r for _, r in parts_ranks]
    values = _items(parts, part_ranks)
    if len(values) < 2 and not any(r is not None for r in part_ranks):
        return None
    if not values:
        return None
    actual = number(total)
    if actual is None:
        return None
    tol_total = rounding(total)
    if len(values) <= limit:
        plain, plain_tol = _plain_sum(values)
        if abs(actual - plain) <= plain_tol + tol_total + 1e-9:
            return None  # the nesting need not be read: its first option is this plain sum
        candidates = _decomposed_sums(values)
    else:
        candidates = [(sum(v for v, _ in values), sum(t for _, t in values))]
    if any(abs(actual - s) <= t + tol_total + 1e-9 for s, t in candidates):
        return None
    expected = candidates[0][0]
    label = grid.row_label.get(total.row_idx) if axis == "row" else grid.col_label.get(total.col_idx)
    where = (
        f"column '{grid.col_label.get(total.col_idx)}'"
        if axis == "row"
        else f"row '{grid.row_label.get(total.row_idx)}'"
    )
    return ValidationIssue(
        doc_id=total.doc_id,
        table_id=total.table_id,
        check_name="total_sum",
        severity="error",
        message=(
            f"total '{label}' in {where} is printed as {total.raw_text} but its {len(values)} parts "
            f"add up to {_fmt(expected)}"
        ),
        expected=expected,
        actual=actual,
        line=total.line,
        page=total.page,
    )


def _fmt(value: float) -> str:
    """A number as a report would print it: thousands separators, decimals only when there are some."""
    return f"{round(value):,}" if abs(value - round(value)) < 1e-9 else f"{value:,.2f}"


def check_totals(grid: Grid, settings: CheckSettings | None = None) -> list[ValidationIssue]:
    """Total rows and total columns equal the sum of the rows or columns they cover."""
    limit = (settings or CheckSettings()).max_span
    issues: list[ValidationIssue] = []
    row_rank = {r: total_rank(grid.row_label.get(r)) for r in grid.rows}
    for index, row in enumerate(grid.rows):
        if row_rank[row] is None:
            continue
        span = _children(grid, row) or _span(grid.rows, index, row_rank)
        for col in grid.cols:
            total = grid.cells.get((row, col))
            if total is None or number(total) is None or _is_rate_column(grid, col):
                continue
            parts = [grid.cells[(r, col)] for r in span if (r, col) in grid.cells]
            issue = _check_total(grid, total, parts, [row_rank[(p.row_idx)] for p in parts], "row", limit)
            if issue:
                issues.append(issue)
    col_rank = {c: total_rank(grid.col_last.get(c)) for c in grid.cols}
    for index, col in enumerate(grid.cols):
        if col_rank[col] is None or _is_rate_column(grid, col):
            continue
        group = grid.col_group.get(col, "")
        group = "" if group == grid.col_last.get(col) else group
        span = [
            c
            for c in _span(grid.cols, index, col_rank)
            if (not group or grid.col_group.get(c) == group) and not _is_rate_column(grid, c)
        ]
        for row in grid.rows:
            total = grid.cells.get((row, col))
            if total is None or number(total) is None:
                continue
            parts = [grid.cells[(row, c)] for c in span if (row, c) in grid.cells]
            issue = _check_total(grid, total, parts, [col_rank[p.col_idx] for p in parts], "column", limit)
            if issue:
                issues.append(issue)
    return issues


def _is_rate_column(grid: Grid, col: int) -> bool:
    return col in grid.rate_cols


def _rate_column(label: str | None, kinds: list[str | None]) -> bool:
    """A rate word in the column's label, or at least half of its values percentages."""
    text = compact(label)
    return bool(RATE_WORD.search(text)) or (bool(kinds) and kinds.count("pct") >= len(kinds) / 2)


def _row_rule_check(
    grid: Grid,
    target_cols: list[int],
    operand_cols: list[int],
    formula: str,
    check_name: str,
    settings: CheckSettings,
) -> list[ValidationIssue]:
    """For each target column, find the formula the table follows on most rows; report the other rows."""
    issues: list[ValidationIssue] = []
    for target in target_cols:
        best: tuple[int, tuple[int, int] | str] | None = None
        candidates: list[tuple[int, int] | str] = list(
            permutations([c for c in operand_cols if c != target], 2)
        )
        if formula == "ratio":
            candidates.append("share")
        for candidate in candidates:
            holds, tried = 0, 0
            for row in grid.rows:
                result = _apply(grid, row, target, candidate, formula)
                if result is None:
                    continue
                tried += 1
                holds += result[0]
            least = settings.min_rule_rows
            enough = tried >= least and holds >= max(least, settings.rule_share * tried)
            if enough and (best is None or holds > best[0]):
                best = (holds, candidate)
        if best is None:
            continue
        for row in grid.rows:
            result = _apply(grid, row, target, best[1], formula)
            if result is None or result[0]:
                continue
            _, expected, cell = result
            text = _formula_text(grid, target, best[1], formula)
            issues.append(
                ValidationIssue(
                    doc_id=cell.doc_id,
                    table_id=cell.table_id,
                    check_name=check_name,
                    severity="error",
                    message=(
                        f"'{grid.col_label.get(target)}' of row '{grid.row_label.get(row)}' is printed as "
                        f"{cell.raw_text} but {text} gives {_fmt(expected)}"
                    ),
                    expected=round(expected, 6),
                    actual=cell.value,
                    line=cell.line,
                    page=cell.page,
                )
            )
    return issues


def _apply(
    grid: Grid, row: int, target: int, candidate: tuple[int, int] | str, formula: str
) -> tuple[bool, float, CellRecord] | None:
    """Whether the row's target cell holds what the candidate formula gives, what it gives, and the cell;
    None where the formula cannot be computed."""
    cell = grid.cells.get((row, target))
    value = rate(cell) if formula == "ratio" else number(cell)
    if cell is None or value is None:
        return None
    if isinstance(candidate, str):  # "share": the row's part of its column's grand total
        grand, base_col = grid.grand_total_row, _base_column(grid, target)
        if grand is None or base_col is None:
            return None
        a, b = number(grid.cells.get((row, base_col))), number(grid.cells.get((grand, base_col)))
    else:
        first, second = candidate
        a, b = number(grid.cells.get((row, first))), number(grid.cells.get((row, second)))
    if a is None or b is None or (formula == "ratio" and b == 0):
        return None
    if formula == "ratio":
        expected = 100.0 * a / b
        tolerance = max(rounding(cell), 0.5) + 0.5 if "." not in cell.raw_text else rounding(cell) + 0.051
    else:
        expected = a - b
        tolerance = rounding(cell) + 0.0
        for k in (grid.cells.get((row, c)) for c in (candidate if isinstance(candidate, tuple) else ())):
            tolerance += rounding(k) if k else 0.0
    return abs(expected - value) <= tolerance + 1e-9, expected, cell


def _formula_text(grid: Grid, target: int, candidate: tuple[int, int] | str, formula: str) -> str:
    """How an issue names the formula its row fails (`'집행액' / '예산액'`): written for the rows reported,
    not for every row each candidate formula is tried on."""
    if isinstance(candidate, str):  # "share": only reported where its base column is found
        base = _base_column(grid, target)
        return f"'{grid.col_label.get(base) if base is not None else None}' / its total"
    first, second = candidate
    op = "/" if formula == "ratio" else "-"
    return f"'{grid.col_label.get(first)}' {op} '{grid.col_label.get(second)}'"


def _grand_total_row(grid: Grid) -> int | None:
    """The row labelled with the highest total word, if any (`Grid.grand_total_row`)."""
    ranked = [(total_rank(grid.row_label.get(r)) or 0, -r) for r in grid.rows]
    best = max(ranked, default=(0, 0))
    return -best[1] if best[0] else None


def _base_column(grid: Grid, target: int) -> int | None:
    """For a share-of-total rate column, the money column beside it in the same header group."""
    group = grid.col_group.get(target, "")
    for col in grid.cols:
        if col != target and not _is_rate_column(grid, col) and group and grid.col_group.get(col) == group:
            return col
    return None


def check_rates(grid: Grid, settings: CheckSettings | None = None) -> list[ValidationIssue]:
    """Rate columns (집행률, 달성률, %) equal the ratio the table uses on most of its rows."""
    targets = [c for c in grid.cols if _is_rate_column(grid, c)]
    operands = [c for c in grid.cols if not _is_rate_column(grid, c) and _has_numbers(grid, c)]
    if not targets or not operands:
        return []
    return _row_rule_check(grid, targets, operands, "ratio", "rate_ratio", settings or CheckSettings())


def check_remainders(grid: Grid, settings: CheckSettings | None = None) -> list[ValidationIssue]:
    """Remainder columns (잔액) equal the difference of two other columns, as most rows show."""
    targets = [
        c
        for c in grid.cols
        if any(w in compact(grid.col_label.get(c)) for w in REMAINDER_WORDS) and not _is_rate_column(grid, c)
    ]
    operands = [
        c for c in grid.cols if c not in targets and not _is_rate_column(grid, c) and _has_numbers(grid, c)
    ]
    if not targets:
        return []
    return _row_rule_check(grid, targets, operands, "difference", "remainder", settings or CheckSettings())


def _has_numbers(grid: Grid, col: int) -> bool:
    return col in grid.number_cols


def check_table(
    table: TableRecord, cells: list[CellRecord], settings: CheckSettings | None = None
) -> list[ValidationIssue]:
    """Every arithmetic check of one table."""
    settings = settings or CheckSettings()
    grid = make_grid(table, cells)
    if len(grid.rows) < 2 and len(grid.cols) < 3:
        return []
    return check_totals(grid, settings) + check_rates(grid, settings) + check_remainders(grid, settings)


def by_table(cells: list[CellRecord]) -> dict[str, list[CellRecord]]:
    grouped: dict[str, list[CellRecord]] = defaultdict(list)
    for cell in cells:
        grouped[cell.table_id].append(cell)
    return grouped
