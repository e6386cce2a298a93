"""Org charts drawn as boxes and connector lines: the unit tree with its teams, from page geometry.

A chain of small pure steps over one page's words and graphics (as the PDF reader passes them through
`pipeline.schemas.document`), in the manner of pdfplumber's table finder:

`strokes` (rects, lines and curves as horizontal/vertical strokes; dashes joined) -> `boxes` (closed
rectangles from the strokes' intersections) -> `box_texts` (the words inside each box, letter spacing and
wrapped lines joined) -> `connectors` (strokes on no box border, joined into nets) -> `chart_tree` (a net's
box above is the parent of the boxes below it; boxes stacked under a unit list its teams or duties).

A dashed connector marks supervision, not the line of command (a 사업소 drawn dotted under a 과 belongs to
the 국): the unit hangs from the parent of the box it is dotted to.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pipeline.lexicon.orgs import (
    BULLET_MARKS,
    CHART_CUES,
    DUTY_WORDS,
    OFFICE_HOLDERS,
    RANK_WORDS,
    TEAM_RANK,
)
from pipeline.normalize.names import normalize_name
from pipeline.schemas.document import Graphic, Word

COUNT_LABEL = re.compile(r"\(\s*(?P<count>\d+)\s*(?:개\s*)?(?:팀)?\s*\)\s*$")
"""`복지정책과(6)`: the number of teams printed after a box's name."""
TEAM_COUNT_LINE = re.compile(
    r"^\(?\s*(?P<teams>\d+)\s*(?:개\s*)?팀\s*\)?\s*(?:\(\s*(?P<staff>\d+)\s*명\s*\))?$"
)
"""`5팀(35명)`: a list box's first line giving the number of teams and staff."""
NOTE = re.compile(r"\([^()]*\)$")
SUMMARY_PAIR = re.compile(r"(?P<count>\d+)\s*(?P<rank>" + "|".join(RANK_WORDS) + r")(?![가-힣])")
"""`5 담당관 1 추진단 20 팀`, `1국 5과 22팀`, `1팀, 4부(14팀, 2소)`."""


@dataclass(frozen=True)
class ChartSettings:
    """Tolerances of the chart reader, in PDF points."""

    snap: float = 1.5
    """Parallel strokes closer than this are one stroke (gradient fills drawn as stacks of thin bars)."""
    join_gap: float = 3.0
    """Collinear pieces with gaps up to this join into one stroke (dashed and dotted lines)."""
    dash_length: float = 4.0
    """A stroke joined from three or more pieces shorter than this on average is dashed."""
    stroke_width: float = 2.0
    """A rect thinner than this is a stroke, not a box."""
    min_box: float = 6.0
    """Closed rectangles smaller than this either way hold no unit."""
    touch: float = 3.0
    """A connector ends at a box (or meets another connector) within this distance."""
    list_gap: float = 24.0
    """A box stacked at most this far below a unit's box lists its teams or duties."""
    line_tolerance: float = 3.0
    """Words whose tops differ by less than this are on one line of a box."""
    max_team_chars: int = 14
    """A listed entry longer than this (spaces removed) is a duty, not a team name."""
    min_ranked_share: float = 0.6
    """This share of the boxes below the top must end in a rank word (else: a diagram, not a chart)."""
    max_strokes: int = 4000
    """A page drawing more strokes than this is a plot or a pattern, not an org chart."""

    def __post_init__(self) -> None:
        values = (self.snap, self.join_gap, self.dash_length, self.stroke_width, self.min_box, self.touch)
        if min(values) <= 0 or self.list_gap < 0 or self.max_team_chars < 2:
            raise ValueError(f"invalid ChartSettings: {self}")


BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Stroke:
    """A horizontal or vertical stroke: `pos` is its y (or x), `start`..`end` its span."""

    horizontal: bool
    pos: float
    start: float
    end: float
    dashed: bool = False


@dataclass
class BoxText:
    """A closed box and the text lines inside it (each line spaces folded as printed)."""

    box: BBox
    lines: list[str]
    vertical: bool = False

    @property
    def compact(self) -> str:
        return "".join("".join(self.lines).split())


