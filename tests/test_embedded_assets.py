"""Checks on the embedded Bassin minier network shipped in assets/network.

The network is derived from the real open layers by ``tools/build_default_network.py``: these
tests check the shipped files, the graph built from them, and (with ../shared) that the files are
exactly what the script makes and that the lines sit on the source layers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from network_quality import cavalier_share_near, source_lines, surveyed_share
from shapely.geometry import shape
from shared_data import REPO, shared_path

from routes.geodesy import to_metric
from routes.network.model import Network, load_network
from routes.outputs.stats import METHOD_POLYGONS, RouteLine, communes_crossed
from routes.provenance import (
    ACCESS_SPUR_MAX_M,
    PRACTICABILITY_UNKNOWN,
    SOURCE_ACCESS,
    SOURCE_CONNECTOR,
    SOURCE_LAYER,
)
from routes.search.routing import Router

LAYER_OF_FILE = {
    "terrils": "terril",
    "poles": "pole",
    "communes": "commune",
    "veloroute": "veloroute",
    "cavaliers": "cavalier",
}
REQUIRED_PROPS = {
    "terril": {"ref", "name", "communes", "shape", "height_m", "summit_alt_m", "radius_m",
               "unesco"},
    "pole": {"id", "name", "communes", "category", "footprint"},
    "commune": {"insee", "name"},
    "veloroute": {"id", "name", "ref"},
    "cavalier": {"id", "name", "communes"},
}
GEOMETRY_TYPES = {
    "terril": {"Polygon", "MultiPolygon"},
    "pole": {"Polygon", "MultiPolygon", "Point"},
    "commune": {"Polygon", "MultiPolygon"},
    "veloroute": {"LineString"},
    "cavalier": {"LineString"},
}
POLE_CATEGORIES = {"site minier", "base de loisirs", "parc", "espace naturel"}
POINT_POLES = {"olhain", "louvre-lens", "annelles-lains", "parc-des-iles"}
REMOVED = ("hiking", "ruptures", "sensitive")
MAX_ASSETS_BYTES = 15_000_000


@cache
def features(name: str) -> tuple[dict[str, Any], ...]:
    text = (files("assets") / "network" / f"{name}.geojson").read_text(encoding="utf-8")
    return tuple(json.loads(text)["features"])


@cache
def network() -> Network:
    return load_network()


def _coords(geometry: dict[str, Any]) -> list[list[float]]:
    def walk(node: Any) -> list[list[float]]:
        if isinstance(node[0], int | float):
            return [node]
        return [c for part in node for c in walk(part)]

    return walk(geometry["coordinates"])


# ------------------------------------------------------------------------------- the files


def test_only_derived_layers_are_shipped() -> None:
    folder = files("assets") / "network"
    shipped = sorted(e.name for e in folder.iterdir() if e.name.endswith(".geojson"))
    assert shipped == sorted(f"{name}.geojson" for name in LAYER_OF_FILE)
    assert not any(f"{name}.geojson" in shipped for name in REMOVED)
    size = sum(len(e.read_bytes()) for e in folder.iterdir() if e.is_file())
    assert size <= MAX_ASSETS_BYTES


@pytest.mark.parametrize("name", sorted(LAYER_OF_FILE))
def test_file_parses_with_required_properties(name: str) -> None:
    layer = LAYER_OF_FILE[name]
    assert features(name)
    for f in features(name):
        props = f["properties"]
        assert props["layer"] == layer
        assert REQUIRED_PROPS[layer] <= set(props), props
        assert f["geometry"]["type"] in GEOMETRY_TYPES[layer]
        assert shape(f["geometry"]).is_valid


@pytest.mark.parametrize("name", sorted(LAYER_OF_FILE))
def test_coordinates_are_lon_lat_in_the_basin_with_six_decimals(name: str) -> None:
    for f in features(name):
        for lon, lat in _coords(f["geometry"]):
            assert 2.2 < lon < 3.7 and 50.2 < lat < 50.7
            assert round(lon, 6) == lon and round(lat, 6) == lat


def test_counts() -> None:
    assert len(features("cavaliers")) == 1397  # 1316 features with geometry, multilines split
    assert len(features("terrils")) == 161
    assert len(features("communes")) == 330
    assert len(features("poles")) == 27


def test_identifiers_are_unique() -> None:
    for name, key in (("terrils", "ref"), ("poles", "id"), ("communes", "insee"),
                      ("cavaliers", "id"), ("veloroute", "id")):
        values = [f["properties"][key] for f in features(name)]
        assert len(values) == len(set(values)), name


def test_property_values() -> None:
    for f in features("terrils"):
        p = f["properties"]
        assert re.fullmatch(r"T\d{3}[a-z]?", p["ref"])
        assert p["radius_m"] > 0
        for key in ("height_m", "summit_alt_m"):
            assert p[key] is None or 0 < p[key] < 300
    for f in features("poles"):
        p = f["properties"]
        assert p["category"] in POLE_CATEGORIES
        is_point = f["geometry"]["type"] == "Point"
        assert is_point == (p["id"] in POINT_POLES) == (p["footprint"] == "point")
    for f in features("communes"):
        assert re.fullmatch(r"\d{5}", f["properties"]["insee"])


def test_known_facts_are_kept() -> None:
    terrils = {f["properties"]["ref"]: f["properties"] for f in features("terrils")}
    assert terrils["T074"]["summit_alt_m"] == terrils["T074a"]["summit_alt_m"] == 186
    assert terrils["T002"]["summit_alt_m"] == 180
    assert terrils["T074"]["shape"] == terrils["T074a"]["shape"] == "conique"
    assert terrils["T075"]["shape"] == "plat"
    assert terrils["T074"]["unesco"] and terrils["T075"]["unesco"]
    poles = {f["properties"]["id"] for f in features("poles")}
    assert {"argales", "natura-sport", "9-9bis", "base-11-19", "olhain", "lewarde",
            "arenberg"} <= poles
    communes = {f["properties"]["name"] for f in features("communes")}
    assert {"Oignies", "Gosnay", "Loos-en-Gohelle", "Denain", "Condé-sur-l'Escaut"} <= communes


def test_a_pole_on_a_terril_has_the_terril_outline() -> None:
    terrils = {f["properties"]["ref"]: f["geometry"] for f in features("terrils")}
    poles = {f["properties"]["id"]: f for f in features("poles")}
    assert poles["loisinord"]["geometry"] == terrils["T042"]
    assert poles["loisinord"]["properties"]["footprint"] == "terril T042"


# ------------------------------------------------------------------- the graph built from it


def test_network_is_noded_and_bridged_by_few_flagged_liaisons() -> None:
    report = network().report
    assert report.cavalier_km == pytest.approx(800, rel=0.02)
    assert report.cavalier_share_largest_linked >= 0.95
    assert report.liaison_km < 0.03 * report.cavalier_km
    assert report.liaisons < 200


def test_every_edge_has_its_provenance() -> None:
    sources: dict[str, float] = {}
    for _, _, data in network().graph.edges(data=True):
        sources[data["source"]] = sources.get(data["source"], 0.0) + data["length"]
        if data["liaison"]:
            assert data["source"] == SOURCE_CONNECTOR and not data["surveyed"]
        elif data["access"]:
            assert data["source"] == SOURCE_ACCESS
            assert data["length"] <= ACCESS_SPUR_MAX_M + 1
            # a spur is surveyed only when a line enters the place (then it is a few metres)
            assert not data["surveyed"] or data["length"] <= 30
        else:
            assert data["source"] == SOURCE_LAYER and data["surveyed"]
        if data["cavalier"]:
            assert data["practicability"] == PRACTICABILITY_UNKNOWN
    assert set(sources) == {SOURCE_LAYER, SOURCE_CONNECTOR, SOURCE_ACCESS}


def test_far_places_stay_unlinked_with_a_message() -> None:
    report = network().report
    assert "T067 13 bis de Lens" in report.places_unlinked
    message = next(w for w in report.warnings if w.startswith("T067 "))
    assert "plus de 300 m" in message and "non relié" in message
    place = network().places.resolve("T067")
    assert place.node is None


def test_places_resolve_on_the_network() -> None:
    places = network().places
    assert places.resolve("T074").node is not None
    assert places.resolve("T074a").kind == "terril"
    assert places.resolve("9-9bis").node is not None
    assert places.resolve("Base 11/19").kind == "pole"
    oignies = places.resolve("Oignies")
    assert oignies.kind == "commune"


def test_route_runs_on_cavaliers_and_surveyed_lines() -> None:
    route = Router(network()).route(["T074", "9-9bis"], "trail")
    assert route.stops[0].place_key == "T074"
    assert 18_000 < route.length_m < 40_000  # 19 km as the crow flies
    assert route.share("cavalier") > 0.75
    assert surveyed_share(network(), route.nodes, route.keys) >= 0.9
    assert "T074" in route.terrils


def test_communes_crossed_come_from_the_polygons() -> None:
    route = Router(network()).route(["T074", "9-9bis"], "trail")
    communes, method = communes_crossed(network(), RouteLine(route.coords))
    assert method == METHOD_POLYGONS
    names = [span.name for span in communes]
    assert names[0] == "Loos-en-Gohelle" and names[-1] == "Oignies"


# ---------------------------------------------------------------- against the real layers


@pytest.mark.shared
def test_cavaliers_lie_on_the_source_layer() -> None:
    layer = shared_path("data", "bassin-minier-unesco", "zt-cavaliers.geojson")
    assert cavalier_share_near(network(), source_lines(layer)) >= 0.95


@pytest.mark.shared
def test_veloroute_lies_on_eurovelo_5() -> None:
    gpx = shared_path("data", "eurovelo5-gpx", "gpx_eurovelo5.gpx")
    import gpxpy
    from shapely import LineString, STRtree

    with gpx.open(encoding="utf-8") as stream:
        parsed = gpxpy.parse(stream)
    tracks = [to_metric(LineString([(p.longitude, p.latitude) for p in s.points]))
              for t in parsed.tracks for s in t.segments if len(s.points) > 1]
    tree = STRtree(tracks)
    for f in features("veloroute"):
        line = to_metric(shape(f["geometry"]))
        for x, y in line.coords:
            from shapely import Point

            nearest = tracks[int(tree.nearest(Point(x, y)))]
            assert nearest.distance(Point(x, y)) < 10.0


@pytest.mark.shared
def test_shipped_files_are_what_the_build_script_makes(tmp_path: Path) -> None:
    shared = shared_path("data").parent
    subprocess.run([sys.executable, str(REPO / "tools" / "build_default_network.py"),
                    "--shared", str(shared), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for name in LAYER_OF_FILE:
        shipped = (files("assets") / "network" / f"{name}.geojson").read_bytes()
        assert (tmp_path / f"{name}.geojson").read_bytes() == shipped, name
