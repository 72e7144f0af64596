"""Autosave to a recovery file, and find what a crashed session left behind.

While a document has unsaved changes, :class:`Autosaver` writes it every 30 seconds to
``<app data>/recovery/recovery-<key>.orgchart`` (atomically) with a small JSON note beside it
naming the document's own file. A save or a clean exit removes both. On the next start,
:func:`find_recoverable` lists the files of sessions that are no longer running, newest first.

The key is the process id and a random part, so a later process that happens to get the same
id can neither overwrite nor hide another session's file. Each session also holds an
exclusive lock on ``recovery-<key>.lock`` for as long as it runs (``flock``: the system drops
it when the process dies, however it dies), which is how a running session is told from a
crashed one; files without a lock (older versions) fall back to the process id.

:func:`offer_recovery` is the start-up side: one prompt for every file found, the recovered
documents opened in the window and in new windows beside it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgeditor.document import Document
from orgeditor.io.atomic import process_alive
from orgeditor.io.errors import OrgFileError
from orgeditor.io.orgfile import atomic_write, dumps, load

if TYPE_CHECKING:
    from orgeditor.ui.main_window import MainWindow

__all__ = [
    "AUTOSAVE_INTERVAL_MS",
    "Autosaver",
    "Recoverable",
    "ask_recovery",
    "default_recovery_dir",
    "discard",
    "find_recoverable",
    "offer_recovery",
]

AUTOSAVE_INTERVAL_MS = 30_000


def default_recovery_dir() -> Path:
    """``<AppDataLocation>/recovery`` (e.g. ``~/.local/share/orgeditor/orgeditor/recovery``)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".orgeditor") / "recovery"


@dataclass(frozen=True)
class Recoverable:
    """A recovery file a previous session left behind."""

    data: Path
    note: Path
    original: Path | None
    saved_at: float
    key: str = ""

    @property
    def title(self) -> str:
        return self.original.name if self.original else "an untitled org"


