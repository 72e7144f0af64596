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
works on file contents without building three orgs). Whole records are compared first: an
entity changed on one side only is taken as that side has it, and only entities changed on
both sides are merged field by field, so the merge costs little more than reading the files.
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
#: List fields merged member by member: kind -> field -> the kind of the members.
_MEMBERS = {"person": {"dotted": "person"}, "unit": {"teams": "team"}}


@dataclass(slots=True)
class MergeResult:
    """The merged file data, the conflicts (ours kept) and what was merged."""

    data: dict[str, Any]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    merged: list[dict[str, Any]] = field(default_factory=list)


def _table(data: Mapping[str, Any], key: str) -> dict[str, dict[str, Any]]:
    return {rec["id"]: rec for rec in data.get(key) or ()}


def _cells(rec: Mapping[str, Any] | None) -> dict[tuple[str | None, str], int]:
    if rec is None:
        return {}
    return {
        (pl.get("team"), pl["pipeline"]): pl.get("share", 100) for pl in rec.get("placements") or ()
    }


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


def _union(*maps: Iterable[Any]) -> list[Any]:
    """Keys of several mappings, first-seen order, without repeats."""
    out: dict[Any, None] = {}
    for m in maps:
        out.update(dict.fromkeys(m))
    return list(out)


def _ordered(members: Iterable[str], ours: Iterable[str], theirs: Iterable[str]) -> list[str]:
    keep = dict.fromkeys(members)
    out = [m for m in ours if m in keep]
    seen = set(out)
    for m in (*theirs, *keep):
        if m in keep and m not in seen:
            seen.add(m)
            out.append(m)
    return out


def _opt(v: Any) -> Any:
    return None if v is _MISSING else v


