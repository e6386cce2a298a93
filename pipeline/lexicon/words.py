"""Domain words every stage looks for in labels, captions and prose: data, not code.

The one definition of a total, of a funding source, of a measure and of a placeholder for the whole
product: extractors and checks read the same tables, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


def any_word(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose `search(text)` finds one of the words as printed: the test `any(w in text for w in
    words)` in one scan of the text, not a generator step per word (labels are tested per cell)."""
    alternatives = [re.escape(word) for word in words]
    return re.compile("|".join(alternatives) if alternatives else "(?!)")  # no word: never found


TOTAL_RANKS: tuple[tuple[str, int], ...] = (
    ("총계", 4),
    ("총", 4),
    ("합계", 3),
    ("총액", 3),
    ("소계", 2),
    ("계", 1),
)
"""Total words and how many levels of parts they sum over (a 총계 sums 합계s, a 합계 sums 소계s ...).
A label that is one of them, ends in one of the longer ones (`민간위탁금 총계`), or ends in a bracketed
`(계)` (`인건비(계)`) names a total; a bare `계` ending (`회계`, `설계`) does not."""

TOTAL_WORDS = tuple(word for word, _ in TOTAL_RANKS)

METROPOLITAN_CITIES = ("서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종")
"""특별시·광역시·특별자치시: their own money is 시비 in their reports (`부산시`, `광역시비`)."""
PROVINCES = (
    "경기",
    "강원",
    "충북",
    "충남",
    "전북",
    "전남",
    "경북",
    "경남",
    "제주",
    "충청북",
    "충청남",
    "전라북",
    "전라남",
    "경상북",
    "경상남",
)
"""도 and 특별자치도: their money is 도비 (`경기도`, `도비`, `경남도비`)."""

FUNDING_SOURCES: dict[str, str] = {
    "국비": "국비",
    "국고": "국비",
    "국고보조금": "국비",
    "국": "국비",
    "정부": "국비",
    "중앙정부": "국비",
    "國": "국비",
    "기금": "기금",
    "국가기금": "기금",
    "지방비": "지방비",
    "시도비": "시비",
    "시비": "시비",
    "시": "시비",
    "市": "시비",
    "특별시비": "시비",
    "광역시비": "시비",
    "특별자치시비": "시비",
    **{
        f"{city}{suffix}": "시비"
        for city in METROPOLITAN_CITIES
        for suffix in ("시", "시비", "특별시", "광역시")
    },
    "도비": "도비",
    "도": "도비",
    "道": "도비",
    "특별자치도비": "도비",
    **{f"{province}{suffix}": "도비" for province in PROVINCES for suffix in ("도", "도비")},
    "구비": "구비",
    "시군구비": "구비",
    "구": "구비",
    "區": "구비",
    "군비": "군비",
    "군": "군비",
    "郡": "군비",
    "시군비": "군비",
    "자체": "자체",
    "자체재원": "자체",
    "자체예산": "자체",
    "자체수입": "자체",
    "민간": "민간",
    "민자": "민간",
    "민간자본": "민간",
    "자부담": "민간",
    "기타": "기타",
}
"""Printed funding-source word (spaces removed) -> canonical 재원, in tables and in prose breakdowns, for
every level: 국비 / 기금 (national), 시비 (특별시·광역시, `부산시`, `광역시비`), 도비 (`경기도`), 구비, 군비
(시·군·구), 지방비, 자체, 민간, 기타. A 시 of a 도 prints its own money as 시비 too: the level is the
report's, not the word's."""

PLACEHOLDER_MARKS = frozenset({"-", "－", "―", "—", "–", "·", "…"})
"""Marks printed in a number's place; a column of them and numbers is still a column of numbers."""
NONE_MARKS = frozenset({"-", "－", "―", "—", "–"})
"""Dashes printed in a count's place: none of it (0) where the count beside it (현원 of a 정원) is printed."""
PLACEHOLDER_WORDS = frozenset(
    {"x", "X", "비예산", "집계중", "추후공모", "해당없음", "미정", "미확정", "없음", "N/A"}
)
"""Words printed in a number's place to say there is none (compared with spaces removed)."""
PLACEHOLDERS = PLACEHOLDER_MARKS | PLACEHOLDER_WORDS

