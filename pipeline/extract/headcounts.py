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
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.prose import Prose
from pipeline.lexicon.labels import label_parts, sibling_orgs
from pipeline.lexicon.patterns import find_year
from pipeline.lexicon.words import (
    AUTHORIZED_WORDS,
    CHART_STAFF_NOTE,
    COUNTERS,
    CURRENT_WORDS,
    HEADCOUNT_LABEL_WORDS,
    LEGAL_FORMS,
    NONE_MARKS,
    NOT_ORG_WORDS,
    OFFICE_SUFFIXES,
    ORG_HEADER_WORD,
    ORG_SUFFIXES,
    PERSON_HEADER_WORDS,
    STAFF_CLASS,
    compact,
    has_word,
    is_total_label,
)
from pipeline.normalize import normalize_name
from pipeline.schemas.document import Document, Line, Section
from pipeline.schemas.facts import Headcount, OrgUnit
from pipeline.schemas.records import CellRecord, TableRecord

HEADCOUNT_CONTEXT_WORDS = ("정원", "현원", "인력", "인원", "정ᆞ현원", "정·현원")
"""Words in a caption, header or kind that make pair-valued cells headcounts."""

TOTAL_CATEGORY = "합계"


@lru_cache(maxsize=4096)  # asked per cell of a table: the same row labels again and again
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


@lru_cache(maxsize=4096)  # asked of each text cell's column label by org_rows and _row_identity
def header_kind(col_label: str | None) -> str | None:
    """`org` for a column of org names (`기관명`), `person` for a column of people (`대표자`), else None."""
    text = compact(col_label)
    if text.endswith(PERSON_HEADER_WORDS):
        return "person"
    if ORG_HEADER_WORD.search(text):
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
    col_labels = {c.col_label for c in values}  # an axis's set of keys: each label read once
    row_labels = {c.row_label for c in values}
    columns = sibling_orgs(map(staff_key, col_labels), is_org_name)
    rows = sibling_orgs((staff_key(_innermost(label)) for label in row_labels), is_org_name)
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


@lru_cache(maxsize=4096)  # asked of each cell's innermost row label
def _side_of(label: str) -> str | None:
    """`authorized` for a row labelled 정원, `current` for 현원 (letters may be spaced), else None."""
    text = compact(label)
    return "authorized" if text in AUTHORIZED_WORDS else "current" if text in CURRENT_WORDS else None


def _side_row(label: str | None) -> tuple[tuple[str, ...], str] | None:
    """(the label path above, side) of a row label ending in 정원 or 현원 (`본부 > 정원`), else None."""
    parts = label_parts(label)
    side = _side_of(parts[-1]) if parts else None
    return (tuple(parts[:-1]), side) if side else None


GRADE = re.compile(r"\d\s*급")
"""A grade in a label (`4급`, `3․4급`, `6급이하`): a staff class, not an org."""


def _is_staff_class(name: str) -> bool:
    return bool(STAFF_CLASS.match(compact(name)) or GRADE.search(name))


def _grade_columns(cells: list[CellRecord]) -> bool:
    """Whether most columns of a table are grades or staff classes (`정무직 | 고공단 | 3․4급 | 4급 | 5급`):
    then none of them is an org unit, though one may end like one (`고공단`, the 고위공무원단)."""
    labels = {staff_key(c.col_label) for c in cells if not c.is_header and c.value is not None}
    keys = {k for k in labels if k and not is_total_label(k)}
    return bool(keys) and 2 * sum(_is_staff_class(k) for k in keys) > len(keys)


def _group_name(parts: list[str]) -> str | None:
    """The row group a 정원/현원 row belongs to: the innermost label before the side word that says more
    than "staff" or a year (`본부 > 정원` -> `본부`; `인력 > 정원`, `2024 > 정원` -> None)."""
    for part in reversed(parts):
        key = staff_key(part)
        if key and not find_year(key):
            return key
    return None


