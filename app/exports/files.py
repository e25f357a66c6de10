"""Atomic file writing shared by the writers: a temporary file renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from app.exports.errors import ExportError


def write_atomic(path: Path, data: bytes) -> Path:
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"{path.name} : écriture impossible ({exc.strerror or exc}).") from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)  # gone already after a successful replace
    return path
