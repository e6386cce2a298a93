"""Ruled tables from ruling edges and word boxes: named geometric steps, no page objects.

Any engine that gives edges (dicts with `x0`, `x1`, `top`, `bottom`, `orientation` "h" / "v") and word
boxes feeds these steps: pdfplumber today, a PDFium char/path source later. The steps:

`stacked_cuts` (two tables drawn one right under the other, closer than the snap tolerance, are cut apart
and read one by one) -> `ruling_edges` (snap and join) -> `grid_tables` (intersections -> cells -> tables)
-> `closing_edges` (the outer sides a 한글 table leaves undrawn, from its horizontal rules and the words
beside its first and last ruling line) -> `grid_tables` again on the closed edges.

Hancom's default table has horizontal rules and inner vertical rules only, so the row-label column (stub)
and the last column sit outside every vertical line and a grid built from the lines alone loses them.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from operator import itemgetter
from typing import Any, Protocol

from pdfplumber.table import cells_to_tables, edges_to_intersections

from pipeline.readers.pdfium import _LOOPS  # the C loops, or None (then these steps run in Python)
from pipeline.readers.settings import GridSettings

Edge = dict[str, Any]
Box = tuple[float, float, float, float]


class WordBox(Protocol):
    x0: float
    x1: float
    top: float
    bottom: float


def edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> Edge:
    """One edge as pdfplumber's table steps expect it."""
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


def join_edges(edges: Sequence[Edge], join_x_tolerance: float, join_y_tolerance: float) -> list[Edge]:
    """`join_python_edges` by the C loops (`join_edges` there: the same dicts in the same order, a test
    compares), or in Python without the extension or where an edge is not plain finite floats."""
    if _LOOPS is not None:
        found: list[Edge] | None = _LOOPS.join_edges(list(edges), join_x_tolerance, join_y_tolerance)
        if found is not None:
            return found
    return join_python_edges(edges, join_x_tolerance, join_y_tolerance)


def join_python_edges(edges: Sequence[Edge], join_x_tolerance: float, join_y_tolerance: float) -> list[Edge]:
    """pdfplumber's `merge_edges` without snapping (snap tolerances 0), to the same edges in the same order
    with the same keys and values (a test compares them), without its per-edge key functions and dict
    rebuilding: edges on one line (horizontal by `top`, vertical by `x0`) joined where the next starts at
    most the tolerance past the end of the joined one. Horizontal lines come first, as pdfplumber's
    sort by ("h", top) and ("v", x0) puts them."""
    out: list[Edge] = []
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top"))
    vertical = sorted((e for e in edges if e["orientation"] != "h"), key=itemgetter("x0"))
    for group, key, tolerance, low, high in (
        (horizontal, "top", join_x_tolerance, "x0", "x1"),
        (vertical, "x0", join_y_tolerance, "top", "bottom"),
    ):
        k = 0
        while k < len(group):
            at = group[k][key]
            end = k + 1
            while end < len(group) and group[end][key] == at:
                end += 1
            if end == k + 1:
                out.append(group[k])
            else:
                out += _join_line(group[k:end], low, high, tolerance)
            k = end
    return out


def _join_line(edges: list[Edge], low: str, high: str, tolerance: float) -> list[Edge]:
    """pdfplumber's `join_edge_group`; an edge is extended as its `resize_object` does (a new dict)."""
    ordered = sorted(edges, key=itemgetter(low))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[low] <= last[high] + tolerance:
            value = e[high]
            if value > last[high]:
                joined[-1] = _extended(last, high, value)
        else:
            joined.append(e)
    return joined


def _extended(e: Edge, key: str, value: float) -> Edge:
    """pdfplumber's `resize_object(e, key, value)` for key x1 or bottom."""
    if key == "x1":
        if not value >= e["x0"]:
            raise AssertionError
        return {**e, "x1": value, "width": value - e["x0"]}
    if not value >= e["top"]:
        raise AssertionError
    diff = value - e["bottom"]
    grown = {**e, "bottom": value, "height": e["height"] + diff}
    if "y0" in e:
        grown["y0"] = e["y0"] - diff
    return grown


