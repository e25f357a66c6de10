"""QUndoCommand wrappers around the plain edit values of :mod:`app.editing` and project edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.qt import QUndoCommand


class ValueCommand(QUndoCommand):
    """Applies ``edit`` to the value read by ``get`` and written by ``put``; undo applies the
    inverse the edit returned. ``edit.apply(value) -> (new_value, inverse)``."""

    def __init__(self, edit: Any, get: Callable[[], Any], put: Callable[[Any], None],
                 text: str) -> None:
        super().__init__(text)
        self._edit = edit
        self._inverse: Any = None
        self._get = get
        self._put = put

    def redo(self) -> None:
        value, self._inverse = self._edit.apply(self._get())
        self._put(value)

    def undo(self) -> None:
        value, self._edit = self._inverse.apply(self._get())
        self._put(value)
