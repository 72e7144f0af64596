"""Which part of an org is the ML org, and who leads it: the analysis behind the ML rules.

This is the playbook's *one leadership* read as a seasoned ML leader reads it:

1. **ML teams** are the teams whose kind carries the ML flag (the five standard kinds and
   the kinds the file marks ML, :func:`~orgeditor.model.kinds.is_ml_kind`) plus the
   teams with people on pipelines. A leader's **own team** (the leader alone, or with their
   own staff: a chief of staff, an assistant, a Principal engineer) is part of the leader,
   not a team of its own.
2. Each ML team hangs under its manager (a team without one: under its members' managers).
   Only the **sound part** of the org counts: a person whose chain of managers runs into a
   loop or a line to nobody is left out here (those are findings of their own), so broken
   data elsewhere never switches this analysis off.
3. The **lowest common leader** of all ML teams is the ML leader, unless the ML org is
   **split**: the common leader is the company head (a CEO, CTO, President ... at the top), or
   also runs non-ML teams of more than 2 people (own staff aside), or the ML teams sit in
   separate trees.
4. When split, the **ML leader** is the Director or VP below the common leader whose org
   holds the most ML people (the members of ML teams, and everyone else on a pipeline); the
   manager of a single team is never the ML leader of the teams beside theirs. Every ML team
   outside the ML leader's org is **outside**, with the leader it sits under. When nobody
   below a common leader who also runs non-ML teams leads ML teams, that common leader is
   the ML leader after all (a Director of ML who also runs an Evaluation team).

The **ML org** (what the ML-only rules look at) is the ML leader's whole org, the members and
managers of every ML team, and everyone on a pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgeditor.model.entities import Role, Team
from orgeditor.model.kinds import ml_kinds
from orgeditor.model.org import Org
from orgeditor.model.vocabulary import is_company_head, is_leader, is_own_staff

__all__ = ["MLOrg", "analyse", "lowest_common_leader", "sound_people"]

#: a non-ML team of more than this many people (own staff aside) splits its leader's org
NON_ML_TEAM_LIMIT = 2


@dataclass(slots=True)
class MLOrg:
    """The result of :func:`analyse` for one state of an org."""

    #: ML team ids, in team order (a leader's own team excluded)
    teams: list[str] = field(default_factory=list)
    #: every ML team, also those hanging nowhere (no manager, members without managers)
    all_teams: set[str] = field(default_factory=set)
    #: ML team -> where it hangs (sound people only)
    anchors: dict[str, list[str]] = field(default_factory=dict)
    #: the lowest common leader of the ML teams (``None``: separate trees, or no ML teams)
    top: str | None = None
    split: bool = False
    #: why it is split: ``"company-head"``, ``"non-ml"`` (with the teams) or ``"trees"``
    split_reason: str = ""
    non_ml_teams: list[str] = field(default_factory=list)
    #: the ML leader (``None`` when no Director or VP leads ML teams)
    leader: str | None = None
    #: ML teams outside the ML leader's org -> the leader they sit under
    outside: dict[str, str] = field(default_factory=dict)
    #: the anchors of the ML teams (their managers, where they hang)
    anchor_set: set[str] = field(default_factory=set)
    #: people on the lines from an outside ML team up to the common leader
    chain: set[str] = field(default_factory=set)
    #: ML people per person's org (counted when the ML org is split)
    ml_people: dict[str, int] = field(default_factory=dict)

    _memo: dict[str, bool] = field(default_factory=dict)

    def contains(self, org: Org, pid: str) -> bool:
        """Whether ``pid`` is in the ML org: on a pipeline, in an ML team or managing one,
        or in the ML leader's org (see the module docstring)."""
        p = org.people.get(pid)
        if p is None:
            return False
        if (
            pid in self.anchor_set
            or (p.team is not None and p.team in self.all_teams)
            or org._placements.get(pid)
        ):
            return True
        return self.in_leader_org(org, pid)

    def in_leader_org(self, org: Org, pid: str) -> bool:
        """Whether ``pid`` is the ML leader or below them on the solid lines."""
        leader = self.leader
        if leader is None:
            return False
        memo = self._memo
        people = org.people
        path: list[str] = []
        cur: str | None = pid
        found = False
        while cur is not None and cur in people and len(path) <= len(people):
            known = memo.get(cur)
            if known is not None:
                found = known
                break
            if cur == leader:
                found = True
                break
            path.append(cur)
            cur = people[cur].manager
            if cur in path:
                break
        for x in path:
            memo[x] = found
        return found


