"""The edges of a network just read from a file, as arrays, for the route engine.

The route engine reads, for each edge, its ends, key, length and a few attributes deciding its
cost (:data:`ATTRIBUTES`). Reading them from a million networkx dicts takes a second; a saved
network (:mod:`routes.network.store`) has them as columns already. :func:`remember` keeps them
beside the graph (as :mod:`routes.network.node_order` keeps its order), edges numbered as the
graph's adjacency lists them, each edge's attributes as a *kind*: edges of one kind have equal
values (or are equally missing) for every name of :data:`ATTRIBUTES`, and ``samples[kind]`` holds
those values. The engine takes them once (:func:`take`) and reads the graph itself when they are
absent or the graph no longer has the edge and node counts it was read with.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from routes.cost_attributes import KIND_ATTRIBUTES

#: The attributes the route engine reads of an edge besides its length.
ATTRIBUTES = KIND_ATTRIBUTES

IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class EdgeColumns:
    """Every edge in adjacency order: node positions (in ``graph.nodes`` order), key, length,
    kind; ``samples[kind]`` the :data:`ATTRIBUTES` an edge of that kind has, with their values."""

    tail: IntArray
    head: IntArray
    key: IntArray
    length: NDArray[np.float64]
    kind: IntArray
    samples: list[dict[str, Any]]
    names: tuple[str, ...]
    node_count: int
    edge_count: int


_COLUMNS: weakref.WeakKeyDictionary[nx.MultiDiGraph, EdgeColumns] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def remember(graph: nx.MultiDiGraph, columns: EdgeColumns) -> None:
    with _LOCK:
        _COLUMNS[graph] = columns


def take(graph: nx.MultiDiGraph) -> EdgeColumns | None:
    """The graph's columns (once: they are dropped), or None when it has none or its node or edge
    count changed since they were read."""
    with _LOCK:
        columns = _COLUMNS.pop(graph, None)
    if columns is None or columns.node_count != graph.number_of_nodes():
        return None
    parallel = itertools.chain.from_iterable(map(dict.values, graph._succ.values()))
    return columns if sum(map(len, parallel)) == columns.edge_count else None


def _codes(values: np.ndarray, present: np.ndarray | None) -> IntArray:
    """Small non-negative integers, equal where the values are equal (0: missing)."""
    small = values.dtype == np.bool_ or (np.issubdtype(values.dtype, np.integer) and len(values)
                                         and values.min() >= 0 and values.max() < 2**20)
    codes: IntArray = (values.astype(np.int64) if small  # flags, string table indices
                       else np.unique(values, return_inverse=True)[1].reshape(-1)) + 1
    return np.where(present, codes, 0) if present is not None else codes


def kinds(columns: list[tuple[np.ndarray, np.ndarray | None]], count: int
          ) -> tuple[IntArray, IntArray]:
    """(kind of each row, first row of each kind) for rows equal when all columns are equal."""
    combined = np.zeros(count, dtype=np.int64)
    for values, present in columns:
        codes = _codes(values, present)
        span = int(codes.max()) + 1 if count else 1
        if int(combined.max(initial=0)) + 1 > 2**62 // span:
            combined = np.unique(combined, return_inverse=True)[1].astype(np.int64)
        combined = combined * span + codes
    _, first, kind = np.unique(combined, return_index=True, return_inverse=True)
    return kind.astype(np.int64).reshape(-1), first.astype(np.int64)


def adjacency_ordered(tail: IntArray, head: IntArray, node_count: int) -> bool:
    """Whether edges in this order are the order a graph filled with them lists them: tails in
    node order, each tail's edges to one head together."""
    if len(tail) < 2:
        return True
    if bool((tail[1:] < tail[:-1]).any()):
        return False
    code = tail * max(node_count, 1) + head
    runs = np.count_nonzero(code[1:] != code[:-1])
    ordered = np.sort(code)
    return bool(runs == np.count_nonzero(ordered[1:] != ordered[:-1]))


def positions(node_id: IntArray, ends: IntArray) -> IntArray:
    """Positions in ``node_id`` (distinct ids) of ``ends`` (all among them)."""
    if len(node_id) and bool((np.diff(node_id) == 1).all()):  # ids n0, n0 + 1, …
        shifted: IntArray = ends - node_id[0]
        return shifted
    sorter = np.argsort(node_id, kind="stable")
    found: IntArray = sorter[np.searchsorted(node_id, ends, sorter=sorter)]
    return found