MEASURES: dict[str, str] = {
    "예산액": "a budget amount (예산, 예산액, a year's 예산(A))",
    "본예산": "the budget as first passed (본예산, 당초예산)",
    "추경": "a supplementary budget (추경, 추경예산, 추가경정예산)",
    "예산현액": "budget available (예산현액, 최종예산)",
    "원인행위액": "committed (원인행위액)",
    "지출액": "spent (지출액)",
    "집행액": "executed (집행액, 집행)",
    "실집행액": "actually executed (실집행액, printed in brackets under a 사업설명자료 집행액)",
    "집행잔액": "left unexecuted (집행잔액)",
    "잔액": "remaining (잔액)",
    "증감": "change between two budgets (증감, 증감액, 증감(B-A))",
    "증감률": "change in percent (증감률, 증감율)",
    "결산액": "settled accounts (결산, 결산액)",
    "소요예산": "required budget (소요예산, 소요재원)",
    "사업예산": "a project's budget (사업예산)",
    "총사업비": "total project cost (총사업비)",
    "사업비": "project cost (사업비)",
    "건립비": "construction cost (건립비)",
    "확보금액": "secured (확보금액)",
    "미확보금액": "not yet secured (미확보금액)",
    "조성목표": "fund target (조성목표)",
    "조성액": "fund raised (조성액)",
    "지원금액": "support paid (지원금액, 지원액)",
    "발행요구액": "issue requested (발행요구액)",
    "목표액": "target amount (목표액, 당초목표액)",
    "세입": "revenue as a measure (a 세입 column)",
    "세출": "expenditure as a measure (a 세출 column)",
    "금액": "an amount not named further (금액)",
}
"""The measure vocabulary of budget facts, the same in every document: canonical name -> meaning."""

MEASURE_SYNONYMS: dict[str, str] = {
    "예산현액": "예산현액",
    "최종예산": "예산현액",
    "원인행위액": "원인행위액",
    "지출액": "지출액",
    "집행잔액": "집행잔액",
    "실집행액": "실집행액",
    "집행액": "집행액",
    "집행": "집행액",
    "잔액": "잔액",
    "증감률": "증감률",
    "증감율": "증감률",
    "증감액": "증감",
    "증감": "증감",
    "결산액": "결산액",
    "결산": "결산액",
    "소요예산": "소요예산",
    "소요재원": "소요예산",
    "소요자원": "소요예산",
    "사업예산": "사업예산",
    "총사업비": "총사업비",
    "사업비": "사업비",
    "건립비": "건립비",
    "미확보금액": "미확보금액",
    "확보금액": "확보금액",
    "조성목표": "조성목표",
    "조성액": "조성액",
    "지원금액": "지원금액",
    "지원액": "지원금액",
    "발행요구액": "발행요구액",
    "당초목표액": "목표액",
    "목표액": "목표액",
    "추가경정예산": "추경",
    "추경예산": "추경",
    "추경": "추경",
    "당초예산": "본예산",
    "본예산": "본예산",
    "예산액": "예산액",
    "예산": "예산액",
    "세입": "세입",
    "세출": "세출",
    "금액": "금액",
}
"""Measure word as printed (spaces removed) -> canonical measure (a key of MEASURES); longer words are
tried first."""

DIRECTION_WORDS: dict[str, str] = {"세입": "세입", "수입": "세입", "세출": "세출", "지출": "세출"}
"""Words that say which way money flows: revenue (세입) or expenditure (세출)."""

MONEY_WORDS = (
    "예산",
    "액",
    "금",
    "사업비",
    "세입",
    "세출",
    "비용",
    "재원",
    "국비",
    "시비",
    "도비",
    "구비",
    "군비",
    "경비",
    "자금",
    "결산",
    "수당",
    "급여",
    "보수",
    "회계",
    "기금",
)
"""Words of a column or row label whose numbers are money (`예산액`, `지원액`, `출연금`, `수 출 액`, an
account or fund `일반회계`, `고용보험기금`: its 회 is no count of 회):
with several units annotated (`(단위 : 개소, 백만원)`) they take the money unit."""
COUNT_WORDS = (
    "인원",
    "수",
    "명",
    "건",
    "개소",
    "개",
    "대수",
    "회",
    "가구",
    "세대",
    "곳",
    "기업",
    "업체",
    "참여",
    "인력",
    "정원",
    "현원",
)
"""Words of a label whose numbers count things (`참여기업 수`, `지원 인원`, `개소`): the count unit.
The counter 대 counts only as `대수`: alone it is inside too many words (`대상`, `확대`, `대비`)."""
COUNTERS = (
    "명",
    "개",
    "건",
    "회",
    "어절",
    "종",
    "점",
    "곳",
    "개소",
    "개사",
    "팀",
    "가구",
    "세대",
    "톤",
    "부",
    "권",
    "그루",
    "대",
)
"""Count words printed after a number, also one space after `억`/`만` (`0.31억 어절`, `45만 명`): a count."""

