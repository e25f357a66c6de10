"""A synthetic OSM-like mesh of ≥ 500 000 nodes for the large-network benchmarks.

Long ways (chains of 40 m edges, like real OSM street pieces) ~720 m apart in both directions,
each edge with its own geometry both ways; every 12th way is flagged as a cavalier so the map has
a Trame verte et bleue to draw at low zoom (~860 km, the order of the real basin's network).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import shapely

LON0, LAT0 = 2.5, 50.3
EDGE_M = 40.0
WAYS = 118  # per direction
NODES_PER_WAY = 2130  # ~85 km of 40 m edges
DEG_LAT = 1 / 111_320.0
DEG_LON = DEG_LAT / math.cos(math.radians(LAT0 + 0.2))


def mesh() -> nx.MultiDiGraph:
    spacing = NODES_PER_WAY * EDGE_M / WAYS  # ways ~720 m apart
    step = np.arange(NODES_PER_WAY) * EDGE_M
    lons: list[np.ndarray] = []
    lats: list[np.ndarray] = []
    for horizontal in (True, False):
        for way in range(WAYS):
            across = np.full(NODES_PER_WAY, way * spacing + (spacing / 2 if horizontal else 0))
            east, north = (step, across) if horizontal else (across, step)
            lons.append(LON0 + east * DEG_LON)
            lats.append(LAT0 + north * DEG_LAT)
    x, y = np.concatenate(lons), np.concatenate(lats)
    ids = np.arange(len(x)).reshape(-1, NODES_PER_WAY)
    u, v = ids[:, :-1].ravel(), ids[:, 1:].ravel()
    forward = shapely.linestrings(np.stack([np.c_[x[u], y[u]], np.c_[x[v], y[v]]], axis=1))
    backward = shapely.linestrings(np.stack([np.c_[x[v], y[v]], np.c_[x[u], y[u]]], axis=1))
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((int(n), {"x": float(a), "y": float(b)})
                         for n, a, b in zip(range(len(x)), x, y, strict=True))
    way_of_edge = u // NODES_PER_WAY
    cavalier = (way_of_edge % 12 == 0).tolist()
    graph.add_edges_from((int(a), int(b), 0, {"geometry": g, "length": EDGE_M, "cavalier": c})
                         for a, b, g, c in zip(u, v, forward, cavalier, strict=True))
    graph.add_edges_from((int(b), int(a), 0, {"geometry": g, "length": EDGE_M, "cavalier": c})
                         for a, b, g, c in zip(u, v, backward, cavalier, strict=True))
    return graph


