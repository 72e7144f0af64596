"""Slide-ready diagrams through Graphviz: DOT, SVG, PNG, PDF and PowerPoint (no Qt here).

The entry point is :func:`orgeditor.export.api.export_file`; views live in
:mod:`~orgeditor.export.views`, DOT text in :mod:`~orgeditor.export.dot` and
:mod:`~orgeditor.export.matrix`, slide-fit paging in :mod:`~orgeditor.export.layout`, the
Graphviz runner in :mod:`~orgeditor.export.render`.
"""

__all__: list[str] = []
