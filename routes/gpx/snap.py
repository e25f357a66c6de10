"""Map matching: put a recorded or imported track onto the routing network.

A hidden Markov model (Newson & Krumm 2009) decoded by Viterbi: the candidates of a point are the
nearest edges within ``radius_m``; emission favours close edges, transition favours network
distances close to the straight distance between the two observations. Runs of points with no
edge within the radius are left as recorded and reported as off-network parts.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import LineString
from shapely.ops import substring

from routes.gpx.errors import GpxError, raise_cancelled
from routes.gpx.geo import path_length
from routes.gpx.network_index import IndexedEdge, NetworkIndex
from routes.progress import CancelCallback, ProgressCallback

LatLon = tuple[float, float]
EdgeRef = tuple[int, int, Any]  # (u, v, key) of the graph, in travel direction


@dataclass(frozen=True)
class SnapOptions:
    radius_m: float = 30.0  # a point farther than this from every edge is off the network
    sigma_m: float = 10.0  # GPS noise (emission)
    beta_m: float = 30.0  # tolerance on route-vs-straight distance (transition)
    max_candidates: int = 6
    detour_factor: float = 3.0  # a path longer than this × the straight distance is refused
    min_step_m: float = 15.0  # closer points are not decoded (they only add noise)


@dataclass(frozen=True)
class OffNetworkPart:
    start_index: int  # first point (index in the input) with no edge within the radius
    end_index: int  # last such point
    length_m: float  # along the recorded track, from the last matched point to the next one


@dataclass
class SnapReport:
    point_count: int
    matched_count: int
    length_before_m: float
    length_after_m: float
    radius_m: float
    off_network: list[OffNetworkPart] = field(default_factory=list)
    breaks: int = 0  # places where matched points had no network path between them

    @property
    def matched_share(self) -> float:
        return self.matched_count / self.point_count if self.point_count else 0.0

    def to_french(self) -> str:
        lines = [
            f"Points sur le réseau (à moins de {self.radius_m:.0f} m) : {self.matched_count}"
            f"/{self.point_count} ({self.matched_share:.1%})",
            f"Longueur avant recalage : {self.length_before_m / 1000:.2f} km",
            f"Longueur après recalage : {self.length_after_m / 1000:.2f} km",
            f"Parties hors réseau : {len(self.off_network)}",
        ]
        if self.breaks:
            lines.insert(3, f"Coupures sans chemin sur le réseau : {self.breaks}")
        lines += [f"  - points {p.start_index} à {p.end_index} : {p.length_m / 1000:.2f} km"
                  for p in self.off_network]
        return "\n".join(lines)


@dataclass(frozen=True)
class SnappedPiece:
    on_network: bool
    points: list[LatLon]


@dataclass
class SnapResult:
    pieces: list[SnappedPiece]
    edges: list[EdgeRef]  # graph edges (u, v, key) in travel order (jumps at report.breaks)
    report: SnapReport

    @property
    def points(self) -> list[LatLon]:
        out: list[LatLon] = []
        for piece in self.pieces:
            for pt in piece.points:
                if not out or out[-1] != pt:
                    out.append(pt)
        return out


@dataclass(frozen=True)
class _Candidate:
    edge: int
    offset: float  # metres along the edge's "length", from u
    distance: float  # metres from the observation


def snap_track(
    graph: nx.MultiDiGraph | NetworkIndex, points: Sequence[LatLon], *,
    options: SnapOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> SnapResult:
    """Snap a (lat, lon) polyline onto ``graph`` and report how well it fits."""
    opts = options or SnapOptions()
    if len(points) < 2:
        raise GpxError("Trace trop courte pour être recalée (moins de deux points).")
    index = graph if isinstance(graph, NetworkIndex) else NetworkIndex(graph)
    arr = np.asarray(points, dtype=float)
    xy = index.project(arr[:, 1], arr[:, 0])
    candidates = _candidates(index, xy, opts)
    matched = [bool(c) for c in candidates]
    runs = _runs(matched)
    pieces: list[SnappedPiece] = []
    edges: list[EdgeRef] = []
    off_parts: list[OffNetworkPart] = []
    breaks = 0
    for run_number, (start, end, on) in enumerate(runs):
        if progress is not None:
            progress(run_number / len(runs), "Recalage de la trace sur le réseau…")
        if not on:
            lo, hi = max(start - 1, 0), min(end + 1, len(points) - 1)
            raw = [(float(p[0]), float(p[1])) for p in arr[lo : hi + 1]]
            off_parts.append(OffNetworkPart(start, end, path_length(raw)))
            pieces.append(SnappedPiece(False, raw))
            continue
        for chain in _decode(index, xy, candidates, start, end, opts, cancel):
            line, chain_edges = _assemble(index, chain)
            if pieces and pieces[-1].on_network:  # no path between two chains: show the gap
                gap = [pieces[-1].points[-1], line[0]]
                pieces.append(SnappedPiece(False, gap))
                breaks += 1
            pieces.append(SnappedPiece(True, line))
            edges.extend(e for e in chain_edges if not edges or edges[-1] != e)
    report = SnapReport(
        point_count=len(points), matched_count=sum(matched),
        length_before_m=path_length([(p[0], p[1]) for p in points]),
        length_after_m=0.0, radius_m=opts.radius_m, off_network=off_parts, breaks=breaks,
    )
    result = SnapResult(pieces, edges, report)
    report.length_after_m = path_length(result.points)
    if progress is not None:
        progress(1.0, "Recalage terminé.")
    return result


def _candidates(index: NetworkIndex, xy: np.ndarray, opts: SnapOptions) -> list[list[_Candidate]]:
    geoms = shapely.points(xy)
    pairs = index.tree.query(geoms, predicate="dwithin", distance=opts.radius_m)
    out: list[list[_Candidate]] = [[] for _ in range(len(xy))]
    if pairs.shape[1] == 0:
        return out
    lines = index.projected[pairs[1]]
    dist = shapely.distance(geoms[pairs[0]], lines)
    along = shapely.line_locate_point(lines, geoms[pairs[0]])
    proj_len = shapely.length(lines)
    for p, e, d, a, pl in zip(pairs[0], pairs[1], dist, along, proj_len, strict=True):
        edge = index.edges[int(e)]
        scale = edge.length / pl if pl > 0 else 0.0
        out[int(p)].append(_Candidate(int(e), float(a) * scale, float(d)))
    for cands in out:
        cands.sort(key=lambda c: c.distance)
        del cands[opts.max_candidates :]
    return out


def _runs(flags: list[bool]) -> list[tuple[int, int, bool]]:
    runs: list[tuple[int, int, bool]] = []
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            runs.append((start, i - 1, flags[start]))
            start = i
    return runs


def _route_distance(
    index: NetworkIndex, a: _Candidate, b: _Candidate, cutoff: float
) -> tuple[float, int, int]:
    """Network distance between two candidate positions, with the end nodes it leaves/enters by."""
    ea, eb = index.edges[a.edge], index.edges[b.edge]
    if a.edge == b.edge:
        return abs(b.offset - a.offset), -1, -1
    best = (math.inf, -1, -1)
    for node_a, cost_a in ((ea.u, a.offset), (ea.v, ea.length - a.offset)):
        if cost_a > cutoff:
            continue
        reach = index.reachable(node_a, cutoff)
        for node_b, cost_b in ((eb.u, b.offset), (eb.v, eb.length - b.offset)):
            hit = reach.get(node_b)
            if hit is not None and cost_a + hit[0] + cost_b < best[0]:
                best = (cost_a + hit[0] + cost_b, node_a, node_b)
    return best


Step = tuple[_Candidate, int, int, float]  # candidate, node left, node entered, route metres


Back = tuple[int, int, int, float]  # previous candidate, node left, node entered, route metres
_NO_BACK: Back = (-1, -1, -1, 0.0)


def _decode(
    index: NetworkIndex, xy: np.ndarray, candidates: list[list[_Candidate]], start: int, end: int,
    opts: SnapOptions, cancel: CancelCallback | None,
) -> list[list[Step]]:
    """Viterbi over points start..end (all matched); a chain breaks where no path joins."""
    kept = [start]
    for i in range(start + 1, end + 1):
        if i == end or float(np.hypot(*(xy[i] - xy[kept[-1]]))) >= opts.min_step_m:
            kept.append(i)
    chains: list[list[Step]] = []
    cost = [0.5 * (c.distance / opts.sigma_m) ** 2 for c in candidates[kept[0]]]
    back: list[list[Back]] = [[_NO_BACK] * len(cost)]
    layer_points = [kept[0]]
    for number, i in enumerate(kept[1:], start=1):
        if cancel is not None and number % 200 == 0 and cancel():
            raise_cancelled("Recalage de la trace annulé.")
        prev_cands, cands = candidates[layer_points[-1]], candidates[i]
        straight = float(np.hypot(*(xy[i] - xy[layer_points[-1]])))
        cutoff = opts.detour_factor * straight + 2 * opts.radius_m + 50.0
        new_cost, new_back = [], []
        for b in cands:
            emission = 0.5 * (b.distance / opts.sigma_m) ** 2
            best: tuple[float, Back] = (math.inf, _NO_BACK)
            for k, a in enumerate(prev_cands):
                if not math.isfinite(cost[k]):
                    continue
                route, node_a, node_b = _route_distance(index, a, b, cutoff)
                if route > cutoff:
                    continue
                total = cost[k] + abs(route - straight) / opts.beta_m
                if total < best[0]:
                    best = (total, (k, node_a, node_b, route))
            new_cost.append(best[0] + emission)
            new_back.append(best[1])
        if not any(math.isfinite(c) for c in new_cost):
            chains.append(_backtrack(candidates, layer_points, back, cost))
            cost = [0.5 * (c.distance / opts.sigma_m) ** 2 for c in cands]
            back, layer_points = [[_NO_BACK] * len(cost)], [i]
            continue
        cost = new_cost
        back.append(new_back)
        layer_points.append(i)
    chains.append(_backtrack(candidates, layer_points, back, cost))
    return chains


def _backtrack(
    candidates: list[list[_Candidate]], layer_points: list[int],
    back: list[list[Back]], cost: list[float],
) -> list[Step]:
    k = int(np.argmin(cost))
    steps: list[Step] = []
    for layer in range(len(layer_points) - 1, -1, -1):
        prev_k, node_a, node_b, route = back[layer][k]
        steps.append((candidates[layer_points[layer]][k], node_a, node_b, route))
        k = prev_k
    steps.reverse()
    return steps


def _piece_of_edge(index: NetworkIndex, edge: int, from_offset: float, to_offset: float
                   ) -> list[LatLon]:
    e = index.edges[edge]
    f0 = min(max(from_offset / e.length, 0.0), 1.0)
    f1 = min(max(to_offset / e.length, 0.0), 1.0)
    part = substring(e.geometry, f0, f1, normalized=True)
    coords = list(part.coords) if not part.is_empty else []
    return [(lat, lon) for lon, lat in coords]


Traversal = tuple[int, float, float]  # edge index, from offset, to offset (metres from u)
_SAME_SPOT_M = 0.5
_END_TRIM_M = 15.0


def _push(stack: list[Traversal], move: Traversal) -> None:
    """Append a move, merging it with the previous one on the same edge.

    Noise makes decoded positions jitter back and forth along an edge or poke into a side street
    at a corner; merging consecutive moves on one edge into their net movement, and dropping the
    ones that come back to where they started, removes those spurs from the walk.
    """
    edge, start, end = move
    if stack and stack[-1][0] == edge and abs(stack[-1][2] - start) < _SAME_SPOT_M:
        merged = (edge, stack.pop()[1], end)
        if abs(merged[2] - merged[1]) >= _SAME_SPOT_M or not stack:
            _push(stack, merged)
        return
    stack.append(move)


def _assemble(index: NetworkIndex, chain: list[Step]) -> tuple[list[LatLon], list[EdgeRef]]:
    """The snapped polyline of a decoded chain and the graph edges it runs along, in order."""
    first = chain[0][0]
    moves: list[Traversal] = [(first.edge, first.offset, first.offset)]
    for (a, *_), (b, node_a, node_b, route) in itertools.pairwise(chain):
        ea, eb = index.edges[a.edge], index.edges[b.edge]
        if a.edge == b.edge:
            _push(moves, (a.edge, a.offset, b.offset))
            continue
        _push(moves, (a.edge, a.offset, 0.0 if node_a == ea.u else ea.length))
        for prev, _node, edge in index.node_path(node_a, node_b, route + 1.0):
            e = index.edges[edge]
            _push(moves, (edge, 0.0, e.length) if prev == e.u else (edge, e.length, 0.0))
        _push(moves, (b.edge, 0.0 if node_b == eb.u else eb.length, b.offset))
    # a few metres into a side street at either end is noise around the first/last crossing
    while len(moves) > 1 and abs(moves[0][2] - moves[0][1]) < _END_TRIM_M:
        moves.pop(0)
    while len(moves) > 1 and abs(moves[-1][2] - moves[-1][1]) < _END_TRIM_M:
        moves.pop()
    line: list[LatLon] = []
    edges: list[EdgeRef] = []
    for edge, start, end in moves:
        line.extend(pt for pt in _piece_of_edge(index, edge, start, end)
                    if not line or line[-1] != pt)
        if abs(end - start) >= _SAME_SPOT_M:
            e = index.edges[edge]
            ref = (e.u, e.v, e.key) if end > start else (e.v, e.u, _reverse_key(index, e))
            if not edges or edges[-1] != ref:
                edges.append(ref)
    return line, edges


def _reverse_key(index: NetworkIndex, e: IndexedEdge) -> Any:
    """Key of the v->u copy of an edge (the one of closest length among parallel edges)."""
    options = index.graph.get_edge_data(e.v, e.u)
    if not options:
        return e.key
    return min(options, key=lambda k: abs(float(options[k].get("length", 0.0)) - e.length))


def as_linestring(points: Sequence[LatLon]) -> LineString:
    return LineString([(lon, lat) for lat, lon in points])
