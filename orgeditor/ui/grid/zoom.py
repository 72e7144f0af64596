"""Zooming the matrix canvas: Ctrl+wheel, pinch, fit to window and 100 %, with semantic zoom.

A mixin of :class:`~orgeditor.ui.grid.view.MatrixView`. Zooming out, cards first drop their
titles and badges (:data:`~orgeditor.ui.grid.layout.NAMES`), then become one-line name chips
(:data:`~orgeditor.ui.grid.layout.CHIPS`), and only then coloured blocks: the grid switches
to a denser level of detail as soon as the names of the current one would fall below
:data:`~orgeditor.ui.grid.layout.READABLE_PX` on screen, keeping the matrix the same size on
screen. Zooming in switches back when the more detailed level is readable again. Fit to
Window fits width and height and picks the most detailed level whose names stay readable.
Far out, the scene switches to its overview drawing. ``zoomChanged`` announces the factor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt, Slot
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from orgeditor.ui.grid.items import OVERVIEW_ZOOM
from orgeditor.ui.grid.layout import DENSITIES, FULL, READABLE_PX, Density

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from orgeditor.ui.grid.scene import MatrixScene

    _Base = QGraphicsView
else:
    _Base = object  # a Qt base class in a mixin makes shiboken crash: MatrixView has it

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "ZoomMixin", "readable"]

MIN_ZOOM = 0.001
MAX_ZOOM = 4.0
#: switching back to a more detailed level needs names this much above readable
_HYSTERESIS = 1.08
#: room the scene keeps around the grid (see MatrixScene._finish_geometry)
_MARGIN = 40.0


def readable(density: Density, zoom: float) -> bool:
    """Are the names of cards at ``density`` readable at ``zoom``?"""
    return density.name_px * zoom >= READABLE_PX - 1e-6


class ZoomMixin(_Base):
    """Zoom state and gestures for the matrix view."""

    if TYPE_CHECKING:
        _zoom: float
        matrix: MatrixScene
        zoomChanged: SignalInstance

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def density(self) -> Density:
        """The level of detail the grid shows."""
        return self.matrix.layout.density

    def _choose(self, factor: float) -> tuple[Density, float]:
        """The level of detail and zoom that show the grid as wide as ``factor`` at the
        current level: the most detailed level whose names are readable there."""
        lay = self.matrix.layout
        here = lay.density
        width = lay.size_at(here)[0] + _MARGIN
        apparent = width * factor
        for d in DENSITIES:
            f = apparent / (lay.size_at(d)[0] + _MARGIN)
            margin = _HYSTERESIS if DENSITIES.index(d) < DENSITIES.index(here) else 1.0
            if d.name_px * f >= READABLE_PX * margin - 1e-6 and f <= MAX_ZOOM:
                return d, f
        d = DENSITIES[-1]
        return d, apparent / (lay.size_at(d)[0] + _MARGIN)

    def set_zoom(
        self, factor: float, anchor: QPointF | None = None, density: Density | None = None
    ) -> None:
        """Zoom to ``factor``; with ``density`` at that level of detail, else at the level
        semantic zoom picks (which may change the factor to keep the grid's size on screen).
        ``anchor`` (viewport point) stays over the same part of the grid."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        if density is None:
            density, factor = self._choose(factor)
            factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        if density != self.matrix.layout.density:
            self._switch(density, factor, anchor)
        else:
            if anchor is not None:
                self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
            else:
                self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            scale = factor / self._zoom
            self._zoom = factor
            self.scale(scale, scale)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.matrix.show_overview(factor < OVERVIEW_ZOOM)
        self.zoomChanged.emit(factor)

    def _switch(self, density: Density, factor: float, anchor: QPointF | None) -> None:
        """Change the level of detail; the same part of the grid stays under ``anchor``."""
        vp = self.viewport().rect()
        at = anchor if anchor is not None else QPointF(vp.center())
        lay = self.matrix.layout
        before = self.mapToScene(at.toPoint())
        fx = before.x() / max(lay.width, 1.0)
        fy = before.y() / max(lay.height, 1.0)
        self.matrix.set_density(density)
        self._zoom = factor
        self.resetTransform()
        self.scale(factor, factor)
        target = QPointF(fx * lay.width, fy * lay.height)
        # put ``target`` under ``at``: centre on the point that is as far from it as the
        # viewport centre is from the anchor
        offset = (QPointF(vp.center()) - at) / factor
        self.centerOn(target + offset)

    @Slot()
    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * 1.25)

    @Slot()
    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / 1.25)

    @Slot()
    def zoom_reset(self) -> None:
        self.set_zoom(1.0, density=FULL)

    def fit_choice(self, exact: bool = True) -> tuple[Density, float]:
        """What Fit to Window shows: the most detailed level whose whole grid fits the
        viewport with readable names (at most 100 %), else the densest level, fitted.
        A level whose names cannot be readable even at its narrowest is not measured; with
        ``exact=False`` not even the densest (its factor then is only an upper bound)."""
        lay = self.matrix.layout
        vp = self.viewport().rect()
        if vp.isEmpty():
            return lay.density, self._zoom

        def fit(size: tuple[float, float]) -> float:
            return min(vp.width() / (size[0] + _MARGIN), vp.height() / (size[1] + _MARGIN), 1.0)

        best: tuple[Density, float] | None = None
        for d in DENSITIES:
            f = fit(lay.size_bound(d))
            if readable(d, f) or (exact and d is DENSITIES[-1]):
                f = fit(lay.size_at(d))
            best = (d, f)
            if readable(d, f):
                break
        assert best is not None
        return best

    @Slot()
    def zoom_fit(self) -> None:
        density, factor = self.fit_choice()
        self.set_zoom(factor, density=density)
        self.centerOn(self.matrix.sceneRect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self._zoom * (1.15**steps), event.position())
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and event.angleDelta().x() == 0:
            # Shift+wheel scrolls sideways (a mouse without a horizontal wheel)
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - round(event.angleDelta().y() / 120 * bar.singleStep() * 3))
            event.accept()
            return
        super().wheelEvent(event)
