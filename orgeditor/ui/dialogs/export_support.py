"""Helpers of the export dialog: remembered choices, the SVG preview widget, the export
worker, and Edit > Copy Diagram (a PNG and an SVG of the last-used view on the clipboard)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QObject, QRectF, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from orgeditor.document import Document
from orgeditor.export.api import ExportOptions, build_pages, export_file, render_page
from orgeditor.export.themes import THEMES
from orgeditor.model.org import Org
from orgeditor.ui.selection import Selection

__all__ = [
    "ExportWorker",
    "SvgPreview",
    "copy_diagram",
    "last_options",
    "put_on_clipboard",
    "settings_or_default",
    "snapshot",
]

KEY = "export/"


def snapshot(org: Org) -> Org:
    """A private copy of the org for a worker thread (the document may change meanwhile)."""
    from orgeditor.io.orgfile import dumps, loads

    return loads(dumps(org))


def settings_or_default(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def last_options(settings: QSettings | None = None) -> ExportOptions:
    """The options last used in the export dialog (defaults when there are none)."""
    s = settings_or_default(settings)

    def flag(key: str, default: bool) -> bool:
        value = s.value(KEY + key, default)
        return value in (True, "true", "1", 1) if not isinstance(value, bool) else value

    def number(key: str, default: float) -> float:
        try:
            return float(str(s.value(KEY + key, default)))
        except ValueError:
            return default

    theme = str(s.value(KEY + "theme", "default"))
    depth = int(number("depth", -1))
    return ExportOptions(
        view=str(s.value(KEY + "view", "reporting")),
        theme=theme if theme in THEMES else "default",
        titles=flag("titles", True),
        clusters=str(s.value(KEY + "clusters", ""))
        if s.value(KEY + "clusters", "")
        in (
            "team",
            "unit",
        )
        else "",
        stack=flag("stack", True),
        depth=None if depth < 0 else depth,
        pipeline=str(s.value(KEY + "pipeline", "")) or None,
        root=str(s.value(KEY + "root", "")) or None,
        scale=number("scale", 1.0) if number("scale", 1.0) > 0 else 1.0,
        transparent=flag("transparent", False),
    )


class SvgPreview(QWidget):
    """Draws an SVG scaled to fit, keeping its aspect ratio."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.message = "Rendering the preview..."
        self.background = QColor("#ffffff")
        self.setMinimumSize(QSize(520, 320))

    def set_svg(self, data: bytes, background: str) -> bool:
        ok = self.renderer.load(QByteArray(data))
        self.message = "" if ok else "The preview could not be drawn."
        self.background = QColor(background)
        self.update()
        return bool(ok)

    def set_message(self, text: str) -> None:
        self.message = text
        self.update()

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#e9ecf0"))
        if self.renderer.isValid() and not self.message:
            size = self.renderer.defaultSize()
            area = self.rect().adjusted(8, 8, -8, -8)
            if size.width() > 0 and size.height() > 0:
                scale = min(area.width() / size.width(), area.height() / size.height())
                w, h = size.width() * scale, size.height() * scale
                target = QRectF(
                    area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h
                )
                p.fillRect(target, self.background)
                self.renderer.render(p, target)
        else:
            p.setPen(QColor("#52606d"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
        p.end()


class ExportWorker(QObject):
    progress = Signal(int, int)
    done = Signal(int)
    failed = Signal(str)

    def __init__(self, org: Org, path: Path, opts: ExportOptions) -> None:
        super().__init__()
        self.org, self.path, self.opts = org, path, opts

    def run(self) -> None:
        from orgeditor.errors import is_user_error

        try:
            pages = export_file(self.org, self.path, self.opts, self.progress.emit)
        except Exception as e:  # shown in the dialog, never lost
            self.failed.emit(str(e) if is_user_error(e) else f"Export failed: {e!r}")
        else:
            self.done.emit(pages)


def put_on_clipboard(org: Org, opts: ExportOptions) -> None:
    """Render the view (whole chart, or ``opts.page``) and put a PNG and an SVG on the clipboard."""
    from orgeditor.export.render import GraphvizError

    paged = opts.page is not None
    pages = build_pages(org, opts, paged)
    page = pages[min(opts.page or 1, len(pages)) - 1]
    svg = render_page(page, "svg", opts)
    try:
        png = render_page(page, "png", replace(opts, scale=2.0))
    except GraphvizError:
        png = render_page(page, "png", replace(opts, scale=0.5))
    mime = QMimeData()
    mime.setData("image/svg+xml", QByteArray(svg))
    mime.setData("image/png", QByteArray(png))
    mime.setImageData(QImage.fromData(png))
    QGuiApplication.clipboard().setMimeData(mime)


def copy_diagram(
    document: Document, selection: Selection | None, settings: QSettings | None = None
) -> None:
    """Edit > Copy Diagram: the last-used view as PNG and SVG on the clipboard.

    With one person selected and the last view a subtree (or with a person selected and no
    choice made yet), the selected person's org is copied.
    """
    opts = replace(last_options(settings), page=None)
    picked = selection.people if selection is not None else []
    if opts.view == "subtree":
        root = picked[0] if picked else opts.root
        if root is None or root not in document.org.people:
            opts = replace(opts, view="reporting")
        else:
            opts = replace(opts, root=root)
    if opts.view == "pipeline" and not opts.pipeline and document.org.pipeline_order:
        opts = replace(opts, pipeline=document.org.pipeline_order[0])
    put_on_clipboard(document.org, opts)
