"""Draw the pages of a paged export several at once (``--jobs``): PDFs and picture decks.

On the command line (:func:`render_forked`) forked processes each plan and draw batches of
:data:`BATCH` pages (one ``dot`` run per batch for a PDF, saving its start-up), and the results
come back in page order, handed to the caller as they arrive (a PDF is joined meanwhile). In
the window's export thread, where forking is unsafe (:func:`can_fork`), :func:`render_in_order`
plans in the calling thread while a few threads each wait on one ``dot``. The output is the
same whatever the number of jobs (the batches do not depend on it).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

from orgeditor.export.deadline import Deadline
from orgeditor.progress import Cancelled, Progress

if TYPE_CHECKING:  # concurrent.futures costs 7 ms to import (logging): only when used
    from concurrent.futures import Future

__all__ = [
    "BATCH",
    "Lazy",
    "can_fork",
    "default_jobs",
    "render_forked",
    "render_in_order",
    "render_pages",
]

T = TypeVar("T")
R = TypeVar("R")
U = TypeVar("U")


class Lazy(Generic[T]):
    """``count`` items made on demand by ``make(i)`` (0-based): pages planned when drawn.

    Iterating makes them in order; ``lazy[i]`` makes item ``i`` alone, which is how a forked
    worker plans just the pages of its batch.
    """

    def __init__(self, count: int, make: Callable[[int], T]) -> None:
        self.count = count
        self.make = make

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: int) -> T:
        if not 0 <= i < self.count:
            raise IndexError(i)
        return self.make(i)

    def __iter__(self) -> Iterator[T]:
        return (self.make(i) for i in range(self.count))

    def map(self, fn: Callable[[T], U]) -> Lazy[U]:
        make = self.make
        return Lazy(self.count, lambda i: fn(make(i)))


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
    take: Callable[[list[R]], None] | None = None,
) -> list[R]:
    """``render`` applied to ``items`` in batches of ``batch``, up to ``jobs`` at once, flat.

    ``render(batch)`` returns one result per item and must spend its time outside Python (a
    ``dot`` process), so threads suffice. ``items`` is consumed lazily by the calling thread
    (planning overlaps the drawing), with at most ``2 * jobs`` batches in flight.
    ``progress.advance(n)`` is called in the calling thread as batches finish, in order; the
    deadline and ``progress.cancelled()`` are checked before each batch. On any error (or
    :class:`~orgeditor.progress.Cancelled`) the batches not started are dropped and the
    error is raised once the running ones end.

    With ``take``, each batch's results are handed to ``take`` (in order, as they are ready,
    while later batches are drawn) instead of being returned.
    """
    out: list[R] = []
    keep = take or out.extend
    if jobs <= 1:
        for chunk in _batches(items, batch):
            _check(deadline, progress)
            keep(render(chunk))
            progress.advance(len(chunk))
        return out
    from concurrent.futures import ThreadPoolExecutor

    pending: deque[Future[list[R]]] = deque()

    def collect() -> None:
        done = pending.popleft().result()
        keep(done)
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


#: the work of :func:`render_forked`, inherited by its forked workers
_WORK: Callable[[range], list[object]] | None = None


def _run_work(batch: range) -> list[object]:
    assert _WORK is not None
    return _WORK(batch)


def can_fork() -> bool:
    """Whether :func:`render_forked` may be used: Linux-style ``fork``, and only this thread
    running (forking a process with other threads, such as the window's, risks a child stuck
    on a lock one of them held)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:  # every thread of the process, Qt's and other libraries' too, not only Python's
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def render_forked(
    count: int,
    render: Callable[[range], list[R]],
    jobs: int,
    progress: Progress,
    deadline: Deadline | None = None,
    batch: int = BATCH,
    take: Callable[[list[R]], None] | None = None,
) -> list[R]:
    """``render(range(i, i + batch))`` for every batch of ``range(count)`` in ``jobs`` forked
    processes, results flat and in order.

    Each worker both plans its pages (Python, which threads cannot share) and runs ``dot`` on
    them, so planning too uses every core. ``progress.advance(n)`` runs here as batches
    finish, in order; the deadline and ``progress.cancelled()`` are checked between batches;
    on an error the batches not started are dropped. ``take``: as for :func:`render_in_order`.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORK
    _WORK = render  # type: ignore[assignment]
    out: list[R] = []
    keep = take or out.extend
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [
                pool.submit(_run_work, range(i, min(i + batch, count)))
                for i in range(0, count, batch)
            ]
            try:
                for future in futures:
                    _check(deadline, progress)
                    done = future.result()
                    keep(done)  # type: ignore[arg-type]
                    progress.advance(len(done))
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    finally:
        _WORK = None
    return out


def render_pages(
    pages: Lazy[T],
    render: Callable[[list[T]], list[R]],
    jobs: int,
    progress: Progress,
    deadline: Deadline | None = None,
    take: Callable[[list[R]], None] | None = None,
    *,
    fork: bool,
    batch: int = BATCH,
) -> list[R]:
    """``render`` applied to ``pages`` in batches, ``jobs`` at a time, results in order.

    With ``fork`` (when :func:`can_fork`) in forked processes, each planning its pages
    (``pages[i]``) and drawing them (:func:`render_forked`); else in this thread, with threads
    waiting on ``dot`` (:func:`render_in_order`). ``take`` receives each batch's results as
    they are ready. ``batch``: pages a task draws (fixed, so that the output never depends on
    ``jobs``); smaller batches share the work out more evenly at the end.
    """
    if jobs > 1 and fork and len(pages) > batch:  # one batch: nothing to share out
        return render_forked(
            len(pages),
            lambda todo: render([pages[i] for i in todo]),
            jobs,
            progress,
            deadline,
            batch,
            take=take,
        )
    return render_in_order(pages, render, jobs, progress, deadline, batch, take=take)
