"""Whether the last ML org analysis still holds after an edit, so the ML rules need not redo it.

The ML org analysis (:func:`~orgeditor.model.rules.ml_org.analyse`) walks the whole org. It
reads a person only as one of these: a team's manager or, for a team without one, a member's
manager (the **anchors**); someone on the lines above an anchor (their title decides who is
a leader, the company head); a member of a team whose anchor is a leader (is the team the
leader's own staff?); a member of a non-ML team (its size); whether their chain of managers is
whole (the *sound* part); and, only when the ML org is split and people are counted per
leader, a member of an ML team or someone on a pipeline.

So an edit of people who manage nobody and anchor no team (an individual contributor given
another title or manager, added, or removed), whose teams are ML teams run by a manager who
is not a leader, leaves the analysis as it was (the same ML teams, common leader, split, ML
leader, outside teams), except for whether those people are sound and where their own chain
leads: :func:`reusable` says so, and :func:`patch` brings those up to date. The findings cache
then re-checks only the people the edit touched (the rules' own scopes) instead of re-running
the ML rules in full. Anything else (a manager of someone, a team edit, a role, a new
placement that may make a team ML, a split org whose per-leader counts the edit changes)
re-runs the analysis.
"""

from __future__ import annotations

from orgeditor.model.org import Org
from orgeditor.model.rules.ml_org import MLOrg
from orgeditor.model.rules.ml_scope import placements_keep_ml_org
from orgeditor.model.summary import ChangeSummary
from orgeditor.model.vocabulary import is_leader

__all__ = ["patch", "reusable"]

#: person fields an edit of an individual contributor may set and keep the analysis
_IC_FIELDS = frozenset(
    {"name", "level", "dotted", "unresolved_dotted", "title", "fields", "manager"}
)


def _touched(s: ChangeSummary) -> set[str]:
    return set(
        s.added_ids("person")
        | s.removed_ids("person")
        | s.edited("person", "title", "fields", "manager")
    )


def reusable(org: Org, s: ChangeSummary, ml: MLOrg, sound: set[str]) -> bool:
    """Whether ``ml`` (the analysis before the edits ``s``, with its ``sound`` people) still
    holds for ``org`` as the edits left it, but for :func:`patch`."""
    if s.teams or s.settings or s.structure:
        return False
    if not s.edited_fields("person") <= _IC_FIELDS:
        return False
    if s.placed and not placements_keep_ml_org(org, s):
        return False
    touched = _touched(s)
    people = org.people
    teams = org.teams
    reports = org._reports
    counted = bool(ml.ml_people)  # the ML org is split and people were counted per leader
    if counted and (s.placed or s.removed_ids("person")):
        return False  # who is on a pipeline, or a team and soundness that are gone
    if any(manager in touched for _report, manager, _kind in s.lines):
        return False  # someone reported to them
    added = s.added_ids("person")
    ml_teams = set(ml.teams) if counted else set()
    team_ids = {team for team, _pipe in s.cells if team is not None}
    for pid in touched:
        if pid in ml.anchor_set or reports.get(pid) or pid in (ml.top, ml.leader):
            return False
        p = people.get(pid)
        if p is None:
            continue
        if p.team is not None:
            team_ids.add(p.team)
        if counted and (
            pid in ml.ml_people
            or org._placements.get(pid)
            or (
                p.team in ml_teams
                and (pid in added or _sound_now(org, pid, sound) != (pid in sound))
            )
        ):
            return False  # counted per leader, by their team or their own chain
    for tid in team_ids:
        team = teams.get(tid)
        if team is None or tid not in ml.all_teams:
            return False
        mgr = people.get(team.manager) if team.manager is not None else None
        if mgr is None or mgr.id in touched or is_leader(mgr):
            return False  # hangs under its members' managers, or may be a leader's own team
    return not any(t.manager in touched for t in teams.values() if t.manager is not None)


def _sound_now(org: Org, pid: str, sound: set[str]) -> bool:
    """Whether ``pid`` (who manages nobody) is sound, the others being as in ``sound``."""
    p = org.people[pid]
    if p.manager is None:
        return not p.unresolved_manager
    return p.manager != pid and p.manager in sound


def patch(org: Org, s: ChangeSummary, ml: MLOrg, sound: set[str]) -> None:
    """Bring ``sound`` and ``ml``'s walks up to date for the people ``s`` touched (after
    :func:`reusable` said yes)."""
    for pid in _touched(s):
        ml._memo.pop(pid, None)
        if pid in org.people and _sound_now(org, pid, sound):
            sound.add(pid)
        else:
            sound.discard(pid)
