"""PyInstaller runtime hook: point orgeditor at the Graphviz bundled beside it.

Runs before ``orgeditor`` is imported in the frozen app.

* ``ORGEDITOR_DOT`` names the bundled ``graphviz/dot`` (a wrapper that sets ``GVBINDIR`` and
  ``LD_LIBRARY_PATH`` for the dot process alone), unless the user set it already. The exporter's
  ``find_dot()`` also looks at ``sys._MEIPASS/graphviz/dot`` by itself; this makes the choice
  visible to any child process too.
* ``GVBINDIR`` is deliberately *not* set for the whole app: a system ``dot`` (the fallback when
  the user points ``ORGEDITOR_DOT`` elsewhere) would then load our plugins against its own
  libraries.
* On Linux the bootloader prepends the bundle to ``LD_LIBRARY_PATH`` and keeps the user's value
  in ``LD_LIBRARY_PATH_ORIG``. The running process has read it already, so restoring it only
  affects child processes (a system ``dot``, ``xdg-open``), which then load their own libraries.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _setup() -> None:
    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    name = "dot.exe" if sys.platform == "win32" else "dot"
    dot = base / "graphviz" / name
    if dot.is_file():
        os.environ.setdefault("ORGEDITOR_DOT", str(dot))
    if sys.platform.startswith("linux"):
        orig = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
        if orig is not None:
            os.environ["LD_LIBRARY_PATH"] = orig
        elif os.environ.get("LD_LIBRARY_PATH") == str(base):  # set by the bootloader alone
            del os.environ["LD_LIBRARY_PATH"]


_setup()