def split_row_headcounts(
    table: TableRecord, cells: list[CellRecord], owner: str | None = None
) -> list[Headcount]:
    """Headcounts from a row labelled 정원 and a row labelled 현원, one fact per column (직급 or org unit).

    The rows may come in groups, each a label over its own 정원/현원 rows (`합계`, `본부`, `소속기관`, or
    grades): each group pairs its own two rows, and a group with only one side printed (`기타** 현원`)
    gives that side alone. A total group counts the staff of the table's owner; a group naming a staff
    class (`일반직`, `5급`) is the category of its cells; any other group is a part of the owner's staff
    (`본부`, `소속기관`: `고용노동부 본부`), or the org unit it names (`복지정책과`)."""
    groups: dict[tuple[str, ...], dict[str, dict[int, CellRecord]]] = defaultdict(
        lambda: {"authorized": {}, "current": {}}
    )
    side_rows: dict[str | None, tuple[tuple[str, ...], str] | None] = {}  # each row label's, read once
    for cell in cells:
        if cell.is_header or cell.col_idx == 0:
            continue
        label = cell.row_label
        if label not in side_rows:
            side_rows[label] = _side_row(label)
        found = side_rows[label]
        if found:
            path, side = found
            groups[path][side][cell.col_idx] = cell
    sides = [g for g in groups.values() if g["authorized"] or g["current"]]
    if not any(g["authorized"] for g in sides) or not any(g["current"] for g in sides):
        return []
    facts: list[Headcount] = []
    by_grade = _grade_columns(cells)
    org_columns = set() if by_grade else org_keys(cells)[0]
    for path, rows in groups.items():
        group = _group_name(list(path))
        group_org = group_category = None
        if group and not is_total_label(group):
            if _is_staff_class(group):
                group_category = group
            elif is_org_name(group):
                group_org = group
            else:
                group_org = f"{owner} {group}" if owner else group
        for col in sorted(set(rows["authorized"]) | set(rows["current"])):
            a_cell, c_cell = rows["authorized"].get(col), rows["current"].get(col)
            first = a_cell or c_cell
            column: str | None = staff_key(first.col_label) if first and first.col_label else None
            if column and is_total_label(column):
                column = None
            org_unit: str | None
            if column and not by_grade and (is_org_name(column) or compact(column) in org_columns):
                org_unit, category = column, group_category or TOTAL_CATEGORY
            else:
                pieces = [p for p in (group_category, column) if p]
                org_unit, category = group_org, " ".join(pieces) or TOTAL_CATEGORY
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


@lru_cache(maxsize=4096)  # asked of each table's caption and headings: the same titles again
def org_named_in(title: str | None) -> str | None:
    """The org unit a title names (`복지정책과 인력 현황` -> `복지정책과`), or None."""
    for token in reversed(re.split(r"[\s:：,·()\[\]<>「」『』\-]+", title or "")):
        name = normalize_name(token)
        if name[:1].isdigit():  # `1실 2본부 9팀`: counts of units, not a unit
            continue
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
    return name if name and (is_org_name(name) or name.endswith(OFFICE_SUFFIXES)) else None


def cell_pair(cell: CellRecord) -> tuple[int, int] | None:
    """(정원, 현원) of a cell printing both: `41 / 39`, `27(27)`; None for one number or a share
    (`2,673(5.22%)`)."""
    if cell.value is None or cell.secondary_value is None or "range" in cell.flags:
        return None  # `3~5명`: the two ends of a range, no 정원 and 현원
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
        or split_row_headcounts(table, cells, owner)
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


SIDE = r"(?P<side>정\s*원|현\s*원)"
PROSE_COUNT = re.compile(
    r"(?<![·ㆍᆞ‧])" + SIDE + r"\s*[:：▷▶]?\s*(?P<n>\d[\d,]*)(?!\s*[\d.%])\s*(?P<unit>명)?"
)
"""A staff count after its side word: `정원 149명`, `정 원 ▷ 153명`, `현원124명`, `정원 269`."""
OTHER_SIDE = re.compile(
    r"\s*(?P<open>[(（])?\s*[,/]?\s*" + SIDE + r"\s*[:：]?\s*(?P<n>\d[\d,]*)\s*(?P<unit>명)?\s*(?(open)[)）])"
)
"""The other side right after the first: `, 현원 149명`, ` / 현원 90명`, `(현원 4,642명)`."""
PAIR_FORM = re.compile(r"정\s*[·ㆍᆞ‧]\s*현\s*원\s*[:：]?\s*(?P<a>\d[\d,]*)\s*/\s*(?P<c>\d[\d,]*)\s*명?")
"""`정·현원 : 41/39명`: both sides after one label."""
BREAKDOWN = re.compile(r"\s*[(（](?P<body>[^()（）]*)[)）]")
BREAKDOWN_PART = re.compile(r"^\s*(?P<label>[가-힣][가-힣·ㆍ\s]{0,14}?)\s*(?P<n>\d[\d,]*)\s*명?\s*$")
"""`(연구직 131, 일반직 22)`, `(보건 52, 환경 67, 수의 5)`: a count by class, when the parts add up."""
CLAUSE_END = re.compile(r"\s*(?:[(（][^()（）]*[)）]\s*)*(?:$|[,/;○●◦❍□■※*▷▶]|-\s)")
"""What may follow a staff count: the end of the clause (a date or a difference in brackets may come
between). `정원 5명 증원`, `현원 10명 중 3명` are changes and shares, not the staff."""
CLAUSE_START = re.compile(r"[:：,(（/▷▶○●◦❍□■※*ㆍ·]")


