"""One vocabulary: the grid's badge, the export's card, the import and the rules read titles
the same way."""

from __future__ import annotations

import pytest

from orgeditor.export.cards import card_text
from orgeditor.io.hr.import_values import infer_role
from orgeditor.model.entities import Person, Role
from orgeditor.model.org import Org
from orgeditor.model.vocabulary import (
    is_company_head,
    is_leader,
    is_own_staff,
    is_pm,
    title_role,
    track,
)

#: title -> (track, PM, leader)
CORPUS: dict[str, tuple[str | None, bool, bool]] = {
    "Staff ML Engineer": ("staff", False, False),
    "Staff Software Engineer": ("staff", False, False),
    "Principal Engineer": ("principal", False, False),
    "Principal Research Scientist": ("principal", False, False),
    "Principal Data Scientist": ("principal", False, False),
    "Staffing Coordinator": (None, False, False),
    "Chief of Staff": (None, False, False),
    "Member of Technical Staff": (None, False, False),
    "Staff Accountant": (None, False, False),
    "Principal Accountant": (None, False, False),
    "Principal Counsel": (None, False, False),
    "Principal Product Marketing Manager": (None, False, False),
    "Principal Engineering Manager": (None, False, False),
    "Staff Product Manager": (None, True, False),
    "Principal Product Manager": (None, True, False),
    "Group Product Manager": (None, True, False),
    "ML Product Manager": (None, True, False),
    "Product Marketing Manager": (None, False, False),
    "General Counsel": (None, False, True),
    "General Manager, EMEA": (None, False, True),
    "Chief Technology Officer": (None, False, True),
    "CTO": (None, False, True),
    "VP of Infrastructure": (None, False, True),
    "Director of Machine Learning": (None, False, True),
    "Head of Data Operations": (None, False, True),
    "Executive Assistant to the CEO": (None, False, False),
    "Modeling Manager": (None, False, False),
    "ML Engineer": (None, False, False),
}


def _person(title: str, role: Role | None = None) -> Person:
    """A person with ``title``; their role is the import's reading of it unless given."""
    return Person("p", "Pat Doe", title=title, role=infer_role(title) if role is None else role)


def _grid_badges(person: Person) -> tuple[str | None, bool]:
    """The grid's reading of a card: (track badge, PM badge)."""
    from orgeditor.ui.grid.items import role_badges

    badges = role_badges(person, False)
    tr = next((b.lower() for b in badges if b in ("Principal", "Staff")), None)
    return tr, "PM" in badges


def _card_badges(person: Person) -> tuple[str | None, bool]:
    """The export card's reading: (track badge, PM badge)."""
    org = Org()
    org._add_person(person)
    text = card_text(org, person.id, {})
    tr = None
    for line in text.badges:
        for name in ("principal", "staff"):
            if line.lower().startswith(f"\u2605 {name} engineer"):
                tr = name
    return tr, any(line.startswith("\u25c6 Product manager") for line in text.badges)


@pytest.mark.parametrize("role", [None, Role.IC], ids=["inferred-role", "role-ic"])
@pytest.mark.parametrize("title", sorted(CORPUS))
def test_badge_card_and_rules_agree(title: str, role: Role | None) -> None:
    """Whatever the role says, the title is read the same by the grid, the export, the rules
    (a "Group Product Manager" entered as an IC is a PM on the grid and on the page)."""
    want_track, want_pm, want_leader = CORPUS[title]
    p = _person(title, role)
    assert track(p) == want_track
    assert is_pm(p) is want_pm
    assert is_leader(p) is want_leader
    assert _grid_badges(p) == _card_badges(p) == (want_track, want_pm)
    if role is None:  # the import's role agrees with the rules' reading
        assert (p.role is Role.PM) is want_pm
        assert p.role.is_leader is want_leader


def test_track_field_only_for_engineers() -> None:
    eng = Person("a", "A", title="Software Engineer", fields={"track": "Staff"})
    acct = Person("b", "B", title="Accountant", fields={"track": "Principal"})
    pm = Person("c", "C", title="Product Manager", role=Role.PM, fields={"track": "Staff"})
    assert (track(eng), track(acct), track(pm)) == ("staff", None, None)
    assert track(Person("d", "", title="Staff ML Engineer", role=Role.OPEN)) is None


def test_own_staff_and_company_head() -> None:
    assert is_own_staff(_person("Chief of Staff")) and is_own_staff(_person("Principal Engineer"))
    assert not is_own_staff(_person("ML Engineer"))
    assert is_company_head(_person("CEO")) and is_company_head(_person("CTO"))
    assert is_company_head(_person("Co-founder & CEO"))
    assert not is_company_head(_person("VP of Machine Learning"))
    assert not is_company_head(_person("Vice President, Sales"))
    assert not is_company_head(_person("Director of Machine Learning"))
    assert title_role("Chief of Staff") is Role.IC


def test_ml_kinds_from_the_settings() -> None:
    from orgeditor.model.kinds import is_ml_kind

    assert is_ml_kind("modeling", {}) and not is_ml_kind("evaluation", {})
    assert is_ml_kind("evaluation", {"ml_team_kinds": ["evaluation"]})
    assert not is_ml_kind("", {})


def test_a_bad_ml_kinds_setting_is_a_user_error() -> None:
    from orgeditor.model.rules import RuleConfigError, config_for

    org = Org()
    org.settings["ml_team_kinds"] = {"evaluation": "yes"}
    with pytest.raises(RuleConfigError) as e:
        config_for(org)
    assert str(e.value).startswith("settings.ml_team_kinds: expected a list of team kinds")


def test_a_user_kind_marked_ml_makes_its_team_an_ml_team() -> None:
    from tests.rules.rules_helpers import healthy, run

    doc = healthy()
    doc.add_person("Eve Val", title="Evaluation Manager", role="manager", manager="head", id="e")
    doc.add_team("Evaluation", kind="evaluation", manager="e", id="eval")
    for i in range(6):
        doc.add_person(f"Evaluator {i}", title="ML Engineer", team="eval", manager="e")
    assert run(doc.org, "team-tech-lead") == []  # not ML: not the ML rules' business
    assert run(doc.org, "one-leadership") == []  # the Director of ML also runs it: one leader
    doc.set_setting("ml_team_kinds", ["evaluation"])
    assert [f.subjects[0].id for f in run(doc.org, "team-tech-lead")] == ["eval"]
