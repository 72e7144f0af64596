"""Shared helpers for the export tests: orgs, and running the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from orgeditor.document import Document
from orgeditor.model.entities import Role
from orgeditor.model.org import Org

ROOT = Path(__file__).resolve().parents[2]

#: names that broke other exporters: DOT/HTML syntax, ids Graphviz treats specially, scripts
HOSTILE_NAMES = [
    'Quote "the" Boss',
    "Back\\slash \\N \\l",
    "<b>Not bold</b>",
    "A & B > C",
    "Line one\nLine two",
    "{braces} [brackets] |pipe|",
    "colon:port:sw",
    "node",
    "graph",
    "edge",
    "subgraph",
    "שרה לוי",
    "محمد علي",
    "王小明",
    "山田 太郎",
    "Emoji 🚀 Person",
    "100% Rate",
    "x" * 150,
    "  Leading and trailing  ",
    "",
    "&amp; entity",
    "semi;colon -> arrow",
    "strict digraph",
]


def hostile_org() -> Org:
    """An org whose every name, title, team and pipeline is a hostile string."""
    doc = Document()
    t1 = doc.add_team('Team <&> "one"', kind="modeling")
    t2 = doc.add_team("node", kind="weird\\kind")
    l1 = doc.add_pipeline('Pipe "line" {1}')
    boss = doc.add_person("Boss \\ <CEO>", title='Title "quoted"', role=Role.VP)
    mgr = doc.add_person("graph", title="Manager & co", role=Role.MANAGER, team=t1, manager=boss)
    ids = []
    for i, name in enumerate(HOSTILE_NAMES):
        role = Role.OPEN if name == "" else Role.IC
        team = t1 if i % 2 else t2
        ids.append(
            doc.add_person(
                name,
                title=f"Title {name}" if name else "Hostile <title>",
                role=role,
                team=team,
                pipeline=l1 if i % 3 == 0 else None,
                manager=mgr if i % 4 else boss,
            )
        )
    doc.add_dotted(ids[1], ids[0])
    doc.set_tech_lead("team", t1, ids[3])
    doc.set_field("pipeline", l1, "owner", ids[0])
    return doc.org


def shown_name(name: str) -> str:
    return " ".join(name.split()) or "Open position"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "orgeditor", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=120,
    )
