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
    """The user cancelled a long operation (the ``cancel`` callback returned True)."""

    def __init__(self, message: str = "Opération annulée.") -> None:
        super().__init__(message)


def report(progress: ProgressCallback | None, fraction: float, message: str) -> None:
    """Send ``fraction`` (clamped to 0..1) and a French ``message`` to ``progress`` if given."""
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)), message)


def scaled(progress: ProgressCallback | None, start: float, end: float) -> ProgressCallback:
    """``progress`` seen by a step that covers ``start``..``end`` of the whole (its 0..1 maps
    there)."""
    def step(fraction: float, message: str) -> None:
        report(progress, start + (end - start) * fraction, message)
    return step


def check_cancel(cancel: CancelCallback | None, what: str) -> None:
    """Raise :class:`OperationCancelled` when ``cancel`` says so; ``what`` names the operation."""
    if cancel is not None and cancel():
        raise OperationCancelled(f"{what} : opération annulée par l'utilisateur")


@dataclass(frozen=True)
class Task:
    progress: ProgressCallback | None = None
    cancel: CancelCallback | None = None

    def check(self) -> None:
        check_cancel(self.cancel, "Construction du réseau")

    def step(self, fraction: float, message: str) -> None:
        self.check()
        report(self.progress, fraction, message)
