"""Command line: a thin layer over `pipeline.ingest`, `pipeline.warehouse` and `pipeline.summary`."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table as RichTable

from pipeline.coverage import document_coverage
from pipeline.gate import DocumentCheck, GateSettings, validate_paths
from pipeline.ingest import DEFAULT_PARSED, DEFAULT_RAW, collect_paths, ingest
from pipeline.outputs.export import ExportError, export
from pipeline.outputs.review import write_review
from pipeline.summary import document_summary
from pipeline.warehouse.store import DEFAULT_WAREHOUSE, Warehouse, WarehouseLockedError

app = typer.Typer(help="Korean public-sector work reports to a DuckDB warehouse.", no_args_is_help=True)
console = Console()


def progress_bar(disabled: bool) -> Progress:
    """The progress bar of multi-document commands (off in quiet and JSON modes)."""
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, disable=disabled
    )


WarehouseOption = Annotated[Path, typer.Option("--warehouse", "-w", help="DuckDB file.")]


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: raw/).")] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    parsed_dir: Annotated[
        Path, typer.Option("--parsed-dir", help="Where per-document JSON goes.")
    ] = DEFAULT_PARSED,
    force: Annotated[bool, typer.Option("--force", help="Re-parse unchanged documents too.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove documents whose file is gone.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Parser processes (0: one per core).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only failures.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per document.")] = False,
) -> None:
    """Parse reports and load them into the warehouse, one transaction per document."""
    targets = paths or [DEFAULT_RAW]
    total = len(collect_paths(targets))
    with progress_bar(disabled=quiet or as_json) as progress:
        task = progress.add_task("ingest", total=total)

        def advance(outcome) -> None:
            progress.update(task, advance=1, description=outcome.doc_id)
            if as_json:
                record = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(outcome).items()}
                print(json.dumps(record, ensure_ascii=False))
            elif outcome.error:
                progress.console.print(f"[red]{outcome.status}[/red] {outcome.doc_id}: {outcome.error}")

        try:
            report = ingest(
                targets,
                warehouse,
                parsed_dir,
                force=force,
                prune=prune,
                jobs=jobs or None,
                on_document=advance,
            )
        except WarehouseLockedError as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(2) from error
    if not quiet and not as_json:
        console.print(
            f"{report.count('loaded')} loaded, {report.count('skipped')} unchanged, "
            f"{report.count('failed') + report.count('kept_previous')} failed"
            + (f", {len(report.pruned)} pruned" if report.pruned else "")
            + f" -> {warehouse}"
        )


@app.command("query")
def query_command(
    sql: Annotated[str, typer.Argument(help="SQL to run.")], warehouse: WarehouseOption = DEFAULT_WAREHOUSE
) -> None:
    """Run SQL against the warehouse and print the result as a table."""
    with Warehouse(warehouse, read_only=True) as store:
        names, rows = store.query(sql)
    table = RichTable(*names)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


@app.command("show")
def show_command(doc_id: str, warehouse: WarehouseOption = DEFAULT_WAREHOUSE) -> None:
    """Summarise what was extracted from one document."""
    with Warehouse(warehouse, read_only=True) as store:
        summary = document_summary(store, doc_id)
    if summary is None:
        console.print(f"[red]no document '{doc_id}' in {warehouse}[/red]")
        raise typer.Exit(1)
    console.print(summary)


@app.command("validate")
def validate_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Reports or folders (default: raw/).")] = None,
    min_coverage: Annotated[float, typer.Option(help="Minimum share of numbers captured (0-1).")] = 0.0,
    max_check_errors: Annotated[
        int | None, typer.Option(help="Most arithmetic check errors allowed per document.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per document.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only documents that fail.")] = False,
) -> None:
    """Parse reports without writing the warehouse; exit 1 when any fails to parse or misses a threshold."""
    settings = GateSettings(min_coverage=min_coverage, max_check_errors=max_check_errors)
    targets = paths or [DEFAULT_RAW]
    with progress_bar(disabled=quiet or as_json) as progress:
        task = progress.add_task("validate", total=len(collect_paths(targets)))
        checks = validate_paths(
            targets, settings, lambda c: progress.update(task, advance=1, description=c.doc_id)
        )
    for check in checks:
        if as_json:
            print(json.dumps({**asdict(check), "passed": check.passed}, ensure_ascii=False))
        elif not quiet or not check.passed:
            console.print(gate_line(check), highlight=False, soft_wrap=True)
    if not all(c.passed for c in checks):
        raise typer.Exit(1)


def gate_line(check: DocumentCheck) -> str:
    """One line of the validate summary."""
    if not check.parsed:
        return f"FAIL {check.doc_id}: {check.error}"
    facts = sum(check.facts.values())
    status = "ok  " if check.passed else "FAIL"
    line = (
        f"{status} {check.doc_id}: {check.tables} tables, {check.cells} cells, {facts} facts, "
        f"coverage {check.coverage:.1%}, {check.check_errors} check errors, {check.check_warnings} warnings"
    )
    return line + ("" if check.passed else " -- " + "; ".join(check.reasons))


@app.command("coverage")
def coverage_command(
    doc_id: str,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    limit: Annotated[int, typer.Option(help="How many uncovered numbers to list.")] = 50,
) -> None:
    """How many numbers of a stored document landed in cells or amount mentions, and which did not."""
    with Warehouse(warehouse, read_only=True) as store:
        result = document_coverage(store, doc_id)
    console.print(
        f"{doc_id}: {result.covered} of {result.total} numeric tokens captured ({result.ratio:.1%})"
    )
    for line, token in result.missing[:limit]:
        console.print(f"  line {line}: {token}", highlight=False)
    if len(result.missing) > limit:
        console.print(f"  ... {len(result.missing) - limit} more")


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="Folder, or a file for one table / an .xlsx workbook.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, parquet or xlsx.")] = "csv",
    table: Annotated[
        list[str] | None, typer.Option("--table", "-t", help="Table to export (repeatable).")
    ] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write warehouse tables to CSV, Parquet or an Excel workbook."""
    with progress_bar(disabled=quiet or as_json) as progress:
        task = progress.add_task("export", total=len(table) if table else None)
        try:
            written = export(
                warehouse, out, fmt, table, lambda name: progress.update(task, advance=1, description=name)
            )
        except ExportError as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(2) from error
    if as_json:
        print(json.dumps({"format": fmt, "written": [str(p) for p in written]}, ensure_ascii=False))
    elif not quiet:
        console.print(
            f"{len(written)} file(s) written: " + ", ".join(str(p) for p in written), soft_wrap=True
        )


@app.command("report")
def report_command(
    args: Annotated[list[str], typer.Argument(help="[DOC_ID ...] OUT.html")],
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """Write the HTML review page: tables beside their source lines, flagged cells highlighted."""
    *doc_ids, out = args
    try:
        target = write_review(warehouse, Path(out), doc_ids or None)
    except ValueError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    if as_json:
        print(json.dumps({"written": str(target), "documents": doc_ids or "all"}, ensure_ascii=False))
    else:
        console.print(f"review page written: {target}", soft_wrap=True)


def main() -> None:
    app()
