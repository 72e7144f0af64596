"""The zoom state of the matrix canvas: the factor and the level of detail it calls for.

:class:`Zoom` is held by :class:`~orgeditor.ui.grid.view.MatrixView`: the view asks it what a
gesture (Ctrl+wheel, pinch, Zoom In/Out, Actual Size, Fit to Window) should show and applies
the answer (its transform and the scene's level of detail). It keeps no widget, only numbers
and the grid's pure :class:`~orgeditor.ui.grid.layout.GridLayout`, so it is tested without a
window.

Semantic zoom: zooming out, cards first drop their titles and badges
(:data:`~orgeditor.ui.grid.density.NAMES`), then become one-line name chips
(:data:`~orgeditor.ui.grid.density.CHIPS`), and only then coloured blocks: the grid switches to
a denser level as soon as the names of the current one would fall below
:data:`~orgeditor.ui.grid.density.READABLE_PX` on screen, keeping the matrix the same size on
screen. Zooming in switches back when the more detailed level is readable again. Fit to Window
fits width and height and picks the most detailed level whose names stay readable.

>>> from orgeditor.ui.grid.layout import GridLayout
>>> lay = GridLayout()
>>> lay.set_structure(["t1"], ["l1"])
>>> lay.load({("t1", "l1"): 4})
>>> z = Zoom(lambda: lay)
>>> z.factor, z.reset()[0].key
(1.0, 'full')
>>> z.fit_choice(10_000, 10_000)[0].key   # plenty of room: full cards at 100 %
'full'
>>> z.fit_choice(200, 200)[0].key         # little room: the densest level
'chips'
"""

from __future__ import annotations

from collections.abc import Callable

from orgeditor.ui.grid.density import DENSITIES, FULL, READABLE_PX, Density
from orgeditor.ui.grid.layout import GridLayout

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "WHEEL_STEP", "Zoom", "readable"]

MIN_ZOOM = 0.001
MAX_ZOOM = 4.0
#: one Zoom In / Zoom Out
STEP = 1.25
#: one notch of Ctrl+wheel
WHEEL_STEP = 1.15
#: switching back to a more detailed level needs names this much above readable
_HYSTERESIS = 1.08
#: room the scene keeps around the grid (see MatrixScene._finish_geometry)
MARGIN = 40.0

#: what to show: a level of detail and a zoom factor
Choice = tuple[Density, float]


def readable(density: Density, zoom: float) -> bool:
    """Are the names of cards at ``density`` readable at ``zoom``?"""
    return density.name_px * zoom >= READABLE_PX - 1e-6


def _clamp(factor: float) -> float:
    return max(MIN_ZOOM, min(MAX_ZOOM, factor))


class Zoom:
    """The view's zoom factor and the choice of level of detail for a wanted zoom.

    ``layout`` returns the scene's grid layout (its current level is the level shown).
    The methods that answer a gesture return a :data:`Choice`; the view applies it and then
    records it with :meth:`set`.
    """

    def __init__(self, layout: Callable[[], GridLayout]) -> None:
        self._layout = layout
        self.factor = 1.0

    @property
    def density(self) -> Density:
        """The level of detail the grid shows."""
        return self._layout().density

    def set(self, factor: float) -> None:
        """The factor the view now shows."""
        self.factor = factor

    def choose(self, factor: float, density: Density | None = None) -> Choice:
        """What zooming to ``factor`` shows: at ``density`` if given, else the most detailed
        level whose names are readable with the grid as wide on screen as ``factor`` makes
        it at the current level (the factor changes with the level)."""
        factor = _clamp(factor)
        if density is not None:
            return density, factor
        lay = self._layout()
        here = lay.density
        apparent = (lay.size_at(here)[0] + MARGIN) * factor
        for d in DENSITIES:
            f = apparent / (lay.size_at(d)[0] + MARGIN)
            margin = _HYSTERESIS if DENSITIES.index(d) < DENSITIES.index(here) else 1.0
            if d.name_px * f >= READABLE_PX * margin - 1e-6 and f <= MAX_ZOOM:
                return d, _clamp(f)
        d = DENSITIES[-1]
        return d, _clamp(apparent / (lay.size_at(d)[0] + MARGIN))

    def zoom_in(self) -> Choice:
        return self.choose(self.factor * STEP)

    def zoom_out(self) -> Choice:
        return self.choose(self.factor / STEP)

    def wheel(self, steps: float) -> Choice:
        """``steps`` notches of Ctrl+wheel (negative: out)."""
        return self.choose(self.factor * WHEEL_STEP**steps)

    def pinch(self, scale: float) -> Choice:
        return self.choose(self.factor * scale)

    def reset(self) -> Choice:
        """Actual size: full cards at 100 %."""
        return FULL, 1.0

    def fit_choice(self, width: float, height: float, exact: bool = True) -> Choice:
        """What Fit to Window shows in a viewport of ``width`` x ``height`` pixels: the most
        detailed level whose whole grid fits with readable names (at most 100 %), else the
        densest level, fitted. A level whose names cannot be readable even at its narrowest
        is not measured (issue 18); with ``exact=False`` not even the densest (its factor
        then is only an upper bound)."""
        lay = self._layout()
        if width <= 0 or height <= 0:
            return lay.density, self.factor

        def fit(size: tuple[float, float]) -> float:
            return min(width / (size[0] + MARGIN), height / (size[1] + MARGIN), 1.0)

        best: Choice = (lay.density, self.factor)
        for d in DENSITIES:
            f = fit(lay.size_bound(d))
            if readable(d, f) or (exact and d is DENSITIES[-1]):
                f = fit(lay.size_at(d))
            best = (d, f)
            if readable(d, f):
                break
        return best

    def suit(self, width: float, height: float) -> Choice | None:
        """A first zoom: the whole grid when its names are readable that way; None when
        that is simply 100 % (or the names would not be readable: stay at 100 %)."""
        density, factor = self.fit_choice(width, height, exact=False)  # unreadable: unmeasured
        if readable(density, factor) and (density, factor) != (FULL, 1.0):
            return density, factor
        return None
