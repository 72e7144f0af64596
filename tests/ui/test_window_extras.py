"""File > Print / Print to PDF, Help > Keyboard Shortcuts and Legend, the Export dialog's
folder, the People search on another file, and Open's prompt order."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from orgeditor.document import Document
from orgeditor.samples import sample_org, sample_path


def test_print_to_pdf_writes_the_grid(make_window, tmp_path, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = make_window(Document(sample_org()))
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    out = tmp_path / "grid.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    w.actions_.print_pdf.trigger()
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 10_000
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "page")], check=True
        )
        (page,) = tmp_path.glob("page*.png")
        image = QImage(str(page))
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 20  # cards, colours, text: not a blank page


def test_print_uses_the_system_dialog(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrintDialog

    w = make_window(Document(sample_org()))
    seen: list[str] = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: seen.append("dialog") or 0)
    assert not w.files.print_view()  # cancelled: nothing printed
    assert seen == ["dialog"]


def test_keyboard_shortcuts_and_legend(make_window) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.dialogs.help_dialog import help_html

    w = make_window(Document(sample_org()))
    html = help_html(w.actions_)
    for text in ("Undo", "Fit to Window", "Print", "Alt+arrow", "TL", "FTE", "open position"):
        assert text in html, text
    assert "&amp;" not in html.split("<h3>Legend")[0].replace("&amp;nbsp", "")
    assert "Keyboard Shortcuts" in next(
        a.text().replace("&", "") for a in w.menuBar().actions()[-1].menu().actions()
    )
    w.actions_.shortcuts.trigger()
    assert w.help_dialog.isVisible()
    w.help_dialog.close()


def test_export_save_dialog_opens_next_to_the_document(make_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.ui.dialogs.export_dialog import ExportDialog

    path = tmp_path / "team" / "org.orgchart"
    path.parent.mkdir()
    path.write_bytes(sample_path().read_bytes())
    w = make_window(Document.open(path))
    starts: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda p, t, start, *a, **k: (starts.append(start), ("", ""))[1]),
    )
    dialog = ExportDialog(w.document, w.selection, w)
    dialog.choose_and_export()
    assert Path(starts[0]).parent == path.parent
    dialog.close()
    dialog.deleteLater()


def test_people_search_is_cleared_when_another_file_opens(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window(Document(sample_org()))
    w.people_list.search.setText("Noor")
    w.set_document(Document(sample_org()))
    assert w.people_list.search.text() == ""
    assert w.people_list.model.rowCount() == len(w.document.org.people)


def test_open_asks_about_unsaved_changes_before_the_file_dialog(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = make_window(Document(sample_org()))
    w.document.rename("person", next(iter(w.document.org.people)), "Unsaved")
    order: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: order.append("ask") or QMessageBox.StandardButton.Cancel),
    )
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (order.append("dialog"), ("", ""))[1]),
    )
    assert not w.files.open_file()
    assert order == ["ask"]  # cancelled at the question: no file dialog at all
