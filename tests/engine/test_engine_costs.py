"""The array engine finds exactly the networkx costs, with avoided edges and zones too."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest
from engine.engine_graphs import random_graph
from reference_engine import networkx_cost_function
from shapely import LineString, box

from routes.errors import UnreachableError
from routes.search.engine import EngineError, RoutingEngine
from routes.search.profiles import PROFILE_NAMES, edge_cost, get_profile


def _nx_cost(graph: nx.MultiDiGraph, s: int, t: int, weight: object) -> float | None:
    try:
        cost, _ = nx.single_source_dijkstra(graph, s, t, weight=weight)
    except nx.NetworkXNoPath:
        return None
    return float(cost)


def _check_pairs(graph: nx.MultiDiGraph, profile: str, pairs: int, seed: int) -> int:
    engine = RoutingEngine(graph, profile)
    weight = networkx_cost_function(profile)
    rng = random.Random(seed)
    nodes = list(graph.nodes)
    found = 0
    for _ in range(pairs):
        s, t = rng.choice(nodes), rng.choice(nodes)
        expected = _nx_cost(graph, s, t, weight)
        if expected is None:
            with pytest.raises(UnreachableError):
                engine.shortest_path(s, t)
            continue
        got = engine.shortest_path(s, t)
        assert got.cost == pytest.approx(expected, rel=1e-9, abs=1e-9)
        # The path is real: consecutive nodes joined by the key reported, costs add up.
        total = 0.0
        for u, v, k in zip(got.nodes, got.nodes[1:], got.keys, strict=False):
            cost = edge_cost(graph[u][v][k], get_profile(profile))
            assert cost is not None
            total += cost
        assert total == pytest.approx(got.cost, rel=1e-12)
        assert got.nodes[0] == s and got.nodes[-1] == t
        found += 1
    return found


@pytest.mark.parametrize("profile", PROFILE_NAMES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_small_graphs_match_networkx(profile: str, seed: int) -> None:
    graph = random_graph(40, seed, parallel=0.3)
    assert _check_pairs(graph, profile, 60, seed) > 0


@pytest.mark.parametrize("profile", ["trail", "vtt", "velo"])
def test_medium_graph_matches_networkx(profile: str) -> None:
    graph = random_graph(1500, 11)
    assert _check_pairs(graph, profile, 100, 5) > 15


def test_one_way_edges_match_networkx() -> None:
    graph = random_graph(600, 4, one_way=0.3)
    assert _check_pairs(graph, "trail", 80, 9) > 20


def test_cheapest_parallel_edge_is_kept() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node(1, x=2.8, y=50.4)
    graph.add_node(2, x=2.801, y=50.4)
    base = {"cavalier": False, "veloroute": False, "hiking": False, "access": False,
            "liaison": False, "sensitive": False, "terril": "", "rupture": "", "surface": "",
            "name": "", "geometry": None}
    graph.add_edge(1, 2, key=0, **{**base, "length": 100.0, "highway": "primary"})
    graph.add_edge(1, 2, key=1, **{**base, "length": 120.0, "highway": "track"})
    graph.add_edge(1, 2, key=2, **{**base, "length": 50.0, "highway": "motorway"})
    engine = RoutingEngine(graph, "trail")
    path = engine.shortest_path(1, 2)
    assert path.keys == [1]
    assert path.cost == edge_cost(graph[1][2][1], "trail")
    assert path.length_m == 120.0
    # Closing key 1 falls back on the next usable parallel edge, not on nothing.
    avoided = engine.shortest_path(1, 2, avoid_edges=[(1, 2, 1)])
    assert avoided.keys == [0]
    assert avoided.cost == pytest.approx(edge_cost(graph[1][2][0], "trail"), rel=1e-12)
    with pytest.raises(UnreachableError):
        engine.shortest_path(1, 2, avoid_edges=[(1, 2)])
    with pytest.raises(UnreachableError):
        engine.shortest_path(2, 1)


def test_avoided_edges_match_networkx_without_them() -> None:
    graph = random_graph(800, 21)
    engine = RoutingEngine(graph, "vtt")
    rng = random.Random(2)
    nodes = list(graph.nodes)
    checked = 0
    for _ in range(30):
        s, t = rng.choice(nodes), rng.choice(nodes)
        try:
            first = engine.shortest_path(s, t)
        except UnreachableError:
            continue
        if len(first.nodes) < 3:
            continue
        street = (first.nodes[1], first.nodes[2])
        pruned = graph.copy()
        for a, b in (street, street[::-1]):
            if pruned.has_edge(a, b):
                pruned.remove_edges_from([(a, b, k) for k in list(pruned[a][b])])
        expected = _nx_cost(pruned, s, t, networkx_cost_function("vtt"))
        if expected is None:
            with pytest.raises(UnreachableError):
                engine.shortest_path(s, t, avoid_edges=[street])
        else:
            got = engine.shortest_path(s, t, avoid_edges=[street])
            assert got.cost == pytest.approx(expected, rel=1e-9)
            assert street not in set(zip(got.nodes, got.nodes[1:], strict=False))
        checked += 1
    assert checked > 10


def test_avoided_zone_matches_networkx_without_its_edges() -> None:
    graph = random_graph(900, 8, parallel=0.0)
    engine = RoutingEngine(graph, "trail")
    big = sorted(max(nx.strongly_connected_components(graph), key=len))
    west = min(big, key=lambda n: graph.nodes[n]["x"])
    east = max(big, key=lambda n: graph.nodes[n]["x"])
    direct = engine.shortest_path(west, east)
    middle = graph.nodes[direct.nodes[len(direct.nodes) // 2]]
    zone = box(middle["x"] - 0.002, middle["y"] - 0.001, middle["x"] + 0.002, middle["y"] + 0.001)
    pruned = graph.copy()
    pruned.remove_edges_from([
        (u, v, k) for u, v, k in graph.edges(keys=True)
        if zone.intersects(LineString([(graph.nodes[u]["x"], graph.nodes[u]["y"]),
                                       (graph.nodes[v]["x"], graph.nodes[v]["y"])]))])
    assert pruned.number_of_edges() < graph.number_of_edges()
    expected = _nx_cost(pruned, west, east, networkx_cost_function("trail"))
    if expected is None:
        with pytest.raises(UnreachableError):
            engine.shortest_path(west, east, avoid_zones=[zone])
        return
    got = engine.shortest_path(west, east, avoid_zones=[zone])
    assert got.cost == pytest.approx(expected, rel=1e-9)
    assert got.cost > direct.cost


def test_closing_a_zone_matches_networkx_without_its_edges() -> None:
    """A closed zone (only its border edges enter the metric) gives networkx's costs on the
    graph without the zone's edges, for pairs on both sides and inside it."""
    graph = random_graph(900, 8, parallel=0.0)
    engine = RoutingEngine(graph, "trail")
    xs = [d["x"] for _, d in graph.nodes(data=True)]
    ys = [d["y"] for _, d in graph.nodes(data=True)]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    zone = box(cx - 0.003, cy - 0.002, cx + 0.003, cy + 0.002)
    closed = engine.edges_in_zone(zone)
    assert len(closed) > 20
    pruned = graph.copy()
    pruned.remove_edges_from([
        (u, v, k) for u, v, k in graph.edges(keys=True)
        if zone.intersects(LineString([(graph.nodes[u]["x"], graph.nodes[u]["y"]),
                                       (graph.nodes[v]["x"], graph.nodes[v]["y"])]))])
    weight = networkx_cost_function("trail")
    rng = random.Random(4)
    nodes = list(graph.nodes)
    with engine.closing(closed.tolist()):
        for _ in range(150):
            s, t = rng.choice(nodes), rng.choice(nodes)
            if s == t:
                continue
            expected = _nx_cost(pruned, s, t, weight)
            edges = engine.search_edges(engine.node_index(s), engine.node_index(t))
            assert (edges is None) == (expected is None)
            if edges is not None:
                got = engine.path_result(edges, engine.node_index(s))
                assert got.cost == pytest.approx(expected, rel=1e-9)
    # afterwards, the zone is open again
    direct = _nx_cost(graph, nodes[0], nodes[-1], weight)
    again = engine.search_edges(engine.node_index(nodes[0]), engine.node_index(nodes[-1]))
    assert (again is None) == (direct is None)
    if again is not None:
        assert engine.path_result(again, engine.node_index(nodes[0])).cost == pytest.approx(
            direct, rel=1e-9)


