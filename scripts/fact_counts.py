"""Counts of facts per kind for each document, plus the facts no report should give.

    .venv/bin/python scripts/fact_counts.py raw/ ../shared/realdocs/busan2025_*.pdf [--json out.json]

Prints one row per document (headcounts, budget facts, KPI facts, money mentions and parts, cells with a
won value) and lists the suspicious facts: KPI facts whose program is a funding source, headcounts whose
category is not a staff category (a person's name), headcounts with no org unit. Parses each file with
`pipeline.parse.parse_path`: no warehouse, nothing written.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from pipeline.lexicon.words import compact, funding_source, is_total_label
from pipeline.parse import parse_path
from pipeline.schemas.facts import BudgetFact

SUFFIXES = {".txt", ".pdf", ".html", ".htm"}
PERSON_NAME = re.compile(r"^[가-힣]{2,4}$")


def _files(args: list[str]) -> list[Path]:
    paths: list[Path] = []
    for arg in args:
        path = Path(arg)
        paths += (
            sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES) if path.is_dir() else [path]
        )
    return paths


def org_sums(facts: list[BudgetFact]) -> tuple[int, list[str]]:
    """Budget facts by org unit against their printed total: (totals checked, the ones that differ).

    Facts of one table, measure, year, source and direction are one group; the org facts of a row (orgs
    as columns) or of a column (orgs as rows) add up to the group's total without an org."""
    groups: dict[tuple[object, ...], list[BudgetFact]] = {}
    for fact in facts:
        org_row = bool(fact.org_unit) and compact(fact.subject or "").endswith(compact(fact.org_unit))
        total_row = fact.is_total and is_total_label((fact.subject or "").split(" > ")[-1])
        subject = None if org_row or total_row else fact.subject
        key = (fact.table_id, fact.measure, fact.fiscal_year, fact.funding_source, fact.direction, subject)
        groups.setdefault(key, []).append(fact)
    checked, wrong = 0, []
    for group_key, group in groups.items():
        parts = [f for f in group if f.org_unit and not f.is_total]
        totals = [f for f in group if f.is_total and not f.org_unit]
        if len(parts) < 2 or len(totals) != 1:
            continue
        checked += 1
        if sum(f.amount_krw for f in parts) != totals[0].amount_krw:
            printed = [f.raw_text for f in parts]
            wrong.append(f"{group_key[0]} line {totals[0].line}: {totals[0].raw_text} vs parts {printed}")
    return checked, wrong


def counts(path: Path) -> dict[str, object]:
    """Fact counts of one document and the facts that should not exist."""
    parsed = parse_path(path)
    money_cells = sum(1 for c in parsed.cells if c.amount_krw is not None)
    bad_kpi = [k.program for k in parsed.kpi_facts if funding_source(k.program)]
    no_org = sum(1 for h in parsed.headcounts if not h.org_unit)
    checked, wrong = org_sums(parsed.budget_facts)
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
        "org_sums_checked": checked,
        "org_sums_wrong": wrong,
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
        if row["org_sums_checked"]:
            print(f"{row['doc']}: budget totals by org unit checked {row['org_sums_checked']}, differing:")
            for wrong in row["org_sums_wrong"]:  # type: ignore[attr-defined]
                print(f"    {wrong}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