@dataclass
class ChartUnit:
    """A unit read off a chart: its name as printed, rank, parent (index into the chart's units), teams."""

    name: str
    canonical_name: str
    rank: str | None
    parent: int | None
    box: BBox
    team_count: int | None = None
    """As printed beside the name (`(6)`) or atop the list (`5팀(35명)`)."""
    staff: int | None = None
    duties: list[str] = field(default_factory=list)
    is_team: bool = False
    listed: bool = False
    """Read from a list under its parent's box (`▪기획`), not drawn in a box of its own."""


@dataclass
class OrgChart:
    """One chart of a page: units in reading order (the top unit first) and the summary line's counts."""

    page: int
    box: BBox
    units: list[ChartUnit]
    summary: str | None = None
    summary_counts: dict[str, int] = field(default_factory=dict)


SPACES_AND_DOTS = re.compile(r"[\s·ㆍᆞ‧․∙・]")


def compact(text: str) -> str:
    """The text without spaces and middle dots: the form names are compared in."""
    return SPACES_AND_DOTS.sub("", text)


@lru_cache(maxsize=4096)  # asked of each name by is_malformed, is_glued (each word), the units' ranks
def rank_of(name: str) -> str | None:
    """The rank word a unit's name ends in (`빅데이터통계담당관` -> 담당관), or None; a note in brackets
    after the name (`추진단 (별도조직)`) is passed over, and an office holder (`장관`, `원장`) has no rank."""
    text = NOTE.sub("", compact(name))
    if text in OFFICE_HOLDERS:
        return None
    return next((r for r in RANK_WORDS if text.endswith(r) and len(text) > len(r)), None)


MIN_NAME_CHARS = 3
"""A unit named outside a chart has at least this many characters (`전국`, `재단`, `팀` are none)."""


COUNTED = re.compile(r"\d\s*개?\s*$")
"""What precedes the rank word in a count (`20개국`, `3과`), never in a unit's name."""


@lru_cache(maxsize=4096)  # asked of each row label of each table by table_org_units
def is_unit_name(name: str) -> bool:
    """A name one unit could bear outside a chart: long enough and not malformed."""
    return len(compact(name)) >= MIN_NAME_CHARS and not is_malformed(name)


def is_malformed(name: str) -> bool:
    """A name no unit bears, drawn or listed: two names side by side (`통계담당관 경제동맹추진단`), a stray
    glyph (`별`), a bracket left open (`고매년수 (20개국` is a cut phrase), or a count (`20개국`, `5과`)."""
    text = compact(name)
    rank = rank_of(text)
    return (
        len(text) < 2
        or is_glued(name)
        or text.count("(") != text.count(")")
        or bool(rank and COUNTED.search(NOTE.sub("", text)[: -len(rank)]))
    )


def is_glued(name: str) -> bool:
    """Whether a printed name is two or more unit names run together (each 3+ characters and ranked)."""
    pieces = [p for p in name.split() if len(p) >= MIN_NAME_CHARS and rank_of(p)]
    return len(pieces) >= 2


def strokes(graphics: Iterable[Graphic], settings: ChartSettings) -> list[Stroke]:
    """Horizontal and vertical strokes of the graphics, snapped and joined (dashes into one dashed stroke)."""
    pieces: list[Stroke] = []
    w = settings.stroke_width
    for g in graphics:
        width, height = g.x1 - g.x0, g.bottom - g.top
        if height < w and width >= height:
            pieces.append(Stroke(True, (g.top + g.bottom) / 2, g.x0, g.x1))
        elif width < w:
            pieces.append(Stroke(False, (g.x0 + g.x1) / 2, g.top, g.bottom))
        elif g.kind != "line":
            pieces += [
                Stroke(True, g.top, g.x0, g.x1),
                Stroke(True, g.bottom, g.x0, g.x1),
                Stroke(False, g.x0, g.top, g.bottom),
                Stroke(False, g.x1, g.top, g.bottom),
            ]
    return _join([p for p in pieces if p.horizontal], settings) + _join(
        [p for p in pieces if not p.horizontal], settings
    )


