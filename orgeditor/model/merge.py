"""Three-way merge of orgs: BASE, OURS and THEIRS as file data, at the level of entities and
fields.

Things merged one by one: the org's name and each top-level setting; each person, team,
pipeline and org unit and each of their fields; each placement (a person in a cell, with its
share); each dotted line; each team of an org unit; each planned step. For each thing:

- changed on one side only: that side's value;
- changed the same way on both sides: that value;
- changed differently on both sides, or removed on one side and changed on the other: a
  **conflict**. The result holds OURS' value and the conflict is recorded (``org.conflicts``)
  with the base, ours and theirs values, until the user keeps ours or takes theirs.

The order of teams, pipelines and units follows OURS, with THEIRS' additions after. After the
merge every reference must point at something that exists: a thing removed by THEIRS but
still named by OURS' edits is kept (a conflict on that thing); a reference THEIRS added to
something OURS removed is dropped (a conflict on the field that held it).

All inputs are plain data as :func:`orgeditor.io.orgfile.to_data` writes it (so the merge
works on file contents without building three orgs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MergeResult", "merge_data"]

_MISSING: Any = object()

#: Reference fields of each kind: field -> the kind it names.
_REFS: dict[str, dict[str, str]] = {
    "person": {"team": "team", "manager": "person"},
    "team": {"manager": "person", "tech_lead": "person"},
    "pipeline": {"owner": "person", "tech_lead": "person"},
    "unit": {"leader": "person", "tech_lead": "person"},
}
_TABLES = {"person": "people", "team": "teams", "pipeline": "pipelines", "unit": "units"}


@dataclass(slots=True)
class MergeResult:
    """The merged file data, the conflicts (ours kept) and what was merged."""

    data: dict[str, Any]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    merged: list[dict[str, Any]] = field(default_factory=list)


class _Side:
    """One org's data split into the things the merge compares."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.name = data.get("name", "")
        self.settings: dict[str, Any] = dict(data.get("settings") or {})
        self.ents: dict[str, dict[str, dict[str, Any]]] = {}
        self.order: dict[str, list[str]] = {}
        self.places: dict[tuple[str, str | None, str], int] = {}
        self.dotted: dict[tuple[str, str], None] = {}
        self.unit_teams: dict[tuple[str, str], None] = {}
        self.places_by: dict[str, list[tuple[str, str, int]]] = {}
        self.dotted_by: dict[str, list[str]] = {}
        self.teams_by: dict[str, list[str]] = {}
        for kind, key in _TABLES.items():
            table: dict[str, dict[str, Any]] = {}
            for rec in data.get(key) or ():
                rec = dict(rec)
                pid = rec["id"]
                if kind == "person":
                    for pl in rec.pop("placements", None) or ():
                        share = pl.get("share", 100)
                        self.places[(pid, pl.get("team"), pl["pipeline"])] = share
                        self.places_by.setdefault(pid, []).append(
                            (pl.get("team") or "", pl["pipeline"], share)
                        )
                    dotted = rec.pop("dotted", None) or ()
                    for m in dotted:
                        self.dotted[(pid, m)] = None
                    if dotted:
                        self.dotted_by[pid] = list(dotted)
                elif kind == "unit":
                    teams = rec.pop("teams", None) or ()
                    for t in teams:
                        self.unit_teams[(pid, t)] = None
                    if teams:
                        self.teams_by[pid] = list(teams)
                table[pid] = rec
            self.ents[kind] = table
            self.order[kind] = list(table)
        self.plan: dict[str, dict[str, Any]] = {s["id"]: dict(s) for s in data.get("plan") or ()}
        self.conflicts: dict[str, dict[str, Any]] = {
            c["id"]: dict(c) for c in data.get("conflicts") or ()
        }

    def full(self, kind: str, id: str) -> Any:
        """An entity with its sub-items, for "was it changed?" questions."""
        rec = self.ents[kind].get(id)
        if rec is None:
            return None
        if kind == "person":
            return (rec, sorted(self.places_by.get(id, ())), sorted(self.dotted_by.get(id, ())))
        if kind == "unit":
            return (rec, sorted(self.teams_by.get(id, ())))
        return rec


def _pick(b: Any, o: Any, t: Any) -> tuple[Any, str | None, bool]:
    """``(value, side, conflict)``: the merged value of one thing, which side it came from
    (``None``: unchanged), and whether both sides changed it differently (then ours)."""
    if o == t:
        return o, (None if o == b else "both"), False
    if o == b:
        return t, "theirs", False
    if t == b:
        return o, "ours", False
    return o, "ours", True


