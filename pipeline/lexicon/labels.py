"""Row and column labels of a table grid: the words a person reads off the margins of each cell.

Used by layout (project lists), extraction (cell labels) and checks (label paths) alike."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from pipeline.lexicon.cellkinds import is_numeric_like, is_value
from pipeline.lexicon.patterns import (
    BARE_YEAR,
    BULLET_MARKS,
    DAY_DATE,
    ENUMERATION,
    YEAR_HEAD,
    find_year,
    strip_bullets,
)
from pipeline.lexicon.words import (
    ARROW,
    ARROW_CHARS,
    PLACEHOLDERS,
    compact,
    funding_source,
    is_total_label,
    measure_of,
)
from pipeline.schemas.document import Cell, Table

LABEL_PATH_SEPARATOR = " > "
"""Joins nested row labels (`운영비 > 보험료`)."""

STUB_NUMERIC_SHARE = 0.5
"""A leading column is part of the row-label stub while fewer of its data cells than this are numbers."""

DESCRIPTION_MIN_WORDS = 3
"""A cell of this many words with a number among them is a phrase about its row (`지하 1, 지상 9`)."""

CHECK_MARKS = frozenset({"O", "o", "○", "◯", "●", "◎", "V", "v", "√", "✓", "✔"})
"""Marks ticking a choice in a form's cell (`해당사항에 O 표시`): no label of a row."""

QUALIFIER_LABEL = re.compile(r"^[(（\[][^()（）\[\]\d]+[)）\]]$")
"""A stub label that is only a bracketed word (`(비중)`, `(구성비)`): the row above's figures seen another way
(their shares), so it is a part of that row (`중앙정부 > (비중)`)."""

SUBHEADER_MAX_CHARS = 12
"""A column label printed inside a table's body is one word (`연간균등순비용`), not a phrase or a target."""
MIN_SUBHEADER_VALUES = 2
"""Values of the first row under a body label row that must sit exactly under its cells."""


def filled_grid(table: Table, origins: list[list[int | None]] | None = None) -> list[list[str]]:
    """The grid with every merged cell's text repeated over the positions it spans (`origins`: the
    table's `cell_origins`, when the caller has them)."""
    origins = origins if origins is not None else cell_origins(table)
    return [["" if k is None else table.cells[k].text for k in row] for row in origins]


def cell_origins(table: Table) -> list[list[int | None]]:
    """For each grid position, the index of the cell covering it (merged cells cover several)."""
    n_rows, n_cols = table.n_rows, table.n_cols
    grid: list[list[int | None]] = [[None] * n_cols for _ in range(n_rows)]
    for k, cell in enumerate(table.cells):
        row, col = cell.row, cell.col
        if cell.row_span == 1 and cell.col_span == 1:  # most cells: the loops below for one position
            if row < n_rows and col < n_cols:
                grid[row][col] = k
            continue
        for r in range(row, min(row + cell.row_span, n_rows)):
            for c in range(col, min(col + cell.col_span, n_cols)):
                grid[r][c] = k
    return grid


def column_labels(table: Table, grid: list[list[str]] | None = None) -> list[str | None]:
    """Header texts stacked top to bottom for each column (`예산액(A) 금 액`); None without a header
    (`grid`: the table's `filled_grid`, when the caller has it)."""
    grid = grid if grid is not None else filled_grid(table)
    labels: list[str | None] = []
    for c in range(table.n_cols):
        parts: list[str] = []
        for r in range(table.header_rows):
            text = grid[r][c]
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(" ".join(parts) or None)
    return labels


