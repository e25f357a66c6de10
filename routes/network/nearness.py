"""How far points are from the lines of a network, in metres (Lambert-93).

One STRtree over every edge geometry, built with vectorised shapely calls (a large OSM network
takes about a second) and kept for the last graph asked about.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import networkx as nx
import numpy as np
import shapely
from numpy.typing import NDArray

from routes.geodesy import metric_xy

_LOCK = threading.Lock()
_LAST: list[tuple[nx.MultiDiGraph, shapely.STRtree, NDArray[np.object_]]] = []


def _tree(graph: nx.MultiDiGraph) -> tuple[shapely.STRtree, NDArray[np.object_]]:
    with _LOCK:
        if _LAST and _LAST[0][0] is graph:
            return _LAST[0][1], _LAST[0][2]
        seen: set[tuple[int, int]] = set()
        lines = []
        for u, v, data in graph.edges(data=True):
            if (v, u) in seen:
                continue  # the reverse copy of an edge already taken
            seen.add((u, v))
            geometry = data.get("geometry")
            if geometry is None:
                a, b = graph.nodes[u], graph.nodes[v]
                geometry = shapely.LineString([(a["x"], a["y"]), (b["x"], b["y"])])
            lines.append(geometry)
        geoms = np.asarray(lines, dtype=object)
        projected = shapely.transform(geoms, lambda xy: metric_xy(xy[:, 0], xy[:, 1]))
        tree = shapely.STRtree(projected)
        _LAST[:] = [(graph, tree, projected)]
        return tree, projected


def distances_to_network_m(graph: nx.MultiDiGraph, lons: Sequence[float] | NDArray[np.float64],
                           lats: Sequence[float] | NDArray[np.float64]) -> NDArray[np.float64]:
    """Metres from each (lon, lat) point to the nearest edge (inf for a graph with no lines)."""
    tree, projected = _tree(graph)
    points = shapely.points(metric_xy(np.asarray(lons, dtype=float),
                                      np.asarray(lats, dtype=float)))
    out = np.full(len(points), np.inf)
    if len(projected):
        nearest = tree.query_nearest(points, all_matches=False)
        out[nearest[0]] = shapely.distance(points[nearest[0]], projected[nearest[1]])
    return out
