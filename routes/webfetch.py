"""Polite HTTP downloads for public data (terrain models, map tiles), with no UI dependency.

- Every request carries :data:`USER_AGENT` (providers ask clients to identify themselves).
- A file download writes ``NAME.part`` then renames it, so a cut download never looks complete;
  the next attempt resumes the ``.part`` with an HTTP ``Range`` request (plain restart when the
  server ignores ranges).
- Connection drops, truncated bodies, HTTP 429 and 5xx are retried with exponential back-off,
  honouring ``Retry-After``; 4xx (other than 429) fail at once.
- Failures become :class:`DownloadError` with a French message (no connection, server busy,
  not found, disk full). ``cancel`` is checked between blocks.
"""

from __future__ import annotations

import errno
import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from routes.errors import CavalierError, os_error_reason
from routes.progress import CancelCallback, check_cancel

USER_AGENT = "Cavalier/0.1 (planificateur d'evenements sport-nature du Bassin minier)"
BLOCK = 1 << 16
#: Bytes done and bytes expected (None when the server does not say).
BytesProgress = Callable[[int, int | None], None]


class DownloadError(CavalierError, OSError):
    """A download failed for good (after the retries); message in French."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    backoff_s: float = 2.0
    max_wait_s: float = 60.0
    timeout_s: float = 30.0

    def wait(self, attempt: int, retry_after: str | None = None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after), self.max_wait_s)
        return min(self.backoff_s * 2.0 ** attempt, self.max_wait_s)


DEFAULT_POLICY = RetryPolicy()


class _Retry(Exception):
    def __init__(self, message: str, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _net_reason(exc: BaseException) -> str:
    """A French reason for a network failure (urllib's and socket's messages are English)."""
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError):
        return "délai dépassé"
    if isinstance(reason, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(reason, ConnectionResetError):
        return "connexion réinitialisée par le serveur"
    if (isinstance(reason, OSError) and "Name or service" in str(reason)) or "getaddrinfo" in str(
            reason):
        return "nom de serveur inconnu"
    if isinstance(reason, http.client.IncompleteRead):
        return "réponse tronquée"
    if isinstance(reason, OSError):
        return os_error_reason(reason)
    return "erreur réseau"


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _request(url: str, start: int = 0) -> urllib.request.Request:
    headers = {"User-Agent": USER_AGENT}
    if start:
        headers["Range"] = f"bytes={start}-"
    return urllib.request.Request(url, headers=headers)


def _http_error(url: str, exc: urllib.error.HTTPError) -> Exception:
    exc.close()  # the error holds the open response
    if exc.code == 429 or exc.code >= 500:
        busy = "trop de requêtes" if exc.code == 429 else f"erreur du serveur {exc.code}"
        return _Retry(f"{_host(url)} : {busy}", exc.headers.get("Retry-After"))
    if exc.code == 404:
        return DownloadError(f"Fichier introuvable sur le serveur : {url} (HTTP 404)")
    if exc.code == 416:
        return _Retry("reprise refusée par le serveur")
    return DownloadError(f"Le serveur {_host(url)} refuse la demande de {url} (HTTP {exc.code})")


def _disk_error(path: Path, exc: OSError) -> DownloadError:
    if exc.errno == errno.ENOSPC:
        return DownloadError(f"Disque plein : impossible d'écrire {path}")
    return DownloadError(f"Impossible d'écrire {path} : {os_error_reason(exc)}")


def download_file(url: str, target: Path, *, progress: BytesProgress | None = None,
                  cancel: CancelCallback | None = None,
                  policy: RetryPolicy = DEFAULT_POLICY) -> Path:
    """Download ``url`` to ``target`` (resuming ``target.part``); returns ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    last = ""
    for attempt in range(policy.attempts):
        check_cancel(cancel, "Téléchargement")
        try:
            _fetch_into(url, part, progress, cancel, policy)
            part.replace(target)
            return target
        except _Retry as exc:
            last = str(exc)
            if attempt + 1 < policy.attempts:
                time.sleep(policy.wait(attempt, exc.retry_after))
        except OSError as exc:
            if isinstance(exc, DownloadError):
                raise
            if isinstance(exc, urllib.error.URLError) and not isinstance(
                    exc, urllib.error.HTTPError) and attempt + 1 >= policy.attempts:
                raise DownloadError(
                    f"Pas de connexion à {_host(url)} ({_net_reason(exc)}) : vérifiez l'accès à "
                    "Internet ; le téléchargement reprendra où il s'est arrêté") from exc
            last = f"connexion interrompue ({_net_reason(exc)})"
            if attempt + 1 < policy.attempts:
                time.sleep(policy.wait(attempt))
    raise DownloadError(f"Téléchargement de {url} impossible après {policy.attempts} essais : "
                        f"{last}. Réessayez plus tard (reprise automatique)")


def _fetch_into(url: str, part: Path, progress: BytesProgress | None,
                cancel: CancelCallback | None, policy: RetryPolicy) -> None:
    start = part.stat().st_size if part.exists() else 0
    try:
        response = urllib.request.urlopen(_request(url, start), timeout=policy.timeout_s)
    except urllib.error.HTTPError as exc:
        error = _http_error(url, exc)
        if exc.code == 416:
            part.unlink(missing_ok=True)
        raise error from exc
    with response:
        resumed = start > 0 and response.status == 206
        done = start if resumed else 0
        length = response.headers.get("Content-Length")
        total = done + int(length) if length and length.isdigit() else None
        try:
            with part.open("ab" if resumed else "wb") as stream:
                while True:
                    check_cancel(cancel, "Téléchargement")
                    try:
                        block = response.read(BLOCK)
                    except (http.client.IncompleteRead, ConnectionError, TimeoutError) as exc:
                        raise _Retry(f"connexion coupée à {done} octets "
                                     f"({_net_reason(exc)})") from exc
                    if not block:
                        break
                    stream.write(block)
                    done += len(block)
                    if progress is not None:
                        progress(done, total)
        except OSError as exc:
            if isinstance(exc, _Retry | urllib.error.URLError):
                raise
            raise _disk_error(part, exc) from exc
    if total is not None and done < total:
        raise _Retry(f"réponse tronquée ({done} octets sur {total})")


def fetch_bytes(url: str, *, policy: RetryPolicy = DEFAULT_POLICY,
                cancel: CancelCallback | None = None) -> bytes:
    """A small resource (a map tile) in memory, with the same retries and messages."""
    last = ""
    for attempt in range(policy.attempts):
        check_cancel(cancel, "Téléchargement")
        try:
            with urllib.request.urlopen(_request(url), timeout=policy.timeout_s) as response:
                body: bytes = response.read()
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and len(body) < int(length):
                    raise _Retry(f"réponse tronquée ({len(body)} octets sur {length})")
                return body
        except urllib.error.HTTPError as exc:
            error = _http_error(url, exc)
            if isinstance(error, DownloadError):
                raise error from exc
            last, retry_after = str(error), getattr(error, "retry_after", None)
        except _Retry as exc:
            last, retry_after = str(exc), exc.retry_after
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError,
                TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            last, retry_after = f"pas de connexion à {_host(url)} ({reason})", None
        if attempt + 1 < policy.attempts:
            time.sleep(policy.wait(attempt, retry_after))
    raise DownloadError(f"Téléchargement de {url} impossible après {policy.attempts} essais : "
                        f"{last}")
