"""The org: people, ordered teams and pipelines, org units, placements and reporting lines.

Reporting lines are kept twice: as the persons' ``manager``/``dotted`` fields with reverse
indexes for constant-time queries (direct reports of a manager), and as a
:class:`networkx.MultiDiGraph` (``Org.graph``) for graph algorithms (cycles, common
leaders, subtrees): one node per person, an edge ``manager -> report`` with key ``"solid"`` or
``"dotted"``. The graph is built on first use and then kept current by every change, so that
loading a 20,000-person file and starting the editor do not pay for networkx. Cells of the
matrix are indexed so that a view can ask who sits in one cell without scanning the org.

An :class:`Org` is read-only to everybody but :mod:`orgeditor.model.changes`: the mutating
methods below start with an underscore and are called only by changes, so that every edit
has an inverse and an announcement.

Examples
--------
>>> from orgeditor.model.org import Org
>>> from orgeditor.model.entities import Person, Team
>>> org = Org()
>>> org._add_team(Team("t1", "Modeling", kind="modeling"))
>>> org._add_person(Person("p1", "Ada", team="t1"))
>>> [p.name for p in org.cell_people("t1", None)]
['Ada']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from orgeditor.model.entities import OrgUnit, Person, Pipeline, Placement, Team

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Cell", "Org"]

#: A cell of the matrix: (team id or None for "no team", pipeline id or None for "no pipeline").
Cell = tuple[str | None, str | None]

SOLID = "solid"
DOTTED = "dotted"


def _new_graph() -> nx.MultiDiGraph:
    import networkx as nx

    return nx.MultiDiGraph()


class Org:
    """An ML organisation as a matrix of teams x pipelines, with reporting lines."""

    def __init__(self, name: str = "") -> None:
        self.name = name
        #: Per-file settings (rule switches and thresholds, ...), a JSON-able dict.
        self.settings: dict[str, Any] = {}
        self.people: dict[str, Person] = {}
        self.teams: dict[str, Team] = {}
        self.pipelines: dict[str, Pipeline] = {}
        self.units: dict[str, OrgUnit] = {}
        self.team_order: list[str] = []
        self.pipeline_order: list[str] = []
        self.unit_order: list[str] = []
        #: Planned steps, by date (:mod:`orgeditor.model.plan`): JSON records
        #: ``{"id", "name", "date", "changes": [change JSON, ...]}``.
        self.plan: list[dict[str, Any]] = []
        #: Ids of the steps of ``plan`` shown applied in the org (a dated view of the
        #: document, :meth:`orgeditor.document.Document.view_at`); empty otherwise.
        self.plan_applied: set[str] = set()
        #: Unresolved merge conflicts (:mod:`orgeditor.model.merge`): JSON records.
        self.conflicts: list[dict[str, Any]] = []
        self._graph: nx.MultiDiGraph | None = None
        # manager -> {report: None}: ordered sets of solid and dotted reports
        self._reports: dict[str, dict[str, None]] = {}
        self._dotted_reports: dict[str, dict[str, None]] = {}
        # person -> {(team, pipeline): share}
        self._placements: dict[str, dict[tuple[str | None, str], int]] = {}
        # cell -> {person: None}, an ordered set; the "no pipeline" row holds people with no
        # placement, in the column of their own team.
        self._cells: dict[Cell, dict[str, None]] = {}

    # ------------------------------------------------------------------ queries
    @property
    def graph(self) -> nx.MultiDiGraph:
        """The reporting lines as a networkx graph (built on first use, then kept current)."""
        if self._graph is None:
            g = _new_graph()
            g.add_nodes_from(self.people)
            g.add_edges_from((m, r, SOLID) for m, reports in self._reports.items() for r in reports)
            g.add_edges_from(
                (m, r, DOTTED) for m, reports in self._dotted_reports.items() for r in reports
            )
            self._graph = g
        return self._graph

    def __repr__(self) -> str:
        return (
            f"<Org {self.name!r}: {len(self.people)} people, {len(self.teams)} teams, "
            f"{len(self.pipelines)} pipelines>"
        )

    def ordered_teams(self) -> list[Team]:
        return [self.teams[t] for t in self.team_order]

    def ordered_pipelines(self) -> list[Pipeline]:
        return [self.pipelines[p] for p in self.pipeline_order]

    def ordered_units(self) -> list[OrgUnit]:
        return [self.units[u] for u in self.unit_order]

    def entity(self, kind: str, id: str) -> Person | Team | Pipeline | OrgUnit:
        """The entity of a kind (``person``, ``team``, ``pipeline``, ``unit``) by id."""
        table: dict[str, Any] = self._table(kind)
        return table[id]  # type: ignore[no-any-return]

    def has(self, kind: str, id: str) -> bool:
        return id in self._table(kind)

    def _table(self, kind: str) -> dict[str, Any]:
        if kind == "person":
            return self.people
        if kind == "team":
            return self.teams
        if kind == "pipeline":
            return self.pipelines
        if kind == "unit":
            return self.units
        raise KeyError(f"unknown entity kind {kind!r}")

    def order_of(self, kind: str) -> list[str]:
        if kind == "team":
            return self.team_order
        if kind == "pipeline":
            return self.pipeline_order
        if kind == "unit":
            return self.unit_order
        raise KeyError(f"{kind} has no user order")

    def placements(self, person: str) -> list[Placement]:
        """A person's placements, in the order they were made."""
        return [
            Placement(person, team, pipeline, share)
            for (team, pipeline), share in self._placements.get(person, {}).items()
        ]

    def share(self, person: str, team: str | None, pipeline: str) -> int | None:
        return self._placements.get(person, {}).get((team, pipeline))

    def total_share(self, person: str) -> int:
        return sum(self._placements.get(person, {}).values())

    def cells_of(self, person: str) -> list[Cell]:
        """The cells a person's card appears in."""
        places = self._placements.get(person)
        if places:
            return list(places)
        p = self.people[person]
        return [(p.team, None)]

    def cell_people(self, team: str | None, pipeline: str | None) -> list[Person]:
        members = self._cells.get((team, pipeline), {})
        return [self.people[i] for i in members]

    def cell_ids(self, team: str | None, pipeline: str | None) -> list[str]:
        return list(self._cells.get((team, pipeline), {}))

    def occupied_cells(self) -> Iterator[Cell]:
        return (c for c, m in self._cells.items() if m)

    def cell_counts(self) -> dict[Cell, int]:
        """How many cards each occupied cell holds (without copying its ids)."""
        return {c: len(m) for c, m in self._cells.items() if m}

    def cell_count(self, team: str | None, pipeline: str | None) -> int:
        return len(self._cells.get((team, pipeline), ()))

    def team_members(self, team: str | None) -> list[Person]:
        """People whose own team is ``team`` (``None``: people with no team)."""
        return [p for p in self.people.values() if p.team == team]

    def pipeline_people(self, pipeline: str) -> list[Person]:
        """Everyone with a placement on ``pipeline``, in any team."""
        seen: dict[str, None] = {}
        for (_team, pl), members in self._cells.items():
            if pl == pipeline:
                seen.update(members)
        return [self.people[i] for i in seen]

    def direct_reports(self, person: str) -> list[str]:
        return list(self._reports.get(person, ()))

    def dotted_reports(self, person: str) -> list[str]:
        return list(self._dotted_reports.get(person, ()))

    def manager_chain(self, person: str) -> list[str]:
        """The solid managers above ``person``, nearest first; stops at a cycle."""
        chain: list[str] = []
        seen = {person}
        current = self.people[person].manager
        while current is not None and current not in seen and current in self.people:
            chain.append(current)
            seen.add(current)
            current = self.people[current].manager
        return chain

    def reporting_cycles(self) -> list[list[str]]:
        """Every loop of solid lines (A reports to B, B reports to A), each once, in the order
        met walking people in insertion order; a loop lists its members from where it was
        entered. Linear time; an org without loops costs one walk down from the roots."""
        people = self.people
        reports = self._reports
        stack = [pid for pid, p in people.items() if p.manager is None or p.manager not in people]
        reached = 0
        while stack:
            pid = stack.pop()
            reached += 1
            below = reports.get(pid)
            if below:
                stack.extend(below)
        if reached >= len(people):
            return []
        loops: list[list[str]] = []
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        for start in people:
            if start in state:
                continue
            path: list[str] = []
            cur: str | None = start
            while cur is not None and cur in people and cur not in state:
                state[cur] = 1
                path.append(cur)
                cur = people[cur].manager
            if cur is not None and state.get(cur) == 1:
                loops.append(path[path.index(cur) :])
            for pid in path:
                state[pid] = 2
        return loops

    def roots(self) -> list[str]:
        """People with no solid manager, in id order of insertion."""
        return [p.id for p in self.people.values() if p.manager is None]

    def tech_lead_roles(self, person: str) -> list[tuple[str, str]]:
        """Where a person is named tech lead: a list of ``(kind, id)``."""
        out: list[tuple[str, str]] = []
        for kind, table in (
            ("team", self.teams),
            ("pipeline", self.pipelines),
            ("unit", self.units),
        ):
            for ent in table.values():
                if ent.tech_lead == person:
                    out.append((kind, ent.id))
        return out

    def references_to(self, person: str) -> list[tuple[str, str, str]]:
        """Every ``(kind, id, field)`` that names ``person`` (lines, managers, leads, owners)."""
        refs: list[tuple[str, str, str]] = []
        refs.extend(("person", r, "manager") for r in self._reports.get(person, ()))
        refs.extend(("person", r, "dotted") for r in self._dotted_reports.get(person, ()))
        for t in self.teams.values():
            if t.manager == person:
                refs.append(("team", t.id, "manager"))
            if t.tech_lead == person:
                refs.append(("team", t.id, "tech_lead"))
        for pl in self.pipelines.values():
            if pl.owner == person:
                refs.append(("pipeline", pl.id, "owner"))
            if pl.tech_lead == person:
                refs.append(("pipeline", pl.id, "tech_lead"))
        for u in self.units.values():
            if u.leader == person:
                refs.append(("unit", u.id, "leader"))
            if u.tech_lead == person:
                refs.append(("unit", u.id, "tech_lead"))
        return refs

    def find_person(self, text: str) -> Person | None:
        """A person by id, else by exact name (unique), else ``None``."""
        if text in self.people:
            return self.people[text]
        hits = [p for p in self.people.values() if p.name == text]
        return hits[0] if len(hits) == 1 else None

    def find_by_name(self, kind: str, name: str) -> Any:
        for ent in self._table(kind).values():
            if ent.name == name:
                return ent
        return None

    # ------------------------------------------------------- mutation (changes only)
    def _cell_add(self, cell: Cell, person: str) -> None:
        self._cells.setdefault(cell, {})[person] = None

    def _cell_remove(self, cell: Cell, person: str) -> None:
        members = self._cells.get(cell)
        if members is not None:
            members.pop(person, None)
            if not members:
                del self._cells[cell]

    def _link(self, manager: str, report: str, key: str) -> None:
        index = self._reports if key == SOLID else self._dotted_reports
        index.setdefault(manager, {})[report] = None
        if self._graph is not None:
            self._graph.add_edge(manager, report, key=key)

    def _unlink(self, manager: str, report: str, key: str) -> None:
        index = self._reports if key == SOLID else self._dotted_reports
        members = index.get(manager)
        if members is not None:
            members.pop(report, None)
            if not members:
                del index[manager]
        if self._graph is not None and self._graph.has_edge(manager, report, key):
            self._graph.remove_edge(manager, report, key)

    def _add_person(self, person: Person) -> None:
        if person.id in self.people:
            raise ValueError(f"duplicate person id {person.id!r}")
        self.people[person.id] = person
        if self._graph is not None:
            self._graph.add_node(person.id)
        if person.manager is not None:
            self._link(person.manager, person.id, SOLID)
        for d in person.dotted:
            self._link(d, person.id, DOTTED)
        self._cell_add((person.team, None), person.id)

    def _remove_person(self, person_id: str) -> Person:
        person = self.people[person_id]
        if self._placements.get(person_id):
            raise ValueError(f"person {person_id!r} still has placements")
        if self._reports.get(person_id) or self._dotted_reports.get(person_id):
            raise ValueError(f"person {person_id!r} still has reports")
        if person.manager is not None:
            self._unlink(person.manager, person_id, SOLID)
        for d in person.dotted:
            self._unlink(d, person_id, DOTTED)
        self._cell_remove((person.team, None), person_id)
        self._placements.pop(person_id, None)
        if self._graph is not None:
            self._graph.remove_node(person_id)
        del self.people[person_id]
        return person

    def _set_person_line(self, person: Person, field: str, old: Any, new: Any) -> None:
        key = SOLID if field == "manager" else DOTTED
        olds = [old] if field == "manager" else list(old)
        news = [new] if field == "manager" else list(new)
        for m in olds:
            if m is not None:
                self._unlink(m, person.id, key)
        for m in news:
            if m is not None:
                self._link(m, person.id, key)

    def _set_field(self, kind: str, id: str, field: str, value: Any) -> Any:
        ent = self.entity(kind, id)
        old = getattr(ent, field)
        if kind == "person":
            assert isinstance(ent, Person)
            if field in ("manager", "dotted"):
                self._set_person_line(ent, field, old, value)
            elif field == "team" and not self._placements.get(id):
                self._cell_remove((old, None), id)
                self._cell_add((value, None), id)
        setattr(ent, field, value)
        return old

    def _add_team(self, team: Team, index: int | None = None) -> None:
        self._add_ordered(self.teams, self.team_order, team, index)

    def _add_pipeline(self, pipeline: Pipeline, index: int | None = None) -> None:
        self._add_ordered(self.pipelines, self.pipeline_order, pipeline, index)

    def _add_unit(self, unit: OrgUnit, index: int | None = None) -> None:
        self._add_ordered(self.units, self.unit_order, unit, index)

    @staticmethod
    def _add_ordered(table: dict[str, Any], order: list[str], ent: Any, index: int | None) -> None:
        if ent.id in table:
            raise ValueError(f"duplicate id {ent.id!r}")
        table[ent.id] = ent
        order.insert(len(order) if index is None else index, ent.id)

    def _remove_ordered(self, kind: str, id: str) -> tuple[Any, int]:
        table = self._table(kind)
        order = self.order_of(kind)
        index = order.index(id)
        if kind in ("team", "pipeline") and any(
            cell[0 if kind == "team" else 1] == id for cell in self.occupied_cells()
        ):
            raise ValueError(f"{kind} {id!r} still has people")
        order.pop(index)
        return table.pop(id), index

    def _move_ordered(self, kind: str, id: str, index: int) -> int:
        order = self.order_of(kind)
        old = order.index(id)
        order.pop(old)
        order.insert(index, id)
        return old

    def _add_placement(self, p: Placement) -> None:
        places = self._placements.setdefault(p.person, {})
        if (p.team, p.pipeline) in places:
            raise ValueError(f"{p.person!r} is already placed in {p.cell!r}")
        if not places:
            self._cell_remove((self.people[p.person].team, None), p.person)
        places[(p.team, p.pipeline)] = p.share
        self._cell_add(p.cell, p.person)

    def _remove_placement(self, person: str, team: str | None, pipeline: str) -> int:
        places = self._placements[person]
        share = places.pop((team, pipeline))
        self._cell_remove((team, pipeline), person)
        if not places:
            del self._placements[person]
            self._cell_add((self.people[person].team, None), person)
        return share

    def _set_share(self, person: str, team: str | None, pipeline: str, share: int) -> int:
        places = self._placements[person]
        old = places[(team, pipeline)]
        places[(team, pipeline)] = share
        return old

    # ------------------------------------------------------------ bulk building
    def _bulk_load(
        self,
        people: Iterable[Person],
        placements: Iterable[Placement | tuple[str, str | None, str, int]],
    ) -> int:
        """Fill an empty org fast (file loader, generator): no per-item checks.

        Placements may be :class:`Placement` objects or ``(person, team, pipeline, share)``
        tuples. Returns the number of distinct placements (fewer than given means a cell was
        listed twice for one person).
        """
        assert not self.people
        ppl = self.people
        cells = self._cells
        reports = self._reports
        dotted = self._dotted_reports
        for p in people:
            ppl[p.id] = p
            if p.manager is not None:
                reports.setdefault(p.manager, {})[p.id] = None
            for d in p.dotted:
                dotted.setdefault(d, {})[p.id] = None
        self._graph = None
        places = self._placements
        for pl in placements:
            person, team, pipeline, share = (
                (pl.person, pl.team, pl.pipeline, pl.share) if isinstance(pl, Placement) else pl
            )
            places.setdefault(person, {})[(team, pipeline)] = share
            cells.setdefault((team, pipeline), {})[person] = None
        for p in ppl.values():
            if p.id not in places:
                cells.setdefault((p.team, None), {})[p.id] = None
        return sum(len(v) for v in places.values())
