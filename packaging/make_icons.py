"""Make the Windows ``.ico`` and the macOS ``.icns`` (and ``.iconset``) from the app's SVG icon.

Usage (with the build venv, which has PySide6 and Pillow)::

    build/venv/bin/python packaging/make_icons.py [--svg resources/icons/orgeditor.svg] \
        [--out build/icons]

Writes ``OUT/orgeditor.ico`` (16-256 px), ``OUT/orgeditor.icns`` (16-1024 px) and
``OUT/orgeditor.iconset/`` (the folder ``iconutil -c icns`` takes on a Mac, for those who prefer
Apple's tool). Each size is rendered from the SVG by Qt, not scaled from one bitmap, so the
small sizes stay sharp. Runs on any OS; the Windows and macOS recipes call it before PyInstaller.
"""

from __future__ import annotations

import argparse
import os
import sys
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["main", "render"]

ROOT = Path(__file__).resolve().parent.parent
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(svg: Path, sizes: tuple[int, ...]) -> dict[int, Image.Image]:
    """PIL images of the SVG at each size (transparent background)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not an SVG Qt can draw")
    images: dict[int, Image.Image] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; str works
        images[size] = Image.open(BytesIO(buf.data().data())).convert("RGBA")
    return images


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--svg", type=Path, default=ROOT / "resources" / "icons" / "orgeditor.svg")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons")
    args = parser.parse_args(argv)
    if not args.svg.is_file():
        raise SystemExit(f"make_icons: no icon at {args.svg}")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    images = render(args.svg, tuple(sorted(set(ICO_SIZES) | set(ICNS_SIZES))))
    big = images[256]
    big.save(
        out / "orgeditor.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    images[1024].save(
        out / "orgeditor.icns",
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != 1024],
    )
    iconset = out / "orgeditor.iconset"
    iconset.mkdir(exist_ok=True)
    for s in (16, 32, 128, 256, 512):
        images[s].save(iconset / f"icon_{s}x{s}.png")
        images[s * 2].save(iconset / f"icon_{s}x{s}@2x.png")
    for name in ("orgeditor.ico", "orgeditor.icns"):
        print(f"wrote {out / name} ({(out / name).stat().st_size:,} bytes)")
    print(f"wrote {iconset}/ (for iconutil -c icns on a Mac)")


if __name__ == "__main__":
    main()
