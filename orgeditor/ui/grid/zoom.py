"""Zooming the matrix canvas: Ctrl+wheel, pinch, fit to window and 100 %.

A mixin of :class:`~orgeditor.ui.grid.view.MatrixView`; it keeps the zoom factor, switches the
scene to its overview drawing when zoomed far out, and announces ``zoomChanged``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt, Slot
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from orgeditor.ui.grid.items import OVERVIEW_ZOOM

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from orgeditor.ui.grid.scene import MatrixScene

    _Base = QGraphicsView
else:
    _Base = object  # a Qt base class in a mixin makes shiboken crash: MatrixView has it

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "ZoomMixin"]

MIN_ZOOM = 0.001
MAX_ZOOM = 4.0


class ZoomMixin(_Base):
    """Zoom state and gestures for the matrix view."""

    if TYPE_CHECKING:
        _zoom: float
        matrix: MatrixScene
        zoomChanged: SignalInstance

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        if anchor is not None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        else:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        scale = factor / self._zoom
        self._zoom = factor
        self.matrix.show_overview(factor < OVERVIEW_ZOOM)
        self.scale(scale, scale)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.zoomChanged.emit(factor)

    @Slot()
    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    @Slot()
    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    @Slot()
    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    @Slot()
    def zoom_fit(self) -> None:
        rect = self.matrix.sceneRect()
        vp = self.viewport().rect()
        if rect.isEmpty() or vp.isEmpty():
            return
        factor = min(vp.width() / rect.width(), vp.height() / rect.height())
        self.set_zoom(min(factor, 1.0))
        self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self._zoom * (1.15**steps), event.position())
            event.accept()
            return
        super().wheelEvent(event)
