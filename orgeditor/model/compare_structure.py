"""What changed in the org itself and in its teams, pipelines and org units (the structure):
names, kinds, KPIs, managers, owners, leaders, tech leads, a unit's teams, a team's units,
the user order, settings; part of :func:`orgeditor.model.compare.compare`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgeditor.model.compare_values import Difference, Matcher, Ref, ref, structure_description
from orgeditor.model.org import Org

__all__ = ["org_changes", "structure_changes"]


def org_changes(old: Org, new: Org) -> Iterable[Difference]:
    """The org's name and each of its settings."""
    subject = Ref("org", "", new.name)
    if old.name != new.name:
        yield Difference("renamed", subject, old.name, new.name)
    for key in sorted(set(old.settings) | set(new.settings)):
        a, b = old.settings.get(key), new.settings.get(key)
        if a != b:
            yield Difference(
                "settings", subject, {"key": key, "value": a}, {"key": key, "value": b}
            )


_REF_FIELDS = {
    "team": (("manager", "manager"), ("tech_lead", "tech_lead")),
    "pipeline": (("owner", "owner"), ("tech_lead", "tech_lead")),
    "unit": (("leader", "leader"), ("tech_lead", "tech_lead")),
}


def structure_changes(old: Org, new: Org, kind: str, m: dict[str, Matcher]) -> Iterable[Difference]:
    """The teams, pipelines or units (``kind``) added, changed, moved in order and removed,
    in the new org's order, then the removed ones in the old org's."""
    mk = m[kind]
    tp = m["person"].tr
    old_table: dict[str, Any] = old._table(kind)
    new_table: dict[str, Any] = new._table(kind)
    back = mk.back
    no_units: dict[str, list[str]] = {}
    old_units = _units_of_teams(old) if kind == "team" else no_units
    new_units = _units_of_teams(new) if kind == "team" else no_units
    for nid in new.order_of(kind):
        b = new_table[nid]
        subject = Ref(kind, nid, b.name)
        oid = back.get(nid)
        if oid is None:
            yield Difference("added", subject, None, structure_description(new, kind, nid))
            continue
        a = old_table[oid]
        if a.name != b.name:
            yield Difference("renamed", subject, a.name, b.name)
        if kind == "team":
            if a.kind != b.kind:
                yield Difference("kind", subject, a.kind, b.kind)
            if a.kpi != b.kpi:
                yield Difference("kpi", subject, a.kpi, b.kpi)
        for attr, ck in _REF_FIELDS[kind]:
            va, vb = getattr(a, attr), getattr(b, attr)
            if va != tp(vb):
                yield Difference(ck, subject, ref(old, "person", va), ref(new, "person", vb))
        if kind == "unit":
            tt = m["team"].tr
            if list(a.teams) != [tt(t) for t in b.teams]:
                yield Difference(
                    "teams",
                    subject,
                    [ref(old, "team", t) for t in a.teams],
                    [ref(new, "team", t) for t in b.teams],
                )
        if kind == "team" and (oid in old_units or nid in new_units):
            ua, ub = old_units.get(oid, []), new_units.get(nid, [])
            if sorted(ua) != sorted(str(m["unit"].tr(u)) for u in ub):
                yield Difference(
                    "unit",
                    subject,
                    [ref(old, "unit", u) for u in ua],
                    [ref(new, "unit", u) for u in ub],
                )
    yield from _order_changes(old, new, kind, mk)
    for oid in old.order_of(kind):
        if oid not in mk.pairs:
            a = old_table[oid]
            yield Difference(
                "removed", Ref(kind, oid, a.name), structure_description(old, kind, oid), None
            )


def _units_of_teams(org: Org) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for u in org.ordered_units():
        for t in u.teams:
            out.setdefault(t, []).append(u.id)
    return out


def _order_changes(old: Org, new: Org, kind: str, mk: Matcher) -> Iterable[Difference]:
    """Entities that moved in the user order: those outside a longest kept subsequence."""
    new_index = {nid: i for i, nid in enumerate(new.order_of(kind))}
    common = [(o, mk.pairs[o]) for o in old.order_of(kind) if o in mk.pairs]
    kept = _longest_increasing([new_index[n] for _o, n in common])
    old_index = {o: i for i, o in enumerate(old.order_of(kind))}
    table: dict[str, Any] = new._table(kind)
    moved = [(new_index[n], o, n) for k, (o, n) in enumerate(common) if k not in kept]
    for ni, o, n in sorted(moved):
        yield Difference(
            "order", Ref(kind, n, table[n].name), {"index": old_index[o]}, {"index": ni}
        )


def _longest_increasing(seq: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``seq`` (patience)."""
    import bisect

    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tail_pos.append(i)
        else:
            tails[k] = x
            tail_pos[k] = i
        prev[i] = tail_pos[k - 1] if k else -1
    out: set[int] = set()
    i = tail_pos[-1] if tail_pos else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out
