"""Headcounts (정원/현원) from any table that prints them, whichever of the common layouts it uses.

- split columns: a column labelled 정원 beside one labelled 현원 (possibly under a group such as 일반직);
- pairs in one cell: `29/28`, `298 / 288`, `27(27)` = 정원/현원, in a table about 정원/현원/인력.
Rows that name an org unit (…과, …팀, …센터), or a cell under an org header (`기관명`), give `org_unit`;
otherwise the row names a category (직급). A label that only says "staff" (`정원 / 현원`, `인력(명)`) names
no category, and a cell under a person header (`대표자`) is a name, never a category. A headcount with no
org of its own (a 계 row, a 직급별 table) counts the staff of the unit the report or section is about.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pipeline.lexicon.labels import label_parts, sibling_orgs
from pipeline.lexicon.patterns import find_year
from pipeline.lexicon.words import (
    AUTHORIZED_WORDS,
    COUNTERS,
    CURRENT_WORDS,
    HEADCOUNT_LABEL_WORDS,
    NONE_MARKS,
    NOT_ORG_WORDS,
    ORG_HEADER_WORDS,
    ORG_SUFFIXES,
    PERSON_HEADER_WORDS,
    compact,
    has_word,
    is_total_label,
)
from pipeline.normalize import normalize_name
from pipeline.schemas.document import Document, Section
from pipeline.schemas.facts import Headcount
from pipeline.schemas.records import CellRecord, TableRecord

HEADCOUNT_CONTEXT_WORDS = ("정원", "현원", "인력", "인원", "정ᆞ현원", "정·현원")
"""Words in a caption, header or kind that make pair-valued cells headcounts."""

TOTAL_CATEGORY = "합계"


def is_org_name(label: str | None) -> bool:
    """A label naming an org unit rather than a staff category."""
    text = compact(label)
    return (
        bool(text)
        and len(text) <= 15
        and any(text.endswith(s) and len(text) > len(s) for s in ORG_SUFFIXES)
        and not text[-2:-1].isdigit()
    )


def staff_key(label: str | None) -> str | None:
    """A label without the words that only say "staff" (`정원 / 현원 복지정책과` -> `복지정책과`); None when
    nothing else is left."""
    text = " ".join((label or "").split())
    for word in HEADCOUNT_LABEL_WORDS:
        text = text.replace(word, " ")
    text = " ".join(text.replace("/", " ").replace("()", " ").replace("( )", " ").split())
    return normalize_name(text) if (text := _trim(text)) else None


def _trim(text: str) -> str:
    """Text without separators and stray brackets at its ends (`(명`), keeping a closing bracket the label
    itself opened (`학예연구관(5급)`)."""
    trimmed = text.strip(" ()·,")
    if trimmed.count("(") > trimmed.count(")") and text.rstrip(" ·,").endswith(")"):
        trimmed += ")"
    return trimmed


def header_kind(col_label: str | None) -> str | None:
    """`org` for a column of org names (`기관명`), `person` for a column of people (`대표자`), else None."""
    text = compact(col_label)
    if any(text.endswith(w) or text == w for w in PERSON_HEADER_WORDS):
        return "person"
    if any(w in text for w in ORG_HEADER_WORDS):
        return "org"
    return None


def _row_identity(row: list[CellRecord]) -> tuple[str | None, set[str]]:
    """The org a row names in an org-header column (`기관명`), and the people's names the row prints."""
    org = None
    names: set[str] = set()
    for cell in sorted(row, key=lambda c: c.col_idx):
        if cell.is_header or cell.value is not None:
            continue
        kind = header_kind(cell.col_label)
        if kind == "org":
            org = normalize_name(cell.raw_text)
        elif kind == "person":
            names.add(compact(cell.raw_text))
    return org, names


def org_keys(cells: list[CellRecord]) -> tuple[set[str], set[str]]:
    """(column keys, innermost row keys) of a table's value cells that name org units, compact: a label
    beside org units on its axis names one too (`클래식 부산` beside `문화예술과`: `sibling_orgs`)."""
    values = [c for c in cells if not c.is_header and c.value is not None]
    columns = sibling_orgs((staff_key(c.col_label) for c in values), is_org_name)
    rows = sibling_orgs((staff_key(_innermost(c.row_label)) for c in values), is_org_name)
    return columns, rows


