"""Measure how tall names are when an exported page is fit into a 1920x1080 slide."""

from __future__ import annotations

import re

from orgeditor.export.metrics import NAME_PT, SLIDE_H, SLIDE_W

__all__ = ["output_name_px", "slide_name_px", "svg_texts"]

_SVG = "{http://www.w3.org/2000/svg}"
#: how much of an exported file :func:`output_name_px` reads
HEAD = 4000


def svg_texts(svg: bytes) -> list[str]:
    """Every text run of a Graphviz SVG, in document order."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{_SVG}text")]


def slide_name_px(svg: bytes, name_pt: float = NAME_PT) -> float:
    """Height in px of names (set at ``name_pt``) with the page fit into a 1920x1080 slide.

    The page's viewBox is scaled to fit the slide; a name's font size in viewBox units times
    that scale is its height on the slide.
    """
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    box = [float(x) for x in re.split(r"[ ,]+", root.attrib["viewBox"].strip())]
    width, height = box[2], box[3]
    sizes = {float(t.attrib.get("font-size", "0")) for t in root.iter(f"{_SVG}text")}
    if not any(abs(s - name_pt) < 0.01 for s in sizes):
        raise ValueError(f"no text at {name_pt} pt in this SVG (sizes: {sorted(sizes)})")
    return name_pt * min(SLIDE_W / width, SLIDE_H / height)


def output_name_px(data: bytes, fmt: str, scale: float = 1.0) -> float | None:
    """Name height on a 1920x1080 slide for an exported SVG or PNG (cheap: header only).

    ``data`` needs to hold only the start of the file (:data:`HEAD` bytes).
    """
    if fmt == "svg":
        m = re.search(rb'viewBox="([^"]+)"', data[:HEAD])
        if not m:
            return None
        box = [float(x) for x in re.split(rb"[ ,]+", m.group(1).strip())]
        width, height = box[2], box[3]
    elif fmt == "png":
        from orgeditor.export.render import png_size

        w, h = png_size(data)
        dpi = 96.0 * scale
        width, height = w * 72.0 / dpi, h * 72.0 / dpi
    else:
        return None
    if width <= 0 or height <= 0:
        return None
    return NAME_PT * min(SLIDE_W / width, SLIDE_H / height)
