"""The sample's deliberate imperfections, rule settings (file, user, options), the cache."""

from __future__ import annotations

import json
import random

import pytest
from rules_helpers import healthy, subject_ids

from orgeditor.document import Document
from orgeditor.model.changes import Change
from orgeditor.model.rules import (
    RULES,
    RuleConfig,
    RuleConfigError,
    check,
    config_for,
    load_user_defaults,
    save_user_defaults,
)
from orgeditor.model.rules.incremental import FindingsCache
from orgeditor.model.summary import summarize
from orgeditor.samples import sample_org, synthetic_org


def test_sample_imperfections_are_all_found() -> None:
    found = {(f.rule, subject_ids(f)[0]) for f in check(sample_org())}
    assert found == {
        ("one-leadership", ("team", "t3")),  # ML Infrastructure under the VP of Infrastructure
        ("pipeline-owner", ("pipeline", "l5")),  # Speech recognition without PM
        ("kpi-alignment", ("team", "t1")),  # Data Operations counts labels
        ("over-allocation", ("person", "p31")),  # Rafael Mendes at 120 %
        ("span-of-control", ("person", "p17")),  # the Modeling manager
        ("team-tech-lead", ("team", "t1")),  # Data Operations of 7 without tech lead
    }
    one = next(f for f in check(sample_org()) if f.rule == "one-leadership")
    assert ("person", "p3") in subject_ids(one)  # Tom Becker, VP of Infrastructure


def test_findings_are_sorted_and_deterministic() -> None:
    a = check(synthetic_org(400, seed=3))
    b = check(synthetic_org(400, seed=3))
    assert a == b
    order = ["error", "warning", "info"]
    assert [order.index(f.severity) for f in a] == sorted(order.index(f.severity) for f in a)


def test_finding_json_shape() -> None:
    for f in check(sample_org()):
        data = f.to_json()
        assert set(data) == {"rule", "severity", "message", "subjects"}
        assert data["rule"] in {r.id for r in RULES}
        assert data["severity"] in ("error", "warning", "info")
        assert isinstance(data["message"], str) and ":" in data["message"]
        for s in data["subjects"]:
            assert set(s) == {"kind", "id", "name"}
            assert s["kind"] in ("person", "team", "pipeline", "unit")
        json.dumps(data)


def test_file_settings_switch_off_and_tune() -> None:
    org = sample_org()
    org.settings["rules"] = {
        "kpi-alignment": {"enabled": False},
        "span-of-control": {"max_reports": 9},
        "team-tech-lead": False,
        "over-allocation": {"severity": "error"},
    }
    rules = {f.rule: f.severity for f in check(org)}
    assert "kpi-alignment" not in rules and "span-of-control" not in rules
    assert "team-tech-lead" not in rules
    assert rules["over-allocation"] == "error"


def test_setting_through_the_document_is_undoable() -> None:
    doc = Document(sample_org())
    doc.set_setting("rules", {"kpi-alignment": {"enabled": False}})
    assert "kpi-alignment" not in {f.rule for f in check(doc.org)}
    doc.undo()
    assert "kpi-alignment" in {f.rule for f in check(doc.org)}


@pytest.mark.parametrize(
    ("rules", "place"),
    [
        ({"no-such-rule": {}}, "settings.rules.no-such-rule"),
        (
            {"span-of-control": {"max_reports": "many"}},
            "settings.rules.span-of-control.max_reports",
        ),
        ({"span-of-control": {"max_reports": 0}}, "settings.rules.span-of-control.max_reports"),
        ({"span-of-control": {"colour": 1}}, "settings.rules.span-of-control.colour"),
        ({"kpi-alignment": {"severity": "fatal"}}, "settings.rules.kpi-alignment.severity"),
        ({"kpi-alignment": {"enabled": "no"}}, "settings.rules.kpi-alignment.enabled"),
        (
            {"pipeline-coverage": {"required_kinds": "modeling"}},
            "settings.rules.pipeline-coverage.required_kinds",
        ),
        (["span-of-control"], "settings.rules"),
    ],
)
def test_bad_settings_name_their_place(rules: object, place: str) -> None:
    org = sample_org()
    org.settings["rules"] = rules
    with pytest.raises(RuleConfigError) as err:
        config_for(org)
    assert err.value.place == place


