"""DOT text: accepted by Graphviz for every view, deterministic, opaque ids, fast enough."""

from __future__ import annotations

import re
import subprocess

import pytest

from orgeditor.export.api import ExportOptions, build_pages
from orgeditor.export.escape import dot_string, html_text, wrap
from orgeditor.samples import sample_org

VIEWS = [
    ExportOptions(view="reporting"),
    ExportOptions(view="reporting", clusters="team", theme="dark"),
    ExportOptions(view="subtree", root="p1", clusters="unit"),
    ExportOptions(view="matrix"),
    ExportOptions(view="subtree", root="Maya Chen", depth=1),
    ExportOptions(view="subtree", root="p17"),
    ExportOptions(view="pipeline", pipeline="Feed ranking", theme="role"),
    ExportOptions(view="pipeline", pipeline="Speech recognition", theme="level"),
    ExportOptions(view="reporting", theme="team", titles=False, stack=False),
]


def _canon(text: str) -> str:
    out = subprocess.run(["dot", "-Tcanon"], input=text.encode(), capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    assert b"Error" not in out.stderr, out.stderr.decode()
    return out.stdout.decode()


@pytest.mark.parametrize("opts", VIEWS, ids=lambda o: f"{o.view}-{o.theme}")
def test_every_view_is_valid_dot(opts: ExportOptions) -> None:
    org = sample_org()
    for paged in (False, True):
        for page in build_pages(org, opts, paged):
            _canon(page.dot)


def test_dot_is_deterministic() -> None:
    a = [p.dot for p in build_pages(sample_org(), ExportOptions(), True)]
    b = [p.dot for p in build_pages(sample_org(), ExportOptions(), True)]
    assert a == b
    m1 = build_pages(sample_org(), ExportOptions(view="matrix"), False)[0].dot
    m2 = build_pages(sample_org(), ExportOptions(view="matrix"), False)[0].dot
    assert m1 == m2


def test_node_ids_are_opaque() -> None:
    dot = build_pages(sample_org(), ExportOptions(), False)[0].dot
    ids = set(re.findall(r"^\s+([A-Za-z_]\w*) \[", dot, re.M))
    assert ids - {"graph", "node", "edge"}
    assert all(re.fullmatch(r"[ns]\d+", i) for i in ids - {"graph", "node", "edge"})
    assert "Maya Chen" in dot  # names only in labels


def test_only_six_digit_colours() -> None:
    for opts in VIEWS:
        for page in build_pages(sample_org(), opts, False):
            for colour in re.findall(r"#[0-9a-fA-F]+\b", page.dot):
                assert len(colour) == 7, colour


def test_escaping() -> None:
    assert dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    assert html_text('<&>"') == "&lt;&amp;&gt;&quot;"
    assert html_text("a\x00b\x1bc") == "abc"
    long = "y" * 95
    assert "".join(wrap(long, 30)) == long
    assert wrap("  Leading and trailing  ") == ["Leading and trailing"]


def test_tech_leads_pms_and_open_positions_are_marked() -> None:
    dot = build_pages(sample_org(), ExportOptions(), False)[0].dot
    assert "Tech lead, Modeling" in dot  # team tech lead
    assert "Principal engineer" in dot or "Tech lead, ML Org" in dot
    assert "PM, Feed ranking" in dot
    assert "dashed" in dot  # open positions and dotted lines
    # every dotted line is either drawn (dashed, not moving the layout) or a note on the card
    drawn = dot.count("constraint=false")
    noted = dot.count("\u2504 dotted to ") - dot.count("\u2504 dotted to X:")
    assert drawn >= 1 and noted >= 1
    assert drawn + noted == sum(len(p.dotted) for p in sample_org().people.values())


def test_dot_identical_across_processes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from export_helpers import run_cli

    from orgeditor.samples import sample_path

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"chart{seed}.dot"
        res = run_cli(
            "export",
            str(sample_path()),
            "-o",
            str(out),
            "--clusters",
            "unit",
            env={"PYTHONHASHSEED": seed},
        )
        assert res.returncode == 0, res.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.parametrize("opts", VIEWS, ids=lambda o: f"{o.view}-{o.theme}")
@pytest.mark.parametrize("size", [1, 3, 256])
def test_dot_in_parts_is_the_same_text(opts: ExportOptions, size: int) -> None:
    """What an SVG or PNG export feeds to Graphviz part by part is the DOT of ``-o x.dot``."""
    from orgeditor.export.api import _graphs
    from orgeditor.export.dot_text import serialise, serialise_parts

    org = sample_org()
    for paged in (False, True):
        _count, graphs = _graphs(org, opts, paged)
        for graph, *_rest in graphs:
            parts = list(serialise_parts(graph, size))
            assert "".join(parts) == serialise(graph)
            assert parts[0].startswith("digraph") and parts[-1] == "}\n"


@pytest.mark.parametrize("opts", VIEWS, ids=lambda o: f"{o.view}-{o.theme}")
def test_dot_printed_while_the_graph_is_built_is_the_same_text(opts: ExportOptions) -> None:
    """``page_graph(sink=...)`` sends the text as the graph is built: the same text, and
    the same graph as without a sink."""
    from orgeditor.export.api import _graphs
    from orgeditor.export.dot_text import serialise

    org = sample_org()
    for paged in (False, True):
        parts: list[str] = []
        _count, graphs = _graphs(org, opts, paged, sink=parts.append)
        _count, plain = _graphs(org, opts, paged)
        for (graph, _names, _label, plan), (other, *_rest) in zip(graphs, plain, strict=True):
            if plan is None:  # the matrix has no sink
                assert parts == []
                continue
            assert "".join(parts) == serialise(graph) == serialise(other)
            assert len(parts) >= 2 and parts[-1] == "}\n"
            parts.clear()


def test_svg_is_graphviz_drawing_of_the_dot(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The streamed SVG is byte for byte what ``dot -Tsvg`` makes of the exported DOT."""
    from orgeditor.export.api import export_file
    from orgeditor.samples import synthetic_org

    org = synthetic_org(400, seed=5)
    for opts in (ExportOptions(), ExportOptions(clusters="team"), ExportOptions(view="matrix")):
        export_file(org, tmp_path / "chart.dot", opts)
        export_file(org, tmp_path / "chart.svg", opts)
        plain = subprocess.run(
            ["dot", "-Tsvg", str(tmp_path / "chart.dot")], capture_output=True, check=True
        ).stdout
        assert (tmp_path / "chart.svg").read_bytes() == plain
