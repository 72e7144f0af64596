"""A safety net under the window: an exception in a slot never kills the editor.

:func:`install` replaces ``sys.excepthook`` (which Qt bindings call for an exception raised
in a slot or a Python override of a Qt method) with a handler that writes the traceback to
stderr and to ``crash.log`` in the user's state folder, saves the document's recovery file at
once, and shows one dialog: "Something went wrong; your work is kept". Further exceptions
while that dialog is open are logged only. It also points :mod:`faulthandler` at
``faults.log`` in the same folder, so a hard crash (a segmentation fault) leaves a Python
stack behind.
"""

from __future__ import annotations

import contextlib
import faulthandler
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["CrashGuard", "install", "state_dir"]

MESSAGE = "Something went wrong; your work is kept."


def state_dir() -> Path:
    """The user's state folder for orgeditor (``$XDG_STATE_HOME/orgeditor`` on Linux)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.StateLocation)
    return Path(base) if base else Path.home() / ".orgeditor"


class CrashGuard:
    """The installed handler (one per process)."""

    def __init__(
        self,
        parent: Callable[[], QWidget | None],
        autosave: Callable[[], object],
        folder: Path,
    ) -> None:
        self._parent = parent
        self._autosave = autosave
        self.folder = folder
        self.log_path = folder / "crash.log"
        self.fault_path = folder / "faults.log"
        self._showing = False
        self.count = 0
        self._fault_file: IO[str] | None = None
        self._previous = sys.excepthook

    def enable_faulthandler(self) -> None:
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            self._fault_file = open(self.fault_path, "a", encoding="utf-8")  # noqa: SIM115
            self._fault_file.write(f"--- orgeditor session {time.ctime()}\n")
            self._fault_file.flush()
            faulthandler.enable(self._fault_file, all_threads=True)

    def __call__(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self._previous(kind, value, tb)
            return
        self.count += 1
        text = "".join(traceback.format_exception(kind, value, tb))
        print(text, file=sys.stderr, end="")
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.log_path, "a", encoding="utf-8") as log:
                log.write(f"--- {time.ctime()}\n{text}")
        saved = False
        with contextlib.suppress(Exception):  # the net must not tear
            saved = bool(self._autosave())
        if self._showing:
            return
        self._showing = True
        try:
            detail = f"{kind.__name__}: {value}"
            where = "A recovery copy was saved. " if saved else ""
            QMessageBox.critical(
                self._parent(),
                "orgeditor",
                f"{MESSAGE}\n\n{where}You can carry on, or save and restart orgeditor.\n"
                f"Details are in {self.log_path}.\n\n{detail}",
            )
        finally:
            self._showing = False

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None


def install(
    parent: Callable[[], QWidget | None],
    autosave: Callable[[], object],
    folder: Path | None = None,
) -> CrashGuard:
    """Install the handler and the fault log; returns it (``uninstall()`` undoes both)."""
    guard = CrashGuard(parent, autosave, folder or state_dir())
    guard.enable_faulthandler()
    sys.excepthook = guard
    return guard
