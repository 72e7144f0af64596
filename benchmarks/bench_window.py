"""The whole main window (grid plus every dock) at 100 and 20,000 people: figures, not tests.

Prints, for each size: building the window, open to first paint of the canvas, a one-card
move from the edit to the end of the repaint with every dock following the change (median of
several), one undo, and the process's peak memory. Runs offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_window.py [--sizes 100,20000]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject

from orgeditor.document import Document
from orgeditor.samples import synthetic_org
from orgeditor.ui.app import ensure_app


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.last: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.last = time.perf_counter()
        return False


def measure(size: int, repeats: int) -> None:
    app = ensure_app()
    from orgeditor.ui.main_window import MainWindow

    org = synthetic_org(size, seed=1)
    doc = Document(org)
    t0 = time.perf_counter()
    w = MainWindow(doc, restore_state=False, autosave=False)
    built = time.perf_counter() - t0
    paints = _Paints()
    w.view.viewport().installEventFilter(paints)
    w.resize(1400, 900)
    w.show()
    while paints.last is None:
        app.processEvents()
    first = paints.last - t0
    for _ in range(10):
        app.processEvents()

    people = list(org.people)
    moves: list[float] = []
    undos: list[float] = []
    teams, pipes = org.team_order, org.pipeline_order
    for i in range(repeats):
        pid = people[(i * 7919) % len(people)]
        src = org.cells_of(pid)[0]
        dst = (teams[(i + 1) % len(teams)], pipes[(i + 2) % len(pipes)])
        paints.last = None
        t = time.perf_counter()
        doc.move_people([(pid, src)], dst)
        w.view.viewport().repaint()
        app.processEvents()
        moves.append(time.perf_counter() - t)
        t = time.perf_counter()
        doc.undo()
        w.view.viewport().repaint()
        app.processEvents()
        undos.append(time.perf_counter() - t)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(org.people):>6} people: build {built * 1000:7.1f} ms, first paint "
        f"{first * 1000:7.1f} ms, move {statistics.median(moves) * 1000:6.1f} ms, "
        f"undo {statistics.median(undos) * 1000:6.1f} ms (medians of {repeats}), "
        f"peak RSS {peak_mb:6.0f} MB"
    )
    w.discard_and_close()
    w.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,20000")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.repeats)


if __name__ == "__main__":
    main()
