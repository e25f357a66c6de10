"""Small graphs built by hand following the routing-graph contract, and sample courses."""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from shapely.geometry import LineString

from routes.gpx.geo import distance_m
from routes.gpx.model import CourseTrack, CourseWaypoint

LAT0, LON0 = 50.60, 3.00
M_PER_DEG_LAT = 111_195.0
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(LAT0))


def offset(lat: float, lon: float, east_m: float, north_m: float) -> tuple[float, float]:
    return lat + north_m / M_PER_DEG_LAT, lon + east_m / M_PER_DEG_LON


def add_path_edge(g: nx.MultiDiGraph, u: int, v: int, coords: list[tuple[float, float]]) -> None:
    """Both directions of a path edge; coords are (lon, lat) from u to v."""
    length = sum(distance_m((a[1], a[0]), (b[1], b[0])) for a, b in itertools.pairwise(coords))
    attrs = {"length": length, "cavalier": False, "veloroute": False, "hiking": True,
             "access": False, "liaison": False, "sensitive": False, "terril": "", "rupture": "",
             "highway": "path", "surface": "unpaved", "name": ""}
    g.add_edge(u, v, geometry=LineString(coords), **attrs)
    g.add_edge(v, u, geometry=LineString(coords[::-1]), **attrs)


def grid_graph(n: int = 6, spacing_m: float = 200.0) -> nx.MultiDiGraph:
    """An n×n street grid south-west corner at (LAT0, LON0), node id = row * n + col."""
    g = nx.MultiDiGraph(crs="EPSG:4326", name="grille", source="test")
    for row in range(n):
        for col in range(n):
            lat, lon = offset(LAT0, LON0, col * spacing_m, row * spacing_m)
            g.add_node(row * n + col, x=lon, y=lat, elevation=20.0 + row)
    for row in range(n):
        for col in range(n):
            node = row * n + col
            for other in ([node + 1] if col < n - 1 else []) + ([node + n] if row < n - 1 else []):
                a, b = g.nodes[node], g.nodes[other]
                add_path_edge(g, node, other, [(a["x"], a["y"]), (b["x"], b["y"])])
    return g


def sample_course(name: str = "Trail des Terrils — 21 km", n: int = 400) -> CourseTrack:
    points = []
    for i in range(n):
        lat, lon = offset(LAT0, LON0, i * 25.0, 300 * math.sin(i / 40))
        points.append((lat, lon, None if i % 5 == 0 else 20.0 + 10 * math.sin(i / 30)))
    mid = points[n // 2]
    waypoints = [
        CourseWaypoint("Départ", points[0][0], points[0][1], "depart", points[0][2]),
        CourseWaypoint("Ravito du terril", mid[0], mid[1], "ravitaillement",
                       description="Eau, fruits & <gâteaux>"),
        CourseWaypoint("Signaleur D41", points[n // 3][0], points[n // 3][1], "signaleur"),
        CourseWaypoint("Arrivée", points[-1][0], points[-1][1], "arrivee"),
    ]
    return CourseTrack(name, points, waypoints, "Boucle au pied du 11/19")


def _mercator_to_lonlat(x: float, y: float) -> tuple[float, float]:
    lon = x / 6378137.0 * 180.0 / math.pi
    lat = (2 * math.atan(math.exp(y / 6378137.0)) - math.pi / 2) * 180.0 / math.pi
    return lon, lat


def graph_from_mercator_lines(paths: list[Path], keep: Callable[[dict[str, Any]], bool]
                              ) -> nx.MultiDiGraph:
    """A contract graph from EPSG:3857 GeoJSON lines, split at shared vertices.

    Stand-in for routes.graph while it is written in parallel: enough to snap real tracks.
    """
    ways: list[list[tuple[float, float]]] = []
    for path in paths:
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            geom = feature.get("geometry") or {}
            if not keep(feature.get("properties") or {}):
                continue
            parts = ([geom["coordinates"]] if geom.get("type") == "LineString"
                     else geom.get("coordinates", []) if geom.get("type") == "MultiLineString"
                     else [])
            for part in parts:
                ways.append([(round(x, 2), round(y, 2)) for x, y, *_ in part])
    uses = Counter(v for way in ways for v in set(way))
    ids: dict[tuple[float, float], int] = {}
    g = nx.MultiDiGraph(crs="EPSG:4326", name="lille-test", source="osm-lille-centre-2017")

    def node(v: tuple[float, float]) -> int:
        if v not in ids:
            ids[v] = len(ids)
            lon, lat = _mercator_to_lonlat(*v)
            g.add_node(ids[v], x=lon, y=lat)
        return ids[v]

    for way in ways:
        start = 0
        for i in range(1, len(way)):
            if i == len(way) - 1 or uses[way[i]] > 1:
                piece = [_mercator_to_lonlat(*v) for v in way[start : i + 1]]
                if len(set(piece)) >= 2:
                    add_path_edge(g, node(way[start]), node(way[i]), piece)
                start = i
    return g
