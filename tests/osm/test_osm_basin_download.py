"""OpenStreetMap for the whole basin: resumable download from a loopback server, clip, build."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import IO

import pytest
import shapely
from loopback_http import Scripted, closed_port_url, serving
from osm_samples import network_cli
from synthetic_basin import generate

from routes.network import store as netstore
from routes.osm.basin import basin_outline, download_basin
from routes.osm.crossings import CLASS_ORDER
from routes.osm.errors import OsmDownloadError, OsmImportError
from routes.webfetch import USER_AGENT, DownloadError, RetryPolicy


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A small synthetic regional extract, partly outside the basin outline."""
    path = tmp_path_factory.mktemp("regional") / "region.osm.pbf"
    generate(path, scale=0.05, seed=7)
    return path.read_bytes()


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def _policy(sleeps: Sleeps, attempts: int = 4) -> RetryPolicy:
    return RetryPolicy(attempts=attempts, backoff_s=1.0, timeout_s=10.0, sleep=sleeps)


# The download itself (drops, Retry-After, truncation, resume, French errors) is tested once for
# every caller in tests/routes/test_webfetch.py; here, what the basin pipeline adds.


def test_a_failed_extract_download_is_an_osm_error_in_french(
    regional: bytes, tmp_path: Path,
) -> None:
    sleeps = Sleeps()
    messages: list[str] = []
    with serving(Scripted(regional, plan=["503:2"] * 10)) as server, \
            pytest.raises(OsmDownloadError, match=r"Serveur 127\.0\.0\.1:\d+ occupé "
                          r"\(HTTP 503\) : réessayez plus tard") as caught:
        download_basin(tmp_path / "b.cavnet", source=server.url, cache=tmp_path / "cache",
                       policy=_policy(sleeps, attempts=3),
                       progress=lambda _, m: messages.append(m))
    assert isinstance(caught.value, DownloadError) and isinstance(caught.value, OsmImportError)
    assert sleeps.calls and sum(sleeps.calls) == pytest.approx(2.0 * 2)  # Retry-After honoured
    assert any("nouvel essai dans 2 s" in m for m in messages)
    assert all(headers["User-Agent"] == USER_AGENT for headers in server.requests)
    assert not (tmp_path / "b.cavnet").exists()


def test_no_connection_says_so_in_french(tmp_path: Path) -> None:
    with pytest.raises(OsmDownloadError, match=r"Pas de connexion à 127\.0\.0\.1"):
        download_basin(tmp_path / "b.cavnet", source=closed_port_url(),
                       cache=tmp_path / "cache", policy=_policy(Sleeps(), 2))


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


def test_disk_full_gives_a_french_error_and_no_partial_file(
    regional: bytes, tmp_path: Path,
) -> None:
    def open_part(path: Path, mode: str) -> IO[bytes]:
        return _FullDisk(path, mode, room=len(regional) // 2)  # type: ignore[return-value]

    cache = tmp_path / "cache"
    with serving(Scripted(regional)) as server, \
            pytest.raises(OsmDownloadError, match="Disque plein"):
        download_basin(tmp_path / "b.cavnet", source=server.url, cache=cache,
                       policy=_policy(Sleeps()), open_part=open_part)
    assert list(cache.iterdir()) == []


def test_basin_download_builds_a_clipped_network_with_crossings(
    regional: bytes, tmp_path: Path,
) -> None:
    out = tmp_path / "bassin.cavnet"
    steps: list[float] = []
    with serving(Scripted(regional, plan=[f"drop:{len(regional) // 2}"])) as server:
        result = download_basin(out, source=server.url, cache=tmp_path / "cache",
                                policy=_policy(Sleeps()),
                                progress=lambda f, _: steps.append(f))
        again = download_basin(tmp_path / "again.cavnet", source=server.url,
                               cache=tmp_path / "cache", policy=_policy(Sleeps()))
    assert len(server.requests) == 2  # the second run used the cached extract
    assert again.extract.from_cache
    assert steps == sorted(steps) and steps[-1] == 1.0
    graph = netstore.load(out)
    assert graph.number_of_nodes() == result.build.graph.number_of_nodes() > 300
    outline = basin_outline()
    lons = [d["x"] for _, d in graph.nodes(data=True)]
    lats = [d["y"] for _, d in graph.nodes(data=True)]
    assert shapely.contains_xy(outline, lons, lats).all()
    assert result.clipped.stat().st_size < len(regional)  # some of the region was outside
    assert graph.graph["crossings_known"] is True
    classes = {d["crossing"] for _, d in graph.nodes(data=True) if d.get("rupture")}
    assert "secondaire" in classes and classes <= set(CLASS_ORDER)
    assert {d["source"] for _, _, d in graph.edges(data=True)} == {"osm"}


def test_cli_download_basin(regional: bytes, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bassin.cavnet"
    with serving(Scripted(regional)) as server:
        code = network_cli(["download", "--basin", "--source", server.url, "--cache",
                            str(tmp_path / "cache"), "--out", str(out), "--quiet"])
    assert code == 0
    printed = capsys.readouterr().out
    assert f"Réseau du Bassin minier enregistré : {out}" in printed
    assert "licence ODbL" in printed
    assert netstore.load(out).number_of_edges() > 0
