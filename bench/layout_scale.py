"""How parse time grows with the size of a text export: prints seconds and MB per size (not a test).

The bundled text reports one after another, cut at a line end, at 0.25, 0.5, 1 and 2 MB (or the sizes
given in MB as arguments). Linear work doubles the seconds when the size doubles; before issue 13 the
caption step compared every table with every other and 1 MB took 23.8 s (4.2 s after).

    .venv/bin/python bench/layout_scale.py 0.5 1 2
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def report_of(size: int, target: Path) -> Path:
    text = b"".join(p.read_bytes() for p in sorted((ROOT / "raw").glob("*.txt")))
    data = (text * (size // len(text) + 1))[:size]
    target.write_bytes(data[: data.rfind(b"\n") + 1])
    return target


def one(path: str) -> None:
    """Parse one file in this process and print seconds and peak MB."""
    from pipeline.parse import parse_path

    start = time.perf_counter()
    parsed = parse_path(Path(path))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    size = Path(path).stat().st_size / 2**20
    print(f"{size:5.2f} MB  {len(parsed.lines):7d} lines  {seconds:7.1f} s  {peak:6d} MB peak")


def main(sizes: list[float]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for mb in sizes:
            path = report_of(int(mb * 2**20), Path(folder) / f"report_{mb}.txt")
            subprocess.run([sys.executable, __file__, "--one", str(path)], check=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one(sys.argv[2])
    else:
        main([float(a) for a in sys.argv[1:]] or [0.25, 0.5, 1.0, 2.0])
