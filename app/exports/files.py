"""The exports' file writing: :func:`routes.atomic.write_bytes` with the exports' error type."""

from __future__ import annotations

from pathlib import Path

from app.exports.errors import ExportError
from routes.atomic import write_bytes


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through the one atomic writer (umask mode, never over an input,
    a project or a device); a failure raises :class:`ExportError` in French."""
    return write_bytes(path, data, error=ExportError)
