"""Fast route queries on a compact array form of the routing graph.

:class:`RoutingEngine` turns a MultiDiGraph (the routing graph contract) and a profile into CSR
arrays: for each ordered pair of nodes only the cheapest usable parallel edge is kept, so a path
cost is exactly what networkx finds with ``weight = min over parallel edges of edge_cost``.

Queries run on customizable contraction hierarchies (RoutingKit's CCH, ``routingkit_cch``):

- one hierarchy per graph (:class:`_Hierarchy`), over every arc u→v whatever the profile, built
  from the node order of :mod:`routes.network.node_order` (saved with the network, so no user
  waits for it);
- one metric per engine: the profile's costs as integers, in centimetres of cost
  (:data:`SCALE`). :func:`routes.search.profiles.edge_cost` rounds costs to the centimetre, so the
  integer weights are exactly the costs and path costs equal networkx's on the same graph;
- penalties (avoided edges and zones, streets already used by a loop or last edition's course)
  only raise costs: a query first takes the plain shortest path, which stays optimal when it
  touches no penalised edge; otherwise the penalised weights enter the metric by a partial update,
  undone after the query (:meth:`RoutingEngine.penalised` keeps them for a batch of queries;
  :meth:`RoutingEngine.closing` puts a zone's edges in only when a query's path would cross it).
"""

from __future__ import annotations

import itertools
import math
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import shapely
from numpy.typing import NDArray

from routes.cost_attributes import KIND_ATTRIBUTES
from routes.errors import CavalierError, UnreachableError
from routes.geodesy import EARTH_RADIUS_M
from routes.network import edge_columns, node_order
from routes.progress import ProgressCallback
from routes.provenance import is_surveyed
from routes.search.profiles import (
    COST_DECIMALS,
    Profile,
    Signature,
    cost_signature,
    edge_cost,
    get_profile,
    signature_factor,
)

if TYPE_CHECKING:
    from scipy.spatial import cKDTree

# scipy (~0.5 s to import) and routingkit_cch are imported where an engine is built, not with this
# module: the window imports it at start-up and builds its engines at the first route.

INF = float("inf")
#: Integer weight = cost × SCALE (centimetres of cost; edge costs are rounded to COST_DECIMALS).
SCALE = 10 ** COST_DECIMALS
#: RoutingKit's "no arc" weight.
INF_WEIGHT = 2 ** 31 - 1
#: Penalised weights stop here (~335 km of cost on one edge), so path sums stay below INF_WEIGHT.
MAX_WEIGHT = 2 ** 25
#: Rounds of a penalised search adding the penalised edges its path runs on, before all of them.
PENALTY_ROUNDS = 6

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


@dataclass(frozen=True)
class _EdgeTable:
    """Every edge u→v (u ≠ v) of a graph as arrays, read once and shared by the profiles: what
    its cost depends on besides its length is a signature id (a few dozen kinds of edge)."""

    tail: IntArray
    head: IntArray
    key: IntArray
    length: FloatArray
    signature: IntArray
    signatures: list[Signature]
    cavalier: NDArray[np.bool_]
    terril: NDArray[np.bool_]
    surveyed: NDArray[np.bool_]


#: What is read of each edge besides its ends, key and length (its kind).
_KIND_KEYS = KIND_ATTRIBUTES


