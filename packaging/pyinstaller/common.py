"""What orgeditor's PyInstaller specs (Linux, Windows, macOS) share: what goes in, what stays out.

Imported by ``packaging/orgeditor.spec``, ``packaging/windows/orgeditor.spec`` and
``packaging/macos/orgeditor.spec`` at build time (PyInstaller is importable there).

* The whole ``orgeditor`` package goes in (every submodule, found at build time, so new modules
  and lazily loaded subcommands are picked up without editing a spec), with its data files.
* Of Qt, only the modules the code imports: the sources are scanned for ``PySide6.QtX``; every
  other PySide6 module is excluded, and so are the plugins a desktop editor does not need.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "MODULE_COLLECTION_MODE",
    "ROOT",
    "UNUSED_PYTHON",
    "binary_filter",
    "orgeditor_datas",
    "orgeditor_hiddenimports",
    "qt_excludes",
]

ROOT = Path(__file__).resolve().parents[2]

# Python modules nothing here uses (ssl and _hashlib alone bring 6 MB of OpenSSL; hashlib falls
# back to its built-in md5/sha1/sha2/sha3/blake2). Pillow (python-pptx needs it to place
# pictures) keeps PNG/JPEG/GIF but not AVIF, WebP or colour management.
UNUSED_PYTHON = [
    *("tkinter", "_tkinter", "test", "unittest", "pydoc_data", "IPython", "readline"),
    *("ssl", "_ssl", "_hashlib"),
    *("PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin"),
    *("PIL._imagingcms", "PIL.ImageCms", "PIL.ImageTk", "PIL.ImageQt"),
    *("lxml.objectify", "lxml.isoschematron"),
]

# python-pptx opens its templates as ``pptx/oxml/../templates/...``: the ``oxml`` folder must
# exist on disk, so pptx goes in as source files rather than inside the PYZ archive.
MODULE_COLLECTION_MODE = {"pptx": "py"}

# Qt plugins a desktop editor does not need (paths as PyInstaller sees the sources: PySide6/Qt/
# plugins on Linux and macOS, PySide6/plugins on Windows). Platforms kept: xcb (X11, and
# XWayland on Wayland desktops), offscreen and minimal (``--screenshot``, CI), windows, cocoa.
# The native Wayland plugin is left out: it needs libwayland-cursor/-egl and would add Depends,
# while XWayland runs the app everywhere. eglfs/linuxfb/vnc are for kiosks; the gtk3 theme drags
# in GTK's libraries; the rest pull in QtPdf, QtQml...
_UNUSED_PLUGINS = re.compile(
    r"PySide6/(Qt/)?plugins/("
    r"imageformats/(lib)?q(pdf|tiff|webp|icns|tga|wbmp)\w*\.(so|dll|dylib)"
    r"|platforms/(lib)?q(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl|wayland|direct2d)\w*\."
    r"|platformthemes/(lib)?qgtk3\."
    r"|egldeviceintegrations/|generic/|wayland-[\w-]+/"
    r"|qmltooling/|qmllint/|designer/|vectorimageformats/"
    r")"
)
# Plugin folders that belong to one Qt module: dropped unless the code uses that module.
_MODULE_PLUGINS = {
    "QtNetwork": ("networkinformation", "tls"),
    "QtPrintSupport": ("printsupport",),
    "QtSql": ("sqldrivers",),
    "QtMultimedia": ("multimedia",),
    "QtPositioning": ("position",),
    "QtSensors": ("sensors",),
    "QtWebView": ("webview",),
}
# Qt libraries that hooks or plugins drag in: dropped unless the code uses the module.
_MODULE_LIBS = {
    "QtPdf": ("Pdf",),
    "QtQml": ("Qml", "QmlModels", "QmlMeta", "QmlWorkerScript"),
    "QtQuick": ("Quick",),
    "QtNetwork": ("Network",),
    "QtSql": ("Sql",),
    "QtDesigner": ("Designer",),
    "QtOpenGLWidgets": ("OpenGLWidgets",),
    "_platforms_left_out": ("EglFSDeviceIntegration", "EglFsKmsSupport", "WaylandClient",
                            "WaylandEglClientHwIntegration", "WlShellIntegration",
                            "VirtualKeyboard"),
}  # fmt: skip
# Linux: font libraries must match the system's font configuration (/etc/fonts): taken from the
# system (the .deb depends on libfontconfig1), as for the bundled Graphviz.
_SYSTEM_LIBS = re.compile(r"^lib(fontconfig\.so\.1|freetype\.so\.6)$")


def qt_excludes() -> tuple[list[str], list[str]]:
    """(Qt modules the sources use, ``PySide6.QtX`` modules to exclude)."""
    from PyInstaller.utils.hooks import get_package_paths

    _, orgeditor_dir = get_package_paths("orgeditor")
    used = {"QtCore", "QtGui", "QtWidgets"}
    for source in Path(orgeditor_dir).rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import ([\w, ()\n]+)", text):
            used |= set(re.findall(r"Qt\w+", names))
    _, pyside_dir = get_package_paths("PySide6")
    every = {p.name.split(".")[0] for p in Path(pyside_dir).glob("Qt*.*") if p.suffix != ".py"}
    excluded = sorted(f"PySide6.{m}" for m in every - used if m.isidentifier())
    return sorted(used), excluded


def orgeditor_hiddenimports() -> list[str]:
    from PyInstaller.utils.hooks import collect_submodules

    return list(collect_submodules("orgeditor"))


def orgeditor_datas() -> list[tuple[str, str]]:
    from PyInstaller.utils.hooks import collect_data_files

    return list(collect_data_files("orgeditor"))


def binary_filter(used_qt: list[str]) -> Callable[[tuple[str, str, str]], bool]:
    """A predicate: False for the Qt plugins and libraries left out, and the font libraries."""
    folders = [f for m, fs in _MODULE_PLUGINS.items() if m not in used_qt for f in fs]
    libs = [lib for m, ls in _MODULE_LIBS.items() if m not in used_qt for lib in ls]
    module_plugins = re.compile(r"PySide6/(Qt/)?plugins/(" + "|".join(folders) + r")/")
    module_libs = re.compile(r"PySide6/(Qt/lib/)?(lib)?Qt6?(" + "|".join(libs) + r")\b")

    def keep(entry: tuple[str, str, str]) -> bool:
        dest, src, _kind = entry
        path = str(src).replace(os.sep, "/")
        dest = dest.replace(os.sep, "/")
        if "/" not in dest and _SYSTEM_LIBS.match(dest):
            return False
        return not (
            _UNUSED_PLUGINS.search(path) or module_plugins.search(path) or module_libs.search(path)
        )

    return keep
