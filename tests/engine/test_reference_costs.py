"""The engine's path costs are the networkx reference's, on 200 random pairs of a synthetic basin
and of the embedded network: integer centimetre weights lose nothing, since edge costs are
rounded to the centimetre (``routes.search.profiles.COST_DECIMALS``)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from basin_generator import generate_basin
from reference_engine import networkx_cost_function

from routes.network.model import load_network
from routes.search.engine import RoutingEngine
from routes.search.profiles import edge_cost

PAIRS = 200


def _weighted(graph: nx.MultiDiGraph, profile: str) -> nx.DiGraph:
    """The reference weight (cheapest usable parallel edge) precomputed on a DiGraph."""
    weight = networkx_cost_function(profile)
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    for u, nbrs in graph.adj.items():
        for v, parallel in nbrs.items():
            cost = weight(u, v, parallel)
            if cost is not None and u != v:
                simple.add_edge(u, v, w=cost)
    return simple


def _compare(graph: nx.MultiDiGraph, profile: str, seed: int) -> tuple[int, int]:
    engine = RoutingEngine(graph, profile)
    reference = _weighted(graph, profile)
    rng = np.random.default_rng(seed)
    ids = list(graph.nodes)
    equal = unreachable = 0
    for a, b in rng.integers(0, len(ids), size=(PAIRS, 2)):
        s, t = ids[int(a)], ids[int(b)]
        edges = engine.search_edges(engine.node_index(s), engine.node_index(t))
        try:
            expected, _ = nx.bidirectional_dijkstra(reference, s, t, weight="w")
        except nx.NetworkXNoPath:
            assert edges is None
            unreachable += 1
            continue
        assert edges is not None
        path = engine.path_result(edges, engine.node_index(s))
        assert path.cost == pytest.approx(expected, rel=1e-9, abs=1e-9)
        recomputed = sum(edge_cost(graph[u][v][k], profile) or 0.0
                         for u, v, k in zip(path.nodes, path.nodes[1:], path.keys, strict=False))
        assert recomputed == pytest.approx(path.cost, rel=1e-12)
        equal += 1
    return equal, unreachable


@pytest.mark.parametrize("profile", ["trail"])
def test_synthetic_basin_costs_equal_networkx(profile: str) -> None:
    graph = generate_basin(nodes=12_000, seed=11).graph
    equal, unreachable = _compare(graph, profile, 23)
    assert equal + unreachable == PAIRS
    assert equal >= PAIRS * 0.9


@pytest.mark.parametrize("profile", ["trail", "vtt"])
def test_embedded_network_costs_equal_networkx(profile: str) -> None:
    equal, unreachable = _compare(load_network().graph, profile, 29)
    assert equal + unreachable == PAIRS
    assert equal >= PAIRS // 2
