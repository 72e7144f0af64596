"""No work lost to another program or another window: disk stamps and lock files.

- :func:`disk_stamp` is what a file looked like on disk (modification time and size) when it
  was opened or last saved; a save over a file whose stamp changed since asks first.
- :class:`FileLock` is a lock file beside the document (``.<name>.lock``, a
  :class:`~PySide6.QtCore.QLockFile`: process id, host and program inside, stale locks of
  dead processes taken over), so the same file opened twice, in one process or two, is
  noticed: the second window offers to open it read-only.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

from orgeditor.ui.dialogs.prompts import choose

__all__ = [
    "FileLock",
    "Stamp",
    "ask_changed_on_disk",
    "ask_locked",
    "disk_stamp",
    "lock_path",
]

Stamp = tuple[int, int]


def disk_stamp(path: Path | None) -> Stamp | None:
    """(modification time in ns, size) of ``path``, or ``None`` when it does not exist."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


class FileLock:
    """The lock on one document file while a window edits it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = QLockFile(str(lock_path(path)))
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never age
        self.held = False

    def acquire(self) -> bool:
        """Take the lock; False when another window or process holds it."""
        if not self.held:
            try:
                self.held = self._lock.tryLock(0)
            except OSError:
                self.held = False
        return self.held

    def owner(self) -> str:
        """Who holds it, for a message ("process 123 on host")."""
        pid, host, app = self._lock.getLockInfo()
        if not pid:
            return "another window"
        if pid == os.getpid():
            return "another window of this orgeditor"
        return f"{app or 'a program'} (process {pid} on {host or 'this computer'})"

    def release(self) -> None:
        if self.held:
            self._lock.unlock()
            self.held = False


def ask_locked(parent: QWidget, path: Path, owner: str, can_cancel: bool = True) -> str | None:
    """The file is open elsewhere: "read-only" (the default), "anyway" or None (cancel)."""
    answer = choose(
        parent,
        "File already open",
        f"{path.name} is already open in {owner}.",
        "Open it read-only (Save then asks for a new name), or open it anyway: whichever "
        "window saves last overwrites the other's changes.",
        [
            ("read-only", "Open Read-Only", QMessageBox.ButtonRole.AcceptRole),
            ("anyway", "Open Anyway", QMessageBox.ButtonRole.DestructiveRole),
        ],
        cancel=can_cancel,
        icon=QMessageBox.Icon.Warning,
    )
    return answer if answer is not None or can_cancel else "read-only"


def ask_changed_on_disk(parent: QWidget, path: Path) -> str | None:
    """The file changed on disk since it was opened or saved: "save-as" (the default),
    "overwrite" or None (cancel)."""
    return choose(
        parent,
        "File changed on disk",
        f"{path.name} was changed by another program since you opened or saved it.",
        "Save your version under another name, or overwrite the changes on disk?",
        [
            ("save-as", "Save As…", QMessageBox.ButtonRole.AcceptRole),
            ("overwrite", "Overwrite", QMessageBox.ButtonRole.DestructiveRole),
        ],
        icon=QMessageBox.Icon.Warning,
    )
