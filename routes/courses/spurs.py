"""Length a line course is forced to ride twice: the dead-end spurs it must go in and out of.

A bridge is a street whose removal cuts the network in two. A course from ``a`` to ``b`` that
visits a place on the far side of a bridge (the side holding neither ``a`` nor ``b``) crosses
that bridge at least twice, whatever the route: its length is ridden twice. Summed over bridges,
that is a lower bound of the length any route through the same places rides twice — the part of
the reuse no routing can avoid. On a nearly tree-shaped network of old railway lines most
terrils hang on such spurs.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Iterable

import networkx as nx
import numpy as np

from routes.search.engine import RoutingEngine


class SpurMap:
    """For each node (engine index): the bridges between it and the line from ``a`` to ``b``
    that a course visiting it must ride in and out."""

    @staticmethod
    def of(engine: RoutingEngine, a: int, b: int) -> SpurMap:
        """The map of ``engine`` between ``a`` and ``b``, made once (variants plan several races
        between the same ends; penalties do not change the network's bridges)."""
        maps = _MAPS.setdefault(engine, {})
        found = maps.get((a, b))
        if found is None:
            found = maps[(a, b)] = SpurMap(engine, a, b)
        return found

    def __init__(self, engine: RoutingEngine, a: int, b: int) -> None:
        size = engine.node_count
        tail, head = engine.tail, engine.arrays.indices
        lo, hi = np.minimum(tail, head), np.maximum(tail, head)
        real = lo != hi
        keys, inverse, counts = np.unique(lo[real] * size + hi[real], return_inverse=True,
                                          return_counts=True)
        longest = np.zeros(len(keys))
        np.maximum.at(longest, inverse, engine.arrays.length[real])
        shortest = np.full(len(keys), np.inf)
        np.minimum.at(shortest, inverse, engine.arrays.length[real])
        pair_u, pair_v = (keys // size).tolist(), (keys % size).tolist()
        graph = nx.Graph()
        graph.add_nodes_from(range(size))
        graph.add_edges_from(zip(pair_u, pair_v, strict=True))
        # Each street appears once per direction: more than two entries between two nodes are
        # parallel streets, which no single cut separates.
        bridges = []
        for u, v in nx.bridges(graph):
            index = int(np.searchsorted(keys, min(u, v) * size + max(u, v)))
            if counts[index] <= 2:
                bridges.append((min(u, v), max(u, v), float(shortest[index])))
        cut = graph.copy()
        cut.remove_edges_from((u, v) for u, v, _ in bridges)
        block = np.full(size, -1, dtype=np.int64)
        for index, members in enumerate(nx.connected_components(cut)):
            block[list(members)] = index
        forest = nx.Graph()
        for u, v, length in bridges:
            forest.add_edge(int(block[u]), int(block[v]), length=length)
        forest.add_nodes_from({int(block[a]), int(block[b])})
        self.block = block
        self._forest = forest
        # Streets inside a block, an upper bound of their length (longest, once per direction
        # pair).
        inside = block[keys // size] == block[keys % size]
        self._block_m = np.zeros(int(block.max()) + 1)
        np.add.at(self._block_m, block[(keys // size)[inside]],
                  longest[inside] * ((counts[inside] + 1) // 2))
        line = self._line(int(block[a]), int(block[b]))
        self._line_m = sum(float(forest.edges[x, y]["length"]) for x, y in itertools.pairwise(line))
        self._main = set(line)
        # The forest rooted on the a–b line: each other block's parent and the length of the
        # bridge to it (a spur is identified by the blocks on its far side).
        self._parent: dict[int, int] = {}
        self._up_m = np.zeros(len(self._block_m))
        self._order: list[int] = []
        frontier = list(self._main)
        seen = set(self._main)
        while frontier:
            node = frontier.pop()
            self._order.append(node)
            for other in forest.neighbors(node) if node in forest else ():
                if other not in seen:
                    seen.add(other)
                    self._parent[other] = node
                    self._up_m[other] = forest.edges[node, other]["length"]
                    frontier.append(other)
        self._cache: dict[int, frozenset[int]] = {}
        self._top_of: dict[frozenset[int], np.ndarray] = {}
        self._up_list: list[float] = self._up_m.tolist()  # fast scalar reads
        self._index_chains()

    def _index_chains(self) -> None:
        """Each block's parent (itself on the line or off the line's tree) and the length up to
        the line, to measure many spurs at once (:meth:`extra_many`)."""
        count = len(self._block_m)
        self._parent_of = np.arange(count, dtype=np.int64)
        self._to_line_m = np.zeros(count)
        self._attached = np.zeros(count, dtype=bool)
        self._attached[list(self._main)] = True
        for node in self._order:  # parents come before their children
            parent = self._parent.get(node)
            if parent is not None:
                self._parent_of[node] = parent
                self._to_line_m[node] = self._up_m[node] + self._to_line_m[parent]
                self._attached[node] = self._attached[parent]

    def _line(self, x: int, y: int) -> list[int]:
        if x == y:
            return [x]
        try:
            return list(nx.shortest_path(self._forest, x, y))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return [x]

    def spur(self, node: int) -> frozenset[int]:
        """The bridges between ``node`` and the a–b line, each named by the block on its far
        side (empty for a node on the line or not connected to it)."""
        start = int(self.block[node])
        found = self._cache.get(start)
        if found is None:
            chain: list[int] = []
            block = start
            while block in self._parent:
                chain.append(block)
                block = self._parent[block]
            found = frozenset(chain) if block in self._main else frozenset()
            self._cache[start] = found
        return found

    def length(self, spur: Iterable[int]) -> float:
        up = self._up_list
        return float(sum(up[b] for b in spur))

    def _union(self, nodes: Iterable[int]) -> set[int]:
        union: set[int] = set()
        for node in nodes:
            union |= self.spur(node)
        return union

    def forced_m(self, nodes: Iterable[int]) -> float:
        """Length any route from ``a`` to ``b`` through ``nodes`` rides twice at least."""
        return self.length(self._union(nodes))

    def extra_many(self, visited: Iterable[int], nodes: Iterable[int]) -> np.ndarray:
        """For each of ``nodes``: the forced length visiting it adds besides ``visited``."""
        top = self._tops(frozenset(self._union(visited)))
        blocks = self.block[np.fromiter(nodes, dtype=np.int64)]
        known = blocks >= 0
        blocks = np.where(known, blocks, 0)
        extra: np.ndarray = np.where(known & self._attached[blocks],
                                     self._to_line_m[blocks] - self._to_line_m[top[blocks]], 0.0)
        return extra

    def _tops(self, union: frozenset[int]) -> np.ndarray:
        """Each block's first block up to the line that is in ``union`` or on the line (itself
        if so): the union of spurs holds whole chains up to the line, so a node's spur beyond it
        is the way up from its block to that one. Kept by union: a race search meets the same
        sets of terrils again and again."""
        top = self._top_of.get(union)
        if top is None:
            stop = ~self._attached  # blocks off the line's tree have no spur
            stop[list(self._main)] = True
            stop[list(union)] = True
            top = np.where(stop, np.arange(len(stop)), self._parent_of)
            while True:
                jumped = top[top]
                if np.array_equal(jumped, top):
                    break
                top = jumped
            if len(self._top_of) < _TOPS_KEPT:
                self._top_of[union] = top
        return top

    def least_reuse_m(self, length_m: float, budget_m: float = 60_000.0) -> float:
        """Length any route from ``a`` to ``b`` at least ``length_m`` long rides twice, whatever
        places it visits: beyond the bridges of the a–b line and every street of the blocks it
        reaches (each once), the length can only come from riding something twice, and reaching
        a block off the line means riding its bridges twice."""
        steps = int(budget_m // _STEP_M) + 1
        children: dict[int, list[int]] = {}
        for child, parent in self._parent.items():
            children.setdefault(parent, []).append(child)
        gain: dict[int, np.ndarray] = {}
        for node in reversed(self._order):
            best = np.full(steps, 0.0 if node in self._main else self._block_m[node])
            for child in children.get(node, ()):
                cost = int(self._up_m[child] // _STEP_M)
                below = gain.pop(child)
                if cost >= steps or not below.any():
                    continue
                with_child = np.zeros(steps)
                with_child[cost:] = np.maximum(0.0, below[:steps - cost])
                best = _max_plus(best, with_child)
            gain[node] = best
        total = np.full(steps, float(self._block_m[list(self._main)].sum()))
        for node in self._main:
            total = _max_plus(total, gain[node])
        budget = np.arange(steps) * _STEP_M
        return float(np.maximum(budget, length_m - self._line_m - total - budget - _STEP_M).min())


_MAPS: weakref.WeakKeyDictionary[RoutingEngine, dict[tuple[int, int], SpurMap]] = (
    weakref.WeakKeyDictionary())

#: Unions of spurs whose :meth:`SpurMap._tops` are kept (an array of the blocks each).
_TOPS_KEPT = 2048

#: Resolution of the length budget in :meth:`SpurMap.least_reuse_m` (lengths rounded in the
#: bound's favour: bridges down, blocks up).
_STEP_M = 100.0


def _max_plus(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """out[k] = max over i + j = k of left[i] + right[j], for nondecreasing arrays (budgets
    beyond the end dropped). Only the first index of each value of one array can be the best, so
    the loop runs over the breakpoints of the array that has fewer."""
    size = len(left)

    def breaks(values: np.ndarray) -> np.ndarray:
        return np.flatnonzero(np.diff(values, prepend=-np.inf) > 0)

    steps_left, steps_right = breaks(left), breaks(right)
    if len(steps_right) < len(steps_left):
        left, right, steps_left = right, left, steps_right
    out = np.full(size, -np.inf)
    for i in steps_left.tolist():
        np.maximum(out[i:], left[i] + right[:size - i], out=out[i:])
    return out
