"""The networkx reference the engine is checked against (tests and benchmarks only)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping
from typing import Any

import networkx as nx

from routes.errors import UnreachableError
from routes.search.engine import PathResult
from routes.search.profiles import Profile, edge_cost, get_profile

EdgeId = tuple[int, int, int]


def cheapest_key(graph: nx.MultiDiGraph, u: int, v: int, profile: Profile,
                 avoid: Collection[EdgeId] = ()) -> tuple[int, float] | None:
    best: tuple[int, float] | None = None
    for key, data in graph[u][v].items():
        if (u, v, key) in avoid:
            continue
        cost = edge_cost(data, profile)
        if cost is not None and (best is None or cost < best[1]):
            best = (key, cost)
    return best


def weight_function(graph: nx.MultiDiGraph, profile: str | Profile,
                    avoid: Collection[EdgeId] = ()) -> Callable[[int, int, Any], float | None]:
    """networkx weight: cheapest usable parallel edge, None (hidden) when none is usable."""
    p = get_profile(profile)

    def weight(u: int, v: int, _: Any) -> float | None:
        best = cheapest_key(graph, u, v, p, avoid)
        return None if best is None else best[1]

    return weight


def networkx_cost_function(profile: str | Profile) -> Any:
    """networkx weight function equal to the engine's costs, from the parallel edges' data."""
    p = get_profile(profile)

    def weight(u: int, v: int, parallel: Mapping[int, Mapping[str, Any]]) -> float | None:
        costs = [c for c in (edge_cost(d, p) for d in parallel.values()) if c is not None]
        return min(costs) if costs else None

    return weight


class NetworkxEngine:
    """Reference engine: networkx bidirectional Dijkstra with the profile's weight."""

    def __init__(self, graph: nx.MultiDiGraph, profile: str | Profile) -> None:
        self.graph = graph
        self.profile = get_profile(profile)

    def shortest_path(self, source: int, target: int, *,
                      avoid_edges: Collection[EdgeId] = ()) -> PathResult:
        weight = weight_function(self.graph, self.profile, avoid_edges)
        try:
            cost, nodes = nx.bidirectional_dijkstra(self.graph, source, target, weight=weight)
        except nx.NetworkXNoPath as exc:
            raise UnreachableError("Aucun chemin praticable entre ces deux points.") from exc
        keys = []
        length = 0.0
        for u, v in itertools.pairwise(nodes):
            best = cheapest_key(self.graph, u, v, self.profile, avoid_edges)
            assert best is not None
            keys.append(best[0])
            length += float(self.graph[u][v][best[0]]["length"])
        return PathResult(list(nodes), keys, [], float(cost), length)
