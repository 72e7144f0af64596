"""Draw the pages of a paged export with several Graphviz runs at once (``--jobs``).

Pages go to ``dot`` in batches of :data:`BATCH` (one process draws several pages, saving its
start-up), and batches are laid out in parallel simply by running several ``dot`` processes
together: a few threads each wait on one ``dot`` while the calling thread keeps planning the
next pages and collecting finished ones, in page order. The output is the same whatever the
number of jobs (the batches do not depend on it).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from orgeditor.export.deadline import Deadline
from orgeditor.progress import Cancelled, Progress

__all__ = ["BATCH", "default_jobs", "render_in_order"]

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


#: pages drawn by one ``dot`` run (fixed, so that the output never depends on ``jobs``)
BATCH = 8


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def render_in_order(
    items: Iterable[T],
    render: Callable[[list[T]], list[R]],
    jobs: int,
    progress: Progress,
    deadline: Deadline | None = None,
    batch: int = BATCH,
) -> list[R]:
    """``render`` applied to ``items`` in batches of ``batch``, up to ``jobs`` at once, flat.

    ``render(batch)`` returns one result per item and must spend its time outside Python (a
    ``dot`` process), so threads suffice. ``items`` is consumed lazily by the calling thread
    (planning overlaps the drawing), with at most ``2 * jobs`` batches in flight.
    ``progress.advance(n)`` is called in the calling thread as batches finish, in order; the
    deadline and ``progress.cancelled()`` are checked before each batch. On any error (or
    :class:`~orgeditor.progress.Cancelled`) the batches not started are dropped and the
    error is raised once the running ones end.
    """
    out: list[R] = []
    if jobs <= 1:
        for chunk in _batches(items, batch):
            _check(deadline, progress)
            out.extend(render(chunk))
            progress.advance(len(chunk))
        return out
    pending: deque[Future[list[R]]] = deque()

    def collect() -> None:
        done = pending.popleft().result()
        out.extend(done)
        progress.advance(len(done))

    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="dot") as pool:
        try:
            for chunk in _batches(items, batch):
                _check(deadline, progress)
                pending.append(pool.submit(render, chunk))
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
