"""The export dialog: opens, previews, exports every format in a worker, copies a diagram."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from orgeditor.document import Document
from orgeditor.samples import sample_org
from orgeditor.ui.dialogs.diagram_copy import copy_diagram
from orgeditor.ui.dialogs.export_choices import last_options
from orgeditor.ui.dialogs.export_dialog import ExportDialog
from orgeditor.ui.selection import Selection


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def dialog(qtbot, settings):  # type: ignore[no-untyped-def]
    doc = Document(sample_org())
    selection = Selection()
    selection.set_people(["p17"])
    dlg = ExportDialog(doc, selection, None, settings=settings)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_opens_and_previews(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.preview_ready, timeout=20000)
    assert dialog.last_error == ""
    assert dialog.preview.renderer.isValid()
    size = dialog.preview.renderer.defaultSize()
    assert size.width() > 500
    assert "1 slide page" in dialog.pages_label.text()
    # the selected person is the default root of the subtree view
    assert dialog.root.currentData() == "p17"
    dialog.view.setCurrentIndex(dialog.view.findData("matrix"))
    qtbot.waitUntil(lambda: dialog.preview_ready, timeout=20000)
    assert dialog.last_error == ""
    img = dialog.preview.grab().toImage()
    colours = {img.pixelColor(x, img.height() // 2).name() for x in range(0, img.width(), 7)}
    assert len(colours) > 3  # a drawn chart, not an empty panel


@pytest.mark.parametrize("suffix", [".pdf", ".pptx", ".svg", ".png", ".dot"])
def test_exports_in_a_worker(qtbot, dialog, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    dialog.view.setCurrentIndex(dialog.view.findData("subtree"))
    out = tmp_path / f"chart{suffix}"
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_to(out)
    qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=10000)
    assert out.stat().st_size > 0
    if suffix == ".pdf":
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Elena Dubois" in text and "Wei Zhang" in text
        assert "Grace Okafor" not in text  # only Elena's org
    assert "Wrote" in dialog.status.text()


def test_remembers_choices(qtbot, dialog, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.view.setCurrentIndex(dialog.view.findData("pipeline"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.titles.setChecked(False)
    dialog.accept()
    opts = last_options(settings)
    assert (opts.view, opts.theme, opts.titles) == ("pipeline", "dark", False)
    again = ExportDialog(Document(sample_org()), None, None, settings=settings)
    qtbot.addWidget(again)
    assert again.view.currentData() == "pipeline"
    assert again.theme.currentData() == "dark"
    assert not again.titles.isChecked()


def test_export_error_is_shown(qtbot, dialog, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "fake-dot"
    fake.write_text("#!/bin/sh\necho 'Error: boom' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ORGEDITOR_DOT", str(fake))
    out = tmp_path / "chart.svg"
    dialog.export_to(out)
    qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=20000)
    assert "boom" in dialog.status.text()
    assert not out.exists()


def test_copy_diagram(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    doc = Document(sample_org())
    selection = Selection()
    selection.set_people(["p27"])
    settings.setValue("export/view", "subtree")
    copy_diagram(doc, selection, settings)
    mime = QGuiApplication.clipboard().mimeData()
    svg = bytes(mime.data("image/svg+xml").data())
    assert b"<svg" in svg and b"Jae Kim" in svg and b"Maya Chen" not in svg
    assert bytes(mime.data("image/png").data())[:4] == b"\x89PNG"
    assert mime.hasImage()
