"""The shape of the code: stages import downward only, no package loops, each stage imports on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS: dict[str, int] = {
    "pipeline.schemas": 0,
    "pipeline": 0,  # the package itself: PARSER_VERSION only
    "pipeline.defaults": 0,  # default paths, constants only
    "pipeline.errors": 1,
    "pipeline.progress": 1,  # a listener the readers report pages to
    "pipeline.identity": 1,  # which document a file is: pure, imports none of ours
    "pipeline.budget": 1,  # per-document time/memory budgets, worker setup: imports none of ours
    "pipeline.lexicon": 1,
    "pipeline.normalize": 2,
    "pipeline.readers": 3,
    "pipeline.layout": 4,
    "pipeline.extract": 5,
    "pipeline.validate": 6,
    "pipeline.parse": 7,
    "pipeline.warehouse": 7,
    "pipeline.recordfiles": 8,  # a parsed document's records as Parquet files
    "pipeline.load": 8,  # record files into the warehouse in bulk
    "pipeline.executors": 8,  # the parse as a map on Ray
    "pipeline.ingest": 8,
    "pipeline.corpus": 9,  # parse to a record folder, lake views over one
    "pipeline.coverage": 8,
    "pipeline.summary": 8,
    "pipeline.evaluate": 8,  # recall and precision against expected-facts files (parses documents)
    "pipeline.gate": 9,
    "pipeline.outputs": 10,
    "pipeline.cli": 11,
    "pipeline.__main__": 12,
}
"""Read, lay out, extract, normalize, check, load: a module may import its own part and lower layers only.
`normalize` sits under the stages that call it; `lexicon` under everything."""


def part_of(module: str) -> str:
    """The part (stage) a dotted module name belongs to: the longest prefix listed in LAYERS."""
    pieces = module.split(".")
    for n in range(len(pieces), 0, -1):
        name = ".".join(pieces[:n])
        if name in LAYERS and (name != "pipeline" or n == len(pieces)):
            return name
    raise AssertionError(f"{module} belongs to no layer: add its part to LAYERS in tests/test_structure.py")


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports() -> list[tuple[str, str, int]]:
    """(importing module, imported module, line) for every import of our own code, at any depth."""
    found = []
    for path in sorted(ROOT.glob("pipeline/**/*.py")):
        source = module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found += [(source, n, node.lineno) for n in names if n.split(".")[0] == "pipeline"]
    return found


def test_no_import_runs_upward() -> None:
    upward = [
        f"{src}:{line} imports {target}"
        for src, target, line in imports()
        if LAYERS[part_of(target)] > LAYERS[part_of(src)]
    ]
    assert upward == []


def test_no_package_loops() -> None:
    graph: dict[str, set[str]] = {}
    for src, target, _ in imports():
        a, b = part_of(src), part_of(target)
        if a != b and b != "pipeline":
            graph.setdefault(a, set()).add(b)
    visiting, done, loops = set(), set(), []

    def visit(node: str, path: list[str]) -> None:
        if node in visiting:
            loops.append([*path[path.index(node) :], node])
            return
        if node in done:
            return
        visiting.add(node)
        for following in sorted(graph.get(node, ())):
            visit(following, [*path, node])
        visiting.discard(node)
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    assert loops == []


@pytest.mark.parametrize("part", sorted(p for p in LAYERS if p != "pipeline.__main__"))
def test_each_part_imports_alone(part: str) -> None:
    """A loop hidden by function-level imports shows when a part is the first thing imported."""
    result = subprocess.run(
        [sys.executable, "-c", f"import {part}"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
