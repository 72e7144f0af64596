"""What a change means: headcount, open positions and FTE per team and pipeline before and
after, the org's shape (managers, layers, spans) and the health findings fixed and introduced.

:func:`summarize` is called by :class:`orgeditor.model.compare.Comparison` on first use of
``teams``, ``pipelines``, ``shape`` or ``findings``. The figures are those of
:func:`orgeditor.model.stats.org_stats` (the same numbers ``orgeditor stats`` prints); the
findings those of :func:`orgeditor.model.rules.check` with each org's own rule settings (and the
user's defaults when the caller passes them), matched by rule and subjects (by message for a
finding without subjects): ``fixed`` are gone, ``introduced`` are new, ``changed`` are still
there but say something else now ("has 14 direct reports" where it said 10; ``was`` is the old
message).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from orgeditor.model.org import Org
from orgeditor.model.stats import SPAN_BUCKETS, headcount, layers, spans, team_pipeline_counts

if TYPE_CHECKING:
    from orgeditor.model.compare import Comparison
    from orgeditor.model.rules import Finding

__all__ = ["SHAPE_KEYS", "Summary", "org_head", "summarize"]

#: The figures of the org's shape compared before and after.
SHAPE_KEYS = ("people", "open_positions", "managers", "layers", "max_span", "median_span", "fte")

_ROW_KEYS = ("headcount", "open_positions", "fte")


@dataclass
class Summary:
    teams: list[dict[str, Any]]
    pipelines: list[dict[str, Any]]
    shape: dict[str, Any]
    findings: dict[str, list[dict[str, Any]]]


def org_head(org: Org) -> dict[str, Any]:
    """``{name, people, open_positions}`` of one side (:func:`orgeditor.model.stats.headcount`:
    open positions are not people)."""
    heads = headcount(org.people.values())
    return {"name": org.name, "people": heads.people, "open_positions": heads.open_positions}


def summarize(diff: Comparison, rule_defaults: Mapping[str, Any] | None = None) -> Summary:
    """The tables and findings of a comparison (see the module docstring)."""
    a, b = _figures(diff.old), _figures(diff.new)
    return Summary(
        teams=_rows(a["teams"], b["teams"], diff.pairs.get("team", {})),
        pipelines=_rows(a["pipelines"], b["pipelines"], diff.pairs.get("pipeline", {})),
        shape={"old": a["shape"], "new": b["shape"]},
        findings=_findings(diff, rule_defaults),
    )


def _figures(org: Org) -> dict[str, Any]:
    """The figures of :func:`orgeditor.model.stats.org_stats` a comparison shows (and only
    those: the others cost as much again on a large org)."""
    c = team_pipeline_counts(org)
    heads = headcount(org.people.values())
    span = spans(org)
    ordered = sorted(span.values())
    shape = {
        "people": heads.people,
        "open_positions": heads.open_positions,
        "managers": len(span),
        "layers": layers(org),
        "max_span": ordered[-1] if ordered else 0,
        "median_span": ordered[len(ordered) // 2] if ordered else 0,
        "fte": round(sum(c.pipe_fte.values()), 2),
        "span_distribution": {
            label: sum(1 for n in ordered if lo <= n <= hi) for label, lo, hi in SPAN_BUCKETS
        },
    }
    teams = [
        {
            "id": t.id,
            "name": t.name,
            "headcount": c.team_count.get(t.id, 0),
            "open_positions": c.team_open.get(t.id, 0),
            "fte": round(c.team_fte.get(t.id, 0.0), 2),
        }
        for t in org.ordered_teams()
    ]
    pipelines = [
        {
            "id": pl.id,
            "name": pl.name,
            "headcount": len(c.pipe_people.get(pl.id, ())),
            "open_positions": len(c.pipe_open.get(pl.id, ())),
            "fte": round(c.pipe_fte.get(pl.id, 0.0), 2),
        }
        for pl in org.ordered_pipelines()
    ]
    _add_costs(org, shape, teams, pipelines)
    return {"teams": teams, "pipelines": pipelines, "shape": shape}


def _add_costs(
    org: Org, shape: dict[str, Any], teams: list[dict[str, Any]], pipes: list[dict[str, Any]]
) -> None:
    """The annual cost (issue 16's hiring plan), when the org knows costs: ``cost`` in the
    shape and in each team and pipeline row."""
    from orgeditor.model.hiring import HiringError, cost_by_id, has_costs

    if not has_costs(org):
        return
    try:
        c = cost_by_id(org)
    except HiringError:
        return
    shape["cost"] = c["total"]
    for rows, key in ((teams, "teams"), (pipes, "pipelines")):
        for r in rows:
            r["cost"] = round(c[key].get(r["id"], 0.0), 2)


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r[k] for k in (*_ROW_KEYS, "cost") if k in r}


def _rows(
    old_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]], pairs: dict[str, str]
) -> list[dict[str, Any]]:
    """One row per team (or pipeline) of either side: the new order, then those removed."""
    back = {n: o for o, n in pairs.items()}
    old_by_id = {r["id"]: r for r in old_rows}
    out: list[dict[str, Any]] = []
    for r in new_rows:
        o = old_by_id.get(back.get(r["id"], "\0"))
        out.append(
            {
                "id": r["id"],
                "name": r["name"],
                "old": _row(o) if o is not None else None,
                "new": _row(r),
            }
        )
    for r in old_rows:
        if r["id"] not in pairs:
            out.append(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "old": _row(r),
                    "new": None,
                }
            )
    return out


def findings_of(
    diff: Comparison, rule_defaults: Mapping[str, Any] | None = None
) -> tuple[list[Finding], list[Finding]]:
    """The findings of the old and the new org, each with its own rule settings.

    (Re-running only the rules the changes touch, as the window does after an edit, was
    measured slower here: 500 changes at 20,000 people touch nearly every rule.)
    """
    from orgeditor.model.rules import check, config_for

    return (
        check(diff.old, config_for(diff.old, rule_defaults)),
        check(diff.new, config_for(diff.new, rule_defaults)),
    )


def _findings(
    diff: Comparison, rule_defaults: Mapping[str, Any] | None
) -> dict[str, list[dict[str, Any]]]:
    old, new = findings_of(diff, rule_defaults)
    backs = {kind: {n: o for o, n in pairs.items()} for kind, pairs in diff.pairs.items()}

    def key(f: Finding, translate: bool) -> tuple[Any, ...]:
        subjects = []
        for s in f.subjects:
            sid = backs.get(s.kind, {}).get(s.id, "\0" + s.id) if translate else s.id
            subjects.append((s.kind, sid))
        return (f.rule, tuple(sorted(subjects)), "" if subjects else f.message)

    old_by = {key(f, False): f for f in old}
    new_by = {key(f, True): f for f in new}
    changed = []
    for k, f in new_by.items():
        before = old_by.get(k)
        if before is not None and before.message != f.message:
            changed.append({**f.to_json(), "was": before.message})
    return {
        "fixed": [f.to_json() for k, f in old_by.items() if k not in new_by],
        "introduced": [f.to_json() for k, f in new_by.items() if k not in old_by],
        "changed": changed,
    }
