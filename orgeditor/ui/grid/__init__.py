"""The matrix canvas: teams (columns) x model pipelines (rows), people as cards.

``layout`` is pure geometry; ``items`` paints; ``scene`` follows the document's changes;
``dnd`` turns drops into document calls; ``view`` (:class:`MatrixView`) handles input.
"""

__all__: list[str] = []
