"""Parsing as a map over a cluster: Ray tasks, each parsing a few files into a record folder every node sees.

Ray is optional (`pip install '.[ray]'`) and imported only here, only when asked for. The driver hands out
batches of files, a few per CPU of the cluster at a time, and gets back one small summary per document;
the records themselves go to the shared folder (pipeline/recordfiles.py). A worker lost mid-batch makes
Ray run the batch again, and the new attempt skips the documents this run already committed, so only
the lost worker's documents are parsed again. A batch that fails for good records its documents as failed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from pathlib import Path

from pipeline.parse import ParseResult, ParseSettings, now
from pipeline.recordfiles import RecordSummary, committed_summary, parse_to_folder, store_parse_result

EXECUTORS = ("local", "ray")
BATCH_DOCS = 4
"""Files per Ray task: enough to amortise scheduling, few enough that a lost worker costs little."""
IN_FLIGHT_PER_CPU = 2
MAX_RETRIES = 3
"""Attempts after a lost worker (Ray's own default for tasks)."""

Work = tuple[Path, str | None, str]


class ExecutorError(RuntimeError):
    """The executor cannot run here (Ray not installed, cluster unreachable)."""


def parse_batch(
    items: list[Work],
    folder: str,
    json_dir: str | None,
    started: datetime,
    cwd: str,
    settings: ParseSettings | None = None,
) -> list[RecordSummary]:
    """A Ray task: parse files into the record folder, skipping those this run already committed (a retry).

    Relative paths are the driver's (`cwd`), and stay as given in the records, as with the local executor.
    """
    if Path(cwd).is_dir():
        os.chdir(cwd)
    summaries = []
    for path, digest, doc_id in items:
        done = committed_summary(Path(folder), doc_id, digest, since=started)
        if done is None:
            notes = Path(json_dir) if json_dir else None
            done = parse_to_folder(path, digest, doc_id, settings, folder=Path(folder), json_dir=notes)
        summaries.append(done)
    return summaries


@cache
def _ray():
    try:
        import ray
    except ImportError as error:
        raise ExecutorError(
            "the ray executor needs Ray: pip install 'report-pipeline[ray]' (or '.[ray]' in the repository)"
        ) from error
    return ray


def ray_map(
    work: list[Work], folder: Path, json_dir: Path | None = None, settings: ParseSettings | None = None
) -> Iterator[RecordSummary]:
    """Parse `work` on Ray (the running Ray, the cluster at RAY_ADDRESS, or a new local one), yielding
    summaries as batches finish. Paths must be ones every node can open."""
    if not work:
        return
    ray = _ray()
    own = not ray.is_initialized()
    if own:
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        task = ray.remote(max_retries=MAX_RETRIES, retry_exceptions=False)(parse_batch)
        started = now()
        target, notes = str(folder.resolve()), str(json_dir.resolve()) if json_dir else None
        cwd = os.getcwd()
        batches = [work[k : k + BATCH_DOCS] for k in range(0, len(work), BATCH_DOCS)]
        limit = max(1, int(ray.cluster_resources().get("CPU", os.cpu_count() or 1)) * IN_FLIGHT_PER_CPU)
        queue = iter(batches)
        pending: dict = {}
        for batch in queue:
            pending[task.remote(batch, target, notes, started, cwd, settings)] = batch
            if len(pending) >= limit:
                break
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                batch = pending.pop(ref)
                try:
                    yield from ray.get(ref)
                except Exception as error:  # the batch failed for good: its documents fail, the job goes on
                    message = f"parser worker failed: {type(error).__name__}: {str(error).splitlines()[0]}"
                    for path, digest, doc_id in batch:
                        yield store_parse_result(folder, ParseResult(path, doc_id, digest, error=message))
                following = next(queue, None)
                if following is not None:
                    pending[task.remote(following, target, notes, started, cwd, settings)] = following
    finally:
        if own:
            ray.shutdown()
