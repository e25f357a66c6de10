"""Seeded random graphs following the routing graph contract, for engine tests."""

from __future__ import annotations

import math
import random

import networkx as nx
from scipy.spatial import cKDTree
from shapely import LineString

_HIGHWAYS = ("track", "path", "residential", "tertiary", "motorway", "steps", "cycleway", "",
             "service", "footway")
_M_PER_DEG = 111_195.0


def _edge_data(rng: random.Random, lon: tuple[float, float], lat: tuple[float, float],
               length: float) -> dict[str, object]:
    return {
        "length": length,
        "geometry": LineString([lon, lat]),
        "cavalier": rng.random() < 0.15,
        "veloroute": rng.random() < 0.1,
        "hiking": rng.random() < 0.15,
        "access": rng.random() < 0.03,
        "liaison": rng.random() < 0.03,
        "sensitive": rng.random() < 0.05,
        "terril": "T001" if rng.random() < 0.1 else "",
        "rupture": "R1" if rng.random() < 0.04 else "",
        "highway": rng.choice(_HIGHWAYS),
        "surface": rng.choice(("paved", "unpaved", "")),
        "name": "",
        "access_tag": "private" if rng.random() < 0.02 else "",
    }


def random_graph(n: int, seed: int, *, parallel: float = 0.1, one_way: float = 0.0,
                 extra: float = 2.8) -> nx.MultiDiGraph:
    """A random geometric graph: nodes in a ~n×60 m square, edges to near neighbours.

    ``parallel`` is the share of streets with a second, different parallel edge; ``one_way`` the
    share of streets present in one direction only (to test asymmetric costs).
    """
    rng = random.Random(seed)
    side = math.sqrt(n) * 120.0
    graph = nx.MultiDiGraph(crs="EPSG:4326", name=f"random-{n}-{seed}", source="test")
    pos = {}
    for i in range(n):
        x, y = rng.uniform(0, side), rng.uniform(0, side)
        pos[i] = (x, y)
        graph.add_node(i * 7 + 3, x=2.8 + x / (_M_PER_DEG * 0.64), y=50.4 + y / _M_PER_DEG)
    ids = [i * 7 + 3 for i in range(n)]
    tree = cKDTree([pos[i] for i in range(n)])
    pairs = sorted((int(i), int(j)) for i, j in tree.query_pairs(200.0))
    for i, j in pairs:
        if rng.random() > extra / 5:
            continue
        u, v = ids[i], ids[j]
        a = (graph.nodes[u]["x"], graph.nodes[u]["y"])
        b = (graph.nodes[v]["x"], graph.nodes[v]["y"])
        copies = 2 if rng.random() < parallel else 1
        for _ in range(copies):
            length = math.dist(pos[i], pos[j]) * rng.uniform(1.0, 1.4) + 1.0
            data = _edge_data(rng, a, b, length)
            reverse = {**data, "geometry": LineString([b, a])}
            directions = rng.random()
            if directions >= one_way or rng.random() < 0.5:
                graph.add_edge(u, v, **data)
            if directions >= one_way or not graph.has_edge(u, v):
                graph.add_edge(v, u, **reverse)
    return graph
