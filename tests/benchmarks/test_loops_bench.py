"""Loop generation speed and quality on the basin-scale synthetic graph.

Speed is printed as a ratio to a baseline measured in the same run: one scipy Dijkstra from the
start over the engine's own arrays, limited to half the loop length (the least any loop search
must explore). Quality is measured on the output geometry by ``course_quality.measure``, not by the
generator's own acceptance filter: length within 2 % of the target plus 0.5 % for the difference
between the geodesic and the stored lengths, geometry ridden twice <= 5 %.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

import networkx as nx
import numpy as np
import pytest
from basin_generator import SyntheticBasin
from conftest import Basin, record
from course_quality import measure

from routes.courses.loops import Loop, find_loops
from routes.search.engine import RoutingEngine

pytestmark = pytest.mark.benchmark

PROFILE = "vtt"


def say(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print(f"\n{line}", end="")


@pytest.fixture(scope="module")
def setting(big_basin: Basin) -> Iterator[tuple[SyntheticBasin, RoutingEngine]]:
    engine = RoutingEngine(big_basin.basin.graph, PROFILE)
    engine.nearest_node(*engine.xy[0])  # the snapping tree: once per engine, not per loop
    yield big_basin.basin, engine


def _starts(engine: RoutingEngine, count: int, seed: int) -> list[int]:
    comp = engine.components
    main = np.flatnonzero((comp == np.bincount(comp).argmax())
                          & (np.diff(engine.arrays.indptr) > 0))
    picks = np.random.default_rng(seed).choice(main, size=count, replace=False)
    return [engine.node_ids[int(i)] for i in picks]


def _run(engine: RoutingEngine, starts: list[int], length: float, **kwargs: object
         ) -> tuple[list[float], list[float], list[Loop]]:
    times: list[float] = []
    baseline: list[float] = []
    loops: list[Loop] = []
    engine.components  # noqa: B018 - computed once per engine, not part of any query
    for start in starts:
        t0 = time.perf_counter()
        engine.distances_from(engine.node_index(start), limit=length / 2)
        t1 = time.perf_counter()
        found = find_loops(engine, start, length, **kwargs)  # type: ignore[arg-type]
        times.append(time.perf_counter() - t1)
        baseline.append(t1 - t0)
        loops.extend(found)
    return times, baseline, loops


def _quality(graph: nx.MultiDiGraph, loops: list[Loop]) -> tuple[float, float]:
    """Worst length error and worst reused share, measured on the loops' geometry."""
    worst_err = worst_reuse = 0.0
    for lp in loops:
        assert lp.path.nodes[0] == lp.path.nodes[-1]
        length, reused = measure(graph, lp.path.nodes, lp.path.keys)
        worst_err = max(worst_err, abs(length - lp.target_m) / lp.target_m)
        worst_reuse = max(worst_reuse, reused / length)
    return worst_err, worst_reuse


def _report(capsys: pytest.CaptureFixture[str], label: str, graph: nx.MultiDiGraph,
            times: list[float], baseline: list[float], loops: list[Loop], runs: int,
            target_s: float) -> tuple[float, float, float]:
    med = statistics.median(times)
    ratio = statistics.median(t / b for t, b in zip(times, baseline, strict=True))
    worst_err, worst_reuse = _quality(graph, loops)
    say(capsys, f"{label}: median {med:.3f} s (target <= {target_s} s), "
                f"{ratio:.1f}x one Dijkstra to half the length (baseline, median of ratios) "
                f"over {runs} starts; {len(loops)} loops measured on their geometry: worst "
                f"length error {worst_err:.1%}, worst reuse {worst_reuse:.1%}")
    assert worst_err <= 0.025
    assert worst_reuse <= 0.05
    return med, worst_err, worst_reuse


def test_six_km_loops(setting: tuple[SyntheticBasin, RoutingEngine],
                      capsys: pytest.CaptureFixture[str]) -> None:
    basin, engine = setting
    starts = _starts(engine, 20, 6)
    times, baseline, loops = _run(engine, starts, 6000.0)
    _report(capsys, "loop 6 km (vtt, 3 distinct loops)", basin.graph, times, baseline, loops,
            len(starts), 0.05)


def test_marathon_loops(setting: tuple[SyntheticBasin, RoutingEngine],
                        capsys: pytest.CaptureFixture[str]) -> None:
    basin, engine = setting
    starts = _starts(engine, 12, 42)
    times, baseline, loops = _run(engine, starts, 42000.0)
    med, err, reuse = _report(capsys, "loop 42 km (vtt, 3 distinct loops)", basin.graph, times,
                              baseline, loops, len(starts), 0.1)
    record("loop 42 km", "<= 0,1 s, <= 2 % length, <= 5 % reuse",
           f"{med:.3f} s median of {len(starts)} starts, 3 loops each: worst length "
           f"{err:.1%}, worst reuse {reuse:.1%}")


def test_loops_within_a_terril(setting: tuple[SyntheticBasin, RoutingEngine],
                               capsys: pytest.CaptureFixture[str]) -> None:
    basin, engine = setting
    places = {d["place"]: n for n, d in basin.graph.nodes(data=True) if "place" in d}
    big = sorted(basin.terrils, key=lambda ref: -basin.terrils[ref].area)[:5]
    times: list[float] = []
    loops: list[Loop] = []
    for ref in big:
        t0 = time.perf_counter()
        found = find_loops(engine, places[ref], 6000.0, area=basin.terrils[ref])
        times.append(time.perf_counter() - t0)
        loops.extend(found)
        shapely_area = basin.terrils[ref].buffer(0.00013)
        for lp in found:
            assert all(shapely_area.covers(_point(basin, n)) for n in lp.path.nodes)
    worst_err, worst_reuse = _quality(basin.graph, loops)
    say(capsys, f"loop 6 km within a terril (vtt, 5 largest synthetic terrils): median "
                f"{statistics.median(times):.3f} s, max {max(times):.3f} s, {len(loops)} loops "
                f"measured on their geometry: worst length error {worst_err:.1%}, worst "
                f"reuse {worst_reuse:.1%}")
    assert worst_err <= 0.025


def _point(basin: SyntheticBasin, node: int) -> object:
    from shapely import Point

    data = basin.graph.nodes[node]
    return Point(data["x"], data["y"])