TARGET_WORDS = ("목표",)
PLAN_WORDS = ("목표", "계획")
"""Group words of the planned side of a KPI table (`계획: 대상 인원 · 예산`)."""
ARROW_MARKS = ("→", "⇒", "->", "▶")
"""Between two values of a `’24 실적 → ’25 목표` column."""
ARROW = "(?:" + "|".join(re.escape(mark) for mark in ARROW_MARKS) + ")"
"""A pattern of any one of ARROW_MARKS."""
ARROW_CHARS = "".join(mark for mark in ARROW_MARKS if len(mark) == 1)
"""The one-character marks, for a character class of what a value between arrows cannot hold."""
ACTUAL_WORDS = ("성과", "실적")
ACHIEVEMENT_WORDS = ("달성률", "달성도", "달성율")
RATE_WORDS = ("%", "률", "율", "비율", "비중", "퍼센트")
"""Words of a label whose numbers are percentages (`집행률(%)`, `달성률`, `비중`)."""
RATE_WORD = any_word(RATE_WORDS)
RATE_OR_ACHIEVEMENT_WORD = any_word(RATE_WORDS + ACHIEVEMENT_WORDS)
CHANGE_AGAINST = re.compile(r"(?:전년도?|전월|전기|전분기|당초|최종|목표|계획|예산|\d{2,4}년?)대비$")
"""A head that ends in what its numbers are compared with (`2019 전년 대비`, `’24년 최종 대비`): a change in
%, the rate of a `(단위: 억원, %)` table (`대비` after no such word prepares for something: `재난대비`)."""
SHARE_WORDS = ("%", "구성비", "비율", "비중", "점유율", "백분율")
"""Words that, in brackets after a header (`예산액 (구성비)`), make a bracketed second value a share."""
CURRENCY_WORDS: dict[str, str] = {
    "달러": "USD",
    "불": "USD",
    "유로": "EUR",
    "엔화": "JPY",
    "엔": "JPY",
    "위안화": "CNY",
    "위안": "CNY",
    "USD": "USD",
    "EUR": "EUR",
    "JPY": "JPY",
    "CNY": "CNY",
}
"""Words printed after an amount in another currency (`141.5억 달러`, `98억불`), with its ISO 4217 code:
such an amount is never won."""
CURRENCY_WORD_PARTS = ("불", "엔")
"""Currency words that are also parts of other words (`불용액`, `엔진`): currencies only right after an
amount."""
FOREIGN_CURRENCIES = (*(word for word in CURRENCY_WORDS if word not in CURRENCY_WORD_PARTS), "$")
"""Money in another currency named in a caption or unit (`(억 달러, %)`): amounts, never counts of a KPI,
and never converted to won; found anywhere in the text, so without CURRENCY_WORD_PARTS."""
SERIAL_HEADERS = frozenset({"연번", "순번", "번호", "일련번호", "no", "no.", "순"})
"""Headers of a column of item numbers (`연번` over 1, 2, 3): labels of the rows, never counts."""
IDENTIFIER_HEAD = re.compile(r"(?:코드|번호|id|ID)$")
"""What a label ends with when its cells are identifiers, not quantities: `코드` (사업 코드 080, 1043),
`번호` (전화번호, 고유번호), `ID`."""
ZERO_PADDED = re.compile(r"^0\d+$")
"""A number printed with leading zeros (`080`, `0012`): a code; no report pads a quantity."""
REMAINDER_WORDS = ("잔액",)
AUTHORIZED_WORDS = ("정원",)
CURRENT_WORDS = ("현원",)
STAFF_CLASS = re.compile(r"^(?:[가-힣]{2,4}직|임기제|\d{1,2}급)$")
"""A staff class named before or inside a headcount (`연구직 현원 124명`, `(연구직 131, 일반직 22)`):
일반직, 연구직, 별정직, 임기제, 4급: a category of the unit's staff, not an org (`조직` is too short)."""
CHART_STAFF_NOTE = re.compile(r"[(（]\s*[)）]\s*(?:안의\s*숫자는|안은|는|은)?\s*(?P<side>정\s*원|현\s*원)")
"""An org chart's note saying what the bracketed staff beside each unit are (`※( )는 정원`)."""
LEGAL_FORMS = re.compile(r"[(（](?:재|사|주|유|학|의)[)）]|[㈜㈔㈐]|주식회사|재단법인|사단법인")
"""Marks of a legal form around a name (`(재)부산문화재단`, `아시아드CC㈜`): not part of the name."""
RESULT_WORDS = ("성과", "실적", "결과")
"""Keys of a prose line giving what was achieved (`- (성과) 5조 8,131억원 징수`)."""
TARGET_KEYS = ("목표", "목표액", "목표치")
"""Keys of a prose line giving a target (`❍ 목 표 : 4,400건`, `- (목표) 5조 5,818억원`); not 계획 (a plan's
dates and steps) and not a longer word (`사업목표 : 총 16개소 설치 ※ …` is a description)."""
HEADCOUNT_LABEL_WORDS = ("정ᆞ현원", "정·현원", "정원", "현원", "인력", "인원", "(명)", "명")
"""Words of a label that say the numbers are staff, not which staff: `정원 / 현원`, `인력(명) 정원` name no
category once these (and brackets and slashes) are removed."""
ORG_HEADER_WORDS = ("기관명", "기관", "부서명", "부서", "소속", "과명", "실국", "단체명", "시설명", "명칭")
"""Column headers whose cells name an organisation (`기관명` -> `벡스코`): the org of the row's staff."""
ORG_HEADER_WORD = any_word(ORG_HEADER_WORDS)
PERSON_HEADER_WORDS = (
    "대표자",
    "대표",
    "성명",
    "이름",
    "기관장",
    "이사장",
    "원장",
    "사장",
    "담당자",
    "책임자",
)
"""Column headers whose cells are people's names: never a staff category, never an org."""

