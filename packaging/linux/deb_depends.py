"""Work out the Debian ``Depends:`` of a PyInstaller bundle, as ``dpkg-shlibdeps`` would.

Usage: ``python3 deb_depends.py BUNDLE_DIR [EXTRA_PACKAGE ...]``; prints one line such as
``libc6 (>= 2.36), libegl1, libfontconfig1, ...``.

Every ELF file in the bundle is read for its direct ``NEEDED`` libraries (``readelf -d``); each is
resolved the way the loader will resolve it at run time (``ldd`` with the bundle's library path:
``_internal`` for the app, ``_internal/graphviz/lib`` for the bundled ``dot``). Libraries that
resolve outside the bundle are the system's: ``dpkg -S`` names their packages. A library that
resolves nowhere fails the build, naming the file that needs it.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

__all__ = ["depends", "main"]

_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")
_LDD = re.compile(r"^\s*(\S+) => (not found|(\S+) \(0x[0-9a-f]+\))", re.M)


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def _library_path(bundle: Path, obj: Path) -> str:
    internal = bundle / "_internal"
    graphviz = internal / "graphviz"
    if graphviz in obj.parents:
        return str(graphviz / "lib")
    return str(internal)


@functools.cache
def _package_of(path: str) -> str | None:
    """The installed package that owns a library file (merged /usr aware)."""
    candidates = [path, os.path.realpath(path)]
    for p in list(candidates):
        if p.startswith("/usr/lib/"):
            candidates.append(p[len("/usr") :])
        elif p.startswith("/lib/"):
            candidates.append("/usr" + p)
    for p in candidates:
        out = subprocess.run(["dpkg", "-S", p], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout:
            pkg = out.stdout.split(":", 1)[0].split(",")[0].strip()
            return pkg
    return None


def _upstream_version(pkg: str) -> str:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True, check=True
    )
    version = out.stdout.split(":", 1)[-1]  # no epoch
    return version.split("-", 1)[0].split("+", 1)[0]


def depends(bundle: Path, extra: list[str]) -> list[str]:
    """The sorted ``Depends:`` entries of ``bundle`` plus ``extra`` packages."""
    bundle = bundle.resolve()
    packages: set[str] = set(extra)
    missing: list[str] = []
    for obj in sorted(bundle.rglob("*")):
        if obj.is_symlink() or not obj.is_file() or not _is_elf(obj):
            continue
        dyn = subprocess.run(["readelf", "-d", str(obj)], capture_output=True, text=True)
        needed = set(_NEEDED.findall(dyn.stdout))
        if not needed:
            continue
        env = dict(os.environ, LD_LIBRARY_PATH=_library_path(bundle, obj))
        ldd = subprocess.run(["ldd", str(obj)], capture_output=True, text=True, env=env)
        resolved = {m.group(1): m.group(3) for m in _LDD.finditer(ldd.stdout)}
        for name in sorted(needed):
            if name.startswith("ld-linux"):  # the dynamic loader, listed without "=>"
                packages.add("libc6")
                continue
            path = resolved.get(name)
            if path is None:
                missing.append(f"{obj.relative_to(bundle)} needs {name}, found nowhere")
                continue
            if Path(path).resolve().is_relative_to(bundle):
                continue
            pkg = _package_of(path)
            if pkg is None:
                missing.append(f"{obj.relative_to(bundle)} needs {path}, which no package owns")
                continue
            packages.add(pkg)
    if missing:
        raise SystemExit("deb_depends: " + "\n  ".join(["unresolved libraries:", *missing]))
    entries = []
    for pkg in sorted(packages):
        # glibc symbol versions are what really breaks on older systems: say so.
        entries.append(f"{pkg} (>= {_upstream_version(pkg)})" if pkg == "libc6" else pkg)
    return entries


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit("usage: deb_depends.py BUNDLE_DIR [EXTRA_PACKAGE ...]")
    print(", ".join(depends(Path(sys.argv[1]), sys.argv[2:])))


if __name__ == "__main__":
    main()
