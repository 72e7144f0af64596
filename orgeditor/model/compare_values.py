"""The values a comparison lists, and the matching of two orgs' entities.

A :class:`Difference` is one listed change about a :class:`Ref`. Values name people, teams,
pipelines and units as ``{"id", "name"}`` (see :mod:`orgeditor.model.compare`); a
:class:`Matcher` pairs the entities of one kind by id or by exact name and translates the new
org's ids into the old org's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org

__all__ = [
    "DERIVED",
    "Difference",
    "Matcher",
    "Ref",
    "dotted_value",
    "lead_refs",
    "manager_value",
    "person_description",
    "person_name",
    "placements_value",
    "plain_name",
    "ref",
    "structure_description",
]


@dataclass(frozen=True, slots=True)
class Ref:
    """What a change is about: ``kind`` (person, team, pipeline, unit, org), id and name."""

    kind: str
    id: str
    name: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "name": self.name}


#: Change kinds that follow from another listed change (shown, not applied by ``edits()``).
DERIVED = frozenset({("person", "tech_lead"), ("team", "unit")})


@dataclass(frozen=True, slots=True)
class Difference:
    """One change: its ``kind``, its ``subject`` and the ``old`` and ``new`` values."""

    kind: str
    subject: Ref
    old: Any
    new: Any

    @property
    def derived(self) -> bool:
        """True when the change follows from another listed change (a tech-lead role)."""
        return (self.subject.kind, self.kind) in DERIVED

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject.to_json(),
            "old": self.old,
            "new": self.new,
        }


# ------------------------------------------------------------------------ values
def ref(org: Org, kind: str, id: str | None) -> dict[str, Any] | None:
    if id is None:
        return None
    table = org._table(kind)
    ent = table.get(id)
    if ent is None:  # a line to nobody: kept as written
        return {"id": id, "name": None}
    name = ent.display_name if kind == "person" else ent.name
    return {"id": id, "name": name}


def manager_value(org: Org, p: Person) -> dict[str, Any] | None:
    if p.manager is None and p.unresolved_manager is not None:
        return {"id": None, "name": p.unresolved_manager}
    return ref(org, "person", p.manager)


def dotted_value(org: Org, p: Person) -> list[dict[str, Any] | None]:
    out = [ref(org, "person", d) for d in p.dotted]
    out.extend({"id": None, "name": u} for u in p.unresolved_dotted)
    return out


def placements_value(org: Org, pid: str) -> list[dict[str, Any]]:
    return [
        {"team": ref(org, "team", t), "pipeline": ref(org, "pipeline", pl), "share": share}
        for (t, pl), share in org._placements.get(pid, {}).items()
    ]


def person_description(org: Org, pid: str) -> dict[str, Any]:
    """A person as an ``added``/``removed``/``filled`` value: every field, names with ids."""
    from orgeditor.model.changes import entity_record

    p = org.people[pid]
    out = entity_record("person", p)
    del out["unresolved_manager"], out["unresolved_dotted"]  # folded into manager, dotted
    out.update(
        team=ref(org, "team", p.team),
        manager=manager_value(org, p),
        dotted=dotted_value(org, p),
        placements=placements_value(org, pid),
    )
    return out


def structure_description(org: Org, kind: str, id: str) -> dict[str, Any]:
    ent: Any = org.entity(kind, id)
    out: dict[str, Any] = {"id": id, "name": ent.name, "index": org.order_of(kind).index(id)}
    if kind == "team":
        out.update(
            kind=ent.kind,
            manager=ref(org, "person", ent.manager),
            tech_lead=ref(org, "person", ent.tech_lead),
            kpi=ent.kpi,
        )
    elif kind == "pipeline":
        out.update(owner=ref(org, "person", ent.owner), tech_lead=ref(org, "person", ent.tech_lead))
    else:
        out.update(
            leader=ref(org, "person", ent.leader),
            tech_lead=ref(org, "person", ent.tech_lead),
            teams=[ref(org, "team", t) for t in ent.teams],
        )
    return out


# ---------------------------------------------------------------------- matching
class Matcher:
    """Pairs of one entity kind and the translation of new-org ids into old-org ids."""

    def __init__(
        self, kind: str, old: dict[str, Any], new: dict[str, Any], match: str, name_of: Any
    ) -> None:
        self.kind = kind
        self.unmatched: list[Ref] = []
        #: matched by id: a new id names the same entity as the same old id
        self.by_id = match == "id"
        if match == "id":
            self.pairs = {i: i for i in old if i in new}
        else:
            self.pairs = self._by_name(old, new, name_of)
        self.back = {n: o for o, n in self.pairs.items()}
        self._new = new

    def _by_name(self, old: dict[str, Any], new: dict[str, Any], name_of: Any) -> dict[str, str]:
        def index(table: dict[str, Any]) -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for i, ent in table.items():
                out.setdefault(name_of(ent), []).append(i)
            return out

        old_names, new_names = index(old), index(new)
        pairs: dict[str, str] = {}
        loose_old: list[str] = []
        for name, ids in old_names.items():
            other = new_names.get(name, [])
            if name and len(ids) == 1 and len(other) == 1:
                pairs[ids[0]] = other[0]
            elif not name or len(ids) > 1 or len(other) > 1:
                loose_old.extend(ids)
            # else: a unique name the new org does not have: gone (no id to fall back on)
        taken = set(pairs.values())
        for o in loose_old:  # duplicate or empty names: matched by id where they can be
            if o in new and o not in taken:
                pairs[o] = o
                taken.add(o)
            self.unmatched.append(Ref(self.kind, o, name_of(old[o])))
        for n, ent in new.items():  # and the new org's that no name matched
            name = name_of(ent)
            if n not in taken and (
                not name or len(new_names[name]) > 1 or len(old_names.get(name, ())) > 1
            ):
                self.unmatched.append(Ref(self.kind, n, name))
        return pairs

    def tr(self, new_id: str | None) -> str | None:
        """A new-org id as the old org names it (``"\\0" + id`` for entities new to it)."""
        if new_id is None:
            return None
        back = self.back.get(new_id)
        if back is not None:
            return back
        return "\0" + new_id if new_id in self._new else new_id  # a line to nobody: as written


def person_name(p: Person) -> str:
    return p.name if p.role is not Role.OPEN else ""


def plain_name(ent: Any) -> str:
    return str(ent.name)


def lead_refs(org: Org, roles: list[tuple[str, str]]) -> list[dict[str, Any]]:
    out = []
    for kind, eid in roles:
        found = ref(org, kind, eid) or {}
        out.append({"kind": kind, **found})
    return out
