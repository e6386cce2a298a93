"""The records stage's fast paths give what their plain definitions give, on the sample reports."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from pipeline.extract.tables import extract_tables
from pipeline.parse import failed_record, line_records, section_records
from pipeline.recordfiles import (
    WRITING,
    arrow_schemas,
    arrow_table,
    hand_over,
    record_arrow,
    record_path,
    stored_documents,
    taken_over,
    temporary_path,
    write_records,
)
from pipeline.schemas.document import Document
from pipeline.schemas.records import CellRecord, LineRecord, ParsedDocument, SectionRecord
from pipeline.validate.arithmetic import _decomposed_sums, by_table, make_grid, number


def test_line_records_are_the_records_built_one_by_one(documents: dict[str, Document]) -> None:
    for document in documents.values():
        plain = [
            LineRecord(
                doc_id=document.doc_id,
                line=line.number,
                page=line.page,
                page_line=line.page_line,
                text=line.text,
                section_id=line.section_id,
            )
            for line in document.lines
        ]
        fast = line_records(document)
        assert fast == plain and all(type(r) is LineRecord for r in fast)
        assert [r.model_fields_set for r in fast] == [r.model_fields_set for r in plain]


def test_section_records_are_the_records_built_from_a_dump(documents: dict[str, Document]) -> None:
    for document in documents.values():
        plain = [SectionRecord(doc_id=document.doc_id, **s.model_dump()) for s in document.sections]
        fast = section_records(document)
        assert plain and fast == plain and all(type(r) is SectionRecord for r in fast)
        assert [r.model_fields_set for r in fast] == [r.model_fields_set for r in plain]


def test_a_grids_number_columns_are_those_holding_an_additive_number(
    documents: dict[str, Document],
) -> None:
    checked = 0
    for document in documents.values():
        tables, cells = extract_tables(document)
        grouped = by_table(cells)
        for table in tables:
            grid = make_grid(table, grouped.get(table.table_id, []))
            plain = {
                c for c in grid.cols if any(number(grid.cells.get((r, c))) is not None for r in grid.rows)
            }
            assert grid.number_cols == plain
            checked += bool(plain)
    assert checked > 50


class Other(BaseModel):
    doc_id: str
    line: int = 0


values = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5))
cells = st.builds(
    CellRecord,
    doc_id=st.text(max_size=3),
    table_id=st.text(max_size=3),
    row_idx=st.integers(0, 9),
    col_idx=st.integers(0, 9),
    raw_text=st.text(max_size=5),
    value=st.none() | st.floats(allow_nan=False),
    flags=st.lists(st.sampled_from(["pair", "range", "scaled"]), max_size=2),
    line=st.integers(1, 99),
)


@settings(max_examples=200, deadline=None)
@given(records=st.lists(cells | st.builds(Other, doc_id=st.text(max_size=3)), max_size=6))
def test_arrow_table_holds_the_field_values_of_each_record(records: list[BaseModel]) -> None:
    """One model or mixed models: each column holds the records' values of that field (as `model_dump`
    gives them), NULL for a record without it."""
    schema = arrow_schemas()["cells"]
    plain = {name: [r.model_dump().get(name) for r in records] for name in schema.names}
    assert arrow_table("cells", records).equals(pa.Table.from_pydict(plain, schema=schema))


@pytest.mark.parametrize("count", [0, 1, 3])
def test_arrow_table_of_lines(count: int) -> None:
    records = [LineRecord(doc_id="d", line=k, text=f"줄 {k}") for k in range(count)]
    table = arrow_table("lines", records)
    assert table.schema == arrow_schemas()["lines"]
    assert table.to_pylist() == [r.model_dump() for r in records]


def test_a_killed_writers_leftovers_go_when_its_document_is_written_again(tmp_path: Path) -> None:
    """Temporary files live in the folder's `.writing`, named by table and document: writing a document
    removes its own leftovers (of any table), never another document's or a file being written."""
    document = failed_record(Path("a.txt"), "unreadable", doc_id="a.txt")
    other = failed_record(Path("b.txt"), "unreadable", doc_id="b.txt")
    mine = [temporary_path(record_path(tmp_path, table, "a.txt")) for table in ("cells", "documents")]
    theirs = temporary_path(record_path(tmp_path, "cells", "b.txt"))
    for path in [*mine, theirs]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a file")
    assert all(p.parent == tmp_path / WRITING and p.name.endswith(".tmp") for p in [*mine, theirs])
    write_records(tmp_path, document)
    assert [p.exists() for p in mine] == [False, False] and theirs.exists()
    write_records(tmp_path, other)
    assert not theirs.exists()
    assert sorted(p.name for p in (tmp_path / WRITING).iterdir()) == []
    assert sorted(stored_documents(tmp_path)) == ["a.txt", "b.txt"]


def test_records_handed_over_in_one_file_come_back_whole(tmp_path: Path) -> None:
    """What the loader takes over is what the worker handed over (tables, types, values); the file goes."""
    lines = [LineRecord(doc_id="d", line=k, text=f"줄 {k}", page=None) for k in range(3)]
    parsed = ParsedDocument(document=failed_record(Path("d.txt"), "x", doc_id="d"), lines=lines)
    records = record_arrow(parsed)
    path = hand_over(tmp_path, "d", records)
    back = taken_over(str(path))
    assert not path.exists()
    assert back.keys() == records.keys()
    assert all(back[t].schema == records[t].schema and back[t].equals(records[t]) for t in records)


def _nested_sums(values: list[tuple[float, float]], limit: int) -> list[tuple[float, float]]:
    """`_decomposed_sums` read top-down, as it was written first: the options of a value and what follows
    it are its own with each option after it, then, where the next values add up to it, with each option
    after them."""
    if not values:
        return [(0.0, 0.0)]
    value, tol = values[0]
    options = [(value + s, tol + t) for s, t in _nested_sums(values[1:], limit)]
    running, running_tol = 0.0, 0.0
    for j in range(1, len(values)):
        running += values[j][0]
        running_tol += values[j][1]
        if j > 1 and abs(running - value) <= running_tol + tol + 1e-9:
            options += [(value + s, tol + t) for s, t in _nested_sums(values[j + 1 :], limit)]
    return options[:limit]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([0.0, 1.0, 2.0, 3.0, 5.0, 1.5, -1.0]), st.sampled_from([0.0, 0.5])),
        max_size=9,
    ),
    st.sampled_from([2, 4, 64]),
)
def test_decomposed_sums_are_the_nested_readings_of_a_run(
    values: list[tuple[float, float]], limit: int
) -> None:
    assert _decomposed_sums(values, limit) == _nested_sums(values, limit)
