"""Fast route queries on a compact array form of the routing graph.

:class:`RoutingEngine` turns a MultiDiGraph (the routing graph contract) and a profile into CSR
arrays: for each ordered pair of nodes only the cheapest usable parallel edge is kept, so a path
cost is exactly what networkx finds with ``weight = min over parallel edges of edge_cost``.

Queries run A* with the ALT heuristic (A*, Landmarks, Triangle inequality): distances from a few
landmarks on the rim of the network are computed once with scipy's C Dijkstra, and for any node v
``|d(L, t) - d(L, v)|`` is a lower bound of ``d(v, t)``. Raising costs (avoided edges, reuse
penalties, areas masked out) never breaks that bound, so masks and penalties need no rebuild.
"""

from __future__ import annotations

import gc
import itertools
import math
import weakref
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from heapq import heappop, heappush
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import shapely
from numpy.typing import NDArray

from routes.errors import CavalierError, UnreachableError
from routes.geodesy import EARTH_RADIUS_M
from routes.provenance import is_surveyed
from routes.search.profiles import Profile, edge_cost, get_profile

if TYPE_CHECKING:
    from scipy.spatial import cKDTree

# scipy (~0.5 s to import) is imported where an engine is built or queried, not with this module:
# the window imports it at start-up and builds its engines at the first route.

INF = math.inf
DEFAULT_LANDMARKS = 16
ACTIVE_LANDMARKS = 6
#: After this many settled nodes the heuristic is computed for all nodes at once (numpy).
VECTOR_AFTER_POPS = 1500

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


class EngineError(CavalierError, ValueError):
    """A query names a node that is not in the network, or the network has no usable edge."""


@dataclass(frozen=True)
class PathResult:
    """A path found by the engine: original node ids, edge keys and CSR edge indices."""

    nodes: list[int]
    keys: list[int]
    edges: list[int]
    cost: float
    length_m: float


@dataclass(frozen=True)
class _Arrays:
    indptr: IntArray
    indices: IntArray
    cost: FloatArray
    key: IntArray
    length: FloatArray
    cavalier: NDArray[np.bool_]
    terril: NDArray[np.bool_]
    surveyed: NDArray[np.bool_]


def _cheapest_edges(graph: nx.MultiDiGraph, profile: Profile,
                    index: Mapping[int, int]) -> _Arrays:
    return _collect_edges(graph, index, lambda data: edge_cost(data, profile))


def _collect_edges(graph: nx.MultiDiGraph, index: Mapping[int, int],
                   cost_of: Callable[[Mapping[str, Any]], float | None]) -> _Arrays:
    n = len(index)
    us: list[int] = []
    vs: list[int] = []
    costs: list[float] = []
    keys: list[int] = []
    lengths: list[float] = []
    cav: list[bool] = []
    ter: list[bool] = []
    surveyed: list[bool] = []
    for u, v, k, data in graph.edges(keys=True, data=True):
        cost = cost_of(data)
        if cost is None or u == v:
            continue
        us.append(index[u])
        vs.append(index[v])
        costs.append(cost)
        keys.append(int(k))
        lengths.append(float(data["length"]))
        cav.append(bool(data.get("cavalier")))
        ter.append(bool(data.get("terril")))
        surveyed.append(is_surveyed(data))
    u_arr = np.asarray(us, dtype=np.int64)
    v_arr = np.asarray(vs, dtype=np.int64)
    c_arr = np.asarray(costs, dtype=np.float64)
    k_arr = np.asarray(keys, dtype=np.int64)
    # Sort by (u, v, cost, key) and keep the first edge of each (u, v) group: the cheapest.
    order = np.lexsort((k_arr, c_arr, v_arr, u_arr))
    u_arr, v_arr = u_arr[order], v_arr[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (u_arr[1:] != u_arr[:-1]) | (v_arr[1:] != v_arr[:-1])
    keep = order[first]
    u_kept = u_arr[first]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(u_kept, minlength=n), out=indptr[1:])
    return _Arrays(
        indptr=indptr,
        indices=v_arr[first],
        cost=c_arr[keep],
        key=k_arr[keep],
        length=np.asarray(lengths, dtype=np.float64)[keep],
        cavalier=np.asarray(cav, dtype=bool)[keep],
        terril=np.asarray(ter, dtype=bool)[keep],
        surveyed=np.asarray(surveyed, dtype=bool)[keep],
    )