@dataclass(frozen=True)
class StaffCount:
    """One headcount read from prose: whose (an org, a staff class, both or neither) and which sides."""

    org: str | None
    category: str
    authorized: int | None
    current: int | None
    raw_text: str


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _subject(before: str) -> tuple[str | None, str | None]:
    """(org, staff class) named in the clause right before a count (`※ 연구직 현원`, `복지정책과 정원`)."""
    clause = CLAUSE_START.split(before)[-1]
    words = clause.split()
    last = compact(words[-1]) if words else ""
    if STAFF_CLASS.match(last):
        return None, last
    return org_named_in(clause), None


def _parts(body: str, total: int) -> list[tuple[str, int]]:
    """The labelled parts of a bracket after a count, when there are two or more and they add up to it."""
    pieces = [BREAKDOWN_PART.match(piece) for piece in re.split(r"[,，、]", body)]
    if len(pieces) < 2 or not all(pieces):
        return []
    parts = [(" ".join(m.group("label").split()), _int(m.group("n"))) for m in pieces if m]
    return parts if sum(n for _, n in parts) == total else []


def staff_counts(text: str) -> list[StaffCount]:
    """Every headcount a piece of prose states: `정원 149명, 현원 149명`, `정원 4,431명(현원 4,642명)`,
    `정·현원 : 41/39명`, `정 원 ▷ 153명(연구직 131, 일반직 22)` (the parts add up: one count per class) and
    `연구직 현원 124명(보건 52, …)` (a class named before the side word: that class, its parts under it).
    A count must end its clause, and a single side must say 명."""
    found: list[StaffCount] = []
    taken: list[tuple[int, int]] = []
    for pair in PAIR_FORM.finditer(text):
        org, category = _subject(text[: pair.start()])
        found.append(
            StaffCount(org, category or TOTAL_CATEGORY, _int(pair["a"]), _int(pair["c"]), pair[0].strip())
        )
        taken.append(pair.span())
    pos = 0
    while (match := PROSE_COUNT.search(text, pos)) is not None:
        pos = match.end()
        if any(a <= match.start() < b for a, b in taken):
            continue
        sides = {compact(match["side"]): _int(match["n"])}
        end, named = match.end(), bool(match["unit"])
        other = OTHER_SIDE.match(text, end)
        if other and compact(other["side"]) not in sides:
            sides[compact(other["side"])] = _int(other["n"])
            end, named = other.end(), named or bool(other["unit"])
        parts: list[tuple[str, int]] = []
        bracket = BREAKDOWN.match(text, end)
        if len(sides) == 1 and bracket:
            parts = _parts(bracket["body"], _int(match["n"]))
            end = bracket.end() if parts else end
        if not named or not CLAUSE_END.match(text, end):
            continue
        pos = end
        org, category = _subject(text[: match.start()])
        authorized, current = sides.get("정원"), sides.get("현원")
        raw = text[match.start() : end].strip()
        found.append(StaffCount(org, category or TOTAL_CATEGORY, authorized, current, raw))
        side = "정원" if authorized is not None else "현원"
        for label, n in parts:
            part_org = label if not category and is_org_name(compact(label)) else org
            part_category = (
                TOTAL_CATEGORY if part_org != org else f"{category} {label}" if category else label
            )
            found.append(
                StaffCount(
                    part_org,
                    part_category,
                    n if side == "정원" else None,
                    n if side == "현원" else None,
                    raw,
                )
            )
    return found


