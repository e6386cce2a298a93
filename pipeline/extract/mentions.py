"""Money written in prose (outside tables), each amount and each part of a breakdown one mention."""

from __future__ import annotations

import re

from pipeline.extract.prose import Prose
from pipeline.lexicon.patterns import strip_bullets
from pipeline.normalize import MoneyMention, find_money
from pipeline.normalize.money import holds_money_mark, labelled_parts
from pipeline.schemas.document import Document, Section
from pipeline.schemas.facts import AmountMention
from pipeline.schemas.records import CellRecord, TableRecord

PROJECT_MAX_LEVEL = 3
"""The project a line belongs to is its innermost section at this level or above (Ⅰ. / 1 / ①)."""

MAX_CONTEXT_CHARS = 40


MONEY_WORDS = re.compile(r"(예산|사업비|비용|액|금|기금|자금|펀드|매출|규모|재원|국비|시비|구비|민간|투자)")
"""Words that name what an amount is (`총사업비 154억원`), preferred over the label before a colon."""
SEPARATORS = re.compile(r"[:：/,(\[]")


def context_label(text: str, start: int) -> str | None:
    """What the amount at `start` is given for: the money words right before it, else the label before
    the nearest colon on its left, else the last words before it."""
    before = re.sub(r"(?:약|대략|총)\s*$", "", text[:start]).rstrip()
    pieces = SEPARATORS.split(before)
    nearest = strip_bullets(pieces[-1]) if pieces else ""
    separators = SEPARATORS.findall(before)
    after_colon = bool(separators) and separators[-1] in ":："
    hangul = sum(1 for c in nearest if "가" <= c <= "힣")
    if nearest and (MONEY_WORDS.search(nearest) or (hangul >= 2 and not after_colon)):
        return " ".join(nearest.split()[-3:])
    if ":" in before or "：" in before:
        label = re.sub(r"[(（][^()（）]*[)）]\s*$", "", before.replace("：", ":").rsplit(":", 1)[0]).strip()
        label = strip_bullets(label.split(":")[-1])
        if label:
            return "".join(label.split()) if len(label.replace(" ", "")) <= 12 else label[-MAX_CONTEXT_CHARS:]
    words = strip_bullets(before).split()
    return " ".join(words[-3:]) or None


def section_index(document: Document) -> dict[str, Section]:
    """The document's sections by id: built once per document, not once per line."""
    return {s.section_id: s for s in document.sections}


def project_section(
    by_id: dict[str, Section], section_id: str | None, max_level: int = PROJECT_MAX_LEVEL
) -> Section | None:
    """The innermost section at `max_level` or above that contains this section (`by_id`: `section_index`)."""
    section = by_id.get(section_id or "")
    while section is not None and section.level > max_level:
        section = by_id.get(section.parent_id or "")
    return section


def projects_of(by_id: dict[str, Section]) -> dict[str | None, Section | None]:
    """Each section's project (`project_section`), and None for a line in no section: worked out once per
    document for the lines and cells that ask it, not by a walk up the headings for each."""
    projects: dict[str | None, Section | None] = {None: project_section(by_id, None)}
    for section_id, section in by_id.items():
        if section.level <= PROJECT_MAX_LEVEL:
            projects[section_id] = section
        elif section.parent_id in projects:  # a parent is listed before its children: its project is known
            projects[section_id] = projects[section.parent_id]
        else:
            projects[section_id] = project_section(by_id, section_id)
    return projects


def mentions_of(
    doc_id: str, text: str, section: Section | None, line: int, page: int | None, fallback: str | None = None
) -> list[AmountMention]:
    """Every amount in a piece of prose, and each part of a breakdown, as mentions."""
    return [
        m for money in find_money(text) for m in _mentions(doc_id, text, money, section, line, page, fallback)
    ]


