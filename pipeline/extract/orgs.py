"""Org units (실/국/과/팀/센터/관): from drawn org charts, org lists in prose and the row labels of tables.

A drawn chart (`pipeline.extract.orgchart`) gives the tree; prose lists and table row labels add the units
it does not draw and fill in what it does not print (grades, functions). Every unit gets a stable id and
its parent's id, so the warehouse can walk the tree (`v_org_tree`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from pipeline.extract.headcounts import is_org_name
from pipeline.extract.orgchart import (
    CHART_CUES,
    ChartSettings,
    OrgChart,
    grid_chart,
    is_unit_name,
    page_chart,
    rank_of,
    summary_line,
)
from pipeline.extract.orgchart import compact as compact_name
from pipeline.extract.prose import Prose
from pipeline.lexicon.labels import label_parts
from pipeline.lexicon.words import compact, has_word
from pipeline.normalize import normalize_name
from pipeline.schemas.document import Document
from pipeline.schemas.facts import BudgetFact, Headcount, OrgUnit
from pipeline.schemas.records import CellRecord, TableRecord

ORG_LINE = re.compile(
    r"^[\s\-·•∙ㆍ]*(?P<name>[가-힣A-Za-z][가-힣A-Za-z\s]{1,30}?)\s*"
    r"(?:\((?P<rank>[\d\s·․ㆍ‧,]+급)\))?\s*(?:\((?P<teams>\d+)\s*팀\))?\s*$"
)
"""`경 제 정 책 실(1․2급)`, `신산업정책관(3 ․ 4급)`, `- 지역경제과`, `경제환경국`."""

TEAM_COUNT = re.compile(r"(?P<teams>\d+)\s*개?\s*팀")
FUNCTION_WORDS = ("주요업무", "담당업무", "주요기능", "업무")
ORG_SECTION_WORDS = ("조직", "주요기능", "일반현황")


def _grade(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"\s*[·․ㆍ‧,]\s*", "·", " ".join(text.split()))


def prose_org_units(
    document: Document, issuer: str | None, skip_lines: set[int] | None = None, prose: Prose | None = None
) -> list[OrgUnit]:
    """Org units listed line by line on the cover and in 조직 sections (not the lines of a drawn chart)."""
    org_sections = {s.section_id for s in document.sections if has_word(s.title, ORG_SECTION_WORDS)}
    first_chapter = next((s.first_line for s in document.sections if s.level == 1), 0)
    skipped = skip_lines or set()
    units: list[OrgUnit] = []
    parent: str | None = None
    for line in (prose or Prose(document)).lines:
        if line.number in skipped:
            continue
        in_org_section = (line.section_id or "") in org_sections
        if not (line.number < first_chapter or in_org_section or (first_chapter == 0 and line.number < 40)):
            continue
        match = ORG_LINE.match(line.text)
        if not match or not is_org_name(match.group("name")):
            continue
        name = " ".join(match.group("name").split())
        canonical = compact_name(normalize_name(name))
        if not is_unit_name(name):
            continue
        child = line.text.lstrip().startswith(("-", "·", "∙"))
        units.append(
            OrgUnit(
                doc_id=document.doc_id,
                name=name,
                canonical_name=canonical,
                parent_name=parent if child else (issuer if issuer and issuer != canonical else None),
                unit_id="",
                rank=rank_of(canonical),
                grade=_grade(match.group("rank")),
                team_count=int(match.group("teams")) if match.group("teams") else None,
                line=line.number,
                page=line.page,
            )
        )
        if not child:
            parent = canonical
    return units


def table_org_units(table: TableRecord, cells: list[CellRecord], issuer: str | None) -> list[OrgUnit]:
    """Org units named by the row labels of a table, with their functions where a column gives them."""
    first_cols: dict[str | None, int] = {}  # each column label's first body cell: each label read once
    for c in cells:
        if not c.is_header:
            first_cols.setdefault(c.col_label, c.col_idx)
    function_col = next(
        (col for label, col in first_cols.items() if label and has_word(label, FUNCTION_WORDS)), None
    )
    names: dict[str | None, tuple[str, str] | None] = {}  # each row label's unit, read once
    units: dict[str, OrgUnit] = {}
    for cell in cells:
        if cell.is_header:
            continue
        label = cell.row_label
        if label not in names:
            names[label] = _unit_of_label(label)
        named = names[label]
        if named is None:
            continue
        name, canonical = named
        unit = units.get(canonical) or OrgUnit(
            doc_id=table.doc_id,
            unit_id="",
            rank=rank_of(canonical),
            source="table",
            name=name,
            canonical_name=canonical,
            parent_name=issuer if issuer and issuer != canonical else None,
            line=cell.line,
            page=cell.page,
        )
        if cell.col_idx == function_col:
            unit.functions = " ".join(f for f in (unit.functions, cell.raw_text) if f)
        units[canonical] = unit
    return list(units.values())


def _unit_of_label(label: str | None) -> tuple[str, str] | None:
    """(name, canonical name) of the org unit a row label's innermost part names, else None."""
    parts = label_parts(label)
    if not parts or not is_org_name(parts[-1]):
        return None
    name = " ".join(parts[-1].split())
    return (name, compact_name(normalize_name(name))) if is_unit_name(name) else None


