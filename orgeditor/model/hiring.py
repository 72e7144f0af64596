"""The hiring plan and what people cost: open positions with a target start date, a status,
a backfill and a cost; annual cost per person or per level; headcount and cost over time.

An open position's hiring facts are custom fields with reserved names, so that they travel
with the person through every edit, undo, merge and file without a format of their own:

===============  ==========================================================================
``start_date``   the target start day, ``YYYY-MM-DD``
``hiring_status`` ``planned``, ``approved``, ``interviewing``, ``offer`` or ``filled``
``backfill_of``  the id of the person the hire replaces (who may have left: then their name)
``cost``         the annual cost (a number), for anybody, not only open positions
===============  ==========================================================================

The org's ``settings["cost"]`` holds the currency and the annual cost per level:
``{"currency": "EUR", "levels": {"L5": 140000, "L6": 180000}, "default": 120000}``. A
person's cost is their own ``cost`` field, else their level's, else the default, else
unknown. Cost is sensitive: a ``cost`` field is listed in ``settings["sensitive_fields"]``
(the HR-data rule) so that exports leave it out unless asked (``--include-sensitive``).

>>> from orgeditor.samples import sample_org
>>> org = sample_org()
>>> org.settings["cost"] = {"currency": "EUR", "levels": {"L5": 100000}, "default": 90000}
>>> annual_cost(org, org.people["p19"]) , org.people["p19"].level
(90000.0, 'L6')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from orgeditor.errors import UserError
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org

__all__ = [
    "BACKFILL",
    "COST",
    "COST_SETTING",
    "HIRING_FIELDS",
    "SENSITIVE_SETTING",
    "START",
    "STATUS",
    "STATUSES",
    "HiringError",
    "annual_cost",
    "check_hiring",
    "cost_by_id",
    "cost_section",
    "cost_settings",
    "cost_totals",
    "counts_at",
    "periods",
    "timeline",
]

START, STATUS, BACKFILL, COST = "start_date", "hiring_status", "backfill_of", "cost"
HIRING_FIELDS = (START, STATUS, BACKFILL, COST)
#: The statuses of an open position, in the order a hire goes through them.
STATUSES = ("planned", "approved", "interviewing", "offer", "filled")
COST_SETTING = "cost"
#: The settings key of the HR-data rule: custom fields kept although sensitive.
SENSITIVE_SETTING = "sensitive_fields"


class HiringError(UserError, ValueError):
    """A hiring fact or cost setting that cannot be used; the message says why."""


def check_hiring(field: str, value: str) -> str:
    """``value`` for a hiring field, checked (``HiringError`` if it cannot be used)."""
    from orgeditor.model.plan import PlanError, parse_date

    value = value.strip()
    if not value:
        return ""
    if field == START:
        try:
            return parse_date(value)
        except PlanError as e:
            raise HiringError(f"start date: {e}") from None
    if field == STATUS:
        if value not in STATUSES:
            raise HiringError(f"unknown hiring status {value!r} (one of: {', '.join(STATUSES)})")
        return value
    if field == COST:
        try:
            amount = float(value)
        except ValueError:
            raise HiringError(f"a cost is a number, not {value!r}") from None
        if amount < 0 or amount != amount or amount in (float("inf"),):
            raise HiringError(f"a cost is 0 or more, not {value!r}")
        return value
    if field == BACKFILL:
        return value
    raise HiringError(f"not a hiring field: {field!r}")


def cost_settings(org: Org) -> dict[str, Any]:
    """The org's cost settings, checked: ``{"currency", "levels", "default"}``."""
    raw = org.settings.get(COST_SETTING) or {}
    if not isinstance(raw, Mapping):
        raise HiringError("settings.cost: expected an object")
    currency = raw.get("currency", "")
    levels = raw.get("levels", {}) or {}
    default = raw.get("default")
    if not isinstance(currency, str):
        raise HiringError("settings.cost.currency: expected text such as 'EUR'")
    if not isinstance(levels, Mapping) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in levels.values()
    ):
        raise HiringError("settings.cost.levels: expected an object of level -> annual cost")
    if default is not None and (
        isinstance(default, bool) or not isinstance(default, int | float) or default < 0
    ):
        raise HiringError("settings.cost.default: expected an annual cost (a number)")
    return {"currency": currency, "levels": dict(levels), "default": default}


