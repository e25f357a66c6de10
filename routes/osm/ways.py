"""From polylines sharing vertices to the routing graph (used by the PBF/XML and GIS-line paths).

Every way is a sequence of vertex keys with their lon/lat. A vertex becomes a graph node when it
ends a way or is used more than once (an intersection); each way is split at its graph nodes and
every piece becomes an edge in both directions (geometry reversed for v->u), per the graph contract.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

import networkx as nx
import numpy as np
import shapely
from pyproj import Geod

GEOD = Geod(ellps="WGS84")

BBox: TypeAlias = tuple[float, float, float, float]
Clip: TypeAlias = shapely.Geometry | BBox | None


@dataclass
class WayRecord:
    """A polyline: vertex keys (OSM node ids or interned coordinates), lon/lat, edge attributes."""

    keys: list[int]
    lons: list[float]
    lats: list[float]
    attrs: dict[str, object] = field(default_factory=dict)
    osm_id: int = 0


def clip_polygon(clip: Clip) -> shapely.Geometry | None:
    """The clip area as a polygon (a bbox is west, south, east, north in degrees)."""
    if clip is None or isinstance(clip, shapely.Geometry):
        return clip
    west, south, east, north = clip
    return shapely.box(west, south, east, north)


def clip_ways(ways: Sequence[WayRecord], clip: Clip) -> list[WayRecord]:
    """Keep the parts of ``ways`` inside ``clip``: each way is cut into runs of inside vertices."""
    area = clip_polygon(clip)
    if area is None:
        return list(ways)
    shapely.prepare(area)
    sizes = [len(way.keys) for way in ways]
    if not sizes:
        return []
    lons = np.fromiter((x for way in ways for x in way.lons), dtype=float, count=sum(sizes))
    lats = np.fromiter((y for way in ways for y in way.lats), dtype=float, count=sum(sizes))
    inside = shapely.contains_xy(area, lons, lats) | shapely.intersects_xy(area, lons, lats)
    clipped: list[WayRecord] = []
    start = 0
    for way, size in zip(ways, sizes, strict=True):
        mask = inside[start:start + size]
        start += size
        if mask.all():
            clipped.append(way)
            continue
        run: list[int] = []
        for index in range(size):
            if mask[index]:
                run.append(index)
                continue
            _append_run(clipped, way, run)
            run = []
        _append_run(clipped, way, run)
    return clipped


def _append_run(out: list[WayRecord], way: WayRecord, run: list[int]) -> None:
    if len(run) < 2:
        return
    out.append(WayRecord(
        keys=[way.keys[i] for i in run], lons=[way.lons[i] for i in run],
        lats=[way.lats[i] for i in run], attrs=way.attrs, osm_id=way.osm_id,
    ))


def graph_from_ways(
    ways: Iterable[WayRecord], *, name: str, source: str, split_at: Iterable[int] = (),
) -> nx.MultiDiGraph:
    """Split ``ways`` at shared vertices and build the contract MultiDiGraph (lengths geodesic).
    Vertices in ``split_at`` (e.g. where a railway, not routed, crosses a way) become nodes too."""
    way_list = [way for way in ways if len(way.keys) >= 2]
    uses: Counter[int] = Counter()
    for way in way_list:
        uses.update(way.keys)
        # Way ends are nodes: counting them once more makes them "shared".
        uses[way.keys[0]] += 1
        uses[way.keys[-1]] += 1
    for key in split_at:
        if key in uses:
            uses[key] += 2
    graph = nx.MultiDiGraph(crs="EPSG:4326", name=name, source=source)
    pieces: list[tuple[WayRecord, int, int, float]] = []
    for way, seg_lengths in zip(way_list, _segment_lengths(way_list), strict=True):
        pieces.extend(_way_pieces(way, seg_lengths, uses))
    geometries = _piece_geometries(pieces)
    _fill_graph(graph, pieces, geometries, shapely.reverse(geometries))
    return graph


def _fill_graph(
    graph: nx.MultiDiGraph, pieces: list[tuple[WayRecord, int, int, float]],
    geometries: np.ndarray, reversed_geometries: np.ndarray,
) -> None:
    """Add every piece in both directions, filling networkx's adjacency dicts as ``add_edge``
    does (succ[u][v] and pred[v][u] share one key dict; keys 0, 1… per node pair), several
    times faster than ``add_edge`` on large extracts."""
    nodes, succ, pred = graph._node, graph._succ, graph._pred

    def add_node(key: int, lon: float, lat: float) -> None:
        if key not in nodes:
            nodes[key] = {"x": lon, "y": lat}
            succ[key] = {}
            pred[key] = {}

    def add_edge(u: int, v: int, data: dict[str, object]) -> None:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = {}
            pred[v][u] = keydict
        key = len(keydict)
        while key in keydict:
            key += 1
        keydict[key] = data

    for (way, start, end, length), geometry, reverse in zip(
        pieces, geometries, reversed_geometries, strict=True,
    ):
        u, v = way.keys[start], way.keys[end]
        add_node(u, way.lons[start], way.lats[start])
        add_node(v, way.lons[end], way.lats[end])
        add_edge(u, v, {"length": length, "geometry": geometry, **way.attrs})
        add_edge(v, u, {"length": length, "geometry": reverse, **way.attrs})


def _way_pieces(
    way: WayRecord, seg_lengths: np.ndarray, uses: Counter[int],
) -> list[tuple[WayRecord, int, int, float]]:
    """(way, first vertex, last vertex, length) of each piece between graph nodes."""
    pieces: list[tuple[WayRecord, int, int, float]] = []
    last = len(way.keys) - 1
    piece_start = 0
    for index in range(1, last + 1):
        if index != last and uses[way.keys[index]] < 2:
            continue
        length = float(seg_lengths[piece_start:index].sum())
        if length > 0:
            pieces.append((way, piece_start, index, length))
        piece_start = index
    return pieces


def _piece_geometries(pieces: list[tuple[WayRecord, int, int, float]]) -> np.ndarray:
    """All piece LineStrings built in one vectorised call."""
    if not pieces:
        return np.array([], dtype=object)
    xs = [x for way, start, end, _ in pieces for x in way.lons[start:end + 1]]
    ys = [y for way, start, end, _ in pieces for y in way.lats[start:end + 1]]
    sizes = np.array([end - start + 1 for _, start, end, _ in pieces])
    indices = np.repeat(np.arange(len(pieces)), sizes)
    return np.asarray(shapely.linestrings(np.column_stack([xs, ys]), indices=indices))


def _segment_lengths(ways: Sequence[WayRecord]) -> list[np.ndarray]:
    """Geodesic length of every segment of every way, computed in one vectorised call."""
    if not ways:
        return []
    lon1 = np.concatenate([np.asarray(w.lons[:-1], dtype=float) for w in ways])
    lat1 = np.concatenate([np.asarray(w.lats[:-1], dtype=float) for w in ways])
    lon2 = np.concatenate([np.asarray(w.lons[1:], dtype=float) for w in ways])
    lat2 = np.concatenate([np.asarray(w.lats[1:], dtype=float) for w in ways])
    _, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    bounds = np.cumsum([0] + [len(w.keys) - 1 for w in ways])
    return [dist[bounds[i]:bounds[i + 1]] for i in range(len(ways))]
