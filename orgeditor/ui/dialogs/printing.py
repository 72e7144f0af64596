"""File > Print and Print to PDF: the whole matrix, on as many sheets as it needs.

The grid is printed at the level of detail the view shows (full cards, names, name chips),
whatever part of it is scrolled into view. :func:`plan_sheets` scales it to one sheet when
its names stay legible there (at least :data:`MIN_NAME_PT` points high), else cuts it into
sheets between columns and rows at that smallest legible size; every sheet repeats the
corner, the column headers of its columns and the row headers of its rows, under a title
line naming the document and the sheet ("2 of 6"). :func:`render_matrix` paints the plan on
any paged device; :func:`print_view` asks for a printer with the system dialog (whose
"Print to file" makes a PDF too), :func:`print_to_pdf` writes a PDF without a printer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QGraphicsItem

from orgeditor.ui.grid.layout import GridLayout

if TYPE_CHECKING:
    from orgeditor.ui.grid.view import MatrixView

__all__ = [
    "MAX_NAME_PT",
    "MIN_NAME_PT",
    "Sheet",
    "plan_sheets",
    "print_to_pdf",
    "print_view",
    "render_matrix",
]

#: the smallest legible name on paper (points): below it the matrix goes on more sheets
MIN_NAME_PT = 6.0
#: a small matrix is not blown up beyond names this high (points)
MAX_NAME_PT = 11.0
_NO_CACHE = QGraphicsItem.CacheMode.NoCache
#: the title line's font size (points)
_TITLE_PT = 9.0


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet: the grid's columns ``cols`` and rows ``rows`` (index ranges), with the
    row and column headers printed again beside them."""

    cols: range
    rows: range


def _groups(starts: list[float], sizes: list[float], room: float) -> list[range]:
    """Consecutive indexes whose sizes add up to at most ``room`` (at least one each)."""
    out: list[range] = []
    first = 0
    for i in range(1, len(sizes) + 1):
        if i == len(sizes) or starts[i] + sizes[i] - starts[first] > room:
            out.append(range(first, i))
            first = i
    return [g for g in out if len(g)]


def plan_sheets(
    lay: GridLayout, page_w: float, page_h: float, pt: float
) -> tuple[float, list[Sheet]]:
    """(scale, sheets): device pixels per scene unit, and the sheets the grid needs on a
    page of ``page_w`` x ``page_h`` device pixels (below the title line), where one point
    is ``pt`` device pixels."""
    name = lay.density.name_px
    legible = MIN_NAME_PT * pt / name
    whole = min(page_w / lay.width, page_h / lay.height, MAX_NAME_PT * pt / name)
    if whole >= legible - 1e-9:
        return whole, [Sheet(range(len(lay.columns)), range(len(lay.rows)))]
    # the widest column or tallest row must fit a sheet beside the headers
    widest = max(lay.col_w) + lay.row_header_w
    tallest = max(lay.row_h) + lay.col_header_h
    scale = min(legible, page_w / widest, page_h / tallest)
    fewest = len(_sheets(lay, page_w, page_h, scale))
    # as large as the fewest sheets allow: the sheets are filled, not left half empty
    for step in range(1, 40):
        larger = scale * 1.03**step
        if larger > MAX_NAME_PT * pt / name or len(_sheets(lay, page_w, page_h, larger)) > fewest:
            scale *= 1.03 ** (step - 1)
            break
    return scale, _sheets(lay, page_w, page_h, scale)


def _sheets(lay: GridLayout, page_w: float, page_h: float, scale: float) -> list[Sheet]:
    room_w = page_w / scale - lay.row_header_w
    room_h = page_h / scale - lay.col_header_h
    cols = _groups(lay.col_x, lay.col_w, room_w)
    rows = _groups(lay.row_y, lay.row_h, room_h)
    # down the rows first, then across (as a spreadsheet prints)
    return [Sheet(c, r) for c in cols for r in rows]


