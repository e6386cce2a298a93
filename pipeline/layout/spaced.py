"""Tables in text exports that lost their tabs: cells separated by single spaces, labels letter-spaced.

Character positions do not line up in these exports (001: `경 제 정 책 과 35/361) (17) 26/31 8/5 - -`), so
the rows are read from the kinds of their tokens instead, in small named steps:

lines -> `classify_token` -> `split_row_tokens` (label | values | trailing text) -> `find_header`
-> `merge_header_tokens` (letter-spaced words joined until the header has as many labels as the data
has columns) -> `read_rows` (a row may continue over following lines; a bracketed number alone on a
line is the secondary value of the value above it, `32,523` over `(1,751)`) -> `Table`.
Secondary values get their own row right under their row, labelled `<row> ( )`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

from pipeline.lexicon.patterns import BULLET_START, NUMBERED_TITLE, TOC_ENTRY
from pipeline.lexicon.words import COUNTERS
from pipeline.schemas.document import Line, Table

VALUE = re.compile(
    r"^[△▲+\-－]?\d[\d,]*(?:\.\d+)?(?:%|[가-힣]{1,3})?(?:[(（][^)）]*[)）])?$"
    r"|^\d[\d,]*/\d[\d,]*(?:\d\))?$|^[-－―]$"
)
"""`134,534`, `80,4`, `68.6`, `35/361)`, `474개사`, `120개사(‘22.8)`, `-`."""
SECONDARY = re.compile(r"^(?:[가-힣]{1,6})?[(（][△▲\-]?\d[\d,.]*[)）]$")
"""`(17)`, `(1,751)`, `(192.5)`, `여성(140)`: a value printed in brackets."""
PROSE_END = re.compile(r"(다|함|음|임|됨|요|\.)$")
YEAR_HEADER = re.compile(r"^[’'‘]?\d{2,4}년(?:[(（][^)）]*[)）])?$")
"""`2018년`, `’22년(예정)`: a year is a column label, not a value."""
"""A line that starts with a list mark is prose or a heading, not a table row."""
MAY_HOLD_VALUE = re.compile(r"(?:^|\s)(?:[△▲+\-－]?\d|[-－―](?:\s|$)|[가-힣]{0,6}[(（][△▲\-]?\d)")
"""Where a token that `classify_token` can call a value or a secondary starts (what `VALUE` and `SECONDARY`
start with): a line without one is all labels, no row, and is not split into tokens."""
COMPOUND_AMOUNT = ("조", "억")
COUNT_WORD = re.compile(rf"^(?:{'|'.join(COUNTERS)})(?:[(（][^)）]*[)）])?$")
"""A count word printed one space after an amount in 억/조 (`어절`, `어절(‘21)`): part of that value."""


@dataclass(frozen=True)
class SpacedSettings:
    """Tolerances of space-separated table reading."""

    max_label_words: int = 4
    """A row label of more multi-character words than this is prose, not a row."""
    max_header_gap: int = 3
    """Lines (blank or a sub-header) allowed between the header and the first row."""
    min_rows: int = 2
    max_blank_run: int = 2
    """Consecutive blank lines that end a table."""
    max_group_label_tokens: int = 2
    """A short label-only line inside a table names a group of rows (`기업` / `R&D`)."""

    def __post_init__(self) -> None:
        if self.max_label_words < 1 or self.min_rows < 1 or self.max_header_gap < 0:
            raise ValueError(f"invalid SpacedSettings: {self}")


@dataclass
class Token:
    text: str
    line: int
    kind: str
    """label, value, secondary"""


@dataclass
class RowTokens:
    """One line split into its label, values and trailing text."""

    label: list[Token]
    values: list[Token]
    tail: list[Token]


@dataclass
class Row:
    label: str
    label_line: int
    values: list[Token] = field(default_factory=list)
    secondaries: dict[int, Token] = field(default_factory=dict)
    tail: list[Token] = field(default_factory=list)


def classify_token(text: str) -> str:
    """label, value or secondary: the definition `word_kind` answers for the words of a line."""
    if YEAR_HEADER.match(text):
        return "label"
    if SECONDARY.match(text):
        return "secondary"
    if VALUE.match(text):
        return "value"
    return "label"


TOKEN_KIND = re.compile(
    f"(?P<label>{YEAR_HEADER.pattern})|(?P<secondary>{SECONDARY.pattern})|(?P<value>{VALUE.pattern})"
)
"""`classify_token`'s three patterns tried in its order in one match: the name of the group that matched
is the kind (no match: a label)."""


def word_kind(word: str) -> str:
    """`classify_token` of a word without whitespace, without its cache: a report's numbers are mostly
    new (a cache of them misses more than it hits), and a word of letters only (`isalpha`: no digit, no
    dash) is a label without a regex."""
    if word.isalpha():
        return "label"
    match = TOKEN_KIND.match(word)
    return (match.lastgroup or "label") if match else "label"


def token_kinds(text: str) -> tuple[list[str], list[str]]:
    """A line's tokens (its words, an amount in 조/억 joined with the value or count word after it) and
    their kinds: what `tokens_of` gives, without a `Token` per word. Most lines a table is looked for in are
    prose, read here only to be rejected."""
    words = text.split()
    if "조" not in text and "억" not in text:  # no word ends in 조/억: nothing to join
        kinds = [word_kind(word) for word in words]
    else:
        words, kinds = _joined_amounts(words)
    if "value" in kinds:
        for i in range(len(kinds) - 1):
            # `4 차 산 업 혁 명`: a lone digit spaced into a label is part of the label
            if kinds[i] == "value" and len(words[i]) == 1 and kinds[i + 1] == "label":
                kinds[i] = "label"
    return words, kinds


def _joined_amounts(raw: list[str]) -> tuple[list[str], list[str]]:
    """Tokens and kinds of words that may hold an amount in 조/억: `4조 4,075억` is one amount, and
    `0.31억 어절` one count of words (a value, not `0.31억` of money)."""
    merged: list[str] = []
    quantities: set[int] = set()
    for text in raw:
        amount = bool(merged) and merged[-1].endswith(COMPOUND_AMOUNT) and VALUE.match(merged[-1]) is not None
        if amount and VALUE.match(text):
            merged[-1] = f"{merged[-1]} {text}"
        elif amount and COUNT_WORD.match(text):
            merged[-1] = f"{merged[-1]} {text}"
            quantities.add(len(merged) - 1)
        else:
            merged.append(text)
    kinds = ["value" if i in quantities else word_kind(t.split()[-1]) for i, t in enumerate(merged)]
    return merged, kinds


def tokens_of(line: Line) -> list[Token]:
    """The line's tokens with their kinds and line number (`token_kinds`)."""
    words, kinds = token_kinds(line.text)
    number = line.number
    return [Token(word, number, kind) for word, kind in zip(words, kinds, strict=True)]


