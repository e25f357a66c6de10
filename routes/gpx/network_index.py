"""A metric, searchable view of a routing graph for map matching.

Edges of the contract graph come in both directions; the index keeps one undirected copy of each,
projected to metres (Lambert-93 inside France, else the UTM zone of the network), in a shapely
STRtree, plus a plain adjacency list for bounded Dijkstra searches.
"""

from __future__ import annotations

import heapq
import math
import threading
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString

from routes.gpx.errors import GpxError

# Area of use of EPSG:2154 (metropolitan France), lon/lat.
_LAMBERT93_BOUNDS = (-9.86, 41.15, 10.38, 51.56)


@dataclass(frozen=True)
class IndexedEdge:
    u: int
    v: int
    key: Any
    length: float  # metres, from the graph's "length"
    geometry: LineString  # lon/lat, from u to v
    projected: LineString  # metres, from u to v


def metric_crs(lon: float, lat: float) -> str:
    west, south, east, north = _LAMBERT93_BOUNDS
    if west <= lon <= east and south <= lat <= north:
        return "EPSG:2154"
    zone = min(60, max(1, int((lon + 180) // 6) + 1))
    return f"EPSG:{32600 + zone if lat >= 0 else 32700 + zone}"


class NetworkIndex:
    def __init__(self, graph: nx.MultiDiGraph, *, crs: str | None = None) -> None:
        if graph.number_of_edges() == 0:
            raise GpxError("Réseau vide : aucun tronçon sur lequel recaler la trace.")
        xs = np.fromiter((d["x"] for _, d in graph.nodes(data=True)), float)
        ys = np.fromiter((d["y"] for _, d in graph.nodes(data=True)), float)
        self.graph = graph
        self.crs = crs or metric_crs(float(np.median(xs)), float(np.median(ys)))
        self._to_metric = Transformer.from_crs("EPSG:4326", self.crs, always_xy=True)
        self.edges: list[IndexedEdge] = []
        self.adjacency: dict[int, list[tuple[int, float, int]]] = {}
        for u, v, key, data in graph.edges(keys=True, data=True):
            if u > v and graph.has_edge(v, u):
                continue  # the reverse copy of an edge already taken as (v, u)
            geometry = data.get("geometry")
            if geometry is None:
                nu, nv = graph.nodes[u], graph.nodes[v]
                geometry = LineString([(nu["x"], nu["y"]), (nv["x"], nv["y"])])
            index = len(self.edges)
            length = float(data.get("length") or 0.0)
            self.edges.append(IndexedEdge(u, v, key, length, geometry, self.project_line(geometry)))
            if not math.isfinite(length) or length <= 0:
                length = max(float(self.edges[-1].projected.length), 0.01)
                self.edges[-1] = IndexedEdge(u, v, key, length, geometry, self.edges[-1].projected)
            self.adjacency.setdefault(u, []).append((v, length, index))
            self.adjacency.setdefault(v, []).append((u, length, index))
        self.projected = np.asarray([edge.projected for edge in self.edges], dtype=object)
        self.tree = shapely.STRtree(self.projected)
        self._cache: dict[int, tuple[float, dict[int, tuple[float, int, int]]]] = {}

    def project(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        x, y = self._to_metric.transform(lons, lats)
        return np.column_stack([x, y])

    def project_line(self, line: LineString) -> LineString:
        coords = np.asarray(line.coords)
        return LineString(self.project(coords[:, 0], coords[:, 1]))

    def reachable(self, source: int, cutoff: float) -> dict[int, tuple[float, int, int]]:
        """Dijkstra from ``source`` up to ``cutoff`` m: node -> (distance, previous node, edge)."""
        cached = self._cache.get(source)
        if cached is not None and cached[0] >= cutoff:
            return cached[1]
        best: dict[int, tuple[float, int, int]] = {source: (0.0, -1, -1)}
        heap = [(0.0, source)]
        done: set[int] = set()
        while heap:
            dist, node = heapq.heappop(heap)
            if node in done:
                continue
            done.add(node)
            for nbr, length, edge in self.adjacency.get(node, ()):
                nd = dist + length
                if nd <= cutoff and (nbr not in best or nd < best[nbr][0]):
                    best[nbr] = (nd, node, edge)
                    heapq.heappush(heap, (nd, nbr))
        if len(self._cache) > 20_000:
            self._cache.clear()
        self._cache[source] = (cutoff, best)
        return best

    def node_path(self, source: int, target: int, cutoff: float) -> list[tuple[int, int, int]]:
        """Steps (from node, to node, edge index) of the shortest path found within ``cutoff``."""
        tree = self.reachable(source, cutoff)
        steps = []
        node = target
        while node != source:
            _dist, prev, edge = tree[node]
            steps.append((prev, node, edge))
            node = prev
        steps.reverse()
        return steps


_LOCK = threading.Lock()
_LAST: list[tuple[nx.MultiDiGraph, NetworkIndex]] = []


def index_for(graph: nx.MultiDiGraph) -> NetworkIndex:
    """The index of ``graph``, built once and shared (the last graph asked for is kept)."""
    with _LOCK:
        if _LAST and _LAST[0][0] is graph:
            return _LAST[0][1]
        index = NetworkIndex(graph)
        _LAST[:] = [(graph, index)]
        return index
