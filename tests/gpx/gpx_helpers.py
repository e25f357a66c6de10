"""Small graphs built by hand following the routing-graph contract, and sample courses."""

from __future__ import annotations

import itertools
import math

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
