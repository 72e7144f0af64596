"""Counts agree everywhere: one definition of people and open positions (model.stats)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from orgeditor.document import Document
from orgeditor.model.stats import headcount, org_stats
from orgeditor.samples import sample_org, synthetic_org

ROOT = Path(__file__).resolve().parents[2]


def test_status_bar_headers_statistics_and_stats_agree(make_window) -> None:  # type: ignore[no-untyped-def]
    for org in (sample_org(), synthetic_org(60, seed=0)):
        w = make_window(Document(org))
        count = headcount(org.people.values())
        assert count.people + count.open_positions == len(org.people)
        assert w.people_label.text() == f"{count.people} people"
        assert w.open_label.text().startswith(f"{count.open_positions} open position")
        data = org_stats(org)
        assert (data["people"], data["open_positions"]) == (count.people, count.open_positions)
        scene = w.view.matrix
        columns = [scene.column_headcount(t) for t in scene.layout.columns]
        assert sum(c.people for c in columns) == count.people
        assert sum(c.open_positions for c in columns) == count.open_positions
        w.stats.refresh()
        text = " ".join(w.stats.browser.toPlainText().split())
        assert f"People {count.people} Open positions {count.open_positions}" in text, text[:200]


def test_the_sample_command_says_what_stats_says(tmp_path: Path) -> None:
    out = tmp_path / "s.orgchart"
    run = subprocess.run(
        [sys.executable, "-m", "orgeditor", "sample", "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert "(46 people, 2 open positions," in run.stderr
    stats = subprocess.run(
        [sys.executable, "-m", "orgeditor", "stats", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert "people: 46" in stats.stdout and "open positions: 2" in stats.stdout