def _join(pieces: list[Stroke], settings: ChartSettings) -> list[Stroke]:
    """Parallel pieces snapped to shared positions, then collinear pieces joined across small gaps."""
    joined: list[Stroke] = []
    clusters: list[list[Stroke]] = []
    for piece in sorted(pieces, key=lambda p: p.pos):
        if clusters and piece.pos - clusters[-1][0].pos <= settings.snap:
            clusters[-1].append(piece)
        else:
            clusters.append([piece])
    for cluster in clusters:
        pos = round(sum(p.pos for p in cluster) / len(cluster), 2)
        run: list[Stroke] = []
        for piece in sorted(cluster, key=lambda p: p.start):
            if run and piece.start > max(p.end for p in run) + settings.join_gap:
                joined.append(_merged(run, pos, settings))
                run = []
            run.append(piece)
        if run:
            joined.append(_merged(run, pos, settings))
    return joined


def _merged(run: list[Stroke], pos: float, settings: ChartSettings) -> Stroke:
    lengths = [p.end - p.start for p in run]
    dashed = len(run) >= 3 and sum(lengths) / len(run) < settings.dash_length
    return Stroke(run[0].horizontal, pos, min(p.start for p in run), max(p.end for p in run), dashed)


def _crosses(h: Stroke, v: Stroke, tolerance: float) -> bool:
    return (
        v.start - tolerance <= h.pos <= v.end + tolerance
        and h.start - tolerance <= v.pos <= h.end + tolerance
    )


def boxes(lines: list[Stroke], settings: ChartSettings) -> list[BBox]:
    """The smallest closed rectangles the strokes draw (pdfplumber's intersections-to-cells, on strokes)."""
    hs = [s for s in lines if s.horizontal]
    vs = [s for s in lines if not s.horizontal]
    tol = settings.snap
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _crosses(h, v, tol):
                hit = points.setdefault((v.pos, h.pos), (set(), set()))
                hit[0].add(i)
                hit[1].add(j)
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in points:
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    found: list[BBox] = []
    for (x, y), (h_ids, v_ids) in sorted(points.items(), key=lambda item: (item[0][1], item[0][0])):
        below = [b for b in sorted(by_x[x]) if b > y and points[(x, b)][1] & v_ids]
        right = [r for r in sorted(by_y[y]) if r > x and points[(r, y)][0] & h_ids]
        cell = _smallest_cell(points, x, y, below, right)
        if cell and cell[2] - cell[0] >= settings.min_box and cell[3] - cell[1] >= settings.min_box:
            found.append(cell)
    return found


def _smallest_cell(
    points: dict[tuple[float, float], tuple[set[int], set[int]]],
    x: float,
    y: float,
    below: list[float],
    right: list[float],
) -> BBox | None:
    for b in below:
        for r in right:
            corner = points.get((r, b))
            if corner and corner[1] & points[(r, y)][1] and corner[0] & points[(x, b)][0]:
                return (x, y, r, b)
    return None


def box_texts(found: list[BBox], words: list[Word], settings: ChartSettings) -> list[BoxText]:
    """Each box with the words whose centre lies in it (the smallest box wins); empty boxes dropped.

    A word that runs over a box's border (`지원과기획관협력관` across three narrow boxes) is cut there:
    its characters are spread evenly over its width and each goes to the box holding its centre.
    """
    inside: dict[int, list[Word]] = {}
    for word in words:
        for piece in _split_at_borders(word, found):
            holder = _holder(found, (piece.x0 + piece.x1) / 2, (piece.top + piece.bottom) / 2)
            if holder is not None:
                inside.setdefault(holder, []).append(piece)
    texts = []
    for i, box_words in sorted(inside.items()):
        texts.append(_box_text(found[i], box_words, settings))
    return [t for t in texts if t.compact]


def _holder(found: list[BBox], x: float, y: float) -> int | None:
    """The smallest box containing a point."""
    holders = [i for i, (x0, top, x1, bottom) in enumerate(found) if x0 <= x <= x1 and top <= y <= bottom]
    if not holders:
        return None
    return min(holders, key=lambda i: (found[i][2] - found[i][0]) * (found[i][3] - found[i][1]))


def _split_at_borders(word: Word, found: list[BBox]) -> list[Word]:
    """The word, or its runs of characters that fall in different boxes."""
    if len(word.text) < 2:
        return [word]
    y = (word.top + word.bottom) / 2
    width = (word.x1 - word.x0) / len(word.text)
    owners = [_holder(found, word.x0 + (k + 0.5) * width, y) for k in range(len(word.text))]
    if len(set(owners)) == 1:
        return [word]
    pieces: list[Word] = []
    start = 0
    for k in range(1, len(owners) + 1):
        if k == len(owners) or owners[k] != owners[start]:
            pieces.append(
                replace(word, text=word.text[start:k], x0=word.x0 + start * width, x1=word.x0 + k * width)
            )
            start = k
    return pieces


