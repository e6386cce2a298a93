"""Bounded time and memory: hostile structure fails its document with a named cap, layout work grows with
the document (not its square), and every document has a time and a memory budget.

Each test fails before its change: a 10,000-deep nest of HTML tables ran for minutes, `colspan="100000"`
took gigabytes, caption finding compared every table with every other, and the budgets had no test.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.budget import Budget
from pipeline.ingest import ingest
from pipeline.layout import context
from pipeline.layout.html import HtmlLimitError, HtmlLimits, read_fragment
from pipeline.parse import ParseSettings, collector_paused, laid_out_document, parse_file, parse_path
from pipeline.readers.settings import PdfSettings, ReaderSettings
from tests.conftest import DOC_002, RAW, ROOT


def with_good_report(tmp_path: Path) -> Path:
    corpus = tmp_path / "raw"
    corpus.mkdir()
    shutil.copy(RAW / f"{DOC_002}.txt", corpus)
    return corpus


def outcomes(report) -> dict[str, tuple[str, str | None]]:
    return {o.doc_id: (o.status, o.error) for o in report.outcomes}


def long_report(path: Path, size: int) -> Path:
    """A report of about `size` bytes: the bundled text reports one after another, cut at a line end."""
    text = b"".join(p.read_bytes() for p in sorted(RAW.glob("*.txt")))
    data = (text * (size // len(text) + 1))[:size]
    path.write_bytes(data[: data.rfind(b"\n") + 1])
    return path


def test_html_tables_nested_deep_fail_their_document_with_the_cap(tmp_path: Path) -> None:
    """5,000 deep in a tab cell (one line stays under the 200,000-character line cap) and 10,000 deep
    over 10,000 lines of their own: both fail at once with the depth cap and where."""
    corpus = with_good_report(tmp_path)
    nest = "<table><tr><td>" * 5_000 + "1,000" + "</td></tr></table>" * 5_000
    (corpus / "in_cell.txt").write_text(f"□ 예산 현황\n구분\t{nest}\t비고\n", encoding="utf-8")
    lines = "<table><tr><td>\n" * 10_000 + "1,000\n" + "</td></tr></table>\n" * 10_000
    (corpus / "on_lines.txt").write_text(f"□ 예산 현황\n{lines}", encoding="utf-8")
    report = ingest([corpus], tmp_path / "w.duckdb", None)
    cap = "HTML tables nested more than 16 deep: not read (limit HtmlLimits.max_depth)"
    assert outcomes(report)["in_cell"] == ("failed", f"line 2, column 2: {cap}")
    assert outcomes(report)["on_lines"] == ("failed", f"lines 2-20002: {cap}")
    assert outcomes(report)[DOC_002] == ("loaded", None)


def test_a_colspan_of_100000_fails_its_document_with_the_cap(tmp_path: Path) -> None:
    corpus = with_good_report(tmp_path)
    table = '<table><tr><td rowspan="100000" colspan="100000">합계</td><td>5</td></tr></table>'
    (corpus / "spans.txt").write_text(f"□ 예산 현황\n{table}\n", encoding="utf-8")
    report = ingest([corpus], tmp_path / "w.duckdb", None)
    assert outcomes(report)["spans"] == (
        "failed",
        'lines 2-2: colspan="100000" is past the limit of 1,000 (HtmlLimits.max_span)',
    )
    assert outcomes(report)[DOC_002] == ("loaded", None)


def test_a_rowspan_past_the_last_row_ends_at_the_last_row_as_in_a_browser() -> None:
    _, (table,) = read_fragment(
        '<table><tr><th rowspan="65000">구분</th><th>예산</th></tr><tr><td>1,370</td></tr></table>'
    )
    assert (table.n_rows, table.n_cols) == (2, 2)
    assert [(c.text, c.row, c.col, c.row_span) for c in table.cells] == [
        ("구분", 0, 0, 2),
        ("예산", 0, 1, 1),
        ("1,370", 1, 1, 1),
    ]


def test_a_table_past_the_grid_limit_is_refused_by_its_size() -> None:
    rows = "".join(f'<tr><td colspan="1000">{i}</td></tr>' for i in range(300))
    with pytest.raises(HtmlLimitError, match="more than 250,000 grid positions"):
        read_fragment(f"<table>{rows}</table>")
    _, (table,) = read_fragment(f"<table>{rows}</table>", HtmlLimits(max_cells=300_000))
    assert (table.n_rows, table.n_cols, table.cells[299].text) == (300, 1000, "299")


def test_caption_finding_compares_each_table_with_its_neighbours_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: every table was compared with every other (tables × tables `_encloses` calls, tables ×
    lines set building): a 5 MB export took 553 s. Now a table is compared with those whose lines overlap."""
    blocks = [f"□ 사업 {i}\n(단위 : 천원)\n구분\t예산\n국비\t{i},000\n\n" for i in range(300)]
    path = tmp_path / "many.txt"
    path.write_text("".join(blocks), encoding="utf-8")
    calls = []
    real = context._encloses
    monkeypatch.setattr(context, "_encloses", lambda *args: calls.append(1) or real(*args))
    document = laid_out_document(path)
    assert len(document.tables) == 300
    assert len(calls) == 0  # no two tables share a line: none can enclose another
    last = document.tables[-1]
    assert (last.caption, last.unit_text) == ("사업 299", "(단위 : 천원)")


