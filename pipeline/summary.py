"""Human-readable summaries of what the warehouse holds for a document."""

from __future__ import annotations

from pipeline.warehouse.store import Warehouse


def document_summary(store: Warehouse, doc_id: str) -> str | None:
    """Status, counts and the tables found in one document, as text; None when it is not stored."""
    names, rows = store.query("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    doc = dict(zip(names, rows[0], strict=True))
    lines = [f"{doc_id}  {doc['status']}  ({doc['format']}, {doc['source_path']})"]
    if doc["error"]:
        lines.append(f"  error: {doc['error']}")
    for field in ("title", "issuer", "report_date"):
        if doc.get(field):
            lines.append(f"  {field}: {doc[field]}")
    for name, count in store.counts(doc_id).items():
        lines.append(f"  {name}: {count}")
    _, tables = store.query(
        "SELECT t.table_id, t.kind, t.first_line, t.last_line, t.unit, t.caption, count(c.raw_text) "
        "FROM tables t LEFT JOIN cells c USING (doc_id, table_id) WHERE t.doc_id = ? "
        "GROUP BY ALL ORDER BY t.first_line, t.table_id",
        [doc_id],
    )
    for table_id, kind, first, last, unit, caption, cells in tables:
        lines.append(
            f"  {table_id} {kind:<9} lines {first}-{last} unit={unit or '-'} cells={cells}  {caption or ''}"
        )
    return "\n".join(lines)