def value_run(kinds: list[str]) -> tuple[int, int] | None:
    """(first, end) of the first run of value and secondary tokens; None when there is none, or when a
    run after a label holds secondaries only (what `split_row_tokens` splits a line at)."""
    if "value" not in kinds and "secondary" not in kinds:
        return None
    first = 0
    while kinds[first] == "label":
        first += 1
    end = first + 1
    while end < len(kinds) and kinds[end] != "label":
        end += 1
    if first > 0 and "value" not in kinds[first:end]:
        return None
    return first, end


def split_row_tokens(tokens: list[Token]) -> RowTokens | None:
    """Label tokens, a run of values (and inline secondaries), then trailing text; None without values."""
    run = value_run([t.kind for t in tokens])
    if run is None:
        return None
    first, end = run
    return RowTokens(tokens[:first], tokens[first:end], tokens[end:])


def is_prose_label(label: list[Token], settings: SpacedSettings) -> bool:
    """A label that reads as a sentence or a list item, not as a row name."""
    return is_prose_words([t.text for t in label], settings)


def is_prose_words(label: list[str], settings: SpacedSettings) -> bool:
    """`is_prose_label` of the label's token texts."""
    words = [t for t in label if len(t) > 1]
    text = " ".join(label)
    too_long = len(words) > settings.max_label_words
    return too_long or bool(PROSE_END.search(text)) or ":" in text or bool(BULLET_START.match(text))


