"""Re-emit a :class:`~orgeditor.document.Document`'s Qt-free events as Qt signals.

Widgets connect to a :class:`DocumentBridge`, never to the document's own signals, so that
Qt's queued connections and object lifetimes apply. The bridge owns nothing but the
connection; the document stays the one place where the org changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from orgeditor.document import Document

__all__ = ["DocumentBridge"]


class DocumentBridge(QObject):
    """Qt signals for one document (replace it with :meth:`set_document`)."""

    #: a :class:`~orgeditor.model.summary.ChangeBatch`: the primitive changes as applied
    #: (after a transaction, undo or redo) and their ``summary`` of what they touched
    changed = Signal(object)
    #: the whole org was replaced: rebuild views
    reset = Signal()
    historyChanged = Signal()
    modifiedChanged = Signal(bool)
    pathChanged = Signal(object)
    #: the document started or stopped refusing edits (see ``Document.set_read_only``)
    readOnlyChanged = Signal(bool)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._connect(document)

    def _connect(self, doc: Document) -> None:
        doc.changed.connect(self.changed.emit)
        doc.reset.connect(self.reset.emit)
        doc.history_changed.connect(self.historyChanged.emit)
        doc.modified_changed.connect(self.modifiedChanged.emit)
        doc.path_changed.connect(self.pathChanged.emit)
        doc.read_only_changed.connect(self.readOnlyChanged.emit)

    def _disconnect(self, doc: Document) -> None:
        doc.changed.disconnect(self.changed.emit)
        doc.reset.disconnect(self.reset.emit)
        doc.history_changed.disconnect(self.historyChanged.emit)
        doc.modified_changed.disconnect(self.modifiedChanged.emit)
        doc.path_changed.disconnect(self.pathChanged.emit)
        doc.read_only_changed.disconnect(self.readOnlyChanged.emit)

    def set_document(self, document: Document) -> None:
        """Switch to another document (File > Open): views get ``reset``."""
        self._disconnect(self.document)
        self.document = document
        self._connect(document)
        self.reset.emit()
        self.historyChanged.emit()
        self.modifiedChanged.emit(document.is_modified)
        self.pathChanged.emit(document.path)
        self.readOnlyChanged.emit(document.read_only)
