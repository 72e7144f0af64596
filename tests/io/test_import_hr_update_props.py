"""Property: a refresh from any changed export brings in exactly the export's HR facts, keeps
the planning, and undoes to the very org it started from (one undo step)."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgeditor.document import Document
from orgeditor.io.csv_export import to_csv
from orgeditor.io.hr.hr_import import import_file
from orgeditor.io.hr.hr_update import plan_update
from orgeditor.io.orgfile import to_data
from orgeditor.samples import synthetic_org


@st.composite
def edits(draw: st.DrawFn) -> tuple[int, list[tuple[str, int]]]:
    seed = draw(st.integers(0, 50))
    steps = draw(
        st.lists(
            st.tuples(st.sampled_from(["leave", "retitle", "move", "join"]), st.integers(0, 10**6)),
            max_size=12,
        )
    )
    return seed, steps


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_refresh_takes_the_export_and_undoes_exactly(
    case: tuple[int, list[tuple[str, int]]],
) -> None:
    seed, steps = case
    old = synthetic_org(40, seed=seed)
    rows = list(csv.reader(io.StringIO(to_csv(old))))
    header, body = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    named = [r for r in body if r[col["name"]]]
    for k, (what, n) in enumerate(steps):
        if not named:
            break
        row = named[n % len(named)]
        if what == "leave" and row in body:
            body.remove(row)
            named.remove(row)
        elif what == "retitle":
            row[col["title"]] = f"Title {n}"
        elif what == "move":
            row[col["manager"]] = named[(n // 7) % len(named)][col["id"]]
        else:
            joiner = [""] * len(header)
            joiner[col["id"]], joiner[col["name"]] = f"j{k}", f"Joiner {k}"
            joiner[col["manager"]] = row[col["id"]]
            joiner[col["team"]] = row[col["team"]]
            body.append(joiner)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "new.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, *body])
        new, report = import_file(path)
    before = to_data(old)
    doc = Document(old)
    plan = plan_update(old, new, report)
    doc.apply_changes("Update from HR export", plan.changes)
    org = doc.org
    for nid, np in new.people.items():
        if np.is_open:
            continue
        p = org.people[nid]  # every id of the export is kept (none collides here)
        team = org.teams[p.team].name if p.team is not None else None
        assert (p.name, p.title, team) == (
            np.name,
            np.title,
            new.teams[np.team].name if np.team is not None else None,
        )
        want = np.manager if np.manager is not None else None
        assert p.manager == want
    # leavers are gone; open positions and every pipeline of the plan stay
    for rec in before["people"]:
        if rec["id"] not in new.people:
            assert (rec["id"] in org.people) == (rec["role"] == "open")
    assert {pl["id"] for pl in before["pipelines"]} <= set(org.pipelines)
    if plan.changes:
        doc.undo()
    assert to_data(doc.org) == before
