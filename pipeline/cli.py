"""Command line: a thin layer over `pipeline.ingest`, `pipeline.warehouse`, `pipeline.outputs` and
`pipeline.summary`.

Heavy modules (the parsers, DuckDB, pyarrow, openpyxl) are imported inside the commands that use them, so
`pipeline --help` and `pipeline --version` answer at once. Errors print as one line on stderr; `-v` shows
the traceback and debug logging.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from dataclasses import asdict, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from pipeline.defaults import DEFAULT_PARSED, DEFAULT_RAW, DEFAULT_WAREHOUSE

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from pipeline.gate import DocumentCheck
    from pipeline.outputs.query import QueryFormat as OutputFormat

app = typer.Typer(
    help="Korean public-sector work reports to a DuckDB warehouse.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
log = logging.getLogger("pipeline")


class Verbosity:
    """What the global -v / -q asked for (read by `main` to decide how to print an error)."""

    level = 0


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


class QueryFormat(StrEnum):
    auto = "auto"
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


WarehouseOption = Annotated[
    Path, typer.Option("--warehouse", "-w", help="DuckDB file.", envvar="PIPELINE_WAREHOUSE")
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", help="Worker processes (0: one per core).", envvar="PIPELINE_JOBS")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only failures.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object per document.")]
ExecutorOption = Annotated[
    str,
    typer.Option(
        "--executor",
        "-e",
        help="local (worker processes) or ray (needs the ray extra: pip install '.\\[ray]').",
        envvar="PIPELINE_EXECUTOR",
    ),
]


def version_callback(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        from pipeline import PARSER_VERSION

        try:
            installed = version("report-pipeline")
        except PackageNotFoundError:
            installed = "not installed"
        print(f"pipeline {installed} (parser {PARSER_VERSION})")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[
        int,
        typer.Option("--verbose", "-v", count=True, help="More detail; -vv debug; errors with traceback."),
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Warnings and errors only.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Korean public-sector work reports to a DuckDB warehouse."""
    Verbosity.level = -1 if quiet else verbose
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(Verbosity.level, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("pipeline").setLevel(level)


def quiet_mode(quiet: bool) -> bool:
    return quiet or Verbosity.level < 0


def progress_bar(disabled: bool) -> Progress:
    """The progress bar of multi-document commands (off in quiet and JSON modes), with elapsed time and
    an estimate of what is left."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=disabled or not console.is_terminal,
    )


def page_listener(progress: Progress):
    """A per-page bar for each long document parsed in this process (PDFs report their pages)."""
    tasks: dict[str, TaskID] = {}

    def on_page(doc_id: str, done: int, total: int) -> None:
        if doc_id not in tasks:
            tasks[doc_id] = progress.add_task(f"  {doc_id} pages", total=total)
        progress.update(tasks[doc_id], completed=done, visible=done < total)

    return on_page


def say(message: str) -> None:
    """A result line for people (stdout), plain text."""
    print(message)


def fail(message: str, code: int = 1) -> typer.Exit:
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(code)


PdfEngineOption = Annotated[
    str,
    typer.Option(
        "--pdf-engine", help="Read PDF pages with pdfium (fast, default) or pdfplumber (the reference)."
    ),
]


def parse_settings(pdf_engine: str):
    """The parse settings of a command's options (an unknown PDF engine is a usage error)."""
    from pipeline.parse import ParseSettings
    from pipeline.readers.settings import PDF_ENGINES, PdfSettings, ReaderSettings

    if pdf_engine not in PDF_ENGINES:
        raise fail(f"unknown --pdf-engine {pdf_engine!r}: expected one of {', '.join(PDF_ENGINES)}", 2)
    return ParseSettings(readers=ReaderSettings(pdf=PdfSettings(engine=pdf_engine)))


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: raw/).")] = None,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    parsed_dir: Annotated[
        Path, typer.Option("--parsed-dir", help="Where per-document JSON goes.", envvar="PIPELINE_PARSED_DIR")
    ] = DEFAULT_PARSED,
    force: Annotated[bool, typer.Option("--force", help="Re-parse unchanged documents too.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove documents whose file is gone.")] = False,
    jobs: JobsOption = 0,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
    executor: ExecutorOption = "local",
    time_budget: Annotated[
        float, typer.Option("--time-budget", help="Seconds one document may take to parse (0: no limit).")
    ] = 300.0,
    memory_budget: Annotated[
        int, typer.Option("--memory-budget", help="MB a parser worker may take for a document (0: none).")
    ] = 2048,
    pdf_engine: PdfEngineOption = "pdfium",
) -> None:
    """Parse reports and load them into the warehouse: `parse` and `load` on one machine.

    Exit 0 when every document loaded (or was unchanged, or a recorded duplicate); 1 when a document
    failed, a folder could not be read or the run was interrupted; 2 when the command itself could not
    run (a path that does not exist, a locked warehouse, a refused prune)."""
    from pipeline.budget import Budget
    from pipeline.executors import ExecutorError
    from pipeline.identity import path_text
    from pipeline.ingest import InputPathError, PruneRefusedError, ingest, scan_paths
    from pipeline.progress import listening
    from pipeline.warehouse.store import WarehouseLockedError

    settings = parse_settings(pdf_engine)
    quiet = quiet_mode(quiet)
    targets = paths or [DEFAULT_RAW]
    try:
        total = len(scan_paths(targets).files)
    except InputPathError as error:
        raise fail(str(error), 2) from error
    with progress_bar(disabled=quiet or as_json) as progress, listening(page_listener(progress)):
        task = progress.add_task("ingest", total=total)

        def advance(outcome) -> None:
            progress.update(task, advance=1, description=outcome.doc_id)
            if as_json:
                record = {k: path_text(v) if isinstance(v, Path) else v for k, v in asdict(outcome).items()}
                print(json.dumps(record, ensure_ascii=False))
            elif outcome.error:
                from rich.markup import escape

                progress.console.print(
                    f"[red]{outcome.status}[/red] {escape(outcome.doc_id)}: {escape(outcome.error)}",
                    highlight=False,
                )

        try:
            report = ingest(
                targets,
                warehouse,
                parsed_dir,
                force=force,
                prune=prune,
                jobs=jobs or None,
                on_document=advance,
                executor=executor,
                settings=replace(settings, budget=Budget(seconds=time_budget, memory_mb=memory_budget)),
            )
        except (WarehouseLockedError, ExecutorError, InputPathError, PruneRefusedError) as error:
            raise fail(str(error), 2) from error
    if report.interrupted:
        print(
            f"interrupted: stopped after {len(report.outcomes)} of {total} documents; every document in "
            "the warehouse is whole (its old or its new version)",
            file=sys.stderr,
        )
    if not as_json and (not quiet or not report.ok):
        say(f"{report.summary()} -> {warehouse}")
    if not report.ok:
        raise typer.Exit(1)


