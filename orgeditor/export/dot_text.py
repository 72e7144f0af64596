"""The DOT text of a ``pydot.Dot`` we built: whole, in parts, or in parts while it is built.

pydot prints a graph (``to_string()``) as its header and attributes, then its top-level
elements (nodes, edges, subgraphs) in the order they were added, then a closing brace. The
parts here are printed by pydot's own ``to_string()`` too, of a copy of the graph that holds
only that part's elements (same name and attributes); the header and brace every copy repeats
are cut off. Joined, the parts are the text of :func:`serialise`, byte for byte.

Parts let a reader start before the text is complete: ``dot`` parses the first ones while
Python prints the next (:class:`orgeditor.export.render.DotRun`), and with
:class:`PartPrinter` while the emitter is still building the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pydot

__all__ = ["PartPrinter", "serialise", "serialise_parts"]

#: top-level elements per part (about 64 KB of a chart's DOT)
PART = 256

_Child = tuple[str, Any, dict[str, Any]]  # (kind, key, obj_dict) as pydot files it


def serialise(graph: pydot.Dot) -> str:
    """The DOT text of a graph we built (two-space indents, a final newline)."""
    return graph.to_string(indent="  ")


def serialise_parts(graph: pydot.Dot, size: int = PART) -> Iterator[str]:
    """:func:`serialise`'s text in parts of ``size`` top-level elements each.

    >>> import pydot
    >>> g = pydot.Dot('"g"', rankdir="TB")
    >>> for name in "abc":
    ...     g.add_node(pydot.Node(name))
    >>> [part.count(";") for part in serialise_parts(g, size=2)]
    [1, 2, 1, 0]
    >>> "".join(serialise_parts(g, size=2)) == serialise(g)
    True
    """
    head = _head(graph)
    yield head
    items = iter(_children(graph))
    while batch := list(islice(items, size)):
        yield _part(graph, head, batch)
    yield "}\n"


class PartPrinter:
    """Build a graph through this (``add_node``, ``add_edge``, ``add_subgraph``, as on the
    graph itself) and its text reaches ``sink`` in parts as the elements are added: the
    header at once, then every ``size`` top-level elements, the rest and the closing brace
    at :meth:`close`. The graph ends as it would have without it.

    >>> import pydot
    >>> g = pydot.Dot('"g"')
    >>> parts = []
    >>> out = PartPrinter(g, parts.append, size=2)
    >>> for name in "abc":
    ...     out.add_node(pydot.Node(name))
    >>> len(parts)
    2
    >>> out.close()
    >>> "".join(parts) == serialise(g)
    True
    """

    def __init__(self, graph: pydot.Dot, sink: Callable[[str], None], size: int = PART) -> None:
        self.graph = graph
        self.sink = sink
        self.size = size
        self.head = _head(graph)
        self._pending: list[_Child] = _children(graph)  # (the node and edge defaults)
        sink(self.head)

    def add_node(self, node: pydot.Node) -> None:
        self.graph.add_node(node)
        self._added("nodes", node.get_name(), node.obj_dict)

    def add_edge(self, edge: pydot.Edge) -> None:
        self.graph.add_edge(edge)
        self._added("edges", (edge.get_source(), edge.get_destination()), edge.obj_dict)

    def add_subgraph(self, subgraph: pydot.Subgraph | pydot.Cluster) -> None:
        self.graph.add_subgraph(subgraph)  # type: ignore[arg-type]  # (pydot types it narrowly)
        self._added("subgraphs", subgraph.get_name(), subgraph.obj_dict)

    def _added(self, kind: str, key: Any, obj: dict[str, Any]) -> None:
        self._pending.append((kind, key, obj))
        if len(self._pending) >= self.size:
            self.sink(_part(self.graph, self.head, self._pending))
            self._pending = []

    def close(self) -> None:
        """Print what is left and the closing brace."""
        if self._pending:
            self.sink(_part(self.graph, self.head, self._pending))
            self._pending = []
        self.sink("}\n")


def _children(graph: pydot.Dot) -> list[_Child]:
    """The graph's top-level elements in the order pydot prints them (their sequence)."""
    d = graph.obj_dict
    found = [
        (obj["sequence"], (kind, key, obj))
        for kind in ("nodes", "edges", "subgraphs")
        for key, objs in d[kind].items()
        for obj in objs
    ]
    found.sort(key=lambda item: item[0])
    return [child for _seq, child in found]


def _head(graph: pydot.Dot) -> str:
    """The graph's header and attribute lines (its text without elements or closing brace)."""
    import pydot

    empty = {**graph.obj_dict, "nodes": {}, "edges": {}, "subgraphs": {}}
    return pydot.Dot(obj_dict=empty).to_string(indent="  ").removesuffix("}\n")


def _part(graph: pydot.Dot, head: str, children: list[_Child]) -> str:
    """The text of top-level ``children`` (in pydot's order): a copy of the graph holding only
    them, printed by pydot, less the header and the closing brace."""
    import pydot

    part: dict[str, dict[Any, list[dict[str, Any]]]] = {"nodes": {}, "edges": {}, "subgraphs": {}}
    for kind, key, obj in children:
        part[kind].setdefault(key, []).append(obj)
    text = pydot.Dot(obj_dict={**graph.obj_dict, **part}).to_string(indent="  ")
    return text[len(head) : -2]
