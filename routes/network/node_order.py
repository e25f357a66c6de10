"""Contraction order of a routing graph's nodes, for the route engine's hierarchy.

The route engine (:mod:`routes.search.engine`) answers queries with customizable contraction
hierarchies (RoutingKit's CCH through ``routingkit_cch``). Their one slow step is the node order
(nested dissection by inertial flow: ~15 s on 260 000 nodes); it depends on the graph's shape only,
not on any profile or weight, so it is computed once per network, saved in the ``.cavnet`` file
(:mod:`routes.network.store`) and shipped in the embedded graph. A network saved by an older
version gets it once, computed in the background (:func:`prepare_in_background`).

The order is kept beside the graph (not in ``graph.graph``, whose attributes are plain JSON): the
node ids in contraction order, registered per graph object.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from routes.progress import ProgressCallback, report

IdArray = NDArray[np.int64]

_ORDERS: weakref.WeakKeyDictionary[nx.MultiDiGraph, IdArray] = weakref.WeakKeyDictionary()
_PENDING: weakref.WeakKeyDictionary[nx.MultiDiGraph, threading.Event] = (
    weakref.WeakKeyDictionary())
_LOCK = threading.Lock()


def graph_arcs(graph: nx.MultiDiGraph) -> tuple[list[int], IdArray, IdArray]:
    """Node ids (graph order) and the distinct arcs u→v (u ≠ v) as node indices, sorted by
    (tail, head): the arcs of the engine's hierarchy, whatever the profile."""
    ids = [int(n) for n in graph.nodes]
    index = {n: i for i, n in enumerate(ids)}
    tails: list[int] = []
    heads: list[int] = []
    for u, nbrs in graph.adj.items():
        iu = index[int(u)]
        for v in nbrs:
            if v != u:
                tails.append(iu)
                heads.append(index[int(v)])
    n = max(len(ids), 1)
    code = np.unique(np.asarray(tails, dtype=np.int64) * n + np.asarray(heads, dtype=np.int64))
    return ids, code // n, code % n


def compute(graph: nx.MultiDiGraph, progress: ProgressCallback | None = None) -> IdArray:
    """The contraction order of ``graph``'s nodes (node ids), by nested dissection with inertial
    flow on the node coordinates. Deterministic: the same graph gives the same order."""
    import routingkit_cch as rk

    report(progress, 0.0, "Préparation du moteur de calcul d'itinéraires (ordre des nœuds)…")
    ids, tail, head = graph_arcs(graph)
    if not ids:
        return np.zeros(0, dtype=np.int64)
    lon = [float(graph.nodes[n].get("x", 0.0)) for n in ids]
    lat = [float(graph.nodes[n].get("y", 0.0)) for n in ids]
    order = rk.compute_order_inertial(len(ids), tail.tolist(), head.tolist(), lat, lon)
    result = np.asarray(ids, dtype=np.int64)[np.asarray(order, dtype=np.int64)]
    report(progress, 1.0, "Moteur de calcul d'itinéraires prêt.")
    return result


def stored(graph: nx.MultiDiGraph) -> IdArray | None:
    """The order registered for ``graph`` (loaded with it or computed), or None."""
    with _LOCK:
        return _ORDERS.get(graph)


def attach(graph: nx.MultiDiGraph, order: Any) -> None:
    """Register ``order`` (node ids in contraction order) for ``graph``."""
    with _LOCK:
        _ORDERS[graph] = np.asarray(order, dtype=np.int64)


def matches(graph: nx.MultiDiGraph, order: IdArray) -> bool:
    """Whether ``order`` lists every node of ``graph`` exactly once."""
    if len(order) != graph.number_of_nodes():
        return False
    return bool(len(np.unique(order)) == len(order) and all(int(n) in graph for n in order))


def order_for(graph: nx.MultiDiGraph, progress: ProgressCallback | None = None) -> IdArray:
    """The graph's order: the stored one when it still fits the graph, else the one being
    computed in the background (waited for), else computed now and registered."""
    with _LOCK:
        order = _ORDERS.get(graph)
        pending = _PENDING.get(graph)
    if order is not None and len(order) == graph.number_of_nodes():
        return order
    if pending is not None:
        pending.wait()
        with _LOCK:
            order = _ORDERS.get(graph)
        if order is not None and len(order) == graph.number_of_nodes():
            return order
    order = compute(graph, progress)
    attach(graph, order)
    return order


def prepare_in_background(graph: nx.MultiDiGraph, progress: ProgressCallback | None = None
                          ) -> threading.Thread | None:
    """Compute ``graph``'s order in a daemon thread when it has none (a network saved without
    it); the first engine built meanwhile waits for it. None when nothing is to do."""
    with _LOCK:
        if graph in _ORDERS or graph in _PENDING:
            return None
        done = threading.Event()
        _PENDING[graph] = done

    def work() -> None:
        try:
            attach(graph, compute(graph, progress))
        finally:
            with _LOCK:
                _PENDING.pop(graph, None)
            done.set()

    thread = threading.Thread(target=work, name="cavalier-node-order", daemon=True)
    thread.start()
    return thread
