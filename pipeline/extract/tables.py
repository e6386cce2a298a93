"""Tables and cells of a laid-out document as warehouse records, each cell with its labels and value."""

from __future__ import annotations

import re

from pipeline.extract.forms import form_tables
from pipeline.extract.kinds import table_kind
from pipeline.lexicon.cellkinds import is_value
from pipeline.lexicon.labels import (
    arrow_head_labels,
    cell_origins,
    column_labels,
    common_label,
    filled_grid,
    inline_row_labels,
    row_labels,
    stub_width,
    subheader_labels,
    without_footnotes,
)
from pipeline.lexicon.patterns import BARE_YEAR, strip_bullets
from pipeline.lexicon.words import PLACEHOLDER_MARKS, is_identifier, is_serial_header, quantity_kind
from pipeline.normalize import CellValue, classify_cell, find_as_of, normalize_name, parse_unit_annotation
from pipeline.normalize.money import find_money
from pipeline.normalize.units import annotation_units, is_money_unit, listed_units
from pipeline.schemas.document import Document, Table
from pipeline.schemas.records import CellRecord, TableRecord


def table_unit(table: Table) -> str | None:
    """The unit printed for the table's bare numbers, if any; of several (`(단위 : 개소, 백만원)`), the
    money one, which is what makes a table a budget table."""
    units = annotation_units(table.unit_text)
    if len(units) > 1:
        return next((u for u in units if is_money_unit(u)), units[0])
    if not table.unit_text:
        return None
    return parse_unit_annotation(table.unit_text) or (units[0] if units else None)


def table_as_of(table: Table) -> str | None:
    """The date the table is valid at, from its annotation."""
    found = find_as_of(table.unit_text) if table.unit_text else None
    return found.iso if found else None


def table_record(document: Document, table: Table) -> TableRecord:
    """The table's row in `tables`, validated from a dict by the model's own validator (as `cell_records`
    does): the same checks and fields set as `TableRecord(...)`, without a Python `__init__` frame."""
    unit = table_unit(table)
    header = " ".join(c.text for c in table.cells if c.is_header or c.col == 0)
    return TableRecord.__pydantic_validator__.validate_python(
        {
            "doc_id": document.doc_id,
            "table_id": table.table_id,
            "caption": table.caption,
            "kind": table_kind(header, table.caption, unit),
            "unit": unit,
            "unit_text": table.unit_text,
            "as_of": table_as_of(table),
            "first_line": table.first_line,
            "last_line": table.last_line,
            "page": table.page,
            "source": table.source,
            "n_rows": table.n_rows,
            "n_cols": table.n_cols,
            "header_rows": table.header_rows,
            "parent_table_id": table.parent_table_id,
            "section_id": table.section_id,
        }
    )


ITEM_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
"""An item number as a 연번 column prints it."""

CAPTION_ROW_LABEL_CHARS = 20
"""A caption this short, without digits, names the rows of a table that has no row labels."""


STATEMENT_END = re.compile(r"(?:없음|있음|[하했]였?음|함|됨|임)\.?$")
"""How a sentence of a report ends (`…사례는 없음`, `…추진함`, `…예정임`): a statement, not a name."""


def _names_rows(caption: str | None) -> bool:
    """Whether a caption is a name (`사회복지법인`), not a statement (`인 력 : 정원 27명(현원 27명)`)."""
    text = "".join((caption or "").split())
    if STATEMENT_END.search(text):
        return False  # `… 해외 유사 사례는 없음`: the end of a sentence, no name
    return 0 < len(text) <= CAPTION_ROW_LABEL_CHARS and not any(ch.isdigit() or ch in ":：" for ch in text)


TRAILING_NOTE = re.compile(r"\s*[(（](?P<note>[^()（）]*)[)）]\s*$")
NOTE_MIN_WORDS = 3
"""A caption's closing bracket of this many words is a note (how to fill the form in, `(2020. 11. 4. 기준)`),
no part of the name its rows take; a shorter one qualifies the name (`민간임대 (융자)`)."""


LABELLED_LINE = re.compile(r"^[(（](?P<label>[^()（）:：]{1,20})[)）]\s*\S")
"""A line opening with a bracketed label (`▪(’24 운영성과) 변호사 28명, … 1,110건 상담`, `○(추진방법) …`): the
outline style of Korean reports, where the bracket names what the line says."""


def labelled_line_name(text: str) -> str | None:
    """The label a line opens with in brackets, when it is a name (Hangul in it, no list of units)."""
    match = LABELLED_LINE.match(text)
    label = match.group("label").strip() if match else ""
    if not re.search(r"[가-힣]", label) or listed_units(f"({label})"):
        return None
    return normalize_name(label)


