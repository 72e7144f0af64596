"""Export an org as GraphML for yEd, Gephi and ``networkx.read_graphml``.

Nodes: every person (``person:ID``), team (``team:ID``), pipeline (``pipeline:ID``) and org
unit (``unit:ID``), each with a ``kind``, a ``label``, its ``org_id`` (not ``id``, which
Gephi reserves) and the entity's attributes
(people: name, title, level, role, team, the unresolved references, and each custom field as
``field:NAME``; teams: team kind, manager, tech lead, KPI; pipelines: owner, tech lead; units:
leader, tech lead). Edges, all directed, with a ``kind``:

- ``solid``: manager -> report; ``dotted``: dotted-line manager -> report;
- ``placement``: person -> pipeline, with ``share`` (percent) and ``team`` (the cell's column);
- ``member``: person -> their own team; ``unit``: team -> its org unit.

Each node and edge also carries yFiles graphics (a labelled, coloured box at a position on the
matrix grid: teams across, pipelines down, people in their first cell; dotted lines dashed),
so yEd shows a readable chart at once (then Layout > Hierarchical); other readers ignore it.
Text is XML-escaped; the file is UTF-8 and written atomically.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from orgeditor.io.hr.photos import photo_bytes
from orgeditor.io.orgfile import atomic_write
from orgeditor.model.org import Org
from orgeditor.model.sensitive import public_fields
from orgeditor.theme import INK, MUTED, ROLE_COLOURS, kind_colour

__all__ = ["export_graphml", "to_graphml"]

# (id, for, attr.name, attr.type)
_KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("kind", "node", "kind", "string"),
    ("label", "node", "label", "string"),
    ("oid", "node", "org_id", "string"),
    ("name", "node", "name", "string"),
    ("title", "node", "title", "string"),
    ("level", "node", "level", "string"),
    ("role", "node", "role", "string"),
    ("team", "node", "team", "string"),
    ("manager", "node", "manager", "string"),
    ("unresolved_manager", "node", "unresolved_manager", "string"),
    ("unresolved_dotted", "node", "unresolved_dotted", "string"),
    ("team_kind", "node", "team_kind", "string"),
    ("tech_lead", "node", "tech_lead", "string"),
    ("kpi", "node", "kpi", "string"),
    ("owner", "node", "owner", "string"),
    ("leader", "node", "leader", "string"),
    ("ekind", "edge", "kind", "string"),
    ("share", "edge", "share", "int"),
    ("cell_team", "edge", "team", "string"),
)

_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xmlns:y="http://www.yworks.com/xml/graphml"
 xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns
 http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
"""

_CARD_W, _CARD_H, _GAP = 170.0, 44.0, 12.0
_PHOTO = 44.0


def _data(key: str, value: str | int | None) -> str:
    if value is None or value == "":
        return ""
    return f'<data key="{key}">{escape(str(value))}</data>'


def _shape(label: str, x: float, y: float, w: float, h: float, fill: str, shape: str) -> str:
    return (
        f'<data key="ng"><y:ShapeNode><y:Geometry x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" '
        f'height="{h:.0f}"/><y:Fill color="{fill}" transparent="false"/>'
        f'<y:BorderStyle color="{MUTED}" type="line" width="1.0"/>'
        f'<y:NodeLabel textColor="{INK}" fontSize="11">{escape(label)}</y:NodeLabel>'
        f'<y:Shape type="{shape}"/></y:ShapeNode></data>'
    )


def _photo_node(label: str, x: float, y: float, ref: int) -> str:
    """A yEd image node: the photo, the name and title below it."""
    return (
        f'<data key="ng"><y:ImageNode><y:Geometry x="{x:.0f}" y="{y:.0f}" '
        f'width="{_PHOTO:.0f}" height="{_PHOTO:.0f}"/><y:Fill color="#ffffff" transparent="false"/>'
        f'<y:BorderStyle color="{MUTED}" type="line" width="1.0"/>'
        f'<y:NodeLabel textColor="{INK}" fontSize="11" modelName="sandwich" modelPosition="s">'
        f'{escape(label)}</y:NodeLabel><y:Image alphaImage="true" refid="{ref}"/>'
        "</y:ImageNode></data>"
    )


