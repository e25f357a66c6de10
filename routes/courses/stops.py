"""The few stops that shape a generated course.

A generated course is an exact path on the network. The organiser edits it through stops; once a
stop moves, the route between stops is recomputed as the cheapest path. So the stops kept are the
generator's own (start, turn points, terrils, finish) plus, only where the cheapest path between two
consecutive stops would leave the generated one, the fewest extra nodes that pin it: then
re-routing through the stops gives back the generated course exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from routes.errors import CavalierError
from routes.search.engine import PathResult


class ShortestPaths(Protocol):
    def shortest_path(self, source: int, target: int) -> PathResult: ...


def _anchor_indices(nodes: Sequence[int], anchors: Sequence[int]) -> list[int]:
    """Positions along ``nodes`` of the anchor nodes, in path order (first and last always)."""
    last = len(nodes) - 1
    kept = [0]
    for node in anchors:
        try:
            at = nodes.index(node, kept[-1] + 1, last)
        except ValueError:
            continue  # not on the path after the previous anchor (the start itself, a repeat)
        kept.append(at)
    if kept[-1] != last:
        kept.append(last)
    return kept


def shaping_indices(engine: ShortestPaths, nodes: Sequence[int], keys: Sequence[int],
                    anchors: Sequence[int] = ()) -> list[int]:
    """Positions along the path (``nodes``/``keys``) of the stops to keep: both ends, the
    ``anchors`` (the generator's turn points, in path order) and, between two of them, extra
    positions chosen greedily as far as possible while the cheapest path still follows the
    course (fewest extras: a sub-path of a cheapest path is itself the cheapest)."""
    if len(nodes) < 2:
        return list(range(len(nodes)))
    nodes = list(nodes)

    def follows(i: int, j: int) -> bool:
        if nodes[i] == nodes[j]:
            return False  # a leg back to its own start is no leg for the router
        try:
            leg = engine.shortest_path(nodes[i], nodes[j])
        except CavalierError:
            return False
        return leg.nodes == nodes[i:j + 1] and list(leg.keys) == list(keys[i:j])

    kept = [0]
    for target in _anchor_indices(nodes, anchors)[1:]:
        at = kept[-1]
        while at < target:
            at = target if follows(at, target) else _farthest(follows, at, target)
            kept.append(at)
    return kept


def _farthest(follows: Callable[[int, int], bool], start: int, end: int) -> int:
    """The farthest position in (start, end) the cheapest path from ``start`` follows the course
    to (the next position when even one edge is not the cheapest: nothing better to pin)."""
    lo, hi = start + 1, end - 1  # ``end`` itself already failed
    best = start + 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if follows(start, mid):
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best

