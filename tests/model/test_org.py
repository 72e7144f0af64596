"""The Org: cells of the matrix, reporting lines, the lazy networkx graph, guards."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.model.entities import OrgUnit, Person, Pipeline, Placement, Team
from orgeditor.model.org import Org
from orgeditor.samples import sample_org

ROOT = Path(__file__).resolve().parents[2]


def small_org() -> Org:
    """Two teams, two pipelines; Ada manages Bo and Cy; Cy has a dotted line to Di."""
    org = Org("Small")
    org._add_team(Team("t1", "Modeling", kind="modeling", manager="p1"))
    org._add_team(Team("t2", "Tooling", kind="tooling"))
    org._add_pipeline(Pipeline("l1", "Feed", owner="p4"))
    org._add_pipeline(Pipeline("l2", "Fraud"))
    org._add_person(Person("p1", "Ada", team="t1"))
    org._add_person(Person("p2", "Bo", team="t1", manager="p1"))
    org._add_person(Person("p3", "Cy", team="t2", manager="p1", dotted=("p4",)))
    org._add_person(Person("p4", "Di"))
    org._add_placement(Placement("p2", "t1", "l1", 60))
    org._add_placement(Placement("p2", "t1", "l2", 40))
    org._add_placement(Placement("p3", "t2", "l1"))
    org._add_placement(Placement("p4", None, "l1"))
    return org


def test_cells_of_the_matrix() -> None:
    org = small_org()
    assert org.cell_ids("t1", "l1") == ["p2"]
    assert org.cell_ids("t1", "l2") == ["p2"]
    assert org.cell_ids("t2", "l1") == ["p3"]
    # people with no placement sit in their own team's "no pipeline" row
    assert [p.name for p in org.cell_people("t1", None)] == ["Ada"]
    # the "no team" column
    assert org.cell_ids(None, "l1") == ["p4"]
    assert org.cells_of("p2") == [("t1", "l1"), ("t1", "l2")]
    assert org.cells_of("p1") == [("t1", None)]
    assert set(org.occupied_cells()) == {
        ("t1", "l1"),
        ("t1", "l2"),
        ("t2", "l1"),
        ("t1", None),
        (None, "l1"),
    }
    assert org.share("p2", "t1", "l1") == 60
    assert org.share("p2", "t2", "l1") is None
    assert org.total_share("p2") == 100
    assert org.total_share("p1") == 0
    assert [p.id for p in org.pipeline_people("l1")] == ["p2", "p3", "p4"]
    assert [p.id for p in org.team_members("t1")] == ["p1", "p2"]
    assert [p.id for p in org.team_members(None)] == ["p4"]


def test_placing_and_unplacing_moves_between_rows() -> None:
    org = small_org()
    org._add_placement(Placement("p1", "t1", "l2", 100))
    assert org.cell_ids("t1", None) == []
    assert org.cell_ids("t1", "l2") == ["p2", "p1"]
    assert org._remove_placement("p1", "t1", "l2") == 100
    assert org.cell_ids("t1", None) == ["p1"]
    assert ("t1", "l2") in org._cells
    with pytest.raises(ValueError, match="already placed"):
        org._add_placement(Placement("p2", "t1", "l1", 10))


def test_team_change_of_unplaced_person_moves_their_card() -> None:
    org = small_org()
    org._set_field("person", "p1", "team", "t2")
    assert org.cell_ids("t2", None) == ["p1"]
    assert ("t1", None) not in org._cells


def test_reporting_lines() -> None:
    org = small_org()
    assert org.direct_reports("p1") == ["p2", "p3"]
    assert org.dotted_reports("p4") == ["p3"]
    assert org.direct_reports("p2") == []
    assert org.manager_chain("p2") == ["p1"]
    assert org.roots() == ["p1", "p4"]
    org._set_field("person", "p1", "manager", "p2")  # a cycle: held as it is
    assert org.manager_chain("p2") == ["p1"]
    assert org.manager_chain("p1") == ["p2"]
    assert org.roots() == ["p4"]


def test_references_and_lookups() -> None:
    org = small_org()
    org._add_unit(OrgUnit("u1", "ML Org", leader="p1", teams=("t1",), tech_lead="p2"))
    org._set_field("team", "t2", "tech_lead", "p1")
    assert sorted(org.references_to("p1")) == [
        ("person", "p2", "manager"),
        ("person", "p3", "manager"),
        ("team", "t1", "manager"),
        ("team", "t2", "tech_lead"),
        ("unit", "u1", "leader"),
    ]
    assert org.references_to("p4") == [("person", "p3", "dotted"), ("pipeline", "l1", "owner")]
    assert org.tech_lead_roles("p2") == [("unit", "u1")]
    assert org.find_person("p3") is org.people["p3"]
    assert org.find_person("Di") is org.people["p4"]
    assert org.find_person("Nobody") is None
    org._add_person(Person("p5", "Di"))
    assert org.find_person("Di") is None  # ambiguous
    assert org.find_by_name("team", "Tooling") is org.teams["t2"]
    assert org.find_by_name("pipeline", "Nope") is None
    assert org.entity("unit", "u1").name == "ML Org"
    assert org.has("pipeline", "l2") and not org.has("pipeline", "l9")
    with pytest.raises(KeyError):
        org.entity("robot", "r1")
    with pytest.raises(KeyError):
        org.order_of("person")
    assert repr(org) == "<Org 'Small': 5 people, 2 teams, 2 pipelines>"


def test_order_of_teams_and_pipelines() -> None:
    org = small_org()
    org._add_team(Team("t3", "Data Ops"), index=0)
    assert [t.id for t in org.ordered_teams()] == ["t3", "t1", "t2"]
    assert org._move_ordered("team", "t3", 2) == 0
    assert org.team_order == ["t1", "t2", "t3"]
    assert [p.id for p in org.ordered_pipelines()] == ["l1", "l2"]
    with pytest.raises(ValueError, match="duplicate"):
        org._add_pipeline(Pipeline("l1", "Again"))


def test_guards_against_dangling_data() -> None:
    org = small_org()
    with pytest.raises(ValueError, match="duplicate person"):
        org._add_person(Person("p1", "Again"))
    with pytest.raises(ValueError, match="placements"):
        org._remove_person("p2")
    with pytest.raises(ValueError, match="reports"):
        org._remove_person("p1")
    with pytest.raises(ValueError, match="still has people"):
        org._remove_ordered("team", "t1")
    with pytest.raises(ValueError, match="still has people"):
        org._remove_ordered("pipeline", "l1")
    org._add_team(Team("t9", "Empty"))
    assert org._remove_ordered("team", "t9")[1] == 2


def test_graph_is_built_lazily_and_kept_current() -> None:
    org = small_org()
    assert org._graph is None
    g = org.graph
    assert set(g.edges(keys=True)) == {
        ("p1", "p2", "solid"),
        ("p1", "p3", "solid"),
        ("p4", "p3", "dotted"),
    }
    org._set_field("person", "p3", "manager", "p2")
    org._set_field("person", "p3", "dotted", ())
    org._add_person(Person("p9", "Ed", manager="p3", dotted=("p1",)))
    assert set(org.graph.edges(keys=True)) == {
        ("p1", "p2", "solid"),
        ("p2", "p3", "solid"),
        ("p3", "p9", "solid"),
        ("p1", "p9", "dotted"),
    }
    org._set_field("person", "p9", "manager", None)
    org._set_field("person", "p9", "dotted", ())
    org._remove_person("p9")
    assert "p9" not in org.graph
    assert org.graph is g


def test_sample_graph_matches_indexes() -> None:
    org = sample_org()
    solid = {(m, r) for m, rs in org._reports.items() for r in rs}
    assert {(u, v) for u, v, k in org.graph.edges(keys=True) if k == "solid"} == solid
    assert len(org.graph) == len(org.people) == 48


def test_loading_an_org_does_not_import_networkx() -> None:
    code = (
        "import sys\n"
        "from orgeditor.samples import sample_org\n"
        "org = sample_org()\n"
        "org.direct_reports('p2'); org.cell_people('t1', 'l1')\n"
        "print('networkx' in sys.modules)\n"
        "org.graph\n"
        "print('networkx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True"]


def test_reporting_cycles_finds_each_loop_once() -> None:
    from orgeditor.model.entities import Person
    from orgeditor.model.org import Org

    org = Org()
    # a -> b -> c -> a is a loop; d reports into it; e and f are a clean tree.
    for pid, manager in (("a", "c"), ("b", "a"), ("c", "b"), ("d", "a"), ("e", None), ("f", "e")):
        org._add_person(Person(pid, pid.upper(), manager=manager))
    loops = org.reporting_cycles()
    assert len(loops) == 1
    assert sorted(loops[0]) == ["a", "b", "c"]


def test_reporting_cycles_empty_for_a_forest() -> None:
    from orgeditor.samples import sample_org

    assert sample_org().reporting_cycles() == []
