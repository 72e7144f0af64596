"""Benchmark of the matrix canvas at 20,000 people (issue 3). Prints figures, asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_grid.py [--size 20000]
        [--repeat 3]

Each case runs in a fresh child process with the same Python and Qt, repeated; the median is
shown. Figures:

(a) open: an org already in memory -> MatrixView built, shown and first painted, against a
    bare QGraphicsScene of N simple cards (QGraphicsRectItem + two QGraphicsSimpleTextItem)
    shown in the same 1400x900 view (target: at most 1.5x the bare scene).
(b) drag-move: one card dropped (synthesised QDropEvent) on another cell, until the viewport
    has repainted, at N people and at 100 people (target: at most 16 ms).
(c) full repaint of the zoomed-out (fit) grid at N people (target: at most 50 ms).
(d) peak RSS with the N-person org open and painted at 100 % and fit (target: 400 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VIEW_SIZE = (1400, 900)


def _app():  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def case_bare(size: int) -> dict[str, float]:
    app = _app()
    from PySide6.QtGui import QBrush, QColor, QPen
    from PySide6.QtWidgets import (
        QGraphicsRectItem,
        QGraphicsScene,
        QGraphicsSimpleTextItem,
        QGraphicsView,
    )

    from orgeditor.samples import synthetic_org

    org = synthetic_org(size, 0)
    people = list(org.people.values())
    t0 = time.perf_counter()
    scene = QGraphicsScene()
    brush, pen = QBrush(QColor("#dfe9fb")), QPen(QColor("#d9dee5"))
    per_line = 120
    for i, p in enumerate(people):
        x, y = (i % per_line) * 190.0, (i // per_line) * 56.0
        rect = QGraphicsRectItem(0, 0, 176, 46)
        rect.setBrush(brush)
        rect.setPen(pen)
        rect.setPos(x, y)
        name = QGraphicsSimpleTextItem(p.display_name, rect)
        name.setPos(8, 4)
        title = QGraphicsSimpleTextItem(p.title, rect)
        title.setPos(8, 24)
        scene.addItem(rect)
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    return {"open": time.perf_counter() - t0}


def _grid(size: int):  # type: ignore[no-untyped-def]
    app = _app()
    from orgeditor.document import Document
    from orgeditor.samples import sample_org, synthetic_org
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.view import MatrixView
    from orgeditor.ui.selection import Selection

    org = sample_org() if size <= 0 else synthetic_org(size, 0)
    t0 = time.perf_counter()
    doc = Document(org)
    view = MatrixView(DocumentBridge(doc), Selection())
    view.resize(*VIEW_SIZE)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    return app, doc, view, time.perf_counter() - t0


def case_open(size: int) -> dict[str, float]:
    _a, _d, _v, elapsed = _grid(size)
    return {"open": elapsed}


def case_open_file(size: int) -> dict[str, float]:
    """Load a saved .orgchart of ``size`` people, build the view and paint it once."""
    import tempfile

    app = _app()
    from orgeditor.document import Document
    from orgeditor.io.orgfile import save
    from orgeditor.samples import synthetic_org
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.view import MatrixView
    from orgeditor.ui.selection import Selection

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.orgchart"
        save(synthetic_org(size, 0), path)
        t0 = time.perf_counter()
        doc = Document.open(path)
        t1 = time.perf_counter()
        view = MatrixView(DocumentBridge(doc), Selection())
        view.resize(*VIEW_SIZE)
        view.show()
        app.processEvents()
        view.viewport().repaint()
        t2 = time.perf_counter()
    return {"load": t1 - t0, "view": t2 - t1}


def _drop(app, view, items, cell, full: bool) -> float:  # type: ignore[no-untyped-def]
    """Drop ``items`` on ``cell`` (synthesised event) and wait for the repaint: seconds."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    from orgeditor.ui.grid.dnd import encode_people

    lay = view.matrix.layout
    x, y, w, h = lay.cell_rect(cell)
    pos = view.mapFromScene(QPointF(x + w - 4, y + h - 4))
    assert view.viewport().rect().contains(pos), "drop outside the viewport"
    mime = encode_people(items)
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # a real drag has entered and moved over the view before the drop
    enter = QDragEnterEvent(pos, actions, mime, left, none)
    app.sendEvent(view.viewport(), enter)
    move = QDragMoveEvent(pos, actions, mime, left, none)
    app.sendEvent(view.viewport(), move)
    assert move.isAccepted(), "the view refused the drop"
    t0 = time.perf_counter()
    ev = QDropEvent(QPointF(pos), actions, mime, left, none)
    app.sendEvent(view.viewport(), ev)
    if full:
        view.viewport().repaint()
    else:
        app.processEvents()
        app.processEvents()
    return time.perf_counter() - t0


