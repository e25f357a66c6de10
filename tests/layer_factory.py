"""Small hand-made layers in lon/lat around Loos-en-Gohelle, for graph and routing tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely import LineString, Point, Polygon

from routes.network.layers import LayerFeature, LayerKind, LayerSet

LON0, LAT0 = 2.78, 50.44
DEG_PER_M_LAT = 1 / 111_195
DEG_PER_M_LON = 1 / (111_195 * 0.6374)  # cos(50.44°)


def at(east_m: float, north_m: float) -> tuple[float, float]:
    return (LON0 + east_m * DEG_PER_M_LON, LAT0 + north_m * DEG_PER_M_LAT)


def line(kind: LayerKind, *points_m: tuple[float, float], **props: Any) -> LayerFeature:
    return LayerFeature(kind, LineString([at(*p) for p in points_m]), name=props.pop("name", ""),
                        props=props)


def point(kind: LayerKind, east: float, north: float, ref: str = "", name: str = "",
          **props: Any) -> LayerFeature:
    return LayerFeature(kind, Point(at(east, north)), ref=ref, name=name, props=props)


def square(kind: LayerKind, x0: float, y0: float, x1: float, y1: float,
           **props: Any) -> LayerFeature:
    ring = [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1)]
    return LayerFeature(kind, Polygon(ring), props=props, name=props.pop("name", ""),
                        ref=props.pop("ref", ""))


def ladder() -> LayerSet:
    """Two 3 km rails (a cavalier north, a road south) joined by three rungs; a terril, a pole,
    a rupture point on the road, a sensitive zone on the middle rung."""
    return LayerSet(features=[
        line(LayerKind.CAVALIER, (0, 1000), (3000, 1000), name="Cavalier nord", surface="unpaved"),
        line(LayerKind.PATH, (0, 0), (3000, 0), name="Route sud", highway="tertiary",
             surface="asphalt"),
        line(LayerKind.HIKING, (0, 0), (0, 1000), name="Barreau ouest"),
        line(LayerKind.HIKING, (1500, 0), (1500, 1000), name="Barreau milieu"),
        line(LayerKind.VELOROUTE, (3000, 0), (3000, 1000), name="Barreau est", surface="paved"),
        point(LayerKind.TERRIL, 1500, 1200, ref="T074", name="Terril test", radius_m=300,
              height_m=146),
        point(LayerKind.POLE, -100, 0, ref="base", name="Base de test"),
        point(LayerKind.RUPTURE, 2200, 0, ref="R1", name="Traversée test", crossing="route"),
        square(LayerKind.SENSITIVE, 1400, 400, 1600, 600, name="Zone sensible"),
        point(LayerKind.COMMUNE, 3000, 500, ref="62528", name="Loos-en-Gohelle"),
    ])


def write_layer_folder(folder: Path) -> Path:
    """Two GeoJSON files (a cavalier and a véloroute meeting at a corner, terril T074 near one
    end, pole 9-9bis near the other) as a user's ``--layers`` folder."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = gpd.GeoDataFrame(
        {"layer": ["cavalier", "veloroute"], "nom": ["Cavalier A", "Véloroute B"]},
        geometry=[LineString([(2.78, 50.44), (2.80, 50.44)]),
                  LineString([(2.80, 50.44), (2.80, 50.46)])], crs="EPSG:4326")
    places = gpd.GeoDataFrame(
        {"layer": ["terril", "pole"], "ref": ["T074", "9-9bis"], "nom": ["Jumeaux", "Site"]},
        geometry=[Point(2.781, 50.441), Point(2.80, 50.459)], crs="EPSG:4326")
    lines.to_file(folder / "lignes.geojson", engine="pyogrio")
    places.to_file(folder / "lieux.geojson", engine="pyogrio")
    return folder


def grid(size_m: float = 4000.0, step_m: float = 500.0) -> LayerSet:
    """A SYNTHETIC square grid of paths (``step_m`` apart) with terril T074 (150 m disc) at its
    centre: a meshed network where loops and variants of a few km exist, for tests of the loop
    API. The real default network is made of old railway lines and is nearly a tree."""
    count = int(size_m // step_m)
    features = []
    for i in range(count + 1):
        d = i * step_m
        features.append(line(LayerKind.PATH, (d, 0), (d, size_m), name=f"Chemin nord-sud {i}",
                             highway="track"))
        features.append(line(LayerKind.PATH, (0, d), (size_m, d), name=f"Chemin est-ouest {i}",
                             highway="track"))
    centre = size_m / 2
    features.append(point(LayerKind.TERRIL, centre, centre, ref="T074", name="Terril de test",
                          radius_m=150))
    return LayerSet(features=features)


def write_grid_folder(folder: Path) -> Path:
    """:func:`grid` as a user's ``--layers`` folder (one GeoJSON file)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = grid().features
    frame = gpd.GeoDataFrame(
        {"layer": [f.kind.value for f in rows], "ref": [f.ref for f in rows],
         "nom": [f.name for f in rows], "highway": [f.props.get("highway", "") for f in rows],
         "radius_m": [f.props.get("radius_m") for f in rows]},
        geometry=[f.geometry for f in rows], crs="EPSG:4326")
    frame.to_file(folder / "grille.geojson", engine="pyogrio")
    return folder