@app.command("parse")
def parse_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Record folder (Parquet per document and table).")],
    executor: ExecutorOption = "local",
    jobs: JobsOption = 0,
    force: Annotated[bool, typer.Option("--force", help="Re-parse unchanged documents too.")] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove the record files of documents whose file is gone.")
    ] = False,
    quiet: QuietOption = False,
    pdf_engine: PdfEngineOption = "pdfium",
) -> None:
    """Parse reports into a folder of record files, without a warehouse; unchanged files are skipped."""
    from pipeline.corpus import parse_corpus
    from pipeline.executors import ExecutorError
    from pipeline.ingest import PruneRefusedError, collect_paths

    quiet = quiet_mode(quiet)
    with progress_bar(disabled=quiet) as progress:
        task = progress.add_task("parse", total=len(collect_paths(paths)))

        def advance(summary) -> None:
            progress.update(task, advance=1, description=summary.doc_id)
            if summary.error:
                progress.console.print(f"[red]failed[/red] {summary.doc_id}: {summary.error}")

        try:
            report = parse_corpus(
                paths, out, executor, jobs or None, force, advance, parse_settings(pdf_engine), prune
            )
        except (ExecutorError, PruneRefusedError) as error:
            raise fail(str(error), 2) from error
    if not quiet:
        say(
            f"{report.count('ok')} parsed, {len(report.skipped)} unchanged, {report.count('failed')} failed, "
            f"{len(report.duplicates)} duplicate, {len(report.pruned)} pruned -> {out}"
        )


@app.command("load")
def load_command(
    folder: Annotated[Path, typer.Argument(help="Record folder written by `pipeline parse`.")],
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    quiet: QuietOption = False,
) -> None:
    """Load a record folder into the warehouse in one pass, replacing the documents it holds again."""
    from pipeline.load import load_folder
    from pipeline.warehouse.store import WarehouseLockedError

    try:
        outcomes = load_folder(folder, warehouse)
    except WarehouseLockedError as error:
        raise fail(str(error), 2) from error
    for outcome in outcomes:
        if outcome.error:
            print(f"{outcome.event} {outcome.doc_id}: {outcome.error}", file=sys.stderr)
    if not quiet_mode(quiet):
        loaded = sum(1 for o in outcomes if o.event == "loaded")
        copies = sum(1 for o in outcomes if o.event == "duplicate")
        say(f"{loaded} loaded, {copies} duplicate, {len(outcomes) - loaded - copies} failed -> {warehouse}")


