"""Turn loose lines into a noded set of segments, in metres (Lambert-93).

Real layers are not topologically clean: lines cross without a shared vertex, stop a few metres
short of each other, repeat each other. :func:`node_lines`

1. splits every line where it crosses or touches another;
2. splits a line where another line's end comes within ``tolerance`` of it (near-miss T-junction);
3. splits lines where anchors (terrils, poles, rupture points) attach, giving them a node;
4. merges segment ends closer than ``tolerance`` into one node;
5. drops segments that collapse into a point and merges exact duplicates (keeping both flag sets).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from networkx.utils import UnionFind
from shapely import LineString, Point, STRtree
from shapely.ops import substring

_SAME_DISTANCE_M = 0.5


@dataclass(frozen=True)
class InputLine:
    geometry: LineString  # metres
    attrs: Mapping[str, Any]


@dataclass(frozen=True)
class Anchor:
    """A point that wants a node on the nearest line within ``max_distance`` metres."""

    point: Point  # metres
    max_distance: float


@dataclass
class Segment:
    u: int
    v: int
    geometry: LineString  # metres, from node u to node v
    attrs: dict[str, Any]


@dataclass
class NodedLines:
    nodes: np.ndarray  # (n, 2) metres
    segments: list[Segment]
    anchor_nodes: list[int | None]  # node of each anchor, None when no line was near enough
    anchor_distances: list[float]
    warnings: list[str] = field(default_factory=list)


def _points_of(geom: shapely.Geometry) -> list[Point]:
    """Points where two lines meet: crossing points and the ends of shared stretches."""
    if geom.is_empty:
        return []
    kind = geom.geom_type
    if kind == "Point":
        return [geom]
    if kind == "LineString":
        coords = list(geom.coords)
        return [Point(coords[0]), Point(coords[-1])]
    if hasattr(geom, "geoms"):
        return [p for part in geom.geoms for p in _points_of(part)]
    return []


def _split_distances(lines: Sequence[LineString], anchors: Sequence[Anchor],
                     tolerance: float) -> tuple[list[set[float]], list[tuple[int, float] | None]]:
    tree = STRtree(list(lines))
    cuts: list[set[float]] = [{0.0, line.length} for line in lines]

    left, right = tree.query(list(lines), predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        for point in _points_of(lines[i].intersection(lines[j])):
            cuts[i].add(lines[i].project(point))
            cuts[j].add(lines[j].project(point))

    ends = [Point(line.coords[e]) for line in lines for e in (0, -1)]
    owner, near = tree.query(ends, predicate="dwithin", distance=tolerance)
    for end_index, j in zip(owner.tolist(), near.tolist(), strict=True):
        if end_index // 2 != j:
            cuts[j].add(lines[j].project(ends[end_index]))

    for i, line in enumerate(lines):
        if line.is_ring or line.coords[0] == line.coords[-1]:
            cuts[i].update({line.length / 3, 2 * line.length / 3})

    attached: list[tuple[int, float] | None] = []
    for anchor in anchors:
        j = tree.nearest(anchor.point)
        if j is None or lines[int(j)].distance(anchor.point) > anchor.max_distance:
            attached.append(None)
            continue
        at = lines[int(j)].project(anchor.point)
        cuts[int(j)].add(at)
        attached.append((int(j), at))
    return cuts, attached


def _pieces(line: LineString, cuts: set[float]) -> list[tuple[float, float, LineString]]:
    ordered: list[float] = []
    for d in sorted(cuts):
        if not ordered or d - ordered[-1] > _SAME_DISTANCE_M:
            ordered.append(d)
    ordered[-1] = line.length
    out = []
    for a, b in itertools.pairwise(ordered):
        piece = substring(line, a, b)
        if isinstance(piece, LineString) and piece.length > 0:
            out.append((a, b, piece))
    return out


def node_lines(lines: Sequence[InputLine], anchors: Sequence[Anchor] = (), *,
               tolerance: float = 15.0) -> NodedLines:
    """Node ``lines`` (metric) and attach ``anchors``; see the module docstring."""
    lines, duplicates = _without_duplicates(lines)
    geoms = [line.geometry for line in lines]
    cuts, attached = _split_distances(geoms, anchors, tolerance)

    raw: list[tuple[int, LineString, float, float]] = []  # line index, piece, start, end
    for i, geom in enumerate(geoms):
        raw.extend((i, piece, a, b) for a, b, piece in _pieces(geom, cuts[i]))

    ends = np.array([c for _, piece, _, _ in raw for c in (piece.coords[0], piece.coords[-1])],
                    dtype=float).reshape(-1, 2)
    anchor_points = np.array(
        [shapely.get_coordinates(geoms[a[0]].interpolate(a[1]))[0] if a else (np.nan, np.nan)
         for a in attached], dtype=float).reshape(-1, 2)
    node_of, nodes = _cluster(np.vstack([ends, anchor_points]), tolerance)

    segments: dict[tuple[int, int, int], Segment] = {}
    collapsed = 0
    for k, (i, piece, _, _) in enumerate(raw):
        u, v = node_of[2 * k], node_of[2 * k + 1]
        if u == v:
            collapsed += 1
            continue
        coords = np.asarray(piece.coords, dtype=float)
        coords[0], coords[-1] = nodes[u], nodes[v]
        geom = LineString(coords)
        key = (min(u, v), max(u, v), round(geom.length))
        if key in segments:
            _merge_attrs(segments[key].attrs, lines[i].attrs)
            continue
        segments[key] = Segment(u, v, geom, dict(lines[i].attrs))

    anchor_nodes = [node_of[len(ends) + n] if a else None for n, a in enumerate(attached)]
    distances = [
        float(np.hypot(*(nodes[node] - np.asarray(anchor.point.coords[0]))))
        if node is not None else float("inf")
        for node, anchor in zip(anchor_nodes, anchors, strict=True)
    ]
    result = NodedLines(nodes, list(segments.values()), anchor_nodes, distances)
    if duplicates:
        result.warnings.append(f"{duplicates} ligne(s) en double fusionnée(s).")
    if collapsed:
        result.warnings.append(
            f"{collapsed} tronçon(s) plus court(s) que la tolérance fusionné(s).")
    return result


def _without_duplicates(lines: Sequence[InputLine]) -> tuple[list[InputLine], int]:
    """Drop lines identical to an earlier one (either direction), keeping the union of flags."""
    seen: dict[bytes, InputLine] = {}
    for line in lines:
        key = shapely.to_wkb(shapely.normalize(line.geometry))
        if key in seen:
            _merge_attrs(seen[key].attrs, line.attrs)  # type: ignore[arg-type]
        else:
            seen[key] = InputLine(line.geometry, dict(line.attrs))
    return list(seen.values()), len(lines) - len(seen)


def _cluster(points: np.ndarray, tolerance: float) -> tuple[list[int], np.ndarray]:
    """Union points closer than ``tolerance``; NaN rows get their own (unused) node."""
    finite = np.isfinite(points).all(axis=1)
    sets = UnionFind(range(len(points)))
    index = np.flatnonzero(finite)
    if len(index):
        geoms = shapely.points(points[index])
        left, right = STRtree(geoms).query(geoms, predicate="dwithin", distance=tolerance)
        for a, b in zip(left.tolist(), right.tolist(), strict=True):
            if a < b:
                sets.union(int(index[a]), int(index[b]))
    roots: dict[int, int] = {}
    node_of: list[int] = []
    members: list[list[int]] = []
    for p in range(len(points)):
        root = sets[p]
        if root not in roots:
            roots[root] = len(members)
            members.append([])
        node_of.append(roots[root])
        members[roots[root]].append(p)
    nodes = np.array([points[m].mean(axis=0) if finite[m[0]] else (np.nan, np.nan)
                      for m in members], dtype=float).reshape(-1, 2)
    return node_of, nodes


def _merge_attrs(target: dict[str, Any], other: Mapping[str, Any]) -> None:
    for key, value in other.items():
        if isinstance(value, bool):
            target[key] = bool(target.get(key)) or value
        elif not target.get(key):
            target[key] = value
