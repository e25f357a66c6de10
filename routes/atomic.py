"""One way to write an output file: all of it or nothing.

Every writer (xlsx, GeoJSON, GPX, PDF, zip, HTML, network, new project) writes into a temporary file
in the target's folder and renames it over the target only once it is complete, so an error, a full
disk or a crash never leaves a partial or empty file, and an existing file stays as it was. Missing
folders are created (one policy for every writer). The finished file gets the permissions the
user's umask gives a new file, not the 0600 of a temporary file.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from routes.errors import CavalierError


class OutputFileError(CavalierError, OSError):
    """An output file could not be written (nothing partial was left behind)."""


_REASONS = {
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "support en lecture seule",
    errno.ENOENT: "dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "un fichier porte déjà le nom d'un dossier du chemin",
    errno.EISDIR: "la cible est un dossier",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur d'entrée-sortie du support",
}


def os_error_reason(exc: OSError) -> str:
    """A short French reason for an operating-system error (never the English strerror)."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return f"erreur système n° {exc.errno}" if exc.errno else "erreur d'écriture"


def _read_umask() -> int:
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)  # the only portable way to read it is to set it
    os.umask(current)
    return current


def new_file_mode() -> int:
    """The mode a new regular file gets under the user's umask."""
    return 0o666 & ~_read_umask()


ErrorFactory = Callable[[str], Exception]


def write_failure(target: Path, exc: OSError, error: ErrorFactory = OutputFileError) -> Exception:
    return error(f"Écriture de {target} impossible : {os_error_reason(exc)} ; aucun fichier "
                 "partiel n'a été laissé")


@contextmanager
def atomic_output(target: Path | str, *, error: ErrorFactory = OutputFileError) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on normal exit it replaces ``target``.

    Any OSError (while creating the folder, writing or renaming) becomes ``error`` with a French
    message naming the target; the temporary file is removed whatever happens.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem[:40]}-",
                                        suffix=f"{target.suffix}.tmp")
        os.close(handle)
    except OSError as exc:
        raise write_failure(target, exc, error) from exc
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, new_file_mode())
        os.replace(temporary, target)
    except OSError as exc:
        raise write_failure(target, exc, error) from exc
    finally:
        temporary.unlink(missing_ok=True)  # already gone after a successful replace


def write_bytes(target: Path | str, data: bytes, *, error: ErrorFactory = OutputFileError) -> Path:
    with atomic_output(target, error=error) as temporary:
        temporary.write_bytes(data)
    return Path(target)


def write_text(target: Path | str, text: str, *, error: ErrorFactory = OutputFileError) -> Path:
    return write_bytes(target, text.encode("utf-8"), error=error)
