"""Cavalier's one HTTP layer: every download of public data (the OpenStreetMap extract, terrain
tiles, map tiles) goes through here, with no UI dependency.

- **Identification.** Every request carries :data:`USER_AGENT` (providers ask clients to say who
  they are) and asks for the body as is (``Accept-Encoding: identity``).
- **Files** (:func:`download_file`): the body goes to ``NAME.part`` beside a small
  ``NAME.part.json`` (URL, ``ETag``/``Last-Modified``, expected size); after an interruption the
  next attempt, or the next call, asks for the rest with ``Range: bytes=N-`` (and ``If-Range``
  when the server gave a validator), checks ``Content-Range`` and starts afresh when the server
  ignores ranges or the file changed. The finished file replaces the target in one rename: a
  reader never sees half a file. An existing target is reused unless ``refresh``.
- **Small resources** (:func:`fetch_bytes`, a map tile): in memory, same retries and messages.
- **Retries** (:class:`RetryPolicy`): HTTP 429 and 5xx, dropped connections and truncated bodies
  are retried; the server's ``Retry-After`` (seconds or an HTTP date, capped) is honoured,
  otherwise exponential back-off (2, 4, 8… s). ``attempts`` counts attempts in a row that brought
  no byte, so a long download cut several times still finishes. Other 4xx fail at once. Pauses are
  sliced so that ``cancel`` is honoured during a long wait, and between blocks.
- **Errors** are :class:`DownloadError` (or the caller's subclass, ``error=``) in French: network
  and disk failures go through :func:`describe`, which never shows the system's English text or
  an exception class name.
"""

from __future__ import annotations

import email.utils
import errno
import http.client
import json
import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar
from urllib.parse import urlsplit

from routes.errors import CavalierError, os_error_reason
from routes.progress import CancelCallback, ProgressCallback, check_cancel, report

USER_AGENT = ("Cavalier/0.1 (planificateur d'epreuves sport-nature du Bassin minier "
              "Nord-Pas-de-Calais; telechargement a la demande de l'utilisateur; python-urllib)")
BLOCK = 256 * 1024

#: Opens the ``.part`` file (tests inject a full disk).
OpenPart = Callable[[Path, str], IO[bytes]]
_T = TypeVar("_T")


class DownloadError(CavalierError, OSError):
    """A download failed for good (after the retries); message in French."""


@dataclass(frozen=True)
class RetryPolicy:
    """Retries and pauses (tests shorten them; ``sleep`` is injectable)."""

    attempts: int = 6  # attempts in a row that brought nothing
    backoff_s: float = 2.0
    max_wait_s: float = 300.0
    timeout_s: float = 60.0
    sleep: Callable[[float], None] = time.sleep

    def wait(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to pause after ``failures`` (1, 2…) failures in a row; the server's
        ``Retry-After`` wins when it gave one."""
        if retry_after is not None:
            return min(max(0.0, retry_after), self.max_wait_s)
        return min(self.backoff_s * 2.0 ** max(0, failures - 1), self.max_wait_s)


DEFAULT_POLICY = RetryPolicy()


@dataclass(frozen=True)
class DownloadResult:
    path: Path
    size: int
    resumed_from: int  # bytes already there from an earlier call
    attempts: int  # requests made (0: the cached file was reused)
    from_cache: bool


# --- French messages ----------------------------------------------------------------------------

_CHECK = "vérifiez la connexion à Internet"
_REFUSALS = {
    400: "demande refusée", 401: "accès réservé", 403: "accès refusé",
    404: "fichier introuvable sur le serveur", 410: "fichier retiré du serveur",
}


def describe(exc: BaseException) -> str:
    """A French phrase for a network or disk failure, e.g. DNS failure (``[Errno -2] Name or
    service not known``) → « serveur injoignable (nom inconnu) : vérifiez la connexion à
    Internet ». Never the system's English text, never an exception class name."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        if isinstance(exc.reason, BaseException):
            return describe(exc.reason)
        if "unknown url type" in str(exc.reason):
            return "adresse non prise en charge (http ou https attendu)"
        return "erreur du réseau"
    if isinstance(exc, socket.gaierror):
        if exc.errno == socket.EAI_AGAIN:
            return f"serveur injoignable (nom impossible à résoudre pour l'instant) : {_CHECK}"
        return f"serveur injoignable (nom inconnu) : {_CHECK}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return ("certificat du serveur refusé, connexion sécurisée impossible (vérifiez la date "
                "et l'heure de l'ordinateur)")
    if isinstance(exc, ssl.SSLError):
        return "connexion sécurisée impossible"
    if isinstance(exc, http.client.IncompleteRead):
        return "réponse tronquée"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "le serveur a fermé la connexion sans répondre"
    if isinstance(exc, http.client.HTTPException):
        return "réponse du serveur illisible"
    if isinstance(exc, TimeoutError):
        return "le serveur ne répond pas (délai dépassé)"
    if isinstance(exc, OSError) and exc.errno is not None:
        return os_error_reason(exc)
    if isinstance(exc, ConnectionError):
        return "connexion interrompue"
    return "erreur inattendue"


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} Mo".replace(".", ",")


