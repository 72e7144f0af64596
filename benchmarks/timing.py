"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["installed_env", "median_time", "median_times", "process_time", "process_times"]

ROOT = Path(__file__).resolve().parent.parent


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


def process_time(args: list[str]) -> float:
    """Wall time in seconds of ``python -m orgeditor ARGS`` as a whole process (exit 0 or 1
    expected; anything else stops the benchmark with the command's error)."""
    t = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "orgeditor", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        check=False,
    )
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"orgeditor {' '.join(args)} failed: {proc.stderr.decode()}")
    return elapsed


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


def installed_env(cache: Path | None = None) -> dict[str, str]:
    """The environment of timed child processes: Python's compiled modules kept and reused,
    as an installed orgeditor has them (in ``cache`` when given, else beside the sources).

    Without this a shell that sets ``PYTHONDONTWRITEBYTECODE`` (this project's sessions do)
    makes every run compile every module again, tens of ms of CPU no user pays.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if cache is not None:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def process_times(commands: list[list[str]], runs: int) -> list[dict[str, float]]:
    """Whole processes run in turns ``runs`` times each (after one warm-up each): per command
    the fastest and the median wall time and the least CPU time (user + system of the child,
    which other work on a shared machine disturbs far less than wall time), in seconds.

    The children may write ``.pyc`` files (:func:`installed_env`), so that after the warm-up
    they start as an installed orgeditor does, without compiling."""
    env = installed_env()
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for k in range(runs + 1):
        for cmd, wall, cpu in zip(commands, walls, cpus, strict=True):
            t = time.perf_counter()
            proc = subprocess.Popen(
                cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env
            )
            _pid, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - t
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(cmd)} failed with status {proc.returncode}")
            if k:  # the first round warms the disk cache and the .pyc files
                wall.append(elapsed)
                cpu.append(usage.ru_utime + usage.ru_stime)
    return [
        {"min": min(w), "median": statistics.median(w), "cpu": min(c)}
        for w, c in zip(walls, cpus, strict=True)
    ]