def _box_text(box: BBox, words: list[Word], settings: ChartSettings) -> BoxText:
    """Lines of a box; a tall narrow box of one-glyph lines is vertical writing, read as one line."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(rows[-1][0].top - word.top) <= settings.line_tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = [" ".join(w.text for w in sorted(row, key=lambda w: w.x0)) for row in rows]
    width, height = box[2] - box[0], box[3] - box[1]
    singles = sum(1 for line in lines if len(compact(line)) <= 2)
    if len(lines) >= 3 and height > 1.5 * width and singles >= 0.8 * len(lines):
        columns: list[list[Word]] = []
        for word in sorted(words, key=lambda w: w.x0):
            if columns and word.x0 < max(w.x1 for w in columns[-1]):
                columns[-1].append(word)
            else:
                columns.append([word])
        text = "".join(w.text for column in columns for w in sorted(column, key=lambda w: w.top))
        return BoxText(box, [compact(text)], vertical=True)
    return BoxText(box, [" ".join(line.split()) for line in lines])


def connectors(lines: list[Stroke], found: list[BBox], settings: ChartSettings) -> list[list[Stroke]]:
    """The parts of strokes that run along no box's border, joined into nets of parts that touch."""
    free = [part for s in lines for part in _off_borders(s, found, settings.snap)]
    parent = list(range(len(free)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(free):
        for j in range(i + 1, len(free)):
            if _touch(a, free[j], settings.touch):
                parent[root(i)] = root(j)
    nets: dict[int, list[Stroke]] = {}
    for i, stroke in enumerate(free):
        nets.setdefault(root(i), []).append(stroke)
    return list(nets.values())


def _off_borders(stroke: Stroke, found: list[BBox], tol: float) -> list[Stroke]:
    """The pieces of a stroke left once every stretch lying on a box's border is cut out."""
    covered: list[tuple[float, float]] = []
    for x0, top, x1, bottom in found:
        edges, span = ((top, bottom), (x0, x1)) if stroke.horizontal else ((x0, x1), (top, bottom))
        if any(abs(stroke.pos - e) <= tol for e in edges):
            covered.append(span)
    pieces = [(stroke.start, stroke.end)]
    for a, b in covered:
        pieces = [
            part
            for start, end in pieces
            for part in ((start, min(end, a)), (max(start, b), end))
            if part[1] - part[0] > tol
        ]
    return [Stroke(stroke.horizontal, stroke.pos, a, b, stroke.dashed) for a, b in pieces]


def _touch(a: Stroke, b: Stroke, tol: float) -> bool:
    if a.horizontal == b.horizontal:
        return abs(a.pos - b.pos) <= tol and a.start <= b.end + tol and b.start <= a.end + tol
    h, v = (a, b) if a.horizontal else (b, a)
    return _crosses(h, v, tol)


def _net_ends(net: list[Stroke], texts: list[BoxText], tol: float) -> tuple[list[int], list[int]]:
    """Boxes a net leaves from (its strokes start at their bottom) and boxes it reaches (at their top)."""
    uppers: list[int] = []
    lowers: list[int] = []
    for i, text in enumerate(texts):
        x0, top, x1, bottom = text.box
        for s in net:
            if s.horizontal:
                continue
            if x0 - tol <= s.pos <= x1 + tol and abs(s.start - bottom) <= tol and s.end > bottom + tol:
                uppers.append(i)
                break
            if x0 - tol <= s.pos <= x1 + tol and abs(s.end - top) <= tol and s.start < top - tol:
                lowers.append(i)
                break
    return uppers, lowers


def _block(texts: list[BoxText], i: int, tol: float) -> list[int]:
    """Box `i` and the boxes sharing its top that touch it side by side (a row of team boxes drawn as one)."""
    block = {i}
    grew = True
    while grew:
        grew = False
        for j, text in enumerate(texts):
            if j in block or abs(text.box[1] - texts[i].box[1]) > tol:
                continue
            if any(
                abs(text.box[0] - texts[k].box[2]) <= tol or abs(text.box[2] - texts[k].box[0]) <= tol
                for k in block
            ):
                block.add(j)
                grew = True
    return sorted(block)


def _stacked_below(texts: list[BoxText], i: int, used: set[int], settings: ChartSettings) -> list[int]:
    """Boxes stacked right under box `i` (nearest first, each under the previous): its lists."""
    chain: list[int] = []
    current = texts[i].box
    while True:
        candidates = [
            j
            for j, text in enumerate(texts)
            if j not in used
            and j not in chain
            and j != i
            and -settings.touch <= text.box[1] - current[3] <= settings.list_gap
            and _overlap(text.box, current) >= 0.6 * (text.box[2] - text.box[0])
        ]
        if not candidates:
            return chain
        nearest = min(candidates, key=lambda j: texts[j].box[1])
        chain.append(nearest)
        current = texts[nearest].box


def _overlap(a: BBox, b: BBox) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0]))


