"""Fuzzing: any bytes give a Document or a DocumentError; HTML in cells never copies text between cells
or reads markup as content; whole files (damaged real PDFs and text exports, random bytes under every
report suffix) parse or fail with a reason, never an internal error.

`make test` runs a bounded number of cases; `make fuzz` runs many more (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.budget import Budget
from pipeline.errors import DocumentError
from pipeline.layout import build_layout
from pipeline.layout.html import HtmlLimitError, read_fragment
from pipeline.parse import ParseSettings, document_records, parse_file
from pipeline.readers.text import decode_report, read_text
from tests.conftest import FIXTURES

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=500_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPORT_ALPHABET = st.sampled_from(
    [
        *list('구분계합예산액집행률국비시구민간천원백만억조명건%△-.,/()\t\n 0123456789□○ㅇ①Ⅰ<>ultrdh="'),
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "</td>",
        "<ul>",
        "<li>",
        "(단위 : 천원)",
        "’22.8.29.",
        "35/361)",
    ]
)


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        text, encoding = decode_report(data)
    except DocumentError:
        return
    assert encoding in ("utf-8", "cp949") and isinstance(text, str)


@given(st.lists(REPORT_ALPHABET, max_size=400).map("".join))
def test_report_like_text_always_lays_out(text: str) -> None:
    with tempfile.NamedTemporaryFile(suffix=".txt") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        try:
            document = build_layout(read_text(Path(handle.name), "fuzz"))
        except DocumentError:
            return
    parsed = document_records(document)
    for table in document.tables:
        assert table.first_line <= table.last_line
        for cell in table.cells:
            assert 0 <= cell.row < table.n_rows and 0 <= cell.col < table.n_cols
            assert 1 <= cell.line <= len(document.lines)
    assert len(parsed.cells) == sum(len(t.cells) for t in document.tables)


# --- HTML in cells -------------------------------------------------------------------------------------
# Every text node carries a unique token (w0, w1, ...): a token found in two cells was copied into a
# neighbour; a token from a comment or script found anywhere is markup read as content.

SPAN_VALUES = st.sampled_from(["1", "2", "3", "0", "-1", "x", "", "1000", "1001", "65534", "100000", " 2 "])


@st.composite
def html_fragments(draw: st.DrawFn) -> tuple[str, int]:
    """Broken and hostile HTML of a cell: tables nested (past the depth cap sometimes), spans of any size,
    unclosed and stray `<td>`/`<tr>`, comments, scripts, styles. Returns (fragment, tokens used)."""
    counter = [0]

    def token() -> str:
        counter[0] += 1
        return f"w{counter[0]}"

    def node(depth: int) -> str:
        kind = draw(st.sampled_from(["text", "table", "td", "tr", "comment", "script", "list", "close"]))
        if kind == "text" or depth > 20:
            return f" {token()} "
        if kind == "comment":
            return "<!-- c" + token() + " <td>x</td> -->"
        if kind == "script":
            return draw(st.sampled_from(["<script>s", "<style>s"])) + token() + " '<td>'</script></style>"
        if kind == "list":
            return "<ul><li>" + token() + ("</li>" if draw(st.booleans()) else "") + "</ul>"
        if kind == "close":
            return draw(st.sampled_from(["</td>", "</tr>", "</table>", "<td>", "<tr>", "<th>"]))
        if kind in ("td", "tr"):
            return f"<{kind}>" + node(depth + 1)
        rows = []
        for _ in range(draw(st.integers(0, 3))):
            cells = []
            for _ in range(draw(st.integers(0, 3))):
                tag = draw(st.sampled_from(["td", "th"]))
                spans = f' rowspan="{draw(SPAN_VALUES)}" colspan="{draw(SPAN_VALUES)}"'
                inner = "".join(node(depth + 1) for _ in range(draw(st.integers(0, 2))))
                close = f"</{tag}>" if draw(st.booleans()) else ""
                cells.append(f"<{tag}{spans}>{inner}{close}")
            rows.append("<tr>" + "".join(cells) + ("</tr>" if draw(st.booleans()) else ""))
        return "<table>" + "".join(rows) + ("</table>" if draw(st.booleans()) else "")

    fragment = "".join(node(0) for _ in range(draw(st.integers(1, 4))))
    return fragment, counter[0]


@given(html_fragments())
def test_html_in_a_cell_never_copies_text_and_never_reads_markup(case: tuple[str, int]) -> None:
    fragment, _ = case
    try:
        outside, tables = read_fragment(fragment)
    except HtmlLimitError as error:
        assert "limit" in str(error)
        return
    seen: list[str] = outside.split()
    for table in tables:
        for cell in table.cells:
            assert 0 <= cell.row < table.n_rows and 0 <= cell.col < table.n_cols
            assert cell.row_span >= 1 and cell.col_span >= 1
            seen += cell.text.split()
    tokens = [t for t in seen if t.startswith("w")]
    assert len(tokens) == len(set(tokens)), f"a token read twice: {sorted(tokens)}"
    assert not any(t.startswith(("cw", "sw")) for t in seen), "a comment or script read as content"


@given(html_fragments())
def test_a_report_with_html_in_a_tab_cell_lays_out_or_fails_with_a_reason(case: tuple[str, int]) -> None:
    fragment, _ = case
    text = f"□ 예산 현황\n(단위 : 천원)\n구분\t예산\n국비\t{fragment}\n시비\t250\n"
    with tempfile.NamedTemporaryFile(suffix=".txt") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        result = parse_file(Path(handle.name), settings=BUDGETED)
    assert (result.parsed is None) != (result.error is None)
    assert result.error is None or not result.error.startswith("internal error"), result.error


# --- whole files -------------------------------------------------------------------------------------

BUDGETED = ParseSettings(budget=Budget(seconds=60))
SEED_PDF = (FIXTURES / "pdf" / "ruled_budget.pdf").read_bytes()
SEED_TEXT = (FIXTURES / "pdf" / "ruled_budget.txt").read_bytes()
WHOLE_FILE_EXAMPLES = max(8, settings.default.max_examples // 50)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """A real file cut short, with bytes overwritten, or with a block repeated."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["cut", "flip", "repeat"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if how == "cut":
            del data[at:]
        elif how == "flip":
            data[at : at + 8] = draw(st.binary(min_size=1, max_size=8))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 4096))] * draw(st.integers(1, 20))
        if not data:
            break
    return bytes(data)


