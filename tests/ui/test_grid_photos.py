"""View > Show Photos (issue 15, point 6): photos on the grid's cards, initials for people
without one, off by default and remembered; decoded once, repainted after undo and redo."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from orgeditor.document import Document
from orgeditor.io.hr.photos import load_photo
from orgeditor.samples import sample_org
from orgeditor.ui.grid.cards import photo_rect, photo_room
from orgeditor.ui.grid.density import FULL, NAMES

RED, BLUE = (220, 30, 30), (30, 40, 220)


def _photo(tmp_path: Path, colour: tuple[int, int, int]) -> str:
    path = tmp_path / f"{colour}.png"
    Image.new("RGB", (120, 120), colour).save(path)
    return load_photo(path)


def _doc(tmp_path: Path) -> tuple[Document, str, str]:
    org = sample_org()
    with_photo, without = sorted(p for p in org.people if not org.people[p].is_open)[:2]
    org.people[with_photo].fields["photo"] = _photo(tmp_path, RED)
    org.people[without].fields["photo"] = "https://example.com/never-fetched.jpg"
    return Document(org), with_photo, without


def _photo_pixel(w, pid: str) -> QColor:  # type: ignore[no-untyped-def]
    """The colour near the top of ``pid``'s photo circle (above any initials), as the window
    shows it."""
    view = w.view
    rect = view.matrix.card_scene_rect(pid)
    circle = photo_rect(rect, view.matrix.layout.density)
    assert circle is not None
    centre = QPointF(circle.center().x(), circle.top() + circle.height() * 0.18)
    view.ensureVisible(rect, 40, 40)
    QApplication.processEvents()
    at = view.mapFromScene(QPointF(centre))
    image: QImage = view.viewport().grab().toImage()
    return image.pixelColor(at.x(), at.y())


def _near(c: QColor, rgb: tuple[int, int, int], tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip((c.red(), c.green(), c.blue()), rgb, strict=True))


def test_show_photos_toggles_photos_and_initials_on_cards(make_window, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, with_photo, without = _doc(tmp_path)
    w = make_window(doc)
    w.show()
    qtbot.waitExposed(w)
    w.view.zoom_reset()
    action = w.actions_.show_photos
    assert action.isCheckable() and not action.isChecked()  # off by default
    assert "Show &Photos" in [a.text() for a in w.menuBar().actions()[2].menu().actions()]
    assert not _near(_photo_pixel(w, with_photo), RED)
    action.trigger()  # as the menu does
    assert w.view.matrix.show_photos
    assert _near(_photo_pixel(w, with_photo), RED)
    # a link is never fetched: the placeholder (initials on grey)
    assert _near(_photo_pixel(w, without), (0xDF, 0xE4, 0xEA), 12)
    cache = w.view.matrix.photos
    decoded = cache.decoded
    w.view.matrix.update_all()
    _photo_pixel(w, with_photo)
    assert cache.decoded == decoded  # a repaint decodes nothing
    # a new photo (one undo step), undo and redo: the card follows each time
    fields = dict(doc.org.people[with_photo].fields, photo=_photo(tmp_path, BLUE))
    doc.set_field("person", with_photo, "fields", fields)
    assert _near(_photo_pixel(w, with_photo), BLUE)
    doc.undo()
    assert _near(_photo_pixel(w, with_photo), RED)
    doc.redo()
    assert _near(_photo_pixel(w, with_photo), BLUE)
    action.trigger()
    assert not _near(_photo_pixel(w, with_photo), BLUE)
    action.trigger()
    # remembered: the next window starts with photos shown
    second = make_window(Document(sample_org()))
    assert second.actions_.show_photos.isChecked()
    assert second.view.matrix.show_photos


def test_name_only_cards_make_room_for_the_photo(grid_for, tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc, with_photo, _without = _doc(tmp_path)
    grid = grid_for(doc)
    matrix = grid.view.matrix
    matrix.set_density(NAMES)
    team = doc.org.people[with_photo].team
    before = matrix.layout.card_width(team)
    need = matrix.layout.name_widths[NAMES.key][team]
    matrix.set_show_photos(True)
    after = matrix.layout.card_width(team)
    # the names stay whole beside the photo (up to the widest card a column may have)
    w = NAMES.card_w
    assert after == max(0.7 * w, min(need + photo_room(NAMES), 1.7 * w)) > before
    matrix.materialize()  # cell items are made as paints show their cells
    assert grid.view.matrix.cells[(team, None)].rect().width() >= after
    matrix.set_show_photos(False)
    assert matrix.layout.card_width(team) == before
    # turned on at full size (as a new window does), the widths are ready for zooming out
    matrix.set_density(FULL)
    matrix.set_show_photos(True)
    matrix.set_density(NAMES)
    assert matrix.layout.card_width(team) == after
    assert photo_room(FULL) > 0 and photo_room(NAMES) > 0


def test_the_cache_is_bounded_and_skips_people_without_a_photo(tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.grid.photos import PhotoCache

    doc, with_photo, without = _doc(tmp_path)
    people = doc.org.people
    cache = PhotoCache(limit=1)
    assert cache.pixmap(people[without], 32) is None and cache.decoded == 0
    first = cache.pixmap(people[with_photo], 32)
    assert first is not None and first.width() == 32 and cache.decoded == 1
    assert cache.pixmap(people[with_photo], 32) is first and cache.decoded == 1
    assert cache.pixmap(people[with_photo], 64).width() == 64  # type: ignore[union-attr]
    assert len(cache) == 1


def test_export_dialog_photos_box(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from orgeditor.ui.dialogs.export_dialog import ExportDialog

    doc, _with_photo, _without = _doc(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = ExportDialog(doc, None, None, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.photos.isChecked() and not dialog.options().photos
    for checked, count in ((True, 1), (False, 0)):
        dialog.photos.setChecked(checked)
        out = tmp_path / f"chart-{checked}.svg"
        with qtbot.waitSignal(dialog.exported, timeout=60000):
            dialog.export_to(out)
        qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=10000)
        assert out.read_bytes().count(b"data:image/jpeg;base64,") == count
    dialog.photos.setChecked(True)
    dialog.view.setCurrentIndex(dialog.view.findData("matrix"))
    assert not dialog.options().photos  # the matrix lists names: no photos asked for
