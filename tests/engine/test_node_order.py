"""The route engine's node order travels with saved networks, the shipped one included, and a
network saved without it gets it once, in the background."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import numpy as np
from engine.engine_graphs import random_graph

from routes.network import node_order
from routes.network import store as netstore
from routes.network.model import embedded_network, load_network
from routes.search.engine import RoutingEngine


def test_shipped_graph_carries_the_order_the_builder_gives() -> None:
    shipped = load_network().graph
    order = node_order.stored(shipped)
    assert order is not None and node_order.matches(shipped, order)
    fresh = embedded_network(use_prebuilt=False).graph
    assert np.array_equal(node_order.compute(fresh), order)


def test_saved_network_reloads_with_its_order(tmp_path: Path) -> None:
    graph = random_graph(300, 4, parallel=0.2)
    path = netstore.save(graph, tmp_path / "g.cavnet")
    order = node_order.stored(graph)
    assert order is not None
    reloaded = netstore.load(path)
    stored = node_order.stored(reloaded)
    assert stored is not None and np.array_equal(stored, order)


def _without_order(path: Path, out: Path) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename != "node_order.npy":
                target.writestr(item, source.read(item.filename))
    return out


def test_old_file_gets_its_order_in_the_background(tmp_path: Path) -> None:
    graph = random_graph(300, 5, parallel=0.2)
    old = _without_order(netstore.save(graph, tmp_path / "g.cavnet"), tmp_path / "old.cavnet")
    steps: list[tuple[float, str]] = []
    done = threading.Event()

    def progress(fraction: float, message: str) -> None:
        steps.append((fraction, message))
        if fraction >= 1.0:
            done.set()

    reloaded = netstore.load(old, order_progress=progress)
    assert done.wait(30)
    order = node_order.stored(reloaded)
    assert order is not None and node_order.matches(reloaded, order)
    assert steps[0][0] == 0.0 and "ordre des nœuds" in steps[0][1]
    # the engine uses it; routes are the same as on the original graph
    a, b = RoutingEngine(graph, "trail"), RoutingEngine(reloaded, "trail")
    nodes = list(graph.nodes)
    for s, t in zip(nodes[:20], nodes[-20:], strict=True):
        ea = a.search_edges(a.node_index(s), a.node_index(t))
        eb = b.search_edges(b.node_index(s), b.node_index(t))
        assert (ea is None) == (eb is None)
        if ea is not None and eb is not None:
            assert a.path_result(ea, a.node_index(s)).cost == b.path_result(
                eb, b.node_index(s)).cost
