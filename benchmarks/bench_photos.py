"""Photos on cards (issue 15, point 6): what drawing them costs.

1. ``orgeditor export`` of a synthetic org where everybody has a photo, to SVG and to a paged
   PDF, with ``--photos`` against without (whole processes, median of ``--runs``).
2. The window's grid at 100 % on the sample (everybody with a photo): a full repaint of the
   viewport (every cell item's cache dropped) with View > Show Photos on against off,
   offscreen, photos decoded once.

    .venv/bin/python benchmarks/bench_photos.py [--size 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import colorsys
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_times, process_time


def _org_with_photos(size: int | None, folder: Path) -> Path:
    """An org where everybody has a photo: synthetic of ``size`` people, or the sample."""
    from PIL import Image, ImageDraw

    from orgeditor.io.hr.photos import load_photo
    from orgeditor.io.orgfile import save
    from orgeditor.samples import sample_org, synthetic_org

    org = synthetic_org(size) if size else sample_org()
    for i, p in enumerate(org.people.values()):
        # a face-like picture with detail, so each JPEG is as large as a real one
        r, g, b = (int(255 * c) for c in colorsys.hsv_to_rgb((i * 0.013) % 1, 0.5, 0.8))
        im = Image.new("RGB", (200, 200), (r, g, b))
        draw = ImageDraw.Draw(im)
        for k in range(0, 200, 7):
            draw.line((0, k, 200, (k * 3 + i) % 200), fill=((k * 5) % 255, 90, 160 - k // 2))
        draw.ellipse((60, 30, 140, 120), fill=(250, 220, 190))
        path = folder / f"{i}.png"
        im.save(path)
        p.fields["photo"] = load_photo(path)
    out = folder / f"photos-{size or 'sample'}.orgchart"
    save(org, out)
    return out


def _export(org: Path, folder: Path, runs: int) -> None:
    for suffix in (".svg", ".pdf"):
        out = str(folder / f"out{suffix}")
        plain, photos = median_times(
            [
                lambda out=out: process_time(["export", str(org), "-o", out, "-q"]),
                lambda out=out: process_time(["export", str(org), "-o", out, "-q", "--photos"]),
            ],
            runs,
        )
        print(
            f"   export {suffix}: without {plain:.2f} s, --photos {photos:.2f} s "
            f"({photos / plain:.2f}x); {os.path.getsize(out) / 1e6:.1f} MB with photos"
        )


def _window(org: Path, runs: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from orgeditor.document import Document
    from orgeditor.io.orgfile import load
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.view import MatrixView
    from orgeditor.ui.selection import Selection

    app = QApplication.instance() or QApplication([])
    view = MatrixView(DocumentBridge(Document(load(org))), Selection())
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    view.zoom_reset()
    app.processEvents()

    def repaint(on: bool) -> None:
        view.set_show_photos(on)
        view.matrix.update_all()
        view.viewport().grab()

    off, on = median_times([lambda: repaint(False), lambda: repaint(True)], runs * 10)
    cache = view.matrix.photos
    print(
        f"   window repaint at 100 %: photos off {off * 1000:.1f} ms, on {on * 1000:.1f} ms "
        f"({on / off:.2f}x); {cache.decoded} photos decoded for {len(cache)} cards shown"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        org = _org_with_photos(args.size, folder)
        print(f"{args.size:,} people, each with a photo ({time.perf_counter() - t:.1f} s to make)")
        _export(org, folder, args.runs)
        print("the sample (48 people), each with a photo:")
        _window(_org_with_photos(None, folder), args.runs)


if __name__ == "__main__":
    main()