def case_move(size: int) -> dict[str, float]:
    app, doc, view, _t = _grid(size)
    org = doc.org
    lay = view.matrix.layout
    # the matrix of a big org is sparse: centre on the first occupied pipeline cell
    occupied = [c for c in lay.counts if c[0] is not None and c[1] is not None]
    source = min(occupied, key=lambda c: (lay.column_of(c[0]), lay.row_of(c[1])))
    x, y, w, h = lay.cell_rect(source)
    view.centerOn(x + w / 2, y + h / 2)
    app.processEvents()
    view.viewport().repaint()
    r = view.mapToScene(view.viewport().rect().adjusted(0, 0, -250, -150)).boundingRect()
    cols, rows = lay.visible_range((r.x(), r.y(), r.width(), r.height()))
    visible = [
        (lay.columns[i], lay.rows[j])
        for j in rows
        for i in cols
        if lay.columns[i] is not None and lay.rows[j] is not None
    ]
    others = [c for c in visible if c[0] != source[0] and c[1] != source[1]]
    others.sort(key=lambda c: not org.cell_ids(*c))
    assert others, "no visible cell to move to"
    target = others[0]
    pid = org.cell_ids(*source)[-1]
    created = view.matrix.items_created
    times = {"move": [], "move_full": []}
    for n in range(20):
        key = "move_full" if n % 4 >= 2 else "move"
        there = target if n % 2 == 0 else source
        here = source if n % 2 == 0 else target
        times[key].append(_drop(app, view, [(pid, here)], there, key == "move_full"))
        assert pid in org.cell_ids(*there), "the drop did not move the card"
    assert doc.history.can_undo
    return {
        "move": statistics.median(times["move"]),
        "move_full": statistics.median(times["move_full"]),
        "created": float(view.matrix.items_created - created),
    }


def case_zoomed_out(size: int) -> dict[str, float]:
    app, _doc, view, _t = _grid(size)

    def repaint_median() -> float:
        app.processEvents()
        view.viewport().repaint()
        times = []
        for _ in range(10):
            t0 = time.perf_counter()
            view.viewport().repaint()
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    view.zoom_fit()
    fit = repaint_median()
    zoom = view.zoom
    view.set_zoom(0.15)  # the lowest zoom that still paints cells (cards as blocks)
    blocks = repaint_median()
    return {"repaint": fit, "zoom": zoom, "repaint_blocks": blocks}


def case_memory(size: int) -> dict[str, float]:
    import resource

    app, _doc, view, _t = _grid(size)
    view.zoom_fit()
    app.processEvents()
    view.viewport().repaint()
    view.zoom_reset()
    app.processEvents()
    view.viewport().repaint()
    return {"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


CASES = {
    "bare": case_bare,
    "open": case_open,
    "open_file": case_open_file,
    "move": case_move,
    "zoomed_out": case_zoomed_out,
    "memory": case_memory,
}


def run_child(case: str, size: int) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out = subprocess.run(
        [sys.executable, __file__, "--child", case, "--size", str(size)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"case {case} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def median_of(case: str, size: int, repeat: int) -> dict[str, float]:
    runs = [run_child(case, size) for _ in range(repeat)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", choices=sorted(CASES))
    args = ap.parse_args()
    if args.child:
        print(json.dumps(CASES[args.child](args.size)))
        return 0
    import PySide6

    n = args.size
    print(
        f"Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}, "
        f"load {os.getloadavg()[0]:.2f}, median of {args.repeat} runs, view {VIEW_SIZE}"
    )
    bare = median_of("bare", n, args.repeat)["open"]
    grid = median_of("open", n, args.repeat)["open"]
    print(
        f"(a) open {n:,} to first paint: grid {grid:.3f} s, bare scene {bare:.3f} s, "
        f"ratio {grid / bare:.2f}x (target <= 1.5x)"
    )
    f = median_of("open_file", n, args.repeat)
    print(f"    from a saved file: load {f['load']:.3f} s + grid to first paint {f['view']:.3f} s")
    for size in (n, 100):
        m = median_of("move", size, args.repeat)
        print(
            f"(b) one-card drag-move at {size:,} people: {m['move'] * 1000:.1f} ms drop to "
            f"repaint (dirty region), {m['move_full'] * 1000:.1f} ms with a full viewport "
            f"repaint; cell items created in 20 moves: {m['created']:.0f} (target <= 16 ms)"
        )
    z = median_of("zoomed_out", n, args.repeat)
    print(
        f"(c) full repaint of the zoomed-out {n:,} grid (zoom {z['zoom']:.4f}): "
        f"{z['repaint'] * 1000:.1f} ms (target <= 50 ms); at 15 % (cells of blocks): "
        f"{z['repaint_blocks'] * 1000:.1f} ms"
    )
    mem = median_of("memory", n, args.repeat)
    print(f"(d) peak RSS with the {n:,} org open: {mem['rss_mb']:.0f} MB (target <= 400 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