class _Merger:
    def __init__(self, base: _Side, ours: _Side, theirs: _Side) -> None:
        self.b, self.o, self.t = base, ours, theirs
        self.conflicts: list[dict[str, Any]] = []
        #: the conflicts of this merge as recorded in the file (with ids)
        self.records: list[dict[str, Any]] = []
        self.merged: list[dict[str, Any]] = []
        self.ents: dict[str, dict[str, dict[str, Any]]] = {}
        self.places: dict[tuple[str, str | None, str], int] = {}
        self.dotted: dict[tuple[str, str], None] = {}
        self.unit_teams: dict[tuple[str, str], None] = {}

    # -------------------------------------------------------------- recording
    def _name(self, kind: str, id: str) -> str:
        for side in (self.o, self.t, self.b):
            rec = side.ents.get(kind, {}).get(id) if kind in _TABLES else None
            if rec is not None:
                return str(rec.get("name") or id)
        if kind == "step":
            for side in (self.o, self.t, self.b):
                if id in side.plan:
                    return str(side.plan[id].get("name") or id)
        return id

    def conflict(self, kind: str, id: str, fld: str | None, b: Any, o: Any, t: Any) -> None:
        self.conflicts.append(
            {
                "subject": {"kind": kind, "id": id, "name": self._name(kind, id)},
                "field": fld,
                "base": _plain(b),
                "ours": _plain(o),
                "theirs": _plain(t),
            }
        )

    def note(self, kind: str, id: str, fld: str | None, side: str | None) -> None:
        if side is not None:
            subject = {"kind": kind, "id": id, "name": self._name(kind, id)}
            self.merged.append({"subject": subject, "field": fld, "from": side})

    # ---------------------------------------------------------------- merging
    def run(self) -> None:
        for kind in _TABLES:
            self._entities(kind)
        self._items(
            "places",
            self.b.places,
            self.o.places,
            self.t.places,
            self.places,
            lambda k: ("person", k[0], f"placements[{k[1] or ''},{k[2]}]"),
        )
        self._items(
            "dotted",
            self.b.dotted,
            self.o.dotted,
            self.t.dotted,
            self.dotted,
            lambda k: ("person", k[0], f"dotted[{k[1]}]"),
        )
        self._items(
            "unit_teams",
            self.b.unit_teams,
            self.o.unit_teams,
            self.t.unit_teams,
            self.unit_teams,
            lambda k: ("unit", k[0], f"teams[{k[1]}]"),
        )
        self._repair()

    def _entities(self, kind: str) -> None:
        bt, ot, tt = self.b.ents[kind], self.o.ents[kind], self.t.ents[kind]
        out: dict[str, dict[str, Any]] = {}
        for id in _union(ot, tt, bt):
            b, o, t = bt.get(id), ot.get(id), tt.get(id)
            if o is not None and o == t:
                out[id] = o
                if b != o:
                    self.note(kind, id, None, "both")
                continue
            if o is None or t is None:
                if o is None and t is None:
                    continue  # removed on both sides
                gone, kept = (self.o, self.t) if o is None else (self.t, self.o)
                if b is None:  # added on one side only
                    added = o if o is not None else t
                    assert added is not None
                    out[id] = added
                    self.note(kind, id, None, "ours" if o is not None else "theirs")
                elif kept.full(kind, id) == self.b.full(kind, id):  # removed, not changed
                    self.note(kind, id, None, "ours" if gone is self.o else "theirs")
                else:  # removed on one side, changed on the other: ours
                    self.conflict(
                        kind,
                        id,
                        None,
                        self.b.full(kind, id),
                        self.o.full(kind, id),
                        self.t.full(kind, id),
                    )
                    if o is not None:
                        out[id] = o
                continue
            rec: dict[str, Any] = {"id": id}
            base = b or {}
            for f in _union(o, t, base):
                if f == "id":
                    continue
                bv, ov, tv = base.get(f), o.get(f), t.get(f)
                value, side, clash = _pick(bv, ov, tv)
                if clash:
                    self.conflict(kind, id, f, bv, ov, tv)
                else:
                    self.note(kind, id, f, side)
                if value is not None:
                    rec[f] = value
            out[id] = rec
        self.ents[kind] = out

    def _items(
        self,
        what: str,
        b: Mapping[Any, Any],
        o: Mapping[Any, Any],
        t: Mapping[Any, Any],
        out: dict[Any, Any],
        subject: Any,
    ) -> None:
        owner_kind = "unit" if what == "unit_teams" else "person"
        for key in _union(o, t, b):
            bv, ov, tv = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
            value, side, clash = _pick(bv, ov, tv)
            kind, id, fld = subject(key)
            if key[0] not in self.ents[owner_kind]:
                continue  # its person or unit is not in the result
            if clash:
                self.conflict(kind, id, fld, _opt(bv), _opt(ov), _opt(tv))
            else:
                self.note(kind, id, fld, side)
            if value is not _MISSING:
                out[key] = value

    # ------------------------------------------------------------- references
    def _dangling(self) -> list[tuple[str, str, str, str, str]]:
        """``(kind, id, field, target kind, target id)`` of references to nothing."""
        ents = self.ents
        bad = []
        for kind, refs in _REFS.items():
            for id, rec in ents[kind].items():
                for f, target in refs.items():
                    v = rec.get(f)
                    if v is not None and v not in ents[target]:
                        bad.append((kind, id, f, target, v))
        for pid, team, pipe in self.places:
            if team is not None and team not in ents["team"]:
                bad.append(("place", pid, f"{team}|{pipe}", "team", team))
            elif pipe not in ents["pipeline"]:
                bad.append(("place", pid, f"{team or ''}|{pipe}", "pipeline", pipe))
        for pid, m in self.dotted:
            if m not in ents["person"]:
                bad.append(("dotted", pid, m, "person", m))
        for uid, tid in self.unit_teams:
            if tid not in ents["team"]:
                bad.append(("unit_teams", uid, tid, "team", tid))
        return bad

    def _repair(self) -> None:
        for _round in range(100):
            bad = self._dangling()
            if not bad:
                return
            for kind, id, f, target, tid in bad:
                if tid in self.ents[target]:
                    continue  # restored earlier in this round
                if tid in self.o.ents[target]:  # theirs removed it, ours still names it: keep
                    self._restore(target, tid)
                else:  # ours removed it, theirs' edit names it: drop the reference
                    self._drop(kind, id, f, target, tid)
        raise AssertionError("merge: references did not settle")  # pragma: no cover

    def _restore(self, kind: str, id: str) -> None:
        self.conflict(kind, id, None, self.b.full(kind, id), self.o.full(kind, id), None)
        self.ents[kind][id] = dict(self.o.ents[kind][id])
        if kind == "person":
            for team, pipe, share in self.o.places_by.get(id, ()):
                self.places[(id, team or None, pipe)] = share
            self.dotted.update({(id, m): None for m in self.o.dotted_by.get(id, ())})
        elif kind == "unit":
            self.unit_teams.update({(id, t): None for t in self.o.teams_by.get(id, ())})

    def _drop(self, kind: str, id: str, f: str, target: str, tid: str) -> None:
        if kind in _REFS:
            ours = self.o.ents[kind].get(id, {}).get(f)
            base = self.b.ents[kind].get(id, {}).get(f)
            theirs = self.t.ents[kind].get(id, {}).get(f)
            self.conflict(kind, id, f, base, ours, theirs)
            rec = self.ents[kind][id]
            if ours is None or ours not in self.ents[target]:
                rec.pop(f, None)
            else:
                rec[f] = ours
        elif kind == "place":
            team, pipe = f.split("|", 1)
            key = (id, team or None, pipe)
            self.conflict(
                "person",
                id,
                f"placements[{team},{pipe}]",
                self.b.places.get(key),
                None,
                self.places.get(key),
            )
            self.places.pop(key, None)
        elif kind == "dotted":
            self.conflict("person", id, f"dotted[{f}]", None, None, True)
            self.dotted.pop((id, f), None)
        else:
            self.conflict("unit", id, f"teams[{f}]", None, None, True)
            self.unit_teams.pop((id, f), None)

    # ------------------------------------------------------------------ output
    def data(self, template: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": template.get("format"),
            "version": template.get("version"),
        }
        value, side, clash = _pick(self.b.name, self.o.name, self.t.name)
        if clash:
            self.conflict("org", "", "name", self.b.name, self.o.name, self.t.name)
        self.note("org", "", "name", side)
        out["name"] = value
        settings: dict[str, Any] = {}
        bs, os_, ts = self.b.settings, self.o.settings, self.t.settings
        for key in _union(os_, ts, bs):
            bv, ov, tv = bs.get(key, _MISSING), os_.get(key, _MISSING), ts.get(key, _MISSING)
            value, side, clash = _pick(bv, ov, tv)
            if clash:
                self.conflict("org", "", f"settings.{key}", _opt(bv), _opt(ov), _opt(tv))
            else:
                self.note("org", "", f"settings.{key}", side)
            if value is not _MISSING:
                settings[key] = value
        out["settings"] = settings
        places: dict[str, list[dict[str, Any]]] = {}
        for (pid, team, pipe), share in self.places.items():
            places.setdefault(pid, []).append({"team": team, "pipeline": pipe, "share": share})
        dotted: dict[str, list[str]] = {}
        for pid, m in self.dotted:
            dotted.setdefault(pid, []).append(m)
        unit_teams: dict[str, list[str]] = {}
        for uid, tid in self.unit_teams:
            unit_teams.setdefault(uid, []).append(tid)
        for kind, key in (("unit", "units"), ("team", "teams"), ("pipeline", "pipelines")):
            recs = []
            for id in self._order(kind):
                rec = dict(self.ents[kind][id])
                if kind == "unit" and id in unit_teams:
                    rec["teams"] = self._ordered_members(unit_teams[id], id)
                recs.append(rec)
            out[key] = recs
        people = []
        for id, rec in self.ents["person"].items():
            rec = dict(rec)
            if id in dotted:
                rec["dotted"] = self._ordered_dotted(dotted[id], id)
            if id in places:
                rec["placements"] = places[id]
            people.append(rec)
        out["people"] = people
        out["plan"] = self._plan()
        out["conflicts"] = self._all_conflicts()
        return out

    def _order(self, kind: str) -> list[str]:
        present = self.ents[kind]
        order = [i for i in self.o.order[kind] if i in present]
        seen = set(order)
        order += [i for i in self.t.order[kind] if i in present and i not in seen]
        seen.update(order)
        order += [i for i in present if i not in seen]
        return order

    def _ordered_members(self, members: list[str], uid: str) -> list[str]:
        return _ordered(members, self.o.teams_by.get(uid, []), self.t.teams_by.get(uid, []))

    def _ordered_dotted(self, members: list[str], pid: str) -> list[str]:
        return _ordered(members, self.o.dotted_by.get(pid, []), self.t.dotted_by.get(pid, []))

    def _plan(self) -> list[dict[str, Any]]:
        bp, op, tp = self.b.plan, self.o.plan, self.t.plan
        steps = []
        for id in _union(op, tp, bp):
            b, o, t = bp.get(id), op.get(id), tp.get(id)
            if o == t or t == b:
                value = o
            elif o == b:
                value = t
            elif o is None or t is None:
                self.conflict("step", id, None, b, o, t)
                value = o
            else:
                value = {"id": id}
                for f in ("name", "date", "changes"):
                    v, _side, clash = _pick((b or {}).get(f), o.get(f), t.get(f))
                    if clash:
                        self.conflict("step", id, f, (b or {}).get(f), o.get(f), t.get(f))
                    value[f] = v
            if value != b:
                self.note("step", id, None, "ours" if value == o else "theirs")
            if value is not None:
                steps.append(value)
        steps.sort(key=lambda s: s["date"])
        return steps

    def _all_conflicts(self) -> list[dict[str, Any]]:
        from orgeditor.model.ids import new_id

        kept = dict(self.o.conflicts)
        for cid, c in self.t.conflicts.items():
            if cid not in self.b.conflicts:
                kept.setdefault(cid, c)
        for cid in self.b.conflicts:
            if cid not in self.o.conflicts or cid not in self.t.conflicts:
                kept.pop(cid, None)  # resolved on one side
        taken = set(kept)
        for c in self.conflicts:
            cid = new_id("c", taken)
            taken.add(cid)
            self.records.append({"id": cid, **c})
        return [*kept.values(), *self.records]


def _ordered(members: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    keep = set(members)
    out = [m for m in ours if m in keep]
    out += [m for m in theirs if m in keep and m not in out]
    out += [m for m in members if m not in out]
    return out


def _opt(v: Any) -> Any:
    return None if v is _MISSING else v


def _plain(v: Any) -> Any:
    """A JSON-able copy of a value (tuples of the sub-item form become lists)."""
    if isinstance(v, tuple | list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _union(*maps: Iterable[Any]) -> list[Any]:
    """Keys of several mappings, first-seen order, without repeats."""
    out: dict[Any, None] = {}
    for m in maps:
        out.update(dict.fromkeys(m))
    return list(out)


def merge_data(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> MergeResult:
    """Merge three orgs given as file data (current version); see the module docstring."""
    m = _Merger(_Side(base), _Side(ours), _Side(theirs))
    m.run()
    data = m.data(ours)
    return MergeResult(data, m.records, m.merged)
