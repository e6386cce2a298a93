"""A static HTML review page, to look at rather than read: a table of contents (documents, then each
table with its kind, unit, page and failed checks), and each extracted table beside what it was read
from: for a PDF the rendered page (PDFium) with the table's box and the cells that failed a check drawn
on it, for text the source lines. Flagged cells carry the check's message. Self-contained (inline CSS
and images, no script, no network); every piece of document text is escaped."""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from typing import Any

from pipeline.coverage import document_coverage
from pipeline.outputs.pages import PageImage, render_pages
from pipeline.warehouse.store import Warehouse

STYLE = """
body { font-family: 'Noto Sans CJK KR', 'NanumGothic', sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; }
.summary td { padding: 2px 12px 2px 0; }
.pair { display: flex; gap: 24px; align-items: flex-start; margin: 12px 0 28px; }
table.grid { border-collapse: collapse; font-size: 13px; }
table.grid td, table.grid th { border: 1px solid #bbb; padding: 3px 6px; text-align: right; }
table.grid th { background: #eef; text-align: center; }
table.grid td.label { text-align: left; }
td.flagged { background: #ffd0d0; outline: 2px solid #d00; }
pre.source { font-size: 12px; background: #f7f7f7; padding: 8px; max-width: 640px; overflow-x: auto; }
.issues li { color: #a00; } .meta { color: #666; font-size: 13px; }
nav.toc { background: #f7f7fb; padding: 8px 16px; border: 1px solid #dde; font-size: 14px; }
nav.toc ol ol { font-size: 13px; } nav.toc a { text-decoration: none; }
.failed { color: #fff; background: #c00; border-radius: 3px; padding: 0 4px; font-size: 12px; }
.passed { color: #070; font-size: 12px; }
figure.page { margin: 0; width: 560px; flex: none; border: 1px solid #ccc; background: #fff; }
figure.page svg { display: block; width: 100%; height: auto; }
figure.page figcaption { font-size: 12px; color: #666; padding: 2px 6px; }
rect.tbox { fill: none; stroke: #06c; stroke-width: 2; }
rect.fail { fill: rgba(220, 0, 0, 0.25); stroke: #d00; stroke-width: 1.5; }
details.lines summary { cursor: pointer; color: #555; font-size: 13px; }
"""
PAGE_MARGIN = 36.0
"""Points of page shown above and below a table's box in the page figure."""


def _rows(store: Warehouse, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    names, rows = store.query(sql, params)
    return [dict(zip(names, row, strict=True)) for row in rows]


def flagged_cells(
    cells: list[dict[str, Any]], issues: list[dict[str, Any]]
) -> dict[tuple[int, int], list[str]]:
    """Cells an issue points at: same table and line, and the printed value the check read."""
    flagged: dict[tuple[int, int], list[str]] = defaultdict(list)
    for issue in issues:
        on_line = [c for c in cells if c["line"] == issue["line"] and not c["is_header"]]
        hits = [c for c in on_line if issue["actual"] is not None and c["value"] == issue["actual"]]
        for cell in hits or on_line[:1]:
            flagged[(cell["row_idx"], cell["col_idx"])].append(issue["message"])
    return flagged


def table_html(table: dict[str, Any], cells: list[dict[str, Any]], issues: list[dict[str, Any]]) -> str:
    """The table as an HTML grid; merged cells keep their spans, flagged cells carry the message."""
    flagged = flagged_cells(cells, issues)
    at = {(c["row_idx"], c["col_idx"]): c for c in cells}
    covered: set[tuple[int, int]] = set()
    rows = []
    for r in range(table["n_rows"]):
        parts = []
        for c in range(table["n_cols"]):
            if (r, c) in covered:
                continue
            cell = at.get((r, c))
            if cell is None:
                parts.append("<td></td>")
                continue
            rs, cs = cell.get("row_span") or 1, cell.get("col_span") or 1
            for dr in range(rs):
                for dc in range(cs):
                    covered.add((r + dr, c + dc))
            tag = "th" if cell["is_header"] else "td"
            classes = [] if cell["is_header"] else ["label"] if cell["value"] is None else []
            title = ""
            if (r, c) in flagged:
                classes.append("flagged")
                title = f' title="{escape(" / ".join(flagged[(r, c)]))}"'
            span = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cls = f' class="{" ".join(classes)}"' if classes else ""
            parts.append(
                f'<{tag}{cls}{span}{title} data-line="{cell["line"]}">{escape(cell["raw_text"])}</{tag}>'
            )
        rows.append("<tr>" + "".join(parts) + "</tr>")
    return '<table class="grid">' + "".join(rows) + "</table>"


def table_box(cells: list[dict[str, Any]]) -> tuple[float, float, float, float] | None:
    """The box around every cell of a table that has one (PDF points), or None."""
    boxes = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in cells if c.get("x0") is not None]
    if not boxes:
        return None
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return min(x0s), min(tops), max(x1s), max(bottoms)


