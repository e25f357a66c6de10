"""The prebuilt embedded graph (``assets/network/default.cavnet``) is the graph the builder makes
from the shipped layers, and a stale one is never used."""

from __future__ import annotations

import dataclasses
import shutil
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from routes.network import prebuilt
from routes.network.layers import LINE_KINDS, LayerKind
from routes.network.model import EMBEDDED_OPTIONS, Network, embedded_network, load_network
from routes.provenance import is_surveyed


@cache
def built() -> Network:
    return embedded_network(use_prebuilt=False)


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes with the geometry as its coordinates (shapely geometries compare by identity
    in dicts)."""
    return {k: (tuple(v.coords) if k == "geometry" else v) for k, v in data.items()}


def _edges(graph: nx.MultiDiGraph) -> dict[tuple[int, int, int], dict[str, Any]]:
    return {(u, v, k): _plain(d) for u, v, k, d in graph.edges(keys=True, data=True)}


def test_shipped_prebuilt_graph_is_current() -> None:
    assert (files("assets") / "network" / prebuilt.PREBUILT_NAME).is_file()
    assert prebuilt.read(EMBEDDED_OPTIONS) is not None, (
        "default.cavnet ne correspond pas aux couches : python3 tools/build_default_network.py")


def test_prebuilt_graph_equals_the_graph_built_from_the_layers() -> None:
    shipped = load_network()
    fresh = built()
    assert shipped.graph.graph == fresh.graph.graph
    assert dict(shipped.graph.nodes(data=True)) == dict(fresh.graph.nodes(data=True))
    assert _edges(shipped.graph) == _edges(fresh.graph)
    assert dataclasses.asdict(shipped.report) == dataclasses.asdict(fresh.report)
    assert [p.__dict__ for p in shipped.places.places] == [p.__dict__ for p in fresh.places.places]
    assert shipped.layers is not None and fresh.layers is not None
    # the line layers are wholly in the graph: the prebuilt network does not read them again
    assert {f.kind for f in fresh.layers.features} - {f.kind for f in shipped.layers.features} \
        == {LayerKind.CAVALIER, LayerKind.VELOROUTE}
    kept = [f for f in fresh.layers.features if f.kind not in LINE_KINDS]
    assert [(f.kind, f.ref, f.name, f.geometry.wkb) for f in shipped.layers.features] == [
        (f.kind, f.ref, f.name, f.geometry.wkb) for f in kept]


def test_prebuilt_graph_keeps_provenance() -> None:
    graph = load_network().graph
    assert all("source" in d and "surveyed" in d for _, _, d in graph.edges(data=True))
    assert any(not is_surveyed(d) for _, _, d in graph.edges(data=True))


@pytest.fixture
def asset_copy(tmp_path: Path) -> Path:
    with as_file(files("assets") / "network") as folder:
        shutil.copytree(folder, tmp_path / "network")
    return tmp_path / "network"


def test_a_changed_layer_makes_the_prebuilt_graph_stale(asset_copy: Path) -> None:
    assert prebuilt.read(EMBEDDED_OPTIONS, asset_copy) is not None
    veloroute = asset_copy / "veloroute.geojson"
    text = veloroute.read_text(encoding="utf-8")
    veloroute.write_text(text.replace('"ref":"EV5"', '"ref":"EV5 modifiée"', 1), encoding="utf-8")
    assert veloroute.read_text(encoding="utf-8") != text
    assert prebuilt.read(EMBEDDED_OPTIONS, asset_copy) is None


def test_other_build_options_do_not_use_the_prebuilt_graph(asset_copy: Path) -> None:
    other = dataclasses.replace(EMBEDDED_OPTIONS, tolerance_m=10.0)
    assert prebuilt.read(other, asset_copy) is None


def test_a_damaged_prebuilt_file_is_ignored(asset_copy: Path) -> None:
    (asset_copy / prebuilt.PREBUILT_NAME).write_bytes(b"PK\x03\x04 truncated")
    assert prebuilt.read(EMBEDDED_OPTIONS, asset_copy) is None
    assert prebuilt.line_files(asset_copy) == frozenset()


def test_line_files_are_read_from_the_header() -> None:
    assert prebuilt.line_files() == {"cavaliers.geojson", "veloroute.geojson"}
