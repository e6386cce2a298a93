"""The README's console examples print what the README says they print: each `$ pipeline ...` line of a
```console block runs against the bundled corpus and its output (stdout then stderr) is compared. When
they differ the README is rewritten with what the commands print now, and the test fails, so the change
is looked at and committed."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def examples(text: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of every console block."""
    found = []
    for block in BLOCK.findall(text):
        command, output = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            found.append((command, "\n".join(output)))
    return found


def run(command: str, warehouse: Path) -> str:
    program, *args = shlex.split(command)
    assert program == "pipeline", command
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PIPELINE_WAREHOUSE": str(warehouse), "COLUMNS": "200"},
        timeout=300,
        check=False,
    )
    return (result.stdout + result.stderr).rstrip("\n")


def test_readme_examples_print_what_the_readme_shows(corpus_warehouse: Path) -> None:
    readme = ROOT / "README.md"
    current = readme.read_text(encoding="utf-8")
    pairs = examples(current)
    assert len(pairs) >= 4
    differing = []

    def rerun(match: re.Match) -> str:
        lines = []
        for command, expected in examples(match.group(0)):
            printed = run(command, corpus_warehouse)
            if printed != expected:
                differing.append(command)
            lines += [f"$ {command}", *([printed] if printed else [])]
        return "```console\n" + "\n".join(lines) + "\n```"

    updated = BLOCK.sub(rerun, current)
    if differing:
        readme.write_text(updated, encoding="utf-8")
    assert not differing, f"README examples differed and were rewritten, review and commit: {differing}"
