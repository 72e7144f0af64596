"""Teams, pipelines and org units: add, reorder, delete."""

from __future__ import annotations

from collections.abc import Sequence

from orgeditor.document.core import DocumentCore, EditError
from orgeditor.model.changes import AddEntity, MoveEntity, RemoveEntity, SetField
from orgeditor.model.entities import Team
from orgeditor.model.org import Org
from orgeditor.model.placements import RemovePlacement
from orgeditor.model.records import entity_record

__all__ = ["StructureMixin", "pipe_people"]


class StructureMixin(DocumentCore):
    """Edits of the matrix's columns (teams), rows (pipelines) and org units."""

    # ---------------------------------------------------- teams, pipelines, units
    def add_team(
        self,
        name: str,
        *,
        kind: str = "",
        manager: str | None = None,
        kpi: str = "",
        index: int | None = None,
        id: str | None = None,
    ) -> str:
        self._require("person", manager)
        id = self._fresh_id("team", id)
        team = Team(id, name, kind=kind, manager=manager, kpi=kpi)
        with self.transaction(f"Add team {name}"):
            self.apply(AddEntity("team", entity_record("team", team), index))
        return id

    def add_pipeline(
        self,
        name: str,
        *,
        owner: str | None = None,
        index: int | None = None,
        id: str | None = None,
    ) -> str:
        self._require("person", owner)
        id = self._fresh_id("pipeline", id)
        rec = {"id": id, "name": name, "owner": owner, "tech_lead": None}
        with self.transaction(f"Add pipeline {name}"):
            self.apply(AddEntity("pipeline", rec, index))
        return id

    def add_unit(
        self,
        name: str,
        *,
        leader: str | None = None,
        teams: Sequence[str] = (),
        id: str | None = None,
    ) -> str:
        self._require("person", leader)
        for t in teams:
            self._require("team", t)
        id = self._fresh_id("unit", id)
        rec = {"id": id, "name": name, "leader": leader, "teams": list(teams), "tech_lead": None}
        with self.transaction(f"Add org unit {name}"):
            self.apply(AddEntity("unit", rec, None))
        return id

    def move_entity(self, kind: str, id: str, index: int) -> None:
        """Reorder a team, pipeline or org unit (a header drag)."""
        if kind not in ("team", "pipeline", "unit"):
            raise EditError(f"a {kind} has no place in an order")
        self._require(kind, id)
        order = self.org.order_of(kind)
        index = max(0, min(index, len(order) - 1))
        old = order.index(id)
        if old == index:
            return
        ent = self.org.entity(kind, id)
        with self.transaction(f"Move {kind} {ent.name}"):
            self.apply(MoveEntity(kind, id, old, index))

    def remove_team(self, id: str) -> None:
        """Delete a team: its people move to "no team"; units forget it."""
        self._require("team", id)
        org = self.org
        team = org.teams[id]
        with self.transaction(f"Delete team {team.name}"):
            for p in list(org.people.values()):
                if p.team == id:
                    self._set_team(p.id, None)
                for pl in org.placements(p.id):
                    if pl.team == id:
                        self._retarget(p.id, (id, pl.pipeline), (None, pl.pipeline))
            for u in org.units.values():
                if id in u.teams:
                    self.apply(
                        SetField(
                            "unit", u.id, "teams", u.teams, tuple(t for t in u.teams if t != id)
                        )
                    )
            self.apply(RemoveEntity("team", entity_record("team", team), org.team_order.index(id)))

    def remove_pipeline(self, id: str) -> None:
        """Delete a pipeline: everyone placed on it is taken off it."""
        self._require("pipeline", id)
        org = self.org
        pipe = org.pipelines[id]
        with self.transaction(f"Delete pipeline {pipe.name}"):
            for p in pipe_people(org, id):
                for pl in org.placements(p):
                    if pl.pipeline == id:
                        self.apply(RemovePlacement(p, pl.team, id, pl.share))
            self.apply(
                RemoveEntity(
                    "pipeline", entity_record("pipeline", pipe), org.pipeline_order.index(id)
                )
            )

    def remove_unit(self, id: str) -> None:
        self._require("unit", id)
        unit = self.org.units[id]
        with self.transaction(f"Delete org unit {unit.name}"):
            self.apply(
                RemoveEntity("unit", entity_record("unit", unit), self.org.unit_order.index(id))
            )


def pipe_people(org: Org, pipeline: str) -> list[str]:
    return [p.id for p in org.pipeline_people(pipeline)]
