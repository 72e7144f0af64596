"""Compare two orgs: what changed, person by person and structure by structure.

``compare(old, new, match="id") -> Comparison`` is the one entry point. People, teams,
pipelines and org units are matched by id (``match="id"``) or, for two HR exports that
renumbered, by exact name (``match="name"``; duplicate or empty names fall back to ids and are
listed in :attr:`Comparison.unmatched`).

This module holds the result (:class:`Comparison`) and the entry point; the changes are found
by :mod:`orgeditor.model.compare_structure` (the org, teams, pipelines, units and their order)
and :mod:`orgeditor.model.compare_people` (people), and described with the values of
:mod:`orgeditor.model.compare_values` (:class:`Difference`, :class:`Ref`, the matching).

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orgeditor.model.compare_people import people_changes
from orgeditor.model.compare_structure import org_changes, structure_changes
from orgeditor.model.compare_values import (
    DERIVED,
    Difference,
    Matcher,
    Ref,
    person_description,
    person_name,
    plain_name,
)
from orgeditor.model.org import Org

if TYPE_CHECKING:
    from orgeditor.model.changes import Change
    from orgeditor.model.compare_summary import Summary

__all__ = [
    "DERIVED",
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
    out.extend(org_changes(old, new))
    for kind in ("team", "pipeline", "unit"):
        out.extend(structure_changes(old, new, kind, m))
    out.extend(people_changes(old, new, m))
    unmatched = [r for mm in m.values() for r in mm.unmatched]
    pairs = {k: mm.pairs for k, mm in m.items()}
    return Comparison(old, new, match, out, unmatched, pairs, rule_defaults)