def _edge_table(graph: nx.MultiDiGraph, index: Mapping[int, int]) -> _EdgeTable:
    us: list[int] = []
    vs: list[int] = []
    keys: list[int] = []
    lengths: list[float] = []
    kinds: list[int] = []
    # An edge's kind: (cost signature id, cavalier, terril, surveyed), found once per distinct
    # raw attribute values (a C-level tuple per edge, the Python work once per kind).
    raw_kind: dict[tuple[Any, ...], int] = {}
    kind_ids: dict[tuple[int, bool, bool, bool], int] = {}
    signature_ids: dict[Signature, int] = {}
    for u, nbrs in graph._adj.items():
        iu = index[u]
        for v, parallel in nbrs.items():
            if v == u:
                continue
            iv = index[v]
            for k, data in parallel.items():
                raw: tuple[Any, ...] | None = (*map(data.get, _KIND_KEYS), "surveyed" in data)
                kind: int | None = None
                try:
                    kind = raw_kind.get(raw)  # type: ignore[arg-type]
                except TypeError:  # an unhashable attribute value (a list of OSM tags)
                    raw = None
                if kind is None:
                    signature = cost_signature(data)
                    described = (signature_ids.setdefault(signature, len(signature_ids)),
                                 bool(data.get("cavalier")), bool(data.get("terril")),
                                 is_surveyed(data))
                    kind = kind_ids.setdefault(described, len(kind_ids))
                    if raw is not None:
                        raw_kind[raw] = kind
                us.append(iu)
                vs.append(iv)
                keys.append(k)
                lengths.append(data["length"])
                kinds.append(kind)
    described_kinds = np.asarray(list(kind_ids), dtype=np.int64).reshape(-1, 4)
    kind_arr = np.asarray(kinds, dtype=np.int64)
    return _EdgeTable(
        tail=np.asarray(us, dtype=np.int64), head=np.asarray(vs, dtype=np.int64),
        key=np.asarray(keys, dtype=np.int64), length=np.asarray(lengths, dtype=np.float64),
        signature=described_kinds[kind_arr, 0], signatures=list(signature_ids),
        cavalier=described_kinds[kind_arr, 1].astype(bool),
        terril=described_kinds[kind_arr, 2].astype(bool),
        surveyed=described_kinds[kind_arr, 3].astype(bool))


def _stored_table(graph: nx.MultiDiGraph) -> _EdgeTable | None:
    """The edge table from the columns a saved network was read with (the same arrays as
    :func:`_edge_table`, kinds described once each from a sample), or None without them."""
    columns = edge_columns.take(graph)
    if columns is None or columns.names != _KIND_KEYS:
        return None
    keep = np.flatnonzero(columns.tail != columns.head)
    kind = columns.kind[keep]
    found, first = np.unique(kind, return_index=True)
    described = np.zeros((len(columns.samples), 4), dtype=np.int64)
    signature_ids: dict[Signature, int] = {}
    for k in found[np.argsort(first)].tolist():  # in order of first edge, as _edge_table
        sample = columns.samples[k]
        signature = signature_ids.setdefault(cost_signature(sample), len(signature_ids))
        described[k] = (signature, bool(sample.get("cavalier")), bool(sample.get("terril")),
                        is_surveyed(sample))
    return _EdgeTable(
        tail=columns.tail[keep], head=columns.head[keep], key=columns.key[keep],
        length=columns.length[keep], signature=described[kind, 0],
        signatures=list(signature_ids), cavalier=described[kind, 1].astype(bool),
        terril=described[kind, 2].astype(bool), surveyed=described[kind, 3].astype(bool))


def _cheapest_edges(table: _EdgeTable, profile: Profile, n: int) -> _Arrays:
    """The profile's CSR arrays: for each (u, v) the cheapest usable edge (costs computed per
    kind of edge, then for all edges at once: the same bits as :func:`edge_cost`)."""
    factor = np.zeros(len(table.signatures))
    fixed = np.zeros(len(table.signatures))
    usable = np.zeros(len(table.signatures), dtype=bool)
    for i, signature in enumerate(table.signatures):
        found = signature_factor(signature, profile)
        if found is not None:
            factor[i], fixed[i] = found
            usable[i] = True
    rows = np.flatnonzero(usable[table.signature])
    kind = table.signature[rows]
    cost = np.floor((table.length[rows] * factor[kind] + fixed[kind]) * float(SCALE) + 0.5
                    ) / float(SCALE)
    u_arr, v_arr, k_arr = table.tail[rows], table.head[rows], table.key[rows]
    # Sort by (u, v, cost, key) and keep the first edge of each (u, v) group: the cheapest.
    order = np.lexsort((k_arr, cost, v_arr, u_arr))
    u_arr, v_arr = u_arr[order], v_arr[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (u_arr[1:] != u_arr[:-1]) | (v_arr[1:] != v_arr[:-1])
    keep = order[first]
    picked = rows[keep]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(u_arr[first], minlength=n), out=indptr[1:])
    return _Arrays(
        indptr=indptr,
        indices=v_arr[first],
        cost=cost[keep],
        key=k_arr[keep],
        length=table.length[picked],
        cavalier=table.cavalier[picked],
        terril=table.terril[picked],
        surveyed=table.surveyed[picked],
    )


def _metric_coords(lonlat: FloatArray, lat0_deg: float) -> FloatArray:
    """Equirectangular metres around ``lat0_deg`` (for snapping and geometry, not for costs)."""
    lat0 = math.radians(lat0_deg)
    x = np.radians(lonlat[:, 0]) * EARTH_RADIUS_M * math.cos(lat0)
    y = np.radians(lonlat[:, 1]) * EARTH_RADIUS_M
    return np.column_stack([x, y])


