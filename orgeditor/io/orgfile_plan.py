"""Reading and writing the ``plan`` and ``conflicts`` lists of an ``.orgchart`` (version 2).

``plan`` holds the planned steps (:mod:`orgeditor.model.plan`), ``conflicts`` the merge
conflicts not yet resolved (:mod:`orgeditor.model.merge`). Both are optional and left out of
the file when empty, so a file without them reads exactly like a version-1 file.
"""

from __future__ import annotations

from typing import Any

from orgeditor.io.orgfile_checks import Reader, kind_of

__all__ = ["conflict_record", "plan_record", "read_conflicts", "read_plan"]

_CONFLICT_KEYS = ("id", "subject", "field", "base", "ours", "theirs")


def plan_record(step: dict[str, Any]) -> dict[str, Any]:
    """A step in the file's key order."""
    return {
        "id": step["id"],
        "name": step.get("name", ""),
        "date": step["date"],
        "changes": list(step.get("changes", [])),
    }


def conflict_record(c: dict[str, Any]) -> dict[str, Any]:
    """A conflict in the file's key order."""
    return {k: c.get(k) for k in _CONFLICT_KEYS}


def read_plan(r: Reader, raw: Any) -> list[dict[str, Any]]:
    """The plan's steps, checked (each change readable), sorted by date (stable)."""
    steps: list[dict[str, Any]] = []
    seen: set[str] = set()
    items = r.seq(raw, "plan")
    if not items:
        return steps
    # imported here: most files have no plan, and these cost a tenth of a start-up
    from orgeditor.model.changes import change_from_json
    from orgeditor.model.plan import PlanError, parse_date

    for i, item in enumerate(items):
        place = f"plan[{i}]"
        item = r.obj(item, place)
        sid = r.id(item, place, seen, "step")
        name = r.text(item, "name", place)
        date = item.get("date")
        if not isinstance(date, str):
            raise r.fail(f"{place}.date", f"expected a date (YYYY-MM-DD), found {kind_of(date)}")
        try:
            day = parse_date(date)
        except PlanError as e:
            raise r.fail(f"{place}.date", str(e)) from None
        if day != date:
            raise r.fail(f"{place}.date", f"expected a day as YYYY-MM-DD, found {date!r}")
        changes = r.seq(item.get("changes", []), f"{place}.changes")
        for j, ch in enumerate(changes):
            where = f"{place}.changes[{j}]"
            r.obj(ch, where)
            try:
                change_from_json(ch)
            except (KeyError, TypeError, ValueError) as e:
                raise r.fail(where, f"not a change orgeditor knows ({e})") from None
        steps.append({"id": sid, "name": name, "date": date, "changes": changes})
    steps.sort(key=lambda s: s["date"])
    return steps


def read_conflicts(r: Reader, raw: Any) -> list[dict[str, Any]]:
    """The recorded merge conflicts, checked for shape."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(r.seq(raw, "conflicts")):
        place = f"conflicts[{i}]"
        item = r.obj(item, place)
        r.id(item, place, seen, "conflict")
        subject = r.obj(item.get("subject"), f"{place}.subject")
        for key in ("kind", "id", "name"):
            r.text(subject, key, f"{place}.subject")
        field = item.get("field")
        if field is not None and not isinstance(field, str):
            raise r.fail(f"{place}.field", f"expected text or null, found {kind_of(field)}")
        out.append(conflict_record(item))
    return out
