"""One way to write an output file: all of it or nothing, never over an input or a device.

Every writer (xlsx, GeoJSON, GPX, PDF, zip, HTML, network, new project) writes into a temporary file
in the target's folder and renames it over the target only once it is complete, so an error, a full
disk or a crash never leaves a partial or empty file, and an existing file stays as it was. Missing
folders are created (one policy for every writer). The finished file gets the permissions the
user's umask gives a new file, not the 0600 of a temporary file.

The target is checked first: an existing target must be a regular file (renaming over ``/dev/full``
would replace the device node), must not be one of the files the running command reads (see
:func:`protected_inputs`; the same file through a link counts), and only the project store may
replace a Cavalier project. A symbolic link is written through, not replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from routes.errors import CavalierError, os_error_reason

__all__ = ["OutputFileError", "atomic_output", "checked_target", "new_file_mode", "os_error_reason",
           "protected_inputs", "write_bytes", "write_text"]


class OutputFileError(CavalierError, OSError):
    """An output file could not be written (nothing partial was left behind)."""


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


# Files the running command reads, by (device, inode): no output may replace one of them.
_INPUTS: dict[tuple[int, int], Path] = {}
_SQLITE_MAGIC = b"SQLite format 3\x00"
_CAVALIER_APPLICATION_ID = 0x43415641  # PRAGMA application_id of a project ("CAVA")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


@contextmanager
def protected_inputs(paths: Iterable[Path | str]) -> Iterator[None]:
    """While the block runs, :func:`atomic_output` refuses to replace any of ``paths``.

    Paths that do not exist (yet) are ignored; a folder protects the files directly in it (a
    layers folder). The command-line entry point wraps every command in it with the command's
    input files, so ``cavalier roadbook P.cavalier P.cavalier`` cannot overwrite the project.
    """
    added: list[tuple[int, int]] = []
    for raw in paths:
        path = Path(raw)
        candidates = [path]
        if path.is_dir():
            try:
                candidates = [c for c in path.iterdir()][:10_000]
            except OSError:
                candidates = []
        for candidate in candidates:
            key = _identity(candidate)
            if key is not None and key not in _INPUTS:
                _INPUTS[key] = candidate
                added.append(key)
    try:
        yield
    finally:
        for key in added:
            _INPUTS.pop(key, None)


def _is_project(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            header = stream.read(72)
    except OSError:
        return False
    return header.startswith(_SQLITE_MAGIC) and len(header) >= 72 \
        and int.from_bytes(header[68:72], "big") == _CAVALIER_APPLICATION_ID


def checked_target(target: Path | str, *, project: bool = False,
                   error: ErrorFactory = OutputFileError) -> Path:
    """The file an output will replace, after refusing the targets no writer may replace.

    A symbolic link is followed (the file it names is replaced, the link stays). Refused: an
    existing target that is not a regular file (device, pipe, socket, folder); unless ``project``
    (the project store replacing its own file), one of the running command's inputs or a
    Cavalier project.
    """
    target = Path(target)
    try:
        if target.is_symlink():
            target = target.resolve()
        info = target.stat()
    except FileNotFoundError:
        return target
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop
        reason = os_error_reason(exc) if isinstance(exc, OSError) else "boucle de liens"
        raise error(f"Écriture de {target} impossible : {reason}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise error(f"Écriture de {target} impossible : c'est un dossier ; donnez un nom de "
                    "fichier")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"Écriture de {target} impossible : ce n'est pas un fichier ordinaire "
                    "(périphérique, tube ou socket) ; Cavalier n'écrit que dans des fichiers")
    is_project = _is_project(target)
    if (info.st_dev, info.st_ino) in _INPUTS and not project:
        raise error(f"Écriture de {target} refusée : ce fichier est lu par la commande "
                    f"({_INPUTS[(info.st_dev, info.st_ino)]}) ; choisissez un autre nom de "
                    "sortie, rien n'a été modifié")
    if is_project and not project:
        raise error(f"Écriture de {target} refusée : c'est un projet Cavalier, il ne sera pas "
                    "remplacé par un autre fichier ; choisissez un autre nom de sortie")
    return target


@contextmanager
def atomic_output(target: Path | str, *, error: ErrorFactory = OutputFileError,
                  project: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on normal exit it replaces ``target``.

    The target is checked first (:func:`checked_target`). Any OSError (while creating the
    folder, writing or renaming) becomes ``error`` with a French message naming the target; the
    temporary file is removed whatever happens. The finished file gets the umask's mode.
    """
    target = checked_target(target, project=project, error=error)
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
        checked_target(target, project=project, error=error)  # not turned into a device since
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