def to_weights(cost: FloatArray) -> IntArray:
    """Integer weights of costs: centimetres of cost, :data:`INF_WEIGHT` for closed edges."""
    finite = np.isfinite(cost)
    scaled = np.rint(np.where(finite, cost, 0.0) * SCALE)
    weights: IntArray = np.where(finite, np.minimum(scaled, MAX_WEIGHT),
                                 INF_WEIGHT).astype(np.int64)
    return weights


class _Hierarchy:
    """The contraction hierarchy of one graph: every distinct arc u→v (u ≠ v), any profile."""

    def __init__(self, graph: nx.MultiDiGraph, progress: ProgressCallback | None = None) -> None:
        import routingkit_cch as rk

        ids = [int(n) for n in graph.nodes]
        self.node_ids = ids
        self.id_array: IntArray = np.asarray(ids, dtype=np.int64)
        self.index = {n: i for i, n in enumerate(ids)}
        self.table = _stored_table(graph) or _edge_table(graph, self.index)
        rows = graph._node
        self.lonlat = np.column_stack([
            np.fromiter((rows[n]["x"] for n in ids), dtype=np.float64, count=len(ids)),
            np.fromiter((rows[n]["y"] for n in ids), dtype=np.float64, count=len(ids)),
        ]) if ids else np.zeros((0, 2))
        n = max(len(ids), 1)
        codes = np.sort(self.table.tail * n + self.table.head)
        distinct = np.ones(len(codes), dtype=bool)
        distinct[1:] = codes[1:] != codes[:-1]
        self.code: IntArray = codes[distinct]
        tail, head = self.code // n, self.code % n
        self.arc_count = len(self.code)
        order = node_order.order_for(graph, progress)
        ranks = [self.index.get(int(node), -1) for node in order.tolist()]
        if len(ranks) != len(ids) or -1 in ranks or len(set(ranks)) != len(ranks):
            order = node_order.compute(graph, progress)  # the graph changed since it was ordered
            node_order.attach(graph, order)
            ranks = [self.index[int(node)] for node in order.tolist()]
        self.cch: Any = (rk.CCH(ranks, tail.tolist(), head.tolist(), False)
                         if self.arc_count else None)

    def fits(self, graph: nx.MultiDiGraph) -> bool:
        return bool(len(self.node_ids) == graph.number_of_nodes())


class _LocalHierarchy:
    """A hierarchy over a few edges of an engine (an area's paths): its own small order."""

    def __init__(self, lonlat: FloatArray, tail: IntArray, head: IntArray) -> None:
        import routingkit_cch as rk

        n = len(lonlat)
        self.arc_count = len(tail)
        order = (rk.compute_order_inertial(n, tail.tolist(), head.tolist(),
                                           lonlat[:, 1].tolist(), lonlat[:, 0].tolist())
                 if self.arc_count else [])
        self.cch: Any = (rk.CCH(order, tail.tolist(), head.tolist(), False)
                         if self.arc_count else None)


