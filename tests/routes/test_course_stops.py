"""The few stops kept for a generated course pin it: re-routing through them gives it back."""

from __future__ import annotations

import itertools

import pytest
from layer_factory import grid

from routes.courses.generate import CourseRequest, generate
from routes.courses.loops import Loop
from routes.courses.races import Race
from routes.courses.stops import shaping_indices
from routes.network.model import Network, load_network, network_from_layers
from routes.search.engine import engine_for


@pytest.fixture(scope="module")
def grid_network() -> Network:
    return network_from_layers(grid(), name="grille de test")


def _rerouted(network: Network, profile: str, nodes: list[int], kept: list[int]
              ) -> tuple[list[int], list[int]]:
    engine = engine_for(network.graph, profile)
    route_nodes, keys = [nodes[kept[0]]], []
    for a, b in itertools.pairwise(kept):
        leg = engine.shortest_path(nodes[a], nodes[b])
        route_nodes.extend(leg.nodes[1:])
        keys.extend(leg.keys)
    return route_nodes, keys


def test_loop_stops_are_start_turn_points_and_few_extras(grid_network: Network) -> None:
    request = CourseRequest("loop", "vtt", "T074", 6000.0, count=3)
    for found in generate(grid_network, request):
        loop = found.course
        assert isinstance(loop, Loop)
        path = loop.path
        engine = engine_for(grid_network.graph, "vtt")
        kept = shaping_indices(engine, path.nodes, path.keys, loop.waypoints)
        assert kept[0] == 0 and kept[-1] == len(path.nodes) - 1
        assert 3 <= len(kept) <= 8
        turns = [n for n in loop.waypoints if n != path.nodes[0]]
        assert all(n in [path.nodes[i] for i in kept] for n in turns)
        assert _rerouted(grid_network, "vtt", path.nodes, kept) == (path.nodes, path.keys)


def test_an_out_and_back_gets_its_turn_point_untold(grid_network: Network) -> None:
    """Start and finish at the same node with no turn point given: the one extra stop needed is
    the far end, found by the search (no stop at all would be no route)."""
    engine = engine_for(grid_network.graph, "vtt")
    direct = engine.shortest_path(*_far_apart(grid_network))
    mid = direct.nodes[len(direct.nodes) // 2]
    out = engine.shortest_path(direct.nodes[0], mid)
    back = engine.shortest_path(mid, direct.nodes[0])
    nodes, keys = out.nodes + back.nodes[1:], out.keys + back.keys  # an out-and-back
    kept = shaping_indices(engine, nodes, keys)
    assert len(kept) == 3 and nodes[kept[1]] == mid
    assert _rerouted(grid_network, "vtt", nodes, kept) == (nodes, keys)


def _far_apart(network: Network) -> tuple[int, int]:
    nodes = list(network.graph.nodes)
    return nodes[0], nodes[-1]


def test_race_keeps_its_terrils_in_order() -> None:
    network = load_network()
    request = CourseRequest("race", "trail", "T074", 20000.0, finish="T098", terril_count=2)
    found = generate(network, request)[0]
    race = found.course
    assert isinstance(race, Race)
    path = race.path
    engine = engine_for(network.graph, "trail")
    kept = shaping_indices(engine, path.nodes, path.keys, race.stops[1:-1])
    kept_nodes = [path.nodes[i] for i in kept]
    positions = [kept_nodes.index(n) for n in race.stops[1:-1]]
    assert positions == sorted(positions)
    assert len(kept) <= 8
