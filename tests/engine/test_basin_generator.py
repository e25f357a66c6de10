"""The synthetic basin graph is deterministic and follows the routing graph contract."""

from __future__ import annotations

import pytest
from basin_generator import BASIN_BBOX, generate_basin
from shared_data import shared_path

from routes.progress import OperationCancelled

_EDGE_KEYS = {"length", "geometry", "cavalier", "veloroute", "hiking", "access", "liaison",
              "sensitive", "terril", "rupture", "highway", "surface", "name"}


def _fingerprint(nodes: int, seed: int) -> list[tuple[object, ...]]:
    graph = generate_basin(nodes=nodes, seed=seed).graph
    return [(u, v, k, round(d["length"], 6), d["highway"], d["terril"], d["sensitive"])
            for u, v, k, d in graph.edges(keys=True, data=True)]


def test_same_seed_same_graph_other_seed_other_graph() -> None:
    first = _fingerprint(4000, 1)
    assert first == _fingerprint(4000, 1)
    assert first != _fingerprint(4000, 2)


def test_graph_follows_the_contract() -> None:
    basin = generate_basin(nodes=6000, seed=3)
    graph = basin.graph
    assert graph.graph["crs"] == "EPSG:4326"
    assert 5000 <= graph.number_of_nodes() <= 7000
    for _, data in graph.nodes(data=True):
        assert BASIN_BBOX[0] - 0.01 <= data["x"] <= BASIN_BBOX[2] + 0.01
        assert BASIN_BBOX[1] - 0.01 <= data["y"] <= BASIN_BBOX[3] + 0.01
    for u, v, k, data in graph.edges(keys=True, data=True):
        assert set(data) >= _EDGE_KEYS
        assert data["length"] > 0
        back = graph[v][u][k]
        assert list(back["geometry"].coords) == list(data["geometry"].coords)[::-1]
        assert data["geometry"].coords[0] == (graph.nodes[u]["x"], graph.nodes[u]["y"])
    highways = {d["highway"] for _, _, d in graph.edges(data=True)}
    assert {"track", "path", "residential", "motorway", "secondary"} <= highways
    assert any(d["terril"] for _, _, d in graph.edges(data=True))
    places = {d["place"] for _, d in graph.nodes(data=True) if "place" in d}
    assert set(basin.terrils) <= places
    assert set(basin.poles) <= places


def test_real_cavaliers_are_threaded_in() -> None:
    shared = shared_path("data", "bassin-minier-unesco", "zt-cavaliers.geojson").parents[2]
    graph = generate_basin(nodes=4000, seed=1, shared_dir=shared).graph
    cavalier_km = sum(d["length"] for _, _, d in graph.edges(data=True) if d["cavalier"]) / 2000
    assert cavalier_km > 100
    names = {d["name"] for _, _, d in graph.edges(data=True) if d["cavalier"]}
    assert any("fosse" in n.lower() or "cavalier" in n.lower() for n in names)


def test_generation_can_be_cancelled() -> None:
    with pytest.raises(OperationCancelled):
        generate_basin(nodes=4000, cancel=lambda: True)
