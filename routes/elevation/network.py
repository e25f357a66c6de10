"""Elevations on a routing graph and the climb of a route through it.

A DEM is applied once to the whole network: every node gets ``elevation`` and every edge longer
than :data:`EDGE_STEP_M` gets ``elevations``, the heights sampled every 25 m inside its geometry
(ends excluded, in the direction of the edge). A terril climbed by one long edge is then seen even
though both of its nodes lie on the plain. A route's climb is rebuilt from these stored samples
(no DEM needed, fast enough to recompute after every edit).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

import networkx as nx
import numpy as np
import shapely

from routes.elevation.climb import STEP_M, Climb, ElevationProfile, Sampler, climb, densify
from routes.elevation.errors import ElevationError
from routes.progress import CancelCallback, ProgressCallback, Task

#: Spacing of the elevation samples stored along each edge (m).
EDGE_STEP_M = 25.0
_CHUNK = 200_000
_NO_ELEVATION = ("Altitudes absentes sur ce parcours : appliquez un MNT au réseau (--dem ou "
                 "« Importer un MNT »)")


def set_elevations(
    graph: nx.MultiDiGraph, dem: Sampler, *, source: str = "MNT", allow_partial: bool = False,
    progress: ProgressCallback | None = None, cancel: CancelCallback | None = None,
) -> int:
    """Set node ``elevation``, edge ``elevations`` (every 25 m) and ``grade`` from ``dem``.

    Raises :class:`ElevationError` when the DEM does not cover the network (all of it unless
    ``allow_partial``; then nodes outside simply get no elevation). Returns the nodes set."""
    task = Task(progress, cancel)
    nodes = list(graph.nodes)
    if not nodes:
        return 0
    task.step(0.02, "Altitudes des nœuds…")
    node_data = graph._node  # plain dicts: the node view costs seconds on 500 000 nodes
    lons = np.fromiter((node_data[n]["x"] for n in nodes), dtype=float, count=len(nodes))
    lats = np.fromiter((node_data[n]["y"] for n in nodes), dtype=float, count=len(nodes))
    heights = dem.sample(lons, lats)
    missing = int(np.isnan(heights).sum())
    if missing == len(nodes) or (missing and not allow_partial):
        raise ElevationError(
            f"Le MNT {source} ne couvre pas la zone du réseau : {missing} nœuds sur {len(nodes)} "
            f"hors emprise ou sans donnée (réseau entre {lons.min():.4f},{lats.min():.4f} et "
            f"{lons.max():.4f},{lats.max():.4f})"
        )
    known: dict[int, float] = {}
    for node, height in zip(nodes, heights.tolist(), strict=True):
        if not math.isnan(height):
            node_data[node]["elevation"] = height
            known[node] = height
    for u, neighbours in graph._adj.items():
        start = known.get(u)
        for v, keyed in neighbours.items():
            end = known.get(v)
            if start is None or end is None:
                continue
            for data in keyed.values():
                if data["length"] > 0:
                    data["grade"] = (end - start) / data["length"]
    _sample_edges(graph, dem, task)
    graph.graph["elevation_source"] = source
    return len(nodes) - missing


def _sample_edges(graph: nx.MultiDiGraph, dem: Sampler, task: Task) -> None:
    """Store ``elevations`` along every edge longer than :data:`EDGE_STEP_M`.

    The reverse twin of an edge (same key, same length, geometry reversed) gets the reversed
    samples instead of a second lookup. Points are interpolated in numpy over all geometries at
    once (planar fractions, as the GPX writer reads them back)."""
    adjacency = graph._adj  # plain dicts: the edge views cost seconds on a million edges
    edges: list[dict[str, Any]] = []
    twins: list[dict[str, Any] | None] = []
    for u, neighbours in adjacency.items():
        for v, keyed in neighbours.items():
            for key, data in keyed.items():
                if data.get("length", 0.0) <= EDGE_STEP_M or data.get("geometry") is None:
                    continue
                back = adjacency.get(v, {}).get(u, {}).get(key)
                is_twin = back is not None and back.get("length") == data["length"] and (
                    back.get("geometry") is not None)
                if is_twin and (v, u) < (u, v) and u != v:
                    continue  # sampled from its twin
                edges.append(data)
                twins.append(back if is_twin and u != v else None)
    for start in range(0, len(edges), _CHUNK):
        done = f"{start:,} / {len(edges):,}".replace(",", "\u202f")
        task.step(0.1 + 0.9 * start / max(len(edges), 1), f"Altitudes le long des arcs ({done})…")
        chunk = edges[start:start + _CHUNK]
        lengths = np.fromiter((d["length"] for d in chunk), dtype=float, count=len(chunk))
        counts = np.maximum(np.ceil(lengths / EDGE_STEP_M).astype(np.int64) - 1, 1)
        lons, lats = _interior_points([d["geometry"] for d in chunk], counts)
        heights = np.round(dem.sample(lons, lats), 1)
        ends = np.cumsum(counts)
        starts = ends - counts
        broken = np.add.reduceat(np.isnan(heights), starts) > 0
        values = heights.tolist()
        for data, twin, first, last, bad in zip(chunk, twins[start:start + _CHUNK],
                                                starts.tolist(), ends.tolist(), broken.tolist(),
                                                strict=True):
            if bad:
                data.pop("elevations", None)
                if twin is not None:
                    twin.pop("elevations", None)
                continue
            data["elevations"] = values[first:last]
            if twin is not None:
                twin["elevations"] = values[first:last][::-1]
    task.step(1.0, "Altitudes appliquées au réseau.")


def _interior_points(geometries: Sequence[Any], counts: np.ndarray) -> tuple[np.ndarray,
                                                                               np.ndarray]:
    """``counts[i]`` points at planar fractions k / (counts[i] + 1) along ``geometries[i]``."""
    coords, owner = shapely.get_coordinates(np.asarray(geometries, dtype=object),
                                            return_index=True)
    step = np.hypot(np.diff(coords[:, 0]), np.diff(coords[:, 1]))
    step[owner[1:] != owner[:-1]] = 0.0  # no segment between two geometries
    cumulative = np.concatenate([[0.0], np.cumsum(step)])
    first = np.searchsorted(owner, np.arange(len(counts)))
    last = np.searchsorted(owner, np.arange(len(counts)), side="right") - 1
    total = cumulative[last] - cumulative[first]
    which = np.repeat(np.arange(len(counts)), counts)
    rank = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    target = cumulative[first[which]] + rank / (counts[which] + 1) * total[which]
    segment = np.searchsorted(cumulative, target, side="right") - 1
    segment = np.clip(segment, first[which], np.maximum(last[which] - 1, first[which]))
    nxt = np.minimum(segment + 1, last[which])
    span = cumulative[nxt] - cumulative[segment]
    share = np.divide(target - cumulative[segment], span, out=np.zeros_like(span),
                      where=span > 0)
    points = coords[segment] + (coords[nxt] - coords[segment]) * share[:, None]
    return points[:, 0], points[:, 1]


def route_coordinates(graph: nx.MultiDiGraph, path: Sequence[int]) -> list[tuple[float, float]]:
    """Lon/lat polyline of a node path, following each hop's shortest parallel edge geometry."""
    coords: list[tuple[float, float]] = []
    for u, v in pairwise(path):
        edges = graph.get_edge_data(u, v)
        if not edges:
            raise ValueError(f"pas d'arc entre les nœuds {u} et {v}")
        data = min(edges.values(), key=lambda d: d["length"])
        geometry = data.get("geometry")
        piece = list(geometry.coords) if geometry is not None else [
            (graph.nodes[u]["x"], graph.nodes[u]["y"]), (graph.nodes[v]["x"], graph.nodes[v]["y"])]
        coords.extend(piece if not coords else piece[1:])
    if not coords and path:
        coords.append((graph.nodes[path[0]]["x"], graph.nodes[path[0]]["y"]))
    return coords


