"""Measures of a network against the real layers, shared by tests and benchmarks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from routes.geodesy import to_metric
from routes.network.model import Network
from routes.provenance import is_surveyed

NEAR_SOURCE_M = 25.0
_STEP_M = 5.0


def source_lines(path: Path) -> list[shapely.Geometry]:
    """The lines of a GeoJSON layer, in metres."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [to_metric(shape(f["geometry"])) for f in data["features"] if f.get("geometry")]


def cavalier_share_near(network: Network, lines: Sequence[shapely.Geometry],
                        within_m: float = NEAR_SOURCE_M) -> float:
    """Share of the network's cavalier length lying within ``within_m`` of one of ``lines``
    (points every ~5 m along each cavalier edge)."""
    tree = shapely.STRtree(list(lines))
    near = total = 0.0
    for u, v, data in network.graph.edges(data=True):
        if u > v or not data.get("cavalier"):
            continue
        line = to_metric(data["geometry"])
        count = max(int(line.length // _STEP_M), 1)
        points = shapely.line_interpolate_point(line, (np.arange(count) + 0.5) / count,
                                                normalized=True)
        _, distances = tree.query_nearest(points, return_distance=True, all_matches=False)
        near += float((distances <= within_m).mean()) * data["length"]
        total += data["length"]
    return near / total if total else 0.0


def surveyed_share(network: Network, nodes: Sequence[int], keys: Sequence[int]) -> float:
    """Share of a path's length (graph nodes and edge keys) on surveyed geometry."""
    edges = [network.graph[u][v][k] for u, v, k in zip(nodes, nodes[1:], keys, strict=False)]
    total = sum(d["length"] for d in edges)
    return sum(d["length"] for d in edges if is_surveyed(d)) / total if total else 0.0
