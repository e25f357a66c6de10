"""The one error type GPX reading and writing lets escape (besides a user's cancellation)."""

from __future__ import annotations

from routes.errors import CavalierError
from routes.progress import OperationCancelled


class GpxError(CavalierError, ValueError):
    """A GPX file cannot be read or written; the French message names the file and the fault."""


def raise_cancelled(message: str) -> None:
    """Raise the project's OperationCancelled with a French message."""
    raise OperationCancelled(message)