ORG_SUFFIXES = (
    "담당관",
    "기획관",
    "정책관",
    "협력관",
    "사업소",
    "사무소",
    "박물관",
    "미술관",
    "역사관",
    "과학관",
    "도서관",
    "연구원",
    "진흥원",
    "기획단",
    "추진단",
    "센터",
    "본부",
    "재단",
    "공단",
    "실",
    "국",
    "과",
    "팀",
)
"""Endings of org-unit names. Not a bare 관 or 원: 서기관, 연구관, 정원 are grades and headcounts."""
ISSUER_SUFFIXES = (*ORG_SUFFIXES, "구청", "시청", "공사")
"""Endings of the issuing office a cover line names (`해운대구청`, `부산교통공사`)."""
OFFICE_SUFFIXES = (*ISSUER_SUFFIXES, "부", "처", "청", "원", "위원회")
"""Endings of a reporting office's name as a report's title prints it (`고용노동부`, `국립국어원`): bare
부 and 원 are safe there, where no grade or headcount is named."""


NOT_ORG_WORDS = frozenset(
    {
        "결과",
        "효과",
        "성과",
        "통과",
        "초과",
        "경과",
        "부과",
        "사과",
        "전국",
        "각국",
        "외국",
        "결국",
        "중국",
        "한국",
        "미국",
        "사실",
        "현실",
        "내실",
        "부실",
        "충실",
        "손실",
        "확실",
        "과실",
        "실과",
    }
)
"""Words with an org ending that are not org units (`추진결과`, `전국`): a title naming them names no org."""


RATIO_FORMULA = re.compile(r"(?:^|\s)(?:\(\s*[A-Z]\s*[-+]\s*[A-Z]\s*\)|[A-Z])\s*/\s*[A-Z]\s*$")
"""A column head that is a ratio of lettered columns, unbracketed at its end: `(B-A)/A` under 증감 beside
`(B-A)` (a rate in %), `B/A`; a bracketed `(A/B)` after a word names two columns, not a ratio."""


def is_ratio_head(label: str | None) -> bool:
    """Whether a column label ends in a ratio formula of lettered columns (`증감 (B-A) (B-A)/A`)."""
    return bool(RATIO_FORMULA.search(label or ""))