def annual_cost(org: Org, p: Person, settings: Mapping[str, Any] | None = None) -> float | None:
    """A person's annual cost: their ``cost`` field, their level's, the default, or None."""
    own = p.fields.get(COST)
    if own:
        try:
            return float(own)
        except ValueError:
            return None
    s = settings if settings is not None else cost_settings(org)
    if p.level in s["levels"]:
        return float(s["levels"][p.level])
    return float(s["default"]) if s["default"] is not None else None


def has_costs(org: Org) -> bool:
    """Whether any cost is known (a cost setting or a person's cost)."""
    return bool(org.settings.get(COST_SETTING)) or any(
        COST in p.fields for p in org.people.values()
    )


def _starts_by(p: Person, day: str | None) -> bool:
    """An open position counted as filled on ``day``: its target start date has come."""
    start = p.fields.get(START)
    return bool(day and start and start <= day)


def counts_at(org: Org, day: str | None = None) -> dict[str, Any]:
    """Headcount, open positions, FTE and cost per team and pipeline on ``day``.

    People count from the org as it is; an open position whose target start date is on or
    before ``day`` counts as a hire (headcount, its placements' FTE and its cost). The rest
    are open positions.
    """
    settings = cost_settings(org)
    teams: dict[str | None, dict[str, float]] = {}
    pipes: dict[str, dict[str, float]] = {}
    total = {"headcount": 0.0, "open_positions": 0.0, "fte": 0.0, "cost": 0.0}

    def bump(row: dict[str, float], key: str, by: float) -> None:
        row[key] = row.get(key, 0.0) + by

    for p in org.people.values():
        counted = p.role is not Role.OPEN or _starts_by(p, day)
        cost = annual_cost(org, p, settings) if counted else None
        team_row = teams.setdefault(p.team, {})
        bump(team_row, "headcount" if counted else "open_positions", 1)
        bump(total, "headcount" if counted else "open_positions", 1)
        if cost is not None:
            bump(team_row, "cost", cost)
            bump(total, "cost", cost)
        places = org._placements.get(p.id, {})
        seen: set[str] = set()
        for (_team, pipe), share in places.items():
            prow = pipes.setdefault(pipe, {})
            if pipe not in seen:
                bump(prow, "headcount" if counted else "open_positions", 1)
                seen.add(pipe)
            if counted:
                bump(prow, "fte", share / 100)
                bump(total, "fte", share / 100)
                bump(teams.setdefault(_team, {}), "fte", share / 100)
                if cost is not None:
                    bump(prow, "cost", cost * share / 100)

    def row(values: dict[str, float]) -> dict[str, Any]:
        return {
            "headcount": int(values.get("headcount", 0)),
            "open_positions": int(values.get("open_positions", 0)),
            "fte": round(values.get("fte", 0.0), 2),
            "cost": round(values.get("cost", 0.0), 2),
        }

    return {
        **row(total),
        "currency": settings["currency"],
        "teams": [{"name": t.name, **row(teams.get(t.id, {}))} for t in org.ordered_teams()],
        "pipelines": [
            {"name": pl.name, **row(pipes.get(pl.id, {}))} for pl in org.ordered_pipelines()
        ],
    }


def cost_section(org: Org) -> dict[str, Any]:
    """``{"cost": cost_totals(org)}`` when the org knows any cost, else ``{}`` (for the
    places stats appear); a bad cost setting is left out rather than shown wrong."""
    if not has_costs(org):
        return {}
    try:
        return {"cost": cost_totals(org)}
    except HiringError:
        return {}


