"""Which people and lines a diagram shows: pure functions over an :class:`Org`.

Views: ``reporting`` (the solid-line forest of everybody, dotted lines on top), ``subtree``
(one manager's org, optionally ``depth`` levels deep), ``pipeline`` (everyone on one pipeline,
its PM and tech lead, the lines among them, grouped by team) and ``matrix`` (the team x
pipeline grid, drawn by :mod:`orgeditor.export.matrix`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from orgeditor.errors import UserError
from orgeditor.model.entities import Pipeline
from orgeditor.model.org import Org

__all__ = [
    "VIEWS",
    "Chart",
    "ChartChoice",
    "chart_of",
    "cluster_keys",
    "find_pipeline",
    "find_root",
    "pipeline_chart",
    "reporting_chart",
    "subtree_chart",
]

VIEWS = ("reporting", "matrix", "subtree", "pipeline")


@dataclass
class Chart:
    """A forest of people to draw: solid lines as parent/children, dotted lines on top."""

    title: str
    roots: list[str]
    children: dict[str, list[str]]
    dotted: list[tuple[str, str]] = field(default_factory=list)
    #: person -> number of people below them that the view leaves out (depth limit)
    hidden: dict[str, int] = field(default_factory=dict)
    #: person -> team id (or "") when the view groups people by team
    cluster: dict[str, str] = field(default_factory=dict)
    #: people drawn on the top rank (the PM of a pipeline view)
    top: list[str] = field(default_factory=list)
    #: the pipeline a pipeline view is about (shares shown on cards)
    pipeline: str | None = None

    def people(self) -> list[str]:
        """Everybody shown, in drawing order (depth first from the roots)."""
        out: list[str] = []
        stack = list(reversed(self.roots))
        while stack:
            p = stack.pop()
            out.append(p)
            stack.extend(reversed(self.children.get(p, ())))
        return out


def _forest(org: Org, shown: dict[str, None]) -> tuple[list[str], dict[str, list[str]]]:
    """Roots and children among ``shown`` people, by solid lines (cycles broken)."""
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for pid in shown:
        m = org.people[pid].manager
        if m is not None and m in shown and m != pid:
            children.setdefault(m, []).append(pid)
        else:
            roots.append(pid)
    # people caught in a reporting cycle are reachable from no root: cut the cycle
    reached: set[str] = set()
    stack = list(roots)
    while stack:
        p = stack.pop()
        reached.add(p)
        stack.extend(children.get(p, ()))
    if len(reached) < len(shown):
        for pid in shown:
            if pid in reached:
                continue
            roots.append(pid)
            m = org.people[pid].manager
            if m is not None and pid in children.get(m, []):
                children[m].remove(pid)
            stack = [pid]
            while stack:
                p = stack.pop()
                if p not in reached:
                    reached.add(p)
                    stack.extend(children.get(p, ()))
    return roots, children


def _dotted(org: Org, shown: dict[str, None]) -> list[tuple[str, str]]:
    return [(m, pid) for pid in shown for m in org.people[pid].dotted if m in shown and m != pid]


def cluster_keys(org: Org, people: Iterable[str], mode: str | bool) -> dict[str, str]:
    """person -> cluster key: ``t:<team>`` (mode ``team``), ``u:<unit>`` (``unit``) or ``""``."""
    if not mode:
        return {}
    if mode == "unit":
        unit_of = {t: u.id for u in org.ordered_units() for t in u.teams}
        leader_of = {u.leader: u.id for u in org.ordered_units() if u.leader}
        out = {}
        for p in people:
            team = org.people[p].team
            unit = unit_of.get(team or "") or leader_of.get(p)
            out[p] = f"u:{unit}" if unit else ""
        return out
    return {p: f"t:{org.people[p].team}" if org.people[p].team else "" for p in people}


def reporting_chart(org: Org, *, clusters: str | bool = False) -> Chart:
    """Everybody, by solid lines; dotted lines drawn on top."""
    shown = dict.fromkeys(org.people)
    roots, children = _forest(org, shown)
    cluster = cluster_keys(org, shown, clusters)
    return Chart(
        f"{org.name or 'Org'}: reporting lines", roots, children, _dotted(org, shown), {}, cluster
    )


def find_root(org: Org, text: str | None) -> str:
    """A person id from an id or an exact name (``--root``)."""
    if not text:
        raise UserError("--root: the subtree view needs a person (an id or an exact name)")
    if text in org.people:
        return text
    hits = [p.id for p in org.people.values() if p.name == text]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise UserError(
            f"--root: {len(hits)} people are named {text!r}; use an id ({', '.join(hits[:5])})"
        )
    raise UserError(f"--root: no person with the id or exact name {text!r}")


def subtree_chart(
    org: Org, root: str, depth: int | None = None, *, clusters: str | bool = False
) -> Chart:
    """``root`` and everybody below them by solid lines, at most ``depth`` levels down."""
    if depth is not None and depth < 0:
        raise UserError("--depth must be 0 or more")
    shown: dict[str, None] = {}
    hidden: dict[str, int] = {}
    level = {root: 0}
    queue = [root]
    for p in queue:  # breadth first
        shown[p] = None
        below = [r for r in org.direct_reports(p) if r not in level]
        if depth is not None and level[p] >= depth:
            if below:
                hidden[p] = _count_below(org, p)
            continue
        for r in below:
            level[r] = level[p] + 1
            queue.append(r)
    roots, children = _forest(org, shown)
    cluster = cluster_keys(org, shown, clusters)
    name = org.people[root].display_name
    return Chart(f"{name}'s org", roots, children, _dotted(org, shown), hidden, cluster)


def _count_below(org: Org, person: str) -> int:
    seen = {person}
    stack = [person]
    while stack:
        for r in org.direct_reports(stack.pop()):
            if r not in seen:
                seen.add(r)
                stack.append(r)
    return len(seen) - 1


def find_pipeline(org: Org, text: str | None) -> Pipeline:
    """A pipeline by id or exact name (``--pipeline``)."""
    names = ", ".join(repr(p.name) for p in org.ordered_pipelines()[:12])
    if not text:
        raise UserError(f"--pipeline: the pipeline view needs a pipeline name ({names})")
    if text in org.pipelines:
        return org.pipelines[text]
    found = org.find_by_name("pipeline", text)
    if found is None:
        lowered = [p for p in org.ordered_pipelines() if p.name.casefold() == text.casefold()]
        if len(lowered) == 1:
            return lowered[0]
        raise UserError(f"--pipeline: no pipeline named {text!r}; the pipelines are {names}")
    assert isinstance(found, Pipeline)
    return found


def pipeline_chart(org: Org, pipeline: Pipeline) -> Chart:
    """Everyone on ``pipeline`` across teams, its PM and tech lead, grouped by team."""
    shown: dict[str, None] = {}
    top: list[str] = []
    for lead in (pipeline.owner, pipeline.tech_lead):
        if lead is not None and lead in org.people:
            shown[lead] = None
    if pipeline.owner in shown:
        top.append(pipeline.owner)
    for p in org.pipeline_people(pipeline.id):
        shown[p.id] = None
    roots, children = _forest(org, shown)
    cluster = cluster_keys(org, shown, "team")
    if pipeline.owner in cluster:
        cluster[pipeline.owner] = ""
    return Chart(
        f"{pipeline.name}: pipeline",
        roots,
        children,
        _dotted(org, shown),
        {},
        cluster,
        top,
        pipeline.id,
    )


class ChartChoice(Protocol):
    """Which tree chart to draw, as the options of ``orgeditor export`` name it (an
    :class:`~orgeditor.export.api.ExportOptions` is one)."""

    @property
    def view(self) -> str: ...
    @property
    def root(self) -> str | None: ...
    @property
    def pipeline(self) -> str | None: ...
    @property
    def depth(self) -> int | None: ...
    @property
    def clusters(self) -> str: ...


def chart_of(org: Org, choice: ChartChoice) -> Chart:
    """The chart of a tree view (``reporting``, ``subtree``, ``pipeline``); a
    :class:`~orgeditor.errors.UserError` for a bad choice."""
    clusters = choice.clusters
    if clusters not in ("", "team", "unit"):
        raise UserError(f"--clusters: choose team or unit, not {clusters!r}")
    if choice.view == "reporting":
        return reporting_chart(org, clusters=clusters)
    if choice.view == "subtree":
        return subtree_chart(org, find_root(org, choice.root), choice.depth, clusters=clusters)
    if choice.view == "pipeline":
        return pipeline_chart(org, find_pipeline(org, choice.pipeline))
    raise UserError(f"--view: unknown view {choice.view!r}; choose one of {', '.join(VIEWS)}")