def _truncated(host: str, received: int, total: int | None) -> str:
    of = f" sur {_megabytes(total)}" if total else ""
    return (f"Téléchargement tronqué : la connexion à {host} s'est interrompue après "
            f"{_megabytes(received)}{of}")


def retry_after_s(value: str | None) -> float | None:
    """Seconds to wait from ``Retry-After`` (a delay in seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class _Retry(Exception):
    """A failure worth another try: ``reason`` while retrying, ``final`` when giving up."""

    def __init__(self, reason: str, final: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.final = final
        self.retry_after = retry_after


# --- One request --------------------------------------------------------------------------------

def _open(url: str, policy: RetryPolicy, headers: dict[str, str],
          error: type[DownloadError]) -> Any:
    """The response; raises ``HTTPError`` (the caller decides), :class:`_Retry` when the server
    cannot be reached, ``error`` for an address urllib cannot use."""
    try:
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **headers})
    except ValueError as exc:
        raise error(f"Adresse de téléchargement invalide : {url}") from exc
    try:
        return urllib.request.urlopen(request, timeout=policy.timeout_s)
    except urllib.error.HTTPError:
        raise
    except (OSError, http.client.HTTPException) as exc:
        host, phrase = _host(url), describe(exc)
        if phrase.startswith("adresse non prise en charge"):
            raise error(f"Adresse de téléchargement invalide : {url} ({phrase})") from exc
        raise _Retry(f"Connexion à {host} impossible ({phrase})",
                     f"Pas de connexion à {host} — {phrase}") from exc


def _status_error(url: str, exc: urllib.error.HTTPError,
                  error: type[DownloadError]) -> Exception:
    """429 and 5xx: :class:`_Retry` with the server's ``Retry-After``; other codes: ``error``."""
    exc.close()  # the error holds the open response
    host = _host(url)
    if exc.code == 429 or exc.code >= 500:
        reason = (f"Serveur {host} occupé (HTTP {exc.code})" if exc.code in {429, 503}
                  else f"Erreur du serveur {host} (HTTP {exc.code})")
        retry_after = retry_after_s(exc.headers.get("Retry-After") if exc.headers else None)
        return _Retry(reason, f"{reason} : réessayez plus tard", retry_after)
    refusal = _REFUSALS.get(exc.code, "demande refusée")
    return error(f"Téléchargement impossible depuis {url} : {refusal} (HTTP {exc.code})")


def _retrying(attempt: Callable[[], _T], *, what: str, policy: RetryPolicy,
              cancel: CancelCallback | None, progress: ProgressCallback | None,
              position: Callable[[], tuple[int, float]], error: type[DownloadError],
              kept: str = "") -> tuple[_T, int]:
    """Call ``attempt`` until it returns, pausing between failures; gives up with ``error``
    after ``policy.attempts`` failures in a row that brought no byte (``position``: bytes kept
    and fraction done). Returns the result and the number of attempts."""
    failures = tries = 0
    while True:
        check_cancel(cancel, what)
        tries += 1
        before = position()[0]
        try:
            return attempt(), tries
        except _Retry as retry:
            done, fraction = position()
            failures = 0 if done > before else failures + 1
            if failures >= policy.attempts:
                essais = "essai" if failures == 1 else "essais"
                hint = kept if done else ""
                raise error(f"{retry.final} ({failures} {essais} sans succès).{hint}") \
                    from retry.__cause__
            wait = policy.wait(failures, retry.retry_after)
            report(progress, fraction, f"{retry.reason} ; nouvel essai dans {wait:.0f} s")
            _pause(wait, policy, cancel, what)