def _name(text: BoxText) -> tuple[str, int | None]:
    """A box's name as printed (lines joined, count label cut off) and its printed team count."""
    name = " ".join(line.strip(BULLET_MARKS + " ") for line in text.lines)
    match = COUNT_LABEL.search(name)
    count = int(match.group("count")) if match else None
    if match:
        name = name[: match.start()]
    return " ".join(name.split()), count


def _entries(lines: list[str]) -> list[str]:
    """Listed teams or duties: one per line, or split at bullet marks when a line holds several."""
    entries: list[str] = []
    for line in lines:
        marks = [k for k, ch in enumerate(line) if ch in BULLET_MARKS and (k == 0 or line[k - 1] == " ")]
        if len(marks) >= 2:
            bounds = [*marks, len(line)]
            entries += [line[a:b] for a, b in itertools.pairwise(bounds)]
        else:
            entries.append(line)
    cleaned = [" ".join(e.strip().lstrip(BULLET_MARKS).split()) for e in entries]
    return [e for e in cleaned if re.search(r"[가-힣A-Za-z]", e)]


def _ancestors(parents: dict[int, int | None], i: int) -> list[int]:
    chain = [i]
    while (up := parents.get(chain[-1])) is not None and len(chain) < 50:
        chain.append(up)
    return chain


def _common_parent(parents: dict[int, int | None], uppers: list[int]) -> int | None:
    """Where a dashed or shared connector hangs its boxes: the uppers' parents' nearest common ancestor."""
    chains = [_ancestors(parents, up if (up := parents.get(u)) is not None else u) for u in uppers]
    common = set(chains[0]).intersection(*chains[1:])
    return next((a for a in chains[0] if a in common), None)


def chart_tree(texts: list[BoxText], nets: list[list[Stroke]], settings: ChartSettings) -> list[ChartUnit]:
    """The units of the page's chart, top unit first, children row by row and left to right."""
    tol = settings.touch
    parents: dict[int, int | None] = {}
    loose: list[tuple[list[int], list[int]]] = []
    for net in nets:
        uppers, lowers = _net_ends(net, texts, tol)
        if not uppers or not lowers:
            continue
        children = sorted({k for j in lowers for k in _block(texts, j, settings.snap)} - set(uppers))
        dashed = sum(s.end - s.start for s in net if s.dashed) > 0.5 * sum(s.end - s.start for s in net)
        if len(uppers) == 1 and not dashed:
            for child in children:
                parents.setdefault(child, uppers[0])
        else:
            loose.append((uppers, children))
    for upper in {u for u in parents.values() if u is not None}:
        parents.setdefault(upper, None)
    for uppers, children in loose:
        if all(u in parents for u in uppers):
            anchor = _common_parent(parents, uppers)
            for child in children:
                parents.setdefault(child, anchor)
    roots = [i for i, p in parents.items() if p is None]
    if not roots:
        return []
    top = max(roots, key=lambda r: sum(1 for i in parents if r in _ancestors(parents, i)))
    members = [i for i in parents if top in _ancestors(parents, i)]
    if len(members) < 3:
        return []
    return _units(texts, parents, top, members, settings)


