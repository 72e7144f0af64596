"""A random hand on the real window: xdotool events in a real X server (Xvfb).

Run as a script inside an X server (``xvfb-run``), it opens the main window as ``orgeditor``
does (crash guard included) on the sample or a synthetic org, and a driver thread sends
random real input with xdotool: clicks (with Ctrl or Shift), double-clicks followed by typing,
drags and Ctrl-drags of cards and headers, context menus (a random entry, or Escape), wheel
(with and without Ctrl), keys (arrows, Alt+arrows, Delete, F2, Enter, Escape, undo, redo,
copy, cut, paste, zoom), clicks and typing in the panels, and answers to whatever dialog
opens. Keys that open file dialogs or quit (Ctrl+S, Ctrl+O, Ctrl+Q, ...) are never sent; the
menu bar and toolbar are never clicked.

At the end it closes any dialog, builds a fresh scene from the document and compares it with
the live one, undoes every step, and prints one JSON line: actions sent, undo steps, whether
the scenes agree, whether undo came back to the opened org. The caller (``run_soak``) fails on
a crash, a traceback on stderr, or a difference.

    xvfb-run -a -s "-screen 0 1600x1000x24" python tests/ui/soak.py --seed 3 --actions 400
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1600, 1000

#: what stderr must never show
FATAL_MARKS = ("Traceback (most recent call last)", "Fatal Python error", "Error calling Python")

SAFE_KEYS = [
    "Left", "Right", "Up", "Down", "shift+Left", "shift+Right", "shift+Down", "shift+Up",
    "alt+Left", "alt+Right", "alt+Up", "alt+Down", "Delete", "BackSpace", "F2", "Return",
    "Escape", "Home", "Tab", "ctrl+z", "ctrl+y", "ctrl+shift+z", "ctrl+a", "ctrl+c", "ctrl+x",
    "ctrl+v", "ctrl+plus", "ctrl+minus", "ctrl+0", "ctrl+9", "ctrl+shift+l", "ctrl+shift+d",
    "space", "Page_Down", "Page_Up",
]  # fmt: skip


@dataclass
class Shared:
    """What the Qt thread publishes for the driver (under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    cards: list[tuple[int, int]] = field(default_factory=list)
    headers: list[tuple[int, int]] = field(default_factory=list)
    viewport: tuple[int, int, int, int] = (0, 0, 0, 0)
    panels: list[tuple[int, int, int, int]] = field(default_factory=list)
    modal: tuple[int, int, int, int] | None = None
    popup: bool = False
    stop: bool = False
    sent: int = 0
    log: list[str] = field(default_factory=list)


def _xdo(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=False, timeout=20)


def _text(rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ"
    return "".join(rng.choice(letters) for _ in range(rng.randint(1, 12))).strip() or "x"


def drive(shared: Shared, seed: int, actions: int, pace: float) -> None:
    """The random hand (a plain thread: only xdotool, no Qt)."""
    rng = random.Random(seed)

    def pick_point() -> tuple[int, int]:
        x, y = _pick()
        return min(max(x, 0), WIDTH - 1), min(max(y, 0), HEIGHT - 1)

    def _pick() -> tuple[int, int]:
        with shared.lock:
            cards, headers, vp = list(shared.cards), list(shared.headers), shared.viewport
            panels = list(shared.panels)
        r = rng.random()
        if cards and r < 0.55:
            x, y = rng.choice(cards)
            return x + rng.randint(-20, 20), y + rng.randint(-6, 6)
        if headers and r < 0.7:
            return rng.choice(headers)
        if panels and r < 0.8:
            px, py, pw, ph = rng.choice(panels)
            return px + rng.randint(2, max(3, pw - 3)), py + rng.randint(2, max(3, ph - 3))
        x, y, w, h = vp
        return x + rng.randint(1, max(2, w - 2)), y + rng.randint(1, max(2, h - 2))

    for i in range(actions):
        with shared.lock:
            if shared.stop:
                break
            modal, popup = shared.modal, shared.popup
        r = rng.random()
        if modal is not None:
            mx, my, mw, mh = modal
            if r < 0.35:
                _xdo("type", "--delay", "2", _text(rng))
            elif r < 0.55:
                _xdo("key", "Return")
            elif r < 0.8:
                _xdo("key", "Escape")
            else:
                px, py = mx + rng.randint(5, mw - 5), my + rng.randint(5, mh - 5)
                _xdo("mousemove", str(px), str(py), "click", "1")
            name = "dialog"
        elif popup:
            if r < 0.5:
                _xdo("key", *(["Down"] * rng.randint(1, 6)), "Return")
            else:
                _xdo("key", "Escape")
            name = "menu"
        else:
            x, y = pick_point()
            at = ("mousemove", str(x), str(y))
            if r < 0.22:
                mods = rng.choice([[], [], [], ["ctrl"], ["shift"]])
                cmd = [*at]
                for m in mods:
                    cmd += ["keydown", m]
                cmd += ["click", "1"]
                for m in mods:
                    cmd += ["keyup", m]
                _xdo(*cmd)
                name = "click"
            elif r < 0.34:
                _xdo(*at, "click", "--repeat", "2", "--delay", "60", "1")
                time.sleep(0.05)
                _xdo("type", "--delay", "3", _text(rng))
                _xdo("key", rng.choice(["Return", "Return", "Escape", "Tab"]))
                name = "double-click+type"
            elif r < 0.50:
                ctrl = rng.random() < 0.35
                tx, ty = pick_point()
                cmd = [*at]
                if ctrl:
                    cmd += ["keydown", "ctrl"]
                cmd += ["mousedown", "1", "sleep", "0.05"]
                steps = rng.randint(2, 5)
                for s in range(1, steps + 1):
                    sx, sy = x + (tx - x) * s // steps, y + (ty - y) * s // steps
                    cmd += ["mousemove", str(sx), str(sy), "sleep", "0.04"]
                cmd += ["mouseup", "1"]
                if ctrl:
                    cmd += ["keyup", "ctrl"]
                _xdo(*cmd)
                name = "ctrl-drag" if ctrl else "drag"
            elif r < 0.60:
                _xdo(*at, "click", "3")
                name = "context-menu"
            elif r < 0.70:
                button = rng.choice(["4", "5"])
                mod = rng.choice([None, None, "ctrl", "shift"])
                cmd = [*at]
                if mod:
                    cmd += ["keydown", mod]
                cmd += ["click", "--repeat", str(rng.randint(1, 4)), button]
                if mod:
                    cmd += ["keyup", mod]
                _xdo(*cmd)
                name = "wheel"
            elif r < 0.95:
                _xdo("key", rng.choice(SAFE_KEYS))
                name = "key"
            else:
                _xdo(*at, "click", "1")
                _xdo("type", "--delay", "3", _text(rng))
                name = "click+type"
        with shared.lock:
            shared.sent = i + 1
            shared.log.append(name)
        time.sleep(pace * (0.5 + rng.random()))
    with shared.lock:
        shared.stop = True


def scene_signature(scene: Any) -> dict[str, Any]:
    """What a user sees of the grid, as plain data: geometry of every cell and header item,
    the cards in each cell, the extent of the grid, the reporting-line paths. (While editing,
    the scene rectangle only grows, so it is not compared; see ``covers``.)"""

    def rect(r: Any) -> list[float]:
        return [round(r.x(), 2), round(r.y(), 2), round(r.width(), 2), round(r.height(), 2)]

    def where(item: Any) -> list[float]:
        return rect(item.rect().translated(item.pos()))

    # cell items are made as paints show their cells: make the rest (those made while
    # editing must sit where a fresh scene puts them)
    scene.materialize()
    org = scene.org
    cells = sorted(scene.cells.items(), key=lambda kv: repr(kv[0]))
    counts = sorted(scene.layout.counts.items(), key=lambda kv: repr(kv[0]))
    return {
        "extent": [scene.layout.width, scene.layout.height],
        "cells": {repr(k): [where(v), org.cell_ids(*k)] for k, v in cells},
        "columns": {repr(k): where(v) for k, v in scene.column_headers.items()},
        "rows": {repr(k): where(v) for k, v in scene.row_headers.items()},
        "layout": {repr(k): v for k, v in counts},
        "lines": [
            rect(scene._solid_lines.path().boundingRect()),
            rect(scene._dotted_lines.path().boundingRect()),
        ],
        "tech_leads": sorted(scene.tech_leads),
        "density": scene.layout.density.key,
    }


def _child(args: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    from orgeditor.document import Document
    from orgeditor.io.orgfile import dumps
    from orgeditor.samples import sample_org, synthetic_org
    from orgeditor.ui.app import ensure_app, guard_window
    from orgeditor.ui.bridge import DocumentBridge
    from orgeditor.ui.grid.scene import MatrixScene
    from orgeditor.ui.main_window import MainWindow

    app = ensure_app()
    org = sample_org() if args.size == 0 else synthetic_org(args.size, seed=args.org_seed)
    doc = Document(org)
    start = dumps(doc.org)
    tmp = Path(tempfile.mkdtemp(prefix="orgeditor-soak-"))
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(doc, settings=settings, recovery_dir=tmp / "recovery", restore_state=False)
    guard = guard_window(window)
    window.move(0, 0)
    window.resize(WIDTH, HEIGHT)
    window.show()
    shared = Shared()
    view = window.view

    def publish() -> None:
        vp = view.viewport()
        top = vp.mapToGlobal(vp.rect().topLeft())
        vis = view.mapToScene(vp.rect()).boundingRect()
        lay = view.matrix.layout
        cards = []
        for cell in list(lay.counts)[:400]:
            n = min(lay.counts[cell], 40)
            for i in range(n):
                x, y, w, h = lay.card_rect(cell, i)
                if vis.contains(x + w / 2, y + h / 2):
                    p = vp.mapToGlobal(view.mapFromScene(x + w / 2, y + h / 2))
                    cards.append((p.x(), p.y()))
        headers = []
        for i in range(len(lay.columns)):
            x, y, w, h = lay.column_header_rect(i)
            p = vp.mapToGlobal(view.mapFromScene(x + w / 2, y + h / 2))
            if vp.rect().contains(vp.mapFromGlobal(p)):
                headers.append((p.x(), p.y()))
        for j in range(len(lay.rows)):
            x, y, w, h = lay.row_header_rect(j)
            p = vp.mapToGlobal(view.mapFromScene(x + w / 2, y + h / 2))
            if vp.rect().contains(vp.mapFromGlobal(p)):
                headers.append((p.x(), p.y()))
        panels = []
        for dock in window.docks.values():
            if dock.isVisible() and dock.widget() is not None:
                wdg = dock.widget()
                g = wdg.mapToGlobal(wdg.rect().topLeft())
                panels.append((g.x(), g.y(), wdg.width(), wdg.height()))
        modal = QApplication.activeModalWidget()
        popup = QApplication.activePopupWidget()
        with shared.lock:
            shared.cards, shared.headers = cards, headers
            shared.viewport = (top.x(), top.y(), vp.width(), vp.height())
            shared.panels = panels
            if modal is not None:
                g = modal.mapToGlobal(modal.rect().topLeft())
                shared.modal = (g.x(), g.y(), max(modal.width(), 12), max(modal.height(), 12))
            else:
                shared.modal = None
            shared.popup = popup is not None
            done = shared.stop
        if done:
            timer.stop()
            QTimer.singleShot(300, finish)

    result: dict[str, Any] = {}

    def finish() -> None:
        for _ in range(20):  # close whatever is still open: menus, dialogs
            w = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if w is None:
                break
            if isinstance(w, QDialog | QMessageBox):
                w.reject()
            else:
                w.close()
            app.processEvents()
        app.processEvents()
        live = scene_signature(view.matrix)
        fresh_scene = MatrixScene(DocumentBridge(window.document))
        fresh_scene.set_density(view.matrix.layout.density)
        fresh_scene.show_lines = view.matrix.show_lines
        fresh_scene.show_dotted = view.matrix.show_dotted
        fresh_scene.selected = set(view.matrix.selected)
        fresh_scene.refresh_lines()
        fresh = scene_signature(fresh_scene)
        diff = sorted(k for k in live if live[k] != fresh[k])
        if not view.matrix.sceneRect().contains(fresh_scene.sceneRect()):
            diff.append("scene rectangle")
        current = window.document
        steps = 0
        while current.can_undo and steps < 100_000:
            current.undo()
            steps += 1
        app.processEvents()
        again = MatrixScene(DocumentBridge(current))
        again.set_density(view.matrix.layout.density)
        again.selected = set(view.matrix.selected)
        again.show_lines, again.show_dotted = view.matrix.show_lines, view.matrix.show_dotted
        again.refresh_lines()
        live2, fresh2 = scene_signature(view.matrix), scene_signature(again)
        undone = live2 == fresh2
        undo_diff = {k: [live2[k], fresh2[k]] for k in live2 if live2[k] != fresh2[k]}
        result.update(
            actions=shared.sent,
            kinds={k: shared.log.count(k) for k in sorted(set(shared.log))},
            undo_steps=steps,
            scene_diff=diff,
            scene_detail={k: [live[k], fresh[k]] for k in diff[:2]},
            undo_to_start=current is doc and dumps(current.org) == start,
            undo_scene_ok=undone,
            undo_scene_detail=dict(list(undo_diff.items())[:2]),
            guard_count=guard.count,
            people=len(current.org.people),
        )
        window.discard_and_close()
        app.quit()

    timer = QTimer()
    timer.setInterval(120)
    timer.timeout.connect(publish)

    def begin() -> None:
        publish()
        timer.start()
        threading.Thread(
            target=drive, args=(shared, args.seed, args.actions, args.pace), daemon=True
        ).start()

    QTimer.singleShot(800, begin)
    app.exec()
    guard.uninstall()
    shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result), flush=True)
    return 0


def run_soak(seed: int, actions: int, size: int = 0, org_seed: int = 0, pace: float = 0.05,
             timeout: float = 600) -> tuple[dict[str, Any], str, int]:  # fmt: skip
    """Run one soak in a fresh X server; (result, stderr, exit status)."""
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(ROOT)
    env["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="orgeditor-soak-state-")
    env["XDG_CONFIG_HOME"] = env["XDG_STATE_HOME"] + "/config"
    env["XDG_DATA_HOME"] = env["XDG_STATE_HOME"] + "/data"
    cmd = [
        "xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{HEIGHT}x24", sys.executable, "-X",
        "faulthandler", __file__, "--child", "--seed", str(seed), "--actions", str(actions),
        "--size", str(size), "--org-seed", str(org_seed), "--pace", str(pace),
    ]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    result = json.loads(lines[-1]) if lines else {}
    return result, out.stderr, out.returncode


def failures(result: dict[str, Any], stderr: str, status: int) -> list[str]:
    """Why a soak failed (empty when it passed)."""
    why = []
    if status != 0 or not result:
        why.append(f"the window died (exit status {status})")
    why += [f"stderr shows {m!r}" for m in FATAL_MARKS if m in stderr]
    if result.get("scene_diff"):
        why.append(f"scene differs from a fresh build in {result['scene_diff']}")
    if result and not result.get("undo_to_start"):
        why.append("undoing every step did not give back the opened org")
    if result and not result.get("undo_scene_ok"):
        why.append("after undoing every step the scene differs from a fresh build")
    return why


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--child", action="store_true", help="run inside the X server (internal)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--actions", type=int, default=300)
    p.add_argument(
        "--size", type=int, default=0, help="a synthetic org of this size (0: the sample)"
    )
    p.add_argument("--org-seed", type=int, default=0)
    p.add_argument("--pace", type=float, default=0.05, help="mean pause between actions (s)")
    args = p.parse_args(argv)
    if args.child:
        return _child(args)
    t0 = time.monotonic()
    result, stderr, status = run_soak(args.seed, args.actions, args.size, args.org_seed, args.pace)
    why = failures(result, stderr, status)
    print(json.dumps({**result, "seconds": round(time.monotonic() - t0, 1), "failures": why}))
    if why:
        print(stderr[-4000:], file=sys.stderr)
    return 1 if why else 0


if __name__ == "__main__":
    raise SystemExit(main())