def stub_width(
    table: Table, origins: list[list[int | None]] | None = None, grid: list[list[str]] | None = None
) -> int:
    """How many leading columns hold row labels rather than values; none when the first column is headed
    by a year (a schedule `2023 | 2024 | 2025~2027` with no 구분 column: every column is a year's).
    `origins`, `grid`: the table's `cell_origins` and `filled_grid`, when the caller has them."""
    origins = origins if origins is not None else cell_origins(table)
    full = grid if grid is not None else filled_grid(table, origins)
    if table.header_rows and table.n_cols > 1 and YEAR_HEAD.match(full[0][0]):
        return 0
    if _one_record(table, full):
        return 0
    grid = full[table.header_rows :]
    width = 0
    for c in range(table.n_cols):
        texts = [row[c] for row in grid if row[c]]
        sources = any(funding_source(t) for t in texts)  # `국비` / `시비` beside a 사업: the money's kind
        if (
            width
            and not sources
            and not _spanned_into(table, origins[table.header_rows :], c)
            and _names_each_row(table, origins[table.header_rows :], grid, width)
        ):
            break  # `의료기관 | 소재지 | …`: each row has its own name already, the next column is about it
        if texts and all(compact(t) in CHECK_MARKS for t in texts):
            break  # `직접 | 출자 | 출연 | 보조` over `  | O |   | O`: a choice ticked, no row's name
        numeric = sum(1 for t in texts if is_numeric_like(t) and not ENUMERATION.match(t))
        if texts and numeric >= STUB_NUMERIC_SHARE * len(texts):
            break
        # after a label column, a column of dates (설립일자) is data about the row, not more of its label
        if width and texts and sum(1 for t in texts if DAY_DATE.match(t)) >= STUB_NUMERIC_SHARE * len(texts):
            break
        if not texts and c > 0:
            break
        # after a label column, a column that describes each row in a phrase with numbers
        # (`지하 1, 지상 9 (시네마운틴, 비프힐 등)` beside `영화의전당`) is data about the row too
        if width and texts and all(_describes(t) for t in texts):
            break
        width += 1
    return max(1, min(width, table.n_cols - 1)) if table.n_cols > 1 else width


CORNER_HEADS = frozenset({"구분", "연도", "년도", "항목", "분야", "유형", "연번", "순번"})
"""Heads of a stub column (the corner of a table): the cells under them name rows."""
MIN_RECORD_COLUMNS = 3


def _one_record(table: Table, grid: list[list[str]]) -> bool:
    """A table of one header row over one body row whose first cell is a number or a year under a head
    of its own (`분석기준년도 | 규제시행년도 | 분석대상기간 (년) | 할인율(%) | 단위` over
    `2023 | 2025 | 10 | 4.5 | …`): one record of named fields, no row label among them."""
    if table.header_rows != 1 or table.n_rows != 2 or table.n_cols < MIN_RECORD_COLUMNS:
        return False
    head, first = compact(grid[0][0]), grid[1][0].strip()
    return bool(head) and head not in CORNER_HEADS and (is_value(first) or bool(BARE_YEAR.match(first)))


def _spanned_into(table: Table, origins: list[list[int | None]], col: int) -> bool:
    """Whether a label cell of the body that starts in an earlier column spans into `col` without reaching
    the table's last column (`합계` over `구분` and `기관명`, under `출자 | LH`, `보자 | 지자체`): `col` is
    then more of the stub, whatever it holds."""
    for row in origins:
        k = row[col] if col < len(row) else None
        if k is None:
            continue
        cell = table.cells[k]
        inside = cell.col < col < cell.col + cell.col_span < table.n_cols
        if inside and cell.text.strip() and not is_value(cell.text):
            return True
    return False


def _names_each_row(table: Table, origins: list[list[int | None]], grid: list[list[str]], width: int) -> bool:
    """Whether the first `width` columns already give each body row a name of its own: the last of them
    has a label cell in every row, none merged over rows, no two rows alike. A stub column nests rows
    under the one before it (`특별회계` merged over `공기업특별회계` …); after a column naming every row
    one by one (`정관우리아동병원`, `아이사랑병원` …) there is nothing left to nest, so the text columns after
    it (`소재지`) are data about the row. A column of item numbers (`1.`, `①`) names nothing by itself."""
    if len(grid) < 2:
        return False
    last = width - 1
    names = []
    for r, row in enumerate(grid):
        k = origins[r][last]
        if k is None or table.cells[k].row_span > 1 or not row[last] or ENUMERATION.match(row[last]):
            return False
        names.append(tuple(row[:width]))
    return len(set(names)) == len(names)