class _Metric:
    """One weight set customised on a hierarchy.

    Not thread-safe by itself: the engine owning it holds its lock around every call. The
    library's query, sweep and updater objects may only be used by the thread that made them
    (the window routes in worker threads): each call makes its own (0.05 ms on a 260 000-node
    grid) and drops it before returning, so no object outlives its thread and no query borrows
    the metric when its weights change.
    """

    def __init__(self, hierarchy: _Hierarchy | _LocalHierarchy, weights: IntArray) -> None:
        import routingkit_cch as rk

        self._rk = rk
        self.hierarchy = hierarchy
        self.weights: IntArray = np.array(weights, dtype=np.int64)
        self.metric: Any = (rk.CCHMetric(hierarchy.cch, self.weights.tolist())
                            if hierarchy.cch is not None else None)

    def run(self, s: int, t: int) -> tuple[int | None, list[int]]:
        """(distance, arcs of the path) from node index ``s`` to ``t``; (None, []) unreachable."""
        if self.metric is None:
            return None, []
        query = self._rk.CCHQuery(self.metric)
        result = query.run(s, t)
        distance: int | None = result.distance
        arcs: list[int] = result.arc_path if distance is not None else []
        del result, query  # the library wants each result dropped before the next query
        return distance, arcs

    def one_to_many(self, sources: Sequence[int], targets: Sequence[int]) -> FloatArray:
        """Distances (weight units, inf when unreachable) from each source to each target."""
        out = np.full((len(sources), len(targets)), INF)
        if self.metric is None or not targets:
            return out
        sweep = self._rk.CCHOneToMany(self.metric, list(targets))
        for row, s in enumerate(sources):
            found = sweep.distances_from(int(s))
            out[row] = [INF if d is None else d for d in found]
        del sweep
        return out

    def update(self, changes: Mapping[int, int]) -> None:
        """Set some arcs' weights (partial re-customisation)."""
        if changes:
            self.set_weights(np.fromiter(changes.keys(), dtype=np.int64, count=len(changes)),
                             np.fromiter(changes.values(), dtype=np.int64, count=len(changes)))

    def set_weights(self, arcs: IntArray, weights: IntArray) -> IntArray:
        """Set the weights of ``arcs`` (one partial re-customisation of those that change);
        their weights before, to undo it."""
        before: IntArray = self.weights[arcs]
        moved = before != weights
        if self.metric is not None and moved.any():
            updater = self._rk.CCHMetricPartialUpdater(self.hierarchy.cch)
            updater.apply(self.metric, dict(zip(arcs[moved].tolist(), weights[moved].tolist(),
                                                strict=True)))
            del updater
            self.weights[arcs[moved]] = weights[moved]
        return before

    def scaled(self, arcs: IntArray, factors: FloatArray) -> IntArray:
        """The weights of ``arcs`` multiplied by ``factors`` (inf closes; a closed arc stays
        closed; a factor above 1 stops at :data:`MAX_WEIGHT`, below 1 never raises)."""
        old = self.weights[arcs]
        closes = np.isinf(factors)
        product = np.rint(old * np.where(closes, 1.0, factors))  # round half to even, as round()
        cap = np.where(factors > 1, MAX_WEIGHT, old)
        new = np.where(closes, INF_WEIGHT, np.minimum(product, cap))
        kept = (old >= INF_WEIGHT) | (factors == 1.0)
        scaled: IntArray = np.where(kept, old, new).astype(np.int64)
        return scaled


_HIERARCHIES: weakref.WeakKeyDictionary[nx.MultiDiGraph, _Hierarchy] = (
    weakref.WeakKeyDictionary())
_HIERARCHY_LOCK = threading.Lock()


def hierarchy_for(graph: nx.MultiDiGraph, progress: ProgressCallback | None = None
                  ) -> _Hierarchy:
    """The graph's hierarchy, built once (from its stored node order) and shared by profiles."""
    with _HIERARCHY_LOCK:
        found = _HIERARCHIES.get(graph)
        if found is not None and found.fits(graph):
            return found
        hierarchy = _Hierarchy(graph, progress)
        _HIERARCHIES[graph] = hierarchy
        return hierarchy


class _Closure:
    """Edges a :meth:`RoutingEngine.closing` block closes: their arcs, and (once in the metric)
    the arcs' weights before, to reopen them."""

    def __init__(self, engine: RoutingEngine, edges: IntArray) -> None:
        arcs = engine._arc[edges]
        self.arcs: IntArray = arcs[arcs >= 0]
        self.edges = np.zeros(engine.edge_count, dtype=bool)
        self.edges[edges] = True
        self.undo: IntArray | None = None

    def crossed(self, edges: list[int]) -> bool:
        """Whether a path (CSR edges) runs on a closed edge still out of the metric."""
        return self.undo is None and bool(self.edges[np.asarray(edges, dtype=np.int64)].any())


