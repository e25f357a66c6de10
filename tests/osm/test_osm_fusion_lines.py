"""Fusion with TVB layers, GIS highway lines (Lille), osmnx conversion."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import networkx as nx
import osmnx as ox
import pytest
from osm_samples import write_sample
from pyproj import Transformer
from shapely.geometry import LineString
from shared_data import shared_path

from routes.osm import OsmImportError, PlaceRef, attach_places, flag_cavaliers
from routes.osm.download import download_bbox, graph_from_osmnx, parse_bbox
from routes.osm.lines import graph_from_highway_lines
from routes.osm.ways import WayRecord, graph_from_ways

L93 = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
X0, Y0 = 690_000.0, 7_040_000.0  # near Lens, Lambert-93


def _lonlat(x: float, y: float) -> tuple[float, float]:
    lon, lat = L93.transform(X0 + x, Y0 + y)
    return float(lon), float(lat)


def _graph() -> nx.MultiDiGraph:
    """Three 200 m ways in Lambert-93 metres: along y=0, along y=60, and a north-south one."""
    ways = []
    for index, points in enumerate([[(0, 0), (200, 0)], [(0, 60), (200, 60)],
                                    [(200, 0), (200, 60)]]):
        keys = [hash(p) & 0xFFFFFF for p in points]
        coords = [_lonlat(*p) for p in points]
        ways.append(WayRecord(keys=keys, lons=[c[0] for c in coords],
                              lats=[c[1] for c in coords],
                              attrs={"cavalier": False, "osmid": index, "access": False}))
    return graph_from_ways(ways, name="test", source="test")


def test_edges_along_a_cavalier_line_are_flagged() -> None:
    graph = _graph()
    cavalier = LineString([_lonlat(-20, 8), _lonlat(220, 8)])  # 8 m north of way 0
    flagged = flag_cavaliers(graph, [cavalier])
    by_way = {d["osmid"]: d["cavalier"] for *_, d in graph.edges(data=True)}
    assert by_way == {0: True, 1: False, 2: False}  # way 2 only crosses the buffer
    assert flagged == 2  # both directions


def test_cavalier_tolerance_is_respected() -> None:
    graph = _graph()
    far = LineString([_lonlat(-20, 30), _lonlat(220, 30)])  # 30 m from both long ways
    assert flag_cavaliers(graph, [far]) == 0


def test_places_attach_to_nearest_node_with_access_edges() -> None:
    graph = _graph()
    lon, lat = _lonlat(210, 70)
    far_lon, far_lat = _lonlat(5000, 5000)
    unattached = attach_places(graph, [PlaceRef("T074", lon, lat, "Terril 11/19"),
                                       PlaceRef("pole:9-9bis", far_lon, far_lat)])
    assert [p.ref for p in unattached] == ["pole:9-9bis"]
    (node,) = [n for n, place in graph.nodes(data="place") if place == "T074"]
    (target,) = list(graph.successors(node))
    target_xy = (graph.nodes[target]["x"], graph.nodes[target]["y"])
    assert target_xy == pytest.approx(_lonlat(200, 60))
    data = next(iter(graph.get_edge_data(node, target).values()))
    assert data["access"] and data["terril"] == "T074" and 13 < data["length"] < 15
    assert graph.has_edge(target, node)


def test_highway_lines_in_web_mercator() -> None:
    to_3857 = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    a, b, c, d = (to_3857.transform(*_lonlat(x, y)) for x, y in
                  [(0, 0), (100, 0), (200, 0), (100, 100)])
    frame = gpd.GeoDataFrame(
        {"highway": ["footway", "track", "proposed"], "surface": ["asphalt", "dirt", None],
         "name": ["Rue A", None, "Projet"]},
        geometry=[LineString([a, b, c]), LineString([b, d]), LineString([c, d])],
        crs="EPSG:3857",
    )
    graph = graph_from_highway_lines(frame)
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 6
    surfaces = sorted(d["surface"] for *_, d in graph.edges(data=True))
    assert surfaces == ["paved"] * 4 + ["unpaved"] * 2
    assert all(95 < d["length"] < 105 for *_, d in graph.edges(data=True))


def test_highway_lines_without_roads_is_a_clear_error() -> None:
    frame = gpd.GeoDataFrame({"highway": ["proposed"]},
                             geometry=[LineString([(0, 0), (1, 1)])], crs="EPSG:4326")
    with pytest.raises(OsmImportError, match="aucune voie"):
        graph_from_highway_lines(frame)


@pytest.mark.shared
def test_lille_osm_layer_builds_a_routable_graph() -> None:
    path = shared_path("data", "osm-lille-centre-2017", "highway_line.geojson")
    graph = graph_from_highway_lines(gpd.read_file(path), name=path.name)
    assert graph.number_of_nodes() == 2008
    assert graph.number_of_edges() == 2 * 2701
    biggest = max(nx.weakly_connected_components(graph), key=len)
    assert len(biggest) == 1918
    total_km = sum(d["length"] for *_, d in graph.edges(data=True)) / 2000
    assert 150 < total_km < 165
    nodes = sorted(biggest)
    assert nx.shortest_path_length(graph, nodes[0], nodes[-1], weight="length") > 0


def test_osmnx_graph_conversion(tmp_path: Path) -> None:
    source = ox.graph_from_xml(write_sample(tmp_path), simplify=False, retain_all=True)
    graph = graph_from_osmnx(source, name="sample", origin="test")
    assert sorted(graph.nodes) == [1, 2, 3, 4, 5, 6, 7, 9, 10]
    assert graph.number_of_edges() == 14
    assert {d["highway"] for *_, d in graph.edges(data=True)} == {
        "track", "path", "residential", "cycleway"}


@pytest.mark.parametrize("text", ["2.7,50.4,2.8", "a,b,c,d", "2.9,50.4,2.8,50.5"])
def test_bad_bbox_text(text: str) -> None:
    with pytest.raises(OsmImportError, match="Emprise invalide"):
        parse_bbox(text)


def test_download_refuses_a_huge_bbox_before_any_request() -> None:
    with pytest.raises(OsmImportError, match="trop grande"):
        download_bbox((2.0, 50.0, 4.0, 51.5))