def _describes(text: str) -> bool:
    """A phrase that prints numbers among its words (`지하 1, 지상 9 (사운드스테이션 등)`): a description, not
    a label; an enumerated label (`1. 기획`) or a year (`2024년 상반기`) is still a label."""
    return (
        any(ch.isdigit() for ch in text)
        and len(text.split()) >= DESCRIPTION_MIN_WORDS
        and not ENUMERATION.match(text)
        and not find_year(text)
    )


def row_labels(
    table: Table,
    origins: list[list[int | None]] | None = None,
    width: int | None = None,
    grid: list[list[str]] | None = None,
) -> list[str | None]:
    """Each row's label path through its stub columns, an empty leading cell continuing the label above
    (`origins`, `width`, `grid`: the table's `cell_origins`, `stub_width` and `filled_grid`, when the caller
    has them)."""
    origins = origins if origins is not None else cell_origins(table)
    grid = grid if grid is not None else filled_grid(table, origins)
    width = width if width is not None else stub_width(table, origins)
    labels: list[str | None] = [None] * table.n_rows
    carried = [""] * width
    carried_from: list[int | None] = [None] * width
    for r in range(table.header_rows, table.n_rows):
        stub = grid[r][:width]
        filled = [c for c in range(width) if stub[c] and (not is_value(stub[c]) or BARE_YEAR.match(stub[c]))]
        if filled:
            last = filled[-1]
            for c in range(width):
                if c <= last and stub[c]:
                    carried[c], carried_from[c] = stub[c], origins[r][c]
                elif c > last:
                    carried[c], carried_from[c] = "", None
            used = [c for c in range(last + 1) if carried[c]]
        else:
            used = [c for c in range(width) if carried[c]]
        # a total's label ends with the rows its cell spans: the groups printed under it (`합계` over its
        # 정원 / 현원 rows, then `본부`, `소속기관` in boxes one column in) are its siblings, not its parts
        used = [c for c in used if not _total_ended(table, carried_from[c], carried[c], r)]
        # a label merged over two stub columns is one cell, read once; two cells that say 합계 are two
        cells = [carried_from[c] for c in used]
        path = [carried[c] for k, c in enumerate(used) if not k or cells[k] != cells[k - 1]]
        labels[r] = _qualified(path, labels[r - 1]) or LABEL_PATH_SEPARATOR.join(path) or None
    if width == 1:
        labels = outline_paths(labels, [origins[r][0] for r in range(table.n_rows)], table.header_rows)
    return labels


def common_label(labels: list[str | None]) -> str | None:
    """The label path several rows share from its start (`행복주택 출자 > 출자`, `행복주택 출자 > 합계` ->
    `행복주택 출자`); None when they share none."""
    paths = [label.split(LABEL_PATH_SEPARATOR) if label else [] for label in labels]
    shared: list[str] = []
    for parts in zip(*paths, strict=False):
        if any(part != parts[0] for part in parts):
            break
        shared.append(parts[0])
    return LABEL_PATH_SEPARATOR.join(shared) or None


def _qualified(path: list[str], above: str | None) -> str | None:
    """A row whose innermost label is a bracketed word only (`예산서상 규모 > (비중)` under `예산서상 규모 >
    중앙정부`): a part of the row above (`예산서상 규모 > 중앙정부 > (비중)`, whose kind its bracket names);
    None when it is not such a row or the row above is of another group."""
    if not path or not QUALIFIER_LABEL.match(path[-1].strip()) or not above:
        return None
    named = above.split(LABEL_PATH_SEPARATOR)
    if QUALIFIER_LABEL.match(named[-1]) or named[:-1] != path[:-1] or len(named) < len(path):
        return None
    return f"{above}{LABEL_PATH_SEPARATOR}{path[-1].strip()}"


