"""The command line, run for real against a DuckDB file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import DOC_000, RAW, ROOT

runner = CliRunner()


def test_ingest_query_show(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(
        app,
        ["ingest", str(RAW / f"{DOC_000}.txt"), "-w", str(warehouse), "--parsed-dir", str(tmp_path / "p")],
    )
    assert result.exit_code == 0, result.output
    assert "1 loaded" in result.output
    result = runner.invoke(
        app, ["query", "SELECT raw_text FROM cells WHERE line = 71 AND col_idx = 1", "-w", str(warehouse)]
    )
    assert result.exit_code == 0 and "1,370,315" in result.output
    result = runner.invoke(app, ["show", DOC_000, "-w", str(warehouse)])
    assert result.exit_code == 0
    assert "2023년도 예산" in result.output and "cells: 557" in result.output
    assert runner.invoke(app, ["show", "nope", "-w", str(warehouse)]).exit_code == 1


def test_python_dash_m_pipeline_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0 and "ingest" in result.stdout


def test_help_prints_brackets_the_markup_would_eat() -> None:
    """Help text is rich markup: `'.[ray]'` printed as `'.'` told users to install nothing."""
    result = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "pip install '.[ray]'" in result.output
