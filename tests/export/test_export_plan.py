"""The planner's pages: the one source of what every format draws (cards, stacks, lines)."""

from __future__ import annotations

from export_helpers import run_cli

from orgeditor.export import to_pydot
from orgeditor.export.api import ExportOptions, build_pages
from orgeditor.export.layout import plan_pages
from orgeditor.export.pages import DOTTED
from orgeditor.export.views import reporting_chart
from orgeditor.samples import sample_org, synthetic_org


def test_every_dotted_line_is_drawn_or_noted_on_the_report() -> None:
    org = sample_org()
    page = plan_pages(org, reporting_chart(org), paged=False)[0]
    drawn = {(line.manager, line.report) for line in page.lines if line.dotted}
    noted = {
        (m.person, card.person)
        for card in page.cards.values()
        for m in card.markers
        if m.kind == DOTTED
    }
    every = {(m, p.id) for p in org.people.values() for m in p.dotted}
    assert drawn and noted
    assert drawn | noted == every and not drawn & noted
    for mgr, rep in drawn:  # drawn: short lines between cards of their own
        a, b = page.cards[mgr], page.cards[rep]
        assert a.stack is None and b.stack is None and abs(a.rank - b.rank) <= 1
    for mgr, rep in noted:
        note = next(m for m in page.cards[rep].markers if m.person == mgr)
        assert org.people[mgr].name in note.text and note.page is None  # same page
    sofia = next(p.id for p in org.people.values() if p.name == "Sofia Rossi")
    assert any(
        m.text == "\u2504 dotted to Sofia Rossi, PM Feed ranking"
        for card in page.cards.values()
        for m in card.markers
        if m.person == sofia
    )
    assert page.legend and "dotted to X" in page.legend[0]


def test_dotted_notes_name_the_page_of_a_manager_drawn_elsewhere() -> None:
    org = synthetic_org(600, seed=3)
    pages = plan_pages(org, reporting_chart(org), paged=True)
    home = {p: page.number for page in pages for p in page.cards if p not in page.cut.back}
    notes = [
        (m, page)
        for page in pages
        for card in page.cards.values()
        for m in card.markers
        if m.kind == DOTTED and m.page is not None
    ]
    assert notes
    for m, page in notes:
        assert m.page == home[m.person] != page.number
        assert f"(page {m.page})" in m.text


def test_plan_ids_are_the_dot_ids() -> None:
    org = sample_org()
    page = build_pages(org, ExportOptions(), False)[0]
    assert page.plan is not None
    for card in page.plan.cards.values():
        assert f"  {card.node} [" in page.dot
        if card.stack is not None:
            assert f'PORT="{card.port}"' in page.dot


def test_to_pydot_gives_the_graph_of_the_export() -> None:
    org = sample_org()
    graph = to_pydot(org, view="reporting", clusters="team")
    assert graph.get_subgraph_list()  # team boxes
    text = build_pages(org, ExportOptions(clusters="team"), False)[0].dot
    assert graph.to_string(indent="  ") == text
    one = to_pydot(org, view="subtree", root="Elena Dubois", page=1)
    assert "Elena Dubois" in one.to_string()
    names = {n.get_name() for n in to_pydot(org, view="matrix").get_nodes()}
    assert "m1" in names


def test_dot_identical_across_hash_seeds_for_every_view(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from orgeditor.samples import sample_path

    for view, extra in (
        ("reporting", ["--clusters", "team"]),
        ("matrix", []),
        ("pipeline", ["--pipeline", "Feed ranking"]),
        ("subtree", ["--root", "Maya Chen", "--depth", "1"]),
    ):
        outs = []
        for seed in ("0", "7"):
            out = tmp_path / f"{view}{seed}.dot"
            args = ["export", str(sample_path()), "-o", str(out), "--view", view, *extra]
            res = run_cli(*args, env={"PYTHONHASHSEED": seed})
            assert res.returncode == 0, res.stderr
            outs.append(out.read_bytes())
        assert outs[0] == outs[1], view
