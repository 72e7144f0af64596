"""Headcount and shape of an org: what ``orgeditor stats`` prints and the Stats dock shows.

Besides headcount, the analytics give allocation-weighted FTE per team and per pipeline (each
placement counts its share: a person at 50% on two pipelines is 0.5 FTE on each), the
span-of-control distribution, the number of layers, open positions, the manager-to-IC ratio,
and an "org stage" note: which team kinds an ML org of this size usually has, in the order
they tend to appear (see :data:`STAGE_THRESHOLDS`), and which of them are missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from orgeditor.model.entities import STANDARD_TEAM_KINDS, Person, Role, team_kind_label
from orgeditor.model.org import Org

__all__ = [
    "SPAN_BUCKETS",
    "STAGE_THRESHOLDS",
    "Headcount",
    "TeamPipelineCounts",
    "format_stats",
    "headcount",
    "layers",
    "org_stage",
    "org_stats",
    "spans",
    "team_pipeline_counts",
]

#: Rule of thumb for when each standard team kind appears, by org size (people): Data
#: Operations and Modeling from the start, Infrastructure once data outgrows one machine
#: (about 15 people), Tooling at about 30, Deployment at about 50.
STAGE_THRESHOLDS: tuple[tuple[str, int], ...] = (
    ("data-operations", 0),
    ("modeling", 0),
    ("infrastructure", 15),
    ("tooling", 30),
    ("deployment", 50),
)
assert tuple(k for k, _ in STAGE_THRESHOLDS) == STANDARD_TEAM_KINDS


@dataclass(frozen=True, slots=True)
class Headcount:
    """The one definition of "people" and "open positions" everything counts by: the status
    bar, the grid's headers, the Statistics panel, ``orgeditor stats``, ``orgeditor sample``
    and the exports. An open position (a planned hire) is not a person.

    >>> Headcount(46, 2).text()
    '46 people, 2 open positions'
    >>> Headcount(1, 0).text()
    '1 person'
    """

    people: int
    open_positions: int

    def text(self, always_open: bool = False) -> str:
        people = f"{self.people:,} {'person' if self.people == 1 else 'people'}"
        if not self.open_positions and not always_open:
            return people
        n = self.open_positions
        return f"{people}, {n:,} open position{'' if n == 1 else 's'}"


def headcount(people: Iterable[Person]) -> Headcount:
    """Count ``people`` by the one definition (see :class:`Headcount`)."""
    total = open_n = 0
    for p in people:
        total += 1
        if p.role is Role.OPEN:
            open_n += 1
    return Headcount(total - open_n, open_n)


#: Span-of-control buckets (direct solid reports of a manager): label, low, high (inclusive).
SPAN_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("1", 1, 1),
    ("2-4", 2, 4),
    ("5-8", 5, 8),
    ("9-12", 9, 12),
    ("13+", 13, 1 << 30),
)


def spans(org: Org) -> dict[str, int]:
    """Number of direct solid reports of every person who has any."""
    return {m: len(reports) for m, reports in org._reports.items() if reports}


def layers(org: Org) -> int:
    """Levels of the solid reporting tree (a lone person: 1); cycles are cut where found."""
    people = org.people
    # one walk down from the top (people whose manager is nobody in the org), level by level
    level = [pid for pid, p in people.items() if p.manager is None or p.manager not in people]
    reports = org._reports
    deepest = reached = 0
    while level:
        deepest += 1
        reached += len(level)
        level = [r for m in level for r in reports.get(m, ())]
    if reached == len(people):
        return deepest
    # somebody sits in a loop of solid lines: walk up from everybody, cutting loops
    depth: dict[str, int] = {}
    deepest = 0
    for pid in people:
        path: list[str] = []
        cur: str | None = pid
        on_path: set[str] = set()
        while cur is not None and cur in people and cur not in depth and cur not in on_path:
            path.append(cur)
            on_path.add(cur)
            cur = people[cur].manager
        base = depth.get(cur, 0) if cur is not None else 0
        for x in reversed(path):
            base += 1
            depth[x] = base
        deepest = max(deepest, depth.get(pid, 0))
    return deepest


def org_stage(org: Org, size: int | None = None) -> dict[str, Any]:
    """Which standard team kinds an org of this size usually has, and which are missing."""
    n = size if size is not None else sum(1 for p in org.people.values() if p.role is not Role.OPEN)
    present = {t.kind for t in org.teams.values()}
    expected = [k for k, at in STAGE_THRESHOLDS if n >= at]
    missing = [k for k in expected if k not in present]
    upcoming = next(((k, at) for k, at in STAGE_THRESHOLDS if n < at and k not in present), None)
    labels = ", ".join(team_kind_label(k) for k in expected)
    note = f"An ML org of {n} people usually has {labels} (in the order they tend to appear)."
    if missing:
        note += f" Missing: {', '.join(team_kind_label(k) for k in missing)}."
    else:
        note += " None is missing."
    if upcoming is not None:
        note += f" {team_kind_label(upcoming[0])} tends to come at about {upcoming[1]} people."
    return {
        "size": n,
        "expected": expected,
        "present": [k for k in STANDARD_TEAM_KINDS if k in present],
        "missing": missing,
        "note": note,
    }


def _name(org: Org, person: str | None) -> str | None:
    if person is None or person not in org.people:
        return None
    return org.people[person].display_name


@dataclass
class TeamPipelineCounts:
    """Per team and per pipeline: people, open positions and allocation-weighted FTE."""

    open_ids: set[str]
    team_count: dict[str | None, int]
    team_open: dict[str | None, int]
    pipe_people: dict[str, set[str]]
    pipe_open: dict[str, set[str]]
    team_fte: dict[str | None, float]
    pipe_fte: dict[str, float]


def team_pipeline_counts(org: Org) -> TeamPipelineCounts:
    """The counts behind the team and pipeline figures of :func:`org_stats` (one pass over
    people and one over placements)."""
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
    pipe_open: dict[str, set[str]] = {}
    team_fte: dict[str | None, float] = {}
    pipe_fte: dict[str, float] = {}
    for pid, places in org._placements.items():
        if pid in open_ids:
            for _team, pipe in places:
                pipe_open.setdefault(pipe, set()).add(pid)
            continue
        for (team, pipe), share in places.items():
            pipe_people.setdefault(pipe, set()).add(pid)
            team_fte[team] = team_fte.get(team, 0.0) + share / 100
            pipe_fte[pipe] = pipe_fte.get(pipe, 0.0) + share / 100
    return TeamPipelineCounts(
        open_ids, team_count, team_open, pipe_people, pipe_open, team_fte, pipe_fte
    )


def org_stats(org: Org) -> dict[str, Any]:
    """A JSON-able summary of an org.

    Keys: ``name``, ``people`` (not counting open positions), ``open_positions``, ``teams``
    (``{id, name, kind, headcount, open_positions, manager, fte, unplaced}``), ``pipelines``
    (``{id, name, headcount, owner, fte, open_positions}``, owner the PM's name or null),
    ``managers`` (people with at least one direct solid report), ``max_span``, ``fte`` (all
    allocated FTE), ``span_distribution`` (bucket -> managers), ``median_span``, ``layers``,
    ``open`` (``{id, title, team, manager}`` of each open position), ``manager_to_ic``
    (``{managers, ics, ratio}``: ICs per manager) and ``stage`` (see :func:`org_stage`).

    FTE counts filled positions only, each placement weighted by its share; people with no
    placement are counted in a team's ``unplaced``.
    """
    people = org.people
    counts = team_pipeline_counts(org)
    open_ids = counts.open_ids
    team_count, team_open = counts.team_count, counts.team_open
    pipe_people, pipe_open = counts.pipe_people, counts.pipe_open
    team_fte, pipe_fte = counts.team_fte, counts.pipe_fte
    span = spans(org)
    distribution = {
        label: sum(1 for n in span.values() if lo <= n <= hi) for label, lo, hi in SPAN_BUCKETS
    }
    # one pass over people: the unplaced per team, the ICs (no solid reports), the open ones
    unplaced: dict[str | None, int] = {}
    ics = 0
    open_people: list[Person] = []
    placed = org._placements
    for pid, p in people.items():
        if pid in open_ids:
            open_people.append(p)
            continue
        if pid not in placed:
            unplaced[p.team] = unplaced.get(p.team, 0) + 1
        if pid not in span:
            ics += 1
    count = Headcount(len(people) - len(open_people), len(open_people))  # see headcount()
    n_people = count.people
    ordered_spans = sorted(span.values())
    return {
        "name": org.name,
        "people": count.people,
        "open_positions": count.open_positions,
        "teams": [
            {
                "id": t.id,
                "name": t.name,
                "kind": t.kind or None,
                "headcount": team_count.get(t.id, 0),
                "open_positions": team_open.get(t.id, 0),
                "manager": _name(org, t.manager),
                "fte": round(team_fte.get(t.id, 0.0), 2),
                "unplaced": unplaced.get(t.id, 0),
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
                "fte": round(pipe_fte.get(pl.id, 0.0), 2),
                "open_positions": len(pipe_open.get(pl.id, ())),
            }
            for pl in org.ordered_pipelines()
        ],
        "managers": len(span),
        "max_span": max(span.values(), default=0),
        "fte": round(sum(pipe_fte.values()), 2),
        "span_distribution": distribution,
        "median_span": ordered_spans[len(ordered_spans) // 2] if ordered_spans else 0,
        "layers": layers(org),
        "open": [
            {
                "id": p.id,
                "title": p.title,
                "team": org.teams[p.team].name if p.team in org.teams else None,
                "manager": _name(org, p.manager),
            }
            for p in open_people
        ],
        "manager_to_ic": {
            "managers": len(span),
            "ics": ics,
            "ratio": round(ics / len(span), 2) if span else None,
        },
        "stage": org_stage(org, n_people),
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
    if "stage" not in data:
        return "\n".join(lines)
    lines += ["", "Allocation-weighted FTE", "  teams:"]
    for t in data["teams"]:
        extra = f"   (+{t['unplaced']} not on a pipeline)" if t["unplaced"] else ""
        lines.append(f"    {t['name']:<26} {t['fte']:>8.2f} FTE{extra}")
    lines.append("  pipelines:")
    for pl in data["pipelines"]:
        extra = f"   (+{pl['open_positions']} open)" if pl["open_positions"] else ""
        lines.append(f"    {pl['name']:<26} {pl['fte']:>8.2f} FTE{extra}")
    mic = data["manager_to_ic"]
    ratio = f"1 : {mic['ratio']:.1f}" if mic["ratio"] is not None else "n/a"
    dist = "   ".join(f"{k}: {v}" for k, v in data["span_distribution"].items())
    lines += [
        "",
        "Shape",
        f"  layers: {data['layers']}   median span: {data['median_span']}   "
        f"managers to ICs: {ratio} ({mic['managers']} managers, {mic['ics']} ICs)",
        f"  span of control (direct reports: managers): {dist}",
    ]
    if data["open"]:
        lines += ["", f"Open positions ({len(data['open'])})"]
        for o in data["open"][:50]:
            lines.append(
                f"  {o['title'] or 'Open position':<36} {o['team'] or '(no team)':<24} "
                f"reports to {o['manager'] or '(nobody)'}"
            )
        if len(data["open"]) > 50:
            lines.append(f"  ... and {len(data['open']) - 50} more")
    lines += ["", "Org stage", f"  {data['stage']['note']}"]
    return "\n".join(lines)
