"""Start the editor: the QApplication, the first document, crash recovery and ``--screenshot``.

:func:`run` is what ``orgeditor [FILE]`` calls. It opens FILE (a bad one prints one line and
exits with status 2, before any window appears) or the built-in sample as an untitled
document, offers to recover an autosaved document left by a crash, and runs the event loop.
With ``screenshot`` it shows the window at ``size``, waits until it has really been painted,
saves a PNG of it and exits 0; this works with ``QT_QPA_PLATFORM=offscreen``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from orgeditor import __version__
from orgeditor.document import Document
from orgeditor.io.errors import OrgFileError
from orgeditor.ui.files.crash_guard import CrashGuard, install

if TYPE_CHECKING:
    from orgeditor.ui.main_window import MainWindow

__all__ = [
    "app_icon",
    "ensure_app",
    "guard_window",
    "open_initial_document",
    "run",
    "take_screenshot",
]

APP_NAME = "orgeditor"
ORG_NAME = "orgeditor"


def app_icon() -> QIcon:
    """The application icon (``resources/icons/orgeditor-N.png`` and ``orgeditor.svg``)."""
    from orgeditor.samples import resources_dir

    folder = resources_dir() / "icons"
    icon = QIcon()
    for png in sorted(folder.glob("orgeditor-*.png")):
        icon.addFile(str(png))
    svg = folder / "orgeditor.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon


def ensure_app(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created with the app's names and high-DPI settings."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationDisplayName("orgeditor")
    QGuiApplication.setDesktopFileName("orgeditor")
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def open_initial_document(file: Path | None) -> Document:
    """FILE as a document, or the built-in sample as an untitled one (Save asks for a path).

    Raises :class:`~orgeditor.io.errors.OrgFileError` for a file that cannot be opened.
    """
    if file is not None:
        return Document.open(file)
    from orgeditor.samples import sample_org

    return Document(sample_org(), None)


def _check_display(offscreen_ok: bool) -> str:
    """Why the window cannot open here ("" when it can).

    Without a display Qt's X11 plugin aborts the process with a core dump. A screenshot does
    not need a display: it then renders offscreen.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    if offscreen_ok:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _quiet_offscreen_noise()
        return ""
    return (
        "no display to open the window on (DISPLAY is not set): run orgeditor from a desktop "
        "session, add --screenshot OUT.png, or use a headless subcommand (orgeditor --help)"
    )


def _quiet_offscreen_noise() -> None:
    """Drop the offscreen plugin's harmless "does not support propagateSizeHints" lines."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


class _FirstPaint(QObject):
    """Calls back once the watched widget has been painted (or after a safety timeout)."""

    def __init__(self, parent: QObject, callback: Callable[[], None]) -> None:
        super().__init__(parent)
        self._callback = callback
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._callback)
        return False


def take_screenshot(
    window: object, out: Path, delay_ms: int = 400, *, size: tuple[int, int] | None = None
) -> int:
    """Grab ``window`` (a shown QWidget) to ``out`` as PNG; returns an exit status. With
    ``size``, the size it was asked to take: a note says so when it could not."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    app = QApplication.instance()
    assert app is not None
    for _ in range(5):
        app.processEvents()
    pixmap = window.grab()
    if size is not None and (window.width(), window.height()) != size:
        print(
            f"orgeditor: note: the window cannot be {size[0]}x{size[1]}; "
            f"saved it at its smallest, {window.width()}x{window.height()}",
            file=sys.stderr,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(out), "PNG"):
        print(f"orgeditor: {out}: cannot write the screenshot", file=sys.stderr)
        return 2
    return 0


def run(
    file: Path | None, *, screenshot: Path | None = None, size: tuple[int, int] = (1400, 900)
) -> int:
    """Open the editor on FILE (the sample when ``None``); returns the exit status."""
    try:
        document = open_initial_document(file)
    except OrgFileError as e:
        print(f"orgeditor: {e}", file=sys.stderr)
        return 2
    if screenshot is not None and screenshot.suffix.lower() != ".png":
        print(
            f"orgeditor: {screenshot}: --screenshot writes a PNG file (use .png)", file=sys.stderr
        )
        return 2
    problem = _check_display(screenshot is not None)
    if problem:
        print(f"orgeditor: {problem}", file=sys.stderr)
        return 2
    app = ensure_app()
    from orgeditor.ui.files.recovery import offer_recovery
    from orgeditor.ui.main_window import MainWindow

    interactive = screenshot is None
    window = MainWindow(document, restore_state=interactive, autosave=interactive)
    if screenshot is not None:
        window.resize(*size)
        status: list[int] = [1]

        def grab() -> None:
            status[0] = take_screenshot(window, screenshot, size=size)
            app.quit()

        watcher = _FirstPaint(window, lambda: QTimer.singleShot(400, grab))
        window.installEventFilter(watcher)
        QTimer.singleShot(10_000, grab)  # never hang if no paint event ever arrives
        window.show()
        app.exec()
        window.discard_and_close()
        return status[0]
    guard = guard_window(window)
    window.show()
    QTimer.singleShot(0, lambda: offer_recovery(window))
    try:
        return int(app.exec())
    finally:
        guard.uninstall()


def guard_window(window: MainWindow) -> CrashGuard:
    """Install the crash guard for ``window``: its dialog over it, its autosave at once."""

    def autosave() -> bool:
        return window.autosaver is not None and window.autosaver.autosave()

    return install(lambda: window, autosave)
