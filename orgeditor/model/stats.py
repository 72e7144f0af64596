"""Headcount and shape of an org: what ``orgeditor stats`` prints and the Stats dock shows."""

from __future__ import annotations

from typing import Any

from orgeditor.model.entities import Role, team_kind_label
from orgeditor.model.org import Org

__all__ = ["format_stats", "org_stats", "spans"]


def spans(org: Org) -> dict[str, int]:
    """Number of direct solid reports of every person who has any."""
    out: dict[str, int] = {}
    for p in org.people.values():
        if p.manager is not None:
            out[p.manager] = out.get(p.manager, 0) + 1
    return out


def _name(org: Org, person: str | None) -> str | None:
    if person is None or person not in org.people:
        return None
    return org.people[person].display_name


def org_stats(org: Org) -> dict[str, Any]:
    """A JSON-able summary of an org.

    Keys: ``name``, ``people`` (not counting open positions), ``open_positions``, ``teams``
    (``{id, name, kind, headcount, open_positions, manager}``), ``pipelines`` (``{id, name,
    headcount, owner}``, owner the PM's name or null), ``managers`` (people with at least one
    direct solid report), ``max_span``.
    """
    people = org.people
    open_ids = {p.id for p in people.values() if p.role is Role.OPEN}
    team_count: dict[str | None, int] = {}
    team_open: dict[str | None, int] = {}
    for p in people.values():
        if p.id in open_ids:
            team_open[p.team] = team_open.get(p.team, 0) + 1
        else:
            team_count[p.team] = team_count.get(p.team, 0) + 1
    pipe_people: dict[str, set[str]] = {}
    for pid, places in org._placements.items():
        if pid in open_ids:
            continue
        for _team, pipe in places:
            pipe_people.setdefault(pipe, set()).add(pid)
    span = spans(org)
    return {
        "name": org.name,
        "people": len(people) - len(open_ids),
        "open_positions": len(open_ids),
        "teams": [
            {
                "id": t.id,
                "name": t.name,
                "kind": t.kind or None,
                "headcount": team_count.get(t.id, 0),
                "open_positions": team_open.get(t.id, 0),
                "manager": _name(org, t.manager),
            }
            for t in org.ordered_teams()
        ],
        "without_team": team_count.get(None, 0),
        "pipelines": [
            {
                "id": pl.id,
                "name": pl.name,
                "headcount": len(pipe_people.get(pl.id, ())),
                "owner": _name(org, pl.owner),
            }
            for pl in org.ordered_pipelines()
        ],
        "managers": len(span),
        "max_span": max(span.values(), default=0),
    }


def format_stats(data: dict[str, Any]) -> str:
    """The stats as text for people."""
    lines = [
        f"{data['name'] or 'Untitled org'}",
        f"  people: {data['people']}   open positions: {data['open_positions']}   "
        f"managers: {data['managers']}   largest span: {data['max_span']}",
        "",
        "Teams",
    ]
    for t in data["teams"]:
        kind = team_kind_label(t["kind"] or "")
        lines.append(
            f"  {t['name']:<28} {kind:<16} {t['headcount']:>5} people"
            f"{'' if not t['open_positions'] else ' + ' + str(t['open_positions']) + ' open'}"
            f"   manager: {t['manager'] or '(none)'}"
        )
    if data.get("without_team"):
        lines.append(f"  {'(no team)':<28} {'':<16} {data['without_team']:>5} people")
    lines += ["", "Pipelines"]
    for pl in data["pipelines"]:
        lines.append(
            f"  {pl['name']:<28} {pl['headcount']:>5} people   owner: {pl['owner'] or '(none)'}"
        )
    return "\n".join(lines)
