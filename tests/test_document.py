"""Document operations on the sample org: moves, copies, team changes, deletions, reorders."""

from __future__ import annotations

import re

import pytest

from orgeditor.document import Document, EditError
from orgeditor.io.orgfile import dumps, natural_key
from orgeditor.model.entities import Role
from orgeditor.samples import sample_org, synthetic_org


@pytest.fixture
def doc() -> Document:
    return Document(sample_org())


def places(doc: Document, person: str) -> dict[tuple[str | None, str], int]:
    return {(p.team, p.pipeline): p.share for p in doc.org.placements(person)}


def undo_restores(doc: Document, before: str) -> None:
    after = dumps(doc.org)
    doc.undo()
    assert dumps(doc.org) == before
    doc.redo()
    assert dumps(doc.org) == after


# ------------------------------------------------------------------------- moves
def test_move_one_person_to_another_cell(doc: Document) -> None:
    before = dumps(doc.org)
    # Mei Tanaka (Modeling, Search relevance) dragged to Deployment x Fraud scoring
    doc.move_people([("p21", ("t2", "l3"))], ("t5", "l2"))
    assert doc.undo_label == "Move Mei Tanaka"
    assert doc.org.people["p21"].team == "t5"
    assert places(doc, "p21") == {("t5", "l2"): 100}
    assert "p21" in doc.org.cell_ids("t5", "l2")
    assert "p21" not in doc.org.cell_ids("t2", "l3")
    undo_restores(doc, before)


def test_move_one_card_of_a_shared_person_takes_the_rest_along(doc: Document) -> None:
    # Wei Zhang: Modeling, 50% Feed ranking + 50% Search relevance. Drag the Feed card.
    doc.move_people([("p18", ("t2", "l1"))], ("t3", "l4"))
    assert doc.org.people["p18"].team == "t3"
    assert places(doc, "p18") == {("t3", "l4"): 50, ("t3", "l3"): 50}


def test_move_within_the_same_team_changes_pipeline_only(doc: Document) -> None:
    doc.move_people([("p22", ("t2", "l4"))], ("t2", "l1"))
    # Carlos Garcia had 70% Demand forecast + 30% Feed ranking: shares merge
    assert places(doc, "p22") == {("t2", "l1"): 100}
    assert doc.org.people["p22"].team == "t2"


def test_move_card_from_another_teams_column(doc: Document) -> None:
    d = Document()
    a, b = d.add_team("A"), d.add_team("B")
    x, y = d.add_pipeline("X"), d.add_pipeline("Y")
    ada = d.add_person("Ada", team=a, pipeline=x, share=60)
    d.add_placement(ada, b, x, 40)
    d.move_people([(ada, (b, x))], (b, y))
    # the dragged 40% card lands on Y; her own-column 60% follows her to the new team
    assert d.org.people[ada].team == b
    assert {(p.team, p.pipeline): p.share for p in d.org.placements(ada)} == {
        (b, y): 40,
        (b, x): 60,
    }


def test_move_to_the_no_pipeline_row(doc: Document) -> None:
    doc.move_people([("p24", ("t2", "l4"))], ("t4", None))
    assert places(doc, "p24") == {}
    assert doc.org.people["p24"].team == "t4"
    assert doc.org.cells_of("p24") == [("t4", None)]


def test_move_unplaced_person_onto_a_pipeline(doc: Document) -> None:
    doc.move_people([("p46", ("t6", None))], ("t6", "l4"))
    assert places(doc, "p46") == {("t6", "l4"): 100}
    assert doc.undo_label == "Move Diego Sato"


def test_move_many_people_is_one_step(doc: Document) -> None:
    before = dumps(doc.org)
    steps = doc.history.index
    items = [(p, doc.org.cells_of(p)[0]) for p in [f"p{i}" for i in range(18, 30)]]
    doc.move_people(items, ("t4", "l5"))
    assert doc.undo_label == "Move 12 people"
    assert doc.history.index == steps + 1
    assert all(doc.org.people[p].team == "t4" for p, _ in items)
    undo_restores(doc, before)
    doc.undo()
    assert dumps(doc.org) == before
    assert doc.redo_label == "Move 12 people"


def test_two_cards_of_one_person_count_once(doc: Document) -> None:
    doc.move_people([("p18", ("t2", "l1")), ("p18", ("t2", "l3"))], ("t4", "l2"))
    assert doc.undo_label == "Move Wei Zhang"
    assert places(doc, "p18") == {("t4", "l2"): 100}


