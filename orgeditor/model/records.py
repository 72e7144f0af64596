"""Entities as plain dicts: the form changes carry and files and clipboards hold.

:func:`entity_record` turns a person, team, pipeline or org unit into a dict of its fields
(a person's placements are not part of it); :func:`entity_from_record` builds the entity
back, missing keys taking their defaults. :func:`json_value` and :func:`field_value` convert
one field value to and from its JSON form.

Examples
--------
>>> from orgeditor.model.entities import Team
>>> rec = entity_record("team", Team("t1", "Modeling", kind="modeling"))
>>> rec["name"], entity_from_record("team", rec) == Team("t1", "Modeling", kind="modeling")
('Modeling', True)
"""

from __future__ import annotations

from typing import Any

from orgeditor.model.entities import OrgUnit, Person, Pipeline, Role, Team

__all__ = ["entity_from_record", "entity_record", "field_value", "json_value"]


def entity_record(kind: str, ent: Any) -> dict[str, Any]:
    """A plain dict of an entity's fields (placements are not part of a person's record)."""
    if kind == "person":
        p: Person = ent
        return {
            "id": p.id,
            "name": p.name,
            "title": p.title,
            "level": p.level,
            "role": p.role.value,
            "team": p.team,
            "manager": p.manager,
            "dotted": list(p.dotted),
            "unresolved_manager": p.unresolved_manager,
            "unresolved_dotted": list(p.unresolved_dotted),
            "fields": dict(p.fields),
        }
    if kind == "team":
        t: Team = ent
        return {
            "id": t.id,
            "name": t.name,
            "kind": t.kind,
            "manager": t.manager,
            "tech_lead": t.tech_lead,
            "kpi": t.kpi,
        }
    if kind == "pipeline":
        pl: Pipeline = ent
        return {"id": pl.id, "name": pl.name, "owner": pl.owner, "tech_lead": pl.tech_lead}
    if kind == "unit":
        u: OrgUnit = ent
        return {
            "id": u.id,
            "name": u.name,
            "leader": u.leader,
            "teams": list(u.teams),
            "tech_lead": u.tech_lead,
        }
    raise KeyError(kind)


def entity_from_record(kind: str, rec: dict[str, Any]) -> Any:
    """The inverse of :func:`entity_record`; missing keys take their defaults."""
    if kind == "person":
        return Person(
            id=rec["id"],
            name=rec.get("name", ""),
            title=rec.get("title", ""),
            level=rec.get("level", ""),
            role=Role(rec.get("role", "ic")),
            team=rec.get("team"),
            manager=rec.get("manager"),
            dotted=tuple(rec.get("dotted", ())),
            unresolved_manager=rec.get("unresolved_manager"),
            unresolved_dotted=tuple(rec.get("unresolved_dotted", ())),
            fields=dict(rec.get("fields", {})),
        )
    if kind == "team":
        return Team(
            id=rec["id"],
            name=rec.get("name", ""),
            kind=rec.get("kind", ""),
            manager=rec.get("manager"),
            tech_lead=rec.get("tech_lead"),
            kpi=rec.get("kpi", ""),
        )
    if kind == "pipeline":
        return Pipeline(
            id=rec["id"],
            name=rec.get("name", ""),
            owner=rec.get("owner"),
            tech_lead=rec.get("tech_lead"),
        )
    if kind == "unit":
        return OrgUnit(
            id=rec["id"],
            name=rec.get("name", ""),
            leader=rec.get("leader"),
            teams=tuple(rec.get("teams", ())),
            tech_lead=rec.get("tech_lead"),
        )
    raise KeyError(kind)


def json_value(value: Any) -> Any:
    """A field value in its JSON form (tuples as lists, roles as their text)."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Role):
        return value.value
    if isinstance(value, dict):
        return dict(value)
    return value


def field_value(kind: str, field: str, value: Any) -> Any:
    """Turn a JSON value back into the field's Python type."""
    if kind == "person" and field == "role":
        return Role(value)
    if isinstance(value, list):
        return tuple(value)
    return value
