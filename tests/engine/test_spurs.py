"""Length a line course must ride twice: dead-end spurs (bridges) off the line from a to b."""

from __future__ import annotations

import networkx as nx
import pytest
from shapely import LineString

from routes.courses.loops import reused_length, route_closed
from routes.courses.spurs import SpurMap
from routes.search.engine import RoutingEngine

STEP_DEG = 0.0014  # ~100 m of longitude at 50.4° N
#: Node: (x, y) in steps of ~100 m.
NODES = {0: (0, 0), 1: (1, 0), 2: (2, 0), 3: (3, 0),  # the line a = 0 → b = 3
         10: (1, 1), 11: (1, 2), 12: (1, 3),  # a dead-end spur from 1
         20: (2, 1), 21: (3, 1)}  # a triangle 2–20–21 hanging on 2: no bridge
STREETS = [(0, 1), (1, 2), (2, 3), (1, 10), (10, 11), (11, 12), (2, 20), (20, 21), (21, 2)]


def _graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(crs="EPSG:4326", name="épis", source="test")
    for node, (x, y) in NODES.items():
        graph.add_node(node, x=2.8 + x * STEP_DEG, y=50.4 + y * STEP_DEG * 0.64)
    for u, v in STREETS:
        pu = (graph.nodes[u]["x"], graph.nodes[u]["y"])
        pv = (graph.nodes[v]["x"], graph.nodes[v]["y"])
        data = {"length": 100.0 if u != 21 else 141.0, "cavalier": True, "veloroute": False,
                "hiking": False, "access": False, "liaison": False, "sensitive": False,
                "terril": "", "rupture": "", "highway": "", "surface": "unpaved", "name": "",
                "source": "layer", "surveyed": True}
        graph.add_edge(u, v, geometry=LineString([pu, pv]), **data)
        graph.add_edge(v, u, geometry=LineString([pv, pu]), **data)
    return graph


@pytest.fixture(scope="module")
def engine() -> RoutingEngine:
    return RoutingEngine(_graph(), "trail")


@pytest.fixture(scope="module")
def spurs(engine: RoutingEngine) -> SpurMap:
    return SpurMap(engine, engine.node_index(0), engine.node_index(3))


def test_a_place_at_the_end_of_a_spur_forces_its_length_twice(
        engine: RoutingEngine, spurs: SpurMap) -> None:
    ix = engine.node_index
    assert spurs.forced_m([ix(11)]) == pytest.approx(200.0)
    assert spurs.forced_m([ix(11), ix(12)]) == pytest.approx(300.0)  # one spur, ridden once
    assert spurs.extra_many([ix(11)], [ix(12), ix(21)]).tolist() == pytest.approx([100.0, 0.0])
    path = route_closed(engine, [ix(0), ix(12), ix(3)])
    assert path is not None
    assert reused_length(engine, path.edges) == pytest.approx(spurs.forced_m([ix(12)]))


def test_places_on_the_line_or_on_a_cycle_force_nothing(
        engine: RoutingEngine, spurs: SpurMap) -> None:
    ix = engine.node_index
    assert spurs.forced_m([ix(1), ix(2), ix(20), ix(21)]) == 0.0
    path = route_closed(engine, [ix(0), ix(21), ix(3)])
    assert path is not None
    assert reused_length(engine, path.edges) == 0.0


def test_least_reuse_for_a_length_never_exceeds_what_a_route_achieves(spurs: SpurMap) -> None:
    # Without riding anything twice: the line (300 m) and the triangle (341 m) at most.
    assert spurs.least_reuse_m(600.0) == 0.0
    # 841 m: e.g. the triangle and 100 m in and out of the spur (100 m ridden twice).
    assert 0.0 < spurs.least_reuse_m(841.0) <= 100.0
    assert spurs.least_reuse_m(1_200.0) > spurs.least_reuse_m(841.0)