def _total_ended(table: Table, origin: int | None, text: str, row: int) -> bool:
    """Whether a carried stub label is a total (`합계`) whose own cell ends above `row`."""
    if origin is None or not is_total_label(text):
        return False
    cell = table.cells[origin]
    return row >= cell.row + cell.row_span


def list_mark(label: str | None) -> str | None:
    """The list mark a label opens with (`○`, `․`, `-`), if any."""
    text = (label or "").strip()
    return text[0] if text and text[0] in BULLET_MARKS else None


def outline_paths(labels: list[str | None], origins: list[int | None], first: int = 0) -> list[str | None]:
    """Row labels of one stub column that nest by their list marks, as paths: in a 사업설명자료 table
    `○기능비·목별 분류(합계)` / `․가로주택정비사업` / `-기타민간 융자금(450-04)` are three levels of one
    column, and a person names the last row by the path
    (`기능비·목별 분류(합계) 가로주택정비사업 기타민간 융자금`).

    The first mark met is the top level, each new mark one level deeper, a mark met before goes back to its
    level; a row without a mark (`합계`) stands alone and ends every open level. Rows of one merged stub cell
    keep one path. Unchanged unless two or more kinds of mark are used."""
    rows = range(first, len(labels))
    if len({list_mark(labels[r]) for r in rows} - {None}) < 2:
        return labels
    out = list(labels)
    ranks: list[str] = []
    open_levels: list[tuple[int, str]] = []
    previous: tuple[int | None, str | None] = (None, None)
    for r in rows:
        label = labels[r]
        if not label:
            continue
        if origins[r] is not None and origins[r] == previous[0]:
            out[r] = previous[1]
            continue
        mark = list_mark(label)
        if mark is None:
            open_levels, path = [], [label]
        else:
            if mark not in ranks:
                ranks.append(mark)
            depth = ranks.index(mark) + 1
            open_levels = [level for level in open_levels if level[0] < depth]
            path = [text for _, text in open_levels] + [label]
            open_levels.append((depth, label))
        out[r] = LABEL_PATH_SEPARATOR.join(path)
        previous = (origins[r], out[r])
    return out


LABEL_FOOTNOTE = re.compile(r"(?<=[가-힣)])(?P<mark>\d{1,2}\))$")
"""A footnote mark printed right after a label (`경상수입1)`, the `1)` in small raised type): a reference
to a note under the table, not part of the name."""


def split_footnote(label: str) -> tuple[str, str | None]:
    """A label part without the footnote mark closing it, and the mark (`경상수입1)` -> `경상수입`, `1)`);
    a bracket the mark would leave open (`(지원2)`) is the label's own text."""
    match = LABEL_FOOTNOTE.search(label)
    if not match:
        return label, None
    name = label[: match.start()]
    if not name.strip() or name.count("(") != name.count(")"):
        return label, None
    return name, match.group("mark")


def without_footnotes(label: str | None) -> tuple[str | None, str | None]:
    """A label path with each part's closing footnote mark taken off, and the innermost mark taken."""
    if not label:
        return label, None
    parts, mark = [], None
    for part in label.split(LABEL_PATH_SEPARATOR):
        name, found = split_footnote(part)
        parts.append(name)
        mark = found or mark
    return LABEL_PATH_SEPARATOR.join(parts), mark


def label_parts(label: str | None) -> list[str]:
    """The parts of a label path, without list marks (a new list: callers may change it)."""
    return list(_label_parts(label))


@lru_cache(maxsize=4096)  # every extractor and check asks it for each cell of a row: the same paths
def _label_parts(label: str | None) -> tuple[str, ...]:
    return tuple(part for part in map(strip_bullets, (label or "").split(LABEL_PATH_SEPARATOR)) if part)


