"""An org as text for ``git diff``: one stable line per person and structure, by name.

``orgeditor textconv FILE`` prints these lines; with the ``.gitattributes`` of
``docs/git.md``, ``git diff`` and ``git log -p`` show a change list ("person: Ada Park |
title: Staff ML Engineer") instead of JSON with ids. Lines are sorted by kind, then name;
every reference is shown by name. Text from the file is escaped so that each thing stays on
one line whatever its name holds (``\\n``, ``|``, control characters).

>>> from orgeditor.samples import sample_org
>>> lines = org_lines(sample_org())
>>> lines[0]
'org: Northwind ML'
>>> any(line.startswith("person: Ada Lovelace-Park | ") for line in lines)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgeditor.model.org import Org

__all__ = ["escape", "org_lines"]


def escape(text: str) -> str:
    """Text on one line: backslash, ``|``, newlines and control characters escaped."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "|":
            out.append("\\|")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ord(ch) == 127 or 0x80 <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def _line(kind: str, name: str, parts: Iterable[tuple[str, str]]) -> str:
    return " | ".join([f"{kind}: {escape(name)}", *(f"{k}: {escape(v)}" for k, v in parts if v)])


def org_lines(org: Org) -> list[str]:
    """The org as sorted, stable, one-line-per-thing text."""

    def person(id: str | None) -> str:
        if id is None:
            return ""
        p = org.people.get(id)
        return p.display_name if p is not None else id

    def team(id: str | None) -> str:
        if id is None:
            return ""
        t = org.teams.get(id)
        return t.name if t is not None else id

    def pipe(id: str) -> str:
        pl = org.pipelines.get(id)
        return pl.name if pl is not None else id

    lines = [f"org: {escape(org.name)}"]
    for key, value in sorted(org.settings.items()):
        lines.append(f"setting: {escape(key)} = {escape(_json(value))}")
    groups: list[list[tuple[tuple[str, str], str]]] = [[], [], [], [], [], []]
    for i, u in enumerate(org.ordered_units()):
        parts = [
            ("position", str(i + 1)),
            ("leader", person(u.leader)),
            ("teams", ", ".join(team(t) for t in u.teams)),
            ("tech lead", person(u.tech_lead)),
        ]
        groups[0].append(((u.name, u.id), _line("unit", u.name, parts)))
    for i, t in enumerate(org.ordered_teams()):
        parts = [
            ("position", str(i + 1)),
            ("kind", t.kind),
            ("manager", person(t.manager)),
            ("tech lead", person(t.tech_lead)),
            ("kpi", t.kpi),
        ]
        groups[1].append(((t.name, t.id), _line("team", t.name, parts)))
    for i, pl in enumerate(org.ordered_pipelines()):
        parts = [
            ("position", str(i + 1)),
            ("owner", person(pl.owner)),
            ("tech lead", person(pl.tech_lead)),
        ]
        groups[2].append(((pl.name, pl.id), _line("pipeline", pl.name, parts)))
    for p in org.people.values():
        cells = ", ".join(
            sorted(
                f"{team(c.team) or 'no team'} x {pipe(c.pipeline)} {c.share}%"
                for c in org.placements(p.id)
            )
        )
        parts = [
            ("title", p.title),
            ("level", p.level),
            ("role", p.role.value),
            ("team", team(p.team)),
            ("manager", person(p.manager) or (p.unresolved_manager or "")),
            ("dotted", ", ".join(sorted(person(d) for d in p.dotted))),
            ("cells", cells),
            ("fields", ", ".join(f"{k}={v}" for k, v in sorted(p.fields.items()))),
        ]
        groups[3].append(((p.display_name, p.id), _line("person", p.display_name, parts)))
    for s in org.plan:
        n = len(s.get("changes", []))
        parts = [("changes", f"{n} change{'s' if n != 1 else ''}")]
        groups[4].append(((s["date"], s["id"]), _line("step", f"{s['date']} {s['name']}", parts)))
    for c in org.conflicts:
        from orgeditor.model.rules.plan_rules import conflict_message

        groups[5].append(
            ((conflict_message(c, org), c["id"]), "conflict: " + escape(conflict_message(c, org)))
        )
    for group in groups:
        lines.extend(line for _key, line in sorted(group))
    return lines


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)
