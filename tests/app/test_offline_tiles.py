"""« Préparer la carte hors ligne » against a loopback tile server, and serving the file back."""

from __future__ import annotations

import sqlite3
import urllib.request
from pathlib import Path

import pytest
from loopback_server import fixture_server

from app.cli import main
from app.offline_tiles import (
    OfflineMapError,
    count_tiles,
    estimate,
    prepare_offline,
    read_offline_map,
    tile_range,
)
from app.tile_server import serve_offline_map
from routes.webfetch import USER_AGENT, DownloadError, RetryPolicy

FAST = RetryPolicy(attempts=3, backoff_s=0.01, timeout_s=5.0)
SMALL = (2.78, 50.44, 2.80, 50.45)  # around the twin terrils of Loos-en-Gohelle
PNG = b"\x89PNG\r\n\x1a\n" + b"tuile"


def _serve(server, bbox=SMALL, zooms=range(10, 14)) -> int:  # type: ignore[no-untyped-def]
    count = 0
    for zoom in zooms:
        x0, y0, x1, y1 = tile_range(bbox, zoom)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                server.routes[f"/{zoom}/{x}/{y}.png"] = PNG + f"{zoom}/{x}/{y}".encode()
                count += 1
    return count


def test_tile_range_is_xyz_of_the_basin() -> None:
    # Loos-en-Gohelle at zoom 12: x 2079, y 1381 (XYZ, rows from the north; computed by hand).
    assert tile_range((2.79, 50.45, 2.79, 50.45), 12) == (2079, 1381, 2079, 1381)
    assert count_tiles(SMALL, 10, 13) >= 4
    guess = estimate("plan_ign", SMALL, 10, 13)
    assert guess.tiles == count_tiles(SMALL, 10, 13) and guess.megabytes > 0
    assert "tuiles" in guess.text() and "Mo" in guess.text()


def test_prepare_downloads_resumes_and_serves(tmp_path: Path) -> None:
    out = tmp_path / "bassin.mbtiles"
    with fixture_server() as server:
        count = _serve(server)
        first = next(iter(server.routes))
        server.failures[first] = [429, 503]
        steps: list[float] = []
        fetched = prepare_offline("plan_ign", out, bbox=SMALL, min_zoom=10, max_zoom=13,
                                  url=server.url + "/{z}/{x}/{y}.png", rate_per_s=500,
                                  policy=FAST, progress=lambda f, _m: steps.append(f))
        assert fetched == count and steps[-1] == 1.0
        assert all(h.get("User-Agent") == USER_AGENT for _, h in server.requests)
        # A second run only fills what is missing.
        requests = len(server.requests)
        assert prepare_offline("plan_ign", out, bbox=SMALL, min_zoom=10, max_zoom=13,
                               url=server.url + "/{z}/{x}/{y}.png", rate_per_s=500,
                               policy=FAST) == 0
        assert len(server.requests) == requests
    with sqlite3.connect(out) as db:
        meta = dict(db.execute("SELECT name, value FROM metadata"))
        assert meta["format"] == "png" and "IGN" in meta["attribution"]
        assert db.execute("SELECT COUNT(*) FROM tiles").fetchone()[0] == count
    offline = read_offline_map(out)
    assert offline.max_zoom == 13
    served = serve_offline_map(out)
    try:
        x0, y0, _, _ = tile_range(SMALL, 12)
        with urllib.request.urlopen(served.url.format(z=12, x=x0, y=y0)) as response:
            assert response.read() == PNG + f"12/{x0}/{y0}".encode()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(served.url.format(z=5, x=0, y=0))
    finally:
        served.stop()


def test_interrupted_preparation_keeps_tiles(tmp_path: Path) -> None:
    out = tmp_path / "coupe.mbtiles"
    with fixture_server() as server:
        count = _serve(server)
        last = list(server.routes)[-1]
        server.failures[last] = [503] * 5
        with pytest.raises(DownloadError, match=r"occupé \(HTTP 503\)"):
            prepare_offline("plan_ign", out, bbox=SMALL, min_zoom=10, max_zoom=13,
                            url=server.url + "/{z}/{x}/{y}.png", rate_per_s=500, policy=FAST)
        with sqlite3.connect(out) as db:
            kept = db.execute("SELECT COUNT(*) FROM tiles").fetchone()[0]
        assert 0 < kept < count
        server.failures.clear()
        assert prepare_offline("plan_ign", out, bbox=SMALL, min_zoom=10, max_zoom=13,
                               url=server.url + "/{z}/{x}/{y}.png", rate_per_s=500,
                               policy=FAST) == count - kept


def test_osm_bulk_download_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OfflineMapError, match=r"OpenStreetMap.*téléchargement en masse interdit"):
        prepare_offline("osm", tmp_path / "osm.mbtiles", bbox=SMALL)
    assert not (tmp_path / "osm.mbtiles").exists()


def test_too_many_tiles_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OfflineMapError, match="Trop de tuiles"):
        prepare_offline("plan_ign", tmp_path / "x.mbtiles", max_zoom=18)


def test_not_an_mbtiles(tmp_path: Path) -> None:
    path = tmp_path / "faux.mbtiles"
    path.write_bytes(b"pas du sqlite" * 100)
    with pytest.raises(OfflineMapError, match=r"faux\.mbtiles n.est pas une carte MBTiles"):
        read_offline_map(path)


def test_cli_estimate_and_refusal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["map", "prepare-offline", "--max-zoom", "13", "--out",
                 str(tmp_path / "x.mbtiles"), "--estimate"]) == 0
    assert "tuiles" in capsys.readouterr().out
    with fixture_server() as server:
        count = _serve(server)
        assert main(["map", "prepare-offline", "--bbox", ",".join(map(str, SMALL)),
                     "--min-zoom", "10", "--max-zoom", "13", "--source",
                     server.url + "/{z}/{x}/{y}.png", "--out", str(tmp_path / "zone.mbtiles")]) == 0
    assert f"({count} tuiles téléchargées)" in capsys.readouterr().out
    assert main(["map", "prepare-offline", "--provider", "osm", "--out",
                 str(tmp_path / "x.mbtiles")]) != 0
    assert "interdit" in capsys.readouterr().err
