"""The export dialog's PowerPoint choice: editable slides (default) or pictures."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from PySide6.QtCore import QSettings

from orgeditor.document import Document
from orgeditor.samples import sample_org
from orgeditor.ui.dialogs.export_dialog import ExportDialog


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
