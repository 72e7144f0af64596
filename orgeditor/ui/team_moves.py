"""Moves that finish the job: people who change team report to the new team's manager.

A person who reported to their old team's manager (or to nobody) and moves to another team
gets the new team's manager as their manager, in the same undo step as the move (before,
every move left the old manager behind and raised a "Two managers" warning). People who
report elsewhere on purpose (to a director, to a PM) keep their manager, and so does a team's
own manager. Undo takes back the move and the new line together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from orgeditor.document import Document
from orgeditor.model.org import Cell, Org

__all__ = ["move_people", "move_to_team", "new_managers"]


def new_managers(org: Org, people: Sequence[str], before: dict[str, str | None]) -> dict[str, str]:
    """Who should now report to whom, after ``people`` left the teams in ``before``."""
    out: dict[str, str] = {}
    for pid in dict.fromkeys(people):
        person = org.people.get(pid)
        if person is None or person.team == before.get(pid) or person.team is None:
            continue
        manager = org.teams[person.team].manager
        if manager is None or manager == pid or manager not in org.people:
            continue
        old_team = before.get(pid)
        old_manager = org.teams[old_team].manager if old_team in org.teams else None
        if person.manager not in (None, old_manager) or person.manager == manager:
            continue
        if pid in (old_manager,) or _reports_to(org, manager, pid):
            continue  # a team's own manager, or a line that would make a cycle
        out[pid] = manager
    return out


def _reports_to(org: Org, person: str, boss: str) -> bool:
    return boss in org.manager_chain(person)


def _moving(doc: Document, label: str, people: Sequence[str], move: Callable[[], None]) -> str:
    """Run ``move`` and the manager changes it calls for as one undo step; returns a note."""
    org = doc.org
    before = {p: org.people[p].team for p in people if p in org.people}
    note = ""
    with doc.transaction(label):
        move()
        found = new_managers(org, list(before), before)
        for pid, manager in found.items():
            doc.set_manager(pid, manager)
        if found:
            boss = org.people[next(iter(found.values()))].display_name
            who = org.people[next(iter(found))].display_name if len(found) == 1 else None
            note = (
                f"{who} now reports to {boss}"
                if who
                else f"{len(found)} people now report to {boss}"
            )
    return note


def move_people(
    doc: Document, items: Sequence[tuple[str, Cell]], to: Cell, copy: bool = False
) -> str:
    """:meth:`Document.move_people`, and the new team's manager (one undo step)."""
    people = [p for p, _c in items]
    if copy:
        doc.move_people(items, to, copy=True)
        return ""
    label = _label(doc, people, "Move")
    return _moving(doc, label, people, lambda: doc.move_people(items, to))


def move_to_team(doc: Document, people: Sequence[str], team: str | None) -> str:
    """:meth:`Document.move_to_team`, and the new team's manager (one undo step)."""
    name = doc.org.teams[team].name if team in doc.org.teams else "no team"
    label = _label(doc, list(people), "Move") + f" to {name}"
    return _moving(doc, label, people, lambda: doc.move_to_team(people, team))


def _label(doc: Document, people: Sequence[str], verb: str) -> str:
    ids = list(dict.fromkeys(people))
    if len(ids) == 1 and ids[0] in doc.org.people:
        return f"{verb} {doc.org.people[ids[0]].display_name}"
    return f"{verb} {len(ids)} people"
