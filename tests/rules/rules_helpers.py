"""A small healthy org for the rule tests: each test breaks it in one place."""

from __future__ import annotations

from typing import Any

from orgeditor.document import Document
from orgeditor.model.changes import SetField
from orgeditor.model.org import Org
from orgeditor.model.rules import Finding, check, config_for


def healthy() -> Document:
    """Director of ML over a PM, a Data Operations and a Modeling team, one pipeline.

    Ids: ``head``, ``pm``, ``mgr_d`` (+ ``d1``, ``d2``), ``mgr_m`` (+ ``m1``, ``m2``); teams
    ``data`` and ``model``; pipeline ``l1``. No rule finds anything in it.
    """
    doc = Document()
    doc.add_person("Hana Head", title="Director of ML", role="director", id="head")
    doc.add_person("Paul Pm", title="ML Product Manager", role="pm", manager="head", id="pm")
    doc.add_pipeline("Feed ranking", owner="pm", id="l1")
    doc.add_placement("pm", None, "l1", 100)
    for team, kind, mgr, ics in (
        ("data", "data-operations", "mgr_d", ("d1", "d2")),
        ("model", "modeling", "mgr_m", ("m1", "m2")),
    ):
        doc.add_person(f"Manager {team}", title="Manager", role="manager", manager="head", id=mgr)
        doc.add_team(team.title(), kind=kind, manager=mgr, id=team)
        doc.set_field("person", mgr, "team", team)
        for ic in ics:
            doc.add_person(
                f"Person {ic}",
                title="Engineer",
                team=team,
                pipeline="l1",
                manager=mgr,
                id=ic,
            )
    return doc


def force(org: Org, kind: str, id: str, field: str, value: Any) -> None:
    """Set a field bypassing the document's checks (imports can leave such states)."""
    old = getattr(org.entity(kind, id), field)
    SetField(kind, id, field, old, value).apply(org)


def run(org: Org, rule: str, **params: Any) -> list[Finding]:
    """The findings of one rule, with optional parameters."""
    overrides = {rule: params} if params else None
    return [f for f in check(org, config_for(org, overrides=overrides)) if f.rule == rule]


def subject_ids(finding: Finding) -> list[tuple[str, str]]:
    return [(s.kind, s.id) for s in finding.subjects]
