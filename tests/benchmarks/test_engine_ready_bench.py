"""Route engine figures outside the synthetic basin: the window's generators on the embedded
network, and the engine ready after opening a large saved network (its order saved with it).

Wall-clock figures are printed and recorded in the target table (``conftest.py``), with the
ratio to a baseline measured in the same run; only ratios are asserted.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from bench_timing import best_time
from conftest import record
from large_mesh import mesh

from app.editing import VIA, MapPoint, Plan
from app.generation import generate
from routes.network import node_order
from routes.network import store as netstore
from routes.network.model import load_network
from routes.search.engine import RoutingEngine, engine_for
from routes.search.routing import Router

pytestmark = pytest.mark.benchmark


def say(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print(f"\n{line}", end="")


def _point(network: object, name: str) -> MapPoint:
    place = network.places.resolve(name)  # type: ignore[attr-defined]
    return MapPoint(VIA, place.lon, place.lat, place.label, place.key)


def test_window_course_and_variants_on_the_embedded_network(
        capsys: pytest.CaptureFixture[str]) -> None:
    """What the window's Course and Variantes buttons run (three candidates each), with the
    engine already built (the window builds it at the first route)."""
    network = load_network()
    engine_for(network.graph, "trail")
    plan = Plan("trail", (_point(network, "Gosnay"), _point(network, "9-9bis")))
    timings: dict[str, list[float]] = {"Course 105 km": [], "Variantes": []}
    for _ in range(2):
        start = time.perf_counter()
        races = generate(network, "race", plan, (), 105.0).candidates
        timings["Course 105 km"].append(time.perf_counter() - start)
        start = time.perf_counter()
        variants = generate(network, "variants", plan, races[0].coords, 105.0).candidates
        timings["Variantes"].append(time.perf_counter() - start)
    assert races and variants
    router = Router(network)
    route_s = best_time(lambda: router.route(["T074", "9-9bis"], "trail"), 5)
    best = {k: min(v) for k, v in timings.items()}
    say(capsys, "window on the embedded network: " + ", ".join(
        f"{k} {v:.2f} s ({len(races if k.startswith('Course') else variants)} candidates)"
        for k, v in best.items()) + f"; one route T074 → 9-9bis {route_s * 1000:.1f} ms")
    record("window Course/Variantes, embedded network", "<= 0,5 s",
           ", ".join(f"{k} {v:.2f} s" for k, v in best.items()))
    assert statistics.mean(best.values()) / route_s >= 1


def test_engine_ready_after_opening_a_large_saved_network(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = mesh()
    assert graph.number_of_nodes() >= 500_000
    start = time.perf_counter()
    path = netstore.save(graph, tmp_path / "grand.cavnet")
    save_s = time.perf_counter() - start
    del graph
    start = time.perf_counter()
    loaded = netstore.load(path)
    load_s = time.perf_counter() - start
    assert node_order.stored(loaded) is not None
    start = time.perf_counter()
    engine = RoutingEngine(loaded, "trail")
    ready_s = time.perf_counter() - start
    ids = engine.node_ids
    query_s = best_time(lambda: engine.shortest_path(ids[0], ids[2000]), 3)
    say(capsys, f"saved network of {loaded.number_of_nodes()} nodes, "
                f"{loaded.number_of_edges()} edges: saved (order computed) in {save_s:.0f} s, "
                f"reloaded in {load_s:.1f} s, engine ready {ready_s:.1f} s after, a route of "
                f"80 km {query_s * 1000:.1f} ms")
    record("engine ready, saved 500 000-node network", "<= 2 s",
           f"{ready_s:.1f} s after the {load_s:.1f} s reload (order read from the file)")
    assert ready_s / query_s >= 1