def org_rows(cells: list[CellRecord], value_cols: set[int]) -> dict[int, str]:
    """The org each body row names in an org-header column (`기관명`). A row without such a cell continues
    the org of the rows above when its label path holds that name (a merged 기관명 cell over two grid rows);
    a row whose org cell comes with no count in `value_cols` (the headcount columns), right under a row
    with counts there, is the rest of the name above wrapped onto a second line (`부산여성가족과` /
    `평생교육진흥원`). The innermost org cell of a row names it (`출연기관 | 부산연구원`)."""
    by_row: dict[int, list[CellRecord]] = defaultdict(list)
    for cell in cells:
        if not cell.is_header:
            by_row[cell.row_idx].append(cell)
    found: dict[int, str] = {}
    columns: dict[int, int] = {}
    last: int | None = None
    for r in sorted(by_row):
        row = by_row[r]
        own = [
            c
            for c in sorted(row, key=lambda c: c.col_idx)
            if c.value is None and header_kind(c.col_label) == "org"
        ]
        counts = any(c.value is not None and c.col_idx in value_cols for c in row)
        if own:
            name = normalize_name(own[-1].raw_text)
            above = [c for c in by_row.get(r - 1, []) if c.value is not None and c.col_idx in value_cols]
            wrapped = not counts and last == r - 1 and bool(above) and columns.get(last) == own[-1].col_idx
            if wrapped and last is not None:
                name = compact(found[last]) + compact(name)
                found[last] = name
            found[r], columns[r] = name, own[-1].col_idx
            last = r
        elif last is not None and compact(found[last]) in compact(row[0].row_label):
            found[r], columns[r] = found[last], columns[last]
            last = r
    return found


def _innermost(label: str | None) -> str | None:
    parts = label_parts(label)
    return parts[-1] if parts else None


def _category(
    row_label: str | None,
    column_key: str | None,
    row: list[CellRecord] | None = None,
    orgs: tuple[set[str], set[str]] = (set(), set()),
    row_org: str | None = None,
) -> tuple[str | None, str]:
    """(org_unit, category) for a cell, from its row label, its column's category key and its row;
    `orgs` are the column and row keys the table's axes name as org units, `row_org` the org the row's
    기관명 cell (or the one above it spans) names."""
    org, names = _row_identity(row or [])
    org = row_org or org
    parts = [p for p in label_parts(row_label) if compact(p) not in names and not find_year(p)]
    row_key = staff_key(parts[-1]) if parts else None
    column = staff_key(column_key)
    if column and (is_org_name(column) or compact(column) in orgs[0]) and not org:
        org, column = column, None
    if org:
        return org, column or TOTAL_CATEGORY
    if row_key and is_total_label(row_key):
        return None, column if column and not is_total_label(column) else TOTAL_CATEGORY
    if row_key and (is_org_name(row_key) or compact(row_key) in orgs[1]):
        return row_key, column if column and not is_total_label(column) else TOTAL_CATEGORY
    if column and is_total_label(column):
        column = None
    pieces = [p for p in (row_key, column) if p]
    return None, " ".join(pieces) or TOTAL_CATEGORY


def _without(label: str | None, words: tuple[str, ...]) -> str | None:
    text = " ".join((label or "").split())
    for word in words:
        text = text.replace(word, "")
    return " ".join(text.split()) or None


def split_column_headcounts(table: TableRecord, cells: list[CellRecord]) -> list[Headcount]:
    """Headcounts from a 정원 column paired with the 현원 column of the same group."""
    labels = {c.col_idx: c.col_label for c in cells if c.col_label}
    authorized = {
        _without(label, AUTHORIZED_WORDS): i
        for i, label in labels.items()
        if has_word(label, AUTHORIZED_WORDS)
    }
    current = {
        _without(label, CURRENT_WORDS): i for i, label in labels.items() if has_word(label, CURRENT_WORDS)
    }
    groups = [(key, col, current[key]) for key, col in authorized.items() if key in current]
    if not groups:
        return []
    rows: dict[int, dict[int, CellRecord]] = defaultdict(dict)
    for cell in cells:
        if not cell.is_header:
            rows[cell.row_idx][cell.col_idx] = cell
    facts: list[Headcount] = []
    orgs = org_keys(cells)
    named = org_rows(cells, {col for _, a_col, c_col in groups for col in (a_col, c_col)})
    for r, row in rows.items():
        any_cell = next(iter(row.values()))
        for key, a_col, c_col in groups:
            org_unit, category = _category(any_cell.row_label, key, list(row.values()), orgs, named.get(r))
            fact = _pair_of_cells(table, org_unit, category, row.get(a_col), row.get(c_col))
            if fact:
                facts.append(fact)
    return facts


