"""Render sample report content to PDF fixtures with a Korean font (reportlab + Debian's fonts-nanum).

Each fixture is written twice: as a PDF under tests/fixtures/pdf/ and as the tab-separated text it was
rendered from (same name, .txt), so a test can compare the PDF's cells with the text's cells one by one.
Also writes the bad PDFs of tests/fixtures/bad/ (encrypted, truncated, image-only).

CI does not run this: it reads the committed files. To run it (outside the project's environment):
    apt-get install fonts-nanum && python -m venv /tmp/render && /tmp/render/bin/pip install reportlab pypdf
    /tmp/render/bin/python scripts/render_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "pdf"
BAD = ROOT / "tests" / "fixtures" / "bad"
FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
PAGE_W, PAGE_H = A4
MARGIN = 50.0
ROW_H = 18.0
SIZE = 9.0

# 000 lines 69-94: the 2023 budget of 서울주얼리지원센터 (단위 : 천원), amount columns only.
BUDGET_000 = [
    ["구분", "예산액", "집행액", "잔액"],
    ["민간위탁금 총계", "1,370,315", "890,183", "480,132"],
    ["인건비(계)", "410,756", "298,143", "112,613"],
    ["기본급", "319,390", "252,297", "94,839"],
    ["제수당", "27,746", "-", "-"],
    ["연장근무수당", "11,509", "-", "-"],
    ["연차수당", "7,117", "-", "-"],
    ["부가연봉", "3,600", "-", "-"],
    ["가족수당", "3,120", "-", "-"],
    ["기타수당", "2,400", "-", "-"],
    ["퇴직충당금", "26,676", "19,660", "7,016"],
    ["보험료", "36,942", "26,186", "10,756"],
    ["국민건강보험료", "12,309", "-", "-"],
    ["국민연금보험료", "15,625", "-", "-"],
    ["산업재해보험", "3,437", "-", "-"],
    ["고용보험료", "3,993", "-", "-"],
    ["노인장기요양보험", "1,576", "-", "-"],
    ["운영비(계)", "148,965", "82,411", "66,554"],
    ["일반운영비", "22,106", "14,370", "7,736"],
    ["시설관리비", "126,858", "68,041", "58,817"],
    ["사업비(계)", "810,594", "509,629", "300,965"],
    ["산업지원", "424,400", "352,444", "71,956"],
    ["전시·공유공간 운영", "136,000", "82,395", "53,605"],
    ["시민참여프로그램", "210,194", "51,943", "158,251"],
    ["감정지원", "40,000", "22,847", "17,153"],
]

# 001 lines 31-44: 인력현황 (정원/현원), the 여성 column left out.
HEADCOUNT_001 = [
    ["구분", "합계", "일반직", "임기제", "별정직", "학예연구"],
    ["계", "269/259", "233/230", "31/25", "1/1", "1/1"],
    ["경제정책과", "35/36", "26/31", "8/5", "-", "-"],
    ["일자리정책과", "29/28", "26/25", "3/3", "-", "-"],
    ["창업정책과", "25/25", "25/24", "-", "-", "-"],
    ["뷰티패션산업과", "27/24", "25/23", "1/1", "-", "-"],
    ["미디어콘텐츠산업과", "16/15", "16/15", "-", "-", "-"],
    ["국제협력과", "31/29", "19/19", "10/8", "1/1", "-"],
    ["캠퍼스타운활성화과", "17/16", "17/16", "-", "-", "-"],
    ["전략산업기반과", "27/26", "25/24", "1/1", "-", "1/1"],
    ["금융투자과", "24/23", "21/20", "3/3", "-", "-"],
    ["바이오AI산업과", "20/20", "20/20", "-", "-", "-"],
    ["서울시립과학관", "18/17", "13/13", "5/4", "-", "-"],
]

# 002 lines 176-182 and 400-404: 소요예산 by 재원 and year (단위 : 천원).
FUNDING_002_A = [
    ["재원별", "합계", "2020년", "2021년", "2022년", "2023년"],
    ["계", "766,023", "81,230", "320,793", "182,000", "182,000"],
    ["국비", "120,000", "-", "120,000", "-", "-"],
    ["시비", "12,904", "-", "12,904", "-", "-"],
    ["구비", "626,433", "81,230", "181,203", "182,000", "182,000"],
    ["민간", "6,686", "-", "6,686", "-", "-"],
]
FUNDING_002_B = [
    ["재원별", "합계", "2020년", "2021년", "2022년", "2023년"],
    ["계", "1,767,600", "519,340", "408,260", "420,000", "420,000"],
    ["시비", "1,030,000", "410,000", "200,000", "210,000", "210,000"],
    ["구비", "737,600", "109,340", "208,260", "210,000", "210,000"],
]

# 001 lines 89-105: 예산 by 과 (단위 : 백만원), long enough to cross a page break when repeated.
BUDGET_001 = [
    ["구분", "예산현액", "원인행위액", "지출액"],
    ["계", "706,246", "484,788", "443,084"],
    ["경제정책과", "134,534", "108,131", "101,867"],
    ["일자리정책과", "252,250", "162,193", "159,338"],
    ["창업정책과", "41,862", "33,347", "32,908"],
    ["뷰티패션산업과", "66,492", "47,013", "37,913"],
    ["미디어콘텐츠산업과", "29,573", "18,313", "11,855"],
    ["국제협력과", "8,621", "6,247", "6,093"],
    ["캠퍼스타운활성화과", "40,346", "40,100", "39,770"],
    ["전략산업기반과", "9,848", "7,620", "6,145"],
    ["금융투자과", "26,003", "15,553", "15,045"],
    ["바이오AI산업과", "94,482", "43,295", "29,588"],
    ["서울시립과학관", "2,236", "1,639", "1,140"],
]


class Page:
    """A cursor over a canvas: text lines and tables top to bottom, new pages as needed."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = PAGE_H - MARGIN
        canvas.setFont("Nanum", SIZE)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.canvas.setFont("Nanum", SIZE)
        self.y = PAGE_H - MARGIN

    def text(self, line: str, size: float = SIZE) -> None:
        if self.y < MARGIN + ROW_H:
            self.new_page()
        self.canvas.setFont("Nanum", size)
        self.canvas.drawString(MARGIN, self.y - size, line)
        self.canvas.setFont("Nanum", SIZE)
        self.y -= size + 8

    def table(
        self,
        rows: list[list[str]],
        widths: list[float],
        ruled: bool,
        x: float = MARGIN,
        repeat_header: bool = True,
    ) -> None:
        """Draw rows; a page break repeats the header row, as reports do."""
        for index, row in enumerate(rows):
            if self.y - ROW_H < MARGIN:
                self.new_page()
                if repeat_header and index > 0:
                    self._row(rows[0], widths, ruled, x)
            self._row(row, widths, ruled, x)
        self.y -= 10

    def _row(self, row: list[str], widths: list[float], ruled: bool, x: float) -> None:
        top = self.y
        for text, width in zip(row, widths, strict=True):
            if ruled:
                self.canvas.rect(x, top - ROW_H, width, ROW_H, stroke=1, fill=0)
            self.canvas.drawString(x + 4, top - ROW_H + 5, text)
            x += width
        self.y -= ROW_H


