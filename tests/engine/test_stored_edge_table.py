"""A network read from a file hands the route engine its edges as arrays: the engine's edge table
from them is exactly the one it reads from the graph, and it reads the graph when they are stale."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from engine.engine_graphs import random_graph
from shapely.geometry import LineString

from routes.network import edge_columns
from routes.network import store as netstore
from routes.network.model import load_network
from routes.search import engine as engine_module
from routes.search.engine import RoutingEngine


def _odd_graph() -> nx.MultiDiGraph:
    """Parallel edges, self-loops, unhashable and partial attributes, int lengths."""
    graph = random_graph(300, 11, parallel=0.3)
    edges = list(graph.edges(keys=True, data=True))
    for i, (_, _, _, data) in enumerate(edges):
        if i % 7 == 0:
            data["surveyed"] = i % 14 == 0
        if i % 11 == 0:
            data["sac_scale"] = ["T2", "T3"]
        if i % 13 == 0:
            data["length"] = 40
        if i % 17 == 0:
            del data["cavalier"]
    first, row = next(iter(graph.nodes(data=True)))
    spot = (row["x"], row["y"])
    graph.add_edge(first, first, length=5.0, highway="path", geometry=LineString([spot, spot]))
    return graph


def _tables(graph: nx.MultiDiGraph, tmp_path: Path
            ) -> tuple[engine_module._EdgeTable | None, engine_module._EdgeTable]:
    loaded = netstore.load(netstore.save(graph, tmp_path / "g.cavnet"))
    index = {int(n): i for i, n in enumerate(loaded.nodes)}
    stored = engine_module._stored_table(loaded)
    return stored, engine_module._edge_table(loaded, index)


@pytest.mark.parametrize("make", [_odd_graph, lambda: load_network().graph],
                         ids=["odd", "embedded"])
def test_the_stored_table_is_the_graphs(make: Callable[[], nx.MultiDiGraph],
                                        tmp_path: Path) -> None:
    stored, read = _tables(make(), tmp_path)
    assert stored is not None
    for field in dataclasses.fields(read):
        mine, theirs = getattr(stored, field.name), getattr(read, field.name)
        if isinstance(theirs, np.ndarray):
            assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), field.name
        else:
            assert mine == theirs, field.name


def test_the_columns_are_dropped_when_the_graph_changes(tmp_path: Path) -> None:
    loaded = netstore.load(netstore.save(random_graph(200, 3), tmp_path / "g.cavnet"))
    u, v, data = next(iter(loaded.edges(data=True)))
    loaded.add_edge(u, v, **data)
    assert engine_module._stored_table(loaded) is None
    engine = RoutingEngine(loaded, "trail")  # from the graph itself
    assert engine.edge_count > 0


def test_the_columns_are_taken_once(tmp_path: Path) -> None:
    loaded = netstore.load(netstore.save(random_graph(200, 5), tmp_path / "g.cavnet"))
    assert edge_columns.take(loaded) is not None
    assert edge_columns.take(loaded) is None


def test_edges_out_of_adjacency_order_are_not_kept() -> None:
    tail = np.array([0, 0, 0, 1], dtype=np.int64)
    assert edge_columns.adjacency_ordered(tail, np.array([1, 1, 2, 0]), 3)
    assert not edge_columns.adjacency_ordered(tail, np.array([1, 2, 1, 0]), 3)
    assert not edge_columns.adjacency_ordered(tail[::-1].copy(), np.array([1, 2, 2, 0]), 3)


def test_the_store_reads_what_the_engine_reads() -> None:
    assert edge_columns.ATTRIBUTES == engine_module._KIND_KEYS
