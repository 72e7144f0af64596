"""No stale paint on a real screen: after real wheel scrolling under the sticky headers (in a
real X server), the pixels on screen equal a full repaint of the grid.

Scrolling blits the old pixels and repaints the strip that scrolled in; the sticky header
strips paint over the canvas. A mistake there shows only on a real screen, so this child
(this file, run under ``xvfb-run``) compares the X server's pixels with ``grab()``.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.ui.xvfb_child import run_child

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.xvfb
def test_real_scrolling_leaves_no_stale_pixels(tmp_path: Path) -> None:
    result, _out = run_child(__file__, state=tmp_path)
    assert result["steps"] >= 6, result
    assert result["differing"] == [], result
    positions = [tuple(p) for p in result["positions"]]
    assert len(set(positions)) >= 5, positions  # it really scrolled, both ways
    assert any(x > 0 for x, _y in positions) and any(y > 0 for _x, y in positions), positions


def _child() -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    import tempfile

    from PySide6.QtCore import QSettings, QTimer

    from orgeditor.document import Document
    from orgeditor.samples import synthetic_org
    from orgeditor.ui.app import ensure_app
    from orgeditor.ui.main_window import MainWindow

    app = ensure_app()
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        Document(synthetic_org(150, seed=0)),
        settings=settings,
        recovery_dir=tmp / "rec",
        restore_state=False,
        autosave=False,
    )
    w.move(0, 0)
    w.resize(1600, 1000)
    w.show()
    view = w.view
    differing: list[str] = []
    moves = [
        "click --repeat 3 5",
        "keydown shift click --repeat 4 5 keyup shift",
        "click --repeat 5 5",
        "click --repeat 2 4",
        "click --repeat 3 6",
        "click --repeat 6 5",
        "keydown shift click --repeat 6 5 keyup shift",
    ]
    done: list[int] = []

    positions: list[tuple[int, int]] = []

    def compare(label: str) -> None:
        positions.append((view.horizontalScrollBar().value(), view.verticalScrollBar().value()))
        vp = view.viewport()
        screen = w.screen().grabWindow(vp.winId()).toImage()
        full = vp.grab().toImage().convertToFormat(screen.format())
        if screen.size() != full.size() or screen != full:
            bad = sum(
                1
                for y in range(0, min(screen.height(), full.height()), 3)
                for x in range(0, min(screen.width(), full.width()), 3)
                if screen.pixel(x, y) != full.pixel(x, y)
            )
            if bad:
                differing.append(f"{label}: {bad} sampled pixels")
                screen.save(str(tmp / f"screen-{len(done)}.png"))

    def step() -> None:
        if done:
            compare(moves[len(done) - 1])
        if len(done) == len(moves):
            print(json.dumps({"steps": len(done), "differing": differing, "positions": positions}))
            w.discard_and_close()
            app.quit()
            return
        vp = view.viewport()
        g = vp.mapToGlobal(vp.rect().center())
        subprocess.run(
            ["sh", "-c", f"xdotool mousemove {g.x()} {g.y()} {moves[len(done)]}"], check=False
        )
        done.append(1)
        QTimer.singleShot(700, step)

    def start() -> None:
        view.zoom_reset()
        QTimer.singleShot(500, step)

    QTimer.singleShot(1000, start)
    QTimer.singleShot(60_000, lambda: app.exit(4))
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(_child())
