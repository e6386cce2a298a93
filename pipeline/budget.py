"""Per-document time and memory budgets, and the setup of parser worker processes.

A document that runs past its budget fails alone with a reason; the run goes on. Time is enforced with a
real-time interval timer in the thread that parses (the main thread of a worker, or of a serial ingest);
memory with an address-space limit on each worker process (a serial ingest parses in the writer's own
process, where only the time budget applies). Workers ignore Ctrl-C (the parent stops them) and are
killed by the kernel when the parent dies, so no orphan keeps parsing.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import resource
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass

PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Budget:
    """What one document may cost before it fails alone."""

    seconds: float = 300.0
    """Wall-clock seconds to read, lay out and extract one document (0: no limit)."""
    memory_mb: int = 2048
    """Memory a parser worker may take on top of what it holds at start (0: no limit)."""


class DocumentBudgetError(Exception):
    """A document ran past its time budget."""


@contextlib.contextmanager
def within_budget(budget: Budget) -> Iterator[None]:
    """Raise `DocumentBudgetError` in this thread when the block runs past `budget.seconds`."""
    usable = budget.seconds > 0 and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentBudgetError(
            f"took longer than the budget of {budget.seconds:g} s per document: stopped "
            "(raise the budget with --time-budget if the document is genuinely this large)"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def worker_setup(budget: Budget, parent: int | None = None) -> None:
    """Run at the start of each parser worker: die with the parent, leave Ctrl-C to the parent, and
    cap the worker's memory. `parent` is the pid of the process that started the pool, taken before the
    fork: a parent that died between the fork and this setup (a busy machine can delay a new worker that
    long) has no death left to signal, and the worker, already adopted by another process, would wait
    for work forever (it holds the task pipe's write end itself, so it never reads an end of file)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    parent = os.getppid() if parent is None else parent
    if os.getppid() != parent:  # checked after the signal is set: the parent is gone already
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if budget.memory_mb > 0:
        _limit_memory(budget.memory_mb)
    # what the worker inherited from the parent at the fork (imports, the parent's state) is never garbage
    # here: kept out of the collector, whose full collections walked (and wrote to) all of it
    gc.freeze()


def _watch_parent(parent: int) -> None:
    """Where the kernel cannot kill us with the parent (not Linux), notice it is gone and exit."""
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _limit_memory(extra_mb: int) -> None:
    """Address space of this process: what it maps now plus the budget."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return
    limit = current + extra_mb * 2**20
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
