"""View > Show Photos with the real mouse (xdotool) in a real X server: the menu opens, the
item toggles, the card shows the photo (painted through the xcb platform, not offscreen)."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.ui.xvfb_child import run_child


@pytest.mark.xvfb
def test_real_mouse_turns_photos_on() -> None:
    result, _out = run_child(__file__, screen="1400x1000", timeout=90)
    assert result["before"] is False and result["after"] is True, result
    assert result["remembered"] is True, result
    r, g, b = result["pixel"]
    assert r > 180 and g < 80 and b < 80, result  # the red photo, where the card shows it


def _child() -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PIL import Image
    from PySide6.QtCore import QPointF, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from orgeditor.document import Document
    from orgeditor.io.hr.photos import load_photo
    from orgeditor.samples import sample_org
    from orgeditor.ui.grid.cards import photo_rect
    from orgeditor.ui.main_window import MainWindow

    tmp = Path(tempfile.mkdtemp())
    Image.new("RGB", (120, 120), (230, 0, 0)).save(tmp / "red.png")
    org = sample_org()
    pid = sorted(p for p in org.people if not org.people[p].is_open)[0]
    org.people[pid].fields["photo"] = load_photo(tmp / "red.png")
    app = QApplication([])
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(Document(org), settings=settings, recovery_dir=tmp / "recovery", autosave=False)
    w.move(0, 0)
    w.resize(1300, 900)
    w.show()
    action = w.actions_.show_photos
    before = action.isChecked()
    menu_action = next(a for a in w.menuBar().actions() if a.text() == "&View")
    menu = menu_action.menu()

    def click(x: int, y: int) -> None:
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=False)

    def open_menu() -> None:
        w.view.zoom_reset()
        w.activateWindow()
        at = w.menuBar().mapToGlobal(w.menuBar().actionGeometry(menu_action).center())
        click(at.x(), at.y())

    def pick() -> None:
        at = menu.mapToGlobal(menu.actionGeometry(action).center())
        click(at.x(), at.y())

    def finish() -> None:
        view = w.view
        rect = view.matrix.card_scene_rect(pid)
        view.ensureVisible(rect, 40, 40)
        app.processEvents()
        circle = photo_rect(rect, view.matrix.layout.density)
        spot = QPointF(circle.center().x(), circle.top() + 5) if circle else rect.center()
        at = view.mapFromScene(spot)
        colour = view.viewport().grab().toImage().pixelColor(at.x(), at.y())
        print(
            json.dumps(
                {
                    "before": before,
                    "after": action.isChecked(),
                    "remembered": settings.value("view/showPhotos", False, type=bool),
                    "pixel": [colour.red(), colour.green(), colour.blue()],
                }
            )
        )
        w.discard_and_close()
        app.quit()

    QTimer.singleShot(1200, open_menu)
    QTimer.singleShot(2200, pick)
    QTimer.singleShot(3500, finish)
    app.exec()
    return 0


if __name__ == "__main__":
    raise SystemExit(_child())
