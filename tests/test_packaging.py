"""A non-editable install works away from the repository: the wheel carries the SQL files (schema,
views, comments) and the LICENSE, and `pipeline ingest` run from another folder creates a warehouse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DOC_000, RAW, ROOT


@pytest.mark.slow
def test_wheel_installs_and_ingests_elsewhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("report_pipeline-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for packaged in ("schema.sql", "views.sql", "comments.sql"):
        assert f"pipeline/warehouse/{packaged}" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import pipeline, sys; print(pipeline.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    ).stdout
    assert where.startswith(str(target))  # the installed copy, not the repository
    ingest = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", str(RAW / f"{DOC_000}.txt"), "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert ingest.returncode == 0, ingest.stderr
    assert json.loads(ingest.stdout.splitlines()[0])["status"] == "loaded"
    assert (elsewhere / "warehouse" / "reports.duckdb").is_file()
    query = subprocess.run(
        [sys.executable, "-m", "pipeline", "query", "-f", "jsonl",
         "SELECT amount_krw FROM cells WHERE line = 71 AND raw_text = '1,370,315'"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    assert json.loads(query.stdout) == {"amount_krw": 1_370_315_000}