def caption_row_name(caption: str | None) -> str | None:
    """What a caption names the rows of a table with no row labels: the caption when it is a name, the
    label it opens with in brackets (`▪(’24 운영성과) 변호사 28명, … 1,110건 상담` over `합계 | 민사 | …` and
    one row of counts: the counts are the year's results, as the reader reads them), or the name
    before a colon when an amount follows it (`인공지능 활용 … 진단체계 개발 : 80억원`, a program and its
    total over a schedule of its years; `비용편익분석 : … 직접비용 1,638.89백만` over its parameters)."""
    text = strip_bullets(caption or "")
    labelled = labelled_line_name(text)
    if labelled:
        return labelled
    note = TRAILING_NOTE.search(text)
    if note and len(note.group("note").split()) >= NOTE_MIN_WORDS and _names_rows(text[: note.start()]):
        # `사업 지원 형태 및 지원율 (최소한 한 개는 반드시 선택하시오. 해당사항에 O 표시)`: what to fill in
        text = text[: note.start()]
    if _names_rows(text):
        return normalize_name(text)
    parts = re.split(r"[:：]", text, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or any(c.isdigit() for c in parts[0]):
        return None
    # `비용편익분석 : 피규제 기업·소상공인 직접비용 1,638.89백만`: a name, then the amount it comes to
    if is_value(parts[1]) or (_names_rows(parts[0]) and find_money(parts[1])):
        return normalize_name(parts[0].strip())
    return None


HEADER_FIELDS = CellValue().record_fields()
"""The value fields of a header cell's record, the same for every one (it holds no value); the validator
copies the list of flags into each record."""


def _names_row(label: str | None) -> bool:
    return bool(label) and (label or "").strip() not in PLACEHOLDER_MARKS


def cell_records(document: Document, table: Table, unit: str | None) -> list[CellRecord]:
    """Every non-empty cell with its row and column labels and its normalized value; with several units
    annotated, each cell takes the one its column's (or row's) kind of words names.

    Each record is validated from a dict by the model's own validator (as `line_records` does): the same
    checks and model as `CellRecord(...)`, without a Python `__init__` frame per cell."""
    validate = CellRecord.__pydantic_validator__.validate_python
    units = annotation_units(table.unit_text)
    if len(units) < 2:
        units = [unit] if unit else []
    # one grid, one stub width per table, handed to every label function that reads them
    origins = cell_origins(table)
    grid = filled_grid(table, origins)
    stub = stub_width(table, origins, grid)
    columns = [normalize_name(label) if label else None for label in column_labels(table, grid)]
    # a footnote mark after a row label (`경상수입1)`) refers to a note under the table: the row is 경상수입
    marked = [without_footnotes(label) for label in row_labels(table, origins, stub, grid)]
    # a placeholder where the stub would be (`-` beside `○ | - | 총사업비 50~70%`) names no row
    rows = [normalize_name(label) if _names_row(label) else None for label, _ in marked]
    named = caption_row_name(table.caption) if not any(rows) else None
    if named:
        # No stub at all (`□ 사회복지법인` over one row of counts): the rows are what the caption names.
        body = table.n_rows - table.header_rows
        rows = [None] * table.header_rows + [named] * body
    inner = {at: normalize_name(label) for at, label in subheader_labels(table).items()}
    inner |= {at: normalize_name(label) for at, label in arrow_head_labels(table, grid).items()}
    inline = inline_row_labels(table, stub)
    records: list[CellRecord] = []
    for cell in table.cells:
        box = cell.bbox if cell.page is not None and cell.bbox else (None, None, None, None)
        at = (cell.row, cell.col)
        row_label = None if cell.is_header else inline.get(at) or rows[cell.row]
        spans_rows = cell.row_span > 1 and cell.col >= stub and at not in inline
        if not cell.is_header and spans_rows and is_value(cell.text):
            # one value printed over several rows (`지원 비율(%) 30` beside `출자`, `보자`, `합계` of one
            # 내역사업): it is of what those rows share, not of the first one
            row_label = common_label(rows[cell.row : cell.row + cell.row_span]) or row_label
        col_label = inner.get(at) or (columns[cell.col] if cell.col < len(columns) else None)
        if cell.is_header:
            fields = HEADER_FIELDS
        else:
            if cell.col < stub and BARE_YEAR.match(cell.text):
                value = CellValue(value_kind="date")  # a year labelling its row (`2013 | 35,724,592 | …`)
            elif is_serial_header(col_label) and ITEM_NUMBER.match(cell.text):
                value = CellValue(value_kind="text")  # `5` under 연번: the item's number, not a count
            elif is_identifier(cell.text, row_label, col_label):
                value = CellValue(value_kind="text")  # `코드 | 080 | 08D | 1043`: codes, not counts
            else:
                value = classify_cell(cell.text, unit, row_label, col_label, units)
                if value.footnote is None and cell.row < len(marked):
                    value.footnote = marked[cell.row][1]
                if cell.col < stub and value.value_kind == "count" and not is_value(cell.text):
                    # `1단계`, `1등급`, `4급` naming their row: an ordinal that labels, not a count of stages
                    value = CellValue(value_kind="text")
                if value.qualifier:
                    # `(화장로 15기)` under 화장장: the number is of 화장장's 화장로, a column path of its own
                    col_label = f"{col_label} ({value.qualifier})" if col_label else value.qualifier
            fields = value.record_fields()
        records.append(
            validate(
                {
                    "doc_id": document.doc_id,
                    "table_id": table.table_id,
                    "row_idx": cell.row,
                    "col_idx": cell.col,
                    "row_label": row_label,
                    "col_label": col_label,
                    "raw_text": cell.text,
                    **fields,
                    "is_header": cell.is_header,
                    "row_span": cell.row_span,
                    "col_span": cell.col_span,
                    "line": cell.line,
                    "page": cell.page,
                    "x0": box[0],
                    "top": box[1],
                    "x1": box[2],
                    "bottom": box[3],
                }
            )
        )
    return records


MIN_TWIN_AMOUNTS = 2
"""Amounts an unannotated table must print exactly as a table with a money unit prints them to take it."""
TWIN_AMOUNT = re.compile(r"^[△▲-]?\d{1,3}(?:,\d{3})+$")
"""An amount with thousands separators (`467,600`): small numbers coincide by chance, these do not."""


def printed_amounts(cells: list[CellRecord]) -> dict[str, str | None]:
    """The amounts of money cells as printed -> the unit each is read in (of a text printed more than once,
    the last cell's): what `twin_unit` looks an unannotated table's numbers up in, built once a document."""
    return {c.raw_text.strip(): c.unit for c in cells if c.value_kind == "krw"}


def twin_unit(own: list[CellRecord], amounts: dict[str, str | None]) -> str | None:
    """The money unit of an unannotated table whose money-labelled bare numbers are printed, exactly so, in
    tables of the same document that carry that unit (`amounts`: their `printed_amounts`): a
    사업설명자료's 최근 5년간 사업비 (no unit printed) repeats the 2023 and 2024 amounts of its 예산 총괄표
    (단위: 백만원). None unless at least `MIN_TWIN_AMOUNTS` agree and no amount is printed under another
    money unit."""
    bare = {
        c.raw_text.strip()
        for c in own
        if not c.is_header
        and c.value_kind == "count"
        and c.unit is None
        and TWIN_AMOUNT.match(c.raw_text.strip())
        and "money" in (quantity_kind(c.row_label), quantity_kind(c.col_label))
    }
    units = {text: amounts[text] for text in bare if text in amounts}
    found = set(units.values())
    if len(units) < MIN_TWIN_AMOUNTS or len(found) != 1:
        return None
    unit = found.pop()
    return unit if is_money_unit(unit) and unit != "원" else None


UNIT_HEAD = "단위"
"""A column head naming what the figures of the table below are counted in (`단위 | 백만원, 현재가치`)."""
MAX_LINES_BETWEEN = 2
"""Lines (a title) a table may sit below the one naming its unit."""


def unit_column(table: Table) -> str | None:
    """The unit a table prints as a value under a `단위` head (`분석기준년도 | … | 단위` over `2023 | … |
    백만원, 현재가치`), as an annotation: `(단위: 백만원, 현재가치)`; None without one."""
    heads = {c.col for c in table.cells if c.is_header and "".join(c.text.split()) == UNIT_HEAD}
    for cell in table.cells:
        if cell.col in heads and not cell.is_header and annotation_units(f"(단위: {cell.text})"):
            return f"(단위: {cell.text.strip()})"
    return None


def units_from_tables_above(tables: list[Table]) -> list[Table]:
    """Tables without a unit of their own that take the one the table right above them names in a `단위`
    column: a 규제영향분석서 prints its cost table's unit (`백만원, 현재가치`) in the parameter table over
    it. The parameter table itself keeps none: its figures (years, a rate) have their own heads."""
    out: list[Table] = []
    for k, table in enumerate(tables):
        above = tables[k - 1] if k else None
        named = unit_column(above) if above is not None and not table.unit_text else None
        if (
            named
            and above is not None
            and above.page == table.page
            and 0 <= table.first_line - above.last_line <= MAX_LINES_BETWEEN + 1
        ):
            table = table.model_copy(update={"unit_text": named})
        out.append(table)
    return out


def extract_tables(document: Document) -> tuple[list[TableRecord], list[CellRecord]]:
    """Table and cell records for every table of the document; a table without a unit whose amounts
    another table prints with one takes it (`twin_unit`)."""
    tables: list[TableRecord] = []
    cells: list[CellRecord] = []
    per_table: list[tuple[Table, TableRecord, list[CellRecord]]] = []
    for table in units_from_tables_above(document.tables):
        record = table_record(document, table)
        per_table.append((table, record, cell_records(document, table, record.unit)))
    amounts = printed_amounts([c for _, record, own in per_table if record.unit for c in own])
    for table, record, own in per_table:
        if record.unit is None and amounts:
            unit = twin_unit(own, amounts)
            if unit:
                header = " ".join(c.text for c in table.cells if c.is_header or c.col == 0)
                kind = table_kind(header, table.caption, unit)
                record = record.model_copy(update={"unit": unit, "kind": kind})
                own = [
                    c.model_copy(update={"unit_source": "other_table"})
                    if c.unit_source == "annotation"
                    else c
                    for c in cell_records(document, table, unit)
                ]
        tables.append(record)
        cells.extend(own)
        forms, fields = form_tables(table, record, record.unit)
        tables += forms
        cells += fields
    return tables, cells
