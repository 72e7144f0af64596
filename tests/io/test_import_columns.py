"""Column recognition: every synonym group, precedence, names, and --map overrides."""

from __future__ import annotations

import pytest

from orgeditor.errors import UserError
from orgeditor.io.hr.columns import (
    SYNONYMS,
    apply_overrides,
    detect_mapping,
    normalise,
    parse_map_options,
)


def test_normalise_ignores_case_spaces_underscores_dashes() -> None:
    for header in ("Employee ID", "employee_id", "employeeId", "EMPLOYEE-ID", " employee id "):
        assert normalise(header) == "employeeid"


@pytest.mark.parametrize(
    ("field", "synonym"), [(f, s) for f, syns in SYNONYMS.items() for s in syns]
)
def test_every_synonym_is_recognised(field: str, synonym: str) -> None:
    # written as HR systems write them: Title Case, snake_case and camelCase
    words = synonym.split()
    for header in (
        synonym.title(),
        "_".join(words),
        words[0] + "".join(w.title() for w in words[1:]),
    ):
        assert detect_mapping(["Unrelated", header]).get(field) == 1, header


def test_the_issue_synonym_groups() -> None:
    header = [
        "Worker ID",
        "Display Name",
        "Job",
        "Line Manager",
        "Function",
        "Division",
        "Type",
        "Projects",
        "Matrix Manager",
        "Tech Lead For",
        "Level",
        "Email",
        "Location",
        "Start Date",
        "Photo URL",
    ]
    m = detect_mapping(header)
    assert {f: header[c] for f, c in m.items()} == {
        "id": "Worker ID",
        "name": "Display Name",
        "title": "Job",
        "manager": "Line Manager",
        "team": "Function",
        "org_unit": "Division",
        "role": "Type",
        "pipelines": "Projects",
        "dotted": "Matrix Manager",
        "tech_lead_of": "Tech Lead For",
        "level": "Level",
        "location": "Location",
        "start_date": "Start Date",
        "photo": "Photo URL",
    }
    # an empty column counts as absent
    rows = [["1", "Ada", "Engineer", "", "Modeling", "ML", "ic", "", "", "", "L4", "", "", "", ""]]
    m = detect_mapping(header, rows)
    assert set(m) == {"id", "name", "title", "team", "org_unit", "role", "level"}


def test_precedence_when_several_columns_match() -> None:
    header = ["Department", "Department Name", "Manager Name", "Manager ID", "Position", "Title"]
    m = detect_mapping(header)
    assert header[m["team"]] == "Department Name"
    assert header[m["manager"]] == "Manager ID"  # ids before names
    assert header[m["title"]] == "Title"


def test_department_id_is_not_a_team() -> None:
    m = detect_mapping(["id", "department_id", "department_name"])
    assert m["team"] == 2
    assert 1 not in m.values()


def test_oracle_name_plus_last_name_is_first_plus_last() -> None:
    m = detect_mapping(["id", "parentId", "name", "lastName", "position"])
    assert m == {"id": 0, "manager": 1, "first_name": 2, "last_name": 3, "title": 4}


def test_first_and_last_name() -> None:
    m = detect_mapping(["First Name", "Surname", "Job Title"])
    assert m == {"first_name": 0, "last_name": 1, "title": 2}


def test_full_name_wins_over_first_and_last() -> None:
    m = detect_mapping(["Full Name", "First Name", "Last Name"])
    assert m == {"name": 0}


def test_a_role_column_of_job_titles_is_the_title() -> None:
    rows = [["Senior Engineer"], ["Data Scientist"], ["manager"]]
    assert detect_mapping(["Role"], rows) == {"title": 0}
    # with a title column, a "type" of other words is just a custom field
    rows2 = [["Engineer", "Full-time"], ["Scientist", "Contractor"]]
    assert detect_mapping(["Title", "Type"], rows2) == {"title": 0}
    rows3 = [["Engineer", "ic"], ["Boss", "Manager"], ["", "open"]]
    assert detect_mapping(["Title", "Type"], rows3) == {"title": 0, "role": 1}


def test_parse_map_options() -> None:
    assert parse_map_options(["team=Cost Centre", "org-unit=BU", "dotted=", "Unit=Division"]) == {
        "team": "Cost Centre",
        "org_unit": "Division",
        "dotted": "",
    }
    with pytest.raises(UserError, match="unknown field 'colour'"):
        parse_map_options(["colour=Fav"])
    with pytest.raises(UserError, match="FIELD=COLUMN"):
        parse_map_options(["team"])


def test_apply_overrides() -> None:
    header = ["Emp No", "Name", "Cost Centre", "Boss", "Department"]
    m = detect_mapping(header)
    assert header[m["team"]] == "Department"
    m2 = apply_overrides(m, header, {"team": "cost centre", "manager": "Boss"})
    assert header[m2["team"]] == "Cost Centre"
    assert header[m2["manager"]] == "Boss"
    assert apply_overrides(m, header, {"team": ""}).get("team") is None
    # a column moves from the field that had it
    m3 = apply_overrides(m, header, {"title": "Department"})
    assert "team" not in m3 and m3["title"] == 4
    with pytest.raises(UserError, match=r"no column 'Dept' in hr\.csv"):
        apply_overrides(m, header, {"team": "Dept"}, "hr.csv")


def test_overriding_name_drops_detected_first_and_last() -> None:
    header = ["id", "name", "lastName", "Preferred"]
    m = apply_overrides(detect_mapping(header), header, {"name": "Preferred"})
    assert m == {"id": 0, "name": 3}
    m2 = apply_overrides(
        detect_mapping(["Full Name", "Given", "Family Name"]),
        ["Full Name", "Given", "Family Name"],
        {"first_name": "Given"},
    )
    assert m2 == {"first_name": 1}


def test_docs_list_every_synonym() -> None:
    """docs/import.md's table of synonyms says what the code does."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text("utf-8")
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] in SYNONYMS:
            table[cells[0]] = [s.strip() for s in cells[1].split(",")]
    assert table == {f: list(s) for f, s in SYNONYMS.items()}