def merge_sides(facts: list[Headcount]) -> list[Headcount]:
    """Prose often gives the two sides apart (`정 원 ▷ 153명(연구직 131, …)` above, `※ 연구직 현원
    124명` below the table): a 정원-only and a 현원-only count of the same unit and class on one page (one
    section of a text export) are one headcount."""
    merged: list[Headcount] = []
    for fact in facts:
        place = fact.page if fact.page is not None else fact.line
        partner = next(
            (
                i
                for i, m in enumerate(merged)
                if (m.org_unit, m.category) == (fact.org_unit, fact.category)
                and (m.page if m.page is not None else m.line) == place
                and (m.authorized is None) != (fact.authorized is None)
                and (m.current is None) != (fact.current is None)
                and (m.authorized is None) == (fact.authorized is not None)
            ),
            None,
        )
        if partner is None:
            merged.append(fact)
            continue
        other = merged[partner]
        merged[partner] = other.model_copy(
            update={
                "authorized": other.authorized if other.authorized is not None else fact.authorized,
                "current": other.current if other.current is not None else fact.current,
                "raw_text": f"{other.raw_text} / {fact.raw_text}",
            }
        )
    return merged


def _headcount(
    doc_id: str, count: StaffCount, owner: str | None, line: int, page: int | None, table: str | None = None
) -> Headcount:
    return Headcount(
        doc_id=doc_id,
        table_id=table,
        org_unit=count.org or owner,
        category=count.category,
        authorized=count.authorized,
        current=count.current,
        raw_text=count.raw_text,
        line=line,
        page=page,
    )


def prose_headcounts(
    document: Document,
    issuer: str | None,
    by_id: dict[str, Section] | None = None,
    prose: Prose | None = None,
) -> list[Headcount]:
    """정원/현원 written in a line of prose (not a table's): the staff of the unit or class the line names
    before the figures, else of the unit its section or the report is about (category 합계: all its staff)."""
    by_id = by_id if by_id is not None else {s.section_id: s for s in document.sections}
    facts: list[Headcount] = []
    for line in (prose or Prose(document)).lines:
        if "원" not in line.text:
            continue
        for count in staff_counts(line.text):
            owner = item_subject(document, line, by_id) or owner_of(
                document, None, line.section_id, issuer, by_id
            )
            facts.append(_headcount(document.doc_id, count, owner, line.number, line.page))
    return facts


def item_subject(document: Document, line: Line, by_id: dict[str, Section]) -> str | None:
    """The name a `key : value` item is about, in a listing of entities each opened by an unmarked name
    line (`(재)부산문화재단 ❖ 대표이사 …`, then `ㅇ 설 립 : …`, `ㅇ 조 직 : …, 정원 71명(현원 68명)`): the
    first word of the nearest unmarked line above the item in its section that names an entity (a legal
    form, an org ending or its head: `대표이사`) and is followed by an item, legal-form marks removed; a
    wrapped line of an item is passed over."""
    section = by_id.get(line.section_id or "")
    if section is None or section.first_line != line.number or ":" not in line.text.replace("：", ":"):
        return None
    if section.parent_id is None:
        return None
    starts = {s.first_line: s for s in document.sections}
    for earlier in reversed(document.lines[: line.number - 1]):
        if earlier.page != line.page:
            return None
        if earlier.number in starts:
            if starts[earlier.number].parent_id != section.parent_id:
                return None
            continue  # another item of the same entity
        sibling = by_id.get(earlier.section_id or "")
        if sibling is None or section.parent_id not in (sibling.section_id, sibling.parent_id):
            return None
        opening = starts.get(earlier.number + 1)
        if opening is None or opening.parent_id != section.parent_id:  # a wrapped line of an item
            if sibling.section_id == section.parent_id:
                return None
            continue
        words = LEGAL_FORMS.sub(" ", earlier.text).split()
        name = normalize_name(words[0]) if words else ""
        hangul = sum(1 for c in name if "가" <= c <= "힣")
        named = (
            bool(LEGAL_FORMS.search(earlier.text))
            or is_org_name(name)
            or any(word in earlier.text for word in PERSON_HEADER_WORDS)
        )
        if named and hangul >= 2 and not name[:1].isdigit() and ":" not in earlier.text:
            return name
        if sibling.section_id == section.parent_id:
            return None
    return None


