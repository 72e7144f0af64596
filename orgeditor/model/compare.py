"""Compare two orgs: what changed, person by person and structure by structure.

``compare(old, new, match="id") -> Comparison`` is the one entry point. People, teams,
pipelines and org units are matched by id (``match="id"``) or, for two HR exports that
renumbered, by exact name (``match="name"``; duplicate or empty names fall back to ids and are
listed in :attr:`Comparison.unmatched`).

A :class:`Comparison` holds

- ``changes``: a list of :class:`Difference` ``(kind, subject, old, new)``, in a stable order
  (structure first, then people in the new org's order, then people who left). ``subject`` is a
  :class:`Ref` ``{kind, id, name}``; ``old``/``new`` are JSON-able values, and a value that
  refers to a person, team, pipeline or unit is ``{"id", "name"}`` (old values name things as
  the old org does, new values as the new org does).
- ``teams``, ``pipelines``, ``shape`` and ``findings``: what the change means (headcount, open
  positions and FTE before and after, managers, layers, spans, health findings fixed and
  introduced), computed on first use by :mod:`orgeditor.model.compare_summary`.
- ``to_json()``: the object ``orgeditor diff --json`` prints (documented key by key in
  ``docs/command-line.md``).
- ``edits()``: the primitive :mod:`orgeditor.model.changes` that turn the old org into the new
  one, built from the listed changes alone (:mod:`orgeditor.model.compare_apply`).

Person change kinds (:data:`PERSON_KINDS`): ``added`` (a hire or a new open position; ``new`` is
the person's description), ``removed`` (a leaver or a closed position; ``old`` is the
description), ``filled``, ``renamed``, ``title``, ``role``, ``level``, ``team``, ``placements``
(a list of ``{team, pipeline, share}``), ``manager`` (the solid line), ``dotted`` (the list of
dotted-line managers), ``tech_lead`` (the ``{kind, id, name}`` of every tech-lead role held;
follows from the structure's ``tech_lead`` changes) and ``field`` (``{"field", "value"}`` of a
custom field).

**Filled** means an open position replaced by a person in the same place: either the same id
went from the open role to a person's role (``old`` is the position, ``new`` the person: their
name and role are not listed again), or an open position of the old org that is gone and a new
person who was not there sit in the same team under the same solid manager (paired in org
order; ``old`` is the position's description with its id, ``new`` the person's).

Structure change kinds (:data:`STRUCTURE_KINDS`), subjects ``team``, ``pipeline``, ``unit`` or
``org``: ``added``, ``removed``, ``renamed``, ``kind``, ``manager``, ``owner``, ``leader``,
``tech_lead``, ``kpi``, ``unit`` (the units a team belongs to; follows from the unit's
``teams``), ``teams`` (a unit's list of teams), ``order`` (``{"index"}`` in the user order; only
the entities that really moved, not those shifted by an insertion) and ``settings`` (org
``{"key", "value"}``).

Examples
--------
>>> from orgeditor.samples import sample_org
>>> from orgeditor.document import Document
>>> doc = Document(sample_org())
>>> someone = next(p for p in doc.org.people.values() if p.title)
>>> doc.set_field("person", someone.id, "title", "Staff Engineer")
>>> diff = compare(sample_org(), doc.org)
>>> [(c.kind, c.subject.id, c.new) for c in diff.changes] == [("title", someone.id,
...     "Staff Engineer")]
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orgeditor.model.compare_values import (
    Matcher,
    Ref,
    dotted_value,
    lead_refs,
    manager_value,
    person_description,
    person_name,
    placements_value,
    plain_name,
    ref,
    structure_description,
)
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.model.changes import Change
    from orgeditor.model.compare_summary import Summary

__all__ = [
    "MATCHES",
    "PERSON_KINDS",
    "STRUCTURE_KINDS",
    "Comparison",
    "Difference",
    "Ref",
    "compare",
    "person_description",
]

MATCHES = ("id", "name")

PERSON_KINDS = (
    "added",
    "removed",
    "filled",
    "renamed",
    "title",
    "role",
    "level",
    "team",
    "placements",
    "manager",
    "dotted",
    "tech_lead",
    "field",
)
STRUCTURE_KINDS = (
    "added",
    "removed",
    "renamed",
    "kind",
    "manager",
    "owner",
    "leader",
    "tech_lead",
    "kpi",
    "unit",
    "teams",
    "order",
    "settings",
)

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


@dataclass
class Comparison:
    """The changes from ``old`` to ``new``; see the module docstring."""

    old: Org
    new: Org
    match: str
    changes: list[Difference]
    #: with ``match="name"``: people, teams, ... whose name is empty or not unique (matched by
    #: id where both orgs have that id, else added or removed)
    unmatched: list[Ref] = field(default_factory=list)
    #: kind -> {old id: new id} of the matched entities
    pairs: dict[str, dict[str, str]] = field(default_factory=dict)
    #: the user's default rule settings, for the findings (None: each org's own settings)
    rule_defaults: Mapping[str, Any] | None = None
    _summary: Summary | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def summary(self) -> Summary:
        if self._summary is None:
            from orgeditor.model.compare_summary import summarize

            self._summary = summarize(self, self.rule_defaults)
        return self._summary

    @property
    def teams(self) -> list[dict[str, Any]]:
        """``[{id, name, old: {headcount, open_positions, fte} | None, new: ...}]``."""
        return self.summary.teams

    @property
    def pipelines(self) -> list[dict[str, Any]]:
        return self.summary.pipelines

    @property
    def shape(self) -> dict[str, Any]:
        """``{old: {people, open_positions, managers, layers, max_span, median_span, fte,
        span_distribution}, new: ...}``."""
        return self.summary.shape

    @property
    def findings(self) -> dict[str, list[dict[str, Any]]]:
        """``{fixed, introduced, changed}``: lists of ``{rule, severity, message, subjects}``
        (``changed`` ones also carry ``was``, the old message)."""
        return self.summary.findings

    def by_kind(self) -> dict[tuple[str, str], list[Difference]]:
        """Changes grouped by ``(subject kind, change kind)``, in the order first met."""
        out: dict[tuple[str, str], list[Difference]] = {}
        for c in self.changes:
            out.setdefault((c.subject.kind, c.kind), []).append(c)
        return out

    def changed_people(self) -> dict[str, list[str]]:
        """New-org person id -> the kinds of change listed for them (leavers excluded)."""
        out: dict[str, list[str]] = {}
        for c in self.changes:
            if c.subject.kind == "person" and c.kind != "removed":
                out.setdefault(c.subject.id, []).append(c.kind)
        return out

    def leavers(self) -> list[Difference]:
        """The ``removed`` changes of people (leavers and closed positions)."""
        return [c for c in self.changes if c.subject.kind == "person" and c.kind == "removed"]

    def edits(self) -> list[Change]:
        """Primitive changes turning ``old`` into ``new``, built from :attr:`changes` only."""
        from orgeditor.model.compare_apply import edits_for

        return edits_for(self)

    def to_json(self) -> dict[str, Any]:
        """The object ``orgeditor diff --json`` prints for two files."""
        from orgeditor.model.compare_summary import org_head

        return {
            "match": self.match,
            "old": org_head(self.old),
            "new": org_head(self.new),
            "changes": [c.to_json() for c in self.changes],
            "unmatched": [r.to_json() for r in self.unmatched],
            "teams": self.teams,
            "pipelines": self.pipelines,
            "shape": self.shape,
            "findings": self.findings,
        }


# --------------------------------------------------------------------- comparing
def compare(
    old: Org, new: Org, match: str = "id", rule_defaults: Mapping[str, Any] | None = None
) -> Comparison:
    """The changes from ``old`` to ``new``; ``match`` is ``"id"`` or ``"name"``.

    ``rule_defaults`` (the user's default rule settings) only affects the findings.
    """
    if match not in MATCHES:
        raise ValueError(f"match must be one of {', '.join(MATCHES)}, not {match!r}")
    m = {
        "person": Matcher("person", old.people, new.people, match, person_name),
        "team": Matcher("team", old.teams, new.teams, match, plain_name),
        "pipeline": Matcher("pipeline", old.pipelines, new.pipelines, match, plain_name),
        "unit": Matcher("unit", old.units, new.units, match, plain_name),
    }
    out: list[Difference] = []
    out.extend(_org_changes(old, new))
    for kind in ("team", "pipeline", "unit"):
        out.extend(_structure_changes(old, new, kind, m))
    out.extend(_people_changes(old, new, m))
    unmatched = [r for mm in m.values() for r in mm.unmatched]
    pairs = {k: mm.pairs for k, mm in m.items()}
    return Comparison(old, new, match, out, unmatched, pairs, rule_defaults)


def _org_changes(old: Org, new: Org) -> Iterable[Difference]:
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


def _structure_changes(
    old: Org, new: Org, kind: str, m: dict[str, Matcher]
) -> Iterable[Difference]:
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


def _lead_roles(org: Org) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for kind in ("team", "pipeline", "unit"):
        for eid in org.order_of(kind):
            lead = org._table(kind)[eid].tech_lead
            if lead is not None:
                out.setdefault(lead, []).append((kind, eid))
    return out


def _people_changes(old: Org, new: Org, m: dict[str, Matcher]) -> list[Difference]:
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
