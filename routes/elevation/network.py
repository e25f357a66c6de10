"""Elevations on a routing graph and the climb of a route through it."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import pairwise

import networkx as nx
import numpy as np

from routes.elevation.climb import Climb, Profile, Sampler, climb, densify
from routes.elevation.errors import ElevationError


def set_elevations(
    graph: nx.MultiDiGraph, dem: Sampler, *, source: str = "MNT", allow_partial: bool = False,
) -> int:
    """Set node ``elevation`` from ``dem`` and edge ``grade`` (rise / length, signed u->v).

    Raises :class:`ElevationError` when the DEM does not cover the network (all of it unless
    ``allow_partial``; then nodes outside simply get no elevation). Returns the nodes set."""
    nodes = list(graph.nodes)
    if not nodes:
        return 0
    lons = np.array([graph.nodes[n]["x"] for n in nodes], dtype=float)
    lats = np.array([graph.nodes[n]["y"] for n in nodes], dtype=float)
    heights = dem.sample(lons, lats)
    missing = int(np.isnan(heights).sum())
    if missing == len(nodes) or (missing and not allow_partial):
        raise ElevationError(
            f"Le MNT {source} ne couvre pas la zone du réseau : {missing} nœuds sur {len(nodes)} "
            f"hors emprise ou sans donnée (réseau entre {lons.min():.4f},{lats.min():.4f} et "
            f"{lons.max():.4f},{lats.max():.4f})"
        )
    for node, height in zip(nodes, heights.tolist(), strict=True):
        if not math.isnan(height):
            graph.nodes[node]["elevation"] = height
    for u, v, data in graph.edges(data=True):
        start = graph.nodes[u].get("elevation")
        end = graph.nodes[v].get("elevation")
        if start is not None and end is not None and data["length"] > 0:
            data["grade"] = (end - start) / data["length"]
    return len(nodes) - missing


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


def route_profile(graph: nx.MultiDiGraph, path: Sequence[int], dem: Sampler) -> Profile:
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


def climb_from_node_elevations(graph: nx.MultiDiGraph, path: Sequence[int]) -> Climb:
    """D+/D− of a route on a network whose nodes carry ``elevation`` (e.g. a saved network built
    with a DEM): elevations interpolated linearly along each edge, then smoothed like on a DEM.
    Relief between two nodes is not seen, so long edges may under-count."""
    coords = route_coordinates(graph, path)
    if len(path) < 2:
        return Climb(0.0, 0.0, is_estimate=False, method="altitudes des nœuds")
    known = [graph.nodes[n].get("elevation") for n in path]
    if any(value is None for value in known):
        raise ElevationError(
            "Altitudes absentes sur ce parcours : reconstruisez le réseau avec --dem"
        )
    node_distances = [0.0]
    for u, v in pairwise(path):
        data = min(graph.get_edge_data(u, v).values(), key=lambda d: d["length"])
        node_distances.append(node_distances[-1] + float(data["length"]))
    profile = densify(coords)
    scale = profile.distances[-1] / node_distances[-1] if node_distances[-1] > 0 else 1.0
    elevations = np.interp(profile.distances, np.asarray(node_distances) * scale,
                           np.asarray(known, dtype=float))
    d_plus, d_minus = climb(elevations)
    return Climb(d_plus, d_minus, is_estimate=False, method="altitudes des nœuds")


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