def _pause(seconds: float, policy: RetryPolicy, cancel: CancelCallback | None, what: str) -> None:
    """Sleep in short slices so that a cancel is honoured during a long pause."""
    remaining = seconds
    while remaining > 0:
        check_cancel(cancel, what)
        step = min(0.5, remaining)
        policy.sleep(step)
        remaining -= step


# --- Small resources ----------------------------------------------------------------------------

def fetch_bytes(url: str, *, policy: RetryPolicy = DEFAULT_POLICY,
                cancel: CancelCallback | None = None, progress: ProgressCallback | None = None,
                error: type[DownloadError] = DownloadError) -> bytes:
    """A small resource (a map tile) in memory, with the same retries and messages."""
    host = _host(url)

    def attempt() -> bytes:
        try:
            response = _open(url, policy, {}, error)
        except urllib.error.HTTPError as exc:
            raise _status_error(url, exc, error) from exc
        with response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            try:
                body: bytes = response.read()
            except (OSError, http.client.HTTPException) as exc:
                raise _Retry(f"Connexion à {host} interrompue ({describe(exc)})",
                             _truncated(host, 0, total)) from exc
        if total is not None and len(body) < total:
            raise _Retry(f"Réponse tronquée ({len(body)} octets sur {total})",
                         _truncated(host, len(body), total))
        return body

    body, _ = _retrying(attempt, what=f"Téléchargement de {url}", policy=policy, cancel=cancel,
                        progress=progress, position=lambda: (0, 0.0), error=error)
    return body


# --- Files --------------------------------------------------------------------------------------

def _open_part(path: Path, mode: str) -> IO[bytes]:
    stream: IO[bytes] = path.open(mode)
    return stream


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def _fraction_of(received: int, total: int | None) -> float:
    return min(1.0, received / total) if total else 0.0


def download_file(
    url: str,
    target: Path,
    *,
    refresh: bool = False,
    label: str = "",
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    policy: RetryPolicy = DEFAULT_POLICY,
    error: type[DownloadError] = DownloadError,
    open_part: OpenPart = _open_part,
) -> DownloadResult:
    """Download ``url`` to ``target``, resuming ``target.part``; an existing ``target`` is reused
    unless ``refresh``. Raises ``error`` (French message) or ``OperationCancelled`` (the partial
    file is kept so that the next call resumes). ``label`` names the file in progress messages."""
    target = Path(target)
    if target.is_file() and not refresh:
        return DownloadResult(target, target.stat().st_size, 0, 0, from_cache=True)
    label = label or target.name
    what = f"Téléchargement de {label}"
    part = target.with_name(target.name + ".part")
    meta_path = target.with_name(target.name + ".part.json")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise error(f"Impossible de créer le dossier {target.parent} : {describe(exc)}") from exc
    meta = _read_meta(meta_path, url)
    if not meta:
        part.unlink(missing_ok=True)
    resumed_from = _size(part)
    job = _FileJob(url, part, meta_path, meta, label, progress, cancel, policy, error, open_part)

    def position() -> tuple[int, float]:
        done = _size(part)
        return done, _fraction_of(done, meta.get("total"))

    kept = " Le début du fichier est gardé : relancez, le téléchargement reprendra là."
    _, attempts = _retrying(job.attempt, what=what, policy=policy, cancel=cancel,
                            progress=progress, position=position, error=error, kept=kept)
    try:
        os.replace(part, target)
    except OSError as exc:
        raise error(f"Impossible d'écrire {target} : {describe(exc)}") from exc
    meta_path.unlink(missing_ok=True)
    size = target.stat().st_size
    report(progress, 1.0, f"{label} téléchargé ({_megabytes(size)})")
    return DownloadResult(target, size, resumed_from, attempts, from_cache=False)


def _read_meta(meta_path: Path, url: str) -> dict[str, Any]:
    """What we know of a previous partial download of ``url`` (empty: start afresh)."""
    try:
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) and meta.get("url") == url else {}


def _write_meta(meta_path: Path, meta: dict[str, Any]) -> None:
    temporary = meta_path.with_name(meta_path.name + ".tmp")
    temporary.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(temporary, meta_path)


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


