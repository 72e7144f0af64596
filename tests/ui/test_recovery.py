"""Crash recovery: every recovery file found is offered in one prompt; only the files answered
about are deleted; keys survive a reused process id."""

from __future__ import annotations

import os
from pathlib import Path

from orgeditor.document import Document
from orgeditor.samples import sample_org
from orgeditor.ui.files import recovery
from orgeditor.ui.files.recovery import Autosaver, find_recoverable, offer_recovery


def _crashed(folder: Path, name: str) -> Autosaver:
    """A session that autosaved a modified document and then "died" (its lock released)."""
    doc = Document(sample_org(), folder.parent / f"{name}.orgchart")
    doc.rename("person", next(iter(doc.org.people)), f"Changed in {name}")
    saver = Autosaver(lambda: doc, folder)
    saver.start()
    assert saver.autosave()
    saver.stop()
    # the process dies: the system drops its lock; the lock file itself stays behind
    assert saver._lock_fd is not None
    os.close(saver._lock_fd)
    saver._lock_fd = None
    return saver


def test_two_sessions_in_one_process_never_share_a_file(tmp_path: Path) -> None:
    a = Autosaver(lambda: None, tmp_path)
    b = Autosaver(lambda: None, tmp_path)
    assert a.data_path != b.data_path
    assert a.key.startswith(f"{os.getpid()}-") and b.key.startswith(f"{os.getpid()}-")


def test_a_live_session_is_not_offered_and_a_reused_pid_hides_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    _crashed(folder, "one")  # key = this very pid: a reused pid must not hide it
    doc = Document(sample_org())
    doc.mark_modified()
    live = Autosaver(lambda: doc, folder)
    live.start()
    assert live.autosave()
    found = find_recoverable(folder)
    assert [f.original.name for f in found if f.original] == ["one.orgchart"]
    live.stop()
    live.release()
    assert len(find_recoverable(folder)) == 2  # once it is gone, its file is offered too


def test_one_prompt_for_every_file_and_only_answered_files_are_deleted(
    make_window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "recovery"
    for name in ("alpha", "beta", "gamma"):
        _crashed(folder, name)
    prompts: list[list[str]] = []

    def ask(parent, found):  # type: ignore[no-untyped-def]
        prompts.append(sorted(f.title for f in found))
        by = {f.title: f for f in found}
        return [by["alpha.orgchart"], by["beta.orgchart"]], [by["gamma.orgchart"]]

    monkeypatch.setattr(recovery, "ask_recovery", ask)
    w = make_window(Document(sample_org()))
    assert offer_recovery(w)
    assert prompts == [["alpha.orgchart", "beta.orgchart", "gamma.orgchart"]]  # one prompt
    titles = {w.document.path.name, *(o.document.path.name for o in w.others)}
    assert titles == {"alpha.orgchart", "beta.orgchart"}
    assert all(o.isVisible() for o in w.others)
    # recovered files are taken over by the new sessions, gamma was discarded
    assert find_recoverable(folder) == []
    for o in w.others:
        o.discard_and_close()


def test_later_keeps_every_file(make_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "recovery"
    for name in ("alpha", "beta"):
        _crashed(folder, name)
    monkeypatch.setattr(recovery, "ask_recovery", lambda parent, found: ([], []))
    w = make_window(Document(sample_org()))
    assert not offer_recovery(w)
    assert len(find_recoverable(folder)) == 2


def test_a_stray_file_with_an_impossible_pid_is_offered_not_a_crash(tmp_path: Path) -> None:
    """An old-style key (a bare process id) too large for any process (os.kill would raise
    OverflowError) is a session that is not running: its file is offered like any other."""
    folder = tmp_path / "recovery"
    folder.mkdir()
    stray = folder / "recovery-99999999999999999999999.orgchart"
    stray.write_text("{}", "utf-8")
    assert [r.data for r in find_recoverable(folder)] == [stray]