def opens_list_item(text: str) -> bool:
    """A line whose first word starts with a list mark (`○`, `-`, `1)`, `①`): the label of a row read from
    it starts with that word, so it is prose (`is_prose_words`' `BULLET_START`, whose marks hold no space)
    and the line is no row. Such lines, most of a report, are not tokenized."""
    return BULLET_START.match(text.lstrip()) is not None


def merge_header_tokens(tokens: list[str], target: int) -> list[str]:
    """Join letter-spaced header words until the header has `target` labels.

    Single characters pair up first, left to right (`구 분 합 계` -> `구분 합계`); then two-character
    neighbours pair up from the right, where value columns sit (`조성 목표 투자 대상` -> `조성목표 투자대상`),
    which keeps the stub label (`구분`) on the left whole.
    """
    labels = list(tokens)
    i = 0
    while len(labels) > target and i < len(labels) - 1:
        if len(labels[i]) == 1 and len(labels[i + 1]) == 1:
            labels[i : i + 2] = [labels[i] + labels[i + 1]]
        i += 1
    i = len(labels) - 2
    while len(labels) > target and i >= 0:
        if len(labels[i]) <= 2 and len(labels[i + 1]) <= 2:
            labels[i : i + 2] = [labels[i] + labels[i + 1]]
            i -= 2
        else:
            i -= 1
    i = 1
    while len(labels) > target and i < len(labels):
        if len(labels[i]) == 1:  # `접수과제 수`: a lone counter belongs to the word before it
            labels[i - 1 : i + 1] = [labels[i - 1] + labels[i]]
        else:
            i += 1
    return labels


def _header_like(line: Line) -> bool:
    text = line.text.strip()
    words, kinds = token_kinds(line.text)
    if not text or len(words) < 2 or "value" in kinds:
        return False
    return not (PROSE_END.search(text) or ":" in text or "단위" in text or BULLET_START.match(text))


def find_header(
    lines: list[Line], index: int, skip: set[int], settings: SpacedSettings
) -> tuple[int, int | None] | None:
    """(header, sub-header or None) line indexes above the row at `index`, or None.

    A short label line right above the rows, under a longer label line, is a sub-header (`원인행위액 지출액`
    under `... 집행률(%)`).
    """
    found: list[int] = []
    k = index - 1
    while k >= 0 and index - k <= settings.max_header_gap + 3 and len(found) < 2:
        if lines[k].number in skip:
            break
        text = lines[k].text.strip()
        if text and len(text.split()) <= 1 and not found and VALUE.match(text) is None:
            k -= 1  # a group label printed on its own lines between header and rows (`기업` / `R&D`)
            continue
        if text:
            if not _header_like(lines[k]):
                break
            found.append(k)
        k -= 1
    if not found:
        return None
    if len(found) == 2 and len(lines[found[1]].text.split()) > len(lines[found[0]].text.split()):
        return found[1], found[0]
    return found[0], None