def _png_base64(jpeg: bytes) -> str:
    """yEd keeps images as base64 PNG (java.awt.image.BufferedImage)."""
    import base64
    import io

    from PIL import Image

    with Image.open(io.BytesIO(jpeg)) as im:
        out = io.BytesIO()
        im.convert("RGB").save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


def _edge_graphics(kind: str) -> str:
    style = {"solid": ("line", "#1f2933"), "dotted": ("dashed", "#5a8bc6")}.get(
        kind, ("dotted", "#b8c2cc")
    )
    return (
        f'<data key="eg"><y:PolyLineEdge><y:LineStyle color="{style[1]}" type="{style[0]}" '
        f'width="1.0"/><y:Arrows source="none" target="standard"/></y:PolyLineEdge></data>'
    )


def _lines(org: Org, include_sensitive: bool = False, photos: bool = False) -> Iterator[str]:
    yield _HEAD
    fields: dict[str, None] = {}
    shown = {pid: public_fields(org, p, include_sensitive) for pid, p in org.people.items()}
    for own in shown.values():
        if own:
            fields.update(dict.fromkeys(own))
    field_keys = {f: f"f{i}" for i, f in enumerate(fields)}
    for kid, target, name, typ in _KEYS:
        yield f'<key id="{kid}" for="{target}" attr.name="{name}" attr.type="{typ}"/>\n'
    for f, kid in field_keys.items():
        name_attr = quoteattr("field:" + f)
        yield f'<key id="{kid}" for="node" attr.name={name_attr} attr.type="string"/>\n'
    yield '<key id="ng" for="node" yfiles.type="nodegraphics"/>\n'
    yield '<key id="eg" for="edge" yfiles.type="edgegraphics"/>\n'
    resources: list[str] = []
    if photos:
        yield '<key id="res" for="graphml" yfiles.type="resources"/>\n'
    yield '<graph id="org" edgedefault="directed">\n'

    # positions on the matrix grid
    team_ids = [*org.team_order, None]
    pipe_ids = [*org.pipeline_order, None]
    col_x = {t: (i + 1) * (_CARD_W + 4 * _GAP) for i, t in enumerate(team_ids)}
    row_height: dict[str | None, int] = {}
    for pid_ in pipe_ids:
        row_height[pid_] = max([len(org.cell_ids(tid, pid_)) for tid in team_ids] + [1])
    row_y: dict[str | None, float] = {}
    y = _CARD_H + 4 * _GAP
    for pid_ in pipe_ids:
        row_y[pid_] = y
        y += row_height[pid_] * (_CARD_H + _GAP) + 3 * _GAP
    pos: dict[str, tuple[float, float]] = {}
    for (tid, pid_), members in org._cells.items():
        x0, y0 = col_x.get(tid, 0.0), row_y.get(pid_, 0.0)
        for k, pid in enumerate(members):
            pos.setdefault(pid, (x0, y0 + k * (_CARD_H + _GAP)))

    n = quoteattr
    for u in org.ordered_units():
        yield (
            f"<node id={n('unit:' + u.id)}>"
            + _data("kind", "unit")
            + _data("label", u.name)
            + _data("oid", u.id)
            + _data("name", u.name)
            + _data("leader", u.leader)
            + _data("tech_lead", u.tech_lead)
            + _shape(u.name, 0, -2 * (_CARD_H + 4 * _GAP), _CARD_W, _CARD_H, "#e6e8ee", "octagon")
            + "</node>\n"
        )
    for t in org.ordered_teams():
        colour = kind_colour(t.kind).accent
        yield (
            f"<node id={n('team:' + t.id)}>"
            + _data("kind", "team")
            + _data("label", t.name)
            + _data("oid", t.id)
            + _data("name", t.name)
            + _data("team_kind", t.kind)
            + _data("manager", t.manager)
            + _data("tech_lead", t.tech_lead)
            + _data("kpi", t.kpi)
            + _shape(t.name, col_x[t.id], 0, _CARD_W, _CARD_H, colour, "roundrectangle")
            + "</node>\n"
        )
    for pl in org.ordered_pipelines():
        yield (
            f"<node id={n('pipeline:' + pl.id)}>"
            + _data("kind", "pipeline")
            + _data("label", pl.name)
            + _data("oid", pl.id)
            + _data("name", pl.name)
            + _data("owner", pl.owner)
            + _data("tech_lead", pl.tech_lead)
            + _shape(pl.name, 0, row_y[pl.id], _CARD_W, _CARD_H, "#f7f0d4", "hexagon")
            + "</node>\n"
        )
    for p in org.people.values():
        x, y = pos.get(p.id, (0.0, 0.0))
        label = p.display_name + (f"\n{p.title}" if p.title and p.name else "")
        fill = kind_colour(org.teams[p.team].kind).fill if p.team in org.teams else "#ffffff"
        if p.is_open:
            fill = ROLE_COLOURS["open"]
        jpeg = photo_bytes(p.fields.get("photo", "")) if photos else None
        if jpeg is not None:
            graphics = _photo_node(label, x + (_CARD_W - _PHOTO) / 2, y, len(resources))
            resources.append(_png_base64(jpeg))
        else:
            graphics = _shape(label, x, y, _CARD_W, _CARD_H, fill, "rectangle")
        yield (
            f"<node id={n('person:' + p.id)}>"
            + _data("kind", "person")
            + _data("label", p.display_name)
            + _data("oid", p.id)
            + _data("name", p.name)
            + _data("title", p.title)
            + _data("level", p.level)
            + _data("role", p.role.value)
            + _data("team", p.team)
            + _data("manager", p.manager)
            + _data("unresolved_manager", p.unresolved_manager)
            + _data("unresolved_dotted", "; ".join(p.unresolved_dotted))
            + "".join(_data(field_keys[k], v) for k, v in shown[p.id].items())
            + graphics
            + "</node>\n"
        )

    count = 0

    def edge(src: str, dst: str, kind: str, extra: str = "") -> str:
        nonlocal count
        count += 1
        return (
            f'<edge id="e{count}" source={n(src)} target={n(dst)}>'
            f"{_data('ekind', kind)}{extra}{_edge_graphics(kind)}</edge>\n"
        )

    for p in org.people.values():
        if p.manager is not None and p.manager in org.people:
            yield edge("person:" + p.manager, "person:" + p.id, "solid")
        for d in p.dotted:
            if d in org.people:
                yield edge("person:" + d, "person:" + p.id, "dotted")
    for pid, places in org._placements.items():
        for (team, pipe), share in places.items():
            yield edge(
                "person:" + pid,
                "pipeline:" + pipe,
                "placement",
                _data("share", share) + _data("cell_team", team),
            )
    for p in org.people.values():
        if p.team is not None and p.team in org.teams:
            yield edge("person:" + p.id, "team:" + p.team, "member")
    for u in org.ordered_units():
        for team_id in u.teams:
            if team_id in org.teams:
                yield edge("team:" + team_id, "unit:" + u.id, "unit")
    yield "</graph>\n"
    if resources:
        yield '<data key="res"><y:Resources>'
        for i, data in enumerate(resources):
            yield f'<y:Resource id="{i}" type="java.awt.image.BufferedImage">{data}</y:Resource>'
        yield "</y:Resources></data>\n"
    yield "</graphml>\n"


def to_graphml(org: Org, include_sensitive: bool = False, photos: bool = False) -> str:
    """The GraphML text of the org (sensitive fields only with ``include_sensitive``; with
    ``photos``, people with a kept photo are drawn as yEd image nodes)."""
    return "".join(_lines(org, include_sensitive, photos))


def export_graphml(
    org: Org, path: str | Path, include_sensitive: bool = False, photos: bool = False
) -> None:
    """Write the org as GraphML to ``path`` atomically."""
    atomic_write(Path(path), to_graphml(org, include_sensitive, photos).encode("utf-8"))