def _pair_of_cells(
    table: TableRecord,
    org_unit: str | None,
    category: str,
    a_cell: CellRecord | None,
    c_cell: CellRecord | None,
) -> Headcount | None:
    """A headcount from a 정원 cell and a 현원 cell; None when neither holds a number. A dash beside a
    number is none (`1 / -`: 정원 1, 현원 0)."""
    a, c = _count(a_cell), _count(c_cell)
    first = a_cell or c_cell
    if (a is None and c is None) or first is None:
        return None
    if a is None and _is_none_mark(a_cell):
        a = 0
    if c is None and _is_none_mark(c_cell):
        c = 0
    return Headcount(
        doc_id=table.doc_id,
        table_id=table.table_id,
        org_unit=org_unit,
        category=category,
        authorized=a,
        current=c,
        as_of=table.as_of,
        raw_text=" / ".join(x.raw_text for x in (a_cell, c_cell) if x),
        line=first.line,
        page=first.page,
    )


def split_row_headcounts(table: TableRecord, cells: list[CellRecord]) -> list[Headcount]:
    """Headcounts from a row labelled 정원 and a row labelled 현원, one fact per column (직급 or org unit)."""
    rows: dict[str, dict[int, CellRecord]] = {"authorized": {}, "current": {}}
    for cell in cells:
        if cell.is_header:
            continue
        parts = label_parts(cell.row_label)
        label = compact(parts[-1]) if parts else ""
        key = "authorized" if label in AUTHORIZED_WORDS else "current" if label in CURRENT_WORDS else None
        if key and cell.col_idx > 0:
            rows[key][cell.col_idx] = cell
    if not rows["authorized"] or not rows["current"]:
        return []
    facts: list[Headcount] = []
    org_columns = org_keys(cells)[0]
    for col in sorted(set(rows["authorized"]) | set(rows["current"])):
        a_cell, c_cell = rows["authorized"].get(col), rows["current"].get(col)
        first = a_cell or c_cell
        column = staff_key(first.col_label) if first and first.col_label else None
        if column and (is_org_name(column) or compact(column) in org_columns):
            org_unit, category = column, TOTAL_CATEGORY
        elif column and is_total_label(column):
            org_unit, category = None, TOTAL_CATEGORY
        else:
            org_unit, category = None, column or TOTAL_CATEGORY
        fact = _pair_of_cells(table, org_unit, category, a_cell, c_cell)
        if fact:
            facts.append(fact)
    return facts


def pair_headcounts(table: TableRecord, cells: list[CellRecord]) -> list[Headcount]:
    """Headcounts from cells holding 정원/현원 as `a/b` or `a(b)`."""
    context = " ".join([table.caption or "", table.kind or ""] + [c.raw_text for c in cells if c.is_header])
    if table.kind != "headcount" and not has_word(context, HEADCOUNT_CONTEXT_WORDS):
        return []
    by_row: dict[int, list[CellRecord]] = defaultdict(list)
    for cell in cells:
        by_row[cell.row_idx].append(cell)
    facts: list[Headcount] = []
    orgs = org_keys(cells)
    named = org_rows(cells, {c.col_idx for c in cells if not c.is_header and cell_pair(c)})
    for cell in cells:
        if cell.is_header:
            continue
        pair = cell_pair(cell)
        if pair is None:
            continue
        a, c = pair
        org_unit, category = _category(
            cell.row_label, cell.col_label, by_row[cell.row_idx], orgs, named.get(cell.row_idx)
        )
        facts.append(
            Headcount(
                doc_id=table.doc_id,
                table_id=table.table_id,
                org_unit=org_unit,
                category=category,
                authorized=int(a),
                current=int(c),
                as_of=table.as_of,
                raw_text=cell.raw_text,
                line=cell.line,
                page=cell.page,
            )
        )
    return facts


def org_named_in(title: str | None) -> str | None:
    """The org unit a title names (`복지정책과 인력 현황` -> `복지정책과`), or None."""
    for token in reversed(re.split(r"[\s:：,·()\[\]<>「」『』\-]+", title or "")):
        name = normalize_name(token)
        if name and len(name) >= 3 and is_org_name(name) and not name.endswith(tuple(NOT_ORG_WORDS)):
            return name
    return None


OWNER_SECTION_LEVEL = 2
"""Sections at this level or above (`Ⅰ.`, `1`) name whose report part a table is in; deeper ones (`∘
출연기관 : 서울산업진흥원`) are items of a list, not owners."""