def team_count(document: Document) -> int | None:
    """`1센터장 3개팀`, `조 직 : 4팀`: the number of teams the cover or 조직 section prints."""
    for section in document.sections:
        if has_word(section.title, ("조직", "센터장")) or "팀" in compact(section.title):
            match = TEAM_COUNT.search(section.title)
            if match:
                return int(match.group("teams"))
    return None


def chart_pages(document: Document) -> list[int]:
    """Pages that draw something and print a chart cue word (조직도, 기구, 조직)."""
    drawn = {g.page for g in document.graphics}
    if not drawn:
        return []
    return sorted(
        {
            line.page
            for line in document.lines
            if line.page in drawn and any(cue in compact_name(line.text) for cue in CHART_CUES)
        }
    )


def table_charts(document: Document) -> list[tuple[OrgChart, int]]:
    """Charts an HWP/HWPX document draws as a table of boxes, with the line of each table."""
    charts = []
    for table in document.tables:
        units = grid_chart([(c.text, c.row, c.col, c.row_span, c.col_span) for c in table.cells])
        if not units:
            continue
        chart = OrgChart(page=table.page or 0, box=(0.0, 0.0, 0.0, 0.0), units=units)
        above = [line.text for line in document.lines[max(0, table.first_line - 6) : table.first_line - 1]]
        summary = summary_line(above)
        if summary:
            chart.summary, chart.summary_counts = summary
        charts.append((chart, table.first_line))
    return charts


def read_charts(document: Document, settings: ChartSettings | None = None) -> list[OrgChart]:
    """The org charts drawn on the document's pages."""
    charts = []
    for page in chart_pages(document):
        words = [w for line in document.lines if line.page == page for w in line.words]
        graphics = [g for g in document.graphics if g.page == page]
        chart = page_chart(page, words, graphics, settings)
        if chart:
            charts.append(chart)
    return charts


def _line_at(document: Document, page: int, top: float, bottom: float) -> int:
    """The document line of a page nearest to a box's text."""
    on_page = [line for line in document.lines if line.page == page and line.words]
    inside = [line for line in on_page if top - 1 <= line.words[0].top <= bottom]
    pool = inside or on_page
    if not pool:
        return 1
    return min(pool, key=lambda line: abs(line.words[0].top - top)).number


def chart_units(document: Document, chart: OrgChart) -> list[OrgUnit]:
    """The records of one chart's units, each with its id and its parent's id."""
    paths: list[str] = []
    units: list[OrgUnit] = []
    for k, unit in enumerate(chart.units):
        parent = units[unit.parent] if unit.parent is not None else None
        path = unit.canonical_name if unit.parent is None else f"{paths[unit.parent]}>{unit.canonical_name}"
        paths.append(path)
        units.append(
            OrgUnit(
                doc_id=document.doc_id,
                unit_id=f"{document.doc_id}/{path}",
                name=unit.name,
                canonical_name=unit.canonical_name,
                parent_id=parent.unit_id if parent else None,
                parent_name=parent.canonical_name if parent else None,
                rank=unit.rank,
                team_count=unit.team_count,
                staff_count=unit.staff,
                functions=" / ".join(unit.duties) or None,
                source="chart",
                summary=chart.summary if k == 0 else None,
                line=_line_at(document, chart.page, unit.box[1], unit.box[3]),
                page=chart.page,
                box=tuple(round(v, 1) for v in unit.box),
            )
        )
    return units


def _chart_lines(document: Document, charts: list[OrgChart]) -> set[int]:
    """Document lines printed inside a chart's area (they are the chart's boxes, not an org list)."""
    lines = set()
    for chart in charts:
        _, top, _, bottom = chart.box
        for line in document.lines:
            if line.page == chart.page and line.words and top - 2 <= line.words[0].top <= bottom + 2:
                lines.add(line.number)
    return lines


