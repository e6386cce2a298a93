"""What a printed cell looks like (a value, a header word, empty): the vocabulary of table-shape rules."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.lexicon.words import COUNTERS, PLACEHOLDER_MARKS

_NUMBER = r"[△▲+\-－]?\s*\d[\d,]*(?:\.\d+)?"

PURE_NUMERIC = re.compile(r"^[\s△▲+\-－(（\[]*\d[\d,.\s/()（）\[\]%‰]*$")
"""Digits, separators, signs, brackets and % only: `1,370,315`, `64.96%`, `27(27)`, `29/28`, `(1,751)`,
`[341,802]` (실집행액 in square brackets under 집행액)."""

NUMERIC_START = re.compile(rf"^[(（]?{_NUMBER}")
"""Starts with a number, whatever follows: `45개업체`, `1,525명`, `4급`, `2층`."""

YEAR_PERIOD_WORDS = ("계획", "예산", "결산", "실적", "목표", "정부안", "확정", "전망", "예정", "추경")
"""Words a year is glued to in a column head (`2024계획`): what the column's figures are for that year."""

YEAR_LABEL = re.compile(
    rf"^[’'‘`]?\d{{2,4}}\s*년|^(?:19|20)\d{{2}}\s+[가-힣]|^(?:19|20)\d{{2}}(?:{'|'.join(YEAR_PERIOD_WORDS)})"
    r"|^(?:19|20)\d{2}\s*[(（][가-힣]{1,4}[)）]$"
)
"""A year used as a column label: `2021년`, `’19년`, `2022년(예정)`, `2025 예산 (A)`, `2024계획`,
`2024(안)`."""

VALUE_WITH_COUNTER = re.compile(r"^[△▲\-－]?\s*\d[\d,]*(?:\.\d+)?\s*(?P<counter>[^\d\s]{1,4})(?:\s*\(.*\))?$")
"""A number followed by a short counter: `1,525명`, `10회`, `320,793천원`, `6회 (34명)`."""

BOUND_WORDS = ("이내", "이하", "이상", "미만", "초과", "내외")
"""Words a count is bounded by, a space after its counter (`1,660명 이내`): the number is still the value."""
BOUNDED_COUNT = re.compile(rf"^{_NUMBER}\s*(?:{'|'.join(COUNTERS)})\s+(?:{'|'.join(BOUND_WORDS)})$")
"""A count with its counter and a bound (`1,660명 이내`, `30개소 이상`): a value. An amount so bounded
(`호당 평균` / `95백만원 이하`, lines of one cell) is not: a value line would split such a cell in two."""

_BRACKETED_NUMBER = r"[(（\[][^()（）\[\]]*\d[^()（）\[\]]*[)）\]]"
VALUE_WITH_SECOND = re.compile(
    rf"^(?!(?:19|20)\d{{2}}\D){_NUMBER}\s*(?P<counter>[^\d\s()（）\[\]]{{1,4}})?\s*{_BRACKETED_NUMBER}$"
)
"""A number with a second one in brackets on the next line, joined: `6 (76,559기)`, `1 (화장로 15기)`,
`341,802 [341,802]`; not a year with a date in brackets (`2023(’22.12월말)`, a column head)."""

BIG_UNIT_COUNT = re.compile(rf"^{_NUMBER}\s*[만억조]\s+(?:{'|'.join(COUNTERS)})(?![가-힣])\s*(?:\(.*\))?$")
"""A count in 만/억 with its count word one space on: `0.31억 어절`, `45만 명` (as `20.3억어절` glued)."""

ORDINAL_COUNTERS = frozenset(
    {
        "급",
        "관",
        "층",
        "차",
        "호",
        "번",
        "위",
        "등",
        "단계",
        "등급",
        "기",
        "분기",
        "월",
        "일",
        "년",
        "회차",
        "팀",
        "과",
        "동",
    }
)
"""Counters that name a thing (`4급`, `1관`, `2층`) rather than count it: such cells are labels."""

VALUE_STARTS = frozenset("’'‘`△▲+-－(（[")
"""What a value or a year label can start with besides a digit (the patterns above, after strip):
a cell starting otherwise (`구분`, `세부사업`) is a label without trying them."""

RANGE_SUFFIX = re.compile(r"(?:이하|이상|미만|초과|p|P)$")
"""`6급이하`, `5급이상`, `7월p` (잠정, preliminary): still a grade or a month, a label."""


@lru_cache(maxsize=4096)  # every label function asks it of the same cells of a table again
def is_value(text: str) -> bool:
    """A cell that carries a data value rather than a label (years and `1관`-style labels excluded)."""
    text = text.strip()
    if not text or not (text[0] in VALUE_STARTS or text[0].isdecimal()) or YEAR_LABEL.match(text):
        return False
    if PURE_NUMERIC.match(text) or BIG_UNIT_COUNT.match(text) or BOUNDED_COUNT.match(text):
        return True
    second = VALUE_WITH_SECOND.match(text)
    if second and RANGE_SUFFIX.sub("", second.group("counter") or "") not in ORDINAL_COUNTERS:
        return True
    match = VALUE_WITH_COUNTER.match(text)
    return match is not None and RANGE_SUFFIX.sub("", match.group("counter")) not in ORDINAL_COUNTERS


def is_numeric_like(text: str) -> bool:
    """A cell that starts with a number or is a placeholder: used to type whole columns."""
    text = text.strip()
    return bool(text) and (text in PLACEHOLDER_MARKS or bool(NUMERIC_START.match(text)))


def is_headerish_row(cells: list[str]) -> bool:
    """A row with some text and no data value in it."""
    return any(c.strip() for c in cells) and not any(is_value(c) for c in cells)


def key_value_rows(cells: list[tuple[int, int, int, int, str]], header: int) -> bool:
    """Whether the rows guessed as a header of two rows or more are `key | value` rows of a form with no
    header (`(정량)영향집단명 | 구내운반차를 사용하는 사업장` / `활동제목 | …` / `비용항목 | 기타` over
    `비용 | 87,629,660`): a two-column table whose rows above its first number each hold a key of their
    own in the first column, no cell spanning rows or columns. A header of several levels spans (`유 형`
    over two columns, `구 분` over two rows). `cells` are (row, col, row_span, col_span, text)."""
    if header < 2 or 1 + max((col + col_span - 1 for _, col, _, col_span, _ in cells), default=0) != 2:
        return False
    top = [cell for cell in cells if cell[0] < header]
    if any(row_span > 1 or col_span > 1 for _, _, row_span, col_span, _ in top):
        return False
    keys = [text.strip() for row, col, _, _, text in top if col == 0 and text.strip() and not is_value(text)]
    return len(set(keys)) == header
