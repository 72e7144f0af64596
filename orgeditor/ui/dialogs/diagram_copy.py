"""Edit > Copy Diagram and the Export dialog's Copy Diagram: a PNG and an SVG on the clipboard.

:func:`render_diagram` draws the view (the whole chart, or one page) as SVG and PNG without
Qt; :func:`put_on_clipboard` runs it on a worker thread with progress and Cancel (a chart of
thousands of people takes Graphviz a while) and puts both on the clipboard;
:func:`copy_diagram` copies the view last used in the Export dialog.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QByteArray, QMimeData, QSettings
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QWidget

from orgeditor.document import Document
from orgeditor.export.api import ExportOptions, build_pages, render_page
from orgeditor.model.org import Org
from orgeditor.progress import Cancelled, Progress
from orgeditor.ui.dialogs.export_choices import last_options
from orgeditor.ui.dialogs.export_run import run_in_window
from orgeditor.ui.selection import Selection

__all__ = ["copy_diagram", "put_on_clipboard", "render_diagram"]


def render_diagram(org: Org, opts: ExportOptions, progress: Progress) -> tuple[bytes, bytes]:
    """The SVG and PNG of the view (whole chart, or ``opts.page``); any thread.

    The PNG is drawn at twice the screen's resolution, or at half of it when that would pass
    Cairo's size limit. ``progress`` hears each step; a cancel stops between them.
    """
    from orgeditor.export.render import GraphvizError

    progress.phase("laying out")
    pages = build_pages(org, opts, opts.page is not None)
    page = pages[min(opts.page or 1, len(pages)) - 1]
    steps = [("svg", 1.0), ("png", 2.0)]
    progress.start("pictures", len(steps))
    drawn: list[bytes] = []
    for fmt, scale in steps:
        if progress.cancelled():
            raise Cancelled("copying the diagram cancelled")
        try:
            drawn.append(render_page(page, fmt, replace(opts, scale=scale)))
        except GraphvizError:
            if fmt != "png":
                raise
            drawn.append(render_page(page, fmt, replace(opts, scale=0.5)))
        progress.advance()
    return drawn[0], drawn[1]


def put_on_clipboard(org: Org, opts: ExportOptions, parent: QWidget | None = None) -> None:
    """Draw the view and put a PNG and an SVG on the clipboard.

    Raises :class:`Cancelled` when the user cancelled (the clipboard is left as it was).
    """
    svg, png = run_in_window(
        parent,
        "Copy Diagram",
        "Drawing the diagram",
        org,
        lambda copy, progress: render_diagram(copy, opts, progress),
    )
    mime = QMimeData()
    mime.setData("image/svg+xml", QByteArray(svg))
    mime.setData("image/png", QByteArray(png))
    mime.setImageData(QImage.fromData(png))
    QGuiApplication.clipboard().setMimeData(mime)


def copy_diagram(
    document: Document,
    selection: Selection | None,
    settings: QSettings | None = None,
    parent: QWidget | None = None,
) -> None:
    """Edit > Copy Diagram: the last-used view as PNG and SVG on the clipboard.

    With one person selected and the last view a subtree (or with a person selected and no
    choice made yet), the selected person's org is copied.
    """
    opts = replace(last_options(settings), page=None)
    picked = selection.people if selection is not None else []
    if opts.view == "subtree":
        root = picked[0] if picked else opts.root
        if root is None or root not in document.org.people:
            opts = replace(opts, view="reporting")
        else:
            opts = replace(opts, root=root)
    if opts.view == "pipeline" and not opts.pipeline and document.org.pipeline_order:
        opts = replace(opts, pipeline=document.org.pipeline_order[0])
    put_on_clipboard(document.org, opts, parent)