def tab_text(blocks: list[tuple[list[str], list[list[str]]]]) -> str:
    """The text a fixture was rendered from: its lines, and each table as tab-separated rows."""
    out: list[str] = []
    for before, rows in blocks:
        out += [*before, ""]
        out += ["\t".join(row) for row in rows] + [""]
    return "\n".join(out)


def render(
    name: str,
    blocks: list[tuple[list[str], list[list[str]]]],
    widths: list[list[float]],
    ruled: bool,
    pad_lines: int = 0,
) -> None:
    canvas = Canvas(str(OUT / f"{name}.pdf"), pagesize=A4)
    canvas.setTitle(name)
    page = Page(canvas)
    for k, (before, rows) in enumerate(blocks):
        for line in before:
            page.text(line)
        for _ in range(pad_lines if k == 0 else 0):
            page.text("□ 추진현황 : 세부 내용은 붙임 참조")
        page.table(rows, widths[k], ruled)
    canvas.save()
    text = tab_text(blocks)
    if pad_lines:
        first_before, first_rows = blocks[0]
        padded = first_before + ["□ 추진현황 : 세부 내용은 붙임 참조"] * pad_lines
        text = tab_text([(padded, first_rows), *blocks[1:]])
    (OUT / f"{name}.txt").write_text(text, encoding="utf-8")


def bad_pdfs() -> None:
    """An encrypted PDF, a truncated one and one with no text layer."""
    source = OUT / "ruled_budget.pdf"
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="secret", owner_password="owner")
    with (BAD / "encrypted.pdf").open("wb") as handle:
        writer.write(handle)
    data = source.read_bytes()
    (BAD / "truncated.pdf").write_bytes(data[: len(data) // 3])
    canvas = Canvas(str(BAD / "image_only.pdf"), pagesize=A4)
    for k in range(20):
        canvas.rect(MARGIN + k * 10, 400, 8, 200, stroke=0, fill=1)
    canvas.save()


def main() -> None:
    pdfmetrics.registerFont(TTFont("Nanum", FONT))
    OUT.mkdir(parents=True, exist_ok=True)
    BAD.mkdir(parents=True, exist_ok=True)
    render(
        "ruled_budget",
        [
            (["□ 2023년도 예산", "(2023.9.30. 기준 / 단위 : 천원)"], BUDGET_000),
            (["□ 인력현황 (’22.8.29. 기준)"], HEADCOUNT_001),
        ],
        [[130, 90, 90, 90], [120, 70, 70, 70, 70, 70]],
        ruled=True,
    )
    render(
        "unruled_funding",
        [(["□ 2021년 소요예산 : 320,793천원", "(단위 : 천원)"], FUNDING_002_A)],
        [[70, 80, 70, 70, 70, 70]],
        ruled=False,
    )
    render(
        "page_break_budget",
        [(["예산 (단위 : 백만원, ’22.8.29. 기준)"], BUDGET_001)],
        [[150, 90, 90, 90]],
        ruled=True,
        pad_lines=36,
    )
    render(
        "stacked_tables",
        [
            (["□ 2021년 소요예산 : 320,793천원", "(단위 : 천원)"], FUNDING_002_A),
            (["□ 2021년 소요예산 : 408,260천원", "(단위 : 천원)"], FUNDING_002_B),
        ],
        [[70, 80, 70, 70, 70, 70], [70, 80, 70, 70, 70, 70]],
        ruled=True,
    )
    bad_pdfs()


if __name__ == "__main__":
    main()
