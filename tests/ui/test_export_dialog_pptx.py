"""The export dialog's PowerPoint choices: editable slides (default) or pictures, the template."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from orgeditor.document import Document
from orgeditor.samples import sample_org
from orgeditor.ui.dialogs import template_picker
from orgeditor.ui.dialogs.export_choices import last_options
from orgeditor.ui.dialogs.export_dialog import ExportDialog


def _template(folder: Path) -> Path:
    """A 4:3 deck (python-pptx's default slide size) with one slide of its own."""
    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[5]).shapes.title.text = "Old slide"
    path = folder / "company.pptx"
    deck.save(str(path))
    return path


@pytest.fixture
def dialog(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dlg = ExportDialog(Document(sample_org()), None, None, settings=settings)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.fmt.setCurrentIndex(dlg.fmt.findData("pptx"))
    return dlg


def test_editable_is_the_default_and_previews_the_slide(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.slides.currentData() == "editable" and dialog.slides.isEnabled()
    assert not dialog.options().pictures
    qtbot.waitUntil(
        lambda: dialog.preview_ready and "editable" in dialog.pages_label.text(), timeout=20000
    )
    assert dialog.last_error == ""
    size = dialog.preview.renderer.defaultSize()  # the slide: 13.33 x 7.5 in
    assert abs(size.width() / size.height() - 16 / 9) < 0.02
    dialog.slides.setCurrentIndex(dialog.slides.findData("pictures"))
    assert dialog.options().pictures
    qtbot.waitUntil(
        lambda: dialog.preview_ready and "editable" not in dialog.pages_label.text(), timeout=20000
    )
    assert dialog.last_error == ""
    dialog.fmt.setCurrentIndex(dialog.fmt.findData("pdf"))
    assert not dialog.slides.isEnabled()


@pytest.mark.parametrize("choice", ["editable", "pictures"])
def test_export_writes_the_chosen_slides(qtbot, dialog, tmp_path: Path, choice: str) -> None:  # type: ignore[no-untyped-def]
    dialog.slides.setCurrentIndex(dialog.slides.findData(choice))
    out = tmp_path / "deck.pptx"
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_to(out)
    qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=10000)
    chart = Presentation(str(out)).slides[1]
    pictures = [s for s in chart.shapes if s.shape_type == 13]
    cards = [s for s in chart.shapes if s.name.startswith("Card: ")]
    assert (bool(cards), bool(pictures)) == (
        (True, False) if choice == "editable" else (False, True)
    )


def test_template_row_shows_for_powerpoint_only(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog.form.isRowVisible(dialog.template)
    assert dialog.options().template is None
    dialog.fmt.setCurrentIndex(dialog.fmt.findData("pdf"))
    assert not dialog.form.isRowVisible(dialog.template)


@pytest.mark.parametrize("choice", ["editable", "pictures"])
def test_template_gives_the_deck_its_slide_size(qtbot, dialog, tmp_path: Path, choice: str) -> None:  # type: ignore[no-untyped-def]
    template = _template(tmp_path)
    monkey_open = [str(template)]
    dialog.slides.setCurrentIndex(dialog.slides.findData(choice))
    with pytest.MonkeyPatch.context() as mp:  # the file dialog, answered as a user would
        mp.setattr(
            template_picker.QFileDialog, "getOpenFileName", lambda *a, **k: (monkey_open[0], "")
        )
        QTest.mouseClick(dialog.template.browse, Qt.MouseButton.LeftButton)
    assert dialog.template.field.text() == str(template)
    assert dialog.options().template == str(template)
    if choice == "editable":  # the preview draws the template's 4:3 slide
        dialog.refresh_preview()
        qtbot.waitUntil(lambda: dialog.preview_ready, timeout=20000)
        assert dialog.last_error == ""
        size = dialog.preview.renderer.defaultSize()
        assert abs(size.width() / size.height() - 4 / 3) < 0.02
        assert "10 x 7.5 in slide" in dialog.pages_label.text()
    out = tmp_path / "deck.pptx"
    assert dialog.export_to(out)
    deck = Presentation(str(out))
    assert (deck.slide_width, deck.slide_height) == (Inches(10), Inches(7.5))
    assert "Old slide" not in {s.shapes.title.text for s in deck.slides if s.shapes.title}
    QTest.mouseClick(dialog.template.clear, Qt.MouseButton.LeftButton)
    assert dialog.options().template is None


def test_template_is_remembered_and_forgotten_when_gone(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = _template(tmp_path)
    assert dialog.template.set_path(str(template))
    dialog.accept()
    settings = dialog.settings
    assert last_options(settings).template == str(template)
    again = ExportDialog(Document(sample_org()), None, None, settings=settings)
    qtbot.addWidget(again)
    assert again.template.field.text() == str(template)
    again.preview.stop()
    template.unlink()
    gone = ExportDialog(Document(sample_org()), None, None, settings=settings)
    qtbot.addWidget(gone)
    assert gone.template.field.text() == "" and gone.options().template is None
    assert settings.value("export/template") is None
    gone.preview.stop()


def test_a_bad_template_is_one_line_in_the_dialog(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.pptx"
    bad.write_text("not a deck")
    assert not dialog.template.set_path(str(bad))
    assert dialog.template.field.text() == ""
    assert dialog.last_error == f"{bad}: not a PowerPoint deck or template (.pptx, .potx)"
    assert dialog.status.text() == dialog.last_error
    # a template spoilt after it was chosen: the export says so, and writes nothing
    good = _template(tmp_path)
    assert dialog.template.set_path(str(good))
    good.write_text("spoilt")
    out = tmp_path / "deck.pptx"
    assert dialog.export_to(out) is None
    assert dialog.status.text() == f"{good}: not a PowerPoint deck or template (.pptx, .potx)"
    assert "\n" not in dialog.status.text() and not out.exists()
