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
from routes.osm.fetch import USER_AGENT, FetchPolicy, OsmDownloadError, fetch
from routes.progress import OperationCancelled


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


def _policy(sleeps: Sleeps, attempts: int = 4) -> FetchPolicy:
    return FetchPolicy(attempts=attempts, backoff_s=1.0, timeout_s=10.0, sleep=sleeps)


def test_a_dropped_connection_resumes_from_the_byte_it_had(
    regional: bytes, tmp_path: Path,
) -> None:
    half = len(regional) // 2
    sleeps = Sleeps()
    with serving(Scripted(regional, plan=[f"drop:{half}"])) as server:
        result = fetch(server.url, tmp_path / "region.osm.pbf", policy=_policy(sleeps))
    assert result.path.read_bytes() == regional
    first, second = server.requests
    assert "Range" not in first
    assert second["Range"] == f"bytes={half}-"
    assert server.served == len(regional)  # nothing sent twice
    assert not (tmp_path / "region.osm.pbf.part").exists()
    assert first["User-Agent"] == USER_AGENT and USER_AGENT.startswith("Cavalier/")


def test_a_cancelled_download_resumes_at_the_next_call(regional: bytes, tmp_path: Path) -> None:
    target = tmp_path / "region.osm.pbf"
    seen: list[float] = []
    with serving(Scripted(regional, plan=[f"drop:{len(regional) // 3}"])) as server:
        with pytest.raises(OperationCancelled):
            fetch(server.url, target, policy=_policy(Sleeps()),
                  progress=lambda f, _: seen.append(f), cancel=lambda: bool(seen))
        assert not target.exists()
        part = (tmp_path / "region.osm.pbf.part").stat().st_size
        assert 0 < part < len(regional)
        result = fetch(server.url, target, policy=_policy(Sleeps()))
    assert result.resumed_from == part
    assert server.requests[-1]["Range"] == f"bytes={part}-"
    assert target.read_bytes() == regional


def test_429_then_200_honours_retry_after(regional: bytes, tmp_path: Path) -> None:
    sleeps = Sleeps()
    messages: list[str] = []
    with serving(Scripted(regional, plan=["429:3"])) as server:
        fetch(server.url, tmp_path / "region.osm.pbf", policy=_policy(sleeps),
              progress=lambda _, m: messages.append(m))
    assert sum(sleeps.calls) == pytest.approx(3.0)
    assert len(server.requests) == 2
    assert any("occupé (HTTP 429)" in m and "3 s" in m for m in messages)


def test_server_errors_back_off_then_give_up_in_french(regional: bytes, tmp_path: Path) -> None:
    sleeps = Sleeps()
    with serving(Scripted(regional, plan=["500"] * 10)) as server, \
            pytest.raises(OsmDownloadError, match=r"Erreur du serveur .* \(HTTP 500\).*"
                          r"réessayez plus tard"):
        fetch(server.url, tmp_path / "region.osm.pbf", policy=_policy(sleeps, attempts=3))
    assert len(server.requests) == 3
    assert sum(sleeps.calls) == pytest.approx(1.0 + 2.0)  # exponential back-off
    assert not (tmp_path / "region.osm.pbf").exists()


def test_busy_server_is_reported_as_busy(regional: bytes, tmp_path: Path) -> None:
    with serving(Scripted(regional, plan=["503:1"] * 5)) as server, \
            pytest.raises(OsmDownloadError, match=r"Serveur 127\.0\.0\.1:\d+ occupé \(HTTP 503\)"):
        fetch(server.url, tmp_path / "region.osm.pbf", policy=_policy(Sleeps(), attempts=2))


def test_a_truncated_body_is_detected(regional: bytes, tmp_path: Path) -> None:
    cut = len(regional) - 1000
    with serving(Scripted(regional, plan=[f"cut:{cut}"] * 10)) as server, \
            pytest.raises(OsmDownloadError, match="Téléchargement tronqué"):
        fetch(server.url, tmp_path / "region.osm.pbf", policy=_policy(Sleeps(), attempts=3))
    assert not (tmp_path / "region.osm.pbf").exists()
    assert (tmp_path / "region.osm.pbf.part").stat().st_size == cut  # kept for a later resume


def test_no_connection_says_so_in_french(tmp_path: Path) -> None:
    with pytest.raises(OsmDownloadError, match=r"Pas de connexion à 127\.0\.0\.1"):
        fetch(closed_port_url(), tmp_path / "region.osm.pbf", policy=_policy(Sleeps(), 2))


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

    with serving(Scripted(regional)) as server, \
            pytest.raises(OsmDownloadError, match="Disque plein"):
        fetch(server.url, tmp_path / "region.osm.pbf", policy=_policy(Sleeps()),
              open_part=open_part)
    assert list(tmp_path.iterdir()) == []


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
