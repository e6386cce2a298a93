"""What no parser of this design can avoid for a text document, against the goal of 100 documents a second.

Whatever a parser does between, its output for one document is the pydantic records the warehouse stores
(the contract between stages and with the warehouse), and they go into DuckDB. This measures, on bench
texts (the samples with varied numbers, as `run.py` makes them), CPU per document of:

- read: the file read and split into lines;
- contract: every record of the document validated once by its model, from plain values (what building
  the records costs even if every value were known without any parsing work);
- to Arrow: the records turned into the warehouse's Arrow columns (`record_arrow`);
- insert: those columns inserted into a DuckDB warehouse, all documents in one statement per table;
- parse: the whole parse as it is today (`parse_path`), for comparison.

read + contract is a ceiling on documents per CPU-second for any parse, however fast, that produces these
records; adding today's load (to Arrow + insert) gives the ceiling of parse + load as the warehouse is
loaded now. Usage: python bench/floor.py [--docs 40]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
from run import build_text_corpus

from pipeline.parse import parse_path
from pipeline.recordfiles import record_arrow
from pipeline.schemas.records import DocumentRecord, ParsedDocument
from pipeline.warehouse.store import Warehouse


def cpu_ms(step: Callable[[], object], docs: int) -> float:
    """CPU milliseconds per document of `step` (which handles all `docs` documents)."""
    start = time.process_time()
    step()
    return 1000 * (time.process_time() - start) / docs


def floor_figures(docs: int) -> dict[str, float]:
    """Milliseconds of CPU per document of each unavoidable step, and of today's parse."""
    work = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    paths = build_text_corpus(work / "text", docs + 1, seed=3)
    parse_path(paths[0])
    paths = paths[1:]
    parsed: list[ParsedDocument] = []
    figures = {"parse (today)": cpu_ms(lambda: parsed.extend(parse_path(p) for p in paths), docs)}
    plain = [p.model_dump() for p in parsed]
    figures["read"] = cpu_ms(lambda: [p.read_text(encoding="utf-8").splitlines() for p in paths], docs)
    models = {
        name: field.annotation.__args__[0]
        for name, field in ParsedDocument.model_fields.items()
        if name != "document"
    }

    def contract() -> None:
        for document in plain:
            DocumentRecord.model_validate(document["document"])
            for name, model in models.items():
                for record in document[name]:
                    model.model_validate(record)

    figures["contract"] = cpu_ms(contract, docs)
    arrows: list[dict] = []
    figures["to Arrow"] = cpu_ms(lambda: arrows.extend(record_arrow(p) for p in parsed), docs)
    con = Warehouse(work / "floor.duckdb").con

    def insert() -> None:
        names = {name for tables in arrows for name in tables}
        con.execute("BEGIN")
        for name in sorted(names):
            incoming = pa.concat_tables([tables[name] for tables in arrows if name in tables])
            con.register("incoming", incoming)
            con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
            con.unregister("incoming")
        con.execute("COMMIT")

    figures["insert"] = cpu_ms(insert, docs)
    figures["records per document"] = sum(len(v) for p in parsed for v in p.record_lists().values()) / docs
    return figures


def print_floor_figures(docs: int) -> None:
    """The figures of `floor_figures` and the ceilings they put on documents per CPU-second."""
    figures = floor_figures(docs)
    unavoidable = figures["read"] + figures["contract"]
    load = figures["to Arrow"] + figures["insert"]
    print(f"CPU ms per sample-sized text document, {docs} documents, one process:")
    for key, value in figures.items():
        print(f"  {key:<22} {value:8.2f}")
    print(
        f"read + contract: {unavoidable:.2f} ms -> at most {1000 / unavoidable:.0f} documents per CPU-second "
        "for any parse, however fast, whose output is these validated records (goal: 100, i.e. 10 ms for "
        "parse + load)"
    )
    print(
        f"with today's load (to Arrow + insert, {load:.2f} ms): at most {1000 / (unavoidable + load):.0f}; "
        f"today's parse is {figures['parse (today)'] / unavoidable:.1f}x read + contract"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    print_floor_figures(parser.parse_args().docs)


if __name__ == "__main__":
    main()