def route_profile(graph: nx.MultiDiGraph, path: Sequence[int], dem: Sampler) -> ElevationProfile:
    """The route densified every 10 m with DEM elevations."""
    profile = densify(route_coordinates(graph, path))
    profile.elevations = dem.sample(profile.lons, profile.lats)
    return profile


def route_climb(graph: nx.MultiDiGraph, path: Sequence[int], dem: Sampler) -> Climb:
    """D+/D− of a route on the DEM (smoothing and hysteresis of :mod:`routes.elevation.climb`)."""
    profile = route_profile(graph, path, dem)
    if len(profile.elevations) and np.isnan(profile.elevations).all():
        raise ElevationError("Le MNT ne couvre pas ce parcours")
    d_plus, d_minus = climb(profile.elevations)
    return Climb(d_plus, d_minus, is_estimate=False, method="mnt")


def route_elevations(graph: nx.MultiDiGraph, path: Sequence[int],
                     keys: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Distances (m) and elevations along a node path from the stored node and edge samples."""
    distances: list[float] = [0.0]
    known = graph.nodes[path[0]].get("elevation") if path else None
    if known is None:
        raise ElevationError(_NO_ELEVATION)
    heights: list[float] = [float(known)]
    for index, (u, v) in enumerate(pairwise(path)):
        edges = graph.get_edge_data(u, v)
        data = edges[keys[index]] if keys is not None else min(
            edges.values(), key=lambda d: d["length"])
        end = graph.nodes[v].get("elevation")
        if end is None:
            raise ElevationError(_NO_ELEVATION)
        length = float(data["length"])
        inner = data.get("elevations") or ()
        base = distances[-1]
        step = length / (len(inner) + 1)
        distances.extend(base + step * (k + 1) for k in range(len(inner)))
        heights.extend(inner)
        distances.append(base + length)
        heights.append(float(end))
    return np.asarray(distances), np.asarray(heights)


def climb_from_node_elevations(graph: nx.MultiDiGraph, path: Sequence[int],
                               keys: Sequence[int] | None = None) -> Climb:
    """D+/D− of a route on a network carrying elevations (node ``elevation`` and edge
    ``elevations`` every 25 m), resampled every 10 m then smoothed like on a DEM."""
    if len(path) < 2:
        return Climb(0.0, 0.0, is_estimate=False, method="altitudes du réseau")
    distances, heights = route_elevations(graph, path, keys)
    grid = np.arange(0.0, distances[-1] + STEP_M, STEP_M)
    d_plus, d_minus = climb(np.interp(grid, distances, heights))
    return Climb(d_plus, d_minus, is_estimate=False, method="altitudes du réseau")


def estimated_climb(
    graph: nx.MultiDiGraph, path: Sequence[int], terril_heights: Mapping[str, float],
) -> Climb:
    """Climb estimated without a DEM: each terril visited mid-route counts its height up and down
    (only down at the start, only up at the end). Flagged ``is_estimate``."""
    d_plus = d_minus = 0.0
    last = len(path) - 1
    visited: set[str] = set()
    for index, node in enumerate(path):
        ref = graph.nodes[node].get("place")
        height = terril_heights.get(ref) if ref else None
        if height is None or (ref in visited and 0 < index < last):
            continue
        visited.add(str(ref))
        if index > 0:
            d_plus += height
        if index < last:
            d_minus += height
    return Climb(d_plus, d_minus, is_estimate=True, method="hauteur des terrils")
