"""The one error type GPX reading and writing lets escape."""

from __future__ import annotations

import importlib

from routes.errors import CavalierError


class GpxError(CavalierError, ValueError):
    """A GPX file cannot be read or written; the French message names the file and the fault."""


class _Cancelled(CavalierError):
    """Stand-in until routes.progress.OperationCancelled exists in this tree."""


def raise_cancelled(message: str) -> None:
    """Raise the project's OperationCancelled (routes.progress) with a French message."""
    try:
        error: type[CavalierError] = importlib.import_module("routes.progress").OperationCancelled
    except (ImportError, AttributeError):
        error = _Cancelled
    raise error(message)
