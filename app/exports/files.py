"""The exports' file writing: :func:`routes.atomic.write_bytes` with the exports' error type,
and their file names (:func:`slug`)."""

from __future__ import annotations

import re
from pathlib import Path

from app.exports.errors import ExportError
from routes.atomic import write_bytes


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through the one atomic writer (umask mode, never over an input,
    a project or a device); a failure raises :class:`ExportError` in French."""
    return write_bytes(path, data, error=ExportError)


def slug(text: str) -> str:
    """File-name-safe version of a name: « Ultra 100 km » -> ultra-100-km."""
    text = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return text or "parcours"
