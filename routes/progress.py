"""Progress reporting and cancellation shared by long operations (imports, exports...)."""

from __future__ import annotations

from collections.abc import Callable

from routes.errors import CavalierError

ProgressCallback = Callable[[float, str], None]
CancelCallback = Callable[[], bool]


class OperationCancelled(CavalierError):
    """The user cancelled a long operation (the ``cancel`` callback returned True)."""


def report(progress: ProgressCallback | None, fraction: float, message: str) -> None:
    """Send ``fraction`` (clamped to 0..1) and a French ``message`` to ``progress`` if given."""
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)), message)


def check_cancel(cancel: CancelCallback | None, what: str) -> None:
    """Raise :class:`OperationCancelled` when ``cancel`` says so; ``what`` names the operation."""
    if cancel is not None and cancel():
        raise OperationCancelled(f"{what} : opération annulée par l'utilisateur")