class RoutingEngine:
    """Shortest paths for one profile on one graph; build once, query many times."""

    def __init__(self, graph: nx.MultiDiGraph, profile: str | Profile, *,
                 progress: ProgressCallback | None = None) -> None:
        self.profile = get_profile(profile)
        hierarchy = hierarchy_for(graph, progress)
        self.node_ids: list[int] = hierarchy.node_ids
        self._id_array: IntArray = hierarchy.id_array
        self.index: dict[int, int] = hierarchy.index
        self.lonlat: FloatArray = hierarchy.lonlat
        self.lat0 = float(self.lonlat[:, 1].mean()) if self.node_ids else 0.0
        self.xy = _metric_coords(self.lonlat, self.lat0)
        self.arrays = _cheapest_edges(hierarchy.table, self.profile, len(self.node_ids))
        n = len(self.node_ids)
        a = self.arrays
        self.tail: IntArray = np.repeat(np.arange(n, dtype=np.int64), np.diff(a.indptr))
        self.reverse: IntArray = self._reverse_edges()
        self._matrix: Any = None
        self._indptr: IntArray = a.indptr
        self._indices: IntArray = a.indices
        self._cost: FloatArray = a.cost
        self.cost_array: FloatArray = a.cost
        # CSR edge <-> arc of the graph's hierarchy.
        self._hierarchy: _Hierarchy | _LocalHierarchy = hierarchy
        #: CSR edge -> arc of the hierarchy (-1: not in it), arc -> CSR edge, and (local views
        #: only) node index -> node of the hierarchy (-1: not in it).
        self._arc: IntArray = np.searchsorted(hierarchy.code, self.tail * max(n, 1) + a.indices)
        self._edge_of_arc: IntArray = np.full(hierarchy.arc_count, -1, dtype=np.int64)
        self._edge_of_arc[self._arc] = np.arange(len(self._arc), dtype=np.int64)
        self._node_of: IntArray | None = None
        #: Nodes cut off by :meth:`closing` (every edge closed), while it lasts.
        self._sealed: NDArray[np.bool_] | None = None
        #: The innermost :meth:`closing`'s edges, until a query needs them in the metric.
        self._pending: _Closure | None = None
        self.weights: IntArray = to_weights(a.cost)
        self._lock = threading.RLock()
        self._metric = _Metric(hierarchy, self._arc_weights(self.weights))
        self._length_metric: _Metric | None = None
        self._tree: cKDTree | None = None
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

    def _arc_weights(self, weights: IntArray) -> IntArray:
        full = np.full(self._hierarchy.arc_count, INF_WEIGHT, dtype=np.int64)
        inside = self._arc >= 0
        full[self._arc[inside]] = weights[inside]
        return full

    def _local(self, nodes: Sequence[int]) -> list[int]:
        """Node indices as the hierarchy's nodes (-1: not in a local view's hierarchy)."""
        if self._node_of is None:
            return [int(v) for v in nodes]
        mapped: list[int] = self._node_of[np.asarray(nodes, dtype=np.int64)].tolist()
        return mapped

    def _run(self, s: int, t: int) -> tuple[int | None, list[int]]:
        if self._sealed is not None and (self._sealed[s] or self._sealed[t]):
            return None, []
        ls, lt = self._local([s, t])
        if ls < 0 or lt < 0:
            return None, []
        return self._metric.run(ls, lt)

    def _many(self, metric: _Metric, sources: Sequence[int], targets: Sequence[int]
              ) -> FloatArray:
        src, dst = self._local(sources), self._local(targets)
        ok_s = [i for i, v in enumerate(src) if v >= 0]
        ok_t = [j for j, v in enumerate(dst) if v >= 0]
        out = np.full((len(src), len(dst)), INF)
        if ok_s and ok_t:
            found = metric.one_to_many([src[i] for i in ok_s], [dst[j] for j in ok_t])
            out[np.ix_(ok_s, ok_t)] = found
        return out

    def _reverse_edges(self) -> IntArray:
        n = max(len(self.node_ids), 1)
        code = self.tail * n + self.arrays.indices
        back = self.arrays.indices * n + self.tail
        order = np.argsort(code, kind="stable")
        pos = np.searchsorted(code[order], back)
        pos = np.minimum(pos, len(code) - 1) if len(code) else pos
        found = code[order][pos] == back if len(code) else np.zeros(0, dtype=bool)
        return np.where(found, order[pos] if len(code) else pos, -1).astype(np.int64)

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
        lo, hi = int(self._indptr[i]), int(self._indptr[i + 1])
        return int(np.isfinite(self.cost_array[lo:hi]).sum())

    @property
    def matrix(self) -> Any:
        """The open edges' costs as a scipy sparse matrix (components, one-to-all Dijkstra)."""
        if self._matrix is None:
            from scipy.sparse import csr_matrix

            keep = np.isfinite(self.cost_array)
            n = self.node_count
            self._matrix = csr_matrix((self.cost_array[keep],
                                       (self.tail[keep], self.arrays.indices[keep])),
                                      shape=(n, n))
        return self._matrix

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
                lo, hi = int(self._indptr[a]), int(self._indptr[a + 1])
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

    def _view(self, cost: FloatArray, *, local: bool = False) -> RoutingEngine:
        """A copy of this engine sharing its arrays, with other edge costs (inf closes an edge)
        in a metric of its own: on the shared hierarchy (one full customisation), or
        (``local``) on a small hierarchy of the open edges only, for a view keeping a few."""
        view = object.__new__(RoutingEngine)
        view.__dict__.update(self.__dict__)
        view._cost = cost
        view.cost_array = cost
        view.weights = to_weights(cost)
        view._lock = threading.RLock()
        keep = np.isfinite(cost)
        if local:
            edges = np.flatnonzero(keep)
            nodes, inverse = np.unique(np.concatenate([self.tail[edges],
                                                       self.arrays.indices[edges]]),
                                       return_inverse=True)
            node_of = np.full(self.node_count, -1, dtype=np.int64)
            node_of[nodes] = np.arange(len(nodes), dtype=np.int64)
            view._node_of = node_of
            view._hierarchy = _LocalHierarchy(self.lonlat[nodes], inverse[:len(edges)],
                                              inverse[len(edges):])
            view._arc = np.full(self.edge_count, -1, dtype=np.int64)
            view._arc[edges] = np.arange(len(edges), dtype=np.int64)
            view._edge_of_arc = edges.astype(np.int64)
        view._metric = _Metric(view._hierarchy, view._arc_weights(view.weights))
        view._pending = None
        view._length_metric = None
        view._matrix = None
        n = self.node_count
        if np.array_equal(keep, np.isfinite(self.cost_array)):
            return view  # the same open edges: same usable nodes, snapping tree and components
        from scipy.spatial import cKDTree

        view._usable = np.flatnonzero(np.bincount(self.tail[keep], minlength=n) > 0)
        view._tree = cKDTree(self.xy[view._usable]) if len(view._usable) else None
        view._usable_ready = True
        view._components = None
        return view

    def masked(self, usable: NDArray[np.bool_]) -> RoutingEngine:
        """A view of this engine where edges with ``usable == False`` are closed (an area's
        paths: its queries run on a small hierarchy of the open edges)."""
        return self._view(np.where(usable, self.arrays.cost, INF), local=True)

    def with_costs(self, cost: FloatArray) -> RoutingEngine:
        """A view of this engine with other finite costs on the same edges (re-weighting: one
        customisation of the shared hierarchy, no rebuild). Costs are rounded to the cm."""
        rounded: FloatArray = np.round(np.asarray(cost, dtype=np.float64), COST_DECIMALS).astype(
            np.float64)
        return self._view(rounded)

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
            u, v = self.node_ids[int(self.tail[e])], self.node_ids[int(self._indices[e])]
            best: tuple[int, float, float] | None = None
            for k, data in self._graph[u][v].items():
                c = edge_cost(data, self.profile) if k not in keys else None
                if c is not None and (best is None or c < best[1]):
                    best = (int(k), c, float(data["length"]))
            if best is None:
                penalty[e] = INF
            else:
                penalty[e] = best[1] / float(self._cost[e])
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
        index = np.asarray(edges, dtype=np.int64)
        nodes = [self.node_ids[start], *self._id_array[self._indices[index]].tolist()]
        keys: list[int] = a.key[index].tolist()
        # Summed in path order (cumsum adds left to right, as networkx does), so the cost is
        # the reference's to the bit.
        cost = float(np.cumsum(self._cost[index])[-1]) if len(index) else 0.0
        length = float(a.length[index].sum()) if len(index) else 0.0
        if overrides:
            for i, e in enumerate(edges):
                alt = overrides.get(e)
                if alt is not None:
                    keys[i] = alt[0]
                    cost += alt[1] - float(self._cost[e])
                    length += alt[2] - float(a.length[e])
        return PathResult(nodes=nodes, keys=keys, edges=list(edges), cost=cost, length_m=length)

    def search(self, s: int, t: int, penalty: Mapping[int, float] | None = None
               ) -> PathResult | None:
        """Cheapest path between node indices. ``penalty`` multiplies the cost of some CSR
        edges (factors ≥ 1, inf closes)."""
        edges = self.search_edges(s, t, penalty)
        return None if edges is None else self.path_result(edges, s)

    def _edges(self, arcs: list[int]) -> list[int]:
        edges: list[int] = self._edge_of_arc[np.asarray(arcs, dtype=np.int64)].tolist()
        return edges

    def search_edges(self, s: int, t: int, penalty: Mapping[int, float] | None = None
                     ) -> list[int] | None:
        """The CSR edges of the cheapest path between node indices, or None.

        ``penalty`` multiplies the cost of some CSR edges (factors ≥ 1; inf closes). Penalties
        only raise costs, so a path that uses no penalised edge and is cheapest with some of the
        penalties applied is cheapest with all of them: the search starts with none, then adds
        to the metric (partial updates, undone at the end) only the penalised edges its path
        runs on, until the path avoids the others — a few small updates instead of one big one.
        """
        if s == t:
            return []
        with self._lock:
            if penalty:
                self._close_now()
            distance, arcs = self._run(s, t)
            edges = self._edges(arcs) if distance is not None else None
            pending = self._pending
            if edges is not None and pending is not None and pending.crossed(edges):
                self._close_now()  # this path runs through the zone: it enters the metric
                distance, arcs = self._run(s, t)
                edges = self._edges(arcs) if distance is not None else None
            if not penalty or edges is None:
                return edges
            if min(penalty.values()) < 1.0:
                with self.penalised(penalty):
                    distance, arcs = self._run(s, t)
                return self._edges(arcs) if distance is not None else None
            return self._penalised_search(s, t, penalty, edges)

    def _penalised_search(self, s: int, t: int, penalty: Mapping[int, float],
                          edges: list[int]) -> list[int] | None:
        applied: set[int] = set()
        undo_all: dict[int, int] = {}
        reverse = self.reverse
        found: list[int] = edges
        try:
            for _ in range(PENALTY_ROUNDS):
                touched = [e for e in found if e in penalty and e not in applied]
                if not touched:
                    return found
                more = set(touched)
                for e in touched:  # the other direction of a street is usually penalised too
                    r = int(reverse[e])
                    if r >= 0 and r in penalty and r not in applied:
                        more.add(r)
                self._apply_factors({e: penalty[e] for e in more}, undo_all)
                applied |= more
                distance, arcs = self._run(s, t)
                if distance is None:
                    return None
                found = self._edges(arcs)
            # Still sliding onto penalised edges: all the penalties at once.
            self._apply_factors({e: f for e, f in penalty.items() if e not in applied},
                                undo_all)
            distance, arcs = self._run(s, t)
            return self._edges(arcs) if distance is not None else None
        finally:
            self._metric.update(undo_all)

    def _apply_factors(self, factors: Mapping[int, float], undo_all: dict[int, int]) -> None:
        arcs, scale = self._arc_factors(factors)
        before = self._metric.set_weights(arcs, self._metric.scaled(arcs, scale))
        for arc, weight in zip(arcs.tolist(), before.tolist(), strict=True):
            undo_all.setdefault(arc, weight)

    def _arc_factors(self, factors: Mapping[int, float]) -> tuple[IntArray, FloatArray]:
        """The arcs of CSR edges with a factor each (edges outside the hierarchy left out)."""
        edges = np.fromiter(factors.keys(), dtype=np.int64, count=len(factors))
        scale = np.fromiter(factors.values(), dtype=np.float64, count=len(factors))
        arcs = self._arc[edges]
        inside = arcs >= 0
        return arcs[inside], scale[inside]

    @contextmanager
    def penalised(self, penalty: Mapping[int, float] | None) -> Iterator[RoutingEngine]:
        """Within the block, this engine's queries see some CSR edges' costs multiplied (inf
        closes them): one partial update of the metric, undone at the end. Other threads wait."""
        with self._lock:
            if penalty:
                self._close_now()
            arcs, scale = self._arc_factors(penalty or {})
            undo = self._metric.set_weights(arcs, self._metric.scaled(arcs, scale))
            try:
                yield self
            finally:
                self._metric.set_weights(arcs, undo)

    @contextmanager
    def closing(self, edges: Iterable[int]) -> Iterator[RoutingEngine]:
        """Within the block, this engine's queries never use ``edges`` (CSR indices: an avoided
        zone's edges, :meth:`edges_in_zone`). Only the closed edges with an end that keeps an
        open edge enter the metric: the other nodes (every edge closed) can only be reached
        through those, so the paths are the same with fewer weights changed (the update's time
        depends mostly on the hierarchy's cells the zone touches, not on the count). Queries
        from or to such a sealed node find nothing, as with every edge closed.

        The update waits for the first query whose plain path crosses one of those edges: a
        cheapest path that avoids them all is still the cheapest with them closed, so a batch
        of queries whose paths stay clear of the zone never changes the metric."""
        closed = np.unique(np.asarray(list(edges), dtype=np.int64))
        n = self.node_count
        ends = np.concatenate([self.tail, self.arrays.indices])
        shut = np.concatenate([self.tail[closed], self.arrays.indices[closed]])
        sealed = (np.bincount(shut, minlength=n) == np.bincount(ends, minlength=n)) & (
            np.bincount(ends, minlength=n) > 0)
        border = closed[~(sealed[self.tail[closed]] & sealed[self.arrays.indices[closed]])]
        with self._lock:
            self._close_now()  # an enclosing block's edges first: undone in their order
            was_sealed, was_pending = self._sealed, self._pending
            self._sealed = sealed if was_sealed is None else (was_sealed | sealed)
            closure = self._pending = _Closure(self, border)
            try:
                yield self
            finally:
                self._pending = was_pending
                self._sealed = was_sealed
                if closure.undo is not None:
                    self._metric.set_weights(closure.arcs, closure.undo)

    def _close_now(self) -> None:
        """Put the pending closed edges into the metric (queries needing them, penalties, many-
        to-many sweeps)."""
        closure = self._pending
        if closure is not None and closure.undo is None:
            closure.undo = self._metric.set_weights(
                closure.arcs, np.full(len(closure.arcs), INF_WEIGHT, dtype=np.int64))

    def route_via(self, stops: Sequence[int], *,
                  avoid_edges: Iterable[tuple[int, ...]] | None = None) -> PathResult:
        """Cheapest path through node ids in order (via points)."""
        if len(stops) < 2:
            raise EngineError("Il faut au moins deux points pour calculer un itinéraire.")
        penalty, overrides = self.avoid_penalties(avoid_edges)
        all_edges: list[int] = []
        with self.penalised(penalty):
            for a, b in itertools.pairwise(stops):
                edges = self.search_edges(self.node_index(a), self.node_index(b))
                if edges is None:
                    raise UnreachableError(
                        f"Aucun chemin utilisable pour le profil {self.profile.label} entre "
                        f"les nœuds {a} et {b}.")
                all_edges.extend(edges)
        return self.path_result(all_edges, self.node_index(stops[0]), overrides)

    def costs_between(self, sources: Sequence[int], targets: Sequence[int]) -> FloatArray:
        """Path costs from each node index of ``sources`` to each of ``targets`` (one sweep per
        source over all targets), inf when unreachable."""
        with self._lock:
            self._close_now()
            costs: FloatArray = self._many(self._metric, sources, targets) / SCALE
        return costs

    def lengths_between(self, sources: Sequence[int], targets: Sequence[int]) -> FloatArray:
        """Shortest network lengths (m, to the cm) from each of ``sources`` to each of
        ``targets`` over the usable edges, inf when unreachable (a second metric: lengths)."""
        with self._lock:
            if self._length_metric is None:
                weights = np.where(np.isfinite(self.cost_array),
                                   to_weights(self.arrays.length), INF_WEIGHT)
                self._length_metric = _Metric(self._hierarchy, self._arc_weights(weights))
            lengths: FloatArray = self._many(self._length_metric, sources, targets) / SCALE
        return lengths

    def distances_from(self, s: int, *, limit: float = INF) -> FloatArray:
        """Cost from node index ``s`` to every node (scipy's C Dijkstra), inf beyond ``limit``."""
        from scipy.sparse.csgraph import dijkstra

        return np.asarray(dijkstra(self.matrix, directed=True, indices=s, limit=limit))


_ENGINES: dict[tuple[int, str], tuple[weakref.ref[nx.MultiDiGraph], RoutingEngine]] = {}
_ENGINES_LOCK = threading.Lock()


def engine_for(graph: nx.MultiDiGraph, profile: str | Profile, *,
               progress: ProgressCallback | None = None) -> RoutingEngine:
    """The engine of a graph and profile, built once and kept while the graph lives."""
    p = get_profile(profile)
    key = (id(graph), p.name)
    with _ENGINES_LOCK:
        cached = _ENGINES.get(key)
        if cached is not None and cached[0]() is graph:
            return cached[1]
    engine = RoutingEngine(graph, p, progress=progress)
    with _ENGINES_LOCK:
        for stale in [k for k, (ref, _) in _ENGINES.items() if ref() is None]:
            del _ENGINES[stale]
        _ENGINES[key] = (weakref.ref(graph), engine)
    return engine
