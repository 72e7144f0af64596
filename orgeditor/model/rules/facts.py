"""Facts about an org that several rules need, each computed at most once per check.

A :class:`Facts` lives for one run of the rules (the org must not change meanwhile): team
sizes, the product managers on each pipeline, which teams are ML teams. Each is one linear pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org
from orgeditor.model.rules.ml_org import MLOrg, analyse, sound_people
from orgeditor.model.vocabulary import is_pm

__all__ = ["Facts", "by_name"]


class Facts:
    """Lazily computed, shared facts about one state of an org."""

    def __init__(self, org: Org) -> None:
        self.org = org

    @cached_property
    def team_sizes(self) -> dict[str, int]:
        """team -> people whose own team it is (open positions not counted)."""
        return self._teams[1]

    @cached_property
    def team_member_ids(self) -> dict[str, list[str]]:
        """team -> the ids of the people whose own team it is (open positions too)."""
        return self._teams[0]

    @cached_property
    def _teams(self) -> tuple[dict[str, list[str]], dict[str, int]]:
        """Members and sizes of every team, in one pass over the people."""
        members: dict[str, list[str]] = {}
        sizes: dict[str, int] = {}
        open_ = Role.OPEN
        for p in self.org.people.values():
            t = p.team
            if t is not None:
                ids = members.get(t)
                if ids is None:
                    members[t] = ids = []
                ids.append(p.id)
                if p.role is not open_:
                    sizes[t] = sizes.get(t, 0) + 1
        return members, sizes

    @cached_property
    def pipe_pms(self) -> dict[str, list[Person]]:
        """pipeline -> the product managers on it (open positions never are), by name: one
        pass over the people on pipelines."""
        people = self.org.people
        found: dict[str, set[str]] = {}
        for pid, places in self.org._placements.items():
            p = people.get(pid)
            if p is not None and is_pm(p):
                for _team, pipe in places:
                    if pipe is not None:
                        found.setdefault(pipe, set()).add(pid)
        return {pipe: by_name(people[m] for m in ids) for pipe, ids in found.items()}

    def pms_on(self, pipe: str) -> list[Person]:
        """``pipe_pms[pipe]``, for a few pipelines without a pass over everyone: one look
        per team (every cell's team is a team of the org, or none)."""
        known = self.__dict__.get("pipe_pms")
        if known is not None:
            return list(known.get(pipe, ()))
        cells = self.org._cells
        people = self.org.people
        found: set[str] = set()
        for team in (None, *self.org.team_order):
            members = cells.get((team, pipe))
            if members:
                found.update(m for m in members if is_pm(people[m]))
        return by_name(people[m] for m in found)

    def members_of(self, team: str) -> list[Person]:
        people = self.org.people
        return [people[m] for m in self.team_member_ids.get(team, ())]

    @cached_property
    def sound(self) -> set[str]:
        """The people whose chain of managers is whole (no loop, no line to nobody)."""
        return sound_people(self.org)

    @cached_property
    def ml_org(self) -> MLOrg:
        """The ML teams, the ML leader and the ML org (see :mod:`.ml_org`)."""
        return analyse(self.org, self.sound, self.team_member_ids)

    @cached_property
    def ml_teams(self) -> set[str]:
        """The ML teams: an ML kind, or people on pipelines (a leader's own team aside)."""
        return self.ml_org.all_teams

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


def by_name(people: Iterable[Person]) -> list[Person]:
    """People in a canonical order (by name, then id): a finding that lists people lists
    them the same way for the same org, whatever order the org holds them in."""
    return sorted(people, key=lambda p: (p.display_name, p.id))