def org_units(
    document: Document,
    tables: list[TableRecord],
    cells: list[CellRecord],
    issuer: str | None,
    prose: Prose | None = None,
) -> list[OrgUnit]:
    """All org units of a document: the drawn charts' trees, then units only prose or tables name."""
    by_table: dict[str, list[CellRecord]] = defaultdict(list)
    for cell in cells:
        by_table[cell.table_id].append(cell)
    charts = read_charts(document)
    charted = [u for chart in charts for u in chart_units(document, chart)]
    if document.format in ("hwp", "hwpx"):
        for chart, line in table_charts(document):
            units = chart_units(document, chart)
            # the page the table starts on (None when the file saved no layout), so that its staff counts
            # meet the page's printed 정원/현원 totals as a PDF chart's do
            page = chart.page or None
            charted += [u.model_copy(update={"line": line, "page": page, "box": None}) for u in units]
    found = prose_org_units(document, issuer, _chart_lines(document, charts), prose)
    for table in tables:
        found += table_org_units(table, by_table.get(table.table_id, []), issuer)
    merged: dict[str, OrgUnit] = {}
    for unit in found:
        kept = merged.setdefault(unit.canonical_name, unit)
        if kept is not unit:
            kept.grade = kept.grade or unit.grade
            kept.team_count = kept.team_count or unit.team_count
            kept.functions = kept.functions or unit.functions
            kept.parent_name = kept.parent_name or unit.parent_name
    teams = team_count(document)
    if issuer and teams and not charted:
        issuer_unit = merged.get(issuer)
        if issuer_unit is None:
            first = next((line for line in document.lines if issuer in normalize_name(line.text)), None)
            issuer_unit = OrgUnit(
                doc_id=document.doc_id,
                unit_id="",
                name=issuer,
                canonical_name=issuer,
                rank=rank_of(issuer),
                line=first.number if first else 1,
                page=first.page if first else None,
            )
            merged[issuer] = issuer_unit
        issuer_unit.team_count = issuer_unit.team_count or teams
    return _with_ids(document.doc_id, charted, list(merged.values()))


def _with_ids(doc_id: str, charted: list[OrgUnit], others: list[OrgUnit]) -> list[OrgUnit]:
    """Chart units as drawn; other units fill in a drawn unit of their name or join the tree by parent."""
    units = list(charted)
    by_name: dict[str, OrgUnit] = {}
    for unit in charted:
        if unit.rank != "팀" or unit.canonical_name not in by_name:
            by_name.setdefault(unit.canonical_name, unit)
    extra: list[OrgUnit] = []
    for unit in others:
        drawn = by_name.get(unit.canonical_name)
        if drawn is not None:
            drawn.grade = drawn.grade or unit.grade
            drawn.functions = drawn.functions or unit.functions
            drawn.team_count = drawn.team_count or unit.team_count
            continue
        extra.append(unit)
        by_name[unit.canonical_name] = unit
    for unit in extra:
        parent = by_name.get(unit.parent_name) if unit.parent_name else None
        if parent is unit:
            parent = None
        unit.unit_id = f"{doc_id}/{unit.canonical_name}"
        unit.parent_id = parent.unit_id if parent is not None else None
    return units + extra


def unit_named(name: str, units: list[OrgUnit]) -> OrgUnit | None:
    """The document's unit a fact's org name names: same canonical name, a near spelling (ratio 90, same
    last character), or the one unit whose name ends with it (`근현대역사관` -> `부산근현대역사관`)."""
    return _unit_in(name, _units_by_name(units))


def _units_by_name(units: list[OrgUnit]) -> dict[str, OrgUnit]:
    """Units by canonical name, a unit above a team winning over a team of the same name; built once for
    all the facts of a document that `_unit_in` links."""
    return {u.canonical_name: u for u in units if u.rank == "팀"} | {
        u.canonical_name: u for u in units if u.rank != "팀"
    }


def _unit_in(name: str, names: dict[str, OrgUnit]) -> OrgUnit | None:
    """`unit_named` over units already keyed by `_units_by_name`."""
    from rapidfuzz import fuzz, process

    key = compact_name(name)
    unit = names.get(key)
    if unit is None and len(key) >= 3 and names:
        best = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=90)
        if best and best[1] >= 90 and best[0][-1] == key[-1]:
            unit = names[best[0]]
    if unit is None and len(key) >= 4:
        ending = [u for n, u in names.items() if n.endswith(key)]
        if len(ending) == 1:
            unit = ending[0]
    return unit


def link_headcounts(headcounts: list[Headcount], units: list[OrgUnit]) -> list[Headcount]:
    """Headcounts with the canonical name and id of the unit they count (the printed name without its
    spaces when the document lists no such unit)."""
    names = _units_by_name(units)
    linked = []
    for headcount in headcounts:
        unit = _unit_in(headcount.org_unit, names) if headcount.org_unit else None
        if unit:
            headcount = headcount.model_copy(
                update={"org_unit": unit.canonical_name, "org_unit_id": unit.unit_id}
            )
        elif headcount.org_unit:
            headcount = headcount.model_copy(update={"org_unit": compact_name(headcount.org_unit)})
        linked.append(headcount)
    return linked


def link_budget_facts(facts: list[BudgetFact], units: list[OrgUnit]) -> list[BudgetFact]:
    """Budget facts with the canonical name of the unit they belong to, as headcounts name it: the two
    join on `org_unit` (`문화 예술과` in a budget table is the unit `문화예술과`)."""
    names = _units_by_name(units)
    linked = []
    for fact in facts:
        if fact.org_unit:
            unit = _unit_in(fact.org_unit, names)
            name = unit.canonical_name if unit else compact_name(fact.org_unit)
            fact = fact.model_copy(update={"org_unit": name})
        linked.append(fact)
    return linked