def _units(
    texts: list[BoxText],
    parents: dict[int, int | None],
    top: int,
    members: list[int],
    settings: ChartSettings,
) -> list[ChartUnit]:
    depth = {i: len(_ancestors(parents, i)) for i in members}
    order = sorted(members, key=lambda i: (depth[i], round(texts[i].box[1] / 10), texts[i].box[0]))
    index = {box_index: k for k, box_index in enumerate(order)}
    units: list[ChartUnit] = []
    used = set(members)
    lists: dict[int, list[int]] = {}
    for i in order:
        lists[i] = _stacked_below(texts, i, used, settings)
        used.update(lists[i])
    for i in order:
        name, count = _name(texts[i])
        parent = parents.get(i)
        units.append(
            ChartUnit(
                name=name,
                canonical_name=compact(name),
                rank=rank_of(name),
                parent=index[parent] if parent is not None and i != top else None,
                box=texts[i].box,
                team_count=count,
                is_team=rank_of(name) == TEAM_RANK,
            )
        )
    for i in order:
        unit = units[index[i]]
        entries = _entries([line for j in lists[i] for line in texts[j].lines])
        if entries and (match := TEAM_COUNT_LINE.match(compact(entries[0]))):
            unit.team_count = unit.team_count or int(match.group("teams"))
            unit.staff = int(match.group("staff")) if match.group("staff") else None
            entries = entries[1:]
        for entry in entries:
            if _is_duty(entry, settings):
                unit.duties.append(entry)
                continue
            box = texts[lists[i][0]].box
            units.append(
                ChartUnit(
                    name=entry,
                    canonical_name=compact(entry),
                    rank=TEAM_RANK,
                    parent=index[i],
                    box=box,
                    is_team=True,
                    listed=True,
                )
            )
    _staff_counts(units)
    return units


def _staff_counts(units: list[ChartUnit]) -> None:
    """Counts beside the names are staff, not teams, when a unit's count is the sum of its children's
    (`원장(53)` over `기획연수부(25)` and `어문연구실(28)`): move them to `staff` across the chart."""
    def children(k: int) -> list[ChartUnit]:
        return [u for u in units if u.parent == k and not u.listed]

    adds_up = any(
        unit.team_count is not None
        and len(kids := children(k)) >= 2
        and all(kid.team_count is not None for kid in kids)
        and sum(kid.team_count or 0 for kid in kids) == unit.team_count
        for k, unit in enumerate(units)
    )
    if adds_up:
        for unit in units:
            if unit.team_count is not None and unit.staff is None:
                unit.staff, unit.team_count = unit.team_count, None


def _is_duty(entry: str, settings: ChartSettings) -> bool:
    text = compact(entry)
    return len(text) > settings.max_team_chars or any(f" {w} " in f" {entry} " for w in DUTY_WORDS)


def parse_summary(text: str) -> dict[str, int]:
    """Counts by rank of a summary line (`5 담당관 1 추진단 20 팀` -> {담당관: 5, 추진단: 1, 팀: 20})."""
    counts: dict[str, int] = {}
    for match in SUMMARY_PAIR.finditer(text):
        counts[match.group("rank")] = counts.get(match.group("rank"), 0) + int(match.group("count"))
    return counts


def summary_line(lines: list[str]) -> tuple[str, dict[str, int]] | None:
    """The last line above a chart that counts units by rank (two or more `N rank` pairs)."""
    for text in reversed(lines):
        counts = parse_summary(text)
        if len(counts) >= 2 or (counts and any(cue in compact(text) for cue in CHART_CUES)):
            return " ".join(text.split()), counts
    return None


def summary_mismatches(chart: OrgChart) -> list[tuple[str, int, int]]:
    """(rank, printed, found) for every rank whose count in the summary line differs from the chart's units.

    Each unit counts under the summary's rank word its rank or name ends in (the longest); a box ending in
    none of them (`클래식부산`, `시립미술관` under `7사업소`) counts like the boxes of its row.
    """
    words = sorted(chart.summary_counts, key=len, reverse=True)
    counted: dict[int, str | None] = {}
    for k, unit in enumerate(chart.units):
        counted[k] = (
            unit.rank
            if unit.rank in chart.summary_counts
            else next((w for w in words if unit.canonical_name.endswith(w)), None)
        )
    for k, unit in enumerate(chart.units):
        if counted[k] is None and unit.parent is not None:
            peers = [
                counted[j]
                for j, other in enumerate(chart.units)
                if j != k
                and other.parent == unit.parent
                and abs(other.box[1] - unit.box[1]) <= 3
                and counted[j]
            ]
            counted[k] = max(set(peers), key=peers.count) if peers else None
    found = dict.fromkeys(chart.summary_counts, 0)
    for word in counted.values():
        if word:
            found[word] += 1
    return [(w, n, found[w]) for w, n in chart.summary_counts.items() if found[w] != n]


