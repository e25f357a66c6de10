"""Graph built from hand-made layers: contract attributes, attachment, flags."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from layer_factory import at, ladder, line, point, square
from shapely import LineString

from routes.errors import NetworkBuildError
from routes.network import store as netstore
from routes.network.builder import BuildOptions, build_graph
from routes.network.layers import LayerFeature, LayerKind, LayerSet
from routes.provenance import ACCESS_SPUR_MAX_M, SOURCE_ACCESS, SOURCE_CONNECTOR, SOURCE_LAYER


def test_every_edge_follows_the_contract() -> None:
    graph, report = build_graph(ladder())
    assert graph.graph["crs"] == "EPSG:4326"
    assert report.components == 1
    for u, v, data in graph.edges(data=True):
        assert data["length"] > 0
        assert data["geometry"].coords[0] == pytest.approx((graph.nodes[u]["x"],
                                                            graph.nodes[u]["y"]))
        assert data["geometry"].coords[-1] == pytest.approx((graph.nodes[v]["x"],
                                                             graph.nodes[v]["y"]))
        for flag in ("cavalier", "veloroute", "hiking", "access", "liaison", "sensitive"):
            assert isinstance(data[flag], bool)
        assert graph.has_edge(v, u)


def test_lengths_are_metric() -> None:
    graph, _ = build_graph(ladder())
    cavalier = sum(d["length"] for _, _, d in graph.edges(data=True) if d["cavalier"]) / 2
    assert cavalier == pytest.approx(3000, rel=0.005)


def test_places_attach_by_access_edges() -> None:
    graph, report = build_graph(ladder())
    assert report.places_linked == 2
    # The terril's 300 m disc is crossed by the cavalier: joined on the line, no invented spur.
    terril = next(n for n, d in graph.nodes(data=True) if d.get("place") == "T074")
    (_, target, data), = graph.out_edges(terril, data=True)
    assert data["access"] and data["source"] == SOURCE_ACCESS and data["surveyed"]
    assert data["length"] <= BuildOptions().tolerance_m
    assert graph.nodes[terril]["y"] == pytest.approx(at(1500, 1000)[1], abs=2e-5)
    # The pole stands 100 m off the road's end: a straight, unsurveyed spur.
    pole = next(n for n, d in graph.nodes(data=True) if d.get("place") == "pole:base")
    (_, target, data), = graph.out_edges(pole, data=True)
    assert not data["surveyed"] and data["length"] == pytest.approx(100, rel=0.01)
    assert graph.nodes[target]["x"] == pytest.approx(at(0, 0)[0], abs=3e-5)


def test_a_polygon_joins_by_its_nearest_point() -> None:
    layers = LayerSet(features=[
        line(LayerKind.CAVALIER, (0, 0), (2000, 0), name="Cavalier"),
        square(LayerKind.TERRIL, 900, 120, 1100, 400, ref="T001", name="Terril carré"),
    ])
    graph, _ = build_graph(layers)
    terril = next(n for n, d in graph.nodes(data=True) if d.get("place") == "T001")
    (_, _, data), = graph.out_edges(terril, data=True)
    assert data["length"] == pytest.approx(120, rel=0.02)  # from the outline, not the centre
    assert not data["surveyed"] and data["terril"] == "T001"
    assert graph.nodes[terril]["y"] == pytest.approx(at(1000, 120)[1], abs=2e-5)


def test_no_access_spur_longer_than_300_m() -> None:
    layers = LayerSet(features=[
        line(LayerKind.CAVALIER, (0, 0), (2000, 0), name="Cavalier"),
        point(LayerKind.POLE, 1000, 290, ref="proche", name="Pôle proche"),
        point(LayerKind.POLE, 1000, -320, ref="loin", name="Pôle lointain"),
    ])
    graph, report = build_graph(layers)
    assert report.places_linked == 1
    assert report.places_unlinked == ["loin Pôle lointain"]
    message = next(w for w in report.warnings if w.startswith("loin "))
    assert "à 32" in message and "plus de 300 m" in message and "non relié" in message
    assert all(d["length"] <= ACCESS_SPUR_MAX_M for _, _, d in graph.edges(data=True)
               if d["access"])
    assert not any(d.get("place") == "pole:loin" for _, d in graph.nodes(data=True))


def test_every_edge_has_its_provenance() -> None:
    layers = ladder()
    layers.features.append(line(LayerKind.CAVALIER, (0, 2000), (3000, 2000), name="Isolé"))
    graph, _ = build_graph(layers, BuildOptions(liaison_max_m=1500))
    seen = set()
    for _, _, data in graph.edges(data=True):
        seen.add(data["source"])
        if data["liaison"]:
            assert data["source"] == SOURCE_CONNECTOR and data["surveyed"] is False
        elif not data["access"]:
            assert data["source"] == SOURCE_LAYER and data["surveyed"] is True
    assert seen == {SOURCE_LAYER, SOURCE_CONNECTOR, SOURCE_ACCESS}


def test_terril_footprint_rupture_and_sensitive_flags() -> None:
    graph, report = build_graph(ladder())
    on_terril = [d for _, _, d in graph.edges(data=True) if d["terril"] == "T074"]
    assert on_terril and all(d["cavalier"] or d["access"] or d["hiking"] for d in on_terril)
    assert report.ruptures_linked == 1
    rupture_node = next(n for n, d in graph.nodes(data=True) if d.get("rupture") == "R1")
    assert all(d["rupture"] == "R1" for _, _, d in graph.in_edges(rupture_node, data=True))
    sensitive = [d for _, _, d in graph.edges(data=True) if d["sensitive"]]
    assert sensitive and all(d["name"] == "Barreau milieu" for d in sensitive)


def test_empty_geometries_are_dropped_with_a_warning() -> None:
    layers = ladder()
    layers.features.append(LayerFeature(LayerKind.CAVALIER, LineString()))
    _, report = build_graph(layers)
    assert any("vide" in w for w in report.warnings)


def test_no_line_at_all_is_a_clear_error() -> None:
    with pytest.raises(NetworkBuildError, match="Aucune ligne routable"):
        build_graph(LayerSet(features=[LayerFeature(LayerKind.CAVALIER, LineString())]))


def test_gaps_are_bridged_only_when_asked() -> None:
    layers = LayerSet(features=[line(LayerKind.CAVALIER, (0, 0), (1000, 0)),
                                line(LayerKind.CAVALIER, (1300, 0), (2000, 0))])
    graph, report = build_graph(layers)
    assert nx.number_weakly_connected_components(graph) == 2
    assert report.cavalier_share_largest == pytest.approx(1000 / 1700, rel=0.01)
    bridged, report = build_graph(layers, BuildOptions(liaison_max_m=500))
    assert nx.number_weakly_connected_components(bridged) == 1
    assert report.liaisons == 1 and report.liaison_km == pytest.approx(0.3, rel=0.01)
    assert report.cavalier_share_largest_linked == 1.0
    liaison = [d for _, _, d in bridged.edges(data=True) if d["liaison"]]
    assert len(liaison) == 2


def test_tolerance_is_user_settable() -> None:
    layers = LayerSet(features=[line(LayerKind.CAVALIER, (0, 0), (1000, 0)),
                                line(LayerKind.CAVALIER, (1025, 0), (2000, 0))])
    strict, _ = build_graph(layers, BuildOptions(tolerance_m=15))
    loose, _ = build_graph(layers, BuildOptions(tolerance_m=30))
    assert nx.number_weakly_connected_components(strict) == 2
    assert nx.number_weakly_connected_components(loose) == 1


def test_saved_network_keeps_provenance(tmp_path: Path) -> None:
    graph, _ = build_graph(ladder(), BuildOptions(liaison_max_m=1500))
    back = netstore.load(netstore.save(graph, tmp_path / "echelle.cavnet"))
    for u, v, k, data in graph.edges(keys=True, data=True):
        kept = back[u][v][k]
        for attr in ("source", "surveyed"):
            assert kept[attr] == data[attr]
        assert kept.get("practicability") == data.get("practicability")
    assert any(d.get("practicability") == "unknown" for _, _, d in back.edges(data=True))


def test_an_edge_without_geometry_before_others_reloads(tmp_path: Path) -> None:
    """A network whose first edge has no geometry (a straight link) saves and reloads with
    every other edge's line (the lines were numbered with gaps and the file refused)."""
    graph = nx.MultiDiGraph()
    for node, (x, y) in enumerate([(2.80, 50.40), (2.81, 50.40), (2.82, 50.41)]):
        graph.add_node(node, x=x, y=y)
    graph.add_edge(0, 1, length=710.0)  # no geometry
    graph.add_edge(1, 2, length=1300.0,
                   geometry=LineString([(2.81, 50.40), (2.815, 50.405), (2.82, 50.41)]))
    graph.add_edge(2, 0, length=1800.0, geometry=LineString([(2.82, 50.41), (2.80, 50.40)]))
    back = netstore.load(netstore.save(graph, tmp_path / "trous.cavnet"))
    assert "geometry" not in back.edges[0, 1, 0]
    assert back.edges[1, 2, 0]["geometry"].equals(graph.edges[1, 2, 0]["geometry"])
    assert back.edges[2, 0, 0]["geometry"].equals(graph.edges[2, 0, 0]["geometry"])
