"""One kind of question box: a message with a few named answers and Cancel.

:func:`choose` shows it and returns the key of the answer clicked (``None`` for Cancel or a
closed box). The prompts of the window (a file open elsewhere, a file changed on disk, Delete
in a pipeline row) are built with it, so they look and answer alike.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["choose"]


def choose(
    parent: QWidget,
    title: str,
    text: str,
    info: str,
    answers: list[tuple[str, str, QMessageBox.ButtonRole]],
    *,
    cancel: bool = True,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> str | None:
    """Ask; ``answers`` are (key, button label, role), the first one the default."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(info)
    buttons = [(key, box.addButton(label, role)) for key, label, role in answers]
    if cancel:
        box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(buttons[0][1])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return next((key for key, button in buttons if button is clicked), None)
