"""Checks on the embedded Bassin minier network shipped in assets/network."""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
import pytest
from pyproj import Transformer
from shapely import STRtree, transform, unary_union
from shapely.geometry import LineString, MultiLineString, Point, shape
from shapely.geometry.base import BaseGeometry
from shared_data import shared_path

LAYER_OF_FILE = {
    "terrils": "terril",
    "poles": "pole",
    "communes": "commune",
    "veloroute": "veloroute",
    "cavaliers": "cavalier",
    "hiking": "hiking",
    "ruptures": "rupture",
    "sensitive": "sensitive",
}
REQUIRED_PROPS = {
    "terril": {"ref", "name", "communes", "shape", "height_m", "summit_alt_m", "radius_m"},
    "pole": {"id", "name", "communes", "category"},
    "commune": {"insee", "name"},
    "veloroute": {"name", "surface"},
    "cavalier": {"id", "name", "surface"},
    "hiking": {"name", "surface"},
    "rupture": {"id", "name", "crossing"},
    "sensitive": {"name", "rule"},
}
GEOMETRY_TYPE = {
    "terril": "Point",
    "pole": "Point",
    "commune": "Point",
    "veloroute": "LineString",
    "cavalier": "LineString",
    "hiking": "LineString",
    "rupture": "Point",
    "sensitive": "Polygon",
}
REQUIRED_POLES = {
    "argales",
    "natura-sport",
    "9-9bis",
    "base-11-19",
    "olhain",
    "lewarde",
    "arenberg",
}
LINE_FILES = ("veloroute", "cavaliers", "hiking")
POLE_CATEGORIES = {"site minier", "base de loisirs", "parc", "espace naturel"}
SNAP_M = 15.0

_TO_L93 = Transformer.from_crs(4326, 2154, always_xy=True)


def to_l93(geom: BaseGeometry) -> Any:
    """Geometry in Lambert-93 (metres) from lon/lat."""
    return transform(geom, _l93_coords)


def _l93_coords(xy: Any) -> Any:
    import numpy as np

    x, y = _TO_L93.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


@cache
def features(name: str) -> tuple[dict[str, Any], ...]:
    text = (files("assets") / "network" / f"{name}.geojson").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    return tuple(data["features"])


@cache
def lines_l93() -> tuple[tuple[str, LineString], ...]:
    return tuple(
        (LAYER_OF_FILE[name], to_l93(shape(f["geometry"])))
        for name in LINE_FILES
        for f in features(name)
    )


def point_l93(feature: dict[str, Any]) -> Point:
    return to_l93(shape(feature["geometry"]))


# ------------------------------------------------------------------ files and properties


@pytest.mark.parametrize("name", sorted(LAYER_OF_FILE))
def test_file_parses_with_required_properties(name: str) -> None:
    layer = LAYER_OF_FILE[name]
    feats = features(name)
    assert feats, f"{name}.geojson est vide"
    for f in feats:
        props = f["properties"]
        assert props["layer"] == layer
        missing = REQUIRED_PROPS[layer] - props.keys()
        assert not missing, f"{name}: {props.get('name')} sans {missing}"
        assert f["geometry"]["type"] == GEOMETRY_TYPE[layer]
        geom = shape(f["geometry"])
        assert geom.is_valid and not geom.is_empty


@pytest.mark.parametrize("name", sorted(LAYER_OF_FILE))
def test_coordinates_are_lon_lat_in_the_basin_with_six_decimals(name: str) -> None:
    for f in features(name):
        geom = shape(f["geometry"])
        lon_min, lat_min, lon_max, lat_max = geom.bounds
        assert 2.2 < lon_min <= lon_max < 3.7, f"{name}: longitude hors du bassin"
        assert 50.2 < lat_min <= lat_max < 50.7, f"{name}: latitude hors du bassin"
        for lon, lat in _all_coords(geom):
            assert round(lon, 6) == lon and round(lat, 6) == lat


def _all_coords(geom: BaseGeometry) -> list[tuple[float, float]]:
    if geom.geom_type == "Polygon":
        return list(geom.exterior.coords)
    return list(geom.coords)


def test_counts() -> None:
    assert len(features("terrils")) >= 40
    assert len(features("poles")) >= 15
    assert len(features("communes")) >= 60
    assert len(features("cavaliers")) >= 30
    assert len(features("hiking")) >= 8
    assert len(features("ruptures")) >= 15
    assert len(features("sensitive")) >= 3
    assert len(features("veloroute")) >= 1


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("terrils", "ref"),
        ("poles", "id"),
        ("communes", "insee"),
        ("cavaliers", "id"),
        ("ruptures", "id"),
    ],
)
def test_identifiers_are_unique(name: str, key: str) -> None:
    ids = [f["properties"][key] for f in features(name)]
    assert len(ids) == len(set(ids))


