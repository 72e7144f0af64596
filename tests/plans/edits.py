"""Random edits through the Document API, for the plan and merge property tests."""

from __future__ import annotations

import random
from collections.abc import Sequence

from orgeditor.document import Document, EditError
from orgeditor.io.orgfile import to_data
from orgeditor.model.org import Org

TITLES = ["ML Engineer", "Staff Engineer", "Data Labeler", "Research Scientist", 'Ä "x"']


def random_edit(
    doc: Document,
    rnd: random.Random,
    people: Sequence[str] | None = None,
    teams: Sequence[str] | None = None,
    add_pipelines: bool = True,
) -> None:
    """One random edit of ``people`` and ``teams`` (default: any); edits the API refuses are
    skipped. With ``people`` given, only those people are edited, and new people report to
    them; with ``teams`` given, only those teams are renamed or given a KPI. New pipelines go
to the end of the order (``add_pipelines=False``: none)."""
    org = doc.org
    pool = [p for p in (people if people is not None else list(org.people)) if p in org.people]
    own_teams = [t for t in (teams if teams is not None else teams_of(org)) if t in org.teams]
    teams = list(org.team_order)  # any team may receive people
    pipes = list(org.pipeline_order)
    what = rnd.choice(
        ["title", "level", "manager", "add", "move", "share", "dotted", "remove", "team", "pipe"]
    )
    try:
        if not pool:
            what = "add"
        if what == "title":
            doc.set_field("person", rnd.choice(pool), "title", rnd.choice(TITLES))
        elif what == "level":
            doc.set_field("person", rnd.choice(pool), "level", rnd.choice(["L3", "L5", "L7"]))
        elif what == "manager" and len(pool) > 1:
            a, b = rnd.sample(pool, 2)
            doc.set_manager(a, b)
        elif what == "add":
            boss = rnd.choice(pool) if pool else None
            doc.add_person(
                f"New {rnd.randrange(10**6)}",
                title=rnd.choice(TITLES),
                team=rnd.choice(teams) if teams else None,
                pipeline=rnd.choice(pipes) if pipes and teams else None,
                manager=boss,
            )
        elif what == "move" and teams:
            doc.move_to_team([rnd.choice(pool)], rnd.choice(teams))
        elif what == "share":
            p = rnd.choice(pool)
            places = org.placements(p)
            if places:
                pl = places[0]
                doc.set_share(p, pl.team, pl.pipeline, rnd.randrange(10, 100))
        elif what == "dotted" and len(pool) > 1:
            a, b = rnd.sample(pool, 2)
            doc.add_dotted(a, b)
        elif what == "team" and own_teams:
            t = rnd.choice(own_teams)
            if rnd.random() < 0.5:
                doc.rename("team", t, f"Team {rnd.randrange(10**6)}")
            else:
                doc.set_field("team", t, "kpi", rnd.choice(["NDCG@10", "Labels per week", ""]))
        elif what == "pipe" and add_pipelines:
            doc.add_pipeline(f"Pipeline {rnd.randrange(10**6)}")
        elif what == "remove":
            p = rnd.choice(pool)
            if not org.references_to(p):  # a leaf nobody else names
                doc.remove_people([p])
    except EditError:
        pass


def teams_of(org: Org) -> list[str]:
    return list(org.team_order)


def same(a: Org, b: Org) -> bool:
    return to_data(a) == to_data(b)