def sound_people(org: Org) -> set[str]:
    """The people whose chain of managers ends at a top person without a loop, a manager id
    that matches nobody, or an unresolved manager (an orphan of an import).

    One walk down the solid lines from the sound top people: whoever it reaches is sound.
    """
    reports = org._reports
    seen = {pid for pid, p in org.people.items() if p.manager is None and not p.unresolved_manager}
    frontier: set[str] = set(seen)
    while frontier:  # level by level: set unions run in C
        below = [reports[m] for m in frontier if m in reports]
        frontier = set().union(*below) - seen if below else set()
        seen |= frontier
    return seen


def lowest_common_leader(org: Org, anchors: list[str]) -> str | None:
    """The lowest person above-or-equal to every anchor on the solid lines, or ``None``.

    Each person is walked at most once: a walk up from an anchor stops where it meets a
    path already walked.
    """
    people = org.people
    first = [anchors[0], *org.manager_chain(anchors[0])]
    pos = {p: i for i, p in enumerate(first)}
    merged: dict[str, int | None] = {}
    lowest = 0
    for a in anchors[1:]:
        path: list[str] = []
        on_path: set[str] = set()
        cur: str | None = a
        while (
            cur is not None
            and cur in people
            and cur not in pos
            and cur not in merged
            and cur not in on_path
        ):
            path.append(cur)
            on_path.add(cur)
            cur = people[cur].manager
        at = pos.get(cur) if cur in pos else merged.get(cur) if cur is not None else None
        for x in path:
            merged[x] = at
        if at is None:
            return None
        lowest = max(lowest, at)
    return first[lowest]


def _members(org: Org) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in org.people.values():
        if p.team is not None:
            out.setdefault(p.team, []).append(p.id)
    return out


def analyse(
    org: Org,
    sound: set[str] | None = None,
    members: dict[str, list[str]] | None = None,
) -> MLOrg:
    """The ML teams, their common leader, whether the ML org is split, and its leader."""
    people = org.people
    sound = sound if sound is not None else sound_people(org)
    flags = ml_kinds(org.settings)
    members = members if members is not None else _members(org)
    on_pipes: set[str] = set()  # teams with someone (not an open position) on a pipeline
    open_ = Role.OPEN
    for (cell_team, pipe), ids in org._cells.items():
        if cell_team is None or pipe is None or cell_team in on_pipes:
            continue
        for m in ids:
            if m in people and people[m].role is not open_:
                on_pipes.add(cell_team)
                break

    def anchors_of(team: Team) -> list[str]:
        if team.manager is not None and team.manager in people:
            return [team.manager] if team.manager in sound else []
        found = {
            people[m].manager: None for m in members.get(team.id, ()) if people[m].manager in sound
        }
        return [a for a in found if a is not None]

    def own_team(team: Team, anchors: list[str]) -> bool:
        """The leader alone, or with their own staff."""
        if len(anchors) != 1 or not is_leader(people[anchors[0]]):
            return False
        lead = anchors[0]
        return all(
            m == lead or people[m].role is Role.OPEN or is_own_staff(people[m])
            for m in members.get(team.id, ())
        )

    result = MLOrg()
    non_ml: list[tuple[str, list[str]]] = []
    for tid in org.team_order:
        team = org.teams[tid]
        anchors = anchors_of(team)
        is_ml = team.kind in flags or tid in on_pipes
        if anchors and own_team(team, anchors):
            continue
        if is_ml:
            result.all_teams.add(tid)
        if not anchors:
            continue
        if is_ml:
            result.teams.append(tid)
            result.anchors[tid] = anchors
        else:
            non_ml.append((tid, anchors))

    for tid in result.teams:
        result.anchor_set.update(result.anchors[tid])
    if not result.teams:
        return result

    all_anchors = [a for t in result.teams for a in result.anchors[t]]
    top = lowest_common_leader(org, all_anchors)
    result.top = top

    if top is None:
        result.split, result.split_reason = True, "trees"
    elif people[top].manager is None and is_company_head(people[top]):
        result.split, result.split_reason = True, "company-head"
    else:
        for tid, anchors in non_ml:
            a = anchors[0]
            if a != top and top not in org.manager_chain(a):
                continue
            size = sum(
                1
                for m in members.get(tid, ())
                if m not in anchors
                and people[m].role is not Role.OPEN
                and not is_own_staff(people[m])
            )
            if size > NON_ML_TEAM_LIMIT:
                result.non_ml_teams.append(tid)
        if result.non_ml_teams:
            result.split, result.split_reason = True, "non-ml"

    if not result.split:
        result.leader = top
    else:
        _choose_leader(org, result, members, sound)

    if result.split:
        for tid in result.teams:
            anchor = result.anchors[tid][0]
            if result.leader is not None and result.in_leader_org(org, anchor):
                continue
            result.outside[tid] = _sits_under(org, org.teams[tid], anchor, top)
            result.chain.update(_chain_to(org, anchor, top))
    return result


