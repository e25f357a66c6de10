"""Saved networks: exact round trip, format header and version, damaged files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from osm_samples import write_sample
from shapely.geometry import LineString

from routes.network import store as netstore
from routes.network.store import NetworkFileError
from routes.osm import import_osm


def _assert_same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert a.graph == b.graph
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))
    for u, v, k, data in a.edges(keys=True, data=True):
        other = b.edges[u, v, k]
        assert set(other) == set(data)
        for name, value in data.items():
            if name == "geometry":
                assert other[name].equals_exact(value, 0.0)
            else:
                assert other[name] == value and type(other[name]) is type(value), name


def test_round_trip_of_an_imported_network(tmp_path: Path) -> None:
    graph = import_osm(write_sample(tmp_path)).graph
    graph.nodes[1]["elevation"] = 31.5
    for _, _, data in graph.edges(data=True):
        data["grade"] = 0.01
    path = netstore.save(graph, tmp_path / "reseau.cavnet")
    _assert_same(graph, netstore.load(path))


def test_round_trip_keeps_partial_and_odd_attributes(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph(crs="EPSG:4326", name="petit", source="test")
    graph.add_node(1, x=2.0, y=50.0, place="T074")
    graph.add_node(2, x=2.001, y=50.0)
    graph.add_edge(1, 2, key=0, length=71.5, geometry=LineString([(2.0, 50.0), (2.001, 50.0)]),
                   cavalier=True, ref=["a", "b"], lanes=2)
    graph.add_edge(1, 2, key=3, length=80.0, name="Rue")  # no geometry, other attributes
    path = netstore.save(graph, tmp_path / "petit.cavnet")
    loaded = netstore.load(path)
    _assert_same(graph, loaded)
    assert "geometry" not in loaded.edges[1, 2, 3]
    assert "place" not in loaded.nodes[2]


def test_empty_graph_round_trip(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph(crs="EPSG:4326", name="vide", source="test")
    _assert_same(graph, netstore.load(netstore.save(graph, tmp_path / "vide.cavnet")))


def test_header_names_format_and_version(tmp_path: Path) -> None:
    path = netstore.save(import_osm(write_sample(tmp_path)).graph, tmp_path / "r.cavnet")
    with np.load(path) as archive:
        header = json.loads(archive["header"].tobytes())
    assert header["format"] == "cavalier-network" and header["version"] == 1


def _rewrite_header(path: Path, **changes: object) -> None:
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    header = json.loads(arrays["header"].tobytes())
    header.update(changes)
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    with path.open("wb") as stream:
        np.savez(stream, **arrays)


def test_other_version_is_refused_in_french(tmp_path: Path) -> None:
    path = netstore.save(import_osm(write_sample(tmp_path)).graph, tmp_path / "vieux.cavnet")
    _rewrite_header(path, version=0)
    with pytest.raises(NetworkFileError, match=r"vieux\.cavnet est en version 0.*reconstruisez"):
        netstore.load(path)


def test_other_format_is_refused(tmp_path: Path) -> None:
    path = netstore.save(import_osm(write_sample(tmp_path)).graph, tmp_path / "autre.cavnet")
    _rewrite_header(path, format="autre-chose")
    with pytest.raises(NetworkFileError, match="n'est pas un réseau Cavalier"):
        netstore.load(path)


@pytest.mark.parametrize("content", [b"", b"pas un reseau", b"PK\x03\x04tronque"])
def test_damaged_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "abime.cavnet"
    path.write_bytes(content)
    with pytest.raises(NetworkFileError, match=r"abime\.cavnet"):
        netstore.load(path)


def test_zip_without_header(tmp_path: Path) -> None:
    path = tmp_path / "sans-entete.cavnet"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("x.npy", b"")
    with pytest.raises(NetworkFileError, match=r"en-tête absent|illisible"):
        netstore.load(path)


def test_truncated_saved_network(tmp_path: Path) -> None:
    path = netstore.save(import_osm(write_sample(tmp_path)).graph, tmp_path / "coupe.cavnet")
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(NetworkFileError, match=r"coupe\.cavnet"):
        netstore.load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NetworkFileError, match="introuvable"):
        netstore.load(tmp_path / "absent.cavnet")