def ruling_edges(edges: Sequence[Edge], settings: GridSettings) -> list[Edge]:
    """Edges snapped and joined into ruling lines; what stays shorter than the minimum is dropped.

    Dashes on exactly one line are joined before specks are dropped (a dotted rule is hundreds of
    sub-point dashes); then near lines are snapped (`snap_edges`) and joined again.
    """
    exact = join_edges(
        [e for e in edges if e["orientation"] in ("h", "v")],
        settings.join_tolerance,
        settings.join_tolerance,
    )
    long_enough = [e for e in exact if _length(e) >= settings.edge_min_length]
    kept = snap_edges(drop_hatching(long_enough, settings), settings.snap_tolerance)
    merged = join_edges(
        kept,
        settings.join_tolerance,
        settings.join_tolerance,
    )
    return [e for e in merged if _length(e) >= settings.edge_min_length]


def drop_hatching(edges: Sequence[Edge], settings: GridSettings) -> list[Edge]:
    """Edges without the stripes of a gradient or hatch fill (heading bars drawn as hairline rectangles).

    An edge is a stripe when `hatch_count` or more parallel edges, each at its own position within
    `snap_tolerance` of it, overlap it: ruling lines come alone, or two or three for a double rule.
    """
    kept: list[Edge] = []
    for orientation, key, lo, hi in (("v", "x0", "top", "bottom"), ("h", "top", "x0", "x1")):
        group = sorted((e for e in edges if e["orientation"] == orientation), key=lambda e: e[key])
        positions = [e[key] for e in group]
        rounded = [round(p, 1) for p in positions]  # once per edge, not once per pair (pages of 10,000 edges)
        # the window of edges within snap_tolerance of edge i only moves forward (positions are sorted)
        start = end = 0
        last, tolerance, enough = len(group) - 1, settings.snap_tolerance, settings.hatch_count
        for i, e in enumerate(group):
            while positions[i] - positions[start] > tolerance:
                start += 1
            end = max(end, i)
            while end < last and positions[end + 1] - positions[i] <= tolerance:
                end += 1
            own, e_lo, e_hi = rounded[i], e[lo], e[hi]
            near: set[float] = set()
            for k in range(start, end + 1):
                at = rounded[k]
                if at != own and at not in near and group[k][lo] < e_hi and group[k][hi] > e_lo:
                    near.add(at)
                    if len(near) >= enough:
                        break  # a stripe: more neighbours change nothing
            if len(near) < enough:
                kept.append(e)
    return kept


def snap_edges(edges: Sequence[Edge], tolerance: float) -> list[Edge]:
    """Parallel edges within `tolerance` of their neighbour moved onto their group's length-weighted
    position (long rules stay put; short ticks move to them).

    Groups chain, so hatching (`drop_hatching`) must be gone first: a gradient drawn as hairline stripes
    half a point apart would pull a table's border many points away.
    """
    out: list[Edge] = []
    for orientation, key in (("v", "x0"), ("h", "top")):
        group: list[Edge] = []
        for e in sorted((e for e in edges if e["orientation"] == orientation), key=lambda e: e[key]):
            if group and e[key] - group[-1][key] > tolerance:
                out += _snapped(group, orientation)
                group = []
            group.append(e)
        out += _snapped(group, orientation)
    return out


def _snapped(group: list[Edge], orientation: str) -> list[Edge]:
    if not group:
        return []
    key = "x0" if orientation == "v" else "top"
    weight = sum(max(_length(e), 1e-6) for e in group)
    at = sum(e[key] * max(_length(e), 1e-6) for e in group) / weight
    if orientation == "v":
        return [edge("v", at, e["top"], at, e["bottom"]) for e in group]
    return [edge("h", e["x0"], at, e["x1"], at) for e in group]


def _length(e: Edge) -> float:
    return e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]


