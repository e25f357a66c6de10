"""A refused map edit said where the organiser looks: the status bar and a banner on the map.

The message stays until the next change of the undo history (an edit made, Ctrl+Z, Ctrl+Y)."""

from __future__ import annotations

from typing import Protocol

from ui.document import Document
from ui.mapview import MapView
from ui.qt import QLabel, QObject


class _Window(Protocol):
    document: Document
    map: MapView
    status: QLabel


class EditFeedback(QObject):
    def __init__(self, window: _Window, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        #: The refusal shown, if any (tests read it).
        self.message = ""
        window.document.edit_refused.connect(self.refused)
        window.document.undo_stack.indexChanged.connect(self._history_moved)

    def refused(self, message: str) -> None:
        self.message = message
        self._window.status.setText(message)
        if self._window.map.is_loaded:
            self._window.map.show_notice(message)

    def _history_moved(self, _index: int) -> None:
        if not self.message:
            return
        if self._window.status.text() == self.message:
            self._window.status.clear()
        self.message = ""
        if self._window.map.is_loaded:
            self._window.map.clear_notice()
