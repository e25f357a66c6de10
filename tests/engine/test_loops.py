"""Loops close, keep to the length tolerance, the reuse limit and the area, or say why not."""

from __future__ import annotations

import math
from collections.abc import Iterator

import networkx as nx
import pytest
from basin_generator import SyntheticBasin, generate_basin
from shapely import LineString, Point

from routes.courses.loops import LoopError, find_loops, parse_length
from routes.search.engine import RoutingEngine


@pytest.fixture(scope="module")
def basin() -> Iterator[SyntheticBasin]:
    yield generate_basin(nodes=60_000, seed=5)


@pytest.fixture(scope="module")
def engine(basin: SyntheticBasin) -> RoutingEngine:
    return RoutingEngine(basin.graph, "vtt")


def _starts(engine: RoutingEngine, count: int) -> list[int]:
    comp = engine.components
    biggest = int(comp[engine.nearest_node(*engine.xy.mean(axis=0))])
    picks = [i for i in range(0, engine.node_count, 997)
             if comp[i] == biggest and engine.degree(i) >= 3]
    return [engine.node_ids[i] for i in picks[:count]]


def _undirected_lengths(graph: nx.MultiDiGraph, nodes: list[int], keys: list[int]
                        ) -> tuple[float, float]:
    """Total and reused length recomputed from the graph itself (not from the engine)."""
    seen: set[frozenset[int]] = set()
    total = reused = 0.0
    for u, v, k in zip(nodes, nodes[1:], keys, strict=False):
        length = graph[u][v][k]["length"]
        total += length
        street = frozenset((u, v))
        if street in seen:
            reused += length
        seen.add(street)
    return total, reused


@pytest.mark.parametrize("target", [6000.0, 12000.0, 25000.0])
def test_loops_close_and_keep_to_length_and_reuse(engine: RoutingEngine, basin: SyntheticBasin,
                                                  target: float) -> None:
    for start in _starts(engine, 6):
        loops = find_loops(engine, start, target, count=3)
        assert 1 <= len(loops) <= 3
        assert [lp.score for lp in loops] == sorted(lp.score for lp in loops)
        for lp in loops:
            assert lp.path.nodes[0] == start == lp.path.nodes[-1]
            total, reused = _undirected_lengths(basin.graph, lp.path.nodes, lp.path.keys)
            assert total == pytest.approx(lp.length_m)
            assert abs(total - target) <= 0.02 * target
            assert reused <= 0.05 * total + 1e-6
            assert reused == pytest.approx(lp.reused_m, abs=1e-6)
        for i, a in enumerate(loops):
            for b in loops[i + 1:]:
                assert a.path.nodes != b.path.nodes


def test_loop_within_a_terril_stays_inside(engine: RoutingEngine, basin: SyntheticBasin) -> None:
    places = {d["place"]: n for n, d in basin.graph.nodes(data=True) if "place" in d}
    ref = max(basin.terrils, key=lambda r: basin.terrils[r].area)
    area = basin.terrils[ref]
    loops = find_loops(engine, places[ref], 4000.0, area=area)
    grown = area.buffer(0.00013)
    for lp in loops:
        assert abs(lp.length_error) <= 0.02
        assert lp.terril_share > 0.8
        for u, v in zip(lp.path.nodes, lp.path.nodes[1:], strict=False):
            a, b = basin.graph.nodes[u], basin.graph.nodes[v]
            assert grown.covers(LineString([(a["x"], a["y"]), (b["x"], b["y"])]))


def test_area_too_small_for_the_length(engine: RoutingEngine, basin: SyntheticBasin) -> None:
    places = {d["place"]: n for n, d in basin.graph.nodes(data=True) if "place" in d}
    ref = min(basin.terrils, key=lambda r: basin.terrils[r].area)
    with pytest.raises(LoopError, match="Zone trop petite"):
        find_loops(engine, places[ref], 50_000.0, area=basin.terrils[ref])


def test_area_far_from_start(engine: RoutingEngine, basin: SyntheticBasin) -> None:
    start = _starts(engine, 1)[0]
    data = basin.graph.nodes[start]
    far = Point(data["x"] + 0.2, data["y"]).buffer(0.01)
    with pytest.raises(LoopError):
        find_loops(engine, start, 3000.0, area=far)


def test_must_visit_point_is_on_the_loop(engine: RoutingEngine) -> None:
    start = _starts(engine, 1)[0]
    s = engine.node_index(start)
    x, y = engine.xy[s]
    via = engine.node_ids[engine.nearest_node(x + 1500.0, y + 500.0)]
    loops = find_loops(engine, start, 8000.0, must_visit=[via])
    assert all(via in lp.path.nodes for lp in loops)


def _line_graph(n: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(crs="EPSG:4326", name="ligne", source="test")
    for i in range(n):
        graph.add_node(i, x=2.8 + i * 0.0014, y=50.4)
    for i in range(n - 1):
        data = {"length": 100.0, "cavalier": True, "veloroute": False, "hiking": False,
                "access": False, "liaison": False, "sensitive": False, "terril": "",
                "rupture": "", "highway": "", "surface": "unpaved", "name": ""}
        a, b = (2.8 + i * 0.0014, 50.4), (2.8 + (i + 1) * 0.0014, 50.4)
        graph.add_edge(i, i + 1, geometry=LineString([a, b]), **data)
        graph.add_edge(i + 1, i, geometry=LineString([b, a]), **data)
    graph.add_node(999, x=3.0, y=50.5)  # on its own: no way at all
    return graph


def test_no_loop_on_a_dead_end_line_says_why() -> None:
    engine = RoutingEngine(_line_graph(60), "trail")
    with pytest.raises(LoopError, match="repris"):
        find_loops(engine, 10, 2000.0)


def test_start_without_usable_way() -> None:
    engine = RoutingEngine(_line_graph(10), "trail")
    with pytest.raises(LoopError, match="aucune voie"):
        find_loops(engine, 999, 2000.0)
    with pytest.raises(LoopError, match="hors du réseau"):
        find_loops(engine, 12345, 2000.0)


@pytest.mark.parametrize(("text", "metres"), [("6km", 6000.0), ("6 km", 6000.0),
                                              ("6,5 km", 6500.0), ("6000m", 6000.0),
                                              ("105km", 105000.0), ("800", 800.0)])
def test_parse_length(text: str, metres: float) -> None:
    assert math.isclose(parse_length(text), metres)


@pytest.mark.parametrize("text", ["", "six km", "-3km", "0 km", "nan km"])
def test_parse_length_refuses_garbage(text: str) -> None:
    with pytest.raises(LoopError):
        parse_length(text)