def read_rows(
    lines: list[Line], start: int, skip: set[int], settings: SpacedSettings
) -> tuple[list[Row], int]:
    """Rows from line index `start` on, and the index after the last line of the table."""
    rows: list[Row] = []
    blank = 0
    i = start
    last_used = start
    while i < len(lines):
        line = lines[i]
        if line.number in skip:
            break
        if not line.text.strip():
            blank += 1
            if blank > settings.max_blank_run:
                break
            i += 1
            continue
        blank = 0
        if TOC_ENTRY.search(line.text) or NUMBERED_TITLE.match(line.text):
            break  # a table-of-contents entry; the numbered title of the next table
        tokens = tokens_of(line)
        split = split_row_tokens(tokens)
        if split is None:
            short = len(tokens) <= settings.max_group_label_tokens
            if rows and short and not PROSE_END.search(line.text.strip()):
                i += 1
                continue
            break
        if not split.label:
            if not rows:
                break
            row = rows[-1]
            for token in split.values:
                if token.kind == "secondary" and len(split.values) == 1 and row.values:
                    row.secondaries[len(row.values) - 1] = token
                else:
                    row.values.append(token)
            row.tail += split.tail
        else:
            if is_prose_label(split.label, settings):
                break
            label = " ".join(t.text for t in split.label)
            rows.append(Row(label, split.label[0].line, list(split.values), {}, list(split.tail)))
        last_used = i
        i += 1
    return rows, last_used + 1


SECONDARY_CAPTION = "( )"
"""Caption marker of the table of bracketed secondary values; layout context names it from the legend."""


def to_table(
    header: list[str], sub_header: list[str], rows: list[Row], table_id: str, header_line: int = 0
) -> list[Table]:
    """Tables from rows: the values on a grid whose columns come from the header and the inline value
    positions, and, when rows carry bracketed secondary values under their values, a sibling table of
    those (`32,523` over `(1,751)` = 市출자금), with the same rows and columns. None when the header's
    words cannot be joined into as many labels as the rows have columns: such a line (`말뭉치 구축량
    국어문화학교 교육인원 …` over `누적 21억 어절(‘21) 42,360명(‘21)`, a caption `<그림 5> 2023년 부처별
    재정융자 규모`, a running head `Citizen Health Bureau`) does not head these rows. The header cells sit
    on `header_line`."""
    width = max(len(r.values) for r in rows)
    has_tail = any(r.tail for r in rows)
    inline_secondary = [
        all(k < len(r.values) and r.values[k].kind == "secondary" for r in rows if len(r.values) == width)
        for k in range(width)
    ]
    primary = sum(1 for s in inline_secondary if not s)
    spanned = len(sub_header) - 1 if sub_header else 0
    target = 1 + primary + (1 if has_tail else 0) - spanned
    labels = merge_header_tokens(header, max(target, 1))
    if len(labels) > max(target, 1):
        return []  # more header words than can be joined into the columns: prose or a box, not their head
    stub, value_labels = labels[0], labels[1:]
    tail_label = value_labels.pop() if has_tail and len(value_labels) > primary - spanned else None
    if sub_header and value_labels:
        spanning = value_labels.pop()
        value_labels += [f"{spanning} {s}" for s in sub_header]
    columns: list[str] = []
    primary_labels = iter(value_labels)
    for k in range(width):
        if inline_secondary[k]:
            named = next((_bracket_name(r.values[k].text) for r in rows if k < len(r.values)), "")
            columns.append(named or f"{columns[-1] if columns else stub} ( )")
        else:
            columns.append(next(primary_labels, ""))
    header_cells = [_cell(0, 0, stub, header_line, is_header=True)]
    header_cells += [_cell(0, k + 1, t, header_line, is_header=True) for k, t in enumerate(columns) if t]
    if tail_label:
        header_cells.append(_cell(0, width + 1, tail_label, header_line, is_header=True))
    cells: list[_CellData] = []
    secondary: list[_CellData] = []
    for r, row in enumerate(rows, start=1):
        cells.append(_cell(r, 0, row.label, row.label_line))
        for k, token in enumerate(row.values[:width]):
            cells.append(_cell(r, k + 1, token.text, token.line))
        if row.tail:
            tail_text = " ".join(t.text for t in row.tail)
            cells.append(_cell(r, width + 1, tail_text, row.tail[0].line))
        if row.secondaries:
            secondary.append(_cell(r, 0, row.label, row.label_line))
            for k, token in row.secondaries.items():
                secondary.append(_cell(r, k + 1, token.text.strip("()（）"), token.line))
    n_cols = width + 1 + (1 if has_tail else 0)
    main = _table(table_id, header_cells, cells, len(rows) + 1, n_cols, None)
    if not secondary:
        return [main]
    return [main, _table(f"{table_id}b", header_cells, secondary, len(rows) + 1, n_cols, table_id)]


