"""Benchmark the health checks (issue 5's performance targets).

Prints, for a synthetic org of 20,000 people (``--people``):

* ``orgeditor check FILE`` against ``orgeditor stats FILE`` on the same file, each run as a
  separate process several times (``--runs``), medians compared (target: check at most
  1.3x stats: both load the file, the rules must cost little beyond loading);
* in process: loading the file against running all the rules on it;
* the Health Checks dock (offscreen Qt): the refresh after one edit of each common kind —
  recompute of the rules the edit can affect, model reset, ``findingsChanged`` emitted —
  median and worst of ``--edits`` edits per kind (target: at most 50 ms).

Run it on a quiet machine (``uptime``)::

    .venv/bin/python benchmarks/bench_check.py
    .venv/bin/python benchmarks/bench_check.py --people 50000 --runs 7
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import process_time  # noqa: E402

__all__ = ["main"]


def bench_cli(path: Path, runs: int) -> None:
    check_t: list[float] = []
    stats_t: list[float] = []
    for _ in range(runs):  # interleaved, so load changes hit both alike
        stats_t.append(process_time(["stats", str(path)]))
        check_t.append(process_time(["check", str(path)]))
    c, s = statistics.median(check_t), statistics.median(stats_t)
    ratio = c / s
    print(
        f"cli    orgeditor check {c * 1000:8.1f} ms   orgeditor stats {s * 1000:8.1f} ms   "
        f"ratio {ratio:.2f}x  (target <= 1.3x: {'ok' if ratio <= 1.3 else 'MISSED'})"
    )


def _edits(doc, rng: random.Random) -> dict[str, Callable[[], None]]:  # type: ignore[no-untyped-def]
    org = doc.org
    placed = [p for p in org._placements if len(org._placements[p]) == 1]
    ics = [p.id for p in org.people.values() if p.manager and not org.direct_reports(p.id)]
    managers = [t.manager for t in org.teams.values() if t.manager]

    def move_cell() -> None:
        p = rng.choice(placed)
        (cell,) = org.cells_of(p)
        target = (cell[0], rng.choice(org.pipeline_order))
        if target != cell and org.share(p, *target) is None:
            doc.move_people([(p, cell)], target)

    def set_share() -> None:
        p = rng.choice(placed)
        (cell,) = org.cells_of(p)
        doc.set_share(p, cell[0], cell[1], rng.choice((40, 60, 80, 100)))

    def set_manager() -> None:
        doc.set_manager(rng.choice(ics), rng.choice(managers))

    def rename() -> None:
        doc.rename("person", rng.choice(ics), f"Renamed {rng.randrange(10**6)}")

    def retitle() -> None:
        doc.set_field("person", rng.choice(ics), "title", rng.choice(("Staff Engineer", "SWE")))

    def add_person() -> None:
        t = rng.choice(org.team_order)
        doc.add_person("New Hire", team=t, manager=org.teams[t].manager)

    def undo() -> None:
        doc.undo()

    return {
        "move to another cell": move_cell,
        "change a share": set_share,
        "change a manager": set_manager,
        "rename a person": rename,
        "change a title": retitle,
        "add a person": add_person,
        "undo": undo,
    }


def bench_rules(path: Path, runs: int) -> None:
    from orgeditor.io.orgfile import load
    from orgeditor.model.rules import check

    loads, checks = [], []
    for _ in range(runs):
        t = time.perf_counter()
        org = load(path)
        loads.append(time.perf_counter() - t)
        t = time.perf_counter()
        found = check(org)
        checks.append(time.perf_counter() - t)
    lo, ch = statistics.median(loads), statistics.median(checks)
    print(
        f"rules  in process: load {lo * 1000:6.1f} ms   all rules {ch * 1000:6.1f} ms "
        f"({len(found):,} findings, {ch / lo:.0%} of the load)"
    )


def bench_window(people: int, seed: int, edits: int, freeze: bool = False) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from orgeditor.document import Document
    from orgeditor.samples import synthetic_org
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.findings.panel import DEBOUNCE_MS, FindingsDock
    from orgeditor.ui.selection import Selection

    app = QApplication.instance() or QApplication([])
    doc = Document(synthetic_org(people, seed))
    if freeze:
        import gc

        gc.collect()
        gc.freeze()
    dock = FindingsDock(DocumentBridge(doc), Selection())
    dock.resize(900, 400)
    dock.show()
    t = time.perf_counter()
    dock.refresh()
    print(
        f"window first findings ({len(dock.findings):,}): {(time.perf_counter() - t) * 1000:.1f} ms"
    )
    rng = random.Random(seed + 1)
    worst_all = 0.0
    print(
        "window refresh after one edit: the recompute alone, and from the end of the edit\n"
        f"       until the findings are shown (incl. the {DEBOUNCE_MS} ms debounce)"
    )
    for name, edit in _edits(doc, rng).items():
        compute, latency = [], []
        for i in range(edits * 2):
            edit()
            t = time.perf_counter()
            if i % 2:
                while dock._timer.isActive() or dock._pending:
                    app.processEvents()
                latency.append(time.perf_counter() - t)
            else:
                dock.refresh()
                compute.append(time.perf_counter() - t)
        worst_all = max(worst_all, max(latency), max(compute))
        print(
            f"       {name + ':':<24} recompute median {statistics.median(compute) * 1000:5.1f} "
            f"worst {max(compute) * 1000:5.1f} ms   shown median "
            f"{statistics.median(latency) * 1000:5.1f} worst {max(latency) * 1000:5.1f} ms"
        )
    print(
        f"window worst refresh after one edit: {worst_all * 1000:.1f} ms  "
        f"(target <= 50 ms: {'ok' if worst_all <= 0.05 else 'MISSED'})"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5, help="process runs per command (median)")
    ap.add_argument("--edits", type=int, default=9, help="edits per kind in the window")
    ap.add_argument("--skip-cli", action="store_true", help="only the in-process figures")
    ap.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after loading the window's org (keeps Python's full garbage "
        "collections, which scan every object of a 20,000-person org, out of the figures)",
    )
    args = ap.parse_args(argv)
    print(f"load average: {os.getloadavg()[0]:.2f}")
    from orgeditor.io.orgfile import save
    from orgeditor.samples import synthetic_org

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.orgchart"
        save(synthetic_org(args.people, args.seed), path)
        if not args.skip_cli:
            bench_cli(path, args.runs)
        bench_rules(path, args.runs)
    bench_window(args.people, args.seed, args.edits, args.gc_freeze)


if __name__ == "__main__":
    main()