def test_ctrl_drag_shares_time(doc: Document) -> None:
    before = dumps(doc.org)
    doc.move_people([("p21", ("t2", "l3"))], ("t2", "l2"), copy=True)
    assert doc.undo_label == "Share Mei Tanaka with Fraud scoring"
    assert places(doc, "p21") == {("t2", "l3"): 50, ("t2", "l2"): 50}
    assert doc.org.people["p21"].team == "t2"
    undo_restores(doc, before)


def test_ctrl_drag_splits_only_the_dragged_share(doc: Document) -> None:
    # Hugo Martin: 50% Feed ranking, 50% Search relevance; copy the Feed card to Demand
    doc.move_people([("p11", ("t1", "l1"))], ("t1", "l4"), copy=True)
    assert places(doc, "p11") == {("t1", "l1"): 25, ("t1", "l3"): 50, ("t1", "l4"): 25}


def test_ctrl_drag_of_many_and_of_odd_shares(doc: Document) -> None:
    doc.move_people(
        [("p31", ("t3", "l3")), ("p46", ("t6", None)), ("p40", ("t5", "l1"))],
        ("t3", "l5"),
        copy=True,
    )
    assert doc.undo_label == "Share 3 people with Speech recognition"
    assert places(doc, "p31")[("t3", "l3")] == 30 and places(doc, "p31")[("t3", "l5")] == 30
    assert places(doc, "p46") == {("t3", "l5"): 100}  # had no placement: gets a full one
    assert doc.org.people["p46"].team == "t6"
    d = Document()
    t, x, y = d.add_team("T"), d.add_pipeline("X"), d.add_pipeline("Y")
    p = d.add_person("Ada", team=t, pipeline=x, share=1)
    d.move_people([(p, (t, x))], (t, y), copy=True)
    assert {pl.pipeline: pl.share for pl in d.org.placements(p)} == {x: 1, y: 1}


def test_ctrl_drag_onto_a_cell_already_held_does_nothing(doc: Document) -> None:
    steps = doc.history.index
    doc.move_people([("p18", ("t2", "l1"))], ("t2", "l3"), copy=True)
    doc.move_people([("p18", ("t2", "l1"))], ("t2", None), copy=True)
    assert doc.history.index == steps


def test_move_to_team(doc: Document) -> None:
    before = dumps(doc.org)
    doc.move_to_team(["p35", "p36"], "t5")
    assert doc.undo_label == "Move 2 people to Deployment"
    assert places(doc, "p35") == {("t5", "l1"): 50, ("t5", "l2"): 50}
    assert doc.org.people["p36"].team == "t5"
    undo_restores(doc, before)
    doc.move_to_team(["p46"], None)
    assert doc.undo_label == "Move Diego Sato to no team"
    assert doc.org.cells_of("p46") == [(None, None)]


def test_move_refuses_unknown_targets(doc: Document) -> None:
    with pytest.raises(EditError, match="no team"):
        doc.move_people([("p21", ("t2", "l3"))], ("t99", "l1"))
    with pytest.raises(EditError, match="no pipeline"):
        doc.move_people([("p21", ("t2", "l3"))], ("t1", "l99"))
    with pytest.raises(EditError, match="no person"):
        doc.move_people([("p999", ("t2", "l3"))], ("t1", "l1"))
    with pytest.raises(EditError, match="no team"):
        doc.move_to_team(["p21"], "t99")
    assert not doc.can_undo


# --------------------------------------------------------------------- deletions
def test_delete_manager_moves_reports_up(doc: Document) -> None:
    before = dumps(doc.org)
    doc.remove_people(["p17"])  # Elena Dubois, Modeling manager
    assert doc.undo_label == "Delete Elena Dubois"
    assert "p17" not in doc.org.people
    assert all(doc.org.people[f"p{i}"].manager == "p2" for i in range(18, 27))
    assert doc.org.teams["t2"].manager is None
    undo_restores(doc, before)


def test_delete_a_chain_of_managers(doc: Document) -> None:
    doc.remove_people(["p2", "p17"])  # the Director and the Modeling manager
    assert doc.undo_label == "Delete 2 people"
    assert doc.org.people["p18"].manager == "p1"  # up past both, to the CEO
    assert doc.org.people["p10"].manager == "p1"
    assert doc.org.units["u1"].leader is None


def test_delete_everybody_up_the_chain(doc: Document) -> None:
    doc.remove_people(["p1", "p2", "p3"])
    assert doc.org.people["p4"].manager is None
    assert doc.org.people["p27"].manager is None
    assert doc.org.people["p27"].dotted == ()  # the dotted line to p2 is gone too