def _labels_a_column(text: str) -> bool:
    """Text that can be a column label printed inside a table's body: one word without digits (`비용`,
    `할인율(%)`), not a value, a placeholder (`-`, `해당없음`), a phrase (`설계용역 착수`, a text target in a
    KPI row) or a count (`방문 60개소`)."""
    text = text.strip()
    return (
        0 < len(text) <= SUBHEADER_MAX_CHARS
        and not any(ch.isspace() or ch.isdigit() for ch in text)
        and text not in PLACEHOLDERS
        and any(ch.isalpha() for ch in text)
    )


def _repeats_head(table: Table, cells: list[Cell]) -> bool:
    """Whether a body row opens with the top header's first label (`분야` over a second band of 분야 names,
    `일반·지방 행정 | 공공질서 및 안전 | …`): a header printed again, every text cell of it a column label."""
    first = min(cells, key=lambda c: c.col, default=None)
    heads = [c for c in table.cells if c.is_header and c.row < table.header_rows and c.col == 0]
    return (
        first is not None
        and first.col == 0
        and any(compact(first.text) and compact(first.text) == compact(h.text) for h in heads)
    )


def subheader_labels(table: Table) -> dict[tuple[int, int], str]:
    """Column labels printed inside the body, for the value cells under them: (row, col) -> label.

    A body row (not the first one) with no value and two or more one-word label cells is a sub-header when the
    next row with values has at least two of them and every one sits exactly under one of its cells,
    same column and width: a form's `적용여부 | 비용 | 편익 | 연간균등순비용` over `미적용 | 28.43 | 0 | 3.59`
    (the 규제 개요 form, one ruled grid with no meaningful top header), or the header of a second table
    ruled onto the first. It labels the value cells of the rows below while each of their values sits
    under one of its cells; a row with a value elsewhere ends it. The top header's label of such a column
    is a different table's or a form's title, so the sub-header replaces it. A row opening with the top
    header's first label is such a header too, whatever its labels (`분야 | 일반·지방 행정 | …`)."""
    by_row: dict[int, list[Cell]] = {}
    for cell in table.cells:
        if not cell.is_header and cell.row >= table.header_rows:
            by_row.setdefault(cell.row, []).append(cell)
    labels: dict[tuple[int, int], str] = {}
    active: dict[tuple[int, int], str] = {}
    confirmed = False
    for r in range(table.header_rows, table.n_rows):
        cells = by_row.get(r, [])
        if not active and any(is_value(c.text) for c in cells):
            continue  # values under no body header: nothing to label, no header to end
        values = [c for c in cells if is_value(c.text)]
        if not values:
            repeated = _repeats_head(table, cells)
            names = [c for c in cells if (repeated and c.text.strip()) or _labels_a_column(c.text)]
            if r > table.header_rows and len({c.text for c in names}) >= MIN_SUBHEADER_VALUES:
                active, confirmed = {(c.col, c.col_span): c.text for c in names}, False
            elif any((c.col, c.col_span) in active and c not in names for c in cells):
                active, confirmed = {}, False  # text under its columns (`6위`, a text target): no header
            continue
        aligned = all((c.col, c.col_span) in active for c in values)
        if not aligned or (not confirmed and len(values) < MIN_SUBHEADER_VALUES):
            active, confirmed = {}, False
            continue
        confirmed = True
        for c in values:
            labels[(c.row, c.col)] = active[(c.col, c.col_span)]
    return labels


