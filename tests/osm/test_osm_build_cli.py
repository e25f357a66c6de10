"""`network build` with TVB layers, a DEM and GIS highway lines."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import rasterio
from affine import Affine
from osm_samples import network_cli, write_sample
from shapely.geometry import LineString, Point, Polygon
from shared_data import shared_path

from routes.elevation import ElevationError
from routes.network import store as netstore


def _flat_dem(path: Path, west: float, south: float, east: float, north: float) -> Path:
    """A 50 x 50 GeoTIFF at 42 m in EPSG:4326 over the given box."""
    size = 50
    transform = Affine((east - west) / size, 0.0, west, 0.0, -(north - south) / size, north)
    with rasterio.open(path, "w", driver="GTiff", height=size, width=size, count=1,
                       dtype="float32", crs="EPSG:4326", transform=transform) as dst:
        dst.write(np.full((size, size), 42.0, dtype=np.float32), 1)
    return path


def _layers(folder: Path) -> Path:
    """A TVB folder: one cavalier along way 102 (Rue Basly) and one terril near node 6."""
    folder.mkdir()
    gpd.GeoDataFrame({"id_troncon": ["001_01"]},
                     geometry=[LineString([(2.7929, 50.45152), (2.7951, 50.45152)])],
                     crs="EPSG:4326").to_file(folder / "zt-cavaliers.geojson")
    square = Polygon([(2.7915, 50.4535), (2.7925, 50.4535), (2.7925, 50.4540),
                      (2.7915, 50.4540)])
    gpd.GeoDataFrame({"no_terril": ["T074"], "nom": ["11/19"]}, geometry=[square],
                     crs="EPSG:4326").to_file(folder / "terrils.geojson")
    gpd.GeoDataFrame({"id": ["T074", "T999"], "nom": ["doublon", "loin"]},
                     geometry=[Point(2.792, 50.4537), Point(3.5, 50.3)],
                     crs="EPSG:4326").to_file(folder / "zt-terrils.geojson")
    return folder


def test_build_with_layers_and_dem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    osm = write_sample(tmp_path)
    dem = _flat_dem(tmp_path / "mnt.tif", 2.75, 50.40, 2.85, 50.50)
    out = tmp_path / "reseau.cavnet"
    code = network_cli(["build", "--osm", str(osm), "--layers", str(_layers(tmp_path / "tvb")),
                 "--dem", str(dem), "--out", str(out), "--quiet"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "T999" in printed  # too far to attach, reported
    graph = netstore.load(out)
    places = {place for _, place in graph.nodes(data="place") if place}
    assert "T074" in places and "T999" not in places
    basly = [d for *_, d in graph.edges(data=True) if d.get("osmid") == 102]
    assert basly and all(d["cavalier"] for d in basly)
    assert not any(d["cavalier"] for *_, d in graph.edges(data=True) if d.get("osmid") == 101)
    assert all(d["elevation"] == 42.0 for _, d in graph.nodes(data=True))
    assert all("grade" in d for *_, d in graph.edges(data=True))


def test_build_with_a_dem_elsewhere_fails_clearly(tmp_path: Path) -> None:
    dem = _flat_dem(tmp_path / "ailleurs.tif", 3.0, 50.0, 3.1, 50.1)
    with pytest.raises(ElevationError, match=r"ailleurs\.tif ne couvre pas"):
        network_cli(["build", "--osm", str(write_sample(tmp_path)), "--dem", str(dem),
              "--out", str(tmp_path / "x.cavnet"), "--quiet"])


def test_build_clipped_by_polygon_file(tmp_path: Path) -> None:
    clip = tmp_path / "zone.geojson"
    gpd.GeoDataFrame(geometry=[Polygon([(2.785, 50.445), (2.7935, 50.445), (2.7935, 50.46),
                                        (2.785, 50.46)])], crs="EPSG:4326").to_file(clip)
    out = tmp_path / "decoupe.cavnet"
    network_cli(["build", "--osm", str(write_sample(tmp_path)), "--clip", str(clip),
          "--out", str(out), "--quiet"])
    graph = netstore.load(out)
    assert {d["osmid"] for *_, d in graph.edges(data=True) if "osmid" in d} == {100, 101}


@pytest.mark.shared
def test_lille_highway_lines_with_basin_layers(tmp_path: Path) -> None:
    lines = shared_path("data", "osm-lille-centre-2017", "highway_line.geojson")
    layers = shared_path("data", "bassin-minier-unesco")
    out = tmp_path / "lille.cavnet"
    assert network_cli(["build", "--highway-lines", str(lines), "--layers", str(layers),
                 "--out", str(out), "--quiet"]) == 0
    graph = netstore.load(out)
    assert graph.number_of_nodes() == 2008  # Lille is 30 km from every terril: none attached
