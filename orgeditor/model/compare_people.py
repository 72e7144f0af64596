"""What changed for each person: hires, leavers, filled and closed positions, and every field
of the people both orgs have; part of :func:`orgeditor.model.compare.compare` (the change
kinds are listed in its module docstring)."""

from __future__ import annotations

from typing import Any

from orgeditor.model.compare_values import (
    Difference,
    Matcher,
    Ref,
    dotted_value,
    lead_refs,
    manager_value,
    person_description,
    placements_value,
    ref,
)
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org

__all__ = ["people_changes"]


def _lead_roles(org: Org) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for kind in ("team", "pipeline", "unit"):
        for eid in org.order_of(kind):
            lead = org._table(kind)[eid].tech_lead
            if lead is not None:
                out.setdefault(lead, []).append((kind, eid))
    return out


def people_changes(old: Org, new: Org, m: dict[str, Matcher]) -> list[Difference]:
    """The people's changes, in the new org's order, then the people who left."""
    mp = m["person"]
    tp, tt, tl = mp.tr, m["team"].tr, m["pipeline"].tr
    trs = {"team": tt, "pipeline": tl, "unit": m["unit"].tr}
    old_people, new_people = old.people, new.people
    old_place, new_place = old._placements, new._placements
    old_leads, new_leads = _lead_roles(old), _lead_roles(new)
    back = mp.back
    out: list[Difference] = []
    gone_open = _gone_open_positions(old, mp)
    same_ids = mp.by_id
    no_leads: list[tuple[str, str]] = []
    for nid, b in new_people.items():
        oid = back.get(nid)
        if (
            same_ids
            and oid is not None
            and old_people[oid] == b
            and old_place.get(oid) == new_place.get(nid)
            and old_leads.get(oid, no_leads) == new_leads.get(nid, no_leads)
        ):
            continue  # matched by id and equal in every field: nothing to say
        subject = Ref("person", nid, b.display_name)
        if oid is None:
            filled = _take_filled(gone_open, b, tt, tp)
            if filled is not None:
                out.append(
                    Difference(
                        "filled",
                        subject,
                        person_description(old, filled),
                        person_description(new, nid),
                    )
                )
            else:
                out.append(Difference("added", subject, None, person_description(new, nid)))
            continue
        a = old_people[oid]
        add = out.append
        if a.role is Role.OPEN and b.role is not Role.OPEN:
            add(
                Difference(
                    "filled",
                    subject,
                    {"id": oid, "name": a.name, "role": a.role.value},
                    {"id": nid, "name": b.name, "role": b.role.value},
                )
            )
        else:
            if a.name != b.name:
                add(Difference("renamed", subject, a.name, b.name))
            if a.role is not b.role:
                add(Difference("role", subject, a.role.value, b.role.value))
        if a.title != b.title:
            add(Difference("title", subject, a.title, b.title))
        if a.level != b.level:
            add(Difference("level", subject, a.level, b.level))
        if a.team != tt(b.team):
            add(Difference("team", subject, ref(old, "team", a.team), ref(new, "team", b.team)))
        pa, pb = old_place.get(oid, {}), new_place.get(nid, {})
        if (pa or pb) and pa != {(tt(t), tl(pl)): s for (t, pl), s in pb.items()}:
            add(
                Difference(
                    "placements", subject, placements_value(old, oid), placements_value(new, nid)
                )
            )
        if a.manager != tp(b.manager) or a.unresolved_manager != b.unresolved_manager:
            add(Difference("manager", subject, manager_value(old, a), manager_value(new, b)))
        if a.dotted != tuple(tp(d) for d in b.dotted) or a.unresolved_dotted != b.unresolved_dotted:
            add(Difference("dotted", subject, dotted_value(old, a), dotted_value(new, b)))
        la, lb = old_leads.get(oid, []), new_leads.get(nid, [])
        if (la or lb) and la != [(k, trs[k](i)) for k, i in lb]:
            add(Difference("tech_lead", subject, lead_refs(old, la), lead_refs(new, lb)))
        if a.fields != b.fields:
            for key in sorted(set(a.fields) | set(b.fields)):
                va, vb = a.fields.get(key), b.fields.get(key)
                if va != vb:
                    add(
                        Difference(
                            "field",
                            subject,
                            {"field": key, "value": va},
                            {"field": key, "value": vb},
                        )
                    )
    filled_ids = {c.old["id"] for c in out if c.kind == "filled" and c.old["id"] not in mp.pairs}
    for oid, a in old_people.items():
        if oid not in mp.pairs and oid not in filled_ids:
            out.append(
                Difference(
                    "removed",
                    Ref("person", oid, a.display_name),
                    person_description(old, oid),
                    None,
                )
            )
    return out


def _gone_open_positions(old: Org, mp: Matcher) -> dict[tuple[Any, Any], list[str]]:
    """Open positions of the old org with no match, by (team, manager): fill candidates."""
    out: dict[tuple[Any, Any], list[str]] = {}
    for oid, a in old.people.items():
        if a.role is Role.OPEN and oid not in mp.pairs:
            out.setdefault((a.team, a.manager), []).append(oid)
    return out


def _take_filled(
    gone_open: dict[tuple[Any, Any], list[str]], b: Person, tt: Any, tp: Any
) -> str | None:
    if b.role is Role.OPEN or not gone_open:
        return None
    queue = gone_open.get((tt(b.team), tp(b.manager)))
    if not queue:
        return None
    return queue.pop(0)