@app.command("lake")
def lake_command(
    folder: Annotated[Path, typer.Argument(help="Record folder written by `pipeline parse`.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="DuckDB file of views (default: FOLDER/lake.duckdb).")
    ] = None,
) -> None:
    """Create DuckDB views over a record folder: the warehouse's tables and SQL, without loading."""
    from pipeline.corpus import lake

    database = lake(folder, out)
    say(f'views over {folder} in {database}: pipeline query -w {database} "SELECT ..."')


@app.command("query")
def query_command(
    sql: Annotated[str, typer.Argument(help="SQL text, a .sql file, or - to read stdin.")],
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    fmt: Annotated[
        QueryFormat,
        typer.Option("--format", "-f", help="auto: a table on a terminal, CSV when piped."),
    ] = QueryFormat.auto,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Print at most this many rows.")] = None,
    allow_files: Annotated[
        bool,
        typer.Option(
            "--allow-file-access",
            help="Let the SQL read and write files (COPY, read_csv, ATTACH); off by default.",
        ),
    ] = False,
) -> None:
    """Run SQL against the warehouse (read-only) and print the rows.

    The SQL sees the warehouse only: other files cannot be read or written (DuckDB's external access is
    disabled and the setting locked) unless --allow-file-access is given."""
    from pipeline.outputs.query import read_sql, run_query, write_result

    terminal = sys.stdout.isatty()
    chosen = cast(
        "OutputFormat", fmt.value if fmt is not QueryFormat.auto else ("table" if terminal else "csv")
    )
    result = run_query(warehouse, read_sql(sql), limit, external_access=allow_files)
    write_result(result, chosen, sys.stdout, terminal=terminal)
    if result.more:
        print(f"(first {limit} rows; more left off by --limit)", file=sys.stderr)


@app.command("show")
def show_command(doc_id: str, warehouse: WarehouseOption = DEFAULT_WAREHOUSE) -> None:
    """Summarise what was extracted from one document."""
    from pipeline.summary import document_summary
    from pipeline.warehouse.store import Warehouse

    with Warehouse(warehouse, read_only=True) as store:
        summary = document_summary(store, doc_id)
    if summary is None:
        raise fail(f"no document '{doc_id}' in {warehouse}")
    say(summary)


@app.command("validate")
def validate_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Reports or folders (default: raw/).")] = None,
    min_coverage: Annotated[float, typer.Option(help="Minimum share of numbers captured (0-1).")] = 0.0,
    max_check_errors: Annotated[
        int | None, typer.Option(help="Most arithmetic check errors allowed per document.")
    ] = None,
    allow_needs_ocr: Annotated[
        bool,
        typer.Option(
            "--allow-needs-ocr",
            help="Report, without failing, a document whose file carries no readable text (needs OCR).",
        ),
    ] = False,
    jobs: JobsOption = 1,
    as_json: JsonOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only documents that fail.")] = False,
) -> None:
    """Parse reports without writing the warehouse; exit 1 when any fails to parse or misses a threshold."""
    import os

    from pipeline.gate import GateSettings, validate_paths
    from pipeline.ingest import InputPathError, collect_paths
    from pipeline.progress import listening

    quiet = quiet_mode(quiet)
    settings = GateSettings(
        min_coverage=min_coverage, max_check_errors=max_check_errors, allow_needs_ocr=allow_needs_ocr
    )
    targets = paths or [DEFAULT_RAW]
    try:
        total = len(collect_paths(targets))
    except InputPathError as error:
        raise fail(str(error), 2) from error
    if total == 0:
        raise fail("no report to validate: no supported file under " + ", ".join(str(t) for t in targets))
    with progress_bar(disabled=quiet or as_json) as progress, listening(page_listener(progress)):
        task = progress.add_task("validate", total=total)
        checks = validate_paths(
            targets,
            settings,
            lambda c: progress.update(task, advance=1, description=c.doc_id),
            jobs=jobs or os.cpu_count() or 1,
        )
    for check in checks:
        if as_json:
            print(json.dumps({**asdict(check), "passed": check.passed}, ensure_ascii=False))
        elif not quiet or not check.passed:
            say(gate_line(check))
    if not all(c.passed for c in checks):
        raise typer.Exit(1)


