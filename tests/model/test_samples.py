"""The built-in sample and the synthetic generator have the shape the issue asks for."""

from __future__ import annotations

from collections import Counter

import pytest

from orgeditor.io.orgfile import dumps, loads
from orgeditor.model.entities import STANDARD_TEAM_KINDS, Role
from orgeditor.model.org import Org
from orgeditor.samples import sample_org, synthetic_org


def spans(org: Org) -> list[int]:
    return [len(org.direct_reports(p)) for p in org.people if org.direct_reports(p)]


def test_the_sample_shows_off_the_product() -> None:
    org = sample_org()
    people = list(org.people.values())
    assert 40 <= len(people) <= 60
    assert any(
        p.title == "Director of Machine Learning" and p.role is Role.DIRECTOR for p in people
    )
    kinds = {t.kind for t in org.teams.values() if t.manager is not None}
    assert set(STANDARD_TEAM_KINDS) <= kinds
    owned = [pl for pl in org.pipelines.values() if pl.owner is not None]
    assert len(owned) >= 4
    assert all(org.people[pl.owner].role is Role.PM for pl in owned if pl.owner)
    assert any(p.title == "Principal Engineer" for p in people)
    assert sum(p.title.startswith("Staff ") for p in people) >= 2
    assert sum(bool(p.dotted) for p in people) >= 3
    assert sum(p.is_open for p in people) == 2
    assert sum(bool(t.kpi) for t in org.teams.values()) >= 2
    assert any(pl.tech_lead for pl in org.pipelines.values())
    # deliberate imperfections for the health checks
    assert any(pl.owner is None for pl in org.pipelines.values())
    assert any(org.total_share(p.id) > 100 for p in people)


@pytest.mark.parametrize("size", [1, 2, 7, 30, 100, 600])
def test_synthetic_org_has_exactly_the_size_and_is_deterministic(size: int) -> None:
    org = synthetic_org(size, seed=3)
    assert len(org.people) == size
    assert dumps(org) == dumps(synthetic_org(size, seed=3))
    assert dumps(loads(dumps(org))) == dumps(org)
    if size >= 100:
        assert dumps(org) != dumps(synthetic_org(size, seed=4))


def test_synthetic_org_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        synthetic_org(0)


@pytest.mark.parametrize(("size", "seed"), [(300, 1), (2000, 2), (20_000, 0)])
def test_synthetic_org_has_a_realistic_shape(size: int, seed: int) -> None:
    org = synthetic_org(size, seed)
    people = org.people.values()
    s = spans(org)
    assert sum(5 <= x <= 9 for x in s) >= 0.95 * len(s)
    assert max(s) <= 9
    team_sizes = Counter(p.team for p in people if p.team)
    assert all(5 <= n <= 12 for n in team_sizes.values())
    assert {t.kind for t in org.teams.values()} == set(STANDARD_TEAM_KINDS)
    assert all(t.manager is not None for t in org.teams.values())
    assert all(
        pl.owner is not None and org.people[pl.owner].role is Role.PM
        for pl in org.pipelines.values()
    )
    ics = [p for p in people if p.role in (Role.IC, Role.OPEN) and p.team is not None]
    on = Counter(len(org.placements(p.id)) for p in ics)
    assert set(on) <= {1, 2, 3} and on[1] > on[2] > on[3] > 0
    assert 0.05 * len(ics) < sum(bool(p.dotted) for p in people) < 0.25 * len(ics)
    assert 0 < sum(p.is_open for p in people) < 0.06 * size
    assert any(p.title == "Principal Engineer" for p in people)
    assert any(p.title.startswith("Staff ") for p in people)
    assert len(org.roots()) == 1  # one head of the whole org
    assert max(len(org.manager_chain(p)) for p in org.people) <= 8