def cell_prose_headcounts(table: TableRecord, cells: list[CellRecord], owner: str | None) -> list[Headcount]:
    """정원/현원 written as prose inside a table's text cell (`○ 정·현원 : 정원 4,431명(현원 4,642명)` in a
    box of a 공기업 현황 table): the staff of the org the cell's row names (its stub, or its 기관명 cell),
    else of the unit the table is about."""
    facts: list[Headcount] = []
    named: dict[int, str] | None = None  # the rows' orgs, read for the first cell with counts
    for cell in cells:
        if cell.is_header or cell.value is not None or "원" not in cell.raw_text:
            continue
        counts = staff_counts(cell.raw_text)
        if not counts:
            continue
        if named is None:
            named = org_rows(cells, set())
        own = compact(cell.raw_text)
        stub = [p for p in label_parts(cell.row_label) if compact(p) != own]
        row_org = named.get(cell.row_idx) or next(
            (normalize_name(p) for p in reversed(stub) if _names_org(p, cells)), None
        )
        for count in counts:
            fact = _headcount(table.doc_id, count, row_org or owner, cell.line, cell.page, table.table_id)
            facts.append(fact)
    return facts


def _names_org(label: str, cells: list[CellRecord]) -> bool:
    """A row label naming an org: an org name, or the text of a cell under an org-name header
    (`공사․공단명` over `부산교통공사`)."""
    text = compact(label)
    return is_org_name(text) or any(
        compact(c.raw_text) == text and (header_kind(c.col_label) == "org" or _names_kind(c.col_label))
        for c in cells
        if not c.is_header
    )


NAME_HEADER = re.compile(r"(?:기관|공사|공단|법인|단체|시설|조직)\S*명$")
"""A header ending in 명 after a kind of organisation (`공사․공단명`, `법인명`): its cells name orgs."""


def _names_kind(label: str | None) -> bool:
    return bool(NAME_HEADER.search(compact(label)))


def chart_headcounts(
    document: Document, units: list[OrgUnit], printed: list[Headcount] | None = None
) -> list[Headcount]:
    """Staff printed beside the units of an org chart (`5팀(35명)`) are their 정원 or 현원 when the chart's
    page says which (`※( )는 정원`), or when, with no such note, the chart's whole (its largest count, the
    top box) is the page's printed 정원 total and not its 현원 (`원 장 (53)` over a 정·현원 table whose
    총계 is 53 / 51), or the other way round; `printed` are the headcounts read elsewhere in the document.
    Otherwise the number's side is unknown and no headcount is made (the unit keeps it as
    `staff_count`)."""
    if not any(unit.source == "chart" and unit.staff_count is not None for unit in units):
        return []  # no chart prints staff (a text report has no chart): its pages' notes are not read
    notes: dict[int | None, str] = {}
    for line in document.lines:
        note = CHART_STAFF_NOTE.search(line.text)
        if note:
            notes.setdefault(line.page, compact(note["side"]))
    inferred = _sides_by_total(units, printed or [], set(notes))
    facts: list[Headcount] = []
    for unit in units:
        side = notes.get(unit.page)
        if side is None and unit.page in inferred and (unit.rank or is_org_name(unit.name)):
            side = inferred[unit.page]
        if unit.source != "chart" or unit.staff_count is None or side is None:
            continue
        facts.append(
            Headcount(
                doc_id=document.doc_id,
                org_unit=normalize_name(unit.name),
                category=TOTAL_CATEGORY,
                authorized=unit.staff_count if side == "정원" else None,
                current=unit.staff_count if side == "현원" else None,
                raw_text=f"{unit.name}({unit.staff_count}명)",
                line=unit.line,
                page=unit.page,
            )
        )
    return facts


def _sides_by_total(
    units: list[OrgUnit], printed: list[Headcount], noted: set[int | None]
) -> dict[int | None, str]:
    """Per page of a chart without a note: `정원` when its largest staff count equals a 정원 total printed
    on the page (a 합계 headcount) whose 현원 differs, `현원` the other way round."""
    tops: dict[int | None, int] = {}
    for unit in units:
        if unit.source == "chart" and unit.staff_count is not None and unit.page not in noted:
            tops[unit.page] = max(tops.get(unit.page, 0), unit.staff_count)
    sides: dict[int | None, str] = {}
    for fact in printed:
        top = tops.get(fact.page)
        if top is None or fact.category != TOTAL_CATEGORY or fact.authorized == fact.current:
            continue
        if fact.authorized == top:
            sides[fact.page] = "정원"
        elif fact.current == top:
            sides[fact.page] = "현원"
    return sides
