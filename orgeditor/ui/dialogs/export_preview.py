"""The Export dialog's live preview: the first page (or the chosen one) as the export draws it.

:class:`ExportPreview` is the widget and its background work. :meth:`ExportPreview.request`
builds the page's DOT in a thread (the dialog is modal: the org cannot change meanwhile) and
runs Graphviz in a :class:`QProcess`, so the dialog stays responsive with large orgs; an
editable PowerPoint slide is drawn by :func:`orgeditor.export.pptx_preview.slide_preview_svg`
(with the chosen template's slide size) instead. A newer request makes older results stale:
their late signals are dropped. The SVG is drawn scaled to fit, keeping its aspect ratio.
"""

from __future__ import annotations

import contextlib
import re
import threading

import shiboken6
from PySide6.QtCore import QByteArray, QProcess, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from orgeditor.export.api import ExportOptions, iter_page_dots
from orgeditor.export.themes import get_theme
from orgeditor.model.org import Org

__all__ = ["ExportPreview", "Layout"]

#: what a preview request laid out: (pages, DOT text and dot program) or (slides, SVG)
Layout = tuple[int, str, str] | tuple[int, bytes]


def lay_out(org: Org, opts: ExportOptions, fmt: str) -> Layout:
    """The page the export would hold first (or ``opts.page``), ready to draw (any thread)."""
    from orgeditor.export.render import find_dot

    if fmt == "pptx" and not opts.pictures:  # the slide as the deck will hold it
        from orgeditor.export.pptx_preview import slide_preview_svg

        return slide_preview_svg(org, opts)
    count, paged = iter_page_dots(org, opts, True)  # counted; only the page shown is made
    if opts.page is not None:
        dot_text = paged[min(opts.page, count) - 1].dot
    elif fmt in ("pdf", "pptx"):
        dot_text = paged[0].dot
    else:
        dot_text = iter_page_dots(org, opts, False)[1][0].dot
    return count, dot_text, str(find_dot())


def slide_size(svg: bytes) -> str:
    """The size of a previewed slide ("13.33 x 7.5 in"), from its view box (in points)."""
    found = re.search(rb'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg)
    if found is None:
        return "PowerPoint"
    w, h = (float(v) / 72 for v in found.groups())
    return f"{w:.4g} x {h:.4g} in"


class ExportPreview(QWidget):
    """The preview pane: draws an SVG scaled to fit, or a message; lays out in the background."""

    #: the chart fills this many pages (""), or editable slides of this size ("10 x 7.5 in")
    laid_out = Signal(int, str)
    #: the preview is drawn ("") or failed (the one-line message)
    finished = Signal(str)
    #: (request number, a :data:`Layout` or an error message), from the layout thread
    _result = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.message = "Rendering the preview..."
        self.background = QColor("#ffffff")
        self.ready = False
        self._proc: QProcess | None = None
        self._token = 0
        self._result.connect(self._laid_out)
        self.setMinimumSize(QSize(520, 320))

    # ------------------------------------------------------------------ drawing
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

    # ------------------------------------------------------------------ requests
    def request(self, org: Org, opts: ExportOptions, fmt: str) -> None:
        """Lay out and draw what exporting ``org`` with ``opts`` to ``fmt`` would hold first."""
        from orgeditor.errors import is_user_error

        self._token += 1
        token = self._token
        self.ready = False
        self.set_message("Laying out the preview...")
        background = get_theme(opts.theme).background

        def work() -> None:
            try:
                result: object = (lay_out(org, opts, fmt), background)
            except Exception as e:
                result = str(e) if is_user_error(e) else f"The preview failed: {e!r}"
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self._result.emit(token, result)

        threading.Thread(target=work, name="export-preview", daemon=True).start()

    def _laid_out(self, token: int, result: object) -> None:
        if token != self._token:
            return
        if isinstance(result, str):
            self._failed(result)
            return
        assert isinstance(result, tuple)
        layout, background = result
        self._stop()
        if isinstance(layout[1], bytes):  # an editable slide, drawn already
            count, svg = layout
            self.laid_out.emit(count, slide_size(svg))
            self._drawn(svg, background)
            return
        count, dot_text, dot_path = layout
        self.laid_out.emit(count, "")
        proc = QProcess(self)
        self._proc = proc
        proc.finished.connect(lambda code, _status: self._rendered(proc, code, background))
        proc.errorOccurred.connect(lambda _err: self._process_error(proc))
        proc.start(dot_path, ["-Tsvg"])
        proc.write(dot_text.encode("utf-8"))
        proc.closeWriteChannel()
        self.set_message("Rendering the preview...")

    def _rendered(self, proc: QProcess, code: int, background: str) -> None:
        if proc is not self._proc or not shiboken6.isValid(proc):
            return
        data = bytes(proc.readAllStandardOutput().data())
        if code != 0 or not data:
            err = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace")
            self._failed(f"Graphviz failed: {err.strip()[:300]}")
            return
        self._drawn(data, background)

    def _process_error(self, proc: QProcess) -> None:
        # The process (or the dialog) may be going away: a dead process reports nothing.
        if proc is self._proc and shiboken6.isValid(proc):
            self._failed(proc.errorString())

    def _drawn(self, svg: bytes, background: str) -> None:
        self.set_svg(svg, background)
        self.ready = True
        self.finished.emit("")

    def _failed(self, message: str) -> None:
        self.set_message(message)
        self.ready = True
        self.finished.emit(message)

    def stop(self) -> None:
        """Drop every request under way (the dialog is closing)."""
        self._token += 1
        self._stop()

    def _stop(self) -> None:
        """Stop a preview still rendering; its late signals are dropped, not delivered."""
        proc, self._proc = self._proc, None
        if proc is None or not shiboken6.isValid(proc):
            return
        with contextlib.suppress(RuntimeError, TypeError):
            proc.finished.disconnect()
            proc.errorOccurred.disconnect()
        if proc.state() != QProcess.ProcessState.NotRunning:
            proc.kill()
            proc.waitForFinished(1000)
        proc.deleteLater()
