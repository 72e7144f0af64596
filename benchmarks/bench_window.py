"""The whole main window (grid plus every dock) at 100 and 20,000 people: figures, not tests.

Prints, for each size: building the window, open to first paint of the canvas, a one-card
move from the edit to the end of the repaint with every dock following the change (median of
several), one undo, and the process's peak memory. Runs offscreen.

``--startup`` measures instead, as whole processes (one fresh interpreter each, the file
written first by ``orgeditor sample --size N``): the time from process start to the first
paint of the canvas and the peak RSS, for the window (``orgeditor FILE`` as it opens) and for
the baseline issue 18 names, a bare ``QGraphicsScene`` holding one simple card item per
person of the same file (opened the same way), and prints the ratio window / bare scene
(best of ``--runs``), by wall-clock time and by the processes' CPU time (each exits right after
its first paint).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_window.py [--sizes 100,20000]
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_window.py --startup \
        --sizes 20000,100000
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _wait_first_paint(widget: QObject) -> float:
    """Process events until ``widget`` paints; the wall-clock time of that paint."""
    from PySide6.QtWidgets import QApplication

    paints = _Paints()
    widget.installEventFilter(paints)
    app = QApplication.instance()
    assert app is not None
    while paints.last is None:
        app.processEvents()
    return paints.last - time.perf_counter() + time.time()


def worker(kind: str, path: Path) -> None:
    """One whole process: open ``path`` and paint it (``window`` or ``bare``); prints
    ``first-paint-wall-clock peak-rss-mb``."""
    ensure_app()
    if kind == "window":
        from orgeditor.ui.app import open_initial_document
        from orgeditor.ui.main_window import MainWindow

        doc = open_initial_document(path)
        w = MainWindow(doc, restore_state=False, autosave=False)
        w.resize(1400, 900)
        target: QObject = w.view.viewport()
        w.show()
    else:
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QBrush, QColor, QPen
        from PySide6.QtWidgets import (
            QGraphicsRectItem,
            QGraphicsScene,
            QGraphicsSimpleTextItem,
            QGraphicsView,
        )

        doc = Document.open(path)
        org = doc.org
        scene = QGraphicsScene()
        pen, brush = QPen(QColor("#8899aa")), QBrush(QColor("#ffffff"))
        cols = max(1, int(len(org.people) ** 0.5))
        for i, pid in enumerate(org.people):  # one simple card per person: a box and a name
            card = QGraphicsRectItem(QRectF(0, 0, 150, 40))
            card.setPen(pen)
            card.setBrush(brush)
            card.setPos((i % cols) * 160, (i // cols) * 50)
            QGraphicsSimpleTextItem(org.people[pid].name, card).setPos(6, 12)
            scene.addItem(card)
        view = QGraphicsView(scene)
        view.resize(1400, 900)
        target = view.viewport()
        view.show()
    first = _wait_first_paint(target)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{first:.4f} {peak_mb:.0f}", flush=True)
    os._exit(0)  # the figure is out; tearing down 100,000 items is not part of it


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_worker(kind: str, path: Path) -> tuple[float, float, float]:
    """Seconds from spawning the process to its first paint, its CPU seconds (it exits right
    after that paint; steadier than wall-clock time on a busy machine), peak RSS in MB."""
    cpu = _children_cpu()
    spawned = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--worker", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout.split()
    return float(out[-2]) - spawned, _children_cpu() - cpu, float(out[-1])


def startup(sizes: list[int], runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"org{size}.orgchart"
            subprocess.run(
                [sys.executable, "-m", "orgeditor", "sample", "--size", str(size), "-o", str(path)],
                check=True,
                capture_output=True,
            )
            best: dict[str, tuple[float, float]] = {}
            cpu: dict[str, float] = {}
            for _ in range(runs):  # interleaved, so load changes hit both alike
                for kind in ("bare", "window"):
                    t, c, mb = _run_worker(kind, path)
                    if kind not in best or t < best[kind][0]:
                        best[kind] = (t, mb)
                    cpu[kind] = min(c, cpu.get(kind, c))
            (bt, bmb), (wt, wmb) = best["bare"], best["window"]
            bc, wc = cpu["bare"], cpu["window"]
            print(
                f"{size:>6} people: window first paint {wt:6.2f} s ({wmb:5.0f} MB peak), "
                f"bare scene {bt:6.2f} s ({bmb:5.0f} MB): window/bare {wt / bt:4.2f}x; "
                f"CPU {wc:5.2f} s vs {bc:5.2f} s: {wc / bc:4.2f}x "
                f"(best of {runs}, load average {os.getloadavg()[0]:.2f})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--startup", action="store_true", help="whole processes vs bare scene")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return
    default = "20000,100000" if args.startup else "100,20000"
    sizes = [int(s) for s in (args.sizes or default).split(",")]
    if args.startup:
        startup(sizes, args.runs)
        return
    for size in sizes:
        measure(size, args.repeats)


if __name__ == "__main__":
    main()