def _metric_coords(lonlat: FloatArray, lat0_deg: float) -> FloatArray:
    """Equirectangular metres around ``lat0_deg`` (for snapping and geometry, not for costs)."""
    lat0 = math.radians(lat0_deg)
    x = np.radians(lonlat[:, 0]) * EARTH_RADIUS_M * math.cos(lat0)
    y = np.radians(lonlat[:, 1]) * EARTH_RADIUS_M
    return np.column_stack([x, y])


def _ints(values: NDArray[Any]) -> array[int]:
    return array("q", np.ascontiguousarray(values, dtype=np.int64).tobytes())


def _floats(values: NDArray[Any]) -> array[float]:
    return array("d", np.ascontiguousarray(values, dtype=np.float64).tobytes())


class RoutingEngine:
    """Shortest paths for one profile on one graph; build once, query many times."""

    def __init__(self, graph: nx.MultiDiGraph, profile: str | Profile, *,
                 landmarks: int = DEFAULT_LANDMARKS) -> None:
        self.profile = get_profile(profile)
        self.node_ids: list[int] = [int(n) for n in graph.nodes]
        self.index: dict[int, int] = {n: i for i, n in enumerate(self.node_ids)}
        self.lonlat = np.column_stack([
            np.fromiter((float(graph.nodes[n]["x"]) for n in self.node_ids), dtype=np.float64,
                        count=len(self.node_ids)),
            np.fromiter((float(graph.nodes[n]["y"]) for n in self.node_ids), dtype=np.float64,
                        count=len(self.node_ids)),
        ]) if self.node_ids else np.zeros((0, 2))
        self.lat0 = float(self.lonlat[:, 1].mean()) if self.node_ids else 0.0
        self.xy = _metric_coords(self.lonlat, self.lat0)
        self.arrays = _cheapest_edges(graph, self.profile, self.index)
        n = len(self.node_ids)
        a = self.arrays
        self.tail: IntArray = np.repeat(np.arange(n, dtype=np.int64), np.diff(a.indptr))
        self.reverse: IntArray = self._reverse_edges()
        from scipy.sparse import csr_matrix

        self.matrix = csr_matrix((a.cost, a.indices, a.indptr), shape=(n, n))
        # Plain arrays (not numpy) for the Python search loop: fast scalar reads, 8 bytes each.
        self._indptr: array[int] = _ints(a.indptr)
        self._indices: array[int] = _ints(a.indices)
        self._cost: array[float] = _floats(a.cost)
        self.cost_array: FloatArray = a.cost
        self._lm_from, self._lm_to = self._landmark_distances(landmarks)
        self._lm_from_lists = [_floats(row) for row in self._lm_from]
        self._lm_to_lists = ([_floats(row) for row in self._lm_to]
                             if self._lm_to is not self._lm_from else self._lm_from_lists)
        self._tree: cKDTree | None = None
        self._vector_ok = True
        self._usable: IntArray = np.zeros(0, dtype=np.int64)
        self._usable_ready = False
        self._graph = graph
        self._components: IntArray | None = None

    # -- construction helpers -------------------------------------------------------------
    @property
    def node_count(self) -> int:
        return len(self.node_ids)

    @property
    def edge_count(self) -> int:
        return len(self._indices)

    def _reverse_edges(self) -> IntArray:
        n = max(len(self.node_ids), 1)
        code = self.tail * n + self.arrays.indices
        back = self.arrays.indices * n + self.tail
        order = np.argsort(code, kind="stable")
        pos = np.searchsorted(code[order], back)
        pos = np.minimum(pos, len(code) - 1) if len(code) else pos
        found = code[order][pos] == back if len(code) else np.zeros(0, dtype=bool)
        return np.where(found, order[pos] if len(code) else pos, -1).astype(np.int64)

    def _landmark_distances(self, count: int) -> tuple[FloatArray, FloatArray]:
        n = self.node_count
        if n == 0 or self.edge_count == 0 or count <= 0:
            empty = np.zeros((0, n))
            return empty, empty
        from scipy.sparse.csgraph import connected_components, dijkstra

        _, labels = connected_components(self.matrix, directed=True, connection="weak")
        biggest = np.flatnonzero(labels == np.bincount(labels).argmax())
        pts = self.xy[biggest]
        centre = pts.mean(axis=0)
        rel = pts - centre
        angle = np.arctan2(rel[:, 1], rel[:, 0])
        radius = np.hypot(rel[:, 0], rel[:, 1])
        sector = ((angle + math.pi) / (2 * math.pi) * count).astype(np.int64) % count
        chosen: list[int] = []
        for s in range(count):
            members = np.flatnonzero(sector == s)
            if len(members):
                chosen.append(int(biggest[members[np.argmax(radius[members])]]))
        chosen = sorted(set(chosen))
        dist_from = np.asarray(dijkstra(self.matrix, directed=True, indices=chosen))
        symmetric = (self.matrix != self.matrix.T).nnz == 0
        if symmetric:
            return dist_from, dist_from
        dist_to = np.asarray(dijkstra(self.matrix.T.tocsr(), directed=True, indices=chosen))
        return dist_from, dist_to

    # -- lookups ----------------------------------------------------------------------------
    def node_index(self, node: int) -> int:
        try:
            return self.index[int(node)]
        except (KeyError, TypeError, ValueError):
            raise EngineError(f"Le nœud {node!r} n'appartient pas au réseau.") from None

    def _usable_nodes(self) -> tuple[IntArray, cKDTree | None]:
        if not self._usable_ready:
            self._usable_ready = True
            self._usable = np.flatnonzero(np.diff(self.arrays.indptr) > 0)
            from scipy.spatial import cKDTree

            self._tree = cKDTree(self.xy[self._usable]) if len(self._usable) else None
        return self._usable, self._tree

    def nearest_nodes(self, x: float, y: float, k: int = 1) -> list[int]:
        """Indices of the ``k`` usable nodes nearest to metric coordinates, nearest first."""
        usable, tree = self._usable_nodes()
        if tree is None:
            raise EngineError("Le réseau ne contient aucune voie utilisable pour ce profil.")
        k = min(k, len(usable))
        _, idx = tree.query([x, y], k=k)
        return [int(usable[int(i)]) for i in np.atleast_1d(idx)]

    def nearest_node(self, x: float, y: float) -> int:
        """Index of the usable node nearest to metric coordinates."""
        return self.nearest_nodes(x, y, 1)[0]

    def to_xy(self, lonlat: FloatArray) -> FloatArray:
        """(n, 2) lon/lat → the engine's metric frame (same as :attr:`xy`)."""
        return _metric_coords(np.asarray(lonlat, dtype=np.float64).reshape(-1, 2), self.lat0)

    def degree(self, i: int) -> int:
        """Number of usable edges leaving node index ``i``."""
        lo, hi = self._indptr[i], self._indptr[i + 1]
        return int(np.isfinite(self.cost_array[lo:hi]).sum())

    @property
    def components(self) -> IntArray:
        """Weak component label of every node (over usable edges)."""
        if self._components is None:
            from scipy.sparse.csgraph import connected_components

            _, labels = connected_components(self.matrix, directed=True, connection="weak")
            self._components = np.asarray(labels, dtype=np.int64)
        components: IntArray = self._components
        return components

    def undirected_id(self, edges: IntArray) -> IntArray:
        """One id per street whatever the direction: min(edge, reverse edge)."""
        rev = self.reverse[edges]
        return np.where(rev >= 0, np.minimum(edges, rev), edges)

    def edge_ids(self, pairs: Iterable[tuple[int, ...]], *, both_ways: bool = True) -> list[int]:
        """CSR indices of the edges u→v (and v→u) named by node-id pairs or (u, v, key)."""
        found: list[int] = []
        for pair in pairs:
            u, v = self.index.get(int(pair[0])), self.index.get(int(pair[1]))
            if u is None or v is None:
                continue
            for a, b in ((u, v), (v, u)) if both_ways else ((u, v),):
                lo, hi = self._indptr[a], self._indptr[a + 1]
                hit = np.flatnonzero(self.arrays.indices[lo:hi] == b)
                found.extend(int(lo + h) for h in hit)
        return found

    def _segments_near(self, zone: shapely.Geometry) -> tuple[IntArray, Any]:
        """Edges with an end inside the zone's bounding box, and their straight segments."""
        x0, y0, x1, y1 = shapely.bounds(zone)
        a, b = self.lonlat[self.tail], self.lonlat[self.arrays.indices]
        near = np.flatnonzero(
            (np.minimum(a[:, 0], b[:, 0]) <= x1) & (np.maximum(a[:, 0], b[:, 0]) >= x0)
            & (np.minimum(a[:, 1], b[:, 1]) <= y1) & (np.maximum(a[:, 1], b[:, 1]) >= y0))
        segments = shapely.linestrings(np.stack([a[near], b[near]], axis=1))
        shapely.prepare(zone)
        return near.astype(np.int64), segments

    def edges_in_zone(self, zone: shapely.Geometry) -> IntArray:
        """CSR indices of edges whose straight segment (lon/lat) intersects ``zone``."""
        near, segments = self._segments_near(zone)
        hits: IntArray = near[np.asarray(shapely.intersects(zone, segments), dtype=bool)]
        return hits

    def edges_within(self, zone: shapely.Geometry) -> NDArray[np.bool_]:
        """Mask of edges whose straight segment (lon/lat) lies inside ``zone``."""
        near, segments = self._segments_near(zone)
        mask = np.zeros(self.edge_count, dtype=bool)
        mask[near[np.asarray(shapely.covers(zone, segments), dtype=bool)]] = True
        return mask

    def masked(self, usable: NDArray[np.bool_]) -> RoutingEngine:
        """A view of this engine where edges with ``usable == False`` are closed.

        Landmark bounds stay valid (closing edges only lengthens paths), so nothing is rebuilt
        except the cost list.
        """
        view = object.__new__(RoutingEngine)
        view.__dict__.update(self.__dict__)
        cost = np.where(usable, self.arrays.cost, INF)
        view._cost = _floats(cost)
        view.cost_array = cost
        keep = usable & np.isfinite(self.arrays.cost)
        n = self.node_count
        from scipy.sparse import csr_matrix
        from scipy.spatial import cKDTree

        view.matrix = csr_matrix((self.arrays.cost[keep], (self.tail[keep],
                                                            self.arrays.indices[keep])),
                                 shape=(n, n))
        degree = np.bincount(self.tail[keep], minlength=n)
        view._usable = np.flatnonzero(degree > 0)
        view._tree = cKDTree(self.xy[view._usable]) if len(view._usable) else None
        view._usable_ready = True
        view._vector_ok = False
        view._components = None
        return view

    # -- queries ------------------------------------------------------------------------------
    def shortest_path(self, source: int, target: int, *,
                      avoid_edges: Iterable[tuple[int, ...]] | None = None,
                      avoid_zones: Iterable[shapely.Geometry] | None = None) -> PathResult:
        """Cheapest path between two node ids; ``avoid_*`` close edges for this query only."""
        s, t = self.node_index(source), self.node_index(target)
        penalty, overrides = self.avoid_penalties(avoid_edges, avoid_zones)
        edges = self.search_edges(s, t, penalty or None)
        if edges is None:
            raise UnreachableError(
                f"Aucun chemin utilisable pour le profil {self.profile.label} entre les nœuds "
                f"{source} et {target}.")
        return self.path_result(edges, s, overrides)

    def avoid_penalties(self, avoid_edges: Iterable[tuple[int, ...]] | None = None,
                        avoid_zones: Iterable[shapely.Geometry] | None = None
                        ) -> tuple[dict[int, float], dict[int, tuple[int, float, float]]]:
        """Cost multipliers closing avoided edges, and the parallel edge used instead.

        ``(u, v, key)`` closes that one directed edge (a parallel edge may replace it);
        ``(u, v)`` closes the street both ways.
        """
        penalty: dict[int, float] = {}
        overrides: dict[int, tuple[int, float, float]] = {}
        closed_keys: dict[int, set[int]] = {}
        for item in avoid_edges or ():
            if len(item) >= 3:
                for e in self.edge_ids([item], both_ways=False):
                    closed_keys.setdefault(e, set()).add(int(item[2]))
            else:
                for e in self.edge_ids([item]):
                    penalty[e] = INF
        for e, keys in closed_keys.items():
            if e in penalty or int(self.arrays.key[e]) not in keys:
                continue
            u, v = self.node_ids[int(self.tail[e])], self.node_ids[self._indices[e]]
            best: tuple[int, float, float] | None = None
            for k, data in self._graph[u][v].items():
                c = edge_cost(data, self.profile) if k not in keys else None
                if c is not None and (best is None or c < best[1]):
                    best = (int(k), c, float(data["length"]))
            if best is None:
                penalty[e] = INF
            else:
                penalty[e] = best[1] / self._cost[e]
                overrides[e] = best
        for zone in avoid_zones or ():
            for e in self.edges_in_zone(zone).tolist():
                penalty[e] = INF
        return penalty, overrides

    def path_result(self, edges: list[int], start: int,
                    overrides: Mapping[int, tuple[int, float, float]] | None = None
                    ) -> PathResult:
        """PathResult of a chain of CSR edges starting at node index ``start``."""
        a = self.arrays
        nodes = [self.node_ids[start]] + [self.node_ids[self._indices[e]] for e in edges]
        keys: list[int] = []
        cost = 0.0
        length = 0.0
        for e in edges:
            alt = overrides.get(e) if overrides else None
            if alt is None:
                keys.append(int(a.key[e]))
                cost += self._cost[e]
                length += float(a.length[e])
            else:
                keys.append(alt[0])
                cost += alt[1]
                length += alt[2]
        return PathResult(nodes=nodes, keys=keys, edges=edges, cost=cost, length_m=length)

    def search(self, s: int, t: int, penalty: Mapping[int, float] | None = None
               ) -> PathResult | None:
        """A*/ALT between node indices. ``penalty`` multiplies the cost of some CSR edges."""
        edges = self.search_edges(s, t, penalty)
        return None if edges is None else self.path_result(edges, s)

    def _active_landmarks(self, s: int, t: int) -> IntArray:
        """The landmarks giving the best lower bounds of d(s, t) (finite at t)."""
        if len(self._lm_from) == 0:
            return np.zeros(0, dtype=np.int64)
        d_from_t = self._lm_from[:, t]
        d_to_t = self._lm_to[:, t]
        ok = np.flatnonzero(np.isfinite(d_from_t) & np.isfinite(d_to_t))
        bound = np.maximum(self._lm_to[ok, s] - d_to_t[ok], d_from_t[ok] - self._lm_from[ok, s])
        return ok[np.argsort(-bound, kind="stable")][:ACTIVE_LANDMARKS].astype(np.int64)

    def _lazy_heuristic(self, active: IntArray, t: int) -> Callable[[int], float]:
        terms = [(self._lm_to_lists[i], float(self._lm_to[i, t]),
                  self._lm_from_lists[i], float(self._lm_from[i, t])) for i in active.tolist()]

        def h(v: int) -> float:
            best = 0.0
            for to_l, to_t, frm_l, frm_t in terms:
                # d(v,t) >= d(v,L) - d(t,L)  and  d(v,t) >= d(L,t) - d(L,v)
                a = to_l[v] - to_t
                b = frm_t - frm_l[v]
                if a > best:  # noqa: PLR1730 - faster than max() in this hot loop
                    best = a
                if b > best:  # noqa: PLR1730
                    best = b
            return best

        return h

    def _vector_heuristic(self, active: IntArray, t: int) -> Callable[[int], float]:
        """The bound for every node at once (numpy), read back per node: pays off on long
        searches, where computing it node by node in Python dominates."""
        frm = self._lm_from[active]
        diff = frm[:, t:t + 1] - frm
        bound = diff.max(axis=0)
        if self._lm_to is self._lm_from:
            np.maximum(bound, -diff.min(axis=0), out=bound)
        else:
            to = self._lm_to[active]
            np.maximum(bound, (to - to[:, t:t + 1]).max(axis=0), out=bound)
        np.maximum(bound, 0.0, out=bound)
        getter: Callable[[int], float] = bound.item
        return getter

    def search_edges(self, s: int, t: int, penalty: Mapping[int, float] | None = None
                     ) -> list[int] | None:
        """A*/ALT between node indices: the CSR edges of the cheapest path, or None."""
        if s == t:
            return []
        active = self._active_landmarks(s, t)
        h = self._lazy_heuristic(active, t)
        # Long searches switch to the all-nodes heuristic (same values, computed by numpy).
        switch_at = VECTOR_AFTER_POPS if self._vector_ok and len(active) else -1
        gc_was_on = gc.isenabled()
        gc.disable()  # the search only makes acyclic garbage; a full GC pass costs ~100 ms here
        try:
            return self._astar(s, t, h, switch_at, active, penalty)
        finally:
            if gc_was_on:
                gc.enable()

    def _astar(self, s: int, t: int, h: Callable[[int], float], switch_at: int,
               active: IntArray, penalty: Mapping[int, float] | None) -> list[int] | None:
        indptr, indices, cost = self._indptr, self._indices, self._cost
        pops = 0
        dist: dict[int, float] = {s: 0.0}
        pred: dict[int, int] = {}
        hcache: dict[int, float] = {}
        heap: list[tuple[float, float, int]] = [(h(s), 0.0, s)]
        while heap:
            _, g, u = heappop(heap)
            if u == t:
                break
            pops += 1
            if pops == switch_at:
                h = self._vector_heuristic(active, t)
            if g > dist[u]:
                continue
            for e in range(indptr[u], indptr[u + 1]):
                w = cost[e]
                if penalty is not None:
                    m = penalty.get(e)
                    if m is not None:
                        w *= m
                ng = g + w
                v = indices[e]
                if ng < dist.get(v, INF):
                    hv = hcache.get(v)
                    if hv is None:
                        hv = h(v)
                        hcache[v] = hv
                    if hv == INF:
                        continue
                    dist[v] = ng
                    pred[v] = e
                    heappush(heap, (ng + hv, ng, v))
        else:
            return None
        edges: list[int] = []
        node = t
        while node != s:
            e = pred[node]
            edges.append(e)
            node = int(self.tail[e])
        edges.reverse()
        return edges

    def route_via(self, stops: Sequence[int], *,
                  avoid_edges: Iterable[tuple[int, ...]] | None = None) -> PathResult:
        """Cheapest path through node ids in order (via points)."""
        if len(stops) < 2:
            raise EngineError("Il faut au moins deux points pour calculer un itinéraire.")
        penalty, overrides = self.avoid_penalties(avoid_edges)
        all_edges: list[int] = []
        for a, b in itertools.pairwise(stops):
            edges = self.search_edges(self.node_index(a), self.node_index(b), penalty or None)
            if edges is None:
                raise UnreachableError(
                    f"Aucun chemin utilisable pour le profil {self.profile.label} entre les "
                    f"nœuds {a} et {b}.")
            all_edges.extend(edges)
        return self.path_result(all_edges, self.node_index(stops[0]), overrides)

    def distances_from(self, s: int, *, limit: float = INF) -> FloatArray:
        """Cost from node index ``s`` to every node (scipy's C Dijkstra), inf beyond ``limit``."""
        from scipy.sparse.csgraph import dijkstra

        return np.asarray(dijkstra(self.matrix, directed=True, indices=s, limit=limit))


_ENGINES: dict[tuple[int, str], tuple[weakref.ref[nx.MultiDiGraph], RoutingEngine]] = {}


def engine_for(graph: nx.MultiDiGraph, profile: str | Profile) -> RoutingEngine:
    """The engine of a graph and profile, built once and kept while the graph lives."""
    p = get_profile(profile)
    key = (id(graph), p.name)
    cached = _ENGINES.get(key)
    if cached is not None and cached[0]() is graph:
        return cached[1]
    engine = RoutingEngine(graph, p)
    for stale in [k for k, (ref, _) in _ENGINES.items() if ref() is None]:
        del _ENGINES[stale]
    _ENGINES[key] = (weakref.ref(graph), engine)
    return engine
