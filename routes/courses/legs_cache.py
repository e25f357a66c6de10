"""Sequences of plain cheapest legs, each leg queried once per search.

A race search routes hundreds of terril sequences that differ from each other by one or two
terrils: most legs come back again and again. While the engine's metric stays the same (a race
search holds :meth:`routes.search.engine.RoutingEngine.penalised` for its whole length), a leg's
path is the same, so it is asked of the engine once.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from routes.search.engine import PathResult, RoutingEngine


class LegCache:
    """Plain cheapest paths between node indices of one engine, for as long as its metric is
    unchanged (the owner drops the cache when the metric changes)."""

    def __init__(self, engine: RoutingEngine) -> None:
        self.engine = engine
        self._legs: dict[tuple[int, int], list[int] | None] = {}

    def leg(self, a: int, b: int) -> list[int] | None:
        key = (a, b)
        try:
            return self._legs[key]
        except KeyError:
            found = self._legs[key] = self.engine.search_edges(a, b)
            return found

    def edges(self, stops: Sequence[int]) -> list[int] | None:
        """The CSR edges through ``stops`` in order, each leg its plain cheapest path (as
        :func:`routes.courses.loops.route_closed` without ``avoid_reuse``)."""
        edges: list[int] = []
        for a, b in itertools.pairwise(stops):
            leg = self.leg(a, b)
            if leg is None:
                return None
            edges.extend(leg)
        return edges

    def route(self, stops: Sequence[int]) -> PathResult | None:
        edges = self.edges(stops)
        return None if edges is None else self.engine.path_result(edges, stops[0])
