"""The one HTTP layer (routes.webfetch) against loopback servers: files (the OSM extract, terrain
tiles) and small resources (map tiles) share retries, Retry-After, resume, cancel, French errors
and one User-Agent."""

from __future__ import annotations

import email.utils
import errno
import http.client
import json
import socket
import ssl
import time
import urllib.error
from pathlib import Path
from typing import Any

import pytest
from loopback_http import ETAG, Scripted, closed_port_url, serving
from loopback_server import fixture_server
from osm.crossing_scene import write_scene

from app.offline_tiles import prepare_offline, tile_range
from routes.elevation.download import BASIN_BBOX, download_basin_dem, tiles_for
from routes.elevation.errors import ElevationError
from routes.osm.basin import download_basin
from routes.osm.errors import OsmDownloadError, OsmImportError
from routes.progress import OperationCancelled
from routes.webfetch import (
    USER_AGENT,
    DownloadError,
    RetryPolicy,
    describe,
    download_file,
    fetch_bytes,
    retry_after_s,
)

BODY = bytes(range(256)) * 3000  # 768 kB: several blocks
DNS_FAILURE = "serveur injoignable (nom inconnu) : vérifiez la connexion à Internet"


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def _policy(sleeps: Sleeps, attempts: int = 4) -> RetryPolicy:
    return RetryPolicy(attempts=attempts, backoff_s=1.0, timeout_s=10.0, sleep=sleeps)


# --- Files -----------------------------------------------------------------------------------


def test_a_dropped_connection_resumes_from_the_byte_it_had(tmp_path: Path) -> None:
    half = len(BODY) // 2
    with serving(Scripted(BODY, plan=[f"drop:{half}"])) as server:
        result = download_file(server.url, tmp_path / "f.bin", policy=_policy(Sleeps()))
    assert result.path.read_bytes() == BODY and not result.from_cache
    first, second = server.requests
    assert "Range" not in first
    assert second["Range"] == f"bytes={half}-" and second["If-Range"] == ETAG
    assert server.served == len(BODY)  # nothing sent twice
    assert not (tmp_path / "f.bin.part").exists() and not (tmp_path / "f.bin.part.json").exists()
    assert first["User-Agent"] == USER_AGENT and USER_AGENT.startswith("Cavalier/")
    assert USER_AGENT.isascii()  # a header value: no accents


def test_resume_without_validator_uses_range_and_checks_content_range(tmp_path: Path) -> None:
    """loopback_server sends no ETag: the rest is asked for with Range alone."""
    with fixture_server() as server:
        server.routes["/f.bin"] = BODY
        server.failures["/f.bin"] = ["drop"]
        download_file(server.url + "/f.bin", tmp_path / "f.bin", policy=_policy(Sleeps()))
    assert (tmp_path / "f.bin").read_bytes() == BODY
    (_, first), (_, second) = server.requests
    assert "Range" not in first and second["Range"].startswith("bytes=")
    assert "If-Range" not in second


def test_a_server_that_ignores_ranges_restarts_from_zero(tmp_path: Path) -> None:
    with serving(Scripted(BODY, plan=[f"drop:{len(BODY) // 3}", "norange"])) as server:
        result = download_file(server.url, tmp_path / "f.bin", policy=_policy(Sleeps()))
    assert result.path.read_bytes() == BODY
    assert "Range" in server.requests[1]


def test_a_file_changed_on_the_server_is_started_afresh(tmp_path: Path) -> None:
    target = tmp_path / "f.bin"
    seen: list[float] = []
    with serving(Scripted(BODY, plan=[f"drop:{len(BODY) // 3}"])) as server:
        with pytest.raises(OperationCancelled):
            download_file(server.url, target, policy=_policy(Sleeps()),
                          progress=lambda f, _: seen.append(f), cancel=lambda: bool(seen))
        meta_path = tmp_path / "f.bin.part.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["etag"] = '"an older version"'
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
        result = download_file(server.url, target, policy=_policy(Sleeps()))
    assert server.requests[-1]["If-Range"] == '"an older version"'
    assert result.path.read_bytes() == BODY


