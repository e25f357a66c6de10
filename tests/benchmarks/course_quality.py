"""Quality of a generated course measured on its output geometry, independently of the generator.

Length is the geodesic length of the edge geometries the path runs on (pyproj), not the engine's
stored lengths; reuse is the length of geometry ridden more than once, found by comparing the
segments themselves (rounded to ~1 m, direction ignored), not the generator's street ids.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import networkx as nx
from pyproj import Geod

_GEOD = Geod(ellps="WGS84")
_DIGITS = 5  # ~1 m in lon/lat


def _segments(graph: nx.MultiDiGraph, nodes: Sequence[int], keys: Sequence[int]
              ) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    out = []
    for u, v, k in zip(nodes, nodes[1:], keys, strict=False):
        coords = list(graph[u][v][k]["geometry"].coords)
        out.extend(itertools.pairwise(coords))
    return out


def _key(a: tuple[float, float], b: tuple[float, float]) -> tuple[tuple[float, float], ...]:
    ra = (round(a[0], _DIGITS), round(a[1], _DIGITS))
    rb = (round(b[0], _DIGITS), round(b[1], _DIGITS))
    return (ra, rb) if ra <= rb else (rb, ra)


def measure(graph: nx.MultiDiGraph, nodes: Sequence[int], keys: Sequence[int]
            ) -> tuple[float, float]:
    """(length in metres, length ridden more than once in metres) of a path."""
    length = 0.0
    reused = 0.0
    seen: Counter[tuple[tuple[float, float], ...]] = Counter()
    for a, b in _segments(graph, nodes, keys):
        step = float(_GEOD.line_length([a[0], b[0]], [a[1], b[1]]))
        length += step
        key = _key(a, b)
        if seen[key]:
            reused += step
        seen[key] += 1
    return length, reused
