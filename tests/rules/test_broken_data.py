"""Every rule holds on broken data: a reporting loop or a line to nobody is a finding of its
own and never removes another finding (property test over the corpus orgs)."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgeditor.io.hr.hr_import import import_file
from orgeditor.io.orgfile import dumps, loads
from orgeditor.model.entities import Person
from orgeditor.model.org import Org
from orgeditor.model.rules import Finding, check
from orgeditor.samples import sample_path
from tests.rules.corpus import CASES, GOLDEN
from tests.rules.rules_helpers import force

BASES = [*sorted([*CASES.glob("*.csv"), *GOLDEN.glob("*.csv")]), sample_path()]


@cache
def _base_text(index: int) -> str:
    path = BASES[index]
    if path.suffix == ".csv":
        org, _ = import_file(path)
        return dumps(org)
    return path.read_text(encoding="utf-8")


def _key(f: Finding) -> tuple[object, ...]:
    return (f.rule, tuple((s.kind, s.id) for s in f.subjects))


def _unrelated(org: Org, findings: list[Finding]) -> list[str]:
    """Individual contributors no finding is about, in no ML team, on no pipeline, leading
    nothing: people a loop or a dangling line can be given without touching a finding."""
    named = {s.id for f in findings for s in f.subjects}
    named_teams = {s.id for f in findings for s in f.subjects if s.kind == "team"}
    ml_kinds = {"data-operations", "modeling", "infrastructure", "tooling", "deployment"}
    leads = {
        ref
        for table in (org.teams, org.pipelines, org.units)
        for ent in table.values()
        for ref in (getattr(ent, "manager", None), ent.tech_lead, getattr(ent, "owner", None))
        if ref is not None
    }
    out = []
    for pid, p in org.people.items():
        team = org.teams.get(p.team) if p.team is not None else None
        if (
            pid in named
            or pid in leads
            or org._reports.get(pid)
            or org._placements.get(pid)
            or (team is not None and (team.kind in ml_kinds or team.id in named_teams))
        ):
            continue
        out.append(pid)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.integers(0, len(BASES) - 1),
    loop_size=st.integers(1, 3),
    dangling_fresh=st.booleans(),
    picks=st.lists(st.integers(0, 10_000), max_size=3),
    team_pick=st.integers(0, 10_000),
)
def test_loops_and_dangling_lines_never_remove_a_finding(
    base: int, loop_size: int, dangling_fresh: bool, picks: list[int], team_pick: int
) -> None:
    org = loads(_base_text(base))
    before = check(org)
    unrelated = _unrelated(org, before)
    teams = org.team_order
    # a loop of fresh people, sitting in some team (as the loop inside Tooling did)
    headless = [t for t in teams if org.teams[t].manager is None]
    team = teams[team_pick % len(teams)] if teams and team_pick % 2 else None
    if headless and team_pick % 3 == 0:  # where a loop can do most harm
        team = headless[team_pick % len(headless)]
    loop = [f"loop{i}" for i in range(loop_size)]
    for pid in loop:
        org._add_person(Person(pid, f"Loop {pid}", title="Software Engineer", team=team))
    for i, pid in enumerate(loop):
        force(org, "person", pid, "manager", loop[(i + 1) % loop_size])
    # dangling lines: a fresh person in that team, and unrelated people, to nobody
    if dangling_fresh:
        org._add_person(Person("lost", "Lost Person", title="Engineer", team=team))
        force(org, "person", "lost", "manager", "nobody-999")
    for n in picks:
        if unrelated:
            force(org, "person", unrelated[n % len(unrelated)], "manager", "nobody-999")
    after = {_key(f) for f in check(org)}
    missing = [f for f in before if _key(f) not in after]
    assert missing == []
    assert any(f.rule == "reporting-cycle" for f in check(org))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.integers(0, len(BASES) - 1), seed=st.integers(0, 10**6))
def test_incremental_findings_equal_a_full_check_on_the_corpus(base: int, seed: int) -> None:
    """The ML rules skip edits that cannot change the ML org; what they keep must still be
    what a full check says (moves within a column, shares, renames, dotted lines, ...)."""
    import random

    from orgeditor.document import Document
    from orgeditor.errors import is_user_error
    from orgeditor.model.rules import config_for
    from orgeditor.model.rules.incremental import FindingsCache
    from orgeditor.model.summary import summarize

    doc = Document(loads(_base_text(base)))
    org = doc.org
    pending: list[object] = []
    doc.changed.connect(pending.extend)
    cache = FindingsCache()
    cache.full(org, config_for(org))
    rng = random.Random(seed)
    for step in range(30):
        pending.clear()
        ids = list(org.people)
        p = rng.choice(ids)
        named = [s.id for f in cache.findings for s in f.subjects if s.kind == "person"]
        action = rng.randrange(9)
        try:
            if action == 0 and org.placements(p):
                pl = org.placements(p)[0]
                target = (pl.team, rng.choice(org.pipeline_order))
                if org.share(p, *target) is None:
                    doc.move_people([(p, (pl.team, pl.pipeline))], target)
            elif action == 1 and org.placements(p):
                pl = org.placements(p)[0]
                doc.set_share(p, pl.team, pl.pipeline, rng.choice((30, 60, 100)))
            elif action == 2:
                doc.rename("person", rng.choice(named or ids), f"Renamed {step}")
            elif action == 3:
                doc.add_dotted(p, rng.choice(ids))
            elif action == 4 and org.team_order:
                doc.rename("team", rng.choice(org.team_order), f"Team {step}")
            elif action == 5:
                doc.set_field("person", p, "level", f"L{step}")
            elif action == 6:
                doc.set_manager(p, rng.choice(ids))
            elif action == 7:
                doc.set_field(
                    "person",
                    p,
                    "title",
                    rng.choice(
                        ("Staff ML Engineer", "VP", "SWE", "Chief of Staff", "Product Manager")
                    ),
                )
            else:
                doc.undo()
        except Exception as e:  # edits the document refuses change nothing
            assert is_user_error(e), e
            continue
        got = cache.update(org, config_for(org), summarize(pending))  # type: ignore[arg-type]
        assert got == check(org), f"step {step}, action {action}: {cache.last_rerun}"
