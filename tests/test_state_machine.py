"""A Hypothesis state machine: random edits, undo, redo, save and load through the Document.

Invariants checked after every step:

* every history position has exactly the org it had when it was reached: undo and redo land
  on the very bytes (``orgfile.dumps``) seen before, undoing everything restores the original
  file and redoing everything restores the end;
* save -> load -> save is byte-identical, and the org's indexes (cells, solid and dotted
  reports, placements, the networkx graph when built) equal those of a freshly loaded copy;
* the ``changed`` events describe exactly what changed: a mirror org that only replays the
  announced changes (serialised through JSON and back) stays identical to the document's org;
* an edit that is refused (:class:`EditError`) changes nothing and records nothing;
* a raw change whose ``old`` value, record or index is stale is refused (:class:`EditError`)
  and nothing of its batch is applied, recorded or announced;
* a nested transaction that raises, caught by the block around it, takes back exactly its
  own changes: the outer step records what the outer block did, or nothing at all;
* a document that says it is unmodified holds what was last saved (or opened);
* the health checks kept current incrementally (:class:`FindingsCache` fed each batch's
  summary, batch by batch or several batches merged as the window's findings panel does)
  equal a full :func:`check` of the org after every step.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from orgeditor.document import Document, EditError
from orgeditor.io.orgfile import dumps, loads
from orgeditor.model.changes import (
    AddEntity,
    Change,
    MoveEntity,
    RemoveEntity,
    SetField,
    SetOrgField,
    change_from_json,
)
from orgeditor.model.entities import Role
from orgeditor.model.org import Org
from orgeditor.model.placements import AddPlacement, RemovePlacement, SetShare
from orgeditor.model.records import entity_record
from orgeditor.model.rules import RULES, RuleConfig, RuleConfigError, check, config_for
from orgeditor.model.rules.incremental import FindingsCache
from orgeditor.model.summary import ChangeBatch, ChangeSummary
from orgeditor.samples import sample_org, synthetic_org

idx = st.integers(min_value=0, max_value=10_000)
few = st.lists(idx, min_size=1, max_size=4)
WORDS = st.sampled_from(["Ada", "Bo Chen", "Zoë Ångström", "", "Ranking", "x" * 30, '"q"\\'])


class _Boom(Exception):
    """Raised inside a nested transaction on purpose."""


def _other(current: str | None, people: list[str]) -> str | None:
    """A value that is not ``current``."""
    return next((p for p in people if p != current), None) if current is None else None


def pick(seq: list[str], i: int) -> str:
    return seq[i % len(seq)]


def pick_opt(seq: list[str], i: int) -> str | None:
    """An element, or None one time in (len + 1)."""
    k = i % (len(seq) + 1)
    return None if k == len(seq) else seq[k]


def assert_same_org(org: Org, other: Org) -> None:
    """Everything, indexes included, is equal (order of the ordered-set indexes aside)."""
    assert org.name == other.name
    assert org.settings == other.settings
    assert org.people == other.people
    assert org.teams == other.teams
    assert org.pipelines == other.pipelines
    assert org.units == other.units
    assert org.team_order == other.team_order
    assert org.pipeline_order == other.pipeline_order
    assert org.unit_order == other.unit_order
    assert org._cells == other._cells
    assert org._reports == other._reports
    assert org._dotted_reports == other._dotted_reports
    assert org._placements == other._placements


def graph_edges(org: Org) -> set[tuple[str, str, str]]:
    return set(org.graph.edges(keys=True))


def index_edges(org: Org) -> set[tuple[str, str, str]]:
    solid = {(m, r, "solid") for m, rs in org._reports.items() for r in rs}
    dotted = {(m, r, "dotted") for m, rs in org._dotted_reports.items() for r in rs}
    return solid | dotted


class DocumentMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="orgeditor-sm-"))
        self.doc: Document | None = None

    # ------------------------------------------------------------------ set-up
    @initialize(
        which=st.sampled_from(["sample", "synthetic"]),
        seed=st.integers(0, 50),
        gather=st.booleans(),
    )
    def start(self, which: str, seed: int, gather: bool) -> None:
        org = sample_org() if which == "sample" else synthetic_org(40, seed)
        path = self.folder / "start.orgchart"
        path.write_text(dumps(org), encoding="utf-8")
        self.doc = Document.open(path)
        self.original = path.read_text(encoding="utf-8")
        assert dumps(self.doc.org) == self.original
        self.states = [self.original]  # the org's file text at each history position
        self.clean_text = self.original
        self.mirror = loads(self.original)
        self.doc.changed.connect(self._replay_on_mirror)
        self.events = 0
        # the health checks, kept current from each batch's summary (``gather``: summaries of
        # several batches merged and applied once, like the window's debounced panel)
        self.findings = FindingsCache()
        self.findings.full(self.doc.org, self.rule_config())
        self.gather = gather
        self.pending: list[ChangeSummary] = []
        self.doc.changed.connect(self._follow_findings)

    def rule_config(self) -> RuleConfig:
        """The org's rule settings, or the defaults when they are bad (as the window does)."""
        try:
            return config_for(self.d.org)
        except RuleConfigError:
            return RuleConfig.defaults(RULES)

    def _follow_findings(self, batch: ChangeBatch) -> None:
        if self.gather:
            self.pending.append(batch.summary)
        else:
            self.findings.update(self.d.org, self.rule_config(), batch.summary)

    def _replay_on_mirror(self, changes: list[Change]) -> None:
        self.events += 1
        for c in changes:
            again = change_from_json(json.loads(json.dumps(c.to_json())))
            assert again == c
            again.apply(self.mirror)

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # ----------------------------------------------------------------- helpers
    @property
    def d(self) -> Document:
        assert self.doc is not None
        return self.doc

    def people(self) -> list[str]:
        return list(self.d.org.people)

    def edit(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        """Run one edit; if refused, check that nothing at all happened."""
        before = dumps(self.d.org)
        label, index, events = self.d.undo_label, self.d.history.index, self.events
        try:
            fn(*args, **kwargs)
        except EditError:
            assert dumps(self.d.org) == before
            assert (self.d.undo_label, self.d.history.index) == (label, index)
            assert self.events == events
            return
        if self.events == events:  # nothing to do (the value was already there)
            assert dumps(self.d.org) == before
            assert (self.d.undo_label, self.d.history.index) == (label, index)
            return
        i = self.d.history.index
        self.states = [*self.states[:i], dumps(self.d.org)]

    # ------------------------------------------------------------- field edits
    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(i=idx, field=st.sampled_from(["name", "title", "level"]), value=WORDS)
    def set_person_field(self, i: int, field: str, value: str) -> None:
        self.edit(self.d.set_field, "person", pick(self.people(), i), field, value)

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(
        i=idx,
        title=st.sampled_from(
            [
                "Staff Engineer",
                "Principal Engineer",
                "ML Product Manager",
                "Staffing Coordinator",
                "Director of Machine Learning",
                "Chief of Staff",
            ]
        ),
        ghost=st.sampled_from([None, "Ghost", "p0"]),
        extra=st.sampled_from([{}, {"track": "Staff"}, {"location": "Oslo"}]),
    )
    def set_rule_relevant_fields(
        self, i: int, title: str, ghost: str | None, extra: dict[str, str]
    ) -> None:
        """Titles the health checks read, lines to nobody (as imports leave them), custom
        fields."""
        person = pick(self.people(), i)
        self.edit(self.d.set_field, "person", person, "title", title)
        self.edit(self.d.set_field, "person", person, "unresolved_manager", ghost)
        dotted = () if ghost is None else (ghost,)
        self.edit(self.d.set_field, "person", person, "unresolved_dotted", dotted)
        self.edit(self.d.set_field, "person", person, "fields", extra)

    @precondition(lambda self: self.doc is not None and len(self.doc.org.people) > 1)
    @rule(ids=few, value=st.sampled_from(["L3", "L5", "Staff"]))
    def set_levels(self, ids: list[int], value: str) -> None:
        people = self.people()
        self.edit(self.d.set_fields, "person", [pick(people, i) for i in ids], "level", value)

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(i=idx, role=st.sampled_from(list(Role)))
    def set_role(self, i: int, role: Role) -> None:
        self.edit(self.d.set_field, "person", pick(self.people(), i), "role", role.value)

    @precondition(lambda self: self.doc is not None and self.doc.org.teams)
    @rule(i=idx, name=WORDS, kind=st.sampled_from(["modeling", "tooling", "evaluation", ""]))
    def edit_team(self, i: int, name: str, kind: str) -> None:
        team = pick(self.d.org.team_order, i)
        self.edit(self.d.rename, "team", team, name)
        self.edit(self.d.set_field, "team", team, "kind", kind)

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(i=idx, m=idx)
    def set_manager(self, i: int, m: int) -> None:
        people = self.people()
        self.edit(self.d.set_manager, pick(people, i), pick_opt(people, m))

    @precondition(lambda self: self.doc is not None and len(self.doc.org.people) > 1)
    @rule(ids=few, m=idx)
    def set_managers(self, ids: list[int], m: int) -> None:
        people = self.people()
        self.edit(self.d.set_managers, [pick(people, i) for i in ids], pick_opt(people, m))

    @precondition(lambda self: self.doc is not None and len(self.doc.org.people) > 1)
    @rule(i=idx, m=idx, add=st.booleans())
    def dotted(self, i: int, m: int, add: bool) -> None:
        people = self.people()
        person = pick(people, i)
        if add:
            self.edit(self.d.add_dotted, person, pick(people, m))
        else:
            current = list(self.d.org.people[person].dotted) or people
            self.edit(self.d.remove_dotted, person, pick(current, m))

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(kind=st.sampled_from(["team", "pipeline", "unit"]), i=idx, p=idx)
    def tech_lead(self, kind: str, i: int, p: int) -> None:
        ids = self.d.org.order_of(kind)
        if ids:
            self.edit(self.d.set_tech_lead, kind, pick(ids, i), pick_opt(self.people(), p))

    @rule(key=st.sampled_from(["max_span", "rules.kpi", "theme"]), value=st.none() | idx | WORDS)
    def setting(self, key: str, value: Any) -> None:
        self.edit(self.d.set_setting, key, value)

    @rule(
        value=st.sampled_from(
            [
                None,
                {"span-of-control": {"max_reports": 2, "flag_single": False}},
                {"team-tech-lead": {"min_size": 1}, "kpi-alignment": False},
                {"pipeline-coverage": {"required_kinds": ["tooling"]}},
                {"over-allocation": {"max_share": 50, "severity": "error"}},
                {"span-of-control": {"max_reports": "many"}},  # bad: the defaults apply
            ]
        )
    )
    def rule_settings(self, value: Any) -> None:
        self.edit(self.d.set_setting, "rules", value)

    @rule(name=WORDS)
    def org_name(self, name: str) -> None:
        self.edit(self.d.set_org_name, name)

    # ------------------------------------------------------------------ people
    @rule(
        name=WORDS,
        role=st.sampled_from(list(Role)),
        t=idx,
        pl=idx,
        m=idx,
        share=st.integers(0, 100),
    )
    def add_person(self, name: str, role: Role, t: int, pl: int, m: int, share: int) -> None:
        org = self.d.org
        self.edit(
            self.d.add_person,
            name,
            title="Engineer",
            role=role,
            team=pick_opt(org.team_order, t),
            pipeline=pick_opt(org.pipeline_order, pl),
            share=share,
            manager=pick_opt(self.people(), m),
        )

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(ids=few)
    def remove_people(self, ids: list[int]) -> None:
        people = self.people()
        self.edit(self.d.remove_people, [pick(people, i) for i in ids])

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(i=idx, t=idx, pl=idx, share=st.integers(0, 120), what=st.sampled_from("aprs"))
    def placement(self, i: int, t: int, pl: int, share: int, what: str) -> None:
        org = self.d.org
        person = pick(self.people(), i)
        places = org.placements(person)
        if what == "a" and org.pipeline_order:
            team = pick_opt(org.team_order, t)
            self.edit(self.d.add_placement, person, team, pick(org.pipeline_order, pl), share)
        elif places and what == "r":
            p = places[pl % len(places)]
            self.edit(self.d.remove_placement, person, p.team, p.pipeline)
        elif places:
            p = places[pl % len(places)]
            self.edit(self.d.set_share, person, p.team, p.pipeline, share)

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(ids=few, which=idx, t=idx, pl=idx, copy=st.booleans())
    def move_people(self, ids: list[int], which: int, t: int, pl: int, copy: bool) -> None:
        org = self.d.org
        items = []
        for i in ids:
            person = pick(self.people(), i)
            cells = org.cells_of(person)
            items.append((person, cells[which % len(cells)]))
        to = (pick_opt(org.team_order, t), pick_opt(org.pipeline_order, pl))
        self.edit(self.d.move_people, items, to, copy=copy)

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(ids=few, t=idx)
    def move_to_team(self, ids: list[int], t: int) -> None:
        people = self.people()
        team = pick_opt(self.d.org.team_order, t)
        self.edit(self.d.move_to_team, [pick(people, i) for i in ids], team)

    # --------------------------------------------------------------- structure
    @rule(name=WORDS, m=idx, at=idx, kind=st.sampled_from(["team", "pipeline", "unit"]))
    def add_structure(self, name: str, m: int, at: int, kind: str) -> None:
        org = self.d.org
        person = pick_opt(self.people(), m) if org.people else None
        if kind == "team":
            index = at % (len(org.team_order) + 1)
            self.edit(self.d.add_team, name, kind="deployment", manager=person, index=index)
        elif kind == "pipeline":
            index = at % (len(org.pipeline_order) + 1)
            self.edit(self.d.add_pipeline, name, owner=person, index=index)
        else:
            teams = org.team_order[: at % (len(org.team_order) + 1)]
            self.edit(self.d.add_unit, name, leader=person, teams=teams)

    @rule(kind=st.sampled_from(["team", "pipeline", "unit"]), i=idx, to=idx)
    def move_entity(self, kind: str, i: int, to: int) -> None:
        order = self.d.org.order_of(kind)
        if order:
            self.edit(self.d.move_entity, kind, pick(order, i), to % (len(order) + 2))

    @rule(kind=st.sampled_from(["team", "pipeline", "unit"]), i=idx)
    def remove_structure(self, kind: str, i: int) -> None:
        order = self.d.org.order_of(kind)
        if order:
            remove = {
                "team": self.d.remove_team,
                "pipeline": self.d.remove_pipeline,
                "unit": self.d.remove_unit,
            }[kind]
            self.edit(remove, pick(order, i))

    # ------------------------------------------------------------ transactions
    @precondition(lambda self: self.doc is not None and len(self.doc.org.people) > 1)
    @rule(ids=few, m=idx, value=WORDS, outer=st.booleans(), depth=st.integers(1, 3))
    def failing_inner_transaction(
        self, ids: list[int], m: int, value: str, outer: bool, depth: int
    ) -> None:
        """Edits inside nested blocks, then an exception caught by the outermost block."""
        d = self.d
        people = self.people()
        before = dumps(d.org)
        label, index, events = d.undo_label, d.history.index, self.events
        with d.transaction("Outer"):
            if outer:
                d.set_field("person", people[0], "title", value)
            kept = dumps(d.org)
            try:
                with ExitStack() as stack:
                    for level in range(depth):
                        stack.enter_context(d.transaction(f"Inner {level}"))
                        d.set_field("person", pick(people, ids[0] + level), "level", "L9")
                    d.set_manager(pick(people, ids[-1]), pick_opt(people, m))
                    d.remove_people([pick(people, i) for i in ids])
                    raise _Boom
            except (_Boom, EditError):
                pass
            assert dumps(d.org) == kept
        assert self.events == events + (kept != before)
        if kept == before:
            assert dumps(d.org) == before
            assert (d.undo_label, d.history.index) == (label, index)
        else:
            assert d.undo_label == "Outer"
            self.states = [*self.states[: d.history.index], kept]

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(i=idx, j=idx, what=st.sampled_from("fsmrpoae"), value=WORDS)
    def stale_raw_change(self, i: int, j: int, what: str, value: str) -> None:
        """A valid change followed by one made for another state of the org."""
        d = self.d
        org = d.org
        person = pick(self.people(), i)
        p = org.people[person]
        places = org.placements(person)
        good = SetField("person", person, "title", p.title, p.title + "!")
        stale: Change
        if what == "s" and places:
            pl = places[j % len(places)]
            stale = SetShare(person, pl.team, pl.pipeline, pl.share + 1, 5)
        elif what == "r" and places:
            pl = places[j % len(places)]
            stale = RemovePlacement(person, pl.team, pl.pipeline, pl.share + 7)
        elif what == "p" and places:
            pl = places[j % len(places)]
            stale = AddPlacement(person, pl.team, pl.pipeline, 10)
        elif what == "m" and org.team_order:
            team = pick(org.team_order, j)
            at = org.team_order.index(team)
            stale = MoveEntity("team", team, at + 1, 0)
        elif what == "o":
            stale = SetOrgField("name", org.name + "?", value)
        elif what == "a":
            stale = AddEntity("person", {"id": person, "name": value})
        elif what == "e":
            record = entity_record("person", p)
            stale = RemoveEntity("person", {**record, "name": record["name"] + "?"})
        else:
            stale = SetField("person", person, "manager", _other(p.manager, self.people()), None)
        self._refused("Stale", good, stale)

    @precondition(lambda self: self.doc is not None and self.doc.org.people)
    @rule(i=idx, j=idx, what=st.sampled_from("mdtaApTu"))
    def dangling_raw_change(self, i: int, j: int, what: str) -> None:
        """A valid change followed by one naming what is not there (its file would not load)."""
        d = self.d
        org = d.org
        people = self.people()
        person = pick(people, i)
        p = org.people[person]
        good = SetField("person", person, "title", p.title, p.title + "!")
        ghost = "nobody"
        bad: Change
        if what == "m":
            bad = SetField("person", person, "manager", p.manager, ghost)
        elif what == "d":
            bad = SetField("person", person, "dotted", p.dotted, (*p.dotted, ghost))
        elif what == "t":
            bad = SetField("person", person, "team", p.team, ghost)
        elif what == "a":
            bad = AddEntity("person", {"id": "p-new", "name": "New", "manager": ghost})
        elif what == "A":
            bad = AddEntity("person", {"id": "p-new", "name": "New", "manager": "p-new"})
        elif what == "p":
            bad = AddPlacement(person, p.team, ghost, 10)
        elif what == "T" and org.team_order:
            team = org.teams[pick(org.team_order, j)]
            bad = SetField("team", team.id, "manager", team.manager, ghost)
        else:
            bad = AddEntity("unit", {"id": "u-new", "name": "New", "teams": [ghost]})
        self._refused("Dangling", good, bad)

    def _refused(self, name: str, good: Change, bad: Change) -> None:
        """``bad`` does not fit the org; applied after ``good`` in one edit, the document
        refuses the whole edit and nothing changes: org, history, events."""
        d = self.d
        org = d.org
        assert bad.conflict(org) is not None
        before = dumps(org)
        label, index, events = d.undo_label, d.history.index, self.events
        with pytest.raises(EditError, match="cannot apply"):
            d.apply_changes(name, [good, bad])
        assert dumps(org) == before
        assert (d.undo_label, d.history.index, self.events) == (label, index, events)

    # ------------------------------------------------------ history and files
    @precondition(lambda self: self.doc is not None and self.doc.can_undo)
    @rule()
    def undo(self) -> None:
        label = self.d.undo_label
        assert label
        self.d.undo()
        assert self.d.redo_label == label
        assert dumps(self.d.org) == self.states[self.d.history.index]

    @precondition(lambda self: self.doc is not None and self.doc.can_redo)
    @rule()
    def redo(self) -> None:
        label = self.d.redo_label
        self.d.redo()
        assert self.d.undo_label == label
        assert dumps(self.d.org) == self.states[self.d.history.index]

    @precondition(lambda self: self.doc is not None)
    @rule()
    def undo_all_then_redo_all(self) -> None:
        d = self.d
        here = d.history.index
        while d.can_undo:
            d.undo()
        assert dumps(d.org) == self.original
        while d.can_redo:
            d.redo()
        assert dumps(d.org) == self.states[-1]
        for _ in range(len(self.states) - 1 - here):
            d.undo()
        assert dumps(d.org) == self.states[here]

    @precondition(lambda self: self.doc is not None)
    @rule(other=st.booleans())
    def save_and_load(self, other: bool) -> None:
        target = self.folder / ("other.orgchart" if other else "start.orgchart")
        self.d.save(target)
        assert not self.d.is_modified
        assert self.d.path == target
        text = target.read_text(encoding="utf-8")
        assert text == dumps(self.d.org)
        self.clean_text = text
        again = Document.open(target)
        assert_same_org(again.org, self.d.org)
        resaved = self.folder / "resaved.orgchart"
        again.save(resaved)
        assert resaved.read_bytes() == target.read_bytes()

    @precondition(lambda self: self.doc is not None)
    @rule()
    def build_graph(self) -> None:
        assert graph_edges(self.d.org) == index_edges(self.d.org)

    # -------------------------------------------------------------- invariants
    @invariant()
    def consistent(self) -> None:
        if self.doc is None:
            return
        org = self.d.org
        text = dumps(org)
        assert len(self.states) == self.d.history.index + len(self.d.history._undone) + 1
        assert text == self.states[self.d.history.index]
        fresh = loads(text)
        assert_same_org(org, fresh)
        assert dumps(fresh) == text
        assert_same_org(self.mirror, org)
        if org._graph is not None:
            assert set(org._graph.nodes) == set(org.people)
            assert graph_edges(org) == index_edges(org)
        if not self.d.is_modified:
            assert text == self.clean_text

    @invariant()
    def findings_equal_a_full_check(self) -> None:
        if self.doc is None:
            return
        org, config = self.d.org, self.rule_config()
        if self.gather:
            self.findings.update(org, config, ChangeSummary.union(self.pending))
            self.pending = []
        assert self.findings.findings == check(org, config), (
            self.findings.last_rerun,
            self.findings.last_local,
        )


DocumentMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestDocumentMachine = DocumentMachine.TestCase
