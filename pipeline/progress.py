"""Per-page progress of a long document, reported by the readers to whoever listens (the CLI's bar).

A context variable rather than a parameter threaded through every stage: parsing stays a pure
function of the file, and only a caller that wants progress sets a listener."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PageListener = Callable[[str, int, int], None]
"""Called with (doc_id, pages done, pages in all) after each page."""

_listener: ContextVar[PageListener | None] = ContextVar("page_listener", default=None)


def page_done(doc_id: str, done: int, total: int) -> None:
    """Tell the listener (if any) that one more page of `doc_id` was read."""
    listener = _listener.get()
    if listener is not None:
        listener(doc_id, done, total)


@contextmanager
def listening(listener: PageListener) -> Iterator[None]:
    """Route page progress to `listener` for the duration of the block."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