@lru_cache(maxsize=4096)  # asked per cell with its column's (or row's) label
def quantity_kind(label: str | None) -> str | None:
    """`rate`, `money` or `count`: what a label's numbers are, by its words (rate words first: `집행률` is
    a rate though it holds `집행`; the last word decides between money and count: `사업비 지원 건수` counts).
    None when the label says neither."""
    text = compact(label)
    text = text.split(">")[-1] if ">" in text else text
    text = text.split("(")[0] or text
    if not text:
        return None
    if RATE_OR_ACHIEVEMENT_WORD.search(text) or is_ratio_head(label) or CHANGE_AGAINST.search(text):
        return "rate"
    money = max((text.rfind(w) + len(w) for w in MONEY_WORDS if w in text), default=-1)
    count = max((text.rfind(w) + len(w) for w in COUNT_WORDS if w in text), default=-1)
    if money < 0 and count < 0:
        return None
    return "money" if money >= count else "count"


@lru_cache(maxsize=8192)  # asked of the same labels by every extractor, cell by cell
def compact(text: str | None) -> str:
    """Text with all whitespace removed, for matching words in spaced-out labels."""
    return "".join((text or "").split())


@lru_cache(maxsize=4096)  # asked per cell with its row's and column's labels
def is_identifier_head(label: str | None) -> bool:
    """A label (the innermost part of a path) that heads identifiers: `코드`, `사업 코드`, `전화번호`."""
    core = compact(label).split(">")[-1]
    return bool(IDENTIFIER_HEAD.search(re.sub(r"\(.*?\)$", "", core)))


def is_identifier(text: str, row_label: str | None, col_label: str | None) -> bool:
    """A cell holding a code or number that identifies something (a row or column headed `코드`, `번호`;
    a zero-padded number `080`): no quantity, whatever the table's unit."""
    return (
        is_identifier_head(col_label)
        or is_identifier_head(row_label)
        or bool(ZERO_PADDED.match(text.strip()))
    )


@lru_cache(maxsize=4096)  # asked per cell with its column's label
def is_serial_header(label: str | None) -> bool:
    """A column label that heads item numbers (`연 번`, `No.`)."""
    return compact(label).lower() in SERIAL_HEADERS


@lru_cache(maxsize=4096)
def total_rank(label: str | None) -> int | None:
    """How high a total the label (or the innermost part of a label path) names: 총계 4 ... 계 1;
    None for a part."""
    core = compact(label).split(">")[-1].strip("()[]")
    if not core:
        return None
    for word, rank in TOTAL_RANKS:
        if core == word:
            return rank
    for word, rank in TOTAL_RANKS:
        if len(word) > 1 and core.endswith(word):
            return rank
    return 1 if core.endswith(("(계", "[계")) else None


def is_total_label(label: str | None) -> bool:
    """A label naming a total: `계`, `합 계`, `민간위탁금 총계`, `인건비(계)`, `소계`."""
    return total_rank(label) is not None


@lru_cache(maxsize=4096)  # asked for every label of a budget table's rows and columns, cell by cell
def funding_source(label: str | None) -> str | None:
    """The canonical funding source a label names, or None."""
    text = compact(label).strip("()")
    return FUNDING_SOURCES.get(text)


NOT_MEASURE_WORDS = ("세입세출외",)
"""Names that hold a measure word but name an account (세입세출외: the cash kept outside the budget's revenue
and expenditure, a column of 통합재정통계 beside 일반회계 and 특별회계), not what its figures measure."""


MEASURE_WORD = re.compile("|".join(map(re.escape, sorted(MEASURE_SYNONYMS, key=len, reverse=True))))
"""Any measure word, the longer first: its leftmost match is the word printed first, and of two starting
there the longer (`예산현액` over `예산`), in one scan of the label."""


@lru_cache(maxsize=4096)  # asked per cell with its row's and column's labels: the same ones again and again
def measure_of(*labels: str | None) -> str | None:
    """The measure the first label naming one names, canonicalized; within a label the word printed first
    wins (`연도별 예산 및 집행 현황` -> 예산액), the longer of two at one place (`예산현액` over `예산`); an
    account named with a measure word (`세입 세출외`) names none."""
    for label in labels:
        text = compact(label)
        for word in NOT_MEASURE_WORDS:
            text = text.replace(word, "")
        found = MEASURE_WORD.search(text)
        if found:
            return MEASURE_SYNONYMS[found.group()]
    return None


@lru_cache(maxsize=4096)
def has_word(label: str | None, words: tuple[str, ...]) -> bool:
    text = compact(label)
    return any(w in text for w in words)

CONTENTS_WORDS = ("목차", "차례", "contents")
"""A table headed by one of these (spaces removed, any case) is a table of contents, whatever words its
entries share with KPI or budget tables (`Ⅱ. 2024년 주요성과 ···· 5`)."""