def inline_row_labels(table: Table, stub: int | None = None) -> dict[tuple[int, int], str]:
    """Row labels printed inside a body row, for the values right of them: (row, col) -> label.

    A row that goes on after its first value with a one-word label and another value (`기업순비용 |
    1,638.89 | 연간균등순비용 | 216.44`) holds two label:value pairs: 216.44 is the 연간균등순비용, not the
    기업순비용, whatever column it stands in. The label is the only text of its column: in a column of
    names (`관광정책과` under 소관) each is data about its row. `stub`: the table's `stub_width`, when the
    caller has it."""
    stub = stub if stub is not None else stub_width(table)
    by_row: dict[int, list[Cell]] = {}
    texts_in: dict[int, int] = {}
    for cell in table.cells:
        if not cell.is_header and cell.row >= table.header_rows and cell.col >= stub:
            by_row.setdefault(cell.row, []).append(cell)
            if cell.text.strip() and not is_value(cell.text):
                texts_in[cell.col] = texts_in.get(cell.col, 0) + 1
    labels: dict[tuple[int, int], str] = {}
    singles = {col for col, n in texts_in.items() if n == 1}
    for cells in by_row.values():
        if not any(cell.col in singles for cell in cells):
            continue  # no column of the row has one text only: no label in it
        label: str | None = None
        seen_value = False
        for cell in sorted(cells, key=lambda c: c.col):
            if is_value(cell.text):
                if label:
                    labels[(cell.row, cell.col)] = label
                seen_value = True
            elif seen_value and cell.col in singles and _labels_a_column(cell.text):
                # the one text of a column of figures or blanks: not a column of names (`소관 부서`)
                label = cell.text.strip()
            elif cell.text.strip():
                label = None
    return labels


ARROW_HEAD = re.compile(
    rf"^(?P<name>[^()（）]+?)\s*[(（]\s*(?P<first>[^()（）{ARROW_CHARS}]+?)\s*{ARROW}"
    rf"\s*(?P<second>[^()（）{ARROW_CHARS}]+?)\s*[)）]$"
)
"""`성 과 지 표 (’24년 →’25년)`: a head over an indicator and its values of two years."""


def arrow_head_labels(table: Table, grid: list[list[str]] | None = None) -> dict[tuple[int, int], str]:
    """Column paths under a head `X (Y1 → Y2)` spanning an indicator column and two value columns:
    (row, col) -> `X <indicator> Y1` for the first value, `… Y2` for the second, the indicator being the
    text the row prints in the head's first columns (`이용률(%)`: the values are 성과지표 이용률(%) ’24년 and
    ’25년); without an indicator, `X Y1` and `X Y2`. `grid`: the table's `filled_grid`, when the caller
    has it."""
    labels: dict[tuple[int, int], str] = {}
    grid = grid if grid is not None else filled_grid(table)
    for head in table.cells:
        match = ARROW_HEAD.match(head.text.strip()) if head.is_header and head.col_span >= 2 else None
        if match is None or find_year(match["first"]) is None or find_year(match["second"]) is None:
            continue
        first, second = head.col + head.col_span - 2, head.col + head.col_span - 1
        if second >= table.n_cols:
            continue
        for r in range(table.header_rows, table.n_rows):
            named = [grid[r][c] for c in range(head.col, first) if grid[r][c] and not is_value(grid[r][c])]
            indicator = " ".join(dict.fromkeys(named))
            for col, year in ((first, match["first"]), (second, match["second"])):
                labels[(r, col)] = " ".join(p for p in (match["name"], indicator, year) if p)
    return labels


SIBLING_ORG_SHARE = 0.5
"""An axis whose labels name org units in more than this share names units with all its labels."""
NOT_UNIT_WORDS = ("기타", "공통", "비고", "구분", "본청")
"""Labels beside org units that are no unit (`기타`, `공통`): never taken as one of the siblings."""


def sibling_orgs(labels: Iterable[str | None], is_org: Callable[[str | None], bool]) -> set[str]:
    """The labels of one axis (a header row, the labels at one depth of the row paths) that name org
    units, compact: every label of the axis when most of them do by their ending (`클래식 부산` and
    `전국체전기획단` beside `문화예술과`, `시립박물관`: a table by unit prints its other units too, though not
    every name ends in a unit word). Totals, years, funding sources, measures and `NOT_UNIT_WORDS` are
    never units. Empty when the axis is not one of org units."""
    candidates = {
        compact(label)
        for label in labels
        if label
        and not is_total_label(label)
        and not find_year(label)
        and not funding_source(label)
        and not measure_of(label)
        and compact(label) not in NOT_UNIT_WORDS
    }
    named = {text for text in candidates if is_org(text)}
    if len(named) < 2 or len(named) <= SIBLING_ORG_SHARE * len(candidates):
        return named
    return candidates