def test_property_values() -> None:
    for f in features("terrils"):
        p = f["properties"]
        assert re.fullmatch(r"T\d{3}[a-z]?", p["ref"])
        assert p["communes"] and all(isinstance(c, str) and c for c in p["communes"])
        assert p["radius_m"] > 0
        for key in ("height_m", "summit_alt_m"):
            assert p[key] is None or 0 < p[key] < 300
    for f in features("poles"):
        assert f["properties"]["category"] in POLE_CATEGORIES
    for f in features("communes"):
        assert re.fullmatch(r"\d{5}", f["properties"]["insee"])
    for name in LINE_FILES:
        for f in features(name):
            assert f["properties"]["surface"] in {"paved", "unpaved"}
    for f in features("ruptures"):
        assert f["properties"]["crossing"] in {"route", "voie ferrée", "autoroute"}
    for f in features("sensitive"):
        assert f["properties"]["rule"] == "éviter"


def test_famous_places_are_there() -> None:
    terrils = {f["properties"]["ref"]: f["properties"] for f in features("terrils")}
    assert terrils["T074"]["summit_alt_m"] == terrils["T074a"]["summit_alt_m"] == 186
    assert terrils["T074"]["communes"] == ["Loos-en-Gohelle"]
    assert terrils["T075"]["shape"] == "plat"
    assert "Rieulay" in terrils["T144"]["communes"]
    poles = {f["properties"]["id"] for f in features("poles")}
    assert poles >= REQUIRED_POLES
    communes = {f["properties"]["name"] for f in features("communes")}
    assert {"Oignies", "Gosnay", "Loos-en-Gohelle", "Denain", "Condé-sur-l'Escaut"} <= communes


def test_terrils_span_the_basin_west_to_east() -> None:
    lons = [f["geometry"]["coordinates"][0] for f in features("terrils")]
    assert min(lons) < 2.5 and max(lons) > 3.55


# ------------------------------------------------------------ positions against the real layers


@pytest.mark.shared
def test_terrils_within_300_m_of_the_real_footprint() -> None:
    unesco = shared_path("data", "bassin-minier-unesco")
    real: dict[str, list[BaseGeometry]] = {}
    for fname, key in (("terrils.geojson", "no_terril"), ("zt-terrils.geojson", "id")):
        data = json.loads((unesco / fname).read_text(encoding="utf-8"))
        for f in data["features"]:
            real.setdefault(f["properties"][key], []).append(to_l93(shape(f["geometry"])))
    for f in features("terrils"):
        ref = f["properties"]["ref"]
        assert ref in real, f"{ref} absent des couches réelles"
        distance = min(g.distance(point_l93(f)) for g in real[ref])
        assert distance <= 300.0, f"{ref} à {distance:.0f} m de son emprise réelle"


@pytest.mark.shared
def test_commune_points_fall_in_their_commune() -> None:
    unesco = shared_path("data", "bassin-minier-unesco")
    data = json.loads((unesco / "communes-mbm.geojson").read_text(encoding="utf-8"))
    polygons = {f["properties"]["insee"]: shape(f["geometry"]) for f in data["features"]}
    for f in features("communes"):
        insee = f["properties"]["insee"]
        assert polygons[insee].contains(shape(f["geometry"])), f["properties"]["name"]


# ------------------------------------------------------------------ network topology


def test_ruptures_lie_on_a_line() -> None:
    tree = STRtree([g for _, g in lines_l93()])
    for f in features("ruptures"):
        pt = point_l93(f)
        nearest = tree.geometries[tree.nearest(pt)]
        assert nearest.distance(pt) <= 5.0, f["properties"]["id"]


def test_terrils_and_poles_are_near_a_line() -> None:
    tree = STRtree([g for _, g in lines_l93()])
    for name in ("terrils", "poles"):
        for f in features(name):
            pt = point_l93(f)
            distance = tree.geometries[tree.nearest(pt)].distance(pt)
            assert distance <= 500.0, f"{f['properties']['name']} à {distance:.0f} m du réseau"


def test_line_ends_sit_on_the_network() -> None:
    """Every cavalier/hiking end touches another line or is the terril/pole it serves."""
    layered = lines_l93()
    all_lines = [g for _, g in layered]
    tree = STRtree(all_lines)
    places = [point_l93(f) for name in ("terrils", "poles") for f in features(name)]
    place_tree = STRtree(places)
    for i, line in enumerate(all_lines):
        if layered[i][0] == "veloroute":
            continue
        for end in (Point(line.coords[0]), Point(line.coords[-1])):
            others = [j for j in tree.query(end.buffer(1.0)) if j != i]
            at_place = place_tree.geometries[place_tree.nearest(end)].distance(end) < 1.0
            assert others or at_place, f"ligne {i}: extrémité isolée {end}"


