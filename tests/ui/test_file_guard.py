"""No work lost to another window or program: lock files, changed-on-disk, save errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from orgeditor.document import Document, EditError
from orgeditor.samples import sample_path
from orgeditor.ui.files import file_guard


@pytest.fixture
def org_file(tmp_path: Path) -> Path:
    path = tmp_path / "org.orgchart"
    path.write_bytes(sample_path().read_bytes())
    return path


def test_the_same_file_twice_offers_read_only(make_window, org_file, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = make_window(Document.open(org_file))
    assert file_guard.lock_path(org_file).exists()
    asked: list[str] = []

    def ask(parent, path, owner, can_cancel=True):  # type: ignore[no-untyped-def]
        asked.append(owner)
        return "read-only"

    monkeypatch.setattr(file_guard, "ask_locked", ask)
    second = make_window(Document())
    assert second.files.open_path(org_file)
    assert asked == ["another window of this orgeditor"]
    assert second.files.read_only and "(read-only)" in second.windowTitle()
    # Save in a read-only window asks for a new name
    copy = tmp_path / "copy.orgchart"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), ""))
    )
    with pytest.raises(EditError, match="read-only"):  # the document refuses edits
        second.document.rename("person", next(iter(second.document.org.people)), "Changed")
    assert second.files.save()
    assert copy.exists() and second.document.path == copy
    assert not second.files.read_only and "(read-only)" not in second.windowTitle()
    second.document.rename("person", next(iter(second.document.org.people)), "Changed")
    # the first window still holds the original; closing it frees the lock
    first.discard_and_close()
    assert not file_guard.lock_path(org_file).exists()


def test_cancel_keeps_the_current_document(make_window, org_file, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_window(Document.open(org_file))
    monkeypatch.setattr(file_guard, "ask_locked", lambda *a, **k: None)
    second = make_window(Document())
    before = second.document
    assert not second.files.open_path(org_file)
    assert second.document is before


@pytest.mark.parametrize("answer", ["overwrite", None, "save-as"])
def test_saving_over_a_file_changed_on_disk_asks(
    make_window, org_file, tmp_path, monkeypatch, answer
) -> None:  # type: ignore[no-untyped-def]
    w = make_window(Document.open(org_file))
    w.document.rename("person", next(iter(w.document.org.people)), "Mine")
    theirs = org_file.read_text().replace("Maya Chen", "Maya Other")
    org_file.write_text(theirs)
    os.utime(org_file, ns=(1, 1))  # another program's save
    asked: list[Path] = []

    def ask(parent, path):  # type: ignore[no-untyped-def]
        asked.append(path)
        return answer

    monkeypatch.setattr(file_guard, "ask_changed_on_disk", ask)
    other = tmp_path / "mine.orgchart"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(other), ""))
    )
    saved = w.files.save()
    assert asked == [org_file]
    if answer == "overwrite":
        assert saved and "Mine" in org_file.read_text()
    elif answer is None:
        assert not saved and org_file.read_text() == theirs
    else:
        assert saved and org_file.read_text() == theirs and "Mine" in other.read_text()
    # a second save right after does not ask again
    w.document.rename("person", next(iter(w.document.org.people)), "Mine again")
    if saved:
        assert w.files.save() and len(asked) == 1


@pytest.mark.parametrize("error", [RuntimeError("a bug"), PermissionError(13, "Permission denied")])
def test_whatever_goes_wrong_in_a_save_is_a_dialog(
    make_window, org_file, monkeypatch, error
) -> None:  # type: ignore[no-untyped-def]
    w = make_window(Document.open(org_file))
    doc = w.document
    doc.rename("person", next(iter(doc.org.people)), "Unsaved")
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda p, t, text, *a: shown.append(text))
    )

    def broken(path=None):  # type: ignore[no-untyped-def]
        raise error

    monkeypatch.setattr(doc, "save", broken)
    assert not w.files.save()  # no exception out of the menu slot
    assert len(shown) == 1 and str(org_file) in shown[0]
    assert doc.is_modified


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_saving_over_a_read_only_file_asks_first(  # type: ignore[no-untyped-def]
    make_window, org_file, monkeypatch, answer
) -> None:
    w = make_window(Document.open(org_file))
    w.document.rename("person", next(iter(w.document.org.people)), "Renamed Person")
    org_file.chmod(0o444)
    before = org_file.read_bytes()
    asked: list[str] = []
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No

    def question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(title)
        return yes if answer == "yes" else no

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    shown: list[str] = []
    monkeypatch.setattr(w.files, "show_error", lambda title, text: shown.append(text))
    saved = w.files.save()
    assert asked == ["Overwrite a read-only file?"]
    if answer == "yes":
        assert saved and b"Renamed Person" in org_file.read_bytes()
        assert org_file.stat().st_mode & 0o777 == 0o444  # it stays read-only
    else:
        assert not saved and org_file.read_bytes() == before
        assert shown and "is read-only" in shown[0]
    org_file.chmod(0o644)
