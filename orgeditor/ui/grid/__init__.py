"""The matrix canvas: teams (columns) x model pipelines (rows), people as cards.

``density`` defines the levels of detail (full cards, name-only cards, chips) and their
metrics; ``layout`` is pure geometry; ``measure`` tells it how wide names are (per level of
detail, when first laid out); ``items`` paints; ``scene`` follows the document's changes;
``cells`` makes its cell items as paints show their cells and keeps them where the layout
puts them; ``background`` paints the grid behind them; ``lines`` draws the selection's
reporting lines; ``dnd`` turns drops into document calls; ``view`` (:class:`MatrixView`)
handles input and holds a ``zoom`` state (:class:`~orgeditor.ui.grid.zoom.Zoom`: the factor
and the level of detail it calls for); ``editor`` renames in place, ``deletion`` deletes what
is selected, ``spotlight`` shows what another panel points at.
"""

__all__: list[str] = []
