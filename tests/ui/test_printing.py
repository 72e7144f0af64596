"""File > Print and Print to PDF: the whole matrix, paged across sheets with its headers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from orgeditor.document import Document
from orgeditor.samples import sample_org, synthetic_org
from orgeditor.ui.dialogs.printing import MIN_NAME_PT, plan_sheets, print_to_pdf
from orgeditor.ui.grid.density import CHIPS, FULL, NAMES


def _window(make_window, qtbot, org):  # type: ignore[no-untyped-def]
    w = make_window(Document(org), autosave=False)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def test_every_column_and_row_is_on_a_sheet_once_with_legible_names(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = _window(make_window, qtbot, synthetic_org(150, seed=0))
    view = w.view
    view.set_zoom(1.0, density=FULL)
    lay = view.matrix.layout
    pt = 300 / 72  # a 300 dpi page
    page_w, page_h = 11.0 * 300, 7.5 * 300
    scale, sheets = plan_sheets(lay, page_w, page_h, pt)
    assert len(sheets) > 1  # 150 people as full cards do not fit one sheet legibly
    assert FULL.name_px * scale >= MIN_NAME_PT * pt - 1e-6
    cells = [(i, j) for s in sheets for i in s.cols for j in s.rows]
    assert sorted(cells) == [(i, j) for i in range(len(lay.columns)) for j in range(len(lay.rows))]
    for s in sheets:  # each sheet, headers included, fits the page
        w_ = lay.row_header_w + sum(lay.col_w[i] for i in s.cols)
        h_ = lay.col_header_h + sum(lay.row_h[j] for j in s.rows)
        assert w_ * scale <= page_w + 1e-6 and h_ * scale <= page_h + 1e-6


def test_a_small_matrix_prints_on_one_sheet(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = _window(make_window, qtbot, sample_org())
    w.view.set_zoom(0.8, density=NAMES)
    _scale, sheets = plan_sheets(w.view.matrix.layout, 3300, 2250, 300 / 72)
    assert len(sheets) == 1


@pytest.mark.parametrize(("density", "zoom"), [(FULL, 1.0), (CHIPS, 0.2)])
def test_print_to_pdf_prints_the_whole_matrix_not_the_visible_part(
    make_window, qtbot, tmp_path, density, zoom
) -> None:  # type: ignore[no-untyped-def]
    w = _window(make_window, qtbot, synthetic_org(150, seed=0))
    view = w.view
    view.set_zoom(zoom, density=density)
    view.scroll_home()
    out = tmp_path / "matrix.pdf"
    pages = print_to_pdf(view, out, "matrix.orgchart")
    assert pages >= 2 and _pages(out) == pages
    overview = view.matrix.overview.isVisible()
    assert overview == (view.zoom < 0.12)  # the view is as it was
    if not shutil.which("pdftoppm"):
        return
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "p")], check=True)
    from PySide6.QtGui import QImage

    for png in sorted(tmp_path.glob("p*.png")):  # no blank sheet: cards on every one
        image = QImage(str(png))
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 5)
            for y in range(0, image.height(), 5)
        }
        assert len(colours) > 12, png.name


def test_print_through_the_system_dialog_prints_every_sheet(
    make_window, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """File > Print: the dialog's printer (here its "Print to file") gets the whole matrix."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    out = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    w = _window(make_window, qtbot, synthetic_org(150, seed=0))
    w.view.set_zoom(1.0, density=FULL)
    assert w.files.print_view()
    assert _pages(out) > 1