def test_one_to_many_sweeps_match_networkx() -> None:
    """Costs and lengths from one sweep per source (races' terril matrix) are networkx's."""
    graph = random_graph(400, 6, parallel=0.2)
    engine = RoutingEngine(graph, "vtt")
    nodes = list(graph.nodes)[::37]
    index = [engine.node_index(n) for n in nodes]
    costs = engine.costs_between(index, index)
    lengths = engine.lengths_between(index, index)
    weight = networkx_cost_function("vtt")
    # The engine's lengths run on the edge it keeps for each (u, v): the cheapest usable one.
    usable = nx.DiGraph()
    for u, v, k, data in graph.edges(keys=True, data=True):
        cost = edge_cost(data, "vtt")
        if u != v and cost is not None:
            kept = usable.get_edge_data(u, v)
            if kept is None or (cost, k) < (kept["cost"], kept["key"]):
                usable.add_edge(u, v, cost=cost, key=k, length=float(data["length"]))
    for i, s in enumerate(nodes):
        for j, t in enumerate(nodes):
            expected = _nx_cost(graph, s, t, weight) if s != t else 0.0
            assert costs[i, j] == (pytest.approx(expected, rel=1e-9) if expected is not None
                                   else float("inf"))
            try:
                shortest = nx.dijkstra_path_length(usable, s, t, weight="length")
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                shortest = 0.0 if s == t else float("inf")
            assert lengths[i, j] == pytest.approx(shortest, abs=0.01 * len(graph), rel=1e-9)


