"""Point-to-point speed on a basin-scale graph: the array engine against a fair baseline.

The baseline, measured in the same run, is networkx's bidirectional Dijkstra on a plain DiGraph
whose weights are precomputed (the cheapest usable parallel edge for the profile, a float attribute
read by name): the same search a careful networkx user would write, with no Python cost function
per edge. Prints one line per figure; asserts the ratio (>= 20x) and identical costs, never a
wall-clock limit. The graph is the deterministic synthetic basin (>= 250 000 nodes), with the real
cavaliers threaded in when ../shared is present.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

import networkx as nx
import numpy as np
import pytest
from basin_generator import SyntheticBasin, generate_basin
from reference_engine import networkx_cost_function
from shared_data import SHARED

from routes.search.engine import RoutingEngine

pytestmark = pytest.mark.benchmark

PAIRS = 50
PROFILE = "trail"


def say(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print(f"\n{line}", end="")


@pytest.fixture(scope="module")
def basin() -> Iterator[tuple[SyntheticBasin, float]]:
    start = time.perf_counter()
    generated = generate_basin(shared_dir=SHARED if SHARED.exists() else None)
    yield generated, time.perf_counter() - start


def test_basin_graph_is_basin_scale(basin: tuple[SyntheticBasin, float],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    graph = basin[0].graph
    cavaliers = sum(1 for _, _, d in graph.edges(data=True) if d["cavalier"]) // 2
    say(capsys, f"basin graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
                f"{cavaliers} cavalier edges, generated in {basin[1]:.1f} s")
    assert graph.number_of_nodes() >= 250_000


def test_point_to_point_speedup(basin: tuple[SyntheticBasin, float],
                                capsys: pytest.CaptureFixture[str]) -> None:
    graph = basin[0].graph
    start = time.perf_counter()
    engine = RoutingEngine(graph, PROFILE)
    say(capsys, f"engine build ({PROFILE}, {engine.node_count} nodes, {engine.edge_count} arcs, "
                f"landmarks included): {time.perf_counter() - start:.1f} s")
    comp = engine.components
    main = np.flatnonzero((comp == np.bincount(comp).argmax())
                          & (np.diff(engine.arrays.indptr) > 0))
    rng = np.random.default_rng(20240601)
    pairs = [(engine.node_ids[int(a)], engine.node_ids[int(b)])
             for a, b in rng.choice(main, size=(PAIRS, 2))]
    weighted = _weighted_digraph(graph)
    ours: list[float] = []
    theirs: list[float] = []
    lengths: list[float] = []
    for s, t in pairs:
        t0 = time.perf_counter()
        path = engine.shortest_path(s, t)
        t1 = time.perf_counter()
        reference, _nodes = nx.bidirectional_dijkstra(weighted, s, t, weight="w")
        t2 = time.perf_counter()
        assert path.cost == pytest.approx(reference, rel=1e-9)
        ours.append(t1 - t0)
        theirs.append(t2 - t1)
        lengths.append(path.length_m)
    med_ours, med_nx = statistics.median(ours), statistics.median(theirs)
    speedup = med_nx / med_ours
    per_pair = statistics.median(b / a for a, b in zip(ours, theirs, strict=True))
    say(capsys, f"p2p speedup vs networkx bidirectional Dijkstra on precomputed weights: "
                f"{speedup:.1f}x (ours {med_ours * 1000:.1f} ms, baseline "
                f"{med_nx * 1000:.0f} ms; medians of {PAIRS} random pairs, median route "
                f"{statistics.median(lengths) / 1000:.1f} km)")
    say(capsys, f"p2p per-pair speedup (median of ratios): {per_pair:.1f}x; "
                f"ours p90 {np.percentile(ours, 90) * 1000:.1f} ms, max {max(ours) * 1000:.0f} ms")
    say(capsys, f"p2p identical costs: {PAIRS}/{PAIRS} pairs equal to the baseline (rel 1e-9)")
    assert speedup >= 20


def _weighted_digraph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The profile's cheapest usable parallel edge as a float weight ``w`` on a DiGraph."""
    weight = networkx_cost_function(PROFILE)
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    for u, nbrs in graph.adj.items():
        for v, parallel in nbrs.items():
            cost = weight(u, v, parallel)
            if cost is not None:
                simple.add_edge(u, v, w=cost)
    return simple
