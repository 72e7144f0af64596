"""A real ``QDrag`` on the grid, driven by the real mouse (xdotool) in a real X server (Xvfb).

Offscreen, ``QDrag.exec()`` returns at once, so this test starts its own child process under
``xvfb-run`` (this very file, run as a script) and skips when ``xvfb-run`` or ``xdotool`` is
missing.
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
def test_real_mouse_drag_moves_a_card() -> None:
    result, _out = run_child(__file__, screen="1400x1000", timeout=60)
    assert result["dragged"], result
    assert result["cells"] == [["t3", "l5"]], result
    assert result["team"] == "t3"
    assert result["undo"] == "Move Leo Wagner"


def _child() -> int:
    """Run under Xvfb: show the grid, drag Leo's card with xdotool, print the result."""
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from orgeditor.document import Document
    from orgeditor.samples import sample_org, sample_path
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.view import MatrixView
    from orgeditor.ui.selection import Selection

    app = QApplication([])
    doc = Document(sample_org(), sample_path())
    view = MatrixView(DocumentBridge(doc), Selection())
    view.setWindowFlag(view.windowFlags().FramelessWindowHint, True)
    view.move(0, 0)
    view.resize(1300, 900)
    view.show()
    dragged: list[bool] = []
    original = view.start_people_drag

    def spy(pid, cell):  # type: ignore[no-untyped-def]
        dragged.append(True)
        original(pid, cell)

    view.start_people_drag = spy  # type: ignore[method-assign]

    def drive() -> None:
        view.zoom_fit()  # the whole sample on screen
        app.processEvents()
        lay = view.matrix.layout
        index = doc.org.cell_ids("t4", "l3").index("p36")
        x, y, w, h = lay.card_rect(("t4", "l3"), index)
        src = view.viewport().mapToGlobal(view.mapFromScene(x + w / 2, y + h / 2))
        cx, cy, cw, ch = lay.cell_rect(("t3", "l5"))
        dst = view.viewport().mapToGlobal(view.mapFromScene(cx + cw - 6, cy + ch - 6))
        script = (
            f"xdotool mousemove {src.x()} {src.y()}; sleep 0.2; xdotool mousedown 1; "
            f"sleep 0.2; xdotool mousemove {src.x() + 12} {src.y() + 8}; sleep 0.2; "
            f"xdotool mousemove {src.x() + 40} {src.y() + 30}; sleep 0.2; "
            f"xdotool mousemove {dst.x() - 20} {dst.y() - 10}; sleep 0.2; "
            f"xdotool mousemove {dst.x()} {dst.y()}; sleep 0.3; xdotool mouseup 1"
        )
        subprocess.Popen(["sh", "-c", script])

    def finish() -> None:
        print(
            json.dumps(
                {
                    "dragged": bool(dragged),
                    "cells": [list(c) for c in doc.org.cells_of("p36")],
                    "team": doc.org.people["p36"].team,
                    "undo": doc.undo_label,
                }
            )
        )
        app.quit()

    QTimer.singleShot(800, drive)
    QTimer.singleShot(5000, finish)
    app.exec()
    return 0


if __name__ == "__main__":
    raise SystemExit(_child())