def test_layers_user_defaults_then_file_then_options(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_user_defaults()[0] is None
    path = save_user_defaults({"span-of-control": {"max_reports": 20, "flag_single": False}})
    assert path == tmp_path / "orgeditor" / "rules.json"
    user, place = load_user_defaults()
    org = sample_org()
    org.settings["rules"] = {"span-of-control": {"max_reports": 4}}
    config = config_for(org, user, place, {"span-of-control": {"flag_single": True}})
    assert config.params["span-of-control"] == {
        "max_reports": 4,
        "flag_single": True,
        "everyone": False,
    }
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(RuleConfigError):
        load_user_defaults()


def test_to_settings_round_trip() -> None:
    config = RuleConfig.defaults(RULES)
    config.enabled["kpi-alignment"] = False
    config.params["team-tech-lead"]["min_size"] = 9
    config.severity["span-of-control"] = "info"
    diff = config.to_settings(RULES)
    assert diff == {
        "kpi-alignment": {"enabled": False},
        "team-tech-lead": {"min_size": 9},
        "span-of-control": {"severity": "info"},
    }
    again = RuleConfig.layered(RULES, (json.loads(json.dumps(diff)), "x"))
    assert again.to_settings(RULES) == diff


def _followed(doc: Document) -> tuple[list[Change], FindingsCache]:
    """The changes the document announces (collected until cleared) and a findings cache
    filled with a full check of its org."""
    pending: list[Change] = []
    doc.changed.connect(pending.extend)
    cache = FindingsCache()
    cache.full(doc.org, config_for(doc.org))
    return pending, cache


def test_incremental_cache_matches_a_full_check_after_random_edits() -> None:
    doc = Document(synthetic_org(300, seed=5))
    org = doc.org
    pending, cache = _followed(doc)
    rng = random.Random(7)
    applied = 0
    for step in range(120):
        pending.clear()
        ids = list(org.people)
        p = rng.choice(ids)
        action = step % 8
        try:
            if action == 0:
                doc.set_manager(p, rng.choice(ids))
            elif action == 1:
                places = org.placements(p)
                if places:
                    pl = places[0]
                    doc.set_share(p, pl.team, pl.pipeline, rng.choice((10, 60, 100)))
            elif action == 2:
                doc.rename("person", p, f"Renamed {step}")
            elif action == 3:
                doc.set_field("person", p, "title", rng.choice(("Staff Engineer", "Engineer")))
            elif action == 4:
                doc.set_field("team", rng.choice(org.team_order), "kpi", "Labels produced")
            elif action == 5:
                doc.move_to_team([p], rng.choice(org.team_order))
            elif action == 6:
                doc.set_setting("rules", {"span-of-control": {"max_reports": rng.randint(5, 9)}})
            else:
                doc.undo()
        except Exception as e:  # edits the document refuses (cycles, say) change nothing
            from orgeditor.errors import is_user_error

            assert is_user_error(e), e
            continue
        applied += 1
        got = cache.update(org, config_for(org), summarize(pending))
        assert got == check(org), f"step {step}: {cache.last_rerun}"
    assert applied > 80


def test_moving_a_column_keeps_the_findings_in_the_grid_order() -> None:
    """Found by the state machine: one-leadership lists teams in column order, so a
    team moved within the order re-runs the team rules."""
    doc = Document(synthetic_org(40, seed=0))
    org = doc.org
    pending, cache = _followed(doc)
    doc.remove_people([next(iter(org.people))])
    cache.update(org, config_for(org), summarize(pending))
    pending.clear()
    doc.move_entity("team", org.team_order[0], 1)
    got = cache.update(org, config_for(org), summarize(pending))
    assert got == check(org), cache.last_rerun


def test_rename_reruns_only_rules_about_that_person() -> None:
    doc = Document(sample_org())
    pending, cache = _followed(doc)
    doc.rename("person", "p46", "Somebody Else")  # in no finding
    cache.update(doc.org, config_for(doc.org), summarize(pending))
    assert cache.last_rerun == []
    pending.clear()
    doc.rename("person", "p31", "Rafa Mendes")
    found = cache.update(doc.org, config_for(doc.org), summarize(pending))
    assert cache.last_rerun == ["over-allocation"]
    assert any("Rafa Mendes" in f.message for f in found)


def test_healthy_fixture_is_clean() -> None:
    assert check(healthy().org) == []


def test_incremental_cache_with_raw_changes_cycles_and_dangling_lines() -> None:
    """Changes applied straight to the org (as imports and replays can): cycles, lines to
    nobody, roles and titles; the per-person re-checks must agree with a full check."""
    from orgeditor.model.changes import SetField
    from orgeditor.model.entities import Role

    org = synthetic_org(250, seed=9)
    cache = FindingsCache()
    cache.full(org, config_for(org))
    rng = random.Random(11)
    ids = list(org.people)
    seen: set[str] = set()
    for step in range(200):
        p = org.people[rng.choice(ids)]
        action = step % 6
        if action in (0, 1):
            field, new = "manager", rng.choice([*ids[:30], None])
        elif action == 2:
            field, new = "unresolved_manager", rng.choice([None, "Ghost"])
        elif action == 3:
            field, new = "role", rng.choice(["ic", "manager", "pm", "director", "open"])
        elif action == 4:
            field, new = "title", rng.choice(["Staff Engineer", "Principal Engineer", "PM"])
        else:
            field, new = "unresolved_dotted", rng.choice([(), ("Nobody",)])
        if field == "role":
            new = Role(new)
        change = SetField("person", p.id, field, getattr(p, field), new)
        change.apply(org)
        got = cache.update(org, config_for(org), summarize([change]))
        assert got == check(org), f"step {step}: {field} {cache.last_rerun} {cache.last_local}"
        seen.update(f.rule for f in got)
    assert {"reporting-cycle", "dangling-line", "multiple-managers", "tech-lead-placement"} <= seen
