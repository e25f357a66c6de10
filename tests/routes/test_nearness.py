"""Distances from points to the lines of a network (refusing route points off the network, share
of an imported track near the network)."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString

from routes.geodesy import metric_xy
from routes.network.model import load_network
from routes.network.nearness import distances_to_network_m


def _brute_force(graph: nx.MultiDiGraph, lon: float, lat: float) -> float:
    point = shapely.points(metric_xy(np.array([lon]), np.array([lat])))[0]
    best = np.inf
    for _u, _v, data in graph.edges(data=True):
        coords = np.asarray(data["geometry"].coords)
        line = LineString(metric_xy(coords[:, 0], coords[:, 1]))
        best = min(best, float(shapely.distance(point, line)))
    return best


def test_matches_a_search_over_every_edge() -> None:
    graph = load_network().graph
    rng = np.random.default_rng(16)
    lons = rng.uniform(2.70, 2.90, 12)
    lats = rng.uniform(50.37, 50.47, 12)
    got = distances_to_network_m(graph, lons, lats)
    expected = [_brute_force(graph, lon, lat) for lon, lat in zip(lons, lats, strict=True)]
    assert got == pytest.approx(expected, abs=0.01)
    assert got.max() > 300 and got.min() < 300  # both sides of the editing limit


def test_edges_without_geometry_use_their_nodes() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node(1, x=2.80, y=50.40)
    graph.add_node(2, x=2.81, y=50.40)
    graph.add_edge(1, 2, length=711.0)
    graph.add_edge(2, 1, length=711.0)
    north = distances_to_network_m(graph, [2.805], [50.401])[0]
    assert north == pytest.approx(111.2, abs=1.5)  # 0.001° of latitude
