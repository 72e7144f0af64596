"""From rows to an org: lines, roles, teams, pipelines, tech leads, problems and bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgeditor.io.errors import OrgFileError
from orgeditor.io.hr.hr_import import import_file, infer_role, infer_team_kind
from orgeditor.model.entities import Role


def csv_file(tmp_path: Path, text: str, name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_manager_by_id_first_then_unique_name(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,manager\n"
        "A1,Ada,\n"
        "B2,A1,Ada\n"  # someone whose *name* is A1; Ada is ambiguous (row 7)
        "C3,Cy,A1\n"  # A1 is an id: Ada, not the person named A1
        "D4,Di,cy\n"  # a name, ignoring case
        "E5,Ed,Nobody\n"
        "F6,Ada,\n"  # a second Ada
        "G7,Gus,Ada\n",  # now ambiguous
    )
    org, report = import_file(path)
    people = org.people
    assert people["B2"].manager is None  # "Ada" names two people: kept unresolved
    assert people["B2"].unresolved_manager == "Ada"
    assert people["C3"].manager == "A1"
    assert people["D4"].manager == "C3"
    assert people["E5"].manager is None and people["E5"].unresolved_manager == "Nobody"
    assert people["G7"].manager is None and people["G7"].unresolved_manager == "Ada"
    assert report.rows("manager-unmatched") == [6]
    assert report.rows("manager-ambiguous") == [3, 8]


def test_dotted_lines_ids_or_names_and_unmatched_kept(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,manager,dotted line managers\n1,Ada,,\n2,Ben,1,\n3,Cy,1,2; Ada ;Ghost\n",
    )
    org, report = import_file(path)
    cy = org.people["3"]
    assert cy.dotted == ("2", "1")
    assert cy.unresolved_dotted == ("Ghost",)
    assert org.dotted_reports("1") == ["3"]
    assert report.rows("dotted-unmatched") == [4]


def test_cycles_are_kept_and_reported(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "id,name,manager\n1,Ada,3\n2,Ben,1\n3,Cy,2\n4,Di,4\n5,Ed,1\n")
    org, report = import_file(path)
    assert org.people["1"].manager == "3"
    assert org.people["4"].manager == "4"
    assert sorted(report.rows("cycle")) == [2, 3, 4, 5]
    assert "reporting cycle" in report.format()


def test_bad_rows_stop_the_import_naming_them(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "id,name,title\n1,Ada,CEO\n1,Ben,CTO\n,,Engineer\n2,Cy,\n")
    with pytest.raises(OrgFileError) as err:
        import_file(path)
    text = str(err.value)
    assert err.value.place == "rows 3, 4"
    assert "row 3: duplicate id '1' (first on row 2)" in text
    assert "row 4: no id and no name" in text
    assert "--skip-bad-rows" in text


def test_bad_rows_skipped_and_listed(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "id,name,title\n1,Ada,CEO\n1,Ben,CTO\n,,Engineer\n2,Cy,\n")
    org, report = import_file(path, skip_bad_rows=True)
    assert list(org.people) == ["1", "2"]
    assert org.people["1"].name == "Ada"  # the first row with the id is kept
    assert report.rows("skipped") == [3, 4]
    assert "skipped rows: 2, rows 3, 4" in report.format()


def test_open_positions_and_trimmed_names(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,title,role,manager\n"
        "1,  Ada Lovelace  ,Director of ML,,\n"
        "2,,ML Engineer,,1\n"
        ",,Data Engineer,open,1\n"
        "4,TBH,Labeling Lead,,1\n",
    )
    org, report = import_file(path)
    ada, open1, open2, tbh = org.people.values()
    assert ada.name == "Ada Lovelace"
    assert open1.role is Role.OPEN and open1.name == "" and open1.manager == "1"
    assert open2.role is Role.OPEN and open2.title == "Data Engineer" and open2.id == "p1"
    assert tbh.role is Role.OPEN
    assert report.rows("open-no-name") == [3]


def test_roles_given_inferred_and_from_reports(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,title,role,manager\n"
        "1,Vi,VP of Machine Learning,,\n"
        "2,Di,Head of Modeling,,1\n"
        "3,Pam,ML Product Manager,,1\n"
        "4,Max,Engineering Manager,,2\n"
        "5,Sam,Staff Engineer,,4\n"
        "6,Tia,Engineer,,5\n"
        "7,Ugo,Engineer,Manager,2\n"
        "8,Val,Engineer,wizard,2\n"
        "9,Wes,Chief Scientist,ic,1\n",
    )
    org, report = import_file(path)
    roles = {p.name: p.role for p in org.people.values()}
    assert roles == {
        "Vi": Role.VP,
        "Di": Role.DIRECTOR,
        "Pam": Role.PM,
        "Max": Role.MANAGER,
        "Sam": Role.MANAGER,  # an ic with a report is a manager
        "Tia": Role.IC,
        "Ugo": Role.MANAGER,
        "Val": Role.IC,
        "Wes": Role.IC,  # given roles win over titles
    }
    assert report.rows("role-unknown") == [9]
    assert org.people["8"].fields == {"role": "wizard"}


def test_infer_role_and_team_kind() -> None:
    assert infer_role("Chief Technology Officer") is Role.VP
    assert infer_role("CTO ") is Role.VP
    assert infer_role("Senior Vice President") is Role.VP
    assert infer_role("Director, Applied Science") is Role.DIRECTOR
    assert infer_role("Product Owner") is Role.PM
    assert infer_role("Supervisor") is Role.MANAGER
    assert infer_role("Programmer") is Role.IC
    assert infer_role("", "Vacant") is Role.OPEN
    kinds = {
        "Data Operations": "data-operations",
        "Labeling": "data-operations",
        "Modeling": "modeling",
        "Applied Science": "modeling",
        "ML Platform": "infrastructure",
        "Infrastructure": "infrastructure",
        "Tooling": "tooling",
        "Deployment": "deployment",
        "Model Serving": "deployment",
        "MLOps": "deployment",
        "Sales": "",
        "IT": "",
    }
    assert {name: infer_team_kind(name) for name in kinds} == kinds


def test_teams_units_and_managers(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,title,manager,team,org unit,team kind\n"
        "1,Vi,VP of ML,,,ML Org,\n"
        "2,Mo,Modeling Manager,1,Modeling,ML Org,\n"
        "3,Ann,ML Engineer,2,Modeling,ML Org,\n"
        "4,Lu,Labeling Manager,1,Labeling,ML Org,\n"
        "5,Eve,Evaluator,4,Eval,ML Org,evaluation\n"
        "6,Ola,Evaluator,4,Eval,Research Org,Evaluation\n"
        "7,Xu,Data Operations Specialist,4,Labeling,ML Org,\n",
    )
    org, report = import_file(path)
    teams = {t.name: t for t in org.ordered_teams()}
    assert list(teams) == ["Modeling", "Labeling", "Eval"]
    assert teams["Modeling"].kind == "modeling"
    assert teams["Labeling"].kind == "data-operations"
    assert teams["Eval"].kind == "evaluation"
    assert teams["Modeling"].manager == "2"
    assert teams["Labeling"].manager == "4"
    # both evaluators report to Lu, outside Eval: Lu leads it (and stays Labeling's manager)
    assert teams["Eval"].manager == "4"
    assert report.problems["led-from-outside"] == [(5, "Eval: Lu (Labeling Manager)")]
    units = {u.name: u for u in org.ordered_units()}
    ml = units["ML Org"]
    assert ml.teams == tuple(t.id for t in teams.values())
    assert ml.leader == "1"  # the common manager of the team managers
    assert report.rows("unit-conflict") == [7]
    assert report.rows("kind-conflict") == [7]
    assert report.rows("unit-without-team") == [2]
    assert org.people["1"].fields == {"org unit": "ML Org"}
    assert org.people["1"].team is None


def test_pipelines_shares_owners_and_allocation(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,title,team,pipelines\n"
        "1,Pam,ML Product Manager,,Feed ranking; Fraud scoring\n"
        "2,Pat,Product Manager,,Feed ranking\n"
        "3,Ann,ML Engineer,Modeling,Feed ranking:60%; Fraud scoring\n"
        "4,Bo,ML Engineer,Modeling,Feed ranking:80%;Fraud scoring:50 %\n"
        "5,Cy,ML Engineer,Modeling,Speech: v2; Speech: v2\n"
        "6,Di,ML Engineer,Modeling,Search:33.4%;Ads;Maps\n",
    )
    org, report = import_file(path)
    pipes = {pl.name: pl for pl in org.ordered_pipelines()}
    assert list(pipes) == ["Feed ranking", "Fraud scoring", "Speech: v2", "Search", "Ads", "Maps"]
    assert pipes["Feed ranking"].owner == "1"
    assert pipes["Fraud scoring"].owner == "1"
    assert report.rows("second-pm") == [3]
    team = org.people["3"].team
    assert org.share("3", team, pipes["Feed ranking"].id) == 60
    assert org.share("3", team, pipes["Fraud scoring"].id) == 40
    assert org.total_share("4") == 130
    assert report.rows("over-allocated") == [5]
    assert org.total_share("5") == 100
    assert report.rows("pipeline-repeated") == [6]
    assert [pl.share for pl in org.placements("6")] == [33, 33, 33]
    # PMs without a team sit in the "no team" column of their pipelines
    assert org.cell_ids(None, pipes["Feed ranking"].id) == ["1", "2"]


def test_tech_leads(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,team,pipelines,tech lead of\n"
        "1,Ann,Modeling,Feed,Modeling; Feed\n"
        "2,Bo,Modeling,Feed,Modeling\n"
        "3,Cy,Tooling,Feed,Nowhere\n",
    )
    org, report = import_file(path)
    modeling = org.find_by_name("team", "Modeling")
    assert modeling.tech_lead == "1"
    assert org.find_by_name("pipeline", "Feed").tech_lead == "1"
    assert report.rows("tech-lead-taken") == [3]
    assert report.rows("tech-lead-unknown") == [4]
    assert org.people["3"].fields == {"tech lead of": "Nowhere"}


def test_custom_fields_keep_every_other_column(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,level,email,location,start date,photo url,favourite colour\n"
        "1,Ada,L7,ada@example.com,London,2020-01-02,https://x/a.png, teal \n"
        "2,Ben,,,,,,\n",
    )
    org, report = import_file(path)
    ada = org.people["1"]
    assert ada.level == "L7"
    assert ada.fields == {
        # HR facts under their own names; e-mail is sensitive and left out by default
        "location": "London",
        "start_date": "2020-01-02",
        "photo": "https://x/a.png",
        "favourite colour": " teal ",  # custom values are kept exactly
    }
    assert org.people["2"].fields == {}
    assert report.custom_columns == ["favourite colour"]
    assert report.sensitive_dropped == [("email", "e-mail")]


def test_file_without_ids_gets_ids_and_names_as_managers(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Name;Reports To;Department\nAda;;ML\nBen;Ada;ML\n")
    org, _ = import_file(path)
    assert list(org.people) == ["p1", "p2"]
    assert org.people["p2"].manager == "p1"


def test_no_id_and_no_name_column(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Emp,Who\ne1,Ada\n")
    with pytest.raises(OrgFileError, match=r"no column is read as the id or the name.*Emp, Who"):
        import_file(path)
    org, _ = import_file(path, {"name": "Who"})
    assert [p.name for p in org.people.values()] == ["Ada"]


def test_every_conflicting_row_is_listed(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,team,team kind,org unit\n"
        "1,A,Eval,evaluation,ML\n"
        "2,B,Eval,modeling,Research\n"
        "3,C,Eval,modeling,Research\n"
        "4,D,Eval,evaluation,ML\n",
    )
    _, report = import_file(path)
    assert report.rows("kind-conflict") == [3, 4]
    assert report.rows("unit-conflict") == [3, 4]


def test_owner_of_is_authoritative_and_creates_empty_pipelines(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "id,name,title,pipelines,owner of\n"
        "1,Pam,Product Manager,Feed,\n"
        "2,Dir,Director of ML,,Feed; Roadmap\n"
        "3,Pat,Product Manager,,Roadmap\n",
    )
    org, report = import_file(path)
    pipes = {pl.name: pl for pl in org.ordered_pipelines()}
    assert pipes["Feed"].owner == "2"  # the column says so; the PM keeps a placement
    assert pipes["Roadmap"].owner == "2" and org.pipeline_people(pipes["Roadmap"].id) == []
    assert report.rows("owner-taken") == [4]
    # with an owner-of column, PMs own only what it says
    path2 = csv_file(
        tmp_path, "id,name,title,pipelines,owns\n1,Pam,PM,Feed,\n2,Ola,PM,Feed,Feed\n", "b.csv"
    )
    org2, _ = import_file(path2)
    assert org2.ordered_pipelines()[0].owner == "2"
    # an empty owner-of column counts as absent: the PM owns her pipeline (issue 12, 6)
    path3 = csv_file(tmp_path, "id,name,title,pipelines,owns\n1,Pam,PM,Feed,\n", "c.csv")
    org3, report3 = import_file(path3)
    assert org3.ordered_pipelines()[0].owner == "1"
    assert report3.empty_columns == ["owns"]
