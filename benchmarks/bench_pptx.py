"""PowerPoint benchmark: the editable deck against the picture deck of the same pages.

Run:  .venv/bin/python benchmarks/bench_pptx.py [--runs N] [--sample FILE.csv]

For the d3-org-chart sample (1,516 people; any HR export with ``--sample``), the deck's pages
are planned once for editable slides (names of at least 8 pt). Then, end to end from the org:

- **editable**: ``build_native_pptx`` (paging, ``dot -Tjson`` layout of every page, shapes,
  connectors, links, notes, saving);
- **pictures**: the same pages as Graphviz DOT (``pptx_plan.picture_pages``) rendered to PNG
  at twice the slide's resolution and placed on slides (``build_pptx``, as ``--pictures``).

Target: editable <= 1.5x pictures. Also printed, for reference: today's ``--pictures`` deck
(its own, coarser pages for 12-px names) and the page counts and the smallest name on a slide.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
FIXTURES = ROOT.parent / "shared" / "fixtures" / "real"

from timing import median_time  # noqa: E402

from orgeditor.export.api import ExportOptions, build_pages, slide_picture  # noqa: E402
from orgeditor.export.pages import PageDot  # noqa: E402
from orgeditor.export.pptx import build_native_pptx, build_pptx, open_deck, plan_slides  # noqa: E402
from orgeditor.export.pptx_page import Placement  # noqa: E402
from orgeditor.export.pptx_plan import picture_pages  # noqa: E402
from orgeditor.export.themes import get_theme  # noqa: E402
from orgeditor.model.org import Org  # noqa: E402


def _load(path: Path) -> Org:
    from orgeditor.io.hr.hr_import import import_file

    org, _report = import_file(path)
    return org


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=Path, default=FIXTURES / "d3-org-chart-sample.csv")
    args = parser.parse_args()
    if not args.sample.exists():
        sys.exit(f"{args.sample}: not found (pass --sample FILE.csv)")
    org = _load(args.sample)
    opts = ExportOptions()
    theme = get_theme(opts.theme)
    total, _numbers, placed, area, paging = plan_slides(org, opts, open_deck(None), theme)
    smallest = min(Placement(p, area).k for p in placed) * 14.0
    same = picture_pages(org, paging, theme)  # the same pages for the picture deck
    print(f"{args.sample.name}: {len(org.people):,} people, {total} editable pages")
    print(f"   smallest name on an editable slide: {smallest:.1f} pt (target >= 8 pt)")
    editable = median_time(lambda: build_native_pptx(org, opts), args.runs)
    pictures = median_time(lambda: _picture_deck(org, same, opts), args.runs)
    ratio = editable / pictures
    verdict = "ok" if ratio <= 1.5 else "OVER"
    print(f"   editable deck      {editable:7.2f} s  ({total} chart slides)")
    print(f"   picture deck       {pictures:7.2f} s  (the same {total} pages as PNG)")
    print(f"   ratio {ratio:.2f}x (target <= 1.5x: {verdict})")
    own = build_pages(org, opts, True)
    today = median_time(lambda: _picture_deck(org, own, opts), 1)
    print(f"   for reference: --pictures today {today:.2f} s ({len(own)} pages for 12-px names)")


def _picture_deck(org: Org, pages: list[PageDot], opts: ExportOptions) -> bytes:
    """A picture deck as one process makes it: each page drawn, then the slides."""
    return build_pptx(org, pages, opts, [slide_picture(p, opts) for p in pages])


if __name__ == "__main__":
    main()