def parses_or_fails_cleanly(data: bytes, suffix: str) -> None:
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        result = parse_file(Path(handle.name), settings=BUDGETED)
    assert (result.parsed is None) != (result.error is None)
    assert result.error is None or not result.error.startswith("internal error"), result.error
    if result.parsed is not None:
        for cell in result.parsed.cells:
            assert cell.line is None or cell.line >= 1


@settings(max_examples=WHOLE_FILE_EXAMPLES)
@given(mutated(SEED_PDF))
def test_a_damaged_pdf_parses_or_fails_with_a_reason(data: bytes) -> None:
    parses_or_fails_cleanly(data, ".pdf")


@settings(max_examples=WHOLE_FILE_EXAMPLES * 4)
@given(st.one_of(mutated(SEED_TEXT), mutated(SEED_TEXT.decode("utf-8").encode("cp949", errors="replace"))))
def test_a_damaged_text_export_parses_or_fails_with_a_reason(data: bytes) -> None:
    parses_or_fails_cleanly(data, ".txt")


@settings(max_examples=WHOLE_FILE_EXAMPLES)
@given(st.binary(max_size=4096), st.sampled_from([".txt", ".pdf", ".hwp", ".hwpx"]))
def test_any_bytes_under_any_report_name_parse_or_fail_with_a_reason(data: bytes, suffix: str) -> None:
    parses_or_fails_cleanly(data, suffix)
