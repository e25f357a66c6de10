"""Progress reporting and cancellation for long work, with no dependency on any UI toolkit.

Long functions take ``progress`` (fraction 0..1 and a French message) and ``cancel`` (returns True
when the user asked to stop) as keyword-only arguments. :class:`Task` bundles both so the work code
stays short: ``task.step(0.4, "Nœuds…")`` reports and raises :class:`OperationCancelled` if asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from routes.errors import CavalierError

ProgressCallback = Callable[[float, str], None]
CancelCallback = Callable[[], bool]


class OperationCancelled(CavalierError):
    """The user cancelled a long operation."""

    def __init__(self, message: str = "Opération annulée.") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Task:
    progress: ProgressCallback | None = None
    cancel: CancelCallback | None = None

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise OperationCancelled()

    def step(self, fraction: float, message: str) -> None:
        self.check()
        if self.progress is not None:
            self.progress(min(max(fraction, 0.0), 1.0), message)
