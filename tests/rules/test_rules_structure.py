"""Rules on reporting lines and leadership: each fires on a case and not on its near miss."""

from __future__ import annotations

from rules_helpers import force, healthy, run, subject_ids

from orgeditor.model.rules import check


def test_healthy_org_has_no_findings() -> None:
    assert check(healthy().org) == []


# ------------------------------------------------------------------ reporting-cycle
def test_reporting_cycle_fires_on_a_loop() -> None:
    org = healthy().org
    force(org, "person", "head", "manager", "mgr_m")  # head -> mgr_m -> head
    [f] = run(org, "reporting-cycle")
    assert f.severity == "error"
    assert set(subject_ids(f)) == {("person", "head"), ("person", "mgr_m")}
    assert "→" in f.message and "accountable" in f.message


def test_reporting_cycle_near_miss_long_chain() -> None:
    doc = healthy()
    doc.set_manager("mgr_m", "mgr_d")  # deeper, but still a tree
    doc.set_manager("m1", "d1")
    assert run(doc.org, "reporting-cycle") == []


def test_reporting_cycle_self_manager() -> None:
    org = healthy().org
    force(org, "person", "d1", "manager", "d1")
    [f] = run(org, "reporting-cycle")
    assert subject_ids(f) == [("person", "d1")]


# ------------------------------------------------------------------ multiple-managers
def test_multiple_managers_two_solid_managers_from_import() -> None:
    org = healthy().org
    force(org, "person", "d1", "unresolved_manager", "Bob Other")
    [f] = run(org, "multiple-managers")
    assert f.severity == "error"
    assert ("person", "d1") in subject_ids(f)
    assert "Bob Other" in f.message


def test_multiple_managers_team_manager_outside_chain() -> None:
    doc = healthy()
    doc.set_manager("d1", "mgr_m")  # in Data Operations, reports to the Modeling manager
    [f] = run(doc.org, "multiple-managers")
    assert f.severity == "warning"
    assert {("person", "d1"), ("team", "data"), ("person", "mgr_d"), ("person", "mgr_m")} == set(
        subject_ids(f)
    )


def test_multiple_managers_near_miss_lead_under_team_manager() -> None:
    doc = healthy()
    doc.set_manager("d2", "d1")  # d1 leads d2, d1 reports to the team manager
    assert run(doc.org, "multiple-managers") == []


def test_multiple_managers_near_miss_lead_under_team_manager_deeper() -> None:
    doc = healthy()
    doc.set_manager("d2", "d1")
    doc.add_person("Deep", team="data", manager="d2")  # two levels below the team manager
    assert run(doc.org, "multiple-managers") == []


# ------------------------------------------------------------------ dangling-line
def test_dangling_line_unresolved_manager_and_dotted() -> None:
    org = healthy().org
    force(org, "person", "d1", "manager", None)
    force(org, "person", "d1", "unresolved_manager", "Ghost Boss")
    force(org, "person", "m1", "unresolved_dotted", ("Phantom PM",))
    found = run(org, "dangling-line")
    assert [f.severity for f in found] == ["error", "error"]
    assert {subject_ids(f)[0] for f in found} == {("person", "d1"), ("person", "m1")}
    assert any("Ghost Boss" in f.message for f in found)
    assert any("Phantom PM" in f.message for f in found)


def test_dangling_line_near_miss_real_dotted_line() -> None:
    doc = healthy()
    doc.add_dotted("m1", "pm")
    assert run(doc.org, "dangling-line") == []


# ------------------------------------------------------------------ span-of-control
def _add_reports(doc, manager: str, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        doc.add_person(f"Report {manager} {i}", team="model", manager=manager)


def test_span_of_control_more_than_eight() -> None:
    doc = healthy()
    _add_reports(doc, "mgr_m", 7)  # 2 + 7 = 9
    doc.add_dotted("d1", "mgr_m")
    [f] = run(doc.org, "span-of-control")
    assert f.severity == "warning"
    assert subject_ids(f) == [("person", "mgr_m")]
    assert "9 direct solid reports" in f.message and "1 dotted-line report" in f.message


def test_span_of_control_near_miss_eight() -> None:
    doc = healthy()
    _add_reports(doc, "mgr_m", 6)  # 8
    assert run(doc.org, "span-of-control") == []


def test_span_of_control_manager_of_one_and_threshold() -> None:
    doc = healthy()
    doc.add_person("Third", team="data", pipeline="l1", manager="mgr_d", id="d3")
    doc.set_manager("d2", "d1")
    [f] = run(doc.org, "span-of-control")
    assert f.severity == "info" and subject_ids(f) == [("person", "d1"), ("person", "d2")]
    assert run(doc.org, "span-of-control", flag_single=False) == []
    _add_reports(doc, "mgr_m", 7)
    assert [x.subjects[0].id for x in run(doc.org, "span-of-control", max_reports=9)] == ["d1"]


# ------------------------------------------------------------------ one-leadership
def _split(doc, ml_infra_under: str) -> None:  # type: ignore[no-untyped-def]
    doc.add_person("Carla Ceo", title="CEO", role="vp", id="ceo")
    doc.set_manager("head", "ceo")
    doc.add_person("Vic Infra", title="VP of Infrastructure", role="vp", manager="ceo", id="vp")
    doc.add_person("Cloud Lead", title="Manager", role="manager", manager="vp", id="mgr_c")
    doc.add_team("Cloud Platform", kind="platform", manager="mgr_c", id="cloud")
    for i in range(2):
        doc.add_person(f"SRE {i}", team="cloud", manager="mgr_c")
    doc.add_person("Ian Infra", title="Manager", role="manager", manager=ml_infra_under, id="mgr_i")
    doc.add_team("ML Infrastructure", kind="infrastructure", manager="mgr_i", id="infra")
    doc.add_person("Feat Store", team="infra", pipeline="l1", manager="mgr_i", id="i1")


def test_one_leadership_ml_infra_under_general_vp() -> None:
    doc = healthy()
    _split(doc, "vp")
    [f] = run(doc.org, "one-leadership")
    assert f.severity == "warning"
    assert subject_ids(f)[:2] == [("team", "infra"), ("person", "vp")]
    assert "Hana Head" in f.message  # the ML leader is named


def test_one_leadership_near_miss_ml_infra_under_ml_leader() -> None:
    doc = healthy()
    _split(doc, "head")  # Cloud stays under the VP, ML Infrastructure moves under ML
    assert run(doc.org, "one-leadership") == []


def test_one_leadership_near_miss_common_leader_runs_only_ml() -> None:
    doc = healthy()
    _split(doc, "vp")
    doc.set_manager("mgr_c", "ceo")
    doc.set_field("team", "cloud", "manager", None)
    doc.remove_people(["mgr_c"] + [p for p in doc.org.people if p.startswith("p")])
    doc.remove_team("cloud")
    # the CEO is the lowest common leader of the ML teams and runs nothing else, but the
    # company head is never the ML leader: ML Infrastructure sits outside Hana Head's org
    [f] = run(doc.org, "one-leadership")
    assert subject_ids(f) == [
        ("team", "infra"),
        ("person", "vp"),
        ("person", "head"),
        ("person", "mgr_i"),
    ]
    # below a company head, a common leader who runs only ML teams is the ML leader
    doc.add_person("Top", title="Chief Executive Officer", role="vp", id="top")
    doc.set_manager("ceo", "top")
    doc.set_field("person", "ceo", "title", "SVP Engineering")
    assert run(doc.org, "one-leadership") == []
