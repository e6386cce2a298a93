"""Org units (실/국/과/팀/센터/관) from org lists in prose and from the row labels of tables."""

from __future__ import annotations

import re

from pipeline.extract.headcounts import is_org_name
from pipeline.lexicon.labels import label_parts
from pipeline.lexicon.words import compact, has_word
from pipeline.normalize import normalize_name
from schemas.document import Document
from schemas.facts import OrgUnit
from schemas.records import CellRecord, TableRecord

ORG_LINE = re.compile(
    r"^[\s\-·•∙ㆍ]*(?P<name>[가-힣A-Za-z][가-힣A-Za-z\s]{1,30}?)\s*"
    r"(?:\((?P<rank>[\d\s·․ㆍ‧,]+급)\))?\s*(?:\((?P<teams>\d+)\s*팀\))?\s*$"
)
"""`경 제 정 책 실(1․2급)`, `신산업정책관(3 ․ 4급)`, `- 지역경제과`, `경제환경국`."""

TEAM_COUNT = re.compile(r"(?P<teams>\d+)\s*개?\s*팀")
FUNCTION_WORDS = ("주요업무", "담당업무", "주요기능", "업무")
ORG_SECTION_WORDS = ("조직", "주요기능", "일반현황")


def _rank(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"\s*[·․ㆍ‧,]\s*", "·", " ".join(text.split()))


def prose_org_units(document: Document, issuer: str | None) -> list[OrgUnit]:
    """Org units listed line by line on the cover and in 조직 sections."""
    titles = {s.section_id: s.title for s in document.sections}
    first_chapter = next((s.first_line for s in document.sections if s.level == 1), 0)
    table_lines = {n for t in document.tables for n in range(t.first_line, t.last_line + 1)}
    units: list[OrgUnit] = []
    parent: str | None = None
    for line in document.lines:
        if line.number in table_lines:
            continue
        in_org_section = has_word(titles.get(line.section_id or "", ""), ORG_SECTION_WORDS)
        if not (line.number < first_chapter or in_org_section or (first_chapter == 0 and line.number < 40)):
            continue
        match = ORG_LINE.match(line.text)
        if not match or not is_org_name(match.group("name")):
            continue
        name = " ".join(match.group("name").split())
        canonical = normalize_name(name)
        child = line.text.lstrip().startswith(("-", "·", "∙"))
        units.append(
            OrgUnit(
                doc_id=document.doc_id,
                name=name,
                canonical_name=canonical,
                parent_name=parent if child else (issuer if issuer and issuer != canonical else None),
                rank=_rank(match.group("rank")),
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
    function_col = next(
        (
            c.col_idx
            for c in cells
            if c.col_label and has_word(c.col_label, FUNCTION_WORDS) and not c.is_header
        ),
        None,
    )
    units: dict[str, OrgUnit] = {}
    for cell in cells:
        if cell.is_header:
            continue
        parts = label_parts(cell.row_label)
        if not parts or not is_org_name(parts[-1]):
            continue
        name = " ".join(parts[-1].split())
        canonical = normalize_name(name)
        unit = units.get(canonical) or OrgUnit(
            doc_id=table.doc_id,
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


def team_count(document: Document) -> int | None:
    """`1센터장 3개팀`, `조 직 : 4팀`: the number of teams the cover or 조직 section prints."""
    for section in document.sections:
        if has_word(section.title, ("조직", "센터장")) or "팀" in compact(section.title):
            match = TEAM_COUNT.search(section.title)
            if match:
                return int(match.group("teams"))
    return None


def org_units(
    document: Document, tables: list[TableRecord], cells: list[CellRecord], issuer: str | None
) -> list[OrgUnit]:
    """All org units of a document, one per canonical name (the first mention keeps its line)."""
    by_table: dict[str, list[CellRecord]] = {}
    for cell in cells:
        by_table.setdefault(cell.table_id, []).append(cell)
    found = prose_org_units(document, issuer)
    for table in tables:
        found += table_org_units(table, by_table.get(table.table_id, []), issuer)
    merged: dict[str, OrgUnit] = {}
    for unit in found:
        kept = merged.setdefault(unit.canonical_name, unit)
        if kept is not unit:
            kept.rank = kept.rank or unit.rank
            kept.team_count = kept.team_count or unit.team_count
            kept.functions = kept.functions or unit.functions
            kept.parent_name = kept.parent_name or unit.parent_name
    teams = team_count(document)
    if issuer and teams:
        issuer_unit = merged.get(issuer)
        if issuer_unit is None:
            first = next((line for line in document.lines if issuer in normalize_name(line.text)), None)
            issuer_unit = OrgUnit(
                doc_id=document.doc_id,
                name=issuer,
                canonical_name=issuer,
                line=first.number if first else 1,
                page=first.page if first else None,
            )
            merged[issuer] = issuer_unit
        issuer_unit.team_count = issuer_unit.team_count or teams
    return list(merged.values())
