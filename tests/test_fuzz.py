"""Fuzzing the text reader and table reconstruction: any bytes give a Document or a DocumentError.

`make test` runs a bounded number of cases; `make fuzz` runs many more (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import DocumentError
from pipeline.layout import build_layout
from pipeline.parse import document_records
from pipeline.readers.text import decode_report, read_text

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