def test_a_table_nested_in_a_cell_still_takes_its_caption_from_the_enclosing_tables_lines() -> None:
    """The neighbour-only comparison keeps the rule: lines of an enclosing table do not hide a caption."""
    document = laid_out_document(RAW / f"{DOC_002}.txt")
    nested = [t for t in document.tables if t.parent_table_id]
    assert nested, "002 has HTML tables inside tab cells"
    for table in nested:
        parent = next(t for t in document.tables if t.table_id == table.parent_table_id)
        assert table.caption == parent.caption and table.unit_text == parent.unit_text


def test_a_parse_pauses_the_garbage_collector_and_leaves_it_as_it_found_it() -> None:
    seen: list[bool] = []
    with collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False] and gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector_paused():
        _ = 1 / 0
    assert gc.isenabled()  # back on after an error inside the block
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
    parsed = parse_path(RAW / f"{DOC_002}.txt")
    assert parsed.cells and gc.isenabled()


def test_a_document_past_its_time_budget_fails_with_the_budget_named(tmp_path: Path) -> None:
    path = long_report(tmp_path / "long.txt", 1_000_000)  # about 4 s of work on an idle machine
    settings = ParseSettings(budget=Budget(seconds=0.5))
    result = parse_file(path, settings=settings)
    assert result.parsed is None
    assert result.error is not None
    assert result.error.startswith("took longer than the budget of 0.5 s per document: stopped")


def test_a_worker_past_its_memory_budget_fails_its_document_with_the_budget_named(tmp_path: Path) -> None:
    """In a process set up as a parser worker (address space capped at its size plus 64 MB), a report
    needing some 300 MB fails with the budget named, and the worker still answers for the next file."""
    path = long_report(tmp_path / "long.txt", 1_000_000)
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from pipeline.budget import Budget, worker_setup
        from pipeline.parse import ParseSettings, parse_file
        budget = Budget(memory_mb=64)
        worker_setup(budget)
        settings = ParseSettings(budget=budget)
        print(parse_file(Path({str(path)!r}), settings=settings).error)
        small = parse_file(Path({str(RAW / "000_6b0094b7c08c0da0.txt")!r}), settings=settings)
        print(small.error, len(small.parsed.cells))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    big, small = done.stdout.splitlines()
    assert big == "out of memory: over the budget of 64 MB per parser worker"
    assert small.startswith("None ") and int(small.split()[1]) > 0


def test_a_2001_page_pdf_fails_at_once_with_the_default_page_cap(tmp_path: Path) -> None:
    """The issue's 2,000-page PDF ran for more than ten minutes; past the default cap (PdfSettings.max_pages
    = 2000) it is refused from the page count, before any page is read. Made with PDFium from page 1 of
    the ruled_budget fixture, 2,001 times."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(ROOT / "tests" / "fixtures" / "pdf" / "ruled_budget.pdf")
    out = pdfium.PdfDocument.new()
    out.import_pages(source, [0] * 2001)
    out.save(tmp_path / "long.pdf")
    result = parse_file(tmp_path / "long.pdf")
    assert result.error == "too many pages: 2001 (limit 2000)"


def test_a_pdf_past_the_page_limit_fails_with_its_page_count() -> None:
    settings = ParseSettings(readers=ReaderSettings(pdf=PdfSettings(max_pages=1)))
    result = parse_file(RAW / "900_rendered_budget_tables.pdf", settings=settings)
    assert result.error is not None and result.error.startswith("too many pages: ")
    assert result.error.endswith("(limit 1)")