def test_via_points_add_up_legs() -> None:
    graph = random_graph(500, 5)
    engine = RoutingEngine(graph, "rando")
    big = max(nx.strongly_connected_components(graph), key=len)
    a, b, c = sorted(big)[:3]
    via = engine.route_via([a, b, c])
    legs = engine.shortest_path(a, b).cost + engine.shortest_path(b, c).cost
    assert via.cost == pytest.approx(legs, rel=1e-12)
    assert b in via.nodes


def test_unknown_node_is_a_clear_error() -> None:
    graph = random_graph(30, 1)
    engine = RoutingEngine(graph, "trail")
    with pytest.raises(EngineError, match="n'appartient pas"):
        engine.shortest_path(-5, next(iter(graph.nodes)))


def test_closing_waits_for_a_path_across_the_zone() -> None:
    """The closed edges enter the metric only for a query whose path would cross them, and
    leave it with the block."""
    graph = random_graph(900, 8, parallel=0.0)
    engine = RoutingEngine(graph, "trail")
    plain = engine._metric.weights.copy()
    xs = [d["x"] for _, d in graph.nodes(data=True)]
    ys = [d["y"] for _, d in graph.nodes(data=True)]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    closed = engine.edges_in_zone(box(cx - 0.003, cy - 0.002, cx + 0.003, cy + 0.002))
    inside = set(closed.tolist())
    touched = set(engine.tail[closed].tolist()) | set(engine.arrays.indices[closed].tolist())
    nodes = [i for i in range(engine.node_count) if i not in touched]
    paths = {(s, t): engine.search_edges(s, t) for s, t in zip(nodes[::5], nodes[2::5],
                                                               strict=False)}
    clear = [pair for pair, edges in paths.items() if edges and not inside.intersection(edges)]
    across = [pair for pair, edges in paths.items() if edges and inside.intersection(edges)]
    assert clear and across
    with engine.closing(closed.tolist()):
        for s, t in clear:
            assert engine.search_edges(s, t) == paths[(s, t)]
        assert np.array_equal(engine._metric.weights, plain)
        edges = engine.search_edges(*across[0])
        assert edges is None or not inside.intersection(edges)
        assert not np.array_equal(engine._metric.weights, plain)
    assert np.array_equal(engine._metric.weights, plain)
