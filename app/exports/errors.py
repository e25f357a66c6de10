"""The one error type of every export (files, pack, page)."""

from __future__ import annotations

from routes.errors import CavalierError


class ExportError(CavalierError, OSError):
    """An export file or folder cannot be written."""
