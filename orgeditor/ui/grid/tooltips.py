"""Tooltips of the grid: everything about a card or a header in a few lines (HTML-escaped)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from orgeditor.model.entities import team_kind_label
from orgeditor.model.org import Org
from orgeditor.ui.grid.layout import Hit

__all__ = ["card_tooltip"]


def _name(org: Org, pid: str | None) -> str:
    if pid is None or pid not in org.people:
        return "—"
    return escape(org.people[pid].display_name)


def card_tooltip(org: Org, hit: Hit, person_at: Callable[[Hit], str | None]) -> str:
    """Rich text for what is under the pointer, or "" for nothing worth saying."""
    pid = person_at(hit)
    if pid is not None:
        p = org.people[pid]
        lines = [f"<b>{escape(p.display_name)}</b>"]
        if p.title:
            lines.append(escape(p.title))
        facts = [p.role.label]
        if p.level:
            facts.append(escape(p.level))
        lines.append(" · ".join(facts))
        team = org.teams.get(p.team) if p.team else None
        lines.append(f"Team: {escape(team.name) if team else 'no team'}")
        lines.append(f"Manager: {_name(org, p.manager)}")
        if p.dotted:
            lines.append("Dotted lines: " + ", ".join(_name(org, d) for d in p.dotted))
        places = org.placements(pid)
        if places:
            parts = [
                f"{escape(org.pipelines[pl.pipeline].name)} {pl.share}%"
                for pl in places
                if pl.pipeline in org.pipelines
            ]
            lines.append("Pipelines: " + ", ".join(parts))
        reports = org.direct_reports(pid)
        if reports:
            lines.append(f"Direct reports: {len(reports)}")
        return "<br>".join(lines)
    if hit.area == "column" and hit.team in org.teams:
        t = org.teams[hit.team]
        lines = [f"<b>{escape(t.name)}</b>", team_kind_label(t.kind)]
        lines.append(f"Manager: {_name(org, t.manager)}")
        lines.append(f"Tech lead: {_name(org, t.tech_lead)}")
        if t.kpi:
            lines.append(f"KPI: {escape(t.kpi)}")
        lines.append("<i>Drag to reorder · drop people here to change their team</i>")
        return "<br>".join(lines)
    if hit.area == "row" and hit.pipeline in org.pipelines:
        pl = org.pipelines[hit.pipeline]
        return "<br>".join(
            [
                f"<b>{escape(pl.name)}</b>",
                f"PM owner: {_name(org, pl.owner)}",
                f"Tech lead: {_name(org, pl.tech_lead)}",
                "<i>Drag to reorder</i>",
            ]
        )
    return ""
