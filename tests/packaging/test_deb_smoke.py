"""Smoke test of the Linux installer: build the bundle and the .deb, install, run, remove.

Runs only in CI (``$CI`` set) or with ``ORGEDITOR_PACKAGING_TESTS=1``, as root (it runs
``apt-get install`` and ``apt-get remove --purge``). One test does everything in order, so that
pytest-xdist never splits the install from the removal; a lock file keeps concurrent runs apart.

The build is reused when nothing it is made from changed (a hash of ``orgeditor/``,
``resources/``, ``packaging/`` and ``pyproject.toml`` kept beside the .deb).

Graphviz is hidden from the installed app: the commands run with ``PATH`` set to a folder whose
only program is a poisoned ``dot`` that records being called and fails, and with
``ORGEDITOR_DOT`` and ``GVBINDIR`` unset. Exports must then come from the bundled Graphviz.
The installed app runs ``--version``, ``sample``, ``export`` to SVG, PDF and PPTX, ``import`` of
an .xlsx, ``stats`` and ``--screenshot`` offscreen.
Sizes and timings are printed and written to ``dist/packaging-smoke.txt``.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
LOCK = ROOT / "build" / "packaging-smoke.lock"
HASH_FILE = DIST / ".packaging-source-hash"
REPORT = DIST / "packaging-smoke.txt"
INSTALL_DIR = Path("/opt/orgeditor")
INSTALLED = Path("/usr/bin/orgeditor")

_enabled = bool(os.environ.get("CI")) or os.environ.get("ORGEDITOR_PACKAGING_TESTS") == "1"

pytestmark = [
    pytest.mark.skipif(
        not _enabled, reason="packaging smoke test: runs when CI or ORGEDITOR_PACKAGING_TESTS=1"
    ),
    pytest.mark.skipif(
        _enabled and (not hasattr(os, "geteuid") or os.geteuid() != 0),
        reason="packaging smoke test: needs root for apt-get install (CI runs as root)",
    ),
    pytest.mark.skipif(
        _enabled and shutil.which("apt-get") is None,
        reason="packaging smoke test: needs a Debian-like system with apt-get",
    ),
]


@contextmanager
def _locked() -> Iterator[None]:
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _source_hash() -> str:
    h = hashlib.sha256()
    paths = [ROOT / "pyproject.toml"]
    for top in ("orgeditor", "resources", "packaging"):
        paths += sorted(
            p for p in (ROOT / top).rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )
    for p in paths:
        h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _run(cmd: list[str], *, env: dict[str, str] | None = None, timeout: float = 600) -> str:
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT, check=False
    )
    if proc.returncode != 0:
        pytest.fail(
            f"{' '.join(cmd)} exited {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}"
            f"\n--- stderr\n{proc.stderr[-4000:]}"
        )
    return proc.stdout + proc.stderr


def _build(log: list[str]) -> Path:
    """dist/orgeditor_*.deb, rebuilt when its sources changed."""
    want = _source_hash()
    debs = sorted(DIST.glob("orgeditor_*.deb"))
    built = debs and (DIST / "orgeditor" / "orgeditor").is_file() and HASH_FILE.is_file()
    if built and HASH_FILE.read_text().strip() == want:
        log.append(f"build: reused {debs[-1].name} (sources unchanged)")
        return debs[-1]
    t0 = time.monotonic()
    # --fast: zstd instead of xz for the .deb (5 s instead of one or two minutes on 2 cores).
    out = _run([str(ROOT / "packaging" / "build-linux"), "--fast"], timeout=1800)
    log.append(f"build: packaging/build-linux took {time.monotonic() - t0:.0f} s")
    log += ["  " + line for line in out.splitlines() if line.startswith(("  ", "orgeditor build"))]
    debs = sorted(DIST.glob("orgeditor_*.deb"))
    assert debs, "packaging/build-linux made no .deb"
    HASH_FILE.write_text(want)
    return debs[-1]


def _apt(args: list[str]) -> str:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    proc = subprocess.run(["apt-get", *args], capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0 and args[0] == "install":
        # A fresh machine may have no package lists yet for the Depends.
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env, check=False)
        proc = subprocess.run(
            ["apt-get", *args], capture_output=True, text=True, env=env, check=False
        )
    if proc.returncode != 0:
        pytest.fail(f"apt-get {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr}")
    return proc.stdout


def _no_graphviz_env(tmp: Path) -> dict[str, str]:
    """An environment whose PATH holds only a dot that must never run."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    poisoned = bin_dir / "dot"
    poisoned.write_text(f"#!/bin/sh\necho called > {tmp / 'system-dot-called'}\nexit 97\n")
    poisoned.chmod(0o755)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"ORGEDITOR_DOT", "GVBINDIR", "LD_LIBRARY_PATH", "PYTHONPATH", "DISPLAY"}
    }
    env.update(PATH=str(bin_dir), QT_QPA_PLATFORM="offscreen", HOME=str(tmp / "home"))
    (tmp / "home").mkdir()
    return env


def _write_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["name", "title", "manager", "team"])
    ws.append(["Ada Boss", "Director", "", "Research"])
    ws.append(["Ben Diaz", "ML Engineer", "Ada Boss", "Research"])
    ws.append(["Cleo Wu", "Data Engineer", "Ada Boss", "Data"])
    wb.save(path)


