"""Slide-ready diagrams through Graphviz: DOT, SVG, PNG, PDF and PowerPoint (no Qt here).

The pipeline runs one way, plan -> emit -> render:

- :mod:`~orgeditor.export.views` picks who is drawn (a :class:`~orgeditor.export.views.Chart`);
- :mod:`~orgeditor.export.layout` plans the pages (paging by subtree in
  :mod:`~orgeditor.export.paging`, stacks, ranks, markers, which lines are drawn), one planner
  for every format, into :mod:`~orgeditor.export.pages` (the laid-out ``Page``);
  :mod:`~orgeditor.export.matrix` plans and draws the matrix grid;
- :mod:`~orgeditor.export.dot` prints a laid-out page as a ``pydot.Dot``, and
  :mod:`~orgeditor.export.dot_text` its DOT text (whole, or in parts while it is built);
- :mod:`~orgeditor.export.render` runs Graphviz; the packagers
  (:mod:`~orgeditor.export.pdfmerge`, :mod:`~orgeditor.export.pptx`) consume the pages.

:func:`orgeditor.export.api.export_file` is what the command line and the window call;
:func:`to_pydot` gives Python users the graph itself::

    >>> from orgeditor.export import to_pydot
    >>> from orgeditor.samples import sample_org
    >>> graph = to_pydot(sample_org(), view="reporting", clusters="team")
    >>> text = graph.to_string()      # DOT text; or graph.write_svg("chart.svg")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pydot

    from orgeditor.model.org import Org

__all__ = ["to_pydot"]


def to_pydot(org: Org, view: str = "reporting", **options: Any) -> pydot.Dot:
    """The diagram of ``org`` as a ``pydot.Dot``; see :func:`orgeditor.export.api.to_pydot`."""
    from orgeditor.export.api import to_pydot as build

    return build(org, view, **options)
