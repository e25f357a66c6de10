"""The one error type GPX reading and writing lets escape."""

from __future__ import annotations

from routes.errors import CavalierError


class GpxError(CavalierError, ValueError):
    """A GPX file cannot be read or written; the French message names the file and the fault."""
