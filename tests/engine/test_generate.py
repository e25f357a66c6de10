"""routes.courses.generate: the one generator behind the route panel and the course commands.

Loops and variants run on a synthetic grid (``layer_factory.grid``): the real default network
is made of old railway lines, nearly a tree, where 6 km loops without out-and-back legs are rare.
The race runs on the default network."""

from __future__ import annotations

from functools import cache

import pytest
from layer_factory import grid

from routes.courses.generate import CourseRequest, generate
from routes.courses.loops import LoopError
from routes.network.model import Network, load_network, network_from_layers
from routes.network.places import Place
from routes.search.engine import engine_for
from routes.search.routing import Route


@cache
def network() -> Network:
    return load_network()


def _route(net: Network, kind: str, start: Place, profile: str, length_m: float) -> Route:
    request = CourseRequest(kind, profile, start, length_m)  # type: ignore[arg-type]
    return generate(net, request)[0].route


@cache
def meshed() -> Network:
    return network_from_layers(grid(), name="grille de test")


def test_loop_route_is_closed_and_has_the_length() -> None:
    net = meshed()
    route = _route(net, "loop", net.places.resolve("T074"), "vtt", 6000.0)
    assert route.nodes[0] == route.nodes[-1]
    assert route.length_m == pytest.approx(6000.0, rel=0.02)
    assert route.coords[0] == pytest.approx(route.coords[-1])
    assert "T074" in [s.place_key for s in route.stops]


def test_variant_differs_from_the_best_loop() -> None:
    net = meshed()
    start = net.places.resolve("T074")
    best = _route(net, "loop", start, "vtt", 6000.0)
    other = _route(net, "variant", start, "vtt", 6000.0)
    before = {frozenset(e[:2]) for e in best.edges}
    shared = sum(net.graph[u][v][k]["length"] for u, v, k in other.edges
                 if frozenset((u, v)) in before)
    assert shared <= 0.3 * other.length_m
    assert other.length_m == pytest.approx(6000.0, rel=0.02)


def test_race_goes_through_terrils() -> None:
    net = network()
    route = _route(net, "race", net.places.resolve("Gosnay"), "trail", 42000.0)
    assert route.stops[0].label == net.places.resolve("Gosnay").label
    assert route.stops[-1].place_key.startswith("T")
    assert len(route.terrils) >= 3


def test_unknown_kind_and_cached_engine() -> None:
    net = network()
    with pytest.raises(LoopError, match="inconnu"):
        _route(net, "spirale", net.places.resolve("T074"), "vtt", 6000.0)
    assert engine_for(net.graph, "vtt") is engine_for(net.graph, "vtt")
