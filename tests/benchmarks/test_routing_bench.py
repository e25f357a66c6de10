"""Route engine speed on a basin-scale graph, against the library's raw query and igraph.

The graph is the deterministic synthetic basin (>= 250 000 nodes, shared by the session with its
node order). Measured in the same run: the engine's point-to-point query (path, keys, cost and
length included), routingkit-cch's raw query on the engine's own metric (distance and arcs only),
and igraph's Dijkstra on the same float costs. Costs must be identical to igraph's; ratios are
asserted, never a wall-clock limit. Each test records its line of the target table printed at the
end of the run (``conftest.py``).
"""

from __future__ import annotations

import itertools
import statistics
import time
from typing import Any

import numpy as np
import pytest
import shapely
from bench_timing import best_time
from conftest import Basin, record

from routes.courses.races import plan_race, terril_nodes
from routes.search.engine import INF, INF_WEIGHT, RoutingEngine, engine_for

pytestmark = pytest.mark.benchmark

PAIRS = 30
PROFILE = "trail"


def say(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print(f"\n{line}", end="")


@pytest.fixture(scope="module")
def engine(big_basin: Basin) -> RoutingEngine:
    return engine_for(big_basin.basin.graph, PROFILE)


def _main_nodes(engine: RoutingEngine) -> np.ndarray:
    comp = engine.components
    return np.flatnonzero((comp == np.bincount(comp).argmax())
                          & (np.diff(engine.arrays.indptr) > 0))


def test_basin_graph_is_basin_scale(big_basin: Basin, capsys: pytest.CaptureFixture[str]
                                    ) -> None:
    graph = big_basin.basin.graph
    cavaliers = sum(1 for _, _, d in graph.edges(data=True) if d["cavalier"]) // 2
    say(capsys, f"basin graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
                f"{cavaliers} cavalier edges, generated in {big_basin.generated_s:.1f} s; node "
                f"order (once per network, saved with it) {big_basin.order_s:.1f} s")
    assert graph.number_of_nodes() >= 250_000


def _igraph(engine: RoutingEngine) -> Any:
    import igraph

    g = igraph.Graph(n=engine.node_count, directed=True,
                     edges=np.column_stack([engine.tail, engine.arrays.indices]).tolist())
    g.es["w"] = engine.cost_array.tolist()
    return g


def _raw_query(engine: RoutingEngine, s: int, t: int) -> tuple[int | None, list[int]]:
    """routingkit-cch's own query on the engine's metric: distance and arc path, nothing more."""
    import routingkit_cch as rk

    query = rk.CCHQuery(engine._metric.metric)
    try:
        result = query.run(s, t)
        found = (result.distance, result.arc_path)
        del result
        return found
    finally:
        del query


def test_point_to_point(big_basin: Basin, capsys: pytest.CaptureFixture[str]) -> None:
    graph = big_basin.basin.graph
    start = time.perf_counter()
    engine = engine_for(graph, PROFILE)
    say(capsys, f"engine ({PROFILE}, {engine.node_count} nodes, {engine.edge_count} arcs) from "
                f"the graph and its stored order: {time.perf_counter() - start:.1f} s")
    rng = np.random.default_rng(20240601)
    pairs = [(int(a), int(b)) for a, b in rng.choice(_main_nodes(engine), size=(PAIRS, 2))]
    ig = _igraph(engine)
    ours: list[float] = []
    raw: list[float] = []
    theirs: list[float] = []
    lengths: list[float] = []
    for number, (s, t) in enumerate(pairs):
        # The second query of a pair finds the first one's memory warm: who goes first
        # alternates, so neither side gets that for free.
        for side in ("ours", "raw") if number % 2 == 0 else ("raw", "ours"):
            t0 = time.perf_counter()
            if side == "ours":
                path = engine.shortest_path(engine.node_ids[s], engine.node_ids[t])
                ours.append(time.perf_counter() - t0)
            else:
                _raw_query(engine, s, t)
                raw.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        reference = ig.distances(source=s, target=t, weights="w", mode="out")[0][0]
        theirs.append(time.perf_counter() - t0)
        assert path.cost == pytest.approx(reference, rel=1e-9)
        lengths.append(path.length_m)
    med, med_raw, med_ig = (statistics.median(x) for x in (ours, raw, theirs))
    say(capsys, f"p2p median {med * 1000:.2f} ms (path, keys, cost, length), raw library query "
                f"{med_raw * 1000:.2f} ms ({med / med_raw:.1f}x), igraph Dijkstra "
                f"{med_ig * 1000:.0f} ms ({med_ig / med:.0f}x slower); {PAIRS} random pairs, "
                f"median route {statistics.median(lengths) / 1000:.1f} km; costs equal to "
                f"igraph's on {PAIRS}/{PAIRS} pairs (rel 1e-9)")
    record("p2p median, >= 250 000-node basin", "<= 1 ms, <= 3x raw library",
           f"{med * 1000:.2f} ms, {med / med_raw:.1f}x raw ({med_raw * 1000:.2f} ms), "
           f"igraph {med_ig * 1000:.0f} ms")
    assert med <= 3 * med_raw
    assert med_ig / med >= 20


def test_reweight_one_profile(engine: RoutingEngine, capsys: pytest.CaptureFixture[str]
                              ) -> None:
    """New costs on the same edges (a profile's factors changed): one customisation of the
    shared hierarchy, no rebuild; then a whole other profile on the same graph."""
    rng = np.random.default_rng(3)
    costs = engine.cost_array * rng.uniform(0.8, 1.5, size=engine.edge_count)
    reweight_s = best_time(lambda: engine.with_costs(costs), 2)
    other = engine.with_costs(costs)
    s, t = (int(x) for x in _main_nodes(engine)[[10, -10]])
    path = other.search(s, t)
    assert path is not None
    assert path.cost == pytest.approx(float(np.round(costs, 2)[path.edges].sum()), rel=1e-9)
    start = time.perf_counter()
    vtt = RoutingEngine(engine._graph, "vtt")
    profile_s = time.perf_counter() - start
    assert vtt.search(s, t) is not None
    say(capsys, f"re-weight one profile (new costs, one customisation): {reweight_s:.2f} s; "
                f"a new profile engine on the same graph (cost arrays from the graph + "
                f"customisation, hierarchy shared): {profile_s:.1f} s")
    record("re-weight one profile", "<= 1 s",
           f"{reweight_s:.2f} s (new profile from the graph: {profile_s:.1f} s)")


def _zone_with_arcs(engine: RoutingEngine, wanted: int) -> shapely.Geometry:
    centre = engine.lonlat[int(_main_nodes(engine)[len(_main_nodes(engine)) // 2])]
    radius = 0.01
    while True:
        zone = shapely.Point(*centre).buffer(radius)
        if len(engine.edges_in_zone(zone)) >= wanted:
            return zone
        radius *= 1.2


def _raw_update(engine: RoutingEngine, edges: np.ndarray) -> float:
    """Seconds of routingkit-cch's own partial update closing ``edges`` then reopening them
    (half of it: one update), the dictionaries made beforehand: the library's floor."""
    import routingkit_cch as rk

    metric = engine._metric
    arcs = engine._arc[edges]
    before = {int(a): int(metric.weights[a]) for a in arcs}
    shut = dict.fromkeys(before, INF_WEIGHT)
    best = INF
    for _ in range(3):
        updater = rk.CCHMetricPartialUpdater(engine._hierarchy.cch)
        start = time.perf_counter()
        updater.apply(metric.metric, shut)
        updater.apply(metric.metric, before)
        best = min(best, (time.perf_counter() - start) / 2)
        del updater
    return best


def _across(engine: RoutingEngine, zone: shapely.Geometry, inside: set[int]
            ) -> tuple[int, int]:
    """Two nodes whose plain cheapest path crosses the zone: on either side of it."""
    main = _main_nodes(engine)
    centre = np.asarray(zone.centroid.coords[0])
    x0, _, x1, _ = zone.bounds
    for shift in (0.6, 0.8, 1.0, 1.5):
        ends = []
        for side in (-1, 1):
            target = centre + np.array([side * shift * (x1 - x0), 0.0])
            ends.append(int(main[np.argmin(np.hypot(*(engine.lonlat[main] - target).T))]))
        edges = engine.search_edges(ends[0], ends[1])
        if edges and inside.intersection(edges):
            return ends[0], ends[1]
    raise AssertionError("no pair across the zone")


def test_avoid_zone_update(engine: RoutingEngine, capsys: pytest.CaptureFixture[str]) -> None:
    """Closing a zone of 10 000 arcs: the metric update when a query needs it (a path across
    the zone), against the library's own partial update of the same arcs; and a batch of
    queries whose paths stay clear of the zone (no update at all)."""
    zone = _zone_with_arcs(engine, 10_000)
    closed = engine.edges_in_zone(zone)
    main = _main_nodes(engine)
    inside = set(closed.tolist())
    away = ~np.asarray(shapely.intersects(zone, shapely.points(engine.lonlat[main])), dtype=bool)
    outside = [int(n) for n in main[away][::997][:20]]
    a, b = _across(engine, zone, inside)
    updates: list[float] = []
    clear: list[float] = []
    queries: list[float] = []
    for _ in range(3):
        t0 = time.perf_counter()
        with engine.closing(closed.tolist()):
            t1 = time.perf_counter()
            for s, t in itertools.pairwise(outside):
                edges = engine.search_edges(s, t)
                assert edges is None or not inside.intersection(edges)
            t2 = time.perf_counter()
        t3 = time.perf_counter()
        clear.append((t1 - t0) + (t3 - t2))
        queries.append((t2 - t1) / max(len(outside) - 1, 1))
        t0 = time.perf_counter()
        with engine.closing(closed.tolist()):
            edges = engine.search_edges(a, b)  # plain path, the update, the path again
            t1 = time.perf_counter()
        t2 = time.perf_counter()
        assert edges is not None and not inside.intersection(edges)
        updates.append(((t1 - t0) + (t2 - t1)) / 2)  # closing (with the query), reopening
    border = _border(engine, closed)
    raw = _raw_update(engine, border)
    update, batch = min(updates), min(clear)
    say(capsys, f"avoid zone of {len(closed)} arcs ({len(border)} border arcs enter the "
                f"metric): update {update * 1000:.0f} ms when a query crosses it (closing with "
                f"that query, and reopening: mean of the two), the library's own partial "
                f"update of the same arcs {raw * 1000:.0f} ms ({update / raw:.2f}x); a batch of "
                f"{len(outside) - 1} queries staying clear: closing and reopening "
                f"{batch * 1000:.1f} ms (no update), queries "
                f"{statistics.median(queries) * 1000:.2f} ms")
    record("avoid-zone update (10 000 arcs)", "<= 0,1 s",
           f"{update * 1000:.0f} ms for {len(closed)} arcs when a path crosses it (library "
           f"floor {raw * 1000:.0f} ms); {batch * 1000:.1f} ms when none does")


def _border(engine: RoutingEngine, closed: np.ndarray) -> np.ndarray:
    """The closed edges :meth:`RoutingEngine.closing` puts in the metric."""
    n = engine.node_count
    tail, head = engine.tail, engine.arrays.indices
    ends = np.bincount(np.concatenate([tail, head]), minlength=n)
    shut = np.bincount(np.concatenate([tail[closed], head[closed]]), minlength=n)
    sealed = (shut == ends) & (ends > 0)
    border: np.ndarray = closed[~(sealed[tail[closed]] & sealed[head[closed]])]
    return border


def _node_near(engine: RoutingEngine, fx: float, fy: float) -> int:
    lo, hi = engine.xy.min(axis=0), engine.xy.max(axis=0)
    comp = engine.components
    main = int(np.bincount(comp).argmax())
    for i in engine.nearest_nodes(lo[0] + fx * (hi[0] - lo[0]), lo[1] + fy * (hi[1] - lo[1]), 60):
        if comp[i] == main and engine.degree(i) >= 3:
            return engine.node_ids[i]
    raise AssertionError("no node")


def test_race_15_terrils(big_basin: Basin, engine: RoutingEngine,
                         capsys: pytest.CaptureFixture[str]) -> None:
    graph = big_basin.basin.graph
    terrils = terril_nodes(graph)
    a, b = _node_near(engine, 0.3, 0.5), _node_near(engine, 0.65, 0.5)
    start = time.perf_counter()
    engine.lengths_between([0], [0])  # the length metric: once per engine
    metric_s = time.perf_counter() - start
    times: list[float] = []
    for _ in range(2):
        start = time.perf_counter()
        race = plan_race(engine, a, b, 15, 105_000.0, terrils=terrils)
        times.append(time.perf_counter() - start)
    assert len(race.terrils) == 15
    say(capsys, f"race 15 terrils 105 km ({len(terrils)} candidate terrils): "
                f"{min(times):.2f} s (length metric, once per engine: {metric_s:.1f} s); "
                f"{race.length_m / 1000:.1f} km ({race.length_error:+.1%}), "
                f"{race.reused_share:.1%} ridden twice")
    record("race 15 terrils 105 km, same graph", "<= 1 s",
           f"{min(times):.2f} s ({race.length_error:+.1%}, {race.reused_share:.1%} twice)")
    assert abs(race.length_error) <= 0.05
