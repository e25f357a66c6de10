"""Cavalier's own error types.

Every error a user can cause (bad file, unknown place, unreachable point) is raised as a subclass of
:class:`CavalierError` whose message is French and names the file or the place at fault. Each also
subclasses the closest built-in so callers may catch it generically.
"""

from __future__ import annotations

import errno


class CavalierError(Exception):
    """Base of every error Cavalier reports to a user (message in French)."""


class LayerFileError(CavalierError, ValueError):
    """A GIS file could not be read or has no usable geometry."""


class NetworkBuildError(CavalierError, ValueError):
    """The layers do not make a network (nothing routable left after cleaning)."""


class UnknownPlaceError(CavalierError, LookupError):
    """A place name or reference matches nothing; the message lists the closest names."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class UnreachableError(CavalierError):
    """Two stops are on parts of the network that no usable path joins."""


class ProfileError(CavalierError, ValueError):
    """An unknown routing profile was asked for."""


class RouteRequestError(CavalierError, ValueError):
    """A route request that makes no sense (same start and finish with nothing between)."""


# --- one French reason for any low-level failure ---------------------------------------------

_OS_REASONS = {
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "support en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EIO: "erreur d'entrée-sortie du support",
    errno.ELOOP: "trop de liens symboliques",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENXIO: "périphérique absent",
    errno.ENODEV: "périphérique absent",
    errno.ETXTBSY: "fichier occupé",
    errno.EFBIG: "fichier trop grand",
    errno.EXDEV: "déplacement entre deux supports impossible",
    errno.EBUSY: "ressource occupée",
    errno.EINVAL: "opération invalide sur ce fichier",
    errno.ESPIPE: "fichier non adressable (tube ou périphérique)",
    # the network (downloads)
    errno.ECONNREFUSED: "connexion refusée (aucun service à cette adresse)",
    errno.ECONNRESET: "connexion coupée par le serveur",
    errno.ECONNABORTED: "connexion interrompue",
    errno.EPIPE: "connexion coupée par le serveur",
    errno.ETIMEDOUT: "le serveur ne répond pas (délai dépassé)",
    errno.ENETUNREACH: "réseau inaccessible : vérifiez la connexion à Internet",
    errno.ENETDOWN: "réseau hors service : vérifiez la connexion à Internet",
    errno.EHOSTUNREACH: "serveur inaccessible : vérifiez la connexion à Internet",
    errno.EHOSTDOWN: "serveur hors service",
}


def os_error_reason(exc: OSError) -> str:
    """A short French reason for an operating-system error (never the English strerror)."""
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    return f"erreur système n° {exc.errno}" if exc.errno else "erreur d'entrée-sortie"


def french_reason(exc: BaseException) -> str:
    """The reason a user reads for any exception met while reading or writing a file.

    One mapping for every reader and writer: an OSError by its errno, the usual decoding and
    resource failures by what they mean; never an exception class name nor an English message.
    A :class:`CavalierError` is already French and is returned as it is.
    """
    if isinstance(exc, CavalierError):
        return str(exc)
    if isinstance(exc, UnicodeError):
        return "texte mal encodé (enregistrez le fichier en UTF-8)"
    if isinstance(exc, LookupError) and "encoding" in str(exc):
        return "encodage inconnu (enregistrez le fichier en UTF-8)"
    if isinstance(exc, OSError):
        return os_error_reason(exc)
    if isinstance(exc, MemoryError):
        return "fichier trop grand pour la mémoire disponible"
    if isinstance(exc, RecursionError):
        return "structure imbriquée trop profondément"
    if isinstance(exc, OverflowError):
        return "nombre hors des limites"
    if isinstance(exc, EOFError):
        return "fichier tronqué"
    if type(exc).__module__ == "zlib" or type(exc).__name__ in ("BadZipFile", "BadZipfile"):
        return "archive compressée endommagée"
    return "contenu invalide"


_SQLITE_REASONS = {
    5: "le fichier est occupé par une autre commande ; réessayez",  # SQLITE_BUSY
    6: "le fichier est verrouillé par une autre commande ; réessayez",  # SQLITE_LOCKED
    8: "fichier en lecture seule",  # SQLITE_READONLY
    10: "erreur d'entrée-sortie du disque",  # SQLITE_IOERR
    11: "fichier endommagé",  # SQLITE_CORRUPT
    13: "disque plein",  # SQLITE_FULL
    14: "fichier impossible à ouvrir (dossier absent ou droits insuffisants)",  # SQLITE_CANTOPEN
    26: "ce n'est pas une base SQLite",  # SQLITE_NOTADB
}
_SQLITE_MESSAGES = (
    ("no such table", "une table attendue est absente"),
    ("no such column", "une colonne attendue est absente"),
    ("malformed", "fichier endommagé"),
    ("not a database", "ce n'est pas une base SQLite"),
    ("full", "disque plein"),
    ("readonly", "fichier en lecture seule"),
    ("locked", "le fichier est verrouillé par une autre commande ; réessayez"),
    ("already exists", "schéma incohérent (table déjà présente)"),
    ("duplicate column", "schéma incohérent (colonne déjà présente)"),
)


def sqlite_reason(exc: BaseException) -> str:
    """A French reason for an SQLite error (its own messages are English)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_REASONS:
        return _SQLITE_REASONS[code & 0xFF]
    text = str(exc).lower()
    for fragment, reason in _SQLITE_MESSAGES:
        if fragment in text:
            return reason
    return "base SQLite endommagée ou incomplète"