def failed_checks(issues: list[dict[str, Any]]) -> str:
    """`total_sum ×2, rate_ratio` for a table's issues, as HTML badges; a pass mark when none."""
    if not issues:
        return '<span class="passed">checks passed</span>'
    counts = Counter(i["check_name"] for i in issues)
    return " ".join(
        f'<span class="failed">{escape(name)}{f" ×{n}" if n > 1 else ""}</span>' for name, n in counts.items()
    )


def page_figure(
    doc_id: str,
    table: dict[str, Any],
    cells: list[dict[str, Any]],
    flagged: dict[tuple[int, int], list[str]],
    image: PageImage,
) -> str:
    """The table's page, cropped to the table, with its box (blue) and failed cells (red) drawn on it."""
    box = table_box(cells)
    if box is None:
        top, height = 0.0, image.height
    else:
        top = max(0.0, box[1] - PAGE_MARGIN)
        height = min(image.height, box[3] + PAGE_MARGIN) - top
    marks = []
    if box is not None:
        x0, y0, x1, y1 = box
        marks.append(
            f'<rect class="tbox" x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}"/>'
        )
    for cell in cells:
        messages = flagged.get((cell["row_idx"], cell["col_idx"]))
        if messages and cell.get("x0") is not None:
            marks.append(
                f'<rect class="fail" x="{cell["x0"]:.1f}" y="{cell["top"]:.1f}" '
                f'width="{cell["x1"] - cell["x0"]:.1f}" height="{cell["bottom"] - cell["top"]:.1f}">'
                f"<title>{escape(' / '.join(messages))}</title></rect>"
            )
    note = "" if box is not None else " · no cell boxes recorded for this table: whole page shown"
    return (
        f'<figure class="page"><svg viewBox="0 {top:.1f} {image.width:.1f} {height:.1f}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="page {table["page"]}">'
        f'<use href="#{page_anchor(doc_id, table["page"])}"/>{"".join(marks)}</svg>'
        f"<figcaption>page {table['page']}{escape(note)}</figcaption></figure>"
    )


def page_anchor(doc_id: str, page: int) -> str:
    return f"page-{escape(doc_id)}-{page}"


def page_definitions(doc_id: str, images: dict[int, PageImage]) -> str:
    """Each rendered page once, as an SVG image the figures of its tables reuse."""
    if not images:
        return ""
    parts = [
        f'<image id="{page_anchor(doc_id, n)}" href="{img.data_uri}" width="{img.width:.1f}" '
        f'height="{img.height:.1f}"/>'
        for n, img in sorted(images.items())
    ]
    return f'<svg width="0" height="0" style="position:absolute"><defs>{"".join(parts)}</defs></svg>'