def grid_tables(edges: Sequence[Edge], settings: GridSettings) -> list[list[Box]]:
    """Cell boxes grouped into tables, from where ruling lines cross."""
    tol = settings.intersection_tolerance
    intersections = edges_to_intersections(list(edges), tol, tol)
    return [list(cells) for cells in cells_to_tables(crossings_to_cells(intersections))]


def crossings_to_cells(intersections: dict[tuple[float, float], dict[str, list[Edge]]]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`, to the same cells in the same order (a test compares them):
    for each crossing, the smallest cell whose other corners are crossings joined to it by a common edge.
    Each crossing's edges are made a set of boxes once (pdfplumber makes them per pair of crossings), and
    the crossings below and right of one are looked up instead of filtered from all that follow."""
    points = sorted(intersections)
    box = itemgetter("x0", "top", "x1", "bottom")
    verticals = {p: {box(e) for e in intersections[p]["v"]} for p in points}
    horizontals = {p: {box(e) for e in intersections[p]["h"]} for p in points}
    on_row: dict[float, list[int]] = {}
    for i, point in enumerate(points):
        on_row.setdefault(point[1], []).append(i)

    def connects(a: tuple[float, float], b: tuple[float, float]) -> bool:
        if a[0] == b[0] and not verticals[a].isdisjoint(verticals[b]):
            return True
        return a[1] == b[1] and not horizontals[a].isdisjoint(horizontals[b])

    cells: list[Box] = []
    for i, point in enumerate(points[:-1]):
        below = []
        j = i + 1
        while j < len(points) and points[j][0] == point[0]:
            below.append(points[j])
            j += 1
        right = [points[k] for k in on_row[point[1]] if k > i]
        cells += _smallest_cell(point, below, right, intersections, connects)
    return cells


def _smallest_cell(
    point: tuple[float, float], below: list, right: list, intersections: dict, connects: Any
) -> list[Box]:
    """pdfplumber's `find_smallest_cell` of one crossing: [the cell] or []."""
    for below_pt in below:
        if not connects(point, below_pt):
            continue
        for right_pt in right:
            if not connects(point, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                return [(point[0], point[1], corner[0], corner[1])]
    return []


def bounding_box(cells: Sequence[Box]) -> Box:
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def _inside(word: WordBox, box: Box) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def closing_edges(
    box: Box,
    edges: Sequence[Edge],
    words: Sequence[WordBox],
    others: Sequence[Box],
    settings: GridSettings,
) -> list[Edge]:
    """Edges that close a table's undrawn outer sides.

    The table reaches as far left (right) as its horizontal rules or as the words that sit left of its
    first (right of its last) vertical line within its vertical extent, not inside another table and not
    beyond another vertical line. A vertical line is drawn on both sides over the table's whole height
    (rows whose outer lines are missing while the header's are drawn get them too), and every rule that
    stops at the old side is carried out to the new one.
    """
    x0, top, x1, bottom = box
    tol = settings.snap_tolerance
    rules = [
        e
        for e in edges
        if e["orientation"] == "h" and top - tol <= e["top"] <= bottom + tol and e["x1"] > x0 and e["x0"] < x1
    ]
    if len(rules) < 2:
        return []
    verticals = [e for e in edges if e["orientation"] == "v" and e["top"] < bottom and e["bottom"] > top]
    band = [
        w
        for w in words
        if top < (w.top + w.bottom) / 2 < bottom and not any(_inside(w, other) for other in others)
    ]

    def fence(lo: float, hi: float) -> bool:
        """Whether a vertical line stands between two x positions (other ruled structure)."""
        return any(lo + tol < v["x0"] < hi - tol for v in verticals)

    left_words = [
        w.x0 for w in band if w.x1 <= x0 + 1 and x0 - w.x0 <= settings.side_reach and not fence(w.x1, x0)
    ]
    right_words = [
        w.x1 for w in band if w.x0 >= x1 - 1 and w.x1 - x1 <= settings.side_reach and not fence(x1, w.x0)
    ]
    left = min([x0, *(e["x0"] for e in rules), *(x - settings.side_pad for x in left_words)])
    right = max([x1, *(e["x1"] for e in rules), *(x + settings.side_pad for x in right_words)])
    closing = [edge("v", left, top, left, bottom), edge("v", right, top, right, bottom)]
    if left < x0 - tol:
        closing += [edge("h", left, e["top"], e["x0"], e["top"]) for e in rules if abs(e["x0"] - x0) <= tol]
    if right > x1 + tol:
        closing += [edge("h", e["x1"], e["top"], right, e["top"]) for e in rules if abs(e["x1"] - x1) <= tol]
    return closing


def closing_rules(
    box: Box,
    edges: Sequence[Edge],
    words: Sequence[WordBox],
    others: Sequence[Box],
    settings: GridSettings,
) -> list[Edge]:
    """Edges that close a table's undrawn top or bottom (a header row without a top rule, a last row
    without a bottom rule).

    The inner vertical lines of such a table run past its first (last) horizontal rule; the words there,
    between those lines and within their reach, are its outer row. A rule is drawn just outside those
    words across the table's width, and the vertical lines are carried out to it.
    """
    x0, top, x1, bottom = box
    tol = settings.snap_tolerance
    inner = [e for e in edges if e["orientation"] == "v" and x0 - tol <= e["x0"] <= x1 + tol]
    closing: list[Edge] = []
    for side in ("top", "bottom"):
        if side == "bottom":
            runs = [e for e in inner if e["top"] <= bottom + tol and e["bottom"] > bottom + tol]
            reach = max((e["bottom"] for e in runs), default=bottom)
        else:
            runs = [e for e in inner if e["bottom"] >= top - tol and e["top"] < top - tol]
            reach = min((e["top"] for e in runs), default=top)
        if not runs:
            continue
        lo, hi = (bottom, reach + tol) if side == "bottom" else (reach - tol, top)
        outside = [
            w
            for w in words
            if lo < w.top
            and w.bottom < hi + (w.bottom - w.top)
            and x0 < (w.x0 + w.x1) / 2 < x1
            and not any(_inside(w, other) for other in others)
        ]
        if not outside:
            continue
        if side == "bottom":
            edge_y = max(w.bottom for w in outside) + settings.side_pad
            closing.append(edge("h", x0, edge_y, x1, edge_y))
            closing += [edge("v", e["x0"], e["bottom"], e["x0"], edge_y) for e in runs]
            closing += [edge("v", x, bottom, x, edge_y) for x in (x0, x1)]
        else:
            edge_y = min(w.top for w in outside) - settings.side_pad
            closing.append(edge("h", x0, edge_y, x1, edge_y))
            closing += [edge("v", e["x0"], edge_y, e["x0"], e["top"]) for e in runs]
            closing += [edge("v", x, edge_y, x, top) for x in (x0, x1)]
    return closing


STACK_JOIN = 1.0
"""Gap (points) up to which collinear pieces are one line when looking for stacked tables: a dotted rule's
dashes are closer, the side lines of two stacked tables farther apart."""
STACK_MIN_GAP = 1.0
"""Two rules closer than this are one line drawn twice (or a thick rule), never two tables."""


def stacked_cuts(edges: Sequence[Edge], settings: GridSettings) -> list[float]:
    """Heights where one ruled table ends and another starts right under it (the 한글 habit of stacking a
    table on another with a gap of a point or two): a horizontal rule with vertical lines ending on it,
    another rule at most `snap_tolerance` below with vertical lines starting on it, no vertical line
    crossing between them, and the inner vertical lines above and below at different places. Snapping
    would fuse the two rules and the tables into one grid whose columns mix. A double rule under a header
    keeps its columns on both sides, so it is no cut."""
    tol = settings.snap_tolerance
    join = min(settings.join_tolerance, STACK_JOIN)  # dashes join, the two tables' side lines do not
    exact = join_edges(
        [e for e in edges if e["orientation"] in ("h", "v")],
        join,
        join,
    )
    long_enough = [e for e in exact if _length(e) >= settings.edge_min_length]
    # a rule drawn twice gives the same pairs twice: once is enough (the cuts are a set)
    drawn = {(e["top"], e["x0"], e["x1"]): e for e in long_enough if e["orientation"] == "h"}
    rules = sorted(drawn.values(), key=lambda e: e["top"])
    rule_tops = [e["top"] for e in rules]
    # vertical lines sorted by position, by bottom and by top: those over a pair of rules, ending on the
    # upper one and starting on the lower one are slices (chart pages have thousands of rules and lines)
    verticals = sorted((e for e in long_enough if e["orientation"] == "v"), key=lambda e: e["x0"])
    at = [v["x0"] for v in verticals]
    by_bottom = sorted(verticals, key=lambda e: e["bottom"])
    bottoms = [v["bottom"] for v in by_bottom]
    by_top = sorted(verticals, key=lambda e: e["top"])
    tops = [v["top"] for v in by_top]
    near = 0.5  # a vertical line ends on a rule when its end is this close to it
    wide = near + 1e-6  # the slices are a little wider than `near`; the test on each line is exact
    cuts: list[float] = []
    # per rule, the vertical lines that may end or start on it (a slice a little wider than `near`; the
    # test on each line is exact): a rule without any is in no pair that cuts
    def around(lines: list[Edge], ys: list[float], y: float) -> list[Edge]:
        return lines[bisect.bisect_left(ys, y - wide) : bisect.bisect_right(ys, y + wide)]

    ends_on = [around(by_bottom, bottoms, e["top"]) for e in rules]
    starts_on = [around(by_top, tops, e["top"]) for e in rules]
    for i, upper in enumerate(rules):
        ends = ends_on[i]
        if not ends:
            continue
        # rules less than STACK_MIN_GAP (with a margin for rounding) below are one line drawn twice
        first = max(i + 1, bisect.bisect_left(rule_tops, upper["top"] + STACK_MIN_GAP - 1e-6))
        for j in range(first, len(rules)):
            lower = rules[j]
            gap = lower["top"] - upper["top"]
            if gap > tol:
                break
            starts = starts_on[j]
            if not starts:
                continue
            lo, hi = max(upper["x0"], lower["x0"]), min(upper["x1"], lower["x1"])
            if gap < STACK_MIN_GAP or hi - lo < 0.5 * max(_length(upper), _length(lower)):
                continue
            up, down = upper["top"], lower["top"]
            ending = [
                v["x0"] for v in ends if lo - tol <= v["x0"] <= hi + tol and abs(v["bottom"] - up) <= near
            ]
            if not ending:
                continue
            starting = [
                v["x0"] for v in starts if lo - tol <= v["x0"] <= hi + tol and abs(v["top"] - down) <= near
            ]
            if not starting:
                continue
            over = verticals[bisect.bisect_left(at, lo - tol) : bisect.bisect_right(at, hi + tol)]
            if any(v["top"] < up - near < down + near < v["bottom"] for v in over):
                continue  # a vertical line crosses from one rule to the other
            inner_above = [x for x in ending if lo + tol < x < hi - tol]
            inner_below = [x for x in starting if lo + tol < x < hi - tol]
            same = all(any(abs(a - b) <= tol for b in inner_below) for a in inner_above) and all(
                any(abs(a - b) <= tol for b in inner_above) for a in inner_below
            )
            if not same:
                cuts.append((upper["top"] + lower["top"]) / 2)
    return sorted(set(cuts))


def _band(edges: Sequence[Edge], words: Sequence[WordBox], lo: float, hi: float) -> tuple[list[Edge], list]:
    """The edges (vertical ones clipped) and words of one horizontal band of a page."""
    inside: list[Edge] = []
    for e in edges:
        if e["orientation"] == "h":
            if lo <= e["top"] < hi:
                inside.append(e)
        elif e["bottom"] > lo and e["top"] < hi:
            inside.append(edge("v", e["x0"], max(e["top"], lo), e["x1"], min(e["bottom"], hi)))
    return inside, [w for w in words if lo <= (w.top + w.bottom) / 2 < hi]


def find_grids(
    edges: Sequence[Edge], words: Sequence[WordBox], settings: GridSettings | None = None
) -> list[list[Box]]:
    """The ruled tables of a page as groups of cell boxes, outer sides closed where left open; tables
    stacked right under one another (`stacked_cuts`) are read band by band."""
    settings = settings or GridSettings()
    cuts = stacked_cuts(edges, settings)
    if not cuts:
        return _band_grids(edges, words, settings)
    bounds = [float("-inf"), *cuts, float("inf")]
    found: list[list[Box]] = []
    for lo, hi in itertools.pairwise(bounds):
        band_edges, band_words = _band(edges, words, lo, hi)
        found += _band_grids(band_edges, band_words, settings)
    return found


def bridge_rule_gaps(lines: Sequence[Edge], words: Sequence[WordBox], settings: GridSettings) -> list[Edge]:
    """Lines with a table's rule closed over a cell that goes on from the page before (or to the next
    page): 한글 leaves that cell's top (bottom) border undrawn, so the page's first (last) rule stops on
    either side of it and the cell's text falls out of the grid. A gap is closed when it is one cell that
    lacks only that border: the vertical lines on both of its sides start (end) on the rule and run to a
    rule that spans the gap, and words sit between them. Rules that are not the page's first (last) stay
    as drawn (boxes of a diagram side by side)."""
    tol = settings.snap_tolerance
    verticals = [e for e in lines if e["orientation"] == "v"]
    rules = [e for e in lines if e["orientation"] == "h"]
    if not rules:
        return list(lines)
    first, last = min(r["top"] for r in rules), max(r["top"] for r in rules)
    extra: list[Edge] = []
    for left in rules:
        y = left["top"]
        side = "top" if abs(y - first) <= tol else "bottom" if abs(y - last) <= tol else None
        right = min(
            (r for r in rules if abs(r["top"] - y) <= tol and r["x0"] > left["x1"] + tol),
            key=lambda r: r["x0"],
            default=None,
        )
        if side is None or right is None:
            continue
        lo, hi = left["x1"], right["x0"]
        other = "bottom" if side == "top" else "top"
        sides = [
            [v for v in verticals if abs(v["x0"] - x) <= tol and abs(v[side] - y) <= tol] for x in (lo, hi)
        ]
        if not sides[0] or not sides[1]:
            continue
        if side == "top":
            reach = min(max(v[other] for v in s) for s in sides)
            spans = [
                r["top"]
                for r in rules
                if r["x0"] <= lo + tol and r["x1"] >= hi - tol and y + tol < r["top"] <= reach + tol
            ]
            box = (lo, y, hi, min(spans, default=y))
        else:
            reach = max(min(v[other] for v in s) for s in sides)
            spans = [
                r["top"]
                for r in rules
                if r["x0"] <= lo + tol and r["x1"] >= hi - tol and reach - tol <= r["top"] < y - tol
            ]
            box = (lo, max(spans, default=y), hi, y)
        if spans and any(_inside(w, box) for w in words):
            extra.append(edge("h", lo, y, hi, y))
    return [*lines, *extra]


def _band_grids(edges: Sequence[Edge], words: Sequence[WordBox], settings: GridSettings) -> list[list[Box]]:
    lines = bridge_rule_gaps(ruling_edges(edges, settings), words, settings)
    tables = grid_tables(lines, settings)
    boxes = [bounding_box(cells) for cells in tables]
    extra: list[Edge] = []
    for k, box in enumerate(boxes):
        if len(tables[k]) < 2:
            continue
        others = boxes[:k] + boxes[k + 1 :]
        extra += closing_rules(box, lines, words, others, settings)
    if extra:
        lines = ruling_edges([*lines, *extra], settings)
        tables = grid_tables(lines, settings)
        boxes = [bounding_box(cells) for cells in tables]
        extra = []
    for k, box in enumerate(boxes):
        if len(tables[k]) < 2:
            continue
        extra += closing_edges(box, lines, words, boxes[:k] + boxes[k + 1 :], settings)
    if not extra:
        return tables
    return grid_tables(ruling_edges([*lines, *extra], settings), settings)