def _chain_to(org: Org, pid: str, stop: str | None) -> list[str]:
    """``pid`` and its managers up to (not including) ``stop``."""
    out = [pid]
    for m in org.manager_chain(pid):
        if m == stop:
            break
        out.append(m)
    return out


def _choose_leader(org: Org, result: MLOrg, members: dict[str, list[str]], sound: set[str]) -> None:
    """The Director or VP below the common leader whose org holds the most ML people."""
    people = org.people
    top = result.top

    counts: dict[str, int] = {}
    team_counts: dict[str, int] = {}
    for tid in result.teams:
        size = sum(
            1 for m in members.get(tid, ()) if m in sound and people[m].role is not Role.OPEN
        )
        for x in _chain_to(org, result.anchors[tid][0], top):
            counts[x] = counts.get(x, 0) + size
            team_counts[x] = team_counts.get(x, 0) + 1
    # everyone on a pipeline who is not in an ML team: PMs, say (counted where they report)
    ml_team_set = set(result.teams)
    for pid in org._placements:
        p = people.get(pid)
        if p is None or p.role is Role.OPEN or p.team in ml_team_set or pid not in sound:
            continue
        for x in _chain_to(org, pid, top):
            counts[x] = counts.get(x, 0) + 1
    result.ml_people = counts
    managers = {org.teams[t].manager for t in result.teams}
    best: tuple[int, int] | None = None
    for pid, n in counts.items():
        if pid == top or not is_leader(people[pid]):
            continue
        if team_counts.get(pid, 0) < 2 and pid in managers:
            continue  # the manager of a single team
        key = (n, len(org.manager_chain(pid)))
        if best is None or key > best:
            best, result.leader = key, pid
    if result.leader is None and result.split_reason == "non-ml":
        # nobody below leads ML teams: the common leader runs ML (and something else)
        result.split, result.split_reason, result.leader = False, "", top


def _sits_under(org: Org, team: Team, anchor: str, top: str | None) -> str:
    """The leader an outside ML team sits under: the first Director or VP above its
    manager (the manager itself when a leader by role), else the common leader or root."""
    people = org.people
    cur: str | None = anchor
    if anchor == team.manager and not people[anchor].role.is_leader:
        cur = people[anchor].manager
    last = anchor
    while cur is not None and cur in people:
        if is_leader(people[cur]) or cur == top:
            return cur
        last = cur
        cur = people[cur].manager
    return last