def cost_by_id(org: Org) -> dict[str, Any]:
    """Annual cost by id: ``{"total", "unknown", "currency", "teams": {id: cost},
    "pipelines": {id: cost} (by share), "managers": {id: cost} (everyone below them)}``,
    for people and open positions alike (a planned hire costs too)."""
    settings = cost_settings(org)
    teams: dict[str, float] = {}
    pipes: dict[str, float] = {}
    managers: dict[str, float] = {}
    total = 0.0
    unknown = 0
    for p in org.people.values():
        cost = annual_cost(org, p, settings)
        if cost is None:
            unknown += 1
            continue
        total += cost
        if p.team is not None:
            teams[p.team] = teams.get(p.team, 0.0) + cost
        for (_team, pipe), share in org._placements.get(p.id, {}).items():
            pipes[pipe] = pipes.get(pipe, 0.0) + cost * share / 100
        for m in org.manager_chain(p.id):
            managers[m] = managers.get(m, 0.0) + cost
    return {
        "currency": settings["currency"],
        "total": round(total, 2),
        "unknown": unknown,
        "teams": teams,
        "pipelines": pipes,
        "managers": managers,
    }


def cost_totals(org: Org) -> dict[str, Any]:
    """Annual cost per team, pipeline (by share) and manager (their whole org below them),
    by name, for reports (:func:`cost_by_id` has the figures by id)."""
    c = cost_by_id(org)
    return {
        "currency": c["currency"],
        "total": c["total"],
        "unknown": c["unknown"],
        "teams": [
            {"name": t.name, "cost": round(c["teams"].get(t.id, 0.0), 2)}
            for t in org.ordered_teams()
        ],
        "pipelines": [
            {"name": pl.name, "cost": round(c["pipelines"].get(pl.id, 0.0), 2)}
            for pl in org.ordered_pipelines()
        ],
        "managers": sorted(
            (
                {"name": org.people[m].display_name, "cost": round(v, 2)}
                for m, v in c["managers"].items()
            ),
            key=lambda r: (-r["cost"], r["name"]),
        ),
    }


# ------------------------------------------------------------------- periods
def _period_of(day: dt.date, by: str) -> tuple[dt.date, dt.date, str]:
    """The period holding ``day``: its first day, last day and label."""
    if by == "month":
        first = day.replace(day=1)
        nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, nxt - dt.timedelta(days=1), f"{first:%Y-%m}"
    q = (day.month - 1) // 3
    first = dt.date(day.year, 3 * q + 1, 1)
    nxt = dt.date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1), f"{day.year}-Q{q + 1}"


def periods(start: str, end: str, by: str = "quarter", limit: int = 120) -> list[tuple[str, str]]:
    """``(label, last day)`` of each month or quarter from ``start`` to ``end`` (days).

    >>> periods("2027-02-10", "2027-07-01")
    [('2027-Q1', '2027-03-31'), ('2027-Q2', '2027-06-30'), ('2027-Q3', '2027-09-30')]
    """
    if by not in ("month", "quarter"):
        raise HiringError(f"--by is month or quarter, not {by!r}")
    day = dt.date.fromisoformat(start)
    stop = dt.date.fromisoformat(max(start, end))
    out: list[tuple[str, str]] = []
    while day <= stop and len(out) < limit:
        _first, last, label = _period_of(day, by)
        out.append((label, last.isoformat()))
        day = last + dt.timedelta(days=1)
    return out


def timeline(org: Org, by: str = "quarter", today: str | None = None) -> list[dict[str, Any]]:
    """Headcount, open positions, FTE and cost per period, from today's period to the last
    planned step or target start date: the org as of each period's last day.

    ``org`` is changed: the plan's steps are applied as the periods pass (load a copy).
    Each entry: ``{"period", "date", "people", "open_positions", "fte", "cost", "currency",
    "teams": [...], "pipelines": [...], "stale_steps": [...]}``.
    """
    from orgeditor.model.plan import apply_plan, parse_date

    start = today or parse_date("today")
    dates = [s["date"] for s in org.plan]
    dates += [d for p in org.people.values() if (d := p.fields.get(START))]
    end = max([start, *dates])
    out = []
    for label, last in periods(start, end, by):
        stale = apply_plan(org, last).stale
        counts = counts_at(org, last)
        out.append(
            {
                "period": label,
                "date": last,
                "people": counts.pop("headcount"),
                **counts,
                "stale_steps": [s.to_json() for s in stale],
            }
        )
    return out