def _lock_held(lock: Path) -> bool | None:
    """Is ``lock`` held by a running session? ``None`` when that cannot be told here."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        return None
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _session_alive(folder: Path, key: str) -> bool:
    lock = folder / f"recovery-{key}.lock"
    held = _lock_held(lock)
    if held is not None:
        return held
    if "-" in key and os.name == "posix":
        return False  # a session locks before it writes: no lock, no session
    try:
        pid = int(key.split("-", 1)[0])
    except ValueError:
        return False
    return process_alive(pid)


def find_recoverable(folder: Path) -> list[Recoverable]:
    """Recovery files of sessions that are no longer running, newest first."""
    found: list[Recoverable] = []
    if not folder.is_dir():
        return found
    for data in folder.glob("recovery-*.orgchart"):
        note = data.with_suffix(".json")
        key = data.stem.split("-", 1)[1] if "-" in data.stem else ""
        if not key or _session_alive(folder, key):
            continue
        original: Path | None = None
        saved_at = data.stat().st_mtime
        with contextlib.suppress(OSError, ValueError, TypeError):
            meta = json.loads(note.read_text("utf-8"))
            original = Path(meta["path"]) if meta.get("path") else None
            saved_at = float(meta.get("time", saved_at))
        found.append(Recoverable(data, note, original, saved_at, key))
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def discard(item: Recoverable) -> None:
    """Delete a recovery file, its note and its (stale) session lock."""
    paths = [item.data, item.note]
    if item.key:
        paths.append(item.data.with_name(f"recovery-{item.key}.lock"))
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink()


def ask_recovery(
    parent: QWidget, found: list[Recoverable]
) -> tuple[list[Recoverable], list[Recoverable]]:
    """One prompt for every recovery file: (to recover, to discard). Files in neither list
    (unticked, or "Later") stay for the next start."""
    if len(found) == 1:
        item = found[0]
        answer = QMessageBox.question(
            parent,
            "Recover unsaved changes?",
            f"orgeditor did not close cleanly last time. Recover the unsaved changes to "
            f"{item.title}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return ([item], []) if answer == QMessageBox.StandardButton.Yes else ([], [item])
    dialog = QDialog(parent)
    dialog.setWindowTitle("Recover unsaved changes?")
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        QLabel(
            f"orgeditor did not close cleanly: {len(found)} sessions left unsaved changes. "
            "Tick the ones to recover or to discard; the others are kept for next time.",
            wordWrap=True,
        )
    )
    listing = QListWidget(dialog)
    for item in found:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(item.saved_at))
        row = QListWidgetItem(f"{item.title} (saved {when})")
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        row.setCheckState(Qt.CheckState.Checked)
        row.setToolTip(str(item.original or item.data))
        listing.addItem(row)
    layout.addWidget(listing)
    buttons = QDialogButtonBox(dialog)
    recover = QPushButton("Recover Ticked")
    drop = QPushButton("Discard Ticked")
    buttons.addButton(recover, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(drop, QDialogButtonBox.ButtonRole.DestructiveRole)
    later = buttons.addButton("Later", QDialogButtonBox.ButtonRole.RejectRole)
    chosen: list[QPushButton] = []

    def choose(button: QPushButton) -> None:
        chosen.append(button)
        dialog.done(0)

    for b in (recover, drop, later):
        b.clicked.connect(functools.partial(choose, b))
    recover.setDefault(True)
    layout.addWidget(buttons)
    dialog.exec()
    ticked = [
        item
        for i, item in enumerate(found)
        if listing.item(i).checkState() == Qt.CheckState.Checked
    ]
    dialog.deleteLater()
    if chosen and chosen[0] is recover:
        return ticked, []
    if chosen and chosen[0] is drop:
        return [], ticked
    return [], []


def offer_recovery(window: MainWindow) -> bool:
    """Offer what crashed sessions autosaved (one prompt for all); True when recovered.

    Recovered documents open in ``window`` (the first) and in new windows (the others); only
    the files the user answered about are deleted."""
    found = find_recoverable(window.recovery_dir)
    if not found:
        return False
    recover, drop = ask_recovery(window, found)
    for item in drop:
        discard(item)
    docs: list[tuple[Recoverable, Document]] = []
    for item in recover:
        doc = _recovered(window, item)
        if doc is not None:
            docs.append((item, doc))
    for i, (item, doc) in enumerate(docs):
        target = window if i == 0 else window.open_window(doc)
        if i == 0:
            window.set_document(doc)
        discard(item)  # the new session autosaves it under its own key
        if target.autosaver is not None:
            target.autosaver.autosave()
    if docs:
        titles = ", ".join(item.title for item, _d in docs)
        window.statusBar().showMessage(f"Recovered {titles}", 5000)
    return bool(docs)


def _recovered(window: MainWindow, item: Recoverable) -> Document | None:
    try:
        org = load(item.data)
    except OrgFileError as e:
        window.files.show_error("Cannot recover", e)
        return None
    doc = Document(org, item.original)
    doc.mark_modified()
    return doc


class Autosaver(QObject):
    """Writes the window's document to its recovery file every ``interval_ms`` when modified.

    :attr:`failed` carries the reason when a write fails (a full disk, say); the editor
    carries on and tries again at the next tick.
    """

    failed = Signal(str)
    #: a recovery file was written (after a failure: the problem is over)
    saved = Signal()

    def __init__(
        self,
        document_getter: object,
        folder: Path,
        interval_ms: int = AUTOSAVE_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._get = document_getter
        self.folder = folder
        self.key = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        stem = f"recovery-{self.key}"
        self.data_path = folder / f"{stem}.orgchart"
        self.note_path = folder / f"{stem}.json"
        self.lock_path = folder / f"{stem}.lock"
        self._lock_fd: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.last_error: str | None = None

    def start(self) -> None:
        self._take_lock()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _take_lock(self) -> None:
        """Hold this session's lock (a crashed session's files are those with a free lock)."""
        if self._lock_fd is not None:
            return
        try:
            import fcntl
        except ImportError:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return  # the autosave itself will report the folder's problem
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return
        self._lock_fd = fd

    def release(self) -> None:
        """Drop the session lock and its file (a clean exit)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
            with contextlib.suppress(OSError):
                self.lock_path.unlink()

    def autosave(self) -> bool:
        """Write the recovery file now if the document has unsaved changes."""
        doc: Document = self._get()  # type: ignore[operator]
        if not doc.is_modified:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._take_lock()
            atomic_write(self.data_path, dumps(doc.org).encode("utf-8"), mode=0o600)
            note = {"path": str(doc.path) if doc.path else None, "time": time.time()}
            atomic_write(self.note_path, json.dumps(note).encode("utf-8"), mode=0o600)
        except Exception as e:  # an autosave must never take the editor down
            self.last_error = str(e)
            self.failed.emit(self.last_error)
            return False
        self.last_error = None
        self.saved.emit()
        return True

    def remove(self) -> None:
        """Forget the recovery file (after a save or on a clean exit)."""
        for p in (self.data_path, self.note_path):
            with contextlib.suppress(OSError):
                p.unlink()