def _owned_files() -> list[Path]:
    out = subprocess.run(["dpkg", "-L", "orgeditor"], capture_output=True, text=True, check=True)
    return [Path(line) for line in out.stdout.splitlines() if line.strip()]


def _human(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024:
            return f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


def _tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def test_deb_installs_runs_exports_and_removes_cleanly(tmp_path: Path) -> None:
    log: list[str] = []
    pending: list[str] = []  # steps whose feature has not landed in this tree
    started = time.monotonic()
    with _locked():
        deb = _build(log)
        log.append(f"bundle: {_human(_tree_size(DIST / 'orgeditor'))} unpacked")
        log.append(f".deb: {deb.name}, {_human(deb.stat().st_size)}")

        t0 = time.monotonic()
        _apt(["install", "-y", "--no-install-recommends", str(deb)])
        log.append(f"apt-get install: {time.monotonic() - t0:.1f} s")
        try:
            owned = _owned_files()
            assert (INSTALL_DIR / "orgeditor").is_file()
            assert INSTALLED.resolve() == (INSTALL_DIR / "orgeditor")
            assert (INSTALL_DIR / "_internal" / "graphviz" / "dot").is_file()
            assert any(p.match("/usr/share/applications/*.desktop") for p in owned)
            assert any(p.match("/usr/share/mime/packages/*.xml") for p in owned)
            assert any("/usr/share/icons/hicolor/" in str(p) for p in owned)
            if shutil.which("update-mime-database"):
                # postinst registered the type: the MIME database knows *.orgchart.
                globs = Path("/usr/share/mime/globs2").read_text(encoding="utf-8")
                assert "*.orgchart" in globs

            env = _no_graphviz_env(tmp_path)
            run = str(INSTALLED)
            version = _run([run, "--version"], env=env).strip()
            assert version.startswith("orgeditor ")
            log.append(f"installed: {version}")

            org = tmp_path / "sample.orgchart"
            _run([run, "sample", "-o", str(org)], env=env)
            assert org.stat().st_size > 1000

            for fmt, magic in (("svg", b"<svg"), ("pdf", b"%PDF-")):
                out = tmp_path / f"chart.{fmt}"
                t0 = time.monotonic()
                _run([run, "export", str(org), "-o", str(out)], env=env, timeout=300)
                data = out.read_bytes()
                assert magic in data[:2000], f"{out.name} is not a {fmt.upper()} file"
                log.append(f"export {fmt}: {_human(len(data))} in {time.monotonic() - t0:.1f} s")
            # Slides: python-pptx reads its templates from files beside its modules.
            pptx = tmp_path / "chart.pptx"
            _run([run, "export", str(org), "-o", str(pptx)], env=env, timeout=300)
            assert pptx.read_bytes()[:2] == b"PK", "chart.pptx is not a PowerPoint file"
            log.append(f"export pptx: {_human(pptx.stat().st_size)}")
            assert not (tmp_path / "system-dot-called").exists(), "the system dot was used"

            # An HR spreadsheet: openpyxl in the frozen app.
            xlsx = tmp_path / "people.xlsx"
            _write_xlsx(xlsx)
            imported = tmp_path / "imported.orgchart"
            _run([run, "import", str(xlsx), "-o", str(imported)], env=env)
            assert "people: 3" in _run([run, "stats", str(imported)], env=env)
            log.append("import xlsx + stats: 3 people")
            # The sample's people are in the drawing: the export really laid them out.
            assert b"Rafael Mendes" in (tmp_path / "chart.svg").read_bytes()

            if (ROOT / "orgeditor" / "ui" / "app.py").is_file():
                shot = tmp_path / "window.png"
                t0 = time.monotonic()
                _run([run, str(org), "--screenshot", str(shot)], env=env, timeout=300)
                assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
                log.append(
                    f"--screenshot offscreen: {_human(shot.stat().st_size)} PNG "
                    f"in {time.monotonic() - t0:.1f} s"
                )
            else:
                pending.append(
                    "--screenshot (the window, orgeditor/ui/app.py, is not in this tree)"
                )
        finally:
            t0 = time.monotonic()
            _apt(["remove", "--purge", "-y", "orgeditor"])
            log.append(f"apt-get remove --purge: {time.monotonic() - t0:.1f} s")

        assert not INSTALL_DIR.exists(), "/opt/orgeditor is left after apt-get remove --purge"
        left = [
            p
            for p in owned
            if (p.exists() or p.is_symlink()) and not p.is_dir() and p != Path("/.")
        ]
        assert not left, f"files left after purge: {left[:10]}"
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", "orgeditor"], capture_output=True, text=True
        )
        assert "installed" not in status.stdout.replace("not-installed", "")

    log.append(f"smoke test total: {time.monotonic() - started:.0f} s")
    summary = "packaging smoke test\n" + "\n".join("  " + line for line in log)
    REPORT.write_text(summary + "\n", encoding="utf-8")
    print("\n" + summary)
    if pending:
        pytest.skip(
            "packaging smoke test passed all it could; not yet testable: " + "; ".join(pending)
        )