def table_owner(
    document: Document, table: TableRecord, issuer: str | None, by_id: dict[str, Section] | None = None
) -> str | None:
    """The org unit whose staff a table counts when its rows do not say: the one named in its caption, in
    a staff heading above it, or in a chapter title (innermost first), else the report's issuer.
    `by_id`: the document's sections by id, built once per document by the caller (else here)."""
    return owner_of(document, table.caption, table.section_id, issuer, by_id)


def owner_of(
    document: Document,
    caption: str | None,
    section_id: str | None,
    issuer: str | None,
    by_id: dict[str, Section] | None = None,
) -> str | None:
    """The org unit a caption or line speaks of, else its sections' titles, else the report's issuer."""
    by_id = by_id if by_id is not None else {s.section_id: s for s in document.sections}
    titles = [caption]
    section = by_id.get(section_id or "")
    while section is not None:
        if section.level <= OWNER_SECTION_LEVEL or has_word(section.title, HEADCOUNT_CONTEXT_WORDS):
            titles.append(section.title)
        section = by_id.get(section.parent_id or "")
    for title in titles:
        found = org_named_in(title)
        if found:
            return found
    name = normalize_name(issuer) if issuer else None
    return name if name and is_org_name(name) else None


def cell_pair(cell: CellRecord) -> tuple[int, int] | None:
    """(정원, 현원) of a cell printing both: `41 / 39`, `27(27)`; None for one number or a share
    (`2,673(5.22%)`)."""
    if cell.value is None or cell.secondary_value is None:
        return None
    if "pair" not in cell.flags and (cell.value_kind, cell.secondary_kind) != ("count", "count"):
        return None
    named = cell.secondary_unit
    if named and named != cell.unit and named not in COUNTERS:
        return None  # `27명 (금천 27)`: a word names the second number, a part of the first, not 현원
    return int(cell.value), int(cell.secondary_value)


def headcounts(table: TableRecord, cells: list[CellRecord], owner: str | None = None) -> list[Headcount]:
    """Headcounts of one table, whichever layout it uses; `owner` is the org unit the table's section or
    the report is about, given to every headcount that names no org of its own."""
    facts = (
        split_column_headcounts(table, cells)
        or split_row_headcounts(table, cells)
        or pair_headcounts(table, cells)
    )
    if owner:
        facts = [f if f.org_unit else f.model_copy(update={"org_unit": owner}) for f in facts]
    return facts


def _is_none_mark(cell: CellRecord | None) -> bool:
    return cell is not None and cell.raw_text.strip() in NONE_MARKS


def _count(cell: CellRecord | None) -> int | None:
    if cell is None or cell.value is None:
        return None
    return int(cell.value)


PROSE_HEADCOUNT = re.compile(
    r"정\s*원\s*[:：]?\s*(?P<authorized>\d[\d,]*)\s*명?\s*[/,·ㆍ]?\s*"
    r"현\s*원\s*[:：]?\s*(?P<current>\d[\d,]*)\s*명?"
    r"|정\s*[·ㆍᆞ]\s*현\s*원\s*[:：]?\s*(?P<pair_authorized>\d[\d,]*)\s*/\s*(?P<pair_current>\d[\d,]*)\s*명?"
)
"""`인력 : 정원 84명 / 현원 90명`, `정원 41명, 현원 39명`, `정·현원 : 41/39명` in running text."""


def prose_headcounts(
    document: Document, issuer: str | None, by_id: dict[str, Section] | None = None
) -> list[Headcount]:
    """정원/현원 written in a line of prose (not a table's): the staff of the unit the line names before
    the figures, else of the unit its section or the report is about (category 합계: all its staff)."""
    table_lines = document.table_lines()
    facts: list[Headcount] = []
    for line in document.lines:
        if line.number in table_lines or "원" not in line.text:
            continue
        for match in PROSE_HEADCOUNT.finditer(line.text):
            authorized = match.group("authorized") or match.group("pair_authorized")
            current = match.group("current") or match.group("pair_current")
            owner = org_named_in(line.text[: match.start()]) or owner_of(
                document, None, line.section_id, issuer, by_id
            )
            facts.append(
                Headcount(
                    doc_id=document.doc_id,
                    org_unit=owner,
                    category=TOTAL_CATEGORY,
                    authorized=int(authorized.replace(",", "")),
                    current=int(current.replace(",", "")),
                    raw_text=match.group(0).strip(),
                    line=line.number,
                    page=line.page,
                )
            )
    return facts
