"""Show the matrix canvas alone (for looking at it under Xvfb, or saving a PNG).

    python benchmarks/show_grid.py [FILE | --synthetic N] [--png OUT.png] [--size WxH]
        [--zoom Z] [--select NAME] [--lines]

Without ``--png`` it opens a window; with it, it renders the canvas offscreen and exits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("file", nargs="?")
    ap.add_argument("--synthetic", type=int, default=0)
    ap.add_argument("--png")
    ap.add_argument("--size", default="1400x900")
    ap.add_argument("--zoom", type=float, default=0.0, help="0 = fit (at most 100 %%)")
    ap.add_argument("--select", default="", help="select the person with this name")
    ap.add_argument("--lines", action="store_true", help="show reporting lines of the selection")
    ap.add_argument("--colour", default="kind", choices=["kind", "role", "level"])
    args = ap.parse_args()

    from PySide6.QtWidgets import QApplication

    from orgeditor.document import Document
    from orgeditor.samples import sample_org, synthetic_org
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.view import MatrixView
    from orgeditor.ui.selection import Selection

    app = QApplication.instance() or QApplication(sys.argv)
    if args.synthetic:
        doc = Document(synthetic_org(args.synthetic, 0))
    elif args.file:
        doc = Document.open(args.file)
    else:
        doc = Document(sample_org())
    bridge = DocumentBridge(doc)
    selection = Selection()
    view = MatrixView(bridge, selection)
    view.statusMessage.connect(lambda m: print("status:", m))
    w, h = (int(v) for v in args.size.split("x"))
    view.resize(w, h)
    view.setWindowTitle("orgeditor grid")
    view.set_colour_mode(args.colour)
    view.show()
    app.processEvents()
    if args.zoom:
        view.set_zoom(args.zoom)
    else:
        view.zoom_fit()
    if args.select:
        found = doc.org.find_person(args.select)
        if found is not None:
            view.set_show_lines(args.lines)
            view.focus_person(found.id)
    app.processEvents()
    if args.png:
        view.grab().save(args.png)
        print("saved", args.png)
        return 0
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
