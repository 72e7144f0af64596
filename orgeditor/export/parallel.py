"""Draw the pages of a paged export with several Graphviz runs at once (``--jobs``).

Each page is its own ``dot`` process, so pages are laid out in parallel simply by running
several of them together: a few threads each wait on one ``dot`` while the calling thread
keeps planning the next pages and collecting finished ones, in page order. The output is the
same whatever the number of jobs (each page's bytes come from the same ``dot`` run).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from orgeditor.export.deadline import Deadline
from orgeditor.progress import Cancelled, Progress

__all__ = ["default_jobs", "render_in_order"]

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """How many Graphviz runs at once by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def _check(deadline: Deadline | None, progress: Progress) -> None:
    if deadline is not None:
        deadline.check()
    if progress.cancelled():
        raise Cancelled(f"{progress.job} cancelled")


def render_in_order(
    items: Iterable[T],
    render: Callable[[T], R],
    jobs: int,
    progress: Progress,
    deadline: Deadline | None = None,
) -> list[R]:
    """``[render(item) for item in items]``, with up to ``jobs`` renders running at once.

    ``render`` must spend its time outside Python (a ``dot`` process), so threads suffice;
    ``items`` is consumed lazily by the calling thread (planning overlaps the drawing), and at
    most ``2 * jobs`` items are in flight. ``progress.advance()`` is called in the calling
    thread once per finished item, in order; the deadline and ``progress.cancelled()`` are
    checked before each item. On any error (or :class:`~orgeditor.progress.Cancelled`) the
    items not started are dropped and the error is raised once the running ones end.
    """
    out: list[R] = []
    if jobs <= 1:
        for item in items:
            _check(deadline, progress)
            out.append(render(item))
            progress.advance()
        return out
    pending: deque[Future[R]] = deque()

    def collect() -> None:
        out.append(pending.popleft().result())
        progress.advance()

    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="dot") as pool:
        try:
            for item in items:
                _check(deadline, progress)
                pending.append(pool.submit(render, item))
                while len(pending) >= 2 * jobs or (pending and pending[0].done()):
                    collect()
            while pending:
                _check(deadline, progress)
                collect()
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return out
