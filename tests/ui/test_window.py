"""The main window: menus, undo/redo labels, files, prompts, recovery, clipboard, screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox

from orgeditor.document import Document
from orgeditor.samples import sample_org, sample_path
from orgeditor.ui.files.recovery import find_recoverable, offer_recovery

ROOT = Path(__file__).resolve().parents[2]
SB = QMessageBox.StandardButton


def answer(monkeypatch: pytest.MonkeyPatch, button: SB) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def two_people(doc: Document) -> tuple[str, str]:
    ids = list(doc.org.people)
    return ids[0], ids[1]


def test_opens_the_sample_untitled(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    assert w.windowTitle() == "Untitled.orgchart[*] — orgeditor"
    assert not w.isWindowModified()
    n_open = sum(1 for p in w.document.org.people.values() if p.role.value == "open")
    assert w.people_label.text() == f"{len(w.document.org.people) - n_open} people"
    assert w.open_label.text().startswith(f"{n_open} open position")
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]


def test_undo_redo_through_the_menu_with_labels(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    doc = w.document
    a = w.actions_
    assert not a.undo.isEnabled() and a.undo.text() == "&Undo"
    team = doc.org.team_order[0]
    pipe = doc.org.pipeline_order[-1]
    people = [p for p in doc.org.people if doc.org.people[p].team != team][:12]
    doc.move_people([(p, doc.org.cells_of(p)[0]) for p in people], (team, pipe))
    assert a.undo.isEnabled()
    assert a.undo.text() == "&Undo Move 12 people"
    assert w.isWindowModified()
    a.undo.trigger()
    assert all(doc.org.people[p].team != team for p in people)
    assert a.redo.text() == "&Redo Move 12 people"
    assert not w.isWindowModified()
    a.redo.trigger()
    assert all(doc.org.people[p].team == team for p in people)
    assert a.undo.text() == "&Undo Move 12 people"


def test_save_and_reopen_is_byte_identical(make_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "a.orgchart"
    first.write_bytes(sample_path().read_bytes())
    w = make_window(Document.open(first))
    w.document.rename("person", next(iter(w.document.org.people)), "Renamed Person")
    assert w.files.save()
    assert not w.isWindowModified()
    saved = first.read_bytes()
    assert w.files.open_path(first)
    assert w.document.org.people[next(iter(w.document.org.people))].name == "Renamed Person"
    second = tmp_path / "b.orgchart"
    monkeypatch.setattr(
        "orgeditor.ui.files.file_ops.QFileDialog.getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "b"), "")),
    )
    assert w.files.save_as()
    assert second.read_bytes() == saved
    assert w.windowTitle() == "b.orgchart[*] — orgeditor"
    from orgeditor.ui.files.file_ops import recent_files

    assert recent_files(w.settings)[:2] == [second.resolve(), first.resolve()]


def test_unsaved_changes_prompt_on_new_open_and_close(make_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    w.show()
    doc = w.document
    pid = next(iter(doc.org.people))
    doc.rename("person", pid, "Changed")
    asked = answer(monkeypatch, SB.Cancel)
    assert not w.files.new_file()
    assert w.document is doc and len(asked) == 1
    assert not w.files.open_path(sample_path())
    assert w.document is doc
    w.close()
    assert w.isVisible()  # Cancel keeps the window open

    answer(monkeypatch, SB.Discard)
    assert w.files.new_file()
    assert w.document is not doc and not w.document.org.people

    target = tmp_path / "saved.orgchart"
    w.document.add_team("Modeling", kind="modeling")
    monkeypatch.setattr(
        "orgeditor.ui.files.file_ops.QFileDialog.getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "")),
    )
    answer(monkeypatch, SB.Save)
    w.close()
    assert not w.isVisible()
    assert target.is_file() and Document.open(target).org.find_by_name("team", "Modeling")


def test_bad_file_keeps_the_current_document(make_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    doc = w.document
    bad = tmp_path / "bad.orgchart"
    bad.write_text('{"format": "orgchart", "version": 1, "people": [{"id": 3}]}')
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    assert not w.files.open_path(bad)
    assert w.document is doc
    assert len(shown) == 1 and str(bad) in shown[0] and "\n" not in shown[0]


def test_recovery_after_a_simulated_crash(make_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    original = tmp_path / "org.orgchart"
    original.write_bytes(sample_path().read_bytes())
    crashed = make_window(Document.open(original))
    pid = next(iter(crashed.document.org.people))
    crashed.document.rename("person", pid, "Unsaved Name")
    assert crashed.autosaver is not None and crashed.autosaver.autosave()
    # the process "dies": its recovery files stay, under a pid that no longer runs
    dead = 2**22 + 12345
    data = crashed.autosaver.data_path
    data.rename(data.with_name(f"recovery-{dead}.orgchart"))
    crashed.autosaver.note_path.rename(data.with_name(f"recovery-{dead}.json"))
    crashed.autosaver.stop()
    crashed.files.release()  # a dead process holds no lock on its file
    assert len(find_recoverable(tmp_path / "recovery")) == 1

    fresh = make_window(Document(sample_org()))
    asked = answer(monkeypatch, SB.Yes)
    assert offer_recovery(fresh)
    assert "org.orgchart" in asked[0]
    assert fresh.document.org.people[pid].name == "Unsaved Name"
    assert fresh.document.path == original
    assert fresh.document.is_modified and fresh.isWindowModified()
    assert find_recoverable(tmp_path / "recovery") == []  # taken over by the new session
    assert fresh.files.save()
    assert Document.open(original).org.people[pid].name == "Unsaved Name"
    assert fresh.autosaver is not None and not fresh.autosaver.data_path.exists()


def test_autosave_writes_only_when_modified_and_clean_exit_removes_it(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    assert w.autosaver is not None
    assert not w.autosaver.autosave()
    w.document.rename("person", next(iter(w.document.org.people)), "X")
    assert w.autosaver.autosave() and w.autosaver.data_path.is_file()
    w.document.undo()
    w.close()  # clean again: no prompt
    assert not w.autosaver.data_path.exists()


def test_copy_paste_and_cut_people(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    doc = w.document
    a, b = two_people(doc)
    names = {doc.org.people[a].name, doc.org.people[b].name}
    w.selection.set_people([a, b])
    w.actions_.copy.trigger()
    assert "application/x-orgeditor-people+json" in QGuiApplication.clipboard().mimeData().formats()
    target = doc.org.cells_of(b)[0]
    w.selection.set_people([b])
    before = len(doc.org.people)
    w.actions_.paste.trigger()
    assert len(doc.org.people) == before + 2
    new = w.selection.people
    assert {doc.org.people[p].name for p in new} == names
    assert all(target in doc.org.cells_of(p) for p in new)
    assert doc.undo_label == "Paste 2 people"
    doc.undo()
    assert len(doc.org.people) == before
    w.selection.set_people([a])
    w.actions_.cut.trigger()
    assert a not in doc.org.people and w.selection.people == []
    QGuiApplication.clipboard().clear()


def test_delete_and_select_all(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    doc = w.document
    w.actions_.select_all.trigger()
    assert set(w.selection.people) == set(doc.org.people)
    a, _b = two_people(doc)
    w.selection.set_people([a])
    w.actions_.delete.trigger()
    assert a not in doc.org.people
    team = doc.org.team_order[0]
    w.selection.set_entity("team", team)
    w.actions_.delete.trigger()
    assert team not in doc.org.teams


def test_find_focuses_the_people_search(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.actions_.find.trigger()
    qtbot.waitUntil(lambda: w.people_list.search.hasFocus())


def test_twenty_thousand_people_open(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.samples import synthetic_org

    org = synthetic_org(20_000, seed=1)
    w = make_window(Document(org), autosave=False)
    w.show()
    qtbot.waitExposed(w)
    n = len(org.people)
    assert n >= 20_000
    # the list fills right after the canvas first paints (issue 18)
    qtbot.waitUntil(lambda: w.people_list.model.rowCount() == n)
    pid = next(iter(org.people))
    w.selection.set_people([pid])
    qtbot.waitUntil(lambda: w.inspector.person.pid == pid)


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "orgeditor", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_screenshot_offscreen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "shot.png"
    done = _run_cli("--screenshot", str(out), "--size", "1100x700")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1100, 700)
    assert len({image.pixel(x, y) for x in range(0, 1100, 30) for y in range(0, 700, 30)}) > 5


def test_a_screenshot_says_when_the_window_could_not_take_its_size(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, capsys
) -> None:
    from PySide6.QtWidgets import QWidget

    from orgeditor.ui.app import take_screenshot

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(320, 200)
    widget.show()
    assert take_screenshot(widget, tmp_path / "a.png", size=(320, 200)) == 0
    assert capsys.readouterr().err == ""
    assert take_screenshot(widget, tmp_path / "b.png", size=(90_000, 200)) == 0
    assert "the window cannot be 90000x200; saved it at its smallest, 320x200" in (
        capsys.readouterr().err
    )
    assert (tmp_path / "b.png").exists()


def test_bad_file_on_the_command_line_exits_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.orgchart"
    bad.write_text("{not json")
    done = _run_cli(str(bad), "--screenshot", str(tmp_path / "x.png"))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0]
    assert not (tmp_path / "x.png").exists()


def test_import_opens_an_unsaved_document(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    imported = sample_org()
    imported.name = "Imported"
    monkeypatch.setattr(
        "orgeditor.ui.dialogs.import_dialog.run_import_dialog",
        lambda parent=None, path=None: imported,
    )
    w.actions_.import_.trigger()
    assert w.document.org is imported
    assert w.document.path is None and w.document.is_modified and w.isWindowModified()


def test_export_and_copy_diagram_open_the_export_code(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    opened: list[tuple[object, ...]] = []

    shown: list[object] = []

    class FakeSignal:
        def connect(self, slot: object) -> None:
            shown.append(slot)

    class FakeDialog:  # the real one starts a preview render; only the wiring is tested here
        def __init__(self, *args: object) -> None:
            opened.append(args)
            self.message = FakeSignal()

        def exec(self) -> int:
            return 0

    monkeypatch.setattr("orgeditor.ui.dialogs.export_dialog.ExportDialog", FakeDialog)
    w.actions_.export.trigger()
    assert opened == [(w.document, w.selection, w)]
    assert len(shown) == 1  # the dialog's messages go to the status bar
    shown[0]("Exported 3 pages to /tmp/x.pdf")  # type: ignore[operator]
    assert w.statusBar().currentMessage() == "Exported 3 pages to /tmp/x.pdf"
    copied: list[object] = []
    monkeypatch.setattr(
        "orgeditor.ui.dialogs.diagram_copy.copy_diagram",
        lambda doc, sel, *a, **k: copied.append((doc, sel)),
    )
    w.actions_.copy_diagram.trigger()
    assert copied == [(w.document, w.selection)]


def test_people_list_search_filters_and_selects(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    org = w.document.org
    plist = w.people_list
    person = next(p for p in org.people.values() if p.name)
    plist.search.setText(person.name)
    # (the list fills after the first paint: wait for filtered rows, not for an empty list)
    qtbot.waitUntil(lambda: 0 < plist.model.rowCount() < len(org.people))
    assert person.id in plist.model.ids
    plist.search.returnPressed.emit()
    assert w.selection.people[0] in plist.model.ids
    plist.search.setText("")
    team = org.team_order[0]
    plist.team_filter.setCurrentIndex(plist.team_filter.findData(team))
    assert plist.model.ids and all(org.people[p].team == team for p in plist.model.ids)
    plist.role_filter.setCurrentIndex(plist.role_filter.findData("manager"))
    assert all(org.people[p].role.value == "manager" for p in plist.model.ids)
    row = plist.model.index(0, 0)
    plist.table.selectRow(row.row())
    assert w.selection.people == [plist.model.ids[0]]
    # an edit elsewhere shows in the list without losing the filter
    pid = plist.model.ids[0]
    w.document.rename("person", pid, "Zzz Renamed")
    assert plist.model.data(plist.model.index(plist.model.row_of[pid], 0)) == "Zzz Renamed"


def test_new_person_team_and_pipeline(make_window) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    doc = w.document
    a, _b = two_people(doc)
    cell = doc.org.cells_of(a)[0]
    w.selection.set_people([a])
    w.actions_.new_person.trigger()
    (pid,) = w.selection.people
    assert doc.org.people[pid].name == "New person" and cell in doc.org.cells_of(pid)
    assert doc.undo_label == "Add New person"
    w.actions_.new_team.trigger()
    w.actions_.new_team.trigger()
    assert doc.org.find_by_name("team", "New team 2") is not None
    assert w.selection.entity[0] == "team"
    w.actions_.new_pipeline.trigger()
    assert w.selection.entity == ("pipeline", doc.org.pipeline_order[-1])


def test_recent_files_menu_and_file_drop(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    w = make_window()
    w.files.fill_recent_menu()
    assert [x.text() for x in w.actions_.recent_menu.actions()] == ["No recent files"]
    target = tmp_path / "dropped.orgchart"
    target.write_bytes(sample_path().read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(target))])
    drop = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.dropEvent(drop)
    QCoreApplication.processEvents()
    assert w.document.path == target
    w.files.fill_recent_menu()
    texts = [x.text() for x in w.actions_.recent_menu.actions()]
    assert texts[0] == "&1 dropped.orgchart" and texts[-1] == "Clear Menu"


def test_bad_size_is_a_usage_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = _run_cli("--screenshot", str(tmp_path / "x.png"), "--size", "wide")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "orgeditor: --size takes WIDTHxHEIGHT, such as 1400x900, not 'wide'"
    )


def test_window_layout_is_remembered(make_window) -> None:  # type: ignore[no-untyped-def]
    first = make_window()
    first.show()
    first.docks["inspector"].hide()
    first.resize(1111, 777)
    first.close()
    assert not first.isVisible()
    second = make_window()
    second.show()
    assert second.docks["inspector"].isHidden()
    # the offscreen screen is small, so Qt fits the restored geometry to it: check it was kept
    assert second.settings.value("window/geometry") is not None


def test_autosave_failure_is_reported_not_raised(make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    assert w.autosaver is not None
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    w.autosaver.folder = blocker
    w.autosaver.data_path = blocker / "recovery-1.orgchart"
    w.autosaver.note_path = blocker / "recovery-1.json"
    w.document.rename("person", next(iter(w.document.org.people)), "Y")
    assert not w.autosaver.autosave()
    assert w.statusBar().currentMessage().startswith("Autosave failed: ")
    assert not w.autosave_label.isHidden()  # stays in view, not a 10-second message
    w.autosaver.folder = tmp_path / "recovery-ok"
    w.autosaver.data_path = w.autosaver.folder / "recovery-1.orgchart"
    w.autosaver.note_path = w.autosaver.folder / "recovery-1.json"
    assert w.autosaver.autosave()
    assert w.autosave_label.isHidden()
