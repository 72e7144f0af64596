"""The built-in sample org, and a synthetic generator of realistic ML orgs of any size.

The sample (``resources/sample.orgchart``) is what a new user sees first. The generator
builds deterministic orgs (same size and seed, same org) with the shape of a real matrix ML
org: a Director or VP of ML, team managers with spans of 5 to 9, teams of 5 to 12 of the
standard kinds, pipelines owned by PMs, people on one to three pipelines, some dotted lines,
Principal and Staff engineers, tech leads and a few open positions. It is used by the
benchmarks, up to 20,000 people and beyond.
"""

from __future__ import annotations

import random
from pathlib import Path

from orgeditor.model.entities import (
    STANDARD_TEAM_KINDS,
    OrgUnit,
    Person,
    Pipeline,
    Placement,
    Role,
    Team,
    team_kind_label,
)
from orgeditor.model.org import Org

__all__ = ["resources_dir", "sample_org", "sample_path", "synthetic_org"]


def resources_dir() -> Path:
    """The ``resources`` folder: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "sample.orgchart").is_file():
            return candidate
    return here.parent / "resources"


def sample_path() -> Path:
    return resources_dir() / "sample.orgchart"


def sample_org() -> Org:
    """A fresh copy of the built-in sample org."""
    from orgeditor.io.orgfile import load

    return load(sample_path())


_FIRST = [
    "Ada",
    "Alan",
    "Amara",
    "Ana",
    "Arjun",
    "Ayla",
    "Ben",
    "Bea",
    "Carlos",
    "Chen",
    "Chloe",
    "Dana",
    "Dev",
    "Diego",
    "Elena",
    "Emeka",
    "Eva",
    "Farah",
    "Felix",
    "Grace",
    "Hana",
    "Hugo",
    "Ines",
    "Ivan",
    "Jae",
    "Jonas",
    "Julia",
    "Kai",
    "Kamal",
    "Kenji",
    "Lara",
    "Leo",
    "Lina",
    "Luca",
    "Maya",
    "Mei",
    "Mila",
    "Nadia",
    "Nils",
    "Noor",
    "Olga",
    "Omar",
    "Priya",
    "Rafael",
    "Rosa",
    "Sami",
    "Sara",
    "Sofia",
    "Tariq",
    "Tom",
    "Uma",
    "Vera",
    "Wei",
    "Yara",
    "Yusuf",
    "Zoe",
]
_LAST = [
    "Abe",
    "Adeyemi",
    "Bauer",
    "Becker",
    "Costa",
    "da Silva",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Gupta",
    "Haddad",
    "Ito",
    "Jensen",
    "Kaur",
    "Kim",
    "Kowalski",
    "Larsen",
    "Lee",
    "Lopez",
    "Martin",
    "Meyer",
    "Mendes",
    "Nakamura",
    "Novak",
    "Okafor",
    "Olsen",
    "Park",
    "Patel",
    "Rossi",
    "Sato",
    "Schmidt",
    "Singh",
    "Smith",
    "Tanaka",
    "Torres",
    "Ueda",
    "Vargas",
    "Wagner",
    "Wang",
    "Weber",
    "Yamada",
    "Zhang",
    "O'Brien",
    "Nguyen",
    "Müller",
    "Søndergaard",
    "Kowalczyk",
    "Ibrahim",
    "Mensah",
]
_PIPELINE_WORDS = [
    "Feed ranking",
    "Fraud scoring",
    "Search relevance",
    "Ads click-through",
    "Speech recognition",
    "Document OCR",
    "Recommendations",
    "Churn prediction",
    "Demand forecast",
    "Image moderation",
    "Translation",
    "Voice assistant",
    "Pricing",
    "Route planning",
    "Anomaly detection",
    "Spam filter",
    "Credit risk",
    "Query autocomplete",
    "Face blur",
    "Product tagging",
]
_IC_TITLES = {
    "data-operations": ("Labeling Lead", "Data Operations Specialist", "Quality Analyst"),
    "modeling": ("ML Engineer", "Research Scientist", "Applied Scientist"),
    "infrastructure": ("ML Infrastructure Engineer", "Data Engineer", "Platform Engineer"),
    "tooling": ("Full-stack Engineer", "Frontend Engineer", "Tools Engineer"),
    "deployment": ("ML Deployment Engineer", "Performance Engineer", "MLOps Engineer"),
}


def synthetic_org(size: int, seed: int = 0) -> Org:
    """A deterministic, realistic matrix ML org of ``size`` people (open positions included).

    >>> org = synthetic_org(200, seed=1)
    >>> len(org.people)
    200
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    rng = random.Random(seed)
    org = Org(f"Synthetic ML org ({size} people, seed {seed})")
    people: list[Person] = []
    placements: list[Placement] = []
    used_names: set[str] = set()
    counter = 0

    def new_person(role: Role, title: str, manager: str | None, team: str | None = None) -> Person:
        nonlocal counter
        counter += 1
        name = ""
        if role is not Role.OPEN:
            for _ in range(6):
                name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
                if name not in used_names:
                    break
            else:
                name = f"{name} {counter}"
            used_names.add(name)
        p = Person(f"p{counter}", name, title, role=role, team=team, manager=manager)
        p.level = {
            Role.VP: "L9",
            Role.DIRECTOR: "L8",
            Role.MANAGER: "L6",
            Role.PM: "L6",
        }.get(role, rng.choice(("L3", "L4", "L4", "L5", "L5", "L6")))
        people.append(p)
        return p

    head = new_person(
        Role.VP if size > 400 else Role.DIRECTOR,
        "VP of Machine Learning" if size > 400 else "Director of ML",
        None,
    )
    if size == 1:
        org._bulk_load(people, placements)
        return org

    n_pipes = max(1, min(len(_PIPELINE_WORDS) * 50, size // 25 or 1))
    pipes: list[Pipeline] = []
    for i in range(n_pipes):
        base = _PIPELINE_WORDS[i % len(_PIPELINE_WORDS)]
        name = base if i < len(_PIPELINE_WORDS) else f"{base} {i // len(_PIPELINE_WORDS) + 1}"
        pipes.append(Pipeline(f"l{i + 1}", name))

    # Budget: head, PMs (+ a product lead), principal, then teams with their managers.
    remaining = size - 1
    pm_lead = None
    if n_pipes >= 4 and remaining > n_pipes + 20:
        pm_lead = new_person(Role.DIRECTOR, "Head of ML Product", head.id)
        remaining -= 1
    pms: list[Person] = []
    for pl in pipes:
        if remaining <= 0:
            break
        pm = new_person(Role.PM, "ML Product Manager", (pm_lead or head).id)
        pl.owner = pm.id
        pms.append(pm)
        remaining -= 1
    # Many PMs report through group product managers, 5 to 9 each.
    while pm_lead is not None and len(pms) > 9 and remaining > len(pms) // 7 + 1:
        groups = []
        for group in _even_groups(pms):
            gpm = new_person(Role.PM, "Group Product Manager", pm_lead.id)
            remaining -= 1
            for pm in group:
                pm.manager = gpm.id
            groups.append(gpm)
        pms = groups
    if remaining > 0:
        new_person(Role.IC, "Principal Engineer", head.id)
        remaining -= 1

    # Reserve room for the layers of directors above the team managers.
    layers, n = 0, max(1, remaining // 8)
    while n > 7:
        n = -(-n // 7)
        layers += n
    remaining -= layers

    teams: list[Team] = []
    managers: list[Person] = []
    while remaining > 0:
        kind = STANDARD_TEAM_KINDS[len(teams) % len(STANDARD_TEAM_KINDS)]
        tid = f"t{len(teams) + 1}"
        team_size = rng.randint(6, 10)  # the manager and 5 to 9 reports
        if remaining - team_size < 6:  # no tiny team at the end
            team_size = remaining if remaining <= 10 else remaining - 6
        label = team_kind_label(kind)
        number = len(teams) // len(STANDARD_TEAM_KINDS) + 1
        team = Team(tid, label if number == 1 else f"{label} {number}", kind=kind)
        mgr = new_person(Role.MANAGER, f"{label} Manager", None, tid)
        team.manager = mgr.id
        teams.append(team)
        managers.append(mgr)
        remaining -= 1
        team_pipes = rng.sample(pipes, k=min(len(pipes), rng.randint(1, 4)))
        for j in range(team_size - 1):
            if remaining <= 0:
                break
            if j == 0 and team_size >= 6:
                ic = new_person(Role.IC, f"Staff {_IC_TITLES[kind][0]}", mgr.id, tid)
                team.tech_lead = ic.id
            elif rng.random() < 0.03:
                ic = new_person(Role.OPEN, rng.choice(_IC_TITLES[kind]), mgr.id, tid)
            else:
                ic = new_person(Role.IC, rng.choice(_IC_TITLES[kind]), mgr.id, tid)
            remaining -= 1
            k = rng.choice((1, 1, 1, 2, 2, 3))
            chosen = rng.sample(team_pipes, k=min(k, len(team_pipes)))
            share = 100 // len(chosen)
            for pl in chosen:
                placements.append(Placement(ic.id, tid, pl.id, share))
            if pl.owner is not None and rng.random() < 0.12:
                ic.dotted = (pl.owner,)

    # Managers report up through directors with spans of 5 to 9.
    level = managers
    depth = 0
    while len(level) > 7:
        depth += 1
        parents: list[Person] = []
        for group in _even_groups(level):
            boss = new_person(
                Role.DIRECTOR if depth > 1 else Role.MANAGER,
                "Director of ML" if depth > 1 else "Senior ML Manager",
                None,
            )
            for m in group:
                m.manager = boss.id
            parents.append(boss)
        level = parents
    for m in level:
        m.manager = head.id
    _fit_size(people, placements, teams, size, rng, new_person)

    for t in teams:
        org._add_team(t)
    for pl in pipes:
        org._add_pipeline(pl)
    org._add_unit(OrgUnit("u1", "ML Org", leader=head.id, teams=tuple(t.id for t in teams)))
    org._bulk_load(people, placements)
    return org


def _fit_size(people, placements, teams, size, rng, new_person) -> None:  # type: ignore[no-untyped-def]
    """Add or drop plain ICs at the end so the org has exactly ``size`` people."""
    leads = {t.tech_lead for t in teams}
    members: dict[str | None, int] = {}
    for p in people:
        members[p.team] = members.get(p.team, 0) + 1
    while len(people) < size and teams:
        # the smallest teams grow, so spans of control stay within 5 to 9
        smallest = min(members.get(t.id, 0) for t in teams)
        team = rng.choice([t for t in teams if members.get(t.id, 0) == smallest])
        members[team.id] = smallest + 1
        kind = team.kind
        ic = new_person(Role.IC, rng.choice(_IC_TITLES[kind]), team.manager, team.id)
        same = [pl for pl in placements if pl.team == team.id][:1]
        if same:
            placements.append(Placement(ic.id, team.id, same[0].pipeline, 100))
    i = len(people) - 1
    drop: set[str] = set()
    while len(people) - len(drop) > size and i > 0:
        p = people[i]
        if p.role in (Role.IC, Role.OPEN) and p.id not in leads and p.team is not None:
            drop.add(p.id)
        i -= 1
    if drop:
        people[:] = [p for p in people if p.id not in drop]
        placements[:] = [pl for pl in placements if pl.person not in drop]


def _even_groups(items: list[Person]) -> list[list[Person]]:
    """Split ``items`` (more than 7) into consecutive groups of 5 to 9, as even as can be."""
    n = -(-len(items) // 7)
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out