def build_graph() -> nx.Graph:
    """Graph on every vertex: crossings split lines (unary_union), ends within 15 m are joined."""
    layered = lines_l93()
    noded = unary_union([g for _, g in layered])
    pieces = list(noded.geoms) if isinstance(noded, MultiLineString) else [noded]
    tree = STRtree([g for _, g in layered])
    vertices = sorted({(round(x, 3), round(y, 3)) for p in pieces for x, y in p.coords})
    index = {v: i for i, v in enumerate(vertices)}
    parent = list(range(len(vertices)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ends = sorted(
        {(round(x, 3), round(y, 3)) for p in pieces for x, y in (p.coords[0], p.coords[-1])}
    )
    ends_tree = STRtree([Point(e) for e in ends])
    for e in ends:
        for j in ends_tree.query(Point(e).buffer(SNAP_M)):
            parent[find(index[ends[int(j)]])] = find(index[e])
    graph = nx.Graph()
    for piece in pieces:
        mid = piece.interpolate(0.5, normalized=True)
        layers = {layered[j][0] for j in tree.query(mid.buffer(0.5))}
        layer = next((x for x in ("veloroute", "cavalier", "hiking") if x in layers), "hiking")
        coords = [(round(x, 3), round(y, 3)) for x, y in piece.coords]
        for c0, c1 in itertools.pairwise(coords):
            u, v = find(index[c0]), find(index[c1])
            if u != v:
                graph.add_edge(u, v, length=Point(c0).distance(Point(c1)), layer=layer)
    for node in graph.nodes:
        graph.nodes[node]["point"] = Point(vertices[node])
    return graph


@cache
def graph() -> nx.Graph:
    return build_graph()


def test_lines_form_one_connected_network() -> None:
    g = graph()
    assert nx.number_connected_components(g) == 1


def _nearest_node(g: nx.Graph, pt: Point) -> int:
    return min(g.nodes, key=lambda n: g.nodes[n]["point"].distance(pt))


def _place(name: str, key: str, value: str) -> Point:
    return next(point_l93(f) for f in features(name) if f["properties"][key] == value)


@pytest.mark.parametrize(
    ("origin", "destination"),
    [
        (("terrils", "ref", "T074"), ("poles", "id", "9-9bis")),
        (("communes", "name", "Gosnay"), ("communes", "name", "Oignies")),
    ],
)
def test_route_mostly_on_cavaliers_and_veloroute(
    origin: tuple[str, str, str], destination: tuple[str, str, str]
) -> None:
    g = graph()
    a = _place(*origin)
    b = _place(*destination)
    u, v = _nearest_node(g, a), _nearest_node(g, b)
    assert g.nodes[u]["point"].distance(a) < 1000
    assert g.nodes[v]["point"].distance(b) < 1000
    path = nx.shortest_path(g, u, v, weight="length")
    edges = [g.edges[x, y] for x, y in itertools.pairwise(path)]
    total = sum(e["length"] for e in edges)
    greenway = sum(e["length"] for e in edges if e["layer"] in {"cavalier", "veloroute"})
    assert total > 5000
    assert greenway / total >= 0.8


def test_hiking_networks_on_terrils() -> None:
    terrils = {f["properties"]["ref"]: f for f in features("terrils")}
    per_terril: dict[str, float] = {}
    for f in features("hiking"):
        ref = f["properties"].get("terril")
        if not ref:
            continue
        centre = point_l93(terrils[ref])
        radius = terrils[ref]["properties"]["radius_m"]
        line = to_l93(shape(f["geometry"]))
        farthest = max(Point(c).distance(centre) for c in line.coords)
        assert farthest <= radius, f"{f['properties']['name']} sort du terril {ref}"
        per_terril[ref] = per_terril.get(ref, 0.0) + line.length
    assert len(per_terril) >= 6
    for ref, length in per_terril.items():
        assert 4000 <= length <= 8000, f"{ref}: {length:.0f} m de sentiers"
    assert {"T074", "T074a", "T075"} <= per_terril.keys()


def test_sensitive_zones_are_coarse_polygons() -> None:
    for f in features("sensitive"):
        poly = to_l93(shape(f["geometry"]))
        assert 1e4 < poly.area < 5e6
        assert len(poly.exterior.coords) <= 40


def test_veloroute_crosses_the_basin_by_its_towns() -> None:
    veloroute = unary_union([to_l93(shape(f["geometry"])) for f in features("veloroute")])
    towns = {f["properties"]["name"]: point_l93(f) for f in features("communes")}
    for town in (
        "Béthune",
        "Gosnay",
        "Bruay-la-Buissière",
        "Liévin",
        "Lens",
        "Hénin-Beaumont",
        "Oignies",
        "Douai",
        "Denain",
        "Condé-sur-l'Escaut",
    ):
        assert veloroute.distance(towns[town]) <= 3000.0, town
    assert veloroute.distance(_place("poles", "id", "olhain")) < 1.0


def test_each_terril_network_climbs_to_the_summit() -> None:
    terrils = {f["properties"]["ref"]: f["geometry"]["coordinates"] for f in features("terrils")}
    summits: dict[str, int] = {}
    for f in features("hiking"):
        ref = f["properties"].get("terril")
        if ref and terrils[ref] in (
            f["geometry"]["coordinates"][0],
            f["geometry"]["coordinates"][-1],
        ):
            summits[ref] = summits.get(ref, 0) + 1
    refs = {f["properties"]["terril"] for f in features("hiking") if "terril" in f["properties"]}
    assert refs == summits.keys()
