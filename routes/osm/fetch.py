"""Download one large file politely: resumable, retried, cancellable, written atomically.

Used for the regional OpenStreetMap extract (Geofabrik). The body is written to ``<target>.part``
beside a small ``<target>.part.json`` (URL, ``ETag``/``Last-Modified``, expected size); after an
interruption the next call asks for the rest with ``Range: bytes=N-`` and ``If-Range``, so a
dropped connection costs only the bytes in flight. The finished file replaces the target in one
``os.replace``: a reader never sees half a file.

Politeness: a descriptive ``User-Agent``; on 429/503 (and other 5xx) the server's ``Retry-After``
is honoured, otherwise exponential back-off; a bounded number of attempts without progress.
Errors are :class:`OsmDownloadError` in French (no connection, server busy, disk full, truncated).
"""

from __future__ import annotations

import email.utils
import errno
import http.client
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from routes.errors import os_error_reason
from routes.osm.errors import OsmImportError
from routes.progress import CancelCallback, ProgressCallback, check_cancel, report

USER_AGENT = ("Cavalier/0.1 (planificateur d'épreuves sport-nature du Bassin minier "
              "Nord-Pas-de-Calais; téléchargement à la demande de l'utilisateur; python-urllib)")
CHUNK = 256 * 1024
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_WAIT_S = 300.0

OpenPart = Callable[[Path, str], IO[bytes]]


class OsmDownloadError(OsmImportError):
    """A download failed; the message says why in French."""


@dataclass
class FetchPolicy:
    """Retries and pauses (tests shorten them; ``sleep`` is injectable)."""

    attempts: int = 6
    backoff_s: float = 2.0
    timeout_s: float = 60.0
    sleep: Callable[[float], None] = time.sleep


@dataclass
class FetchResult:
    path: Path
    size: int
    resumed_from: int
    attempts: int
    from_cache: bool


def _open_part(path: Path, mode: str) -> IO[bytes]:
    stream: IO[bytes] = path.open(mode)
    return stream


