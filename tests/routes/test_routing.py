"""Routing on hand-made networks: equal to networkx, profiles, names and errors."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from layer_factory import at, ladder, line, point
from reference_engine import NetworkxEngine, weight_function

from routes.errors import ProfileError, UnknownPlaceError, UnreachableError
from routes.network.layers import LayerKind, LayerSet
from routes.network.model import network_from_layers
from routes.search.profiles import PROFILE_NAMES, edge_cost, get_profile
from routes.search.routing import Router


@pytest.fixture(scope="module")
def net():  # type: ignore[no-untyped-def]
    return network_from_layers(ladder(), name="échelle")


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_route_cost_equals_networkx_shortest_path(net, profile: str) -> None:  # type: ignore[no-untyped-def]
    router = Router(net)
    nodes = sorted(net.graph.nodes)
    rng = random.Random(7)
    for _ in range(30):
        a, b = rng.sample(nodes, 2)
        weight = weight_function(net.graph, profile)
        try:
            expected = nx.shortest_path_length(net.graph, a, b, weight=weight)
        except nx.NetworkXNoPath:
            with pytest.raises(UnreachableError):
                router.engine(profile).shortest_path(a, b)
            continue
        result = router.engine(profile).shortest_path(a, b)
        assert result.cost == pytest.approx(expected, rel=1e-12)
        recomputed = sum(edge_cost(net.graph[u][v][k], profile) or 0 for u, v, k in
                         zip(result.nodes, result.nodes[1:], result.keys, strict=False))
        assert recomputed == pytest.approx(result.cost, rel=1e-12)


def test_trail_prefers_the_cavalier_over_the_road(net) -> None:  # type: ignore[no-untyped-def]
    route = Router(net).route([at(0, 0), at(3000, 0)], "trail")
    assert route.share("cavalier") > 0.6
    assert route.ruptures == []


def test_road_route_crosses_the_rupture_point(net) -> None:  # type: ignore[no-untyped-def]
    route = Router(net).route([at(1500, 0), at(3000, 0)], "velo")
    assert [r.ident for r in route.ruptures] == ["R1"]
    assert route.length_m == pytest.approx(1500, rel=0.01)


def test_vtt_may_not_enter_the_sensitive_zone(net) -> None:  # type: ignore[no-untyped-def]
    trail = Router(net).route([at(1500, 0), at(1500, 1000)], "rando")
    vtt = Router(net).route([at(1500, 0), at(1500, 1000)], "vtt")
    assert trail.length_m == pytest.approx(1000, rel=0.01)
    assert vtt.length_m > 2500


def test_named_stops_and_statistics(net) -> None:  # type: ignore[no-untyped-def]
    route = Router(net).route(["Base de test", "T074", "Loos-en-Gohelle"], "trail")
    assert [s.label for s in route.stops] == ["Base de test", "T074 Terril test",
                                              "Loos-en-Gohelle"]
    assert "T074" in route.terrils
    assert sum(route.layer_lengths.get(k, 0) for k in ("cavalier", "hiking", "veloroute",
                                                       "access", "chemin")) == pytest.approx(
        route.length_m)
    assert route.coords[0] == pytest.approx(at(-100, 0), abs=1e-6)
    geojson = route.to_geojson()
    assert geojson["features"][0]["geometry"]["type"] == "LineString"


def test_unknown_name_lists_closest(net) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownPlaceError) as err:
        Router(net).route(["Terril tset", "T074"], "trail")
    assert "Terril test" in str(err.value)
    assert err.value.suggestions


def test_unknown_profile() -> None:
    with pytest.raises(ProfileError, match="Profil inconnu « ski »"):
        get_profile("ski")


def test_point_far_from_the_network(net) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnreachableError, match="km du réseau"):
        Router(net).route([at(0, 0), (3.5, 50.9)], "trail")


def test_disconnected_parts_are_named() -> None:
    layers = LayerSet(features=[
        line(LayerKind.CAVALIER, (0, 0), (1000, 0)),
        line(LayerKind.CAVALIER, (5000, 0), (6000, 0)),
        point(LayerKind.TERRIL, 0, 50, ref="T001", name="Ouest"),
        point(LayerKind.TERRIL, 6000, 50, ref="T002", name="Est"),
    ])
    net = network_from_layers(layers, name="deux parties")
    with pytest.raises(UnreachableError) as err:
        Router(net).route(["T001", "T002"], "trail")
    message = str(err.value)
    assert "T001 Ouest" in message and "T002 Est" in message
    assert "aucune liaison entre ces deux parties" in message


def test_forbidden_ways_are_explained() -> None:
    layers = LayerSet(features=[
        line(LayerKind.PATH, (0, 0), (1000, 0), highway="steps"),
        point(LayerKind.POLE, 0, 10, ref="a", name="Haut"),
        point(LayerKind.POLE, 1000, 10, ref="b", name="Bas"),
    ])
    net = network_from_layers(layers, name="escalier")
    assert Router(net).route(["Haut", "Bas"], "rando").length_m > 1000
    with pytest.raises(UnreachableError, match="voies interdites"):
        Router(net).route(["Haut", "Bas"], "velo")


def test_networkx_engine_honours_avoided_edges(net) -> None:  # type: ignore[no-untyped-def]
    engine = NetworkxEngine(net.graph, "trail")
    a, b = net.nearest_node(*at(0, 0))[0], net.nearest_node(*at(3000, 0))[0]
    first = engine.shortest_path(a, b)
    avoid = {(u, v, k) for u, v, k in zip(first.nodes, first.nodes[1:], first.keys,
                                         strict=False)}
    second = engine.shortest_path(a, b, avoid_edges=avoid)
    assert second.cost > first.cost
    assert not avoid & set(zip(second.nodes, second.nodes[1:], second.keys, strict=False))
