"""Property test of the comparison: for a random org A and a random sequence of edits through
the Document API giving B, ``compare(A, B)``

* lists every person and structure whose stored state differs between A and B, and nothing
  else (a person also counts when a tech-lead role of theirs changed);
* lists nothing the edits did not touch (subjects of the document's history);
* and applying the listed changes (``Comparison.edits()``, as checked edits through the
  Document) to A gives B in the file format, and undoing them gives A.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, event, given, settings

from orgeditor.document import Document, EditError
from orgeditor.io.orgfile import dumps, loads, to_data
from orgeditor.model.changes import entity_record
from orgeditor.model.compare import compare
from orgeditor.model.entities import Role
from orgeditor.model.org import Org
from orgeditor.samples import synthetic_org

NAMES = st.sampled_from(["Ada", "Bo Chen", "Zoë Ångström", "", 'Q "x" \\ <b>', "node", "Ada"])
OPS = st.sampled_from(
    [
        "hire",
        "open",
        "leave",
        "move",
        "manager",
        "title",
        "rename",
        "role",
        "level",
        "dotted",
        "undotted",
        "team",
        "share",
        "place",
        "unplace",
        "lead",
        "add_team",
        "remove_team",
        "rename_team",
        "team_manager",
        "kpi",
        "add_pipeline",
        "owner",
        "reorder",
        "add_unit",
        "field",
        "org_name",
        "fill",
    ]
)
STEP = st.tuples(OPS, st.integers(0, 10_000), st.integers(0, 10_000), NAMES)


def _pick(seq: list[str], i: int) -> str:
    return seq[i % len(seq)]


def _edit(doc: Document, op: str, i: int, j: int, text: str) -> None:
    org = doc.org
    people = list(org.people)
    teams = list(org.team_order)
    pipes = list(org.pipeline_order)
    person = _pick(people, i) if people else None
    other = _pick(people, j) if people else None
    team = _pick(teams, j) if teams else None
    pipe = _pick(pipes, i) if pipes else None
    if op == "hire":
        doc.add_person(text or "New", title="Engineer", team=team, pipeline=pipe, manager=other)
    elif op == "open":
        doc.add_person("", title="Open ML role", role=Role.OPEN, team=team, manager=other)
    elif op == "fill" and person:
        with doc.transaction("Fill position"):
            doc.rename("person", person, text or "Filled")
            doc.set_field("person", person, "role", Role.IC)
    elif op == "leave" and person:
        doc.remove_people([person])
    elif op == "move" and person and pipe:
        doc.move_people([(person, org.cells_of(person)[0])], (team, pipe))
    elif op == "manager" and person:
        doc.set_manager(person, other if other != person else None)
    elif op == "title" and person:
        doc.set_field("person", person, "title", text)
    elif op == "rename" and person:
        doc.rename("person", person, text)
    elif op == "role" and person:
        doc.set_field("person", person, "role", list(Role)[j % len(Role)])
    elif op == "level" and person:
        doc.set_field("person", person, "level", f"L{j % 7}")
    elif op == "dotted" and person and other:
        doc.add_dotted(person, other)
    elif op == "undotted" and person and org.people[person].dotted:
        doc.remove_dotted(person, org.people[person].dotted[0])
    elif op == "team" and person:
        doc.move_to_team([person], team)
    elif op == "share" and person and org.placements(person):
        pl = org.placements(person)[0]
        doc.set_share(person, pl.team, pl.pipeline, 10 + j % 90)
    elif op == "place" and person and pipe:
        doc.add_placement(person, org.people[person].team, pipe, 20)
    elif op == "unplace" and person and org.placements(person):
        pl = org.placements(person)[0]
        doc.remove_placement(person, pl.team, pl.pipeline)
    elif op == "lead" and team:
        kind = ("team", "pipeline", "unit")[i % 3]
        ids = {"team": teams, "pipeline": pipes, "unit": list(org.unit_order)}[kind]
        if ids:
            doc.set_tech_lead(kind, _pick(ids, j), other if i % 4 else None)
    elif op == "add_team":
        doc.add_team(text or "Team", kind="modeling", index=j % (len(teams) + 1))
    elif op == "remove_team" and team:
        doc.remove_team(team)
    elif op == "rename_team" and team:
        doc.rename("team", team, text or "T")
    elif op == "team_manager" and team:
        doc.set_field("team", team, "manager", other)
    elif op == "kpi" and team:
        doc.set_field("team", team, "kpi", text)
    elif op == "add_pipeline":
        doc.add_pipeline(text or "Pipe", index=j % (len(pipes) + 1))
    elif op == "owner" and pipe:
        doc.set_field("pipeline", pipe, "owner", other)
    elif op == "reorder" and teams:
        doc.move_entity("team", _pick(teams, i), j % len(teams))
    elif op == "add_unit" and team:
        doc.add_unit(text or "Unit", leader=other, teams=[team])
    elif op == "field" and person:
        fields = dict(org.people[person].fields)
        fields["Location"] = text
        doc.set_field("person", person, "fields", fields)
    elif op == "org_name":
        doc.set_org_name(text)


def _state(org: Org, kind: str, id: str) -> Any:
    """What the comparison must notice of one entity: its record (and placements, order)."""
    ent = org.entity(kind, id)
    rec = entity_record(kind, ent)
    if kind == "person":
        rec["placements"] = sorted((str(p.team), p.pipeline, p.share) for p in org.placements(id))
        rec["leads"] = sorted(org.tech_lead_roles(id))
    else:
        rec["units"] = sorted(u.id for u in org.units.values() if id in u.teams)
    return rec


def _differing(a: Org, b: Org) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for kind in ("person", "team", "pipeline", "unit"):
        ta, tb = a._table(kind), b._table(kind)
        for id in set(ta) | set(tb):
            if id not in ta or id not in tb or _state(a, kind, id) != _state(b, kind, id):
                out.add((kind, id))
    for kind in ("team", "pipeline", "unit"):  # order: at least the relative order differs
        common_a = [i for i in a.order_of(kind) if i in b._table(kind)]
        common_b = [i for i in b.order_of(kind) if i in a._table(kind)]
        if common_a != common_b:
            out.add((kind, "<order>"))
    if a.name != b.name:
        out.add(("org", ""))
    return out


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(3, 40),
    seed=st.integers(0, 50),
    steps=st.lists(STEP, min_size=1, max_size=12),
)
def test_compare_lists_exactly_what_the_edits_changed(
    size: int, seed: int, steps: list[tuple[str, int, int, str]]
) -> None:
    a = synthetic_org(size, seed)
    doc = Document(loads(dumps(a)))
    for op, i, j, text in steps:
        with contextlib.suppress(EditError):
            _edit(doc, op, i, j, text)
    b = doc.org
    diff = compare(a, b)
    event(f"changes listed: {min(len(diff.changes), 10)}{'+' if len(diff.changes) >= 10 else ''}")

    listed = {(c.subject.kind, c.subject.id) for c in diff.changes}
    ordered = {c.subject.kind for c in diff.changes if c.kind == "order"}
    expected = _differing(a, b)
    expected_order = {k for k, i in expected if i == "<order>"}
    assert {k for k in expected if k[1] != "<order>"} <= listed | {("org", "")}
    assert ordered <= expected_order
    for kind in expected_order:  # a reorder is listed on some entity of that kind
        assert any(c.subject.kind == kind and c.kind == "order" for c in diff.changes)
    no_order = {(c.subject.kind, c.subject.id) for c in diff.changes if c.kind != "order"}
    assert no_order <= expected, "listed something that did not change"

    touched = {s for tx in doc.history._done for ch in tx.changes for s in ch.subjects()}
    touched |= _lead_subjects(a) | _lead_subjects(b)
    for org in (a, b):  # a team's units follow from the units' team lists
        touched |= {
            ("team", t) for u in org.units.values() if ("unit", u.id) in touched for t in u.teams
        }
    for kind, id in no_order:  # which of two swapped entities "moved" is a matter of choice
        if kind == "org":
            continue
        assert (kind, id) in touched, f"{kind} {id} listed but never edited"

    data = json.loads(json.dumps(diff.to_json()))  # plain JSON, every value
    assert len(data["changes"]) == len(diff.changes)
    assert data["new"]["people"] + data["new"]["open_positions"] == len(b.people)
    # the listed changes, as checked edits through the Document (one undo step)
    replay = Document(loads(dumps(a)))
    replay.apply_changes("Apply the comparison", diff.edits())
    assert to_data(replay.org) == to_data(b)
    if diff.changes:
        replay.undo()  # and undone, it is the old org again
        assert to_data(replay.org) == to_data(a)
    assert bool(diff) == (to_data(a) != to_data(b))


def _lead_subjects(org: Org) -> set[tuple[str, str]]:
    return {
        ("person", str(e.tech_lead))
        for kind in ("team", "pipeline", "unit")
        for e in org._table(kind).values()
        if e.tech_lead is not None
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(3, 40),
    seed=st.integers(0, 50),
    renames=st.lists(st.tuples(st.integers(0, 10_000), NAMES), max_size=6),
)
def test_match_by_name_sees_through_renumbering(
    size: int, seed: int, renames: list[tuple[int, str]]
) -> None:
    """A copy whose every id is new, compared by name: a change can only be about, or point
    at, something whose name is empty or repeated, and that is listed as unmatched."""
    a = synthetic_org(size, seed)
    doc = Document(loads(dumps(a)))
    for i, name in renames:  # make some names repeat or vanish, on both sides alike
        doc.rename("person", _pick(list(doc.org.people), i), name)
    a = loads(dumps(doc.org))
    text = dumps(a)
    for table in (a.people, a.teams, a.pipelines, a.units):
        for id in table:
            text = text.replace(f'"{id}"', f'"new-{id}"')
    b = loads(text)
    assert not set(a.people) & set(b.people)
    diff = compare(a, b, match="name")
    loose = {r.id.removeprefix("new-") for r in diff.unmatched}
    names = [p.name for p in a.people.values() if not p.is_open]
    for r in diff.unmatched:
        if r.kind == "person":
            assert not r.name or names.count(r.name) > 1, r
    for c in diff.changes:
        if c.subject.kind == "org":
            continue
        named = {c.subject.id, *_ids_in(c.old), *_ids_in(c.new)}
        assert {i.removeprefix("new-") for i in named} & loose, c


def _ids_in(value: Any) -> set[str]:
    if isinstance(value, dict):
        found = {value["id"]} if isinstance(value.get("id"), str) else set()
        return found.union(*(_ids_in(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_ids_in(v) for v in value))
    return set()
