"""Facts about an org that several rules need, each computed at most once per check.

A :class:`Facts` lives for one run of the rules (the org must not change meanwhile): team
sizes, who works on which pipeline, which teams are ML teams. Each is one linear pass.
"""

from __future__ import annotations

from functools import cached_property

from orgeditor.model.entities import STANDARD_TEAM_KINDS, Role
from orgeditor.model.org import Org

__all__ = ["Facts"]


class Facts:
    """Lazily computed, shared facts about one state of an org."""

    def __init__(self, org: Org) -> None:
        self.org = org

    @cached_property
    def team_sizes(self) -> dict[str, int]:
        """team -> people whose own team it is (open positions not counted)."""
        sizes: dict[str, int] = {}
        open_ = Role.OPEN
        for p in self.org.people.values():
            t = p.team
            if t is not None and p.role is not open_:
                sizes[t] = sizes.get(t, 0) + 1
        return sizes

    @cached_property
    def pipe_people(self) -> dict[str, dict[str, str | None]]:
        """pipeline -> {person: team of the cell}, in one pass over the cells."""
        out: dict[str, dict[str, str | None]] = {}
        for (team, pipe), members in self.org._cells.items():
            if pipe is None:
                continue
            row = out.setdefault(pipe, {})
            for m in members:
                row[m] = team
        return out

    @cached_property
    def ml_teams(self) -> set[str]:
        """Teams with people on at least one pipeline."""
        return {
            team
            for (team, pipe), members in self.org._cells.items()
            if team is not None and pipe is not None and members
        }

    @cached_property
    def non_ml_teams(self) -> list[str]:
        """Teams nobody of which works on a pipeline, and which are not an ML team waiting for
        its people (a team of an ML kind with at most one person not on a pipeline)."""
        org = self.org
        ml = self.ml_teams
        teams = org.teams
        people = org.people
        out = []
        for t in org.team_order:
            if t in ml:
                continue
            if teams[t].kind not in STANDARD_TEAM_KINDS:
                out.append(t)
                continue
            waiting = org._cells.get((t, None), {})
            if sum(1 for m in waiting if people[m].role is not Role.OPEN) > 1:
                out.append(t)
        return out

    @cached_property
    def member_managers(self) -> dict[str, dict[str, None]]:
        """team -> the solid managers of its members (where a team without manager hangs)."""
        out: dict[str, dict[str, None]] = {}
        people = self.org.people
        for p in people.values():
            if p.team is not None and p.manager is not None and p.manager in people:
                out.setdefault(p.team, {})[p.manager] = None
        return out

    @cached_property
    def team_managers(self) -> set[str]:
        return {t.manager for t in self.org.teams.values() if t.manager is not None}

    @cached_property
    def tech_leads(self) -> dict[str, list[tuple[str, str, str]]]:
        """person -> ``(kind, id, name)`` of each team, pipeline or unit they are tech lead of."""
        out: dict[str, list[tuple[str, str, str]]] = {}
        org = self.org
        for kind, table in (("team", org.teams), ("pipeline", org.pipelines), ("unit", org.units)):
            for ent in table.values():
                if ent.tech_lead is not None:
                    out.setdefault(ent.tech_lead, []).append((kind, ent.id, ent.name))
        return out
