"""Round 3: every path that reads layers goes through the same checks as ``network info`` before
any coordinate reaches native code. ``network build --highway-lines`` with a Lambert-93 GeoJSON
that does not declare its CRS in ``--layers`` crashed (SIGSEGV, exit 139, no message); swapped,
×1e300, inf/NaN or degenerate highway lines made a .cavnet of 35 million km, exit 0."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile.gis_samples import LAMBERT93_LINE, geojson

ROOT = Path(__file__).resolve().parents[2]
HIGHWAY = [[2.7929, 50.45152], [2.7940, 50.45152], [2.7951, 50.45152], [2.7951, 50.4530]]


def _highway(path: Path, lines: list[list[list[float]]], *, crs: str | None = None) -> Path:
    return geojson(path, lines, crs=crs, props={"highway": "track", "name": "Chemin"})


def _cli(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    """In a child process: a native crash shows as a negative return code, not a dead runner."""
    return subprocess.run([sys.executable, "-m", "app.cli", *map(str, argv)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def _clean_refusal(run: subprocess.CompletedProcess[str], *words: str) -> None:
    assert run.returncode == 1, (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr and run.stderr.startswith("Erreur : ")
    for word in words:
        assert word in run.stderr, run.stderr


def test_undeclared_lambert93_layer_is_refused_before_the_build(tmp_path: Path) -> None:
    layers = tmp_path / "tvb"
    layers.mkdir()
    geojson(layers / "zt-cavaliers.geojson", [LAMBERT93_LINE], props={"id_troncon": "001"})
    lines = _highway(tmp_path / "highway_line.geojson", [HIGHWAY])
    run = _cli("network", "build", "--highway-lines", lines, "--layers", layers,
               "--out", tmp_path / "r.cavnet", "--quiet")
    _clean_refusal(run, "zt-cavaliers.geojson", "Lambert-93")
    assert not (tmp_path / "r.cavnet").exists()


@pytest.mark.parametrize(("name", "lines", "crs", "words"), [
    ("lambert", [LAMBERT93_LINE], None, ("Lambert-93",)),
    ("huge", [[[x * 1e300, y * 1e300] for x, y in HIGHWAY]], None, ("domaine de validité",)),
    ("declared-wrong", [HIGHWAY], "EPSG:2154", ("ne correspond pas",)),
])
def test_highway_lines_get_the_same_coordinate_checks(tmp_path: Path, name: str,
                                                      lines: list[list[list[float]]],
                                                      crs: str | None,
                                                      words: tuple[str, ...]) -> None:
    source = _highway(tmp_path / f"{name}.geojson", lines, crs=crs)
    run = _cli("network", "build", "--highway-lines", source, "--out", tmp_path / "r.cavnet",
               "--quiet")
    _clean_refusal(run, source.name, *words)


def test_non_finite_and_degenerate_highway_lines_are_dropped(tmp_path: Path) -> None:
    text = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"highway": "track"},
         "geometry": {"type": "LineString", "coordinates": line}}
        for line in (HIGHWAY, [[2.79, 50.45], [2.79, 50.45]], [[2.79, 50.45]])]})
    text = text.replace("]]}}]}", "]]}}, " + json.dumps(
        {"type": "Feature", "properties": {"highway": "track"},
         "geometry": {"type": "LineString", "coordinates": [[2.79, 50.45], [2.8, 50.46]]}})
        + "]}").replace("[2.8, 50.46]", "[NaN, Infinity]")
    source = tmp_path / "lignes.geojson"
    source.write_text(text, encoding="utf-8")
    run = _cli("network", "build", "--highway-lines", source, "--out", tmp_path / "r.cavnet",
               "--quiet")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "entité(s) sans géométrie valide et finie ignorée(s)" in run.stdout


def test_swapped_highway_lines_are_reported(tmp_path: Path) -> None:
    source = _highway(tmp_path / "inversees.geojson", [[[y, x] for x, y in HIGHWAY]])
    run = _cli("network", "build", "--highway-lines", source, "--out", tmp_path / "r.cavnet",
               "--quiet")
    assert "inversées" in run.stdout + run.stderr and "Traceback" not in run.stderr


def test_an_empty_layers_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    lines = _highway(tmp_path / "highway_line.geojson", [HIGHWAY])
    run = _cli("network", "build", "--highway-lines", lines, "--layers", tmp_path / "vide",
               "--out", tmp_path / "r.cavnet", "--quiet")
    _clean_refusal(run, "aucune des couches attendues")


@pytest.mark.parametrize(("files", "words"), [
    ({"lignes.shp": b"\x00" * 100, "lignes.shx": b"\x00" * 100, "lignes.dbf": b"\x03"},
     ("lignes.shp",)),
    ({"lignes.csv": b"highway,lon,lat\ntrack,2.79,50.45\n"}, ("lignes.csv", "format")),
])
def test_broken_or_foreign_highway_files_give_a_french_error(tmp_path: Path,
                                                             files: dict[str, bytes],
                                                             words: tuple[str, ...]) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    first = tmp_path / next(iter(files))
    run = _cli("network", "build", "--highway-lines", first, "--out", tmp_path / "r.cavnet",
               "--quiet")
    _clean_refusal(run, *words)
    assert "GDAL" not in run.stderr and "Error" not in run.stderr


def test_a_shapefile_with_a_garbage_prj_gives_a_french_error(tmp_path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import LineString

    gpd.GeoDataFrame({"highway": ["track"]}, geometry=[LineString(HIGHWAY)],
                     crs="EPSG:4326").to_file(tmp_path / "lignes.shp")
    (tmp_path / "lignes.prj").write_text("PROJCS[\"n'importe quoi\", GARBAGE]")
    dbf = tmp_path / "lignes.dbf"
    run = _cli("network", "build", "--highway-lines", tmp_path / "lignes.shp",
               "--out", tmp_path / "r.cavnet", "--quiet")
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr[-2000:]
    dbf.write_bytes(dbf.read_bytes()[:40])  # truncated attribute table
    run = _cli("network", "build", "--highway-lines", tmp_path / "lignes.shp",
               "--out", tmp_path / "r.cavnet", "--quiet")
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr[-2000:]