def _mentions(
    doc_id: str,
    text: str,
    money: MoneyMention,
    section: Section | None,
    line: int,
    page: int | None,
    fallback: str | None,
) -> list[AmountMention]:
    title = section.title if section else None
    total = AmountMention(
        doc_id=doc_id,
        section_title=title,
        context=context_label(text, money.start) or fallback,
        raw_text=money.raw_text,
        amount_krw=money.amount_krw,
        amount_low_krw=money.low,
        amount_high_krw=money.high,
        is_approximate=money.approximate,
        line=line,
        page=page,
        currency=money.currency or "KRW",
        amount_foreign=money.amount,
    )
    return [total] + [
        AmountMention(
            doc_id=doc_id,
            section_title=title,
            context=label,
            raw_text=money.raw_text,
            amount_krw=won,
            is_part=True,
            part_of=money.raw_text,
            part_of_line=line,
            line=line,
            page=page,
        )
        for label, won in money.parts
    ]


def child_parts(
    doc_id: str,
    text: str,
    parent: MoneyMention,
    parent_line: int,
    section: Section | None,
    line: int,
    page: int | None,
) -> list[AmountMention]:
    """`- 국비 24,960, 시비 6,240` under `- 예산 : 31,200백만원(...)`: bare labelled numbers of a line in the
    unit of the amount on the line above, each a part of it. [] when the line is not such a breakdown."""
    parts = labelled_parts(strip_bullets(text), parent.unit_won)
    return [
        AmountMention(
            doc_id=doc_id,
            section_title=section.title if section else None,
            context=label,
            raw_text=" ".join(text.split()),
            amount_krw=won,
            is_part=True,
            part_of=parent.raw_text,
            part_of_line=parent_line,
            line=line,
            page=page,
        )
        for label, won in parts
    ]


def amount_mentions(
    document: Document,
    prose_lines: Prose | None = None,
    projects: dict[str | None, Section | None] | None = None,
) -> list[AmountMention]:
    """Every money amount in the document's prose lines; a line of bare labelled numbers right under an
    amount with a unit is its breakdown. `projects` (`projects_of`) when the caller has worked them out."""
    mentions: list[AmountMention] = []
    parent: tuple[MoneyMention, int] | None = None
    projects = projects if projects is not None else projects_of(section_index(document))
    prose = [line for line in (prose_lines or Prose(document)).lines if line.text.strip()]
    for i, line in enumerate(prose):
        after = prose[i + 1] if i + 1 < len(prose) else None
        section = projects.get(line.section_id)
        next_line = after.text if after is not None and after.number == line.number + 1 else ""
        found = find_money(line.text, next_line=next_line)
        if not found:
            if parent is not None:
                mentions += child_parts(document.doc_id, line.text, *parent, section, line.number, line.page)
            parent = None
            continue
        for money in found:
            mentions += _mentions(document.doc_id, line.text, money, section, line.number, line.page, None)
        totals = [m for m in found if m.amount_krw is not None and m.unit_won > 1 and not m.parts]
        parent = (totals[-1], line.number) if len(found) == 1 and totals else None
    return mentions


def cell_mentions(
    document: Document,
    tables: list[TableRecord],
    cells: list[CellRecord],
    projects: dict[str | None, Section | None] | None = None,
) -> list[AmountMention]:
    """Money written as prose inside table cells (`매 출 : 14,630천원 고 용 : 3명`); a cell read as a form
    (its fields are cells of their own, `extract/forms.py`) is not prose. `projects` as `amount_mentions`."""
    section_of = {t.table_id: t.section_id for t in tables}
    forms = {(t.table_id, c.row, c.col) for t in document.tables for c in t.cells if c.fields}
    mentions: list[AmountMention] = []
    projects = projects if projects is not None else projects_of(section_index(document))
    for cell in cells:
        if cell.is_header or cell.value is not None or not holds_money_mark(cell.raw_text):
            continue  # a heading, a value or a text without money: most cells, passed over before any lookup
        if (cell.table_id, cell.row_idx, cell.col_idx) in forms:
            continue
        section = projects.get(section_of.get(cell.table_id))
        mentions += mentions_of(document.doc_id, cell.raw_text, section, cell.line, cell.page, cell.row_label)
    return mentions
