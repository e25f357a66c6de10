"""OSM import on small hand-written extracts: tags, splitting, relations, spoil heaps, clipping."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import osmium
import pytest
from osm_samples import write_sample
from pyproj import Geod
from shapely.geometry import Polygon

from routes.osm import OsmImportError, import_osm
from routes.osm.importer import OsmNetwork

GEOD = Geod(ellps="WGS84")


def _osm_edges(net: OsmNetwork, osmid: int) -> list[dict[str, object]]:
    return [d for _, _, d in net.graph.edges(data=True) if d.get("osmid") == osmid]


@pytest.fixture
def sample(tmp_path: Path) -> OsmNetwork:
    return import_osm(write_sample(tmp_path))


def test_ways_are_split_at_shared_nodes_and_ends(sample: OsmNetwork) -> None:
    osm_nodes = sorted(n for n, place in sample.graph.nodes(data="place") if place is None)
    # 2 and 5, 8 are inner vertices; 3 is shared by ways 100 and 101.
    assert osm_nodes == [1, 3, 4, 6, 7, 9, 10]
    pieces = {(u, v) for u, v, d in sample.graph.edges(data=True) if not d["access"]}
    assert pieces == {(1, 3), (3, 1), (3, 4), (4, 3), (3, 6), (6, 3), (4, 7), (7, 4),
                      (7, 9), (9, 7), (9, 10), (10, 9)}


def test_edges_follow_the_contract(sample: OsmNetwork) -> None:
    graph = sample.graph
    assert graph.graph["crs"] == "EPSG:4326"
    for u, v, data in graph.edges(data=True):
        geometry = data["geometry"]
        assert geometry.coords[0] == (graph.nodes[u]["x"], graph.nodes[u]["y"])
        assert geometry.coords[-1] == (graph.nodes[v]["x"], graph.nodes[v]["y"])
        assert data["length"] > 0
        for flag in ("cavalier", "veloroute", "hiking", "access", "liaison", "sensitive"):
            assert isinstance(data[flag], bool)
        for text in ("terril", "rupture", "highway", "surface", "name"):
            assert isinstance(data[text], str)
        assert graph.has_edge(v, u)
    (track,) = [d for u, v, d in graph.edges(data=True) if (u, v) == (1, 3)]
    lons, lats = zip(*track["geometry"].coords, strict=True)
    assert track["geometry"].coords[1] == (2.791, 50.4505)  # inner vertex 2 kept
    assert track["length"] == pytest.approx(GEOD.line_length(lons, lats), rel=1e-9)
    assert 170 < track["length"] < 190


def test_tags_are_kept_and_surfaces_mapped(sample: OsmNetwork) -> None:
    track = _osm_edges(sample, 100)[0]
    assert (track["highway"], track["surface"], track["tracktype"], track["smoothness"],
            track["name"]) == ("track", "unpaved", "grade2", "bad", "Chemin des Terrils")
    path = _osm_edges(sample, 101)[0]
    assert (path["sac_scale"], path["mtb_scale"], path["foot"], path["bicycle"],
            path["access_tag"], path["surface"]) == ("hiking", "1", "designated", "yes",
                                                     "permissive", "")
    assert _osm_edges(sample, 102)[0]["surface"] == "paved"
    for osmid in (105, 106, 107, 110):  # building, construction, spoil heap outline, bare way
        assert not _osm_edges(sample, osmid)


def test_route_relations_flag_member_ways(sample: OsmNetwork) -> None:
    assert all(d["veloroute"] for osmid in (102, 104) for d in _osm_edges(sample, osmid))
    assert all(d["hiking"] for d in _osm_edges(sample, 101))
    assert all(d["mtb_route"] for d in _osm_edges(sample, 100))
    assert not any(d["veloroute"] or d["hiking"] for d in _osm_edges(sample, 100))
    assert _osm_edges(sample, 102)[0]["route_names"] == "EuroVelo 5"
    assert _osm_edges(sample, 101)[0]["route_names"] == "GR 121"
    assert _osm_edges(sample, 103)[0]["route_names"] == ""


def test_old_railways_are_cavalier_candidates(sample: OsmNetwork) -> None:
    old = _osm_edges(sample, 103)
    assert old and all(d["cavalier"] and d["highway"] == "" for d in old)
    assert all(d["cavalier"] for d in _osm_edges(sample, 104))
    assert not any(d["cavalier"] for d in _osm_edges(sample, 102))


def test_spoil_heaps_become_terrils(sample: OsmNetwork) -> None:
    by_ref = {t.ref: t for t in sample.terrils}
    assert set(by_ref) == {"osm:w107", "osm:n40", "osm:n41", "osm:r203"}
    assert by_ref["osm:w107"].height_m == 146
    assert by_ref["osm:w107"].footprint is not None
    assert by_ref["osm:n40"].ele_m == 140
    assert by_ref["osm:r203"].footprint is not None
    assert by_ref["osm:r203"].footprint.area > 0
    places = {place: n for n, place in sample.graph.nodes(data="place") if place}
    assert set(places) == {"osm:w107", "osm:n40", "osm:n41"}
    assert [p.ref for p in sample.unattached] == ["osm:r203"]  # 800 m from any path
    node = places["osm:w107"]
    access = [d for _, _, d in sample.graph.out_edges(node, data=True)]
    assert access and all(d["access"] and d["terril"] == "osm:w107" for d in access)
    assert nx.has_path(sample.graph, node, 6)
    assert all(d["tracktype"] == "" and not d["mtb_route"] for d in access)
    assert sample.terril_heights == {"osm:w107": 146.0}


def test_bbox_clip_cuts_ways(tmp_path: Path) -> None:
    # West of lon 2.7935: way 100 and 101 stay, way 102 (2.793 -> 2.795) loses its east end.
    net = import_osm(write_sample(tmp_path), clip=(2.785, 50.445, 2.7935, 50.46))
    assert {d["osmid"] for *_, d in net.graph.edges(data=True) if "osmid" in d} == {100, 101}
    assert {t.ref for t in net.terrils} == {"osm:w107"}  # n40 and n41 lie east of the box


def test_polygon_clip(tmp_path: Path) -> None:
    area = Polygon([(2.7915, 50.449), (2.80, 50.449), (2.80, 50.46), (2.7915, 50.46)])
    net = import_osm(write_sample(tmp_path), clip=area)
    osm_nodes = {n for n, place in net.graph.nodes(data="place") if place is None}
    assert 1 not in osm_nodes and 10 not in osm_nodes
    assert {3, 4, 6, 7, 9} <= osm_nodes


def test_clip_outside_everything_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OsmImportError, match="zone demandée"):
        import_osm(write_sample(tmp_path), clip=(3.5, 50.0, 3.6, 50.1))


@pytest.mark.parametrize("name", ["sample.osm", "sample.osm.bz2", "sample.osm.pbf"])
def test_formats_give_the_same_graph(tmp_path: Path, name: str) -> None:
    xml = write_sample(tmp_path, "reference.osm")
    if name.endswith(".pbf"):
        path = tmp_path / name
        with osmium.SimpleWriter(str(path)) as writer:
            for obj in osmium.FileProcessor(str(xml)):
                writer.add(obj)
    else:
        path = write_sample(tmp_path, name)
    reference = import_osm(xml).graph
    graph = import_osm(path).graph
    assert sorted(graph.edges(keys=True)) == sorted(reference.edges(keys=True))
    assert nx.get_edge_attributes(graph, "veloroute") == nx.get_edge_attributes(
        reference, "veloroute")


def test_missing_node_refs_keep_the_valid_pieces(tmp_path: Path) -> None:
    net = import_osm(write_sample(tmp_path, skip_nodes=frozenset({2})))
    assert net.incomplete_ways == 1
    track = _osm_edges(net, 100)
    assert {(u, v) for u, v, d in net.graph.edges(data=True) if d.get("osmid") == 100} == {
        (3, 4), (4, 3)}
    assert track


def test_all_refs_missing_is_a_clear_error(tmp_path: Path) -> None:
    ways = {1: ([900, 901], {"highway": "path"})}
    with pytest.raises(OsmImportError, match="Aucun chemin") as error:
        import_osm(write_sample(tmp_path, ways=ways))
    assert "sample.osm" in str(error.value)