class _CellData(TypedDict):
    """A `Cell` as data: validated with its table (one validator call a table, and each table gets cells
    of its own), not a model built per cell."""

    row: int
    col: int
    text: str
    line: int
    is_header: NotRequired[bool]


def _cell(row: int, col: int, text: str, line: int, is_header: bool = False) -> _CellData:
    if is_header:
        return {"row": row, "col": col, "text": text, "line": line, "is_header": True}
    return {"row": row, "col": col, "text": text, "line": line}


def _table(
    table_id: str,
    header: list[_CellData],
    cells: list[_CellData],
    n_rows: int,
    n_cols: int,
    parent: str | None,
) -> Table:
    lines = [c["line"] for c in cells]
    return Table.model_validate(
        {
            "table_id": table_id,
            "source": "aligned",
            "first_line": min(lines),
            "last_line": max(lines),
            "n_rows": n_rows,
            "n_cols": n_cols,
            "header_rows": 1,
            "cells": header + cells,
            "parent_table_id": parent,
            "caption": SECONDARY_CAPTION if parent else None,
        }
    )


def _bracket_name(text: str) -> str:
    match = re.match(r"^([가-힣]{1,6})[(（]", text)
    return match.group(1) if match else ""


def find_spaced_tables(
    lines: list[Line], skip: set[int], settings: SpacedSettings | None = None
) -> list[Table]:
    """Every space-separated table (a label-only header, then rows of label + values) outside `skip`."""
    settings = settings or SpacedSettings()
    tables: list[Table] = []
    after = 0  # the index of the first line after the last table found
    for i in row_starts(lines, skip):
        line = lines[i]
        if i < after:
            continue
        words, kinds = token_kinds(line.text)
        run = value_run(kinds)
        if run is None or run[0] == 0 or is_prose_words(words[: run[0]], settings):
            continue
        if TOC_ENTRY.search(line.text) or NUMBERED_TITLE.match(line.text):
            # a table-of-contents entry ends in a page number, not a value; `<표 1> 최근 5년간 …` is a title,
            # whatever the words after its number look like
            continue
        found = find_header(lines, i, skip, settings)
        if found is None:
            continue
        header_index, sub_index = found
        sub_header = lines[sub_index].text.split() if sub_index is not None else []
        rows, end = read_rows(lines, i, skip, settings)
        rows = [r for r in rows if r.values]
        if len(rows) < settings.min_rows:
            continue
        header = lines[header_index].text.split()
        header_line = lines[header_index].number
        for table in to_table(header, sub_header, rows, f"s{len(tables) + 1:03d}", header_line):
            table.first_line = header_line
            tables.append(table)
        after = max(end, i + 1)
    return tables


def row_starts(lines: list[Line], skip: set[int]) -> list[int]:
    """Indexes of the lines outside `skip` that can be the first row of a table: some text, no list item
    (`opens_list_item`, written out: a call a line costs more than its test) and a token that can be a value
    (`MAY_HOLD_VALUE`). Cheapest test first: a regex call costs ~2,000 instructions before it reads a
    character, and a third of a report's lines are blank; costlier tests are left to the few lines whose
    tokens make a row (`find_spaced_tables`)."""
    return [
        i
        for i, line in enumerate(lines)
        if line.number not in skip
        and (start := line.text.lstrip())
        and BULLET_START.match(start) is None
        and MAY_HOLD_VALUE.search(line.text)
    ]
