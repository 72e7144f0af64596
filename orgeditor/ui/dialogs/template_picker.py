"""The Export dialog's Template row: the PowerPoint deck or template a deck is built on.

:class:`TemplatePicker` is a read-only field with **Choose...** and **Clear**: the chosen file
(``--template`` on the command line) gives the slide size, masters, layouts, fonts and
colours of editable and picture decks alike. A file that is not a deck is refused when it is
chosen, with the export's one-line message (:func:`for_window`), and the field keeps what it
had.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from orgeditor.errors import is_user_error

__all__ = ["TEMPLATE_FILTER", "TemplatePicker", "for_window"]

TEMPLATE_FILTER = "PowerPoint decks and templates (*.pptx *.potx);;All files (*)"


def for_window(message: str) -> str:
    """A message of the export as the window shows it (the template is a field, not a flag)."""
    return message.replace(": --template: ", ": ")


class TemplatePicker(QWidget):
    """A deck or template file, or none; ``changed`` after every change, ``refused`` with why."""

    #: the new path ("" for none)
    changed = Signal(str)
    #: a chosen file that is not a deck: the one-line message
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setReadOnly(True)
        self.field.setPlaceholderText("None: plain slides")
        self.field.setToolTip(
            "A PowerPoint deck or template (.pptx, .potx): its slide size, masters, layouts, "
            "fonts and colours, for editable and picture slides"
        )
        self.browse = QPushButton("Choose...")
        self.browse.clicked.connect(self.choose)
        self.clear = QPushButton("Clear")
        self.clear.clicked.connect(lambda: self.set_path(None))
        self.clear.setEnabled(False)
        self.start_folder = str(Path.home())
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.field, 1)
        box.addWidget(self.browse)
        box.addWidget(self.clear)

    def path(self) -> str | None:
        return self.field.text() or None

    def choose(self) -> None:
        """Ask for a file (the file dialog) and use it if it is a deck."""
        start = self.field.text() or self.start_folder
        path, _filter = QFileDialog.getOpenFileName(
            self, "PowerPoint Template", start, TEMPLATE_FILTER
        )
        if path:
            self.set_path(path)

    def set_path(self, path: str | None, check: bool = True) -> bool:
        """Use the deck or template at ``path`` (None: none); a bad file is refused, with why.

        ``check=False`` takes ``path`` as it is (a remembered choice: the export checks it).
        """
        if path and check:
            from orgeditor.export.pptx import open_deck

            try:
                open_deck(path)
            except Exception as e:
                if not is_user_error(e):
                    raise
                self.refused.emit(for_window(str(e)))
                return False
        self.field.setText(path or "")
        self.field.setCursorPosition(len(path or ""))  # the file's name, not its folder
        self.clear.setEnabled(bool(path))
        self.changed.emit(path or "")
        return True
