"""A small network with a known junction layout, for the decisions and the marking plan.

Positions in metres (x east, y north) around Loos-en-Gohelle::

                         D (dead end)
                        /
                 L     N5 ---- E        Y at N4: two branches 15° either side of north
                  \\   /
                   N4
                    |
       N1          N3           N1: a side path north (no cue going east)
    S--+-----N2-----+           N2: a crossroads (« tout droit »)
       :     |      |           N3: a T (« à gauche » for the marathon, « à droite » for the 21)
      (access spur, |           S3: the 21 km's finish, south of N3
       unsurveyed)  S3

The marathon: S, N1, N2, N3, N4, N5, D (« demi-tour »), back to N5, then E (« à gauche »).
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
from pyproj import Geod
from shapely import LineString

from routes.network.model import Network
from routes.network.places import Gazetteer

LON0, LAT0 = 2.78, 50.45
_GEOD = Geod(ellps="WGS84")
_DIR = (math.sin(math.radians(15.0)), math.cos(math.radians(15.0)))

NODES: dict[str, tuple[float, float]] = {
    "S": (0.0, 0.0), "N1": (300.0, 0.0), "N1n": (300.0, 250.0), "N1s": (300.0, -120.0),
    "N2": (600.0, 0.0), "N2n": (600.0, 250.0), "N2s": (600.0, -250.0),
    "N3": (900.0, 0.0), "S3": (900.0, -400.0), "N4": (900.0, 300.0),
    "L": (900.0 - 300 * _DIR[0], 300.0 + 300 * _DIR[1]),
    "N5": (900.0 + 300 * _DIR[0], 300.0 + 300 * _DIR[1]),
    "D": (900.0 + 450 * _DIR[0], 300.0 + 450 * _DIR[1]),
}
NODES["E"] = (NODES["N5"][0] + 300.0, NODES["N5"][1])
#: (from, to, name, surveyed, extra vertices): the N3-N4 way starts with a 2 m jog east.
WAYS: list[tuple[str, str, str, bool, list[tuple[float, float]]]] = [
    ("S", "N1", "Cavalier de Loos", True, []),
    ("N1", "N2", "Cavalier de Loos", True, []),
    ("N2", "N3", "Cavalier de Loos", True, []),
    ("N1", "N1n", "Chemin du Marais", True, []),
    ("N1", "N1s", "accès Pôle", False, []),
    ("N2", "N2n", "Rue Neuve", True, []),
    ("N2", "N2s", "Rue Neuve", True, []),
    ("N3", "N4", "Chemin des Terrils", True, [(902.0, 0.0), (902.0, 10.0)]),
    ("N3", "S3", "Sentier du Sud", True, []),
    ("N4", "L", "Sentier de gauche", True, []),
    ("N4", "N5", "Sentier de droite", True, []),
    ("N5", "D", "Impasse du Terril", True, []),
    ("N5", "E", "Voie Verte", True, []),
]
IDS = {name: i for i, name in enumerate(NODES)}


def lonlat(x: float, y: float) -> tuple[float, float]:
    """The point ``x`` m east and ``y`` m north of the origin on the WGS84 ellipsoid (the course
    sheet measures geodesic metres)."""
    east_lon, _, _ = _GEOD.fwd(LON0, LAT0, 90.0, x) if x else (LON0, LAT0, 0.0)
    _, north_lat, _ = _GEOD.fwd(LON0, LAT0, 0.0, y) if y else (LON0, LAT0, 0.0)
    return float(east_lon), float(north_lat)


def junction_network() -> Network:
    graph = nx.MultiDiGraph(crs="EPSG:4326", name="carrefours", source="test")
    for name, (x, y) in NODES.items():
        lon, lat = lonlat(x, y)
        graph.add_node(IDS[name], x=lon, y=lat)
    for a, b, label, surveyed, extra in WAYS:
        metres = [NODES[a], *extra, NODES[b]]
        geom = LineString([lonlat(*p) for p in metres])
        length = sum(math.dist(p, q) for p, q in itertools.pairwise(metres))
        attrs = {"name": label, "surveyed": surveyed, "source": "layer" if surveyed else "access",
                 "length": length, "access": not surveyed}
        graph.add_edge(IDS[a], IDS[b], geometry=geom, **attrs)
        graph.add_edge(IDS[b], IDS[a], geometry=geom.reverse(), **attrs)
    return Network(graph, Gazetteer(), "carrefours")


def course(*names: str, ele: float | None = None) -> list[tuple[float, ...]]:
    """The geometry (lon, lat[, ele]) through the named nodes, along the ways' vertices."""
    ways = {(a, b): extra for a, b, _n, _s, extra in WAYS}
    ways.update({(b, a): list(reversed(extra)) for a, b, _n, _s, extra in WAYS})
    points: list[tuple[float, float]] = [NODES[names[0]]]
    for a, b in itertools.pairwise(names):
        points += [*ways[(a, b)], NODES[b]]
    out = [lonlat(*p) for p in points]
    return [(*p, ele) if ele is not None else p for p in out]


MARATHON = ("S", "N1", "N2", "N3", "N4", "N5", "D", "N5", "E")
HALF = ("S", "N1", "N2", "N3", "S3")