def test_a_cancelled_download_resumes_at_the_next_call(tmp_path: Path) -> None:
    target = tmp_path / "f.bin"
    seen: list[float] = []
    with serving(Scripted(BODY, plan=[f"drop:{len(BODY) // 3}"])) as server:
        with pytest.raises(OperationCancelled):
            download_file(server.url, target, policy=_policy(Sleeps()),
                          progress=lambda f, _: seen.append(f), cancel=lambda: bool(seen))
        assert not target.exists()
        part = (tmp_path / "f.bin.part").stat().st_size
        assert 0 < part < len(BODY)
        result = download_file(server.url, target, policy=_policy(Sleeps()))
    assert result.resumed_from == part
    assert server.requests[-1]["Range"] == f"bytes={part}-"
    assert target.read_bytes() == BODY
    again = download_file(server.url, target, policy=_policy(Sleeps()))
    assert again.from_cache and again.attempts == 0


def test_429_then_200_honours_retry_after(tmp_path: Path) -> None:
    sleeps = Sleeps()
    messages: list[str] = []
    with serving(Scripted(BODY, plan=["429:3"])) as server:
        download_file(server.url, tmp_path / "f.bin", policy=_policy(sleeps),
                      progress=lambda _, m: messages.append(m))
    assert sum(sleeps.calls) == pytest.approx(3.0)
    assert len(server.requests) == 2
    assert any("occupé (HTTP 429)" in m and "nouvel essai dans 3 s" in m for m in messages)


def test_retry_after_as_an_http_date_is_honoured_and_capped(tmp_path: Path) -> None:
    soon = email.utils.formatdate(time.time() + 20, usegmt=True)
    assert retry_after_s(soon) == pytest.approx(20, abs=2)
    assert retry_after_s("7") == 7.0 and retry_after_s("bientôt") is None
    sleeps = Sleeps()
    with serving(Scripted(BODY, plan=[f"503:{soon}"])) as server:
        download_file(server.url, tmp_path / "f.bin", policy=RetryPolicy(
            attempts=3, backoff_s=1.0, max_wait_s=5.0, sleep=sleeps))
    assert sum(sleeps.calls) == pytest.approx(5.0)  # the policy's cap


def test_a_long_pause_can_be_cancelled(tmp_path: Path) -> None:
    sleeps = Sleeps()
    with serving(Scripted(BODY, plan=["503:120"])) as server, \
            pytest.raises(OperationCancelled):
        download_file(server.url, tmp_path / "f.bin", policy=_policy(sleeps),
                      cancel=lambda: len(sleeps.calls) >= 2)
    assert sum(sleeps.calls) <= 1.0


def test_server_errors_back_off_then_give_up_in_french(tmp_path: Path) -> None:
    sleeps = Sleeps()
    with serving(Scripted(BODY, plan=["500"] * 10)) as server, \
            pytest.raises(DownloadError, match=r"Erreur du serveur .* \(HTTP 500\) : "
                          r"réessayez plus tard \(3 essais sans succès\)"):
        download_file(server.url, tmp_path / "f.bin", policy=_policy(sleeps, attempts=3))
    assert len(server.requests) == 3
    assert sum(sleeps.calls) == pytest.approx(1.0 + 2.0)  # exponential back-off
    assert not (tmp_path / "f.bin").exists()


def test_busy_server_is_reported_as_busy(tmp_path: Path) -> None:
    with serving(Scripted(BODY, plan=["503:1"] * 5)) as server, \
            pytest.raises(DownloadError, match=r"Serveur 127\.0\.0\.1:\d+ occupé \(HTTP 503\)"):
        download_file(server.url, tmp_path / "f.bin", policy=_policy(Sleeps(), attempts=2))


def test_a_truncated_body_is_detected_and_kept_for_later(tmp_path: Path) -> None:
    cut = len(BODY) - 1000
    with serving(Scripted(BODY, plan=[f"cut:{cut}"] * 10)) as server, \
            pytest.raises(DownloadError, match=r"Téléchargement tronqué.*gardé"):
        download_file(server.url, tmp_path / "f.bin", policy=_policy(Sleeps(), attempts=3))
    assert not (tmp_path / "f.bin").exists()
    assert (tmp_path / "f.bin.part").stat().st_size == cut  # kept for a later resume