def fetch(
    url: str,
    target: Path,
    *,
    refresh: bool = False,
    policy: FetchPolicy | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    open_part: OpenPart = _open_part,
    label: str = "",
) -> FetchResult:
    """Download ``url`` to ``target`` (kept as a cache: an existing target is reused unless
    ``refresh``). Raises :class:`OsmDownloadError` or ``OperationCancelled`` (the partial file is
    kept so that the next call resumes)."""
    policy = policy or FetchPolicy()
    target = Path(target)
    if target.is_file() and not refresh:
        size = target.stat().st_size
        return FetchResult(target, size, 0, 0, from_cache=True)
    label = label or target.name
    part, meta_path = _part_paths(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = _read_meta(meta_path, url)
    if not meta:
        part.unlink(missing_ok=True)
    resumed_from = part.stat().st_size if part.is_file() else 0
    failures = 0
    attempts = 0
    while True:
        check_cancel(cancel, f"Téléchargement de {label}")
        attempts += 1
        before = part.stat().st_size if part.is_file() else 0
        try:
            done = _attempt(url, part, meta, meta_path, policy, progress, cancel, open_part,
                            label)
        except _Retry as retry:
            advanced = (part.stat().st_size if part.is_file() else 0) > before
            failures = 0 if advanced else failures + 1
            if failures >= policy.attempts:
                raise OsmDownloadError(retry.final_message) from retry.__cause__
            wait = retry.wait_s if retry.wait_s is not None else min(
                MAX_WAIT_S, policy.backoff_s * 2 ** max(0, failures - 1))
            report(progress, _fraction(part, meta),
                   f"{retry.reason} ; nouvel essai dans {wait:.0f} s")
            _pause(wait, policy, cancel, label)
            continue
        if done:
            break
    os.replace(part, target)
    meta_path.unlink(missing_ok=True)
    size = target.stat().st_size
    report(progress, 1.0, f"{label} téléchargé ({_megabytes(size)})")
    return FetchResult(target, size, resumed_from, attempts, from_cache=False)


class _Retry(Exception):
    def __init__(self, reason: str, final_message: str, wait_s: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.final_message = final_message
        self.wait_s = wait_s


def _part_paths(target: Path) -> tuple[Path, Path]:
    return target.with_name(target.name + ".part"), target.with_name(target.name + ".part.json")


def _read_meta(meta_path: Path, url: str) -> dict[str, Any]:
    """What we know of a previous partial download of ``url`` (empty: start afresh)."""
    try:
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if meta.get("url") == url else {}


def _write_meta(meta_path: Path, meta: dict[str, Any]) -> None:
    temporary = meta_path.with_name(meta_path.name + ".tmp")
    temporary.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(temporary, meta_path)


def _attempt(
    url: str, part: Path, meta: dict[str, Any], meta_path: Path, policy: FetchPolicy,
    progress: ProgressCallback | None, cancel: CancelCallback | None, open_part: OpenPart,
    label: str,
) -> bool:
    """One request; True when the whole body is in ``part``. Raises :class:`_Retry`."""
    have = part.stat().st_size if part.is_file() else 0
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    validator = meta.get("etag") or meta.get("last_modified")
    if have and validator:
        headers["Range"] = f"bytes={have}-"
        headers["If-Range"] = validator
    host = urlsplit(url).netloc or url
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=policy.timeout_s)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 416 and have and have == meta.get("total"):
            return True
        if exc.code == 416:
            part.unlink(missing_ok=True)
            raise _Retry("Reprise refusée par le serveur, téléchargement repris depuis le début",
                         f"Le serveur {host} refuse la reprise du téléchargement") from exc
        if exc.code in RETRY_STATUSES:
            busy = exc.code in {429, 503}
            reason = (f"Serveur {host} occupé (HTTP {exc.code})" if busy
                      else f"Erreur du serveur {host} (HTTP {exc.code})")
            final = (f"{reason} : réessayez plus tard. Le début du fichier est gardé, le "
                     "prochain essai reprendra où il s'est arrêté.")
            raise _Retry(reason, final, _retry_after(exc.headers.get("Retry-After"))) from exc
        raise OsmDownloadError(
            f"Téléchargement impossible depuis {url} : HTTP {exc.code} {exc.reason}"
        ) from exc
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason_text = getattr(exc, "reason", exc)
        raise _Retry(
            f"Connexion à {host} impossible ({reason_text})",
            f"Pas de connexion à {host} : vérifiez la connexion Internet puis relancez le "
            f"téléchargement ({reason_text}).",
        ) from exc
    with response:
        status = response.status
        if status == 206 and not _resumes_at(response.headers.get("Content-Range"), have):
            part.unlink(missing_ok=True)
            raise _Retry("Reprise incohérente, téléchargement repris depuis le début",
                         f"Le serveur {host} renvoie des morceaux incohérents")
        if status != 206:
            have = 0  # full body: the server ignored or refused the range
        meta.clear()
        meta.update(url=url, etag=response.headers.get("ETag") or "",
                    last_modified=response.headers.get("Last-Modified") or "",
                    total=_total(response.headers, status, have))
        _write_meta(meta_path, meta)
        return _receive(response, part, have, meta, progress, cancel, open_part, host, label)


def _receive(
    response: Any, part: Path, have: int, meta: dict[str, Any],
    progress: ProgressCallback | None, cancel: CancelCallback | None, open_part: OpenPart,
    host: str, label: str,
) -> bool:
    total: int | None = meta.get("total")
    received = have
    try:
        stream = open_part(part, "ab" if have else "wb")
    except OSError as exc:
        raise _disk_error(exc, part) from exc
    with stream:
        if have:
            stream.truncate(have)
        while True:
            check_cancel(cancel, f"Téléchargement de {label}")
            try:
                chunk = response.read(CHUNK)
            except (OSError, http.client.HTTPException) as exc:
                stream.flush()
                raise _Retry(f"Connexion à {host} interrompue à {_megabytes(received)}",
                             _truncated(host, received, total)) from exc
            if not chunk:
                break
            try:
                stream.write(chunk)
            except OSError as exc:
                stream.close()
                part.unlink(missing_ok=True)
                part.with_name(part.name + ".json").unlink(missing_ok=True)
                raise _disk_error(exc, part) from exc
            received += len(chunk)
            report(progress, _fraction_of(received, total),
                   f"Téléchargement de {label} : {_megabytes(received)}"
                   + (f" sur {_megabytes(total)}" if total else ""))
    if total is not None and received < total:
        raise _Retry(f"Réponse tronquée ({_megabytes(received)} sur {_megabytes(total)})",
                     _truncated(host, received, total))
    if total is not None and received > total:
        part.unlink(missing_ok=True)
        raise OsmDownloadError(f"Réponse de {host} plus longue qu'annoncé : fichier écarté")
    return True


def _disk_error(exc: OSError, part: Path) -> OsmDownloadError:
    if exc.errno in {errno.ENOSPC, errno.EDQUOT}:
        return OsmDownloadError(
            f"Disque plein : impossible d'écrire {part.parent}. Libérez de la place puis relancez "
            "le téléchargement (le fichier partiel a été supprimé)."
        )
    return OsmDownloadError(f"Impossible d'écrire {part} : {os_error_reason(exc)}")


def _truncated(host: str, received: int, total: int | None) -> str:
    of = f" sur {_megabytes(total)}" if total else ""
    return (f"Téléchargement tronqué : la connexion à {host} s'est interrompue après "
            f"{_megabytes(received)}{of}, à plusieurs reprises. Relancez : il reprendra là.")


def _resumes_at(content_range: str | None, have: int) -> bool:
    """``Content-Range: bytes N-M/T`` starts where our partial file ends."""
    if not content_range or not content_range.startswith("bytes "):
        return False
    first = content_range[6:].split("-", 1)[0]
    return first.isdigit() and int(first) == have


def _total(headers: Any, status: int, have: int) -> int | None:
    if status == 206:
        text = str(headers.get("Content-Range") or "").rsplit("/", 1)[-1]
        if text.isdigit():
            return int(text)
    length = headers.get("Content-Length")
    if length and str(length).isdigit():
        return have + int(length) if status == 206 else int(length)
    return None


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from ``Retry-After`` (delay in seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(MAX_WAIT_S, float(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(MAX_WAIT_S, max(0.0, when.timestamp() - time.time()))


def _pause(seconds: float, policy: FetchPolicy, cancel: CancelCallback | None, label: str) -> None:
    """Sleep in short slices so that a cancel is honoured during a long pause."""
    remaining = seconds
    while remaining > 0:
        check_cancel(cancel, f"Téléchargement de {label}")
        step = min(0.5, remaining)
        policy.sleep(step)
        remaining -= step


def _fraction(part: Path, meta: dict[str, Any]) -> float:
    return _fraction_of(part.stat().st_size if part.is_file() else 0, meta.get("total"))


def _fraction_of(received: int, total: int | None) -> float:
    return min(1.0, received / total) if total else 0.0


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} Mo".replace(".", ",")
