"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

__all__ = ["median_time", "median_times"]


def median_time(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``fn()`` in seconds over ``runs`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def median_times(
    fns: list[Callable[[], object]], runs: int, clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    """Median times of several functions run in turns (after one warm-up each), so that a
    machine busy for a while slows them alike; ``clock=time.process_time`` counts this
    process's CPU time only (steadier on a shared machine than wall time)."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, out in zip(fns, times, strict=True):
            gc.collect()
            t0 = clock()
            fn()
            out.append(clock() - t0)
    return [statistics.median(t) for t in times]