def test_delete_clears_every_reference(doc: Document) -> None:
    before = dumps(doc.org)
    doc.remove_people(["p6", "p18", "p7"])  # PMs owning pipelines, a tech lead
    org = doc.org
    assert org.pipelines["l1"].owner is None and org.pipelines["l2"].owner is None
    assert org.teams["t2"].tech_lead is None
    assert org.people["p19"].dotted == ()
    assert org.people["p12"].dotted == ()
    assert org.references_to("p6") == []
    for p in ("p6", "p18", "p7"):
        assert all(p not in members for members in org._cells.values())
    undo_restores(doc, before)


def test_delete_in_a_reporting_cycle() -> None:
    d = Document()
    a = d.add_person("A")
    b = d.add_person("B", manager=a)
    d.set_manager(a, b)
    d.remove_people([a, b])
    assert d.org.people == {}
    d.undo()
    assert d.org.people[a].manager == b and d.org.people[b].manager == a


def test_delete_nobody_and_duplicates(doc: Document) -> None:
    doc.remove_people([])
    assert not doc.can_undo
    doc.remove_people(["p48", "p48"])
    assert doc.undo_label == "Delete Yusuf Abe"
    with pytest.raises(EditError):
        doc.remove_people(["p48"])


def test_delete_team(doc: Document) -> None:
    before = dumps(doc.org)
    doc.remove_team("t2")
    org = doc.org
    assert doc.undo_label == "Delete team Modeling"
    assert "t2" not in org.teams and "t2" not in org.team_order
    assert org.people["p21"].team is None
    assert places(doc, "p21") == {(None, "l3"): 100}
    assert "t2" not in org.units["u1"].teams
    assert all(c[0] != "t2" for c in org._cells)
    undo_restores(doc, before)


def test_delete_team_merges_with_no_team_cells() -> None:
    d = Document()
    t, x = d.add_team("T"), d.add_pipeline("X")
    p = d.add_person("Ada", team=t, pipeline=x, share=40)
    d.add_placement(p, None, x, 30)
    d.remove_team(t)
    assert {(pl.team, pl.pipeline): pl.share for pl in d.org.placements(p)} == {(None, x): 70}


def test_delete_pipeline(doc: Document) -> None:
    before = dumps(doc.org)
    doc.remove_pipeline("l5")
    org = doc.org
    assert doc.undo_label == "Delete pipeline Speech recognition"
    assert places(doc, "p25") == {}
    assert org.cells_of("p25") == [("t2", None)]
    assert places(doc, "p15") == {("t1", "l3"): 70}
    assert all(c[1] != "l5" for c in org._cells)
    undo_restores(doc, before)


def test_delete_unit(doc: Document) -> None:
    before = dumps(doc.org)
    doc.remove_unit("u2")
    assert doc.undo_label == "Delete org unit Infrastructure Org"
    assert doc.org.unit_order == ["u1"]
    undo_restores(doc, before)


# ---------------------------------------------------------------------- reorder
def test_reorder_teams_and_pipelines(doc: Document) -> None:
    before = dumps(doc.org)
    doc.move_entity("team", "t6", 0)
    assert doc.undo_label == "Move team Cloud Platform"
    assert doc.org.team_order[0] == "t6"
    undo_restores(doc, before)
    doc.undo()
    doc.move_entity("pipeline", "l1", 99)  # clamped to the end
    assert doc.org.pipeline_order[-1] == "l1"
    doc.move_entity("pipeline", "l2", -5)
    assert doc.org.pipeline_order[0] == "l2"
    steps = doc.history.index
    doc.move_entity("pipeline", "l2", 0)  # already there: no step
    assert doc.history.index == steps


# ----------------------------------------------------------------- adding things
def test_add_people_teams_pipelines_units(doc: Document) -> None:
    before = dumps(doc.org)
    t = doc.add_team("Evaluation", kind="evaluation", manager="p17", kpi="Eval coverage", index=2)
    assert is_new_id(t, "t", before) and doc.org.team_order[2] == t
    assert doc.undo_label == "Add team Evaluation"
    pl = doc.add_pipeline("Ads ranking", owner="p9", index=0)
    assert is_new_id(pl, "l", before) and doc.org.pipeline_order[0] == pl
    u = doc.add_unit("Research Org", leader="p4", teams=[t])
    assert is_new_id(u, "u", before) and doc.undo_label == "Add org unit Research Org"
    p = doc.add_person(
        "Zed",
        title="ML Engineer",
        level="L4",
        team=t,
        pipeline=pl,
        share=80,
        manager="p17",
        dotted=["p9"],
        fields={"location": "Oslo"},
    )
    assert is_new_id(p, "p", before) and doc.undo_label == "Add Zed"
    assert places(doc, p) == {(t, pl): 80}
    assert doc.org.people[p].fields == {"location": "Oslo"}
    o = doc.add_person(role="open", title="Evaluation Engineer", team=t)
    assert doc.undo_label == "Add open position"
    assert doc.org.people[o].role is Role.OPEN
    for _ in range(5):
        doc.undo()
    assert dumps(doc.org) == before