def document_html(
    store: Warehouse, doc_id: str, with_pages: bool = True, pages: set[int] | None = None
) -> tuple[str, str]:
    """One document's section of the review page (only the tables on `pages` when given), and its entry
    in the table of contents."""
    (doc,) = _rows(store, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    tables = _rows(store, "SELECT * FROM tables WHERE doc_id = ? ORDER BY first_line, table_id", [doc_id])
    if pages:
        tables = [t for t in tables if t.get("page") in pages]
    cells = _rows(store, "SELECT * FROM cells WHERE doc_id = ?", [doc_id])
    issues = _rows(store, "SELECT * FROM validation_issues WHERE doc_id = ? ORDER BY line", [doc_id])
    lines = dict(store.query("SELECT line, text FROM lines WHERE doc_id = ?", [doc_id])[1])
    counts = store.counts(doc_id)
    coverage = document_coverage(store, doc_id)
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for cell in cells:
        by_table[cell["table_id"]].append(cell)
    issues_by_table: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for issue in issues:
        issues_by_table[issue["table_id"]].append(issue)
    images: dict[int, PageImage] = {}
    source = Path(doc["source_path"])
    if with_pages and doc.get("format") == "pdf" and source.is_file():
        images = render_pages(source, {t["page"] for t in tables if t.get("page")})
    anchor = escape(doc_id)
    out = [f'<section id="{anchor}"><h1>{anchor}</h1>', page_definitions(doc_id, images)]
    meta = [doc.get("title"), doc.get("issuer"), str(doc["report_date"]) if doc.get("report_date") else None]
    out.append(
        f'<p class="meta">{escape(" · ".join(m for m in meta if m))} — status {escape(doc["status"])}</p>'
    )
    if doc.get("error"):
        out.append(f'<p class="issues">error: {escape(doc["error"])}</p>')
    if doc.get("format") == "pdf" and with_pages and not images and tables:
        out.append(f'<p class="meta">source PDF not readable at {escape(str(source))}: no page images</p>')
    summary = {**counts, "coverage": f"{coverage.covered} of {coverage.total} numbers ({coverage.ratio:.1%})"}
    out.append('<table class="summary">')
    out += [f"<tr><td>{escape(k)}</td><td>{escape(str(v))}</td></tr>" for k, v in summary.items()]
    out.append("</table>")
    if issues_by_table.get(None):
        out.append('<ul class="issues">')
        out += [f"<li>line {i['line']}: {escape(i['message'])}</li>" for i in issues_by_table[None]]
        out.append("</ul>")
    toc = []
    for table in tables:
        table_id = table["table_id"]
        table_cells = by_table.get(table_id, [])
        table_issues = issues_by_table.get(table_id, [])
        unit = f" · unit {table['unit']}" if table.get("unit") else ""
        page = f" · page {table['page']}" if table.get("page") else ""
        label = f"{table_id} · {table['kind']}{unit}{page}"
        toc.append(
            f'<li><a href="#{anchor}-{escape(table_id)}">{escape(label)}</a> '
            f"{escape(table.get('caption') or '')} {failed_checks(table_issues)}</li>"
        )
        caption = escape(table.get("caption") or "")
        span = f"lines {table['first_line']}–{table['last_line']}"
        out.append(
            f'<h2 id="{anchor}-{escape(table_id)}">{escape(label)} · {caption}</h2>'
            f'<p class="meta">{span} · {failed_checks(table_issues)}</p>'
        )
        numbers = range(table["first_line"], table["last_line"] + 1)
        source_lines = escape("\n".join(f"{n:>5}  {lines.get(n, '')}" for n in numbers))
        grid = table_html(table, table_cells, table_issues)
        image = images.get(table.get("page") or 0)
        if image is not None:
            on_page = [c for c in table_cells if c.get("page") == table["page"]]
            figure = page_figure(doc_id, table, on_page, flagged_cells(table_cells, table_issues), image)
            out.append(f'<div class="pair">{grid}{figure}</div>')
            out.append(
                '<details class="lines"><summary>source lines</summary>'
                f'<pre class="source">{source_lines}</pre></details>'
            )
        else:
            out.append(f'<div class="pair">{grid}<pre class="source">{source_lines}</pre></div>')
        if table_issues:
            out.append('<ul class="issues">')
            out += [f"<li>line {i['line']}: {escape(i['message'])}</li>" for i in table_issues]
            out.append("</ul>")
    out.append("</section>")
    n_failed = sum(1 for i in issues if i["severity"] == "error")
    entry = (
        f'<li><a href="#{anchor}">{anchor}</a> {escape(doc.get("title") or "")} '
        f'<span class="meta">{len(tables)} tables, {n_failed} failed checks</span>'
        f'<ol>{"".join(toc)}</ol></li>'
    )
    return "\n".join(out), entry


def write_review(
    warehouse_path: Path,
    out: Path,
    doc_ids: list[str] | None = None,
    with_pages: bool = True,
    pages: set[int] | None = None,
) -> Path:
    """Write the review page for the given documents (all stored ones by default) to one HTML file;
    `pages` keeps only the tables on those pages; `with_pages` False leaves out the page images."""
    with Warehouse(warehouse_path, read_only=True) as store:
        known = [r[0] for r in store.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
        chosen = doc_ids or known
        missing = [d for d in chosen if d not in known]
        if missing:
            raise ValueError(f"no document {', '.join(missing)} in {warehouse_path}")
        parts = [document_html(store, doc_id, with_pages, pages) for doc_id in chosen]
    toc = '<nav class="toc"><h1>Review</h1><ol>' + "".join(entry for _, entry in parts) + "</ol></nav>"
    body = toc + "\n".join(section for section, _ in parts)
    page = (
        '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>Review</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>"
    )
    target = out if out.suffix.lower() in (".html", ".htm") else out / "review.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
