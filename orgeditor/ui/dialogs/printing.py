"""File > Print and Print to PDF: the grid as the view shows it, fitted to the page.

:func:`render_view` paints the part of the matrix that is in view (at its current level of
detail) onto any paint device, scaled to fit and centred, under a title line naming the
document; :func:`print_view` asks for a printer with the system dialog (whose "Print to file"
makes a PDF too), :func:`print_to_pdf` writes a PDF without a printer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from orgeditor.ui.grid.view import MatrixView

__all__ = ["PDF_DPI", "print_to_pdf", "print_view", "render_view"]

#: a PDF's resolution: sharp on paper, quick to paint (the printer's own 1,200 dpi is slow)
PDF_DPI = 300


def render_view(view: MatrixView, device: QPagedPaintDevice, title: str) -> None:
    """Paint what ``view`` shows of the grid on ``device`` (one page), under ``title``."""
    painter = QPainter(device)
    try:
        page = QRectF(painter.viewport())
        font = QFont()
        font.setPointSizeF(10)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        line = painter.fontMetrics().height() * 1.6
        painter.drawText(
            QRectF(page.x(), page.y(), page.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        target = QRectF(page.x(), page.y() + line, page.width(), page.height() - line)
        source = view.viewport().rect()
        scale = min(target.width() / source.width(), target.height() / source.height())
        w, h = source.width() * scale, source.height() * scale
        placed = QRectF(target.x() + (target.width() - w) / 2, target.y(), w, h)
        view.render(painter, placed, source)  # the view's own painting: sticky headers too
    finally:
        painter.end()


def _landscape(printer: QPrinter, view: MatrixView) -> None:
    vp = view.viewport().rect()
    orientation = (
        QPageLayout.Orientation.Landscape
        if vp.width() >= vp.height()
        else QPageLayout.Orientation.Portrait
    )
    printer.setPageOrientation(orientation)


def print_view(view: MatrixView, title: str) -> bool:
    """The system print dialog, then print; False when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _landscape(printer, view)
    printer.setDocName(title)
    dialog = QDialog.DialogCode.Accepted
    ask = QPrintDialog(printer, view)
    ask.setWindowTitle("Print")
    result = ask.exec()
    ask.deleteLater()
    if result != dialog:
        return False
    render_view(view, printer, title)
    return True


def print_to_pdf(view: MatrixView, path: Path, title: str) -> None:
    """Write what the view shows to a one-page PDF at ``path`` (A4, landscape for a wide
    view)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(PDF_DPI)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    _landscape(printer, view)
    printer.setDocName(title)
    render_view(view, printer, title)