def gate_line(check: DocumentCheck) -> str:
    """One line of the validate summary."""
    if not check.parsed:
        return f"{'ocr?' if check.passed else 'FAIL'} {check.doc_id}: {check.error}"
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
    from pipeline.coverage import document_coverage
    from pipeline.warehouse.store import Warehouse

    with Warehouse(warehouse, read_only=True) as store:
        _, known = store.query("SELECT status FROM documents WHERE doc_id = ?", [doc_id])
        if not known:
            raise fail(f"no document '{doc_id}' in {warehouse}")
        result = document_coverage(store, doc_id)
    say(
        f"{doc_id}: {result.covered} of {result.total} numbers captured ({result.ratio:.1%}; "
        "dates, ordinals, list and page numbers not counted)"
    )
    for line, token in result.missing[:limit]:
        say(f"  line {line}: {token:<14} {result.texts.get(line, '').strip()}")
    if len(result.missing) > limit:
        say(f"  ... {len(result.missing) - limit} more")


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="Folder, or a file (one table, or an .xlsx workbook).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = ExportFormat.csv,
    table: Annotated[
        list[str] | None, typer.Option("--table", "-t", help="Table or view to export (repeatable).")
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom/--no-bom", help="CSV starts with a UTF-8 BOM, so Excel reads Korean.")
    ] = True,
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write warehouse tables to CSV, Parquet or an Excel workbook (first sheet: the analysts' summary)."""
    from pipeline.outputs.export import ExportError, export

    quiet = quiet_mode(quiet)
    with progress_bar(disabled=quiet or as_json) as progress:
        task = progress.add_task("export", total=len(table) if table else None)
        try:
            written = export(
                warehouse,
                out,
                fmt.value,
                table,
                lambda name: progress.update(task, advance=1, description=name),
                bom=bom,
            )
        except ExportError as error:
            raise fail(str(error), 2) from error
    if as_json:
        print(json.dumps({"format": fmt.value, "written": [str(p) for p in written]}, ensure_ascii=False))
    elif not quiet:
        say(f"{len(written)} file(s) written: " + ", ".join(str(p) for p in written))


@app.command("report")
def report_command(
    args: Annotated[list[str], typer.Argument(help="[DOC_ID ...] OUT.html")],
    warehouse: WarehouseOption = DEFAULT_WAREHOUSE,
    page: Annotated[
        list[int] | None, typer.Option("--page", "-p", help="Only the tables on this page (repeatable).")
    ] = None,
    images: Annotated[
        bool, typer.Option("--images/--no-images", help="Rendered PDF pages beside their tables.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
) -> None:
    """Write the HTML review page: tables beside their source lines and pages, failed cells marked."""
    from pipeline.outputs.review import write_review

    *doc_ids, out = args
    try:
        target = write_review(warehouse, Path(out), doc_ids or None, images, set(page) if page else None)
    except ValueError as error:
        raise fail(str(error)) from error
    if as_json:
        print(json.dumps({"written": str(target), "documents": doc_ids or "all"}, ensure_ascii=False))
    elif Verbosity.level >= 0:
        say(f"review page written: {target}")


@app.command("eval")
def eval_command(
    expected: Annotated[list[Path], typer.Argument(help="Expected-facts JSON files (expected/*.json).")],
    floor: Annotated[
        list[str] | None, typer.Option("--floor", help="KIND=SHARE: exit 1 when recall falls below it.")
    ] = None,
    misses: Annotated[bool, typer.Option("--misses/--no-misses", help="List the facts not found.")] = True,
    wrong: Annotated[
        bool, typer.Option("--wrong", help="List the records that match no expected fact (precision misses).")
    ] = False,
    labeled_only: Annotated[
        bool, typer.Option("--labeled-pages-only", help="Read only the pages the files label (faster).")
    ] = False,
    documents: Annotated[
        Path | None,
        typer.Option("--documents", help="Folder holding the documents, when not beside the expected files."),
    ] = None,
) -> None:
    """Parse the documents the expected-facts files name; print recall and precision per kind, and misses."""
    from pipeline.evaluate import KINDS, below_floors, evaluate, format_report

    try:
        floors = {k: float(v) for k, v in (item.split("=", 1) for item in floor or [])}
    except ValueError as error:
        raise fail(f"--floor takes KIND=SHARE (e.g. cells=0.8): {error}", 2) from error
    unknown = set(floors) - set(KINDS)
    if unknown:
        raise fail(f"unknown kind(s) {sorted(unknown)}; known: {', '.join(KINDS)}", 2)
    results = evaluate(expected, labeled_pages_only=labeled_only, documents=documents)
    print(format_report(results, show_misses=misses, show_wrong=wrong))
    failed = below_floors(results, floors)
    if failed:
        raise fail("; ".join(failed))


def one_line(error: BaseException) -> str:
    """An exception as one line a user can act on (DuckDB's first line says what and where)."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def main() -> None:
    """Entry point: run the app; an unexpected error is one line on stderr (a traceback with -v)."""
    started = time.perf_counter()
    try:
        app(prog_name="pipeline")
    except Exception as error:
        if Verbosity.level > 0:
            raise
        print(f"error: {one_line(error)}", file=sys.stderr)
        sys.exit(1)
    finally:
        log.debug("finished in %.2f s", time.perf_counter() - started)
