"""PyInstaller runtime hook: point orgeditor at the Graphviz bundled beside it.

Runs before ``orgeditor`` is imported in the frozen app.

* Linux: ``graphviz/dot`` is a wrapper that sets ``GVBINDIR`` and ``LD_LIBRARY_PATH`` for the dot
  process alone; ``ORGEDITOR_DOT`` names it, unless the user set it already. (The exporter's
  ``find_dot()`` also looks at ``sys._MEIPASS/graphviz/dot`` by itself; this makes the choice
  visible to child processes too.) ``GVBINDIR`` is deliberately *not* set for the whole app: a
  system ``dot`` (used when the user points ``ORGEDITOR_DOT`` at it) would then load our plugins
  against its own libraries.
* Linux: the bootloader prepends the bundle to ``LD_LIBRARY_PATH`` and keeps the user's value in
  ``LD_LIBRARY_PATH_ORIG``. The running process has read it already, so restoring it only
  affects child processes (a system ``dot``, ``xdg-open``), which then load their own libraries.
* Windows: ``graphviz/dot.exe`` finds its DLLs and plugins beside itself.
* macOS: ``graphviz/bin/dot`` (no shell wrapper inside a signed app); its dylibs are relinked to
  ``@loader_path``, and ``GVBINDIR`` and ``FONTCONFIG_FILE`` (Homebrew's fontconfig would look
  under /opt/homebrew) are set here when orgeditor uses its own dot.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _setup() -> None:
    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    graphviz = base / "graphviz"
    if sys.platform == "darwin":
        dot = graphviz / "bin" / "dot"
        if dot.is_file() and "ORGEDITOR_DOT" not in os.environ:
            os.environ["ORGEDITOR_DOT"] = str(dot)
            os.environ["GVBINDIR"] = str(graphviz / "plugins")
            os.environ.setdefault("FONTCONFIG_FILE", str(graphviz / "etc" / "fonts" / "fonts.conf"))
        return
    dot = graphviz / ("dot.exe" if sys.platform == "win32" else "dot")
    if dot.is_file():
        os.environ.setdefault("ORGEDITOR_DOT", str(dot))
    if sys.platform.startswith("linux"):
        orig = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
        if orig is not None:
            os.environ["LD_LIBRARY_PATH"] = orig
        elif os.environ.get("LD_LIBRARY_PATH") == str(base):  # set by the bootloader alone
            del os.environ["LD_LIBRARY_PATH"]


_setup()
