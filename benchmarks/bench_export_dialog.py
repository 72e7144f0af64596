"""Exports from the window's Export dialog, with progress and Cancel: figures, not tests.

For each size and format: the Export dialog opens on a synthetic org, its preview is drawn,
then it exports (``Export...`` as the dialog runs it: a copy of the org, then ``export_file``
on a worker thread through ``run_with_progress``), and, with ``--cancel-after S``, presses the
progress dialog's Cancel button S seconds in. Prints the time the GUI thread spent copying the
org (freezing it; it is thawed on the worker), when the progress
dialog appeared, the longest the event loop went without running a 20 ms timer (how
responsive the window stayed), the time from Cancel to the dialog answering and to the export
thread ending, and the files left in the output folder (none after a cancel).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_export_dialog.py \
        [--sizes 20000,100000] [--formats .pdf,.pptx] [--cancel-after 4]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from orgeditor.document import Document
from orgeditor.samples import synthetic_org
from orgeditor.ui.app import ensure_app
from orgeditor.ui.dialogs import export_run
from orgeditor.ui.dialogs.export_dialog import ExportDialog

#: how long to wait for a cancelled export's thread to end
WAIT = 120.0


def run(size: int, suffix: str, cancel_after: float | None) -> str:
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    out_dir = folder / "out"
    out_dir.mkdir()
    dialog = ExportDialog(Document(synthetic_org(size)), None, None, settings=settings)
    dialog.show()
    while not dialog.preview_ready:  # a user looks at the preview first
        QApplication.processEvents()
        time.sleep(0.02)
    ended = threading.Event()
    real_export, real_snapshot = export_run.export_file, export_run.snapshot
    copied: list[float] = []

    def export_file(*args: Any, **kwargs: Any) -> int:
        try:
            return real_export(*args, **kwargs)
        finally:
            ended.set()

    def snapshot(org: Any) -> Any:
        t = time.perf_counter()
        try:
            return real_snapshot(org)
        finally:
            copied.append(time.perf_counter() - t)

    export_run.export_file, export_run.snapshot = export_file, snapshot  # type: ignore[assignment]
    marks: dict[str, float] = {}
    ticks: list[float] = []

    def look() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible():
                marks.setdefault("shown", time.monotonic())
                if cancel_after is not None and time.monotonic() - start >= cancel_after:
                    (button,) = [b for b in w.findChildren(QPushButton) if b.text() == "Cancel"]
                    marks["cancel"] = time.monotonic()
                    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                    return
        QTimer.singleShot(20, look)

    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(time.monotonic()))
    beat.start(20)
    QTimer.singleShot(20, look)
    start = time.monotonic()
    try:
        pages = dialog.export_to(out_dir / f"chart{suffix}")
        answered = time.monotonic()
        finished = time.monotonic() if ended.wait(WAIT) else None
    finally:
        export_run.export_file, export_run.snapshot = real_export, real_snapshot  # type: ignore[assignment]
        beat.stop()
        dialog.preview.stop()
        dialog.deleteLater()
    gaps = [b - a for a, b in zip([start, *ticks], ticks, strict=False)]
    left = sorted(p.name for p in out_dir.iterdir())
    line = (
        f"{size:>7,} {suffix:<5} copy {copied[0]:5.2f} s  dialog at "
        f"{marks.get('shown', float('nan')) - start:5.2f} s  longest stall "
        f"{max(gaps, default=0) * 1000:5.0f} ms  "
    )
    if "cancel" in marks:
        line += (
            f"Cancel -> answered {answered - marks['cancel']:5.2f} s, thread ended "
            + (
                f"{finished - marks['cancel']:5.2f} s"
                if finished is not None
                else f"after more than {WAIT:.0f} s"
            )
            + f"  files left {left}"
        )
    else:
        line += f"{pages} page(s) in {answered - start:5.1f} s  files {left}"
    return line


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20000,100000")
    ap.add_argument("--formats", default=".pdf,.pptx")
    ap.add_argument("--cancel-after", type=float, default=None, help="press Cancel after S s")
    args = ap.parse_args()
    ensure_app()
    for size in (int(s) for s in args.sizes.split(",")):
        for suffix in args.formats.split(","):
            print(run(size, suffix, args.cancel_after), flush=True)


if __name__ == "__main__":
    main()