def render_matrix(view: MatrixView, device: QPagedPaintDevice, title: str) -> int:
    """Paint the whole grid of ``view`` on ``device``, on as many pages as
    :func:`plan_sheets` says; returns the number of pages."""
    scene = view.matrix
    lay = scene.layout
    overview = scene.overview.isVisible()
    scene.show_overview(False)  # print the cells, however far the view is zoomed out
    scene.materialize()  # cell items are made as the screen shows them: the page shows all
    # cells and headers cache their pixels for the screen: on paper they are vectors
    cached = [(i, i.cacheMode()) for i in scene.items() if i.cacheMode() != _NO_CACHE]
    for item, _mode in cached:
        item.setCacheMode(_NO_CACHE)
    painter = QPainter(device)
    try:
        page = QRectF(painter.viewport())
        pt = device.logicalDpiY() / 72.0
        font = QFont()
        font.setPointSizeF(_TITLE_PT)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        line = painter.fontMetrics().height() * 1.6
        scale, sheets = plan_sheets(lay, page.width(), page.height() - line, pt)
        for n, sheet in enumerate(sheets):
            if n:
                device.newPage()
            painter.setFont(font)
            painter.setPen(Qt.GlobalColor.black)
            label = title if len(sheets) == 1 else f"{title} — sheet {n + 1} of {len(sheets)}"
            painter.drawText(
                QRectF(page.x(), page.y(), page.width(), line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            _paint_sheet(view, painter, sheet, scale, page.x(), page.y() + line)
        return len(sheets)
    finally:
        painter.end()
        for item, mode in cached:
            item.setCacheMode(mode)
        scene.show_overview(overview)


def _paint_sheet(
    view: MatrixView, painter: QPainter, sheet: Sheet, scale: float, x0: float, y0: float
) -> None:
    """The corner, the sheet's column and row headers and its cells, from (x0, y0)."""
    lay = view.matrix.layout
    c0, c1 = sheet.cols[0], sheet.cols[-1]
    r0, r1 = sheet.rows[0], sheet.rows[-1]
    left, right = lay.col_x[c0], lay.col_x[c1] + lay.col_w[c1]
    top, bottom = lay.row_y[r0], lay.row_y[r1] + lay.row_h[r1]
    hw, hh = lay.row_header_w, lay.col_header_h
    parts = [
        QRectF(0, 0, hw, hh),  # corner
        QRectF(left, 0, right - left, hh),  # column headers
        QRectF(0, top, hw, bottom - top),  # row headers
        QRectF(left, top, right - left, bottom - top),  # cells
    ]
    at = [(0.0, 0.0), (hw, 0.0), (0.0, hh), (hw, hh)]
    for source, (dx, dy) in zip(parts, at, strict=True):
        target = QRectF(
            x0 + dx * scale, y0 + dy * scale, source.width() * scale, source.height() * scale
        )
        view.matrix.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)


def _printer(view: MatrixView) -> QPrinter:
    """A printer at the screen's resolution: the cards' fonts are sized in points, and on
    a device of another resolution they would not fit the cards the layout measured on
    screen. Text and shapes still go to the page as vectors, sharp at any size."""
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setResolution(view.logicalDpiY())
    _orient(printer, view)
    return printer


def _orient(printer: QPrinter, view: MatrixView) -> None:
    lay = view.matrix.layout
    orientation = (
        QPageLayout.Orientation.Landscape
        if lay.width >= lay.height
        else QPageLayout.Orientation.Portrait
    )
    printer.setPageOrientation(orientation)


def print_view(view: MatrixView, title: str) -> bool:
    """The system print dialog, then print; False when cancelled."""
    printer = _printer(view)
    printer.setDocName(title)
    ask = QPrintDialog(printer, view)
    ask.setWindowTitle("Print")
    result = ask.exec()
    ask.deleteLater()
    if result != QDialog.DialogCode.Accepted:
        return False
    render_matrix(view, printer, title)
    return True


def print_to_pdf(view: MatrixView, path: Path, title: str) -> int:
    """Write the whole grid to a PDF at ``path`` (A4, landscape for a wide grid); returns
    the number of pages."""
    printer = _printer(view)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    _orient(printer, view)
    printer.setDocName(title)
    return render_matrix(view, printer, title)
