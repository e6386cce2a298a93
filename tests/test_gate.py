"""The CI gate (`pipeline validate`) and coverage: what a repository of reports runs on each change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.coverage import coverage
from pipeline.gate import GateSettings, validate_paths
from tests.conftest import DOC_000, FIXTURES, RAW

runner = CliRunner()


def test_coverage_counts_numbers_captured_on_their_line() -> None:
    lines = [(1, "소요예산 : 341,800천원 (45개업체)"), (2, "계\t1,370,315\t100.0%")]
    captured = [(1, "341,800천원"), (2, "1,370,315"), (2, "100.0%")]
    result = coverage("d", lines, captured)
    assert (result.total, result.covered) == (4, 3)
    assert result.missing == [(1, "45")]


def test_bundled_corpus_passes_the_gate() -> None:
    checks = validate_paths([RAW], GateSettings())
    assert checks and all(c.passed for c in checks)
    by_id = {c.doc_id: c for c in checks}
    assert by_id[DOC_000].tables == 14
    assert by_id[DOC_000].coverage > 0.5


def test_broken_report_fails_the_gate_naming_document_and_reason(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(FIXTURES / "broken" / "broken_export.txt", folder)
    shutil.copy(RAW / f"{DOC_000}.txt", folder)
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "FAIL broken_export: unknown encoding: neither UTF-8 nor CP949/EUC-KR" in result.output
    assert f"ok   {DOC_000}" in result.output


def test_thresholds_fail_a_document_that_parses(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(RAW / f"{DOC_000}.txt"), "--max-check-errors", "0", "--json"])
    assert result.exit_code == 1
    record = json.loads(result.output.strip().splitlines()[0])
    assert record["doc_id"] == DOC_000 and record["passed"] is False
    assert record["check_errors"] >= 1
    assert "check errors, more than 0 allowed" in record["reasons"][0]


def test_a_document_that_needs_ocr_passes_only_when_allowed(tmp_path: Path) -> None:
    """A scanned PDF is a property of the input, not a misreading: `--allow-needs-ocr` reports it and lets
    it pass; any other failure (an encrypted PDF) still fails the gate."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(FIXTURES / "bad" / "image_only.pdf", folder)
    shutil.copy(RAW / f"{DOC_000}.txt", folder)
    strict = runner.invoke(app, ["validate", str(folder)])
    assert strict.exit_code == 1 and "FAIL image_only: no text layer: needs OCR" in strict.output
    allowed = runner.invoke(app, ["validate", str(folder), "--allow-needs-ocr"])
    assert allowed.exit_code == 0, allowed.output
    assert "ocr? image_only: no text layer: needs OCR" in allowed.output and f"ok   {DOC_000}" in allowed.output
    shutil.copy(FIXTURES / "bad" / "encrypted.pdf", folder)
    mixed = runner.invoke(app, ["validate", str(folder), "--allow-needs-ocr"])
    assert mixed.exit_code == 1 and "FAIL encrypted: encrypted: the PDF needs a password" in mixed.output