def page_chart(
    page: int, words: list[Word], graphics: list[Graphic], settings: ChartSettings | None = None
) -> OrgChart | None:
    """The org chart drawn on one page, or None when the page draws no tree of boxes."""
    settings = settings or ChartSettings()
    lines = strokes(graphics, settings)
    if len(lines) > settings.max_strokes:
        return None
    found = boxes(lines, settings)
    if not found:
        return None
    texts = box_texts(found, words, settings)
    units = chart_tree(texts, connectors(lines, [t.box for t in texts], settings), settings)
    drawn = [u for u in units[1:] if not u.listed]
    ranked = sum(1 for u in drawn if u.rank)
    if not units or len(drawn) < 2 or ranked < settings.min_ranked_share * len(drawn):
        return None
    x0 = min(u.box[0] for u in units)
    top = min(u.box[1] for u in units)
    chart = OrgChart(
        page=page,
        box=(x0, top, max(u.box[2] for u in units), max(u.box[3] for u in units)),
        units=units,
    )
    above = _lines_above(words, top, settings)
    summary = summary_line(above)
    if summary:
        chart.summary, chart.summary_counts = summary
    return chart


def _lines_above(words: list[Word], top: float, settings: ChartSettings) -> list[str]:
    rows: list[list[Word]] = []
    for word in sorted((w for w in words if w.bottom <= top), key=lambda w: (w.top, w.x0)):
        if rows and abs(rows[-1][0].top - word.top) <= settings.line_tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [" ".join(w.text for w in sorted(row, key=lambda w: w.x0)) for row in rows]


def grid_chart(cells: list[tuple[str, int, int, int, int]], min_ranked_share: float = 0.6) -> list[ChartUnit]:
    """A chart drawn as a table (HWP/HWPX: each box a cell, connectors as cell borders): units as
    (text, row, col, row_span, col_span) cells; a unit's parent is the nearest box above it that shares
    the most columns with it. Empty when the cells are not mostly unit names (a data table)."""
    # letter spacing joined (`기 획 운 영 과 (11)` → `기획운영과`), as the PDF's box of the same chart reads
    named = [(normalize_name(t), r, c, rs, cs) for t, r, c, rs, cs in cells if compact(t)]
    if len(named) < 3:
        return []
    boxes_ = [(_name(BoxText((0, 0, 0, 0), [t])), r, c, rs, cs) for t, r, c, rs, cs in named]
    below_top = boxes_[1:] if boxes_ else []
    ranked = sum(1 for (name, _), *_ in below_top if rank_of(name))
    if ranked < min_ranked_share * len(below_top):
        return []
    order = sorted(range(len(boxes_)), key=lambda k: (boxes_[k][1], boxes_[k][2]))
    units: list[ChartUnit] = []
    index: dict[int, int] = {}
    for k in order:
        (name, count), row, col, _, span = boxes_[k]
        best, best_overlap = None, 0
        for j in index:
            (_, _), prow, pcol, prs, pspan = boxes_[j]
            if prow + prs > row:
                continue
            overlap = min(col + span, pcol + pspan) - max(col, pcol)
            nearer = best is not None and prow > boxes_[best][1]
            if overlap > best_overlap or (overlap == best_overlap and nearer):
                best, best_overlap = j, overlap
        if best is None and units:
            return []  # a box hanging from nothing: not a layout this reader can trust
        index[k] = len(units)
        units.append(
            ChartUnit(
                name=name,
                canonical_name=compact(name),
                rank=rank_of(name),
                parent=index[best] if best is not None else None,
                box=(float(col), float(row), float(col + span), float(row + 1)),
                team_count=count,
            )
        )
    _staff_counts(units)
    return units
