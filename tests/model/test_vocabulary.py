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


def _person(title: str) -> Person:
    return Person("p", "Pat Doe", title=title, role=infer_role(title))


def _grid_badge(person: Person) -> str | None:
    from orgeditor.ui.grid.items import role_badges

    badges = role_badges(person, False)
    return next((b.lower() for b in badges if b in ("Principal", "Staff")), None)


def _card_badge(person: Person) -> str | None:
    org = Org()
    org._add_person(person)
    text = card_text(org, person.id, {})
    for line in text.badges:
        for tr in ("principal", "staff"):
            if line.lower().startswith(f"\u2605 {tr} engineer"):
                return tr
    return None


@pytest.mark.parametrize("title", sorted(CORPUS))
def test_badge_card_and_rules_agree(title: str) -> None:
    want_track, want_pm, want_leader = CORPUS[title]
    p = _person(title)
    assert track(p) == want_track
    assert _grid_badge(p) == want_track
    assert _card_badge(p) == want_track
    assert is_pm(p) is want_pm
    assert is_leader(p) is want_leader
    # the import's role agrees with the rules' reading
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
