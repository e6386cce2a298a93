"""Counts of facts per kind for each document, plus the facts no report should give.

    .venv/bin/python scripts/fact_counts.py raw/ ../shared/realdocs/busan2025_*.pdf [--json out.json]

Prints one row per document (headcounts, budget facts, KPI facts, money mentions and parts, cells with a
won value) and lists the suspicious facts: KPI facts whose program is a funding source, headcounts whose
category is a person's name printed in a person column, headcounts with no org unit, and budget facts by
org unit against the printed total (`pipeline.validate.facts`). Parses each file with
`pipeline.parse.parse_path`: no warehouse, nothing written.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.parse import parse_path
from pipeline.validate.facts import funding_source_programs, name_categories, org_sums

SUFFIXES = {".txt", ".pdf", ".html", ".htm"}


def _files(args: list[str]) -> list[Path]:
    paths: list[Path] = []
    for arg in args:
        path = Path(arg)
        paths += (
            sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES) if path.is_dir() else [path]
        )
    return paths


def counts(path: Path) -> dict[str, object]:
    """Fact counts of one document and the facts that should not exist."""
    parsed = parse_path(path)
    money_cells = sum(1 for c in parsed.cells if c.amount_krw is not None)
    bad_kpi = funding_source_programs(parsed.kpi_facts)
    no_org = sum(1 for h in parsed.headcounts if not h.org_unit)
    sums = org_sums(parsed.budget_facts)
    return {
        "doc": path.name,
        "headcounts": len(parsed.headcounts),
        "hc_no_org": no_org,
        "budget": len(parsed.budget_facts),
        "budget_org": sum(1 for b in parsed.budget_facts if getattr(b, "org_unit", None)),
        "kpi": len(parsed.kpi_facts),
        "mentions": sum(1 for m in parsed.amount_mentions if not m.is_part),
        "parts": sum(1 for m in parsed.amount_mentions if m.is_part),
        "won_cells": money_cells,
        "ranges": sum(1 for m in parsed.amount_mentions if getattr(m, "amount_low_krw", None) is not None),
        "kpi_funding_programs": bad_kpi,
        "hc_categories": sorted({h.category for h in parsed.headcounts}),
        "hc_name_categories": name_categories(parsed.headcounts, parsed.cells),
        "org_sums_checked": sums.checked,
        "org_sums_wrong": sums.wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--json")
    args = parser.parse_args()
    rows = [counts(p) for p in _files(args.paths)]
    keys = [
        "headcounts",
        "hc_no_org",
        "budget",
        "budget_org",
        "kpi",
        "mentions",
        "parts",
        "won_cells",
        "ranges",
    ]
    print(f"{'document':58} " + " ".join(f"{k:>10}" for k in keys))
    for row in rows:
        print(f"{str(row['doc'])[:58]:58} " + " ".join(f"{row[k]!s:>10}" for k in keys))
    print(f"{'TOTAL':58} " + " ".join(f"{sum(int(r[k]) for r in rows):>10}" for k in keys))  # type: ignore[call-overload]
    for row in rows:
        if row["kpi_funding_programs"]:
            print(f"{row['doc']}: KPI programs that are funding sources: {row['kpi_funding_programs']}")
        print(f"{row['doc']}: headcount categories: {row['hc_categories']}")
        if row["hc_name_categories"]:
            print(f"{row['doc']}: headcount categories that are names: {row['hc_name_categories']}")
        if row["org_sums_checked"]:
            print(f"{row['doc']}: budget totals by org unit checked {row['org_sums_checked']}, differing:")
            for wrong in row["org_sums_wrong"]:  # type: ignore[attr-defined]
                print(f"    {wrong}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
