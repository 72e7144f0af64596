"""Help > Keyboard Shortcuts and Legend: every shortcut of the window and the grid, and what
the marks on a card mean."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from orgeditor.ui.actions import Actions

__all__ = ["GRID_KEYS", "LEGEND", "help_html", "show_help"]

#: keys the grid handles itself (they are not menu actions)
GRID_KEYS: tuple[tuple[str, str], ...] = (
    ("Arrow keys", "move to the neighbouring card"),
    ("Shift+arrow", "extend the selection"),
    ("Alt+arrow", "move the selected people to the neighbouring cell"),
    ("Enter, F2, double-click", "rename in place (Escape cancels)"),
    ("Delete", "delete the selection (in a pipeline row: from the pipeline or the org)"),
    ("Home", "show the top-left corner"),
    ("Escape", "clear the selection"),
    ("Ctrl+wheel, pinch", "zoom (cards drop detail before names get small)"),
    ("Shift+wheel", "scroll sideways"),
    ("Drag", "move people (to a cell: team and pipeline; to a header: team only)"),
    ("Ctrl+drag", "share time with another pipeline"),
    ("Right-click", "the menu of a card, cell or header"),
)

#: the marks on cards and cells
LEGEND: tuple[tuple[str, str], ...] = (
    ("Coloured bar on the left", "the team's kind (or role or level: View > Colour by)"),
    ("Manager, PM, Director, VP", "the person's role"),
    ("Staff, Principal", "the engineering track (from the title or a track field)"),
    ("TL", "tech lead of a team or of a pipeline"),
    ("Dashed card, italic name", "an open position (a planned hire, not a person)"),
    ("50% at the bottom right", "the person's share of time in this cell"),
    ("Red, orange or blue dot", "a health-check finding (error, warning, information)"),
    ("3 · 2.0 FTE above a cell", "3 cards in the cell, 2.0 full-time equivalents by share"),
    ("7 people, 1 open position", "a team's headcount: open positions are counted apart"),
    ("Blue lines", "solid reporting lines of the selection (View > Show Reporting Lines)"),
    ("Purple dashed lines", "dotted reporting lines (View > Show Dotted Lines)"),
)


def _rows(rows: list[tuple[str, str]]) -> str:
    return "".join(
        f"<tr><td style='padding-right:16px'><b>{escape(a)}</b></td><td>{escape(b)}</td></tr>"
        for a, b in rows
    )


def help_html(actions: Actions) -> str:
    """The dialog's text: the window's shortcuts (from its actions), the grid's, the legend."""
    menu: list[tuple[str, str]] = []
    for name, act in sorted(vars(actions).items()):
        shortcuts = getattr(act, "shortcuts", None)
        if shortcuts is None:
            continue
        keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in act.shortcuts() if s]
        if keys:
            menu.append((", ".join(keys), act.text().replace("&", "").replace("...", "…")))
        del name
    menu.sort(key=lambda r: r[1])
    return (
        "<h3>Menu shortcuts</h3><table>" + _rows(menu) + "</table>"
        "<h3>On the grid</h3><table>" + _rows(list(GRID_KEYS)) + "</table>"
        "<h3>Legend</h3><table>" + _rows(list(LEGEND)) + "</table>"
        "<p>Zoomed out, cards first drop titles and badges, then become one-line name chips, "
        "then coloured blocks.</p>"
    )


def show_help(parent: QWidget, actions: Actions) -> QDialog:
    """Show the dialog (not modal: it can stay open beside the window)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard Shortcuts and Legend")
    layout = QVBoxLayout(dialog)
    text = QTextBrowser(dialog)
    text.setHtml(help_html(actions))
    layout.addWidget(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=dialog)
    buttons.rejected.connect(dialog.close)
    layout.addWidget(buttons)
    dialog.resize(620, 640)
    dialog.show()
    return dialog
