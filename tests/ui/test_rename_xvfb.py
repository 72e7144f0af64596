"""Regression: the second in-place rename crashed the window (real input, in a real X server).

Double-click "Noor Ibrahim", type, Enter, then double-click "Carlos Garcia" was a segmentation
fault in ``MatrixView.viewportEvent``; with F2 instead of the double-click, "Internal C++ object
(InlineEditor) already deleted". Synthesised Qt events did not find it, so this drives the
real mouse and keyboard with xdotool under ``xvfb-run`` (this file, run as a script, is the
child) and skips when those tools are missing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.xvfb_child import run_child

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.xvfb
@pytest.mark.parametrize("how", ["double-click", "F2"])
def test_two_renames_in_a_row_with_the_real_keyboard(how: str, tmp_path: Path) -> None:
    result, out = run_child(__file__, how, state=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr and "Fatal Python" not in out.stderr, out.stderr
    assert result["names"] == ["Carla Gee", "Nora Ibrahim", "Sam Third"], result
    assert result["undo"].startswith("Rename Sami Olsen"), result


def _child(how: str) -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    import faulthandler
    import tempfile

    from PySide6.QtCore import QSettings, QTimer

    from orgeditor.document import Document
    from orgeditor.samples import sample_org
    from orgeditor.ui.app import ensure_app
    from orgeditor.ui.main_window import MainWindow

    faulthandler.enable()
    app = ensure_app()
    doc = Document(sample_org())
    tmp = Path(tempfile.mkdtemp())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(doc, settings=settings, recovery_dir=tmp / "rec", restore_state=False)
    w.move(0, 0)
    w.resize(1600, 1000)
    w.show()
    view = w.view
    names = {p.name: p.id for p in doc.org.people.values()}

    def rename(name: str, new: str) -> None:
        rect = view.matrix.card_scene_rect(names[name])
        view.ensureVisible(rect)
        app.processEvents()
        g = view.viewport().mapToGlobal(view.mapFromScene(rect.center()))
        if how == "F2":
            start = f"xdotool mousemove {g.x()} {g.y()} click 1; sleep 0.3; xdotool key F2"
        else:
            start = f"xdotool mousemove {g.x()} {g.y()} click --repeat 2 --delay 80 1"
        script = f"{start}; sleep 0.3; xdotool key ctrl+a; xdotool type '{new}'; xdotool key Return"
        subprocess.run(["sh", "-c", script], check=False)

    steps = [
        ("Noor Ibrahim", "Nora Ibrahim"),
        ("Carlos Garcia", "Carla Gee"),
        ("Sami Olsen", "Sam Third"),
    ]
    names_before = {n for n, _ in steps}

    def next_step() -> None:
        try:
            step()
        except BaseException:
            app.exit(3)
            raise

    def step() -> None:
        if steps:
            rename(*steps.pop(0))
            QTimer.singleShot(600, next_step)
            return
        ids = [names[n] for n in sorted(names_before)]
        print(
            json.dumps(
                {"names": sorted(doc.org.people[i].name for i in ids), "undo": doc.undo_label}
            )
        )
        w.discard_and_close()
        app.quit()

    QTimer.singleShot(1000, next_step)
    QTimer.singleShot(30_000, lambda: app.exit(4))  # never hang
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1]))
