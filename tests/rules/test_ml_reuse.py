"""The findings cache keeps its ML org analysis after edits of individual contributors, and
its findings still equal a full check (also when the edit does change the analysis)."""

from __future__ import annotations

import random

import pytest

from orgeditor.document import Document
from orgeditor.model.rules import check, config_for
from orgeditor.model.rules.incremental import FindingsCache
from orgeditor.model.summary import ChangeBatch, ChangeSummary
from orgeditor.samples import sample_org, synthetic_org

#: the rules that read the ML org analysis
ML_RULES = {
    "one-leadership",
    "team-manager",
    "span-of-control",
    "tech-lead-placement",
    "team-tech-lead",
    "kpi-alignment",
}
TITLES = (
    "Staff Engineer",
    "SWE",
    "Principal Engineer",
    "ML Product Manager",
    "Director of Machine Learning",
    "Chief of Staff",
    "CEO",
    "Engineer",
)


class _Follow:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.cache = FindingsCache()
        self.cache.full(doc.org, config_for(doc.org))
        self.pending = ChangeSummary()
        doc.changed.connect(self._on)

    def _on(self, batch: ChangeBatch) -> None:
        self.pending |= batch.summary

    def update(self) -> None:
        org = self.doc.org
        self.cache.update(org, config_for(org), self.pending)
        self.pending = ChangeSummary()
        assert self.cache.findings == check(org), (self.cache.last_rerun, self.cache.last_local)


def _ics(doc: Document) -> list[str]:
    org = doc.org
    return [p.id for p in org.people.values() if not org.direct_reports(p.id)]


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_edits_of_individual_contributors_agree_with_a_full_check(which: str) -> None:
    """Retitles (leader, own-staff and company-head titles too), new managers, people added
    and removed, one at a time and a few gathered, on a split ML org (the sample) and one
    ML org (synthetic)."""
    doc = Document(sample_org() if which == "sample" else synthetic_org(300, seed=4))
    follow = _Follow(doc)
    org = doc.org
    rng = random.Random(5)
    added: list[str] = []
    for step in range(80):
        ics = _ics(doc)
        p = rng.choice(ics)
        action = step % 5
        if action == 0:
            doc.set_field("person", p, "title", rng.choice(TITLES))
        elif action == 1:
            managers = [m for m in org.people if m != p]
            doc.set_manager(p, rng.choice(managers))
        elif action == 2:
            team = rng.choice(org.team_order)
            added.append(
                doc.add_person(
                    "New Hire",
                    title=rng.choice(TITLES),
                    team=team,
                    manager=org.teams[team].manager,
                )
            )
        elif action == 3 and added:
            gone = added.pop(rng.randrange(len(added)))
            if gone in org.people:
                doc.remove_people([gone])
        else:
            doc.undo()
        if step % 3:  # gather some edits, as the window's debounced panel does
            follow.update()
    follow.update()


def test_a_retitled_individual_contributor_reruns_no_ml_rule_in_full() -> None:
    doc = Document(synthetic_org(300, seed=4))
    follow = _Follow(doc)
    org = doc.org
    p = next(
        pid
        for pid in _ics(doc)
        if org.people[pid].team is not None and org.teams[org.people[pid].team].manager != pid
    )
    doc.set_field("person", p, "title", "Staff Engineer")
    follow.update()
    assert not ML_RULES & set(follow.cache.last_rerun)
    assert {"tech-lead-placement", "span-of-control"} <= set(follow.cache.last_local)
    doc.set_manager(p, next(t.manager for t in org.teams.values() if t.manager not in (None, p)))
    follow.update()
    assert not ML_RULES & set(follow.cache.last_rerun)
    doc.undo()
    doc.undo()
    follow.update()
    assert not ML_RULES & set(follow.cache.last_rerun)


def test_a_new_leader_title_on_a_manager_reruns_the_analysis() -> None:
    """A team manager retitled Director: the ML org may change, the ML rules run again."""
    doc = Document(sample_org())
    follow = _Follow(doc)
    mgr = next(t.manager for t in doc.org.teams.values() if t.manager is not None)
    doc.set_field("person", mgr, "title", "Director of Machine Learning")
    follow.update()
    assert "one-leadership" in follow.cache.last_rerun
