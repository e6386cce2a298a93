"""A static HTML review page: each extracted table beside the source lines it came from, flagged cells
highlighted with the check's message, and a summary of coverage. Self-contained (inline CSS, no script,
no network); every piece of document text is escaped."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

from pipeline.coverage import document_coverage
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
"""


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


def document_html(store: Warehouse, doc_id: str) -> str:
    """One document's section of the review page."""
    (doc,) = _rows(store, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    tables = _rows(store, "SELECT * FROM tables WHERE doc_id = ? ORDER BY first_line, table_id", [doc_id])
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
    out = [f'<section id="{escape(doc_id)}"><h1>{escape(doc_id)}</h1>']
    meta = [doc.get("title"), doc.get("issuer"), str(doc["report_date"]) if doc.get("report_date") else None]
    out.append(
        f'<p class="meta">{escape(" · ".join(m for m in meta if m))} — status {escape(doc["status"])}</p>'
    )
    if doc.get("error"):
        out.append(f'<p class="issues">error: {escape(doc["error"])}</p>')
    summary = {**counts, "coverage": f"{coverage.covered} of {coverage.total} numbers ({coverage.ratio:.1%})"}
    out.append('<table class="summary">')
    out += [f"<tr><td>{escape(k)}</td><td>{escape(str(v))}</td></tr>" for k, v in summary.items()]
    out.append("</table>")
    if issues_by_table.get(None):
        out.append('<ul class="issues">')
        out += [f"<li>line {i['line']}: {escape(i['message'])}</li>" for i in issues_by_table[None]]
        out.append("</ul>")
    for table in tables:
        table_issues = issues_by_table.get(table["table_id"], [])
        title = f"{table['table_id']} · {table['kind']} · {table.get('caption') or ''}"
        unit = f" · unit {table['unit']}" if table.get("unit") else ""
        page = f" · page {table['page']}" if table.get("page") else ""
        out.append(
            f'<h2 id="{escape(doc_id)}-{escape(table["table_id"])}">{escape(title)}</h2>'
            f'<p class="meta">lines {table["first_line"]}–{table["last_line"]}{escape(unit + page)}</p>'
        )
        source = "\n".join(
            f"{n:>5}  {lines.get(n, '')}" for n in range(table["first_line"], table["last_line"] + 1)
        )
        out.append(
            '<div class="pair">'
            + table_html(table, by_table.get(table["table_id"], []), table_issues)
            + f'<pre class="source">{escape(source)}</pre></div>'
        )
        if table_issues:
            out.append('<ul class="issues">')
            out += [f"<li>line {i['line']}: {escape(i['message'])}</li>" for i in table_issues]
            out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def write_review(warehouse_path: Path, out: Path, doc_ids: list[str] | None = None) -> Path:
    """Write the review page for the given documents (all stored ones by default) to one HTML file."""
    with Warehouse(warehouse_path, read_only=True) as store:
        known = [r[0] for r in store.query("SELECT doc_id FROM documents ORDER BY doc_id")[1]]
        chosen = doc_ids or known
        missing = [d for d in chosen if d not in known]
        if missing:
            raise ValueError(f"no document {', '.join(missing)} in {warehouse_path}")
        body = "\n".join(document_html(store, doc_id) for doc_id in chosen)
    page = (
        '<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>Review</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>"
    )
    target = out if out.suffix.lower() in (".html", ".htm") else out / "review.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
