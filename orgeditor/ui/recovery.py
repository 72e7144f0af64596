"""Autosave to a recovery file, and find what a crashed session left behind.

While a document has unsaved changes, :class:`Autosaver` writes it every 30 seconds to
``<app data>/recovery/recovery-<pid>.orgchart`` (atomically) with a small JSON note beside it
naming the document's own file. A save or a clean exit removes both. On the next start,
:func:`find_recoverable` lists the files of sessions that are no longer running, newest first.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from orgeditor.document import Document
from orgeditor.io.orgfile import atomic_write, dumps

__all__ = [
    "AUTOSAVE_INTERVAL_MS",
    "Autosaver",
    "Recoverable",
    "default_recovery_dir",
    "discard",
    "find_recoverable",
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

    @property
    def title(self) -> str:
        return self.original.name if self.original else "an untitled org"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def find_recoverable(folder: Path) -> list[Recoverable]:
    """Recovery files of sessions that are no longer running, newest first."""
    found: list[Recoverable] = []
    if not folder.is_dir():
        return found
    for data in folder.glob("recovery-*.orgchart"):
        note = data.with_suffix(".json")
        try:
            pid = int(data.stem.split("-", 1)[1])
        except (IndexError, ValueError):
            continue
        if _pid_alive(pid):
            continue
        original: Path | None = None
        saved_at = data.stat().st_mtime
        with contextlib.suppress(OSError, ValueError, TypeError):
            meta = json.loads(note.read_text("utf-8"))
            original = Path(meta["path"]) if meta.get("path") else None
            saved_at = float(meta.get("time", saved_at))
        found.append(Recoverable(data, note, original, saved_at))
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def discard(item: Recoverable) -> None:
    for p in (item.data, item.note):
        with contextlib.suppress(OSError):
            p.unlink()


class Autosaver(QObject):
    """Writes the window's document to its recovery file every ``interval_ms`` when modified.

    :attr:`failed` carries the reason when a write fails (a full disk, say); the editor
    carries on and tries again at the next tick.
    """

    failed = Signal(str)

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
        stem = f"recovery-{os.getpid()}"
        self.data_path = folder / f"{stem}.orgchart"
        self.note_path = folder / f"{stem}.json"
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.last_error: str | None = None

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def autosave(self) -> bool:
        """Write the recovery file now if the document has unsaved changes."""
        doc: Document = self._get()  # type: ignore[operator]
        if not doc.is_modified:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.data_path, dumps(doc.org).encode("utf-8"), mode=0o600)
            note = {"path": str(doc.path) if doc.path else None, "time": time.time()}
            atomic_write(self.note_path, json.dumps(note).encode("utf-8"), mode=0o600)
        except Exception as e:  # an autosave must never take the editor down
            self.last_error = str(e)
            self.failed.emit(self.last_error)
            return False
        self.last_error = None
        return True

    def remove(self) -> None:
        """Forget the recovery file (after a save or on a clean exit)."""
        for p in (self.data_path, self.note_path):
            with contextlib.suppress(OSError):
                p.unlink()
