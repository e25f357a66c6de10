"""``cavalier elevation download`` against a loopback server: tiles, cache, resume, failures."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from loopback_server import fixture_server

from app.cli import main
from routes.elevation import open_dem
from routes.elevation.download import BASIN_BBOX, download_basin_dem, tiles_for
from routes.elevation.errors import ElevationError
from routes.webfetch import USER_AGENT, DownloadError, RetryPolicy

FAST = RetryPolicy(attempts=4, backoff_s=0.01, timeout_s=5.0)
PIXEL = 0.01


def _tile_bytes(lat: int, lon: int) -> bytes:
    """A 1° GLO-30-like tile: height = 100 * (lon - 2) + 10 * (lat - 50) + 20."""
    count = round(1 / PIXEL)
    lons = lon + (np.arange(count) + 0.5) * PIXEL
    lats = lat + 1 - (np.arange(count) + 0.5) * PIXEL
    grid_lon, grid_lat = np.meshgrid(lons, lats)
    heights = (100 * (grid_lon - 2) + 10 * (grid_lat - 50) + 20).astype(np.float32)
    buffer = io.BytesIO()
    with rasterio.MemoryFile() as memory:
        with memory.open(driver="GTiff", height=count, width=count, count=1, dtype="float32",
                         crs="EPSG:4326", transform=Affine(PIXEL, 0, lon, 0, -PIXEL, lat + 1)) as d:
            d.write(heights, 1)
        buffer.write(memory.read())
    return buffer.getvalue()


def _serve_tiles(server) -> list[str]:  # type: ignore[no-untyped-def]
    names = tiles_for(BASIN_BBOX)
    for name in names:
        lat, lon = int(name.split("_")[4][1:]), int(name.split("_")[6][1:])
        server.routes[f"/{name}/{name}.tif"] = _tile_bytes(lat, lon)
    return names


def test_download_cuts_the_basin_and_caches(tmp_path: Path) -> None:
    with fixture_server() as server:
        names = _serve_tiles(server)
        assert len(names) == 2  # N50 E002 and E003
        # One tile drops the connection half-way, the other answers 503 then 429 first.
        server.failures[f"/{names[0]}/{names[0]}.tif"] = ["drop"]
        server.failures[f"/{names[1]}/{names[1]}.tif"] = [503, 429]
        steps: list[tuple[float, str]] = []
        out = download_basin_dem(tmp_path / "bassin.tif", source=server.url,
                                 cache_dir=tmp_path / "cache", policy=FAST,
                                 progress=lambda f, m: steps.append((f, m)))
        first_count = len(server.requests)
        # The dropped download resumed with a Range request instead of starting again.
        assert any("Range" in headers for _, headers in server.requests)
        assert all(headers.get("User-Agent") == USER_AGENT for _, headers in server.requests)
        assert steps[-1][0] == 1.0 and [f for f, _ in steps] == sorted(f for f, _ in steps)
        dem = open_dem(out)
        west, _, east, _ = dem.bounds
        assert west == pytest.approx(BASIN_BBOX[0], abs=0.02)
        assert east == pytest.approx(BASIN_BBOX[2], abs=0.02)
        value = dem.sample(np.array([3.205]), np.array([50.405]))[0]
        assert value == pytest.approx(100 * 1.205 + 10 * 0.405 + 20, abs=1.0)
        # Second run: tiles come from the cache, nothing is requested.
        download_basin_dem(tmp_path / "encore.tif", source=server.url,
                           cache_dir=tmp_path / "cache", policy=FAST)
        assert len(server.requests) == first_count


def test_missing_source_gives_french_message(tmp_path: Path) -> None:
    with fixture_server() as server, pytest.raises(DownloadError, match=r"introuvable.*HTTP 404"):
        download_basin_dem(tmp_path / "x.tif", source=server.url, cache_dir=tmp_path / "c",
                           policy=FAST)
    assert not (tmp_path / "x.tif").exists()


def test_busy_server_gives_up_in_french(tmp_path: Path) -> None:
    with fixture_server() as server:
        names = _serve_tiles(server)
        server.failures[f"/{names[0]}/{names[0]}.tif"] = [503] * 10
        with pytest.raises(DownloadError, match=r"occupé \(HTTP 503\).*\(4 essais sans succès\)"):
            download_basin_dem(tmp_path / "x.tif", source=server.url, cache_dir=tmp_path / "c",
                               policy=FAST)


def test_no_connection(tmp_path: Path) -> None:
    with fixture_server() as server:
        url = server.url
    with pytest.raises(DownloadError, match=r"Pas de connexion à 127\.0\.0\.1"):
        download_basin_dem(tmp_path / "x.tif", source=url, cache_dir=tmp_path / "c",
                           policy=FAST)


def test_broken_tile_is_refused_and_removed(tmp_path: Path) -> None:
    with fixture_server() as server:
        names = _serve_tiles(server)
        server.routes[f"/{names[0]}/{names[0]}.tif"] = b"<html>maintenance</html>"
        with pytest.raises(ElevationError, match=r"illisible.*relancez"):
            download_basin_dem(tmp_path / "x.tif", source=server.url, cache_dir=tmp_path / "c",
                               policy=FAST)
    assert not (tmp_path / "c" / f"{names[0]}.tif").exists()


def test_cli_download(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with fixture_server() as server:
        _serve_tiles(server)
        code = main(["elevation", "download", "--basin", "--source", server.url,
                     "--out", str(tmp_path / "bassin.tif"), "--cache", str(tmp_path / "c")])
    out = capsys.readouterr().out
    assert code == 0
    assert "MNT du Bassin minier écrit" in out and "Copernicus" in out
    assert (tmp_path / "bassin.tif").exists()