class _Merger:
    def __init__(
        self, base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
    ) -> None:
        self.sides = (base, ours, theirs)
        self.tables = {
            kind: tuple(_table(d, key) for d in self.sides) for kind, key in _TABLES.items()
        }
        self.conflicts: list[dict[str, Any]] = []
        #: the conflicts of this merge as recorded in the file (with ids)
        self.records: list[dict[str, Any]] = []
        self.merged: list[dict[str, Any]] = []
        self.ents: dict[str, dict[str, dict[str, Any]]] = {}

    # -------------------------------------------------------------- recording
    def _name(self, kind: str, id: str) -> str:
        if kind in self.tables:
            for table in reversed(self.tables[kind]):
                rec = table.get(id)
                if rec is not None and rec.get("name"):
                    return str(rec["name"])
            for table in reversed(self.tables[kind]):  # an open position has no name
                rec = table.get(id)
                if rec is not None and kind == "person":
                    title = rec.get("title")
                    return f"Open: {title}" if title else "Open position"
        elif kind == "step":
            for d in self.sides:
                for s in d.get("plan") or ():
                    if s["id"] == id and s.get("name"):
                        return str(s["name"])
        return id

    def conflict(self, kind: str, id: str, fld: str | None, b: Any, o: Any, t: Any) -> None:
        self.conflicts.append(
            {
                "subject": {"kind": kind, "id": id, "name": self._name(kind, id)},
                "field": fld,
                "base": b,
                "ours": o,
                "theirs": t,
            }
        )

    def note(self, kind: str, id: str, fld: str | None, side: str | None) -> None:
        if side is not None:
            subject = {"kind": kind, "id": id, "name": self._name(kind, id)}
            self.merged.append({"subject": subject, "field": fld, "from": side})

    def _note_fields(
        self, kind: str, id: str, b: Mapping[str, Any], new: Mapping[str, Any], side: str
    ) -> None:
        for f in _union(new, b):
            if f != "id" and b.get(f) != new.get(f):
                self.note(kind, id, f, side)

    # ------------------------------------------------------------- entities
    def run(self) -> None:
        for kind in _TABLES:
            self._entities(kind)
        self._repair()

    def _entities(self, kind: str) -> None:
        bt, ot, tt = self.tables[kind]
        out: dict[str, dict[str, Any]] = {}
        rest: list[str] = []
        for id, rec in ot.items():  # the fast path: the same on both sides
            if rec == tt.get(id):
                out[id] = rec
                if rec != bt.get(id):
                    self.note(kind, id, None, "both")
            else:
                rest.append(id)
        rest += [i for i in tt if i not in ot]
        rest += [i for i in bt if i not in ot and i not in tt]  # removed on both sides
        for id in rest:
            b, o, t = bt.get(id), ot.get(id), tt.get(id)
            if o == t:  # gone on both
                continue
            if t == b:  # only ours changed it
                if o is not None:
                    out[id] = o
                self._note_change(kind, id, b, o, "ours")
                continue
            if o == b:  # only theirs changed it
                if t is not None:
                    out[id] = t
                self._note_change(kind, id, b, t, "theirs")
                continue
            if o is None or t is None:  # removed on one side, changed on the other: ours
                self.conflict(kind, id, None, b, o, t)
                if o is not None:
                    out[id] = o
                continue
            out[id] = self._fields(kind, id, b or {"id": id}, o, t)
        self.ents[kind] = out

    def _note_change(self, kind: str, id: str, b: Any, new: Any, side: str) -> None:
        if b is None or new is None:
            self.note(kind, id, None, side)
        else:
            self._note_fields(kind, id, b, new, side)

    def _fields(
        self, kind: str, id: str, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]
    ) -> dict[str, Any]:
        """An entity both sides changed, merged field by field."""
        rec: dict[str, Any] = {"id": id}
        members = _MEMBERS.get(kind, {})
        for f in _union(o, t, b):
            if f == "id":
                continue
            bv, ov, tv = b.get(f), o.get(f), t.get(f)
            if f == "placements":
                cells = self._cells(id, _cells(b), _cells(o), _cells(t))
                if cells:
                    rec[f] = cells
                continue
            if f in members:
                got = self._members(kind, id, f, bv or (), ov or (), tv or ())
                if got:
                    rec[f] = got
                continue
            if f == "fields":  # custom fields (hiring facts among them): key by key
                merged_fields = self._keys(kind, id, "fields", bv or {}, ov or {}, tv or {})
                if merged_fields:
                    rec[f] = merged_fields
                continue
            value, side, clash = _pick(bv, ov, tv)
            if clash:
                self.conflict(kind, id, f, bv, ov, tv)
            else:
                self.note(kind, id, f, side)
            if value is not None:
                rec[f] = value
        return rec

    def _keys(
        self, kind: str, id: str, f: str, b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]
    ) -> dict[str, Any]:
        """A mapping merged key by key (conflicts name ``FIELD.KEY``)."""
        out = {}
        for key in _union(o, t, b):
            bv, ov, tv = b.get(key, _MISSING), o.get(key, _MISSING), t.get(key, _MISSING)
            value, side, clash = _pick(bv, ov, tv)
            if clash:
                self.conflict(kind, id, f"{f}.{key}", _opt(bv), _opt(ov), _opt(tv))
            else:
                self.note(kind, id, f"{f}.{key}", side)
            if value is not _MISSING:
                out[key] = value
        return out

    def _cells(
        self, id: str, b: dict[Any, int], o: dict[Any, int], t: dict[Any, int]
    ) -> list[dict[str, Any]]:
        out = []
        for cell in _union(o, t, b):
            bv, ov, tv = b.get(cell, _MISSING), o.get(cell, _MISSING), t.get(cell, _MISSING)
            value, side, clash = _pick(bv, ov, tv)
            fld = f"placements[{cell[0] or ''},{cell[1]}]"
            if clash:
                self.conflict("person", id, fld, _opt(bv), _opt(ov), _opt(tv))
            else:
                self.note("person", id, fld, side)
            if value is not _MISSING:
                out.append({"team": cell[0], "pipeline": cell[1], "share": value})
        return out

    def _members(
        self, kind: str, id: str, f: str, b: Iterable[str], o: Iterable[str], t: Iterable[str]
    ) -> list[str]:
        """A list of ids merged as a set: added on either side, removed on either side."""
        bs, os_, ts = set(b), set(o), set(t)
        keep = []
        for m in _union(o, t, b):
            value, side, _clash = _pick(m in bs, m in os_, m in ts)  # two states: no clash
            self.note(kind, id, f"{f}[{m}]", side)
            if value:
                keep.append(m)
        return _ordered(keep, o, t)

    # ------------------------------------------------------------- references
    def _dangling(self) -> list[tuple[str, str, str, str, str]]:
        """``(kind, id, field, target kind, target id)`` of references to nothing; field is
        ``placements`` (target the team or pipeline) or a member list for list fields."""
        ents = self.ents
        bad = []
        teams, pipes = ents["team"], ents["pipeline"]
        for kind, refs in _REFS.items():
            members = _MEMBERS.get(kind, {})
            for id, rec in ents[kind].items():
                for f, target in refs.items():
                    v = rec.get(f)
                    if v is not None and v not in ents[target]:
                        bad.append((kind, id, f, target, v))
                for f, target in members.items():
                    for v in rec.get(f) or ():
                        if v not in ents[target]:
                            bad.append((kind, id, f, target, v))
                if kind == "person":
                    for pl in rec.get("placements") or ():
                        team, pipe = pl.get("team"), pl["pipeline"]
                        if team is not None and team not in teams:
                            bad.append((kind, id, "placements", "team", team))
                        elif pipe not in pipes:
                            bad.append((kind, id, "placements", "pipeline", pipe))
        return bad

    def _repair(self) -> None:
        for _round in range(100):
            bad = self._dangling()
            if not bad:
                return
            for kind, id, f, target, tid in bad:
                if tid in self.ents[target]:
                    continue  # restored earlier in this round
                ours = self.tables[target][1].get(tid)
                if ours is not None:  # theirs removed it, ours still names it: keep it
                    self.conflict(target, tid, None, self.tables[target][0].get(tid), ours, None)
                    self.ents[target][tid] = ours
                else:  # ours removed it, theirs' edit names it: drop the reference
                    self._drop(kind, id, f, target, tid)
        raise AssertionError("merge: references did not settle")  # pragma: no cover

    def _drop(self, kind: str, id: str, f: str, target: str, tid: str) -> None:
        rec = dict(self.ents[kind][id])
        b_rec = self.tables[kind][0].get(id) or {}
        o_rec = self.tables[kind][1].get(id) or {}
        t_rec = self.tables[kind][2].get(id) or {}
        if f == "placements":
            at = "team" if target == "team" else "pipeline"
            gone = [pl for pl in rec.get("placements") or () if pl.get(at) == tid]
            for pl in gone:
                cell = (pl.get("team"), pl["pipeline"])
                self.conflict(
                    kind,
                    id,
                    f"placements[{cell[0] or ''},{cell[1]}]",
                    _cells(b_rec).get(cell),
                    None,
                    pl.get("share", 100),
                )
            rec["placements"] = [pl for pl in rec["placements"] if pl not in gone]
        elif f in _MEMBERS.get(kind, {}):
            self.conflict(kind, id, f"{f}[{tid}]", tid in (b_rec.get(f) or ()), False, True)
            rec[f] = [m for m in rec[f] if m != tid]
        else:
            ours = o_rec.get(f)
            self.conflict(kind, id, f, b_rec.get(f), ours, t_rec.get(f))
            if ours is None or ours not in self.ents[target]:
                rec.pop(f, None)
            else:
                rec[f] = ours
        self.ents[kind][id] = rec

    # ------------------------------------------------------------------ output
    def data(self) -> dict[str, Any]:
        ours = self.sides[1]
        out: dict[str, Any] = {"format": ours.get("format"), "version": ours.get("version")}
        names = [d.get("name", "") for d in self.sides]
        value, side, clash = _pick(*names)
        if clash:
            self.conflict("org", "", "name", *names)
        self.note("org", "", "name", side)
        out["name"] = value
        settings: dict[str, Any] = {}
        bs, os_, ts = (d.get("settings") or {} for d in self.sides)
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
        for kind, key in (("unit", "units"), ("team", "teams"), ("pipeline", "pipelines")):
            present = self.ents[kind]
            order = _ordered(present, self.tables[kind][1], self.tables[kind][2])
            out[key] = [present[i] for i in order]
        out["people"] = list(self.ents["person"].values())
        out["plan"] = self._plan()
        out["conflicts"] = self._all_conflicts()
        return out

    def _plan(self) -> list[dict[str, Any]]:
        bp, op, tp = (_table(d, "plan") for d in self.sides)
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

        bc, oc, tc = (_table(d, "conflicts") for d in self.sides)
        kept = dict(oc)
        for cid, c in tc.items():
            if cid not in bc:
                kept.setdefault(cid, c)
        for cid in bc:
            if cid not in oc or cid not in tc:
                kept.pop(cid, None)  # resolved on one side
        taken = set(kept)
        for c in self.conflicts:
            cid = new_id("c", taken)
            taken.add(cid)
            self.records.append({"id": cid, **c})
        return [*kept.values(), *self.records]


def merge_data(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> MergeResult:
    """Merge three orgs given as file data (current version); see the module docstring.

    The inputs are not changed; the result shares unchanged records with them.
    """
    m = _Merger(base, ours, theirs)
    m.run()
    data = m.data()
    return MergeResult(data, m.records, m.merged)
