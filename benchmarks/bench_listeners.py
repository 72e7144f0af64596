"""What an edit costs the window's listeners: a one-card move and its undo, through the document
and every view that follows it (grid scene, trees, people list, inspector, findings panel's
bookkeeping, undo actions), without painting. Prints figures, asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_listeners.py
        [--sizes 100,20000] [--loops 200] [--runs 7]

Timed in CPU time of the main thread (``time.thread_time``) and the fastest of ``--runs`` runs
is shown, so the figure holds on a busy machine where wall-clock times do not; compare two
checkouts by running the script in each.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from orgeditor.document import Document
from orgeditor.samples import synthetic_org
from orgeditor.ui.app import ensure_app


def measure(size: int, loops: int, runs: int) -> float:
    """Microseconds of CPU per move + undo pair (the fastest run)."""
    app = ensure_app()
    from orgeditor.ui.main_window import MainWindow

    org = synthetic_org(size, seed=1)
    doc = Document(org)
    w = MainWindow(doc, restore_state=False, autosave=False)
    w.resize(1400, 900)
    w.show()
    for _ in range(30):
        app.processEvents()
    people = list(org.people)
    teams, pipes = org.team_order, org.pipeline_order
    best = float("inf")
    for _run in range(runs):
        t = time.thread_time()
        for i in range(loops):
            pid = people[(i * 7919) % len(people)]
            src = org.cells_of(pid)[0]
            dst = (teams[(i + 1) % len(teams)], pipes[(i + 2) % len(pipes)])
            doc.move_people([(pid, src)], dst)
            doc.undo()
        best = min(best, (time.thread_time() - t) / loops)
        app.processEvents()  # the findings panel's debounced refresh: not part of the figure
    w.discard_and_close()
    w.deleteLater()
    app.processEvents()
    return best * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,20000")
    parser.add_argument("--loops", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        us = measure(size, args.loops, args.runs)
        print(
            f"{size:>6} people: move + undo through every listener {us:8.0f} µs CPU "
            f"(fastest of {args.runs} runs of {args.loops})"
        )


if __name__ == "__main__":
    main()
