"""Line races visit the requested terrils; variants share at most the allowed length."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from basin_generator import SyntheticBasin, generate_basin

from routes.courses.loops import find_loops
from routes.courses.races import RaceError, plan_race, terril_nodes
from routes.courses.variants import VariantError, loop_variants, parse_share, race_variants
from routes.search.engine import RoutingEngine


@pytest.fixture(scope="module")
def basin() -> Iterator[SyntheticBasin]:
    yield generate_basin(nodes=60_000, seed=9)


@pytest.fixture(scope="module")
def engine(basin: SyntheticBasin) -> RoutingEngine:
    return RoutingEngine(basin.graph, "trail")


def _node_near(engine: RoutingEngine, fx: float, fy: float) -> int:
    lo, hi = engine.xy.min(axis=0), engine.xy.max(axis=0)
    comp = engine.components
    main = int(comp[engine.nearest_node(*((lo + hi) / 2))])
    for k in range(1, 50):
        for i in engine.nearest_nodes(lo[0] + fx * (hi[0] - lo[0]), lo[1] + fy * (hi[1] - lo[1]),
                                      k * 4):
            if comp[i] == main and engine.degree(i) >= 3:
                return engine.node_ids[i]
    raise AssertionError("no node")


def _streets(graph: nx.MultiDiGraph, nodes: list[int], keys: list[int]
             ) -> dict[frozenset[int], float]:
    return {frozenset((u, v)): graph[u][v][k]["length"]
            for u, v, k in zip(nodes, nodes[1:], keys, strict=False)}


@pytest.mark.parametrize(("count", "length", "span"), [(5, 40_000.0, 0.15),
                                                       (15, 105_000.0, 0.35)])
def test_race_visits_the_requested_terrils(engine: RoutingEngine, basin: SyntheticBasin,
                                           count: int, length: float, span: float) -> None:
    a, b = _node_near(engine, 0.3, 0.5), _node_near(engine, 0.3 + span, 0.5)
    terrils = terril_nodes(basin.graph)
    race = plan_race(engine, a, b, count, length, terrils=terrils)
    assert len(race.terrils) == count == len(set(race.terrils))
    assert race.path.nodes[0] == a and race.path.nodes[-1] == b
    positions = [race.path.nodes.index(terrils[ref]) for ref in race.terrils]
    assert positions == sorted(positions)
    assert abs(race.length_error) <= 0.15
    total = sum(basin.graph[u][v][k]["length"] for u, v, k in
                zip(race.path.nodes, race.path.nodes[1:], race.path.keys, strict=False))
    assert total == pytest.approx(race.length_m)


def test_race_keeps_imposed_terrils_in_order(engine: RoutingEngine,
                                             basin: SyntheticBasin) -> None:
    a, b = _node_near(engine, 0.2, 0.5), _node_near(engine, 0.55, 0.5)
    terrils = terril_nodes(basin.graph)
    comp = engine.components
    reachable = sorted(r for r, n in terrils.items()
                       if comp[engine.node_index(n)] == comp[engine.node_index(a)])
    imposed = [reachable[3], reachable[0]]
    race = plan_race(engine, a, b, 6, 60_000.0, terrils=terrils, required=imposed, ordered=True)
    assert len(race.terrils) == 6
    assert race.terrils.index(imposed[0]) < race.terrils.index(imposed[1])


def test_race_refusals_are_explained(engine: RoutingEngine, basin: SyntheticBasin) -> None:
    a, b = _node_near(engine, 0.1, 0.5), _node_near(engine, 0.9, 0.5)
    terrils = terril_nodes(basin.graph)
    with pytest.raises(RaceError, match="fait déjà"):
        plan_race(engine, a, b, 3, 10_000.0, terrils=terrils)
    with pytest.raises(RaceError, match="terrils accessibles"):
        plan_race(engine, a, b, 500, 300_000.0, terrils=terrils)
    with pytest.raises(RaceError, match="inconnus"):
        plan_race(engine, a, b, 3, 120_000.0, terrils=terrils, required=["T999"])


@pytest.mark.parametrize("max_overlap", [0.3, 0.1])
def test_loop_variant_shares_at_most_the_allowed_length(engine: RoutingEngine,
                                                        basin: SyntheticBasin,
                                                        max_overlap: float) -> None:
    graph = basin.graph
    start = _node_near(engine, 0.4, 0.4)
    old = find_loops(engine, start, 20_000.0, count=1)[0]
    line = [(graph.nodes[n]["x"], graph.nodes[n]["y"]) for n in old.path.nodes]
    variant = loop_variants(engine, line, start, 20_000.0, max_overlap)[0]
    new = variant.course
    assert new.path.nodes[0] == start == new.path.nodes[-1]
    assert abs(new.length_error) <= 0.02
    before = _streets(graph, old.path.nodes, old.path.keys)
    after = _streets(graph, new.path.nodes, new.path.keys)
    shared = sum(length for street, length in after.items() if street in before)
    assert shared == pytest.approx(variant.shared_m, rel=1e-6, abs=1e-6)
    assert shared <= max_overlap * new.length_m + 1e-6
    assert variant.overlap <= max_overlap


def test_loop_variants_are_distinct_ranked_and_all_within_the_share(
        engine: RoutingEngine, basin: SyntheticBasin) -> None:
    graph = basin.graph
    start = _node_near(engine, 0.4, 0.4)
    old = find_loops(engine, start, 20_000.0, count=1)[0]
    line = [(graph.nodes[n]["x"], graph.nodes[n]["y"]) for n in old.path.nodes]
    variants = loop_variants(engine, line, start, 20_000.0, 0.3, count=3)
    assert len(variants) == 3
    assert len({tuple(sorted(v.course.path.edges)) for v in variants}) == 3
    assert all(v.overlap <= 0.3 for v in variants)
    scores = [v.course.score for v in variants]
    assert scores == sorted(scores)
    assert variants[0] == loop_variants(engine, line, start, 20_000.0, 0.3)[0]


def test_race_variant_shares_at_most_the_allowed_length(engine: RoutingEngine,
                                                        basin: SyntheticBasin) -> None:
    graph = basin.graph
    a, b = _node_near(engine, 0.2, 0.3), _node_near(engine, 0.5, 0.6)
    terrils = terril_nodes(graph)
    old = plan_race(engine, a, b, 6, 60_000.0, terrils=terrils)
    line = [(graph.nodes[n]["x"], graph.nodes[n]["y"]) for n in old.path.nodes]
    variant = race_variants(engine, line, a, b, 6, 60_000.0, 0.3, terrils=terrils)[0]
    before = _streets(graph, old.path.nodes, old.path.keys)
    after = _streets(graph, variant.course.path.nodes, variant.course.path.keys)
    shared = sum(length for street, length in after.items() if street in before)
    assert shared <= 0.3 * variant.course.length_m + 1e-6
    assert len(variant.course.terrils) == 6


def test_variant_impossible_on_a_single_way() -> None:
    from engine.test_loops import _line_graph

    graph = _line_graph(40)
    engine = RoutingEngine(graph, "trail")
    line = [(graph.nodes[n]["x"], graph.nodes[n]["y"]) for n in range(40)]
    with pytest.raises(VariantError):
        race_variants(engine, line, 0, 39, 0, 3900.0, 0.3, terrils={})[0]


@pytest.mark.parametrize(("text", "share"), [("30%", 0.3), ("30 %", 0.3), ("0.3", 0.3),
                                             ("30", 0.3), ("0%", 0.0), ("12,5 %", 0.125)])
def test_parse_share(text: str, share: float) -> None:
    assert parse_share(text) == pytest.approx(share)


@pytest.mark.parametrize("text", ["", "trente", "150%", "-5%"])
def test_parse_share_refuses_garbage(text: str) -> None:
    with pytest.raises(VariantError):
        parse_share(text)