def is_new_id(id: str, prefix: str, text: str) -> bool:
    """A collision-free new id: the prefix, then 18 digits, not in the file's text before."""
    return re.fullmatch(prefix + r"\d{18}", id) is not None and f'"{id}"' not in text


def test_new_ids_are_unique_across_copies_and_ordered() -> None:
    d = Document(synthetic_org(30, 2))
    copy = Document(synthetic_org(30, 2))
    old = set(d.org.people)
    made = [d.add_person(f"X{i}") for i in range(50)]
    other = [copy.add_person(f"X{i}") for i in range(50)]
    assert not set(made) & set(other) and not set(made) & old
    assert made == sorted(made, key=natural_key)  # later additions sort later in the file
    assert set(d.org.people) - set(made) == old  # old ids are kept
    assert d.add_person("Y", id="custom") == "custom"
    with pytest.raises(EditError, match="already exists"):
        d.add_person("Z", id="custom")
    with pytest.raises(EditError, match="already exists"):
        d.add_team("Z", id="t1")
    with pytest.raises(EditError, match="already exists"):
        d.add_pipeline("Z", id="l1")
    with pytest.raises(EditError, match="already exists"):
        d.add_unit("Z", id="u1")


def test_add_refuses_lines_to_nowhere(doc: Document) -> None:
    for kwargs in ({"team": "t9"}, {"pipeline": "l9"}, {"manager": "p999"}, {"dotted": ["p999"]}):
        with pytest.raises(EditError):
            doc.add_person("X", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(EditError):
        doc.add_person("X", role="wizard")
    with pytest.raises(EditError, match="share"):
        doc.add_person("X", team="t1", pipeline="l1", share=-1)
    with pytest.raises(EditError):
        doc.add_team("X", manager="p999")
    with pytest.raises(EditError):
        doc.add_pipeline("X", owner="p999")
    with pytest.raises(EditError):
        doc.add_unit("X", teams=["t99"])
    assert not doc.can_undo


# ------------------------------------------------------------------ placements
def test_placements_and_shares(doc: Document) -> None:
    before = dumps(doc.org)
    doc.add_placement("p46", "t6", "l4", 30)
    assert doc.undo_label == "Place Diego Sato on Demand forecast"
    with pytest.raises(EditError, match="already in that cell"):
        doc.add_placement("p46", "t6", "l4", 30)
    with pytest.raises(EditError, match="share"):
        doc.add_placement("p46", "t6", "l3", -10)
    doc.set_share("p46", "t6", "l4", 40)
    doc.set_share("p46", "t6", "l4", 45)
    assert doc.undo_label == "Set share of Diego Sato"
    with pytest.raises(EditError, match="0 to 100"):
        doc.set_share("p46", "t6", "l4", 101)
    with pytest.raises(EditError, match="no such placement"):
        doc.set_share("p46", "t6", "l1", 10)
    doc.undo()  # both share edits were one step
    assert places(doc, "p46") == {("t6", "l4"): 30}
    doc.remove_placement("p46", "t6", "l4")
    assert doc.undo_label == "Take Diego Sato off Demand forecast"
    with pytest.raises(EditError):
        doc.remove_placement("p46", "t6", "l4")
    assert dumps(doc.org) == before


# ---------------------------------------------------------------- lines, leads
def test_reporting_lines_and_leads(doc: Document) -> None:
    doc.set_manager("p46", "p27")
    assert doc.undo_label == "Make Jae Kim manager of Diego Sato"
    doc.set_manager("p46", None)
    assert doc.undo_label == "Remove manager of Diego Sato"
    with pytest.raises(EditError, match="own manager"):
        doc.set_manager("p46", "p46")
    doc.set_managers(["p46", "p47", "p48"], "p3")
    assert doc.undo_label == "Set manager of 3 people"
    assert doc.org.direct_reports("p3")[-3:] == ["p46", "p47", "p48"]
    doc.add_dotted("p46", "p45")
    assert doc.undo_label == "Add dotted line Diego Sato to Vera Lopez"
    steps = doc.history.index
    doc.add_dotted("p46", "p45")  # already there
    doc.remove_dotted("p46", "p9")  # not there
    assert doc.history.index == steps
    with pytest.raises(EditError):
        doc.add_dotted("p46", "p46")
    doc.remove_dotted("p46", "p45")
    assert doc.undo_label == "Remove dotted line Diego Sato to Vera Lopez"
    doc.set_tech_lead("team", "t6", "p46")
    assert doc.undo_label == "Make Diego Sato tech lead of Cloud Platform"
    doc.set_tech_lead("team", "t6", None)
    assert doc.undo_label == "Clear tech lead of Cloud Platform"
    with pytest.raises(EditError):
        doc.set_tech_lead("person", "p46", "p45")
    with pytest.raises(EditError):
        doc.set_tech_lead("unit", "u1", "p999")


def test_manager_set_clears_an_unresolved_reference() -> None:
    org = sample_org()
    org.people["p46"].unresolved_manager = "V. Lopez"
    d = Document(org)
    d.set_manager("p46", "p45")
    assert d.org.people["p46"].unresolved_manager is None
    d.undo()
    assert d.org.people["p46"].unresolved_manager == "V. Lopez"


def test_field_edits_are_checked(doc: Document) -> None:
    doc.set_field("person", "p46", "title", "SRE")
    assert doc.undo_label == "Set title of Diego Sato"
    doc.set_fields("person", ["p46", "p47"], "level", "L9")
    assert doc.undo_label == "Set level of 2 people"
    doc.set_field("person", "p46", "role", "manager")
    assert doc.org.people["p46"].role is Role.MANAGER
    doc.set_field("unit", "u1", "teams", ["t1"])
    assert doc.org.units["u1"].teams == ("t1",)
    doc.rename("team", "t6", "Cloud")
    assert doc.undo_label == "Rename Cloud Platform to Cloud"
    bad = [
        ("person", "p46", "id", "p1"),
        ("person", "p46", "nickname", "x"),
        ("person", "p46", "role", "wizard"),
        ("person", "p46", "title", 5),
        ("person", "p46", "manager", "p999"),
        ("person", "p46", "dotted", ["p999"]),
        ("person", "p46", "dotted", "p45"),
        ("person", "p46", "team", "t99"),
        ("person", "p46", "fields", {"a": 1}),
        ("team", "t1", "manager", 7),
        ("unit", "u1", "teams", ["t99"]),
        ("pipeline", "l99", "name", "x"),
        ("robot", "r1", "name", "x"),
    ]
    steps = doc.history.index
    text = dumps(doc.org)
    for kind, id, field, value in bad:
        with pytest.raises(EditError):
            doc.set_field(kind, id, field, value)
    assert doc.history.index == steps and dumps(doc.org) == text


def test_settings_and_org_name(doc: Document) -> None:
    doc.set_setting("max_span", 8)
    assert doc.undo_label == "Change setting max_span" and doc.org.settings == {"max_span": 8}
    steps = doc.history.index
    doc.set_setting("max_span", 8)
    assert doc.history.index == steps
    doc.set_setting("max_span", None)
    assert doc.org.settings == {}
    doc.set_org_name("Southwind ML")
    assert doc.undo_label == "Rename org" and doc.org.name == "Southwind ML"
    doc.undo()
    doc.undo()
    assert doc.org.settings == {"max_span": 8}


def test_unknown_kinds_are_edit_errors(doc: Document) -> None:
    with pytest.raises(EditError, match="unknown kind"):
        doc.set_tech_lead("robot", "r1", None)
    with pytest.raises(EditError, match="no place in an order"):
        doc.move_entity("person", "p1", 0)
    with pytest.raises(EditError, match="unknown kind"):
        doc.rename("robot", "r1", "x")
    assert not doc.can_undo


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("manager", "nobody", "no person with id 'nobody'"),
        ("dotted", ("p6", "nobody"), "no person with id 'nobody'"),
        ("team", "t77", "no team with id 't77'"),
    ],
)
def test_a_raw_change_that_would_make_the_file_unloadable_is_refused(
    field: str, value: object, message: str
) -> None:
    """A line to nobody is refused whole, so the saved file still loads."""
    from orgeditor.io.orgfile import loads
    from orgeditor.model.changes import SetField

    doc = Document(sample_org())
    p = doc.org.people["p19"]
    before = dumps(doc.org)
    rename = SetField("person", "p19", "title", p.title, "Staff ML Engineer")
    dangling = SetField("person", "p19", field, getattr(p, field), value)
    with pytest.raises(EditError, match=message):
        doc.apply_changes("Rewire", [rename, dangling])
    assert dumps(doc.org) == before
    assert not doc.can_undo
    assert dumps(loads(dumps(doc.org))) == before