def test_drops_that_make_progress_do_not_use_up_the_attempts(tmp_path: Path) -> None:
    step = len(BODY) // 5
    plan = [f"cut:{step * (n + 1)}" for n in range(4)]
    with serving(Scripted(BODY, plan=plan)) as server:
        result = download_file(server.url, tmp_path / "f.bin", policy=_policy(Sleeps(), 2))
    assert result.path.read_bytes() == BODY and result.attempts == 5
    assert server.served == len(BODY)


def test_not_found_fails_at_once_in_french(tmp_path: Path) -> None:
    with fixture_server() as server, \
            pytest.raises(DownloadError, match=r"fichier introuvable sur le serveur \(HTTP 404\)"):
        download_file(server.url + "/absent.bin", tmp_path / "f.bin", policy=_policy(Sleeps()))
    assert len(server.requests) == 1


def test_no_connection_says_so_in_french(tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match=r"Pas de connexion à 127\.0\.0\.1:\d+ — connexion "
                       r"refusée") as caught:
        download_file(closed_port_url(), tmp_path / "f.bin", policy=_policy(Sleeps(), 2))
    assert "Errno" not in str(caught.value) and "refused" not in str(caught.value)


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Name resolution fails as it does without Internet (nothing leaves the machine)."""
    def fail(*_: Any, **__: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    monkeypatch.setattr(socket, "getaddrinfo", fail)


@pytest.mark.usefixtures("no_dns")
def test_a_dns_failure_reads_in_french_for_both_kinds_of_download(tmp_path: Path) -> None:
    url = "http://serveur-inconnu.invalid/f.bin"
    for call in (lambda: download_file(url, tmp_path / "f.bin", policy=_policy(Sleeps(), 2)),
                 lambda: fetch_bytes(url, policy=_policy(Sleeps(), 2))):
        with pytest.raises(DownloadError) as caught:
            call()
        message = str(caught.value)
        assert DNS_FAILURE in message
        assert message.startswith("Pas de connexion à serveur-inconnu.invalid")
        for english in ("Errno", "Name or service", "gaierror", "URLError"):
            assert english not in message


@pytest.mark.parametrize(("error", "phrase"), [
    (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), DNS_FAILURE),
    (urllib.error.URLError(socket.gaierror(-2, "Name or service not known")), DNS_FAILURE),
    (socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"),
     "serveur injoignable (nom impossible à résoudre pour l'instant)"),
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "connexion refusée"),
    (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "connexion coupée"),
    (TimeoutError("timed out"), "le serveur ne répond pas"),
    (OSError(errno.ENETUNREACH, "Network is unreachable"), "réseau inaccessible"),
    (ssl.SSLCertVerificationError(1, "certificate verify failed"), "certificat du serveur"),
    (http.client.IncompleteRead(b"", 10), "réponse tronquée"),
    (http.client.RemoteDisconnected("Remote end closed connection without response"),
     "le serveur a fermé la connexion"),
    (OSError(errno.ENOSPC, "No space left on device"), "disque plein"),
    (PermissionError(errno.EACCES, "Permission denied"), "permission refusée"),
    (OSError(errno.ELOOP, "Too many levels of symbolic links"), "trop de liens symboliques"),
    (urllib.error.URLError("unknown url type: ftp"), "adresse non prise en charge"),
])
def test_describe_never_shows_the_systems_english(error: BaseException, phrase: str) -> None:
    text = describe(error)
    assert phrase in text
    english = str(getattr(error, "strerror", None) or getattr(error, "reason", None) or error)
    assert english not in text and type(error).__name__ not in text


class _FullDisk:
    """A part file that fills the disk after ``room`` bytes."""

    def __init__(self, path: Path, mode: str, room: int) -> None:
        self._stream = path.open(mode)
        self._room = room

    def write(self, data: bytes) -> int:
        if self._room < len(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return self._stream.write(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *_: object) -> None:
        self._stream.close()


def test_disk_full_gives_a_french_error_and_no_partial_file(tmp_path: Path) -> None:
    def open_part(path: Path, mode: str) -> Any:
        return _FullDisk(path, mode, room=len(BODY) // 2)

    with serving(Scripted(BODY)) as server, \
            pytest.raises(DownloadError, match="Disque plein") as caught:
        download_file(server.url, tmp_path / "f.bin", policy=_policy(Sleeps()),
                      open_part=open_part)
    assert list(tmp_path.iterdir()) == []
    assert "No space" not in str(caught.value)


def test_the_callers_error_type_is_raised(tmp_path: Path) -> None:
    with serving(Scripted(BODY, plan=["500"] * 3)) as server, \
            pytest.raises(OsmDownloadError) as caught:
        download_file(server.url, tmp_path / "f.bin", policy=_policy(Sleeps(), 2),
                      error=OsmDownloadError)
    assert isinstance(caught.value, DownloadError) and isinstance(caught.value, OsmImportError)


# --- Small resources (map tiles) ---------------------------------------------------------------


def test_fetch_bytes_retries_busy_dropped_and_truncated_answers() -> None:
    sleeps = Sleeps()
    plan = ["429:2", f"drop:{len(BODY) // 2}", f"cut:{len(BODY) - 10}", "500"]
    with serving(Scripted(BODY, plan=plan)) as server:
        assert fetch_bytes(server.url, policy=_policy(sleeps, attempts=5)) == BODY
    assert len(server.requests) == 5
    assert all("Range" not in headers for headers in server.requests)
    assert all(headers["User-Agent"] == USER_AGENT for headers in server.requests)
    assert sum(sleeps.calls) == pytest.approx(2.0 + 2.0 + 4.0 + 8.0)  # Retry-After, then back-off


def test_fetch_bytes_gives_up_in_french() -> None:
    with serving(Scripted(BODY, plan=[f"cut:{len(BODY) // 2}"] * 5)) as server, \
            pytest.raises(DownloadError, match=r"Téléchargement tronqué.*\(3 essais sans succès\)"):
        fetch_bytes(server.url, policy=_policy(Sleeps(), attempts=3))
    with fixture_server() as tiles, pytest.raises(DownloadError, match=r"introuvable.*HTTP 404"):
        fetch_bytes(tiles.url + "/0/0/0.png", policy=_policy(Sleeps()))
    assert len(tiles.requests) == 1


# --- One User-Agent for the three callers ------------------------------------------------------


def test_the_three_callers_send_the_same_user_agent(tmp_path: Path) -> None:
    fast = RetryPolicy(attempts=2, backoff_s=0.01, timeout_s=5.0)
    with fixture_server() as server:
        server.routes["/extrait.osm.pbf"] = write_scene(tmp_path / "scene.osm.pbf").read_bytes()
        extract = tmp_path / "osm" / "extrait.osm.pbf"
        with pytest.raises(OperationCancelled):  # stop once downloaded (and clipped)
            download_basin(tmp_path / "b.cavnet", source=server.url + "/extrait.osm.pbf",
                           cache=tmp_path / "osm", policy=fast, cancel=extract.exists)
        for name in tiles_for(BASIN_BBOX):
            server.routes[f"/{name}/{name}.tif"] = b"pas un GeoTIFF"
        with pytest.raises(ElevationError):
            download_basin_dem(tmp_path / "mnt.tif", source=server.url,
                               cache_dir=tmp_path / "mnt", policy=fast)
        bbox = (2.78, 50.44, 2.79, 50.45)
        x0, y0, x1, y1 = tile_range(bbox, 10)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                server.routes[f"/10/{x}/{y}.png"] = b"\x89PNG tuile"
        prepare_offline("plan_ign", tmp_path / "carte.mbtiles", bbox=bbox, min_zoom=10,
                        max_zoom=10, url=server.url + "/{z}/{x}/{y}.png", rate_per_s=500,
                        policy=fast)
    by_caller: dict[str, set[str]] = {}
    for path, headers in server.requests:
        caller = ("osm" if path.endswith(".pbf") else "mnt" if path.endswith(".tif")
                  else "tuiles")
        by_caller.setdefault(caller, set()).add(headers.get("User-Agent", ""))
    assert by_caller == {"osm": {USER_AGENT}, "mnt": {USER_AGENT}, "tuiles": {USER_AGENT}}