@dataclass
class _FileJob:
    url: str
    part: Path
    meta_path: Path
    meta: dict[str, Any]
    label: str
    progress: ProgressCallback | None
    cancel: CancelCallback | None
    policy: RetryPolicy
    error: type[DownloadError]
    open_part: OpenPart

    @property
    def host(self) -> str:
        return _host(self.url)

    def attempt(self) -> None:
        """One request; returns when the whole body is in ``part``. Raises :class:`_Retry`."""
        have = _size(self.part)
        headers: dict[str, str] = {}
        validator = self.meta.get("etag") or self.meta.get("last_modified")
        if have:
            headers["Range"] = f"bytes={have}-"
            if validator:
                headers["If-Range"] = validator
        try:
            response = _open(self.url, self.policy, headers, self.error)
        except urllib.error.HTTPError as exc:
            if exc.code == 416 and have and have == self.meta.get("total"):
                exc.close()
                return  # the part was complete already
            if exc.code == 416:
                exc.close()
                self.part.unlink(missing_ok=True)
                raise _Retry("Reprise refusée par le serveur, téléchargement repris depuis le "
                             "début", f"Le serveur {self.host} refuse la reprise du "
                             "téléchargement") from exc
            raise _status_error(self.url, exc, self.error) from exc
        with response:
            status = response.status
            previous_total = self.meta.get("total")
            if status == 206 and (
                    not _resumes_at(response.headers.get("Content-Range"), have)
                    or (previous_total is not None
                        and _total(response.headers, status, have) != previous_total)):
                self.part.unlink(missing_ok=True)
                raise _Retry("Reprise incohérente, téléchargement repris depuis le début",
                             f"Le serveur {self.host} renvoie des morceaux incohérents")
            if status != 206:
                have = 0  # full body: the server ignored or refused the range
            self.meta.clear()
            self.meta.update(url=self.url, etag=response.headers.get("ETag") or "",
                             last_modified=response.headers.get("Last-Modified") or "",
                             total=_total(response.headers, status, have))
            try:
                _write_meta(self.meta_path, self.meta)
            except OSError as exc:
                raise self._disk_error(exc) from exc
            self._receive(response, have)

    def _receive(self, response: Any, have: int) -> None:
        total: int | None = self.meta.get("total")
        received = have
        try:
            stream = self.open_part(self.part, "ab" if have else "wb")
        except OSError as exc:
            raise self._disk_error(exc) from exc
        with stream:
            if have:
                stream.truncate(have)
            while True:
                check_cancel(self.cancel, f"Téléchargement de {self.label}")
                try:
                    chunk = response.read(BLOCK)
                except (OSError, http.client.HTTPException) as exc:
                    stream.flush()
                    raise _Retry(f"Connexion à {self.host} interrompue à "
                                 f"{_megabytes(received)} ({describe(exc)})",
                                 _truncated(self.host, received, total)) from exc
                if not chunk:
                    break
                try:
                    stream.write(chunk)
                except OSError as exc:
                    stream.close()
                    self.part.unlink(missing_ok=True)
                    self.meta_path.unlink(missing_ok=True)
                    raise self._disk_error(exc, removed=True) from exc
                received += len(chunk)
                report(self.progress, _fraction_of(received, total),
                       f"Téléchargement de {self.label} : {_megabytes(received)}"
                       + (f" sur {_megabytes(total)}" if total else ""))
        if total is not None and received < total:
            raise _Retry(f"Réponse tronquée ({_megabytes(received)} sur {_megabytes(total)})",
                         _truncated(self.host, received, total))
        if total is not None and received > total:
            self.part.unlink(missing_ok=True)
            raise self.error(f"Réponse de {self.host} plus longue qu'annoncé : fichier écarté")

    def _disk_error(self, exc: OSError, removed: bool = False) -> DownloadError:
        gone = " (le fichier partiel a été supprimé)" if removed else ""
        if exc.errno in {errno.ENOSPC, errno.EDQUOT}:
            return self.error(f"Disque plein : impossible d'écrire dans {self.part.parent}. "
                              f"Libérez de la place puis relancez le téléchargement{gone}.")
        return self.error(f"Impossible d'écrire {self.part} : {describe(exc)}{gone}")
