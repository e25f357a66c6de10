"""Fusion with the TVB layer: OSM ways along a cavalier get the flag; cavalier stretches with no
OSM way are kept as layer edges, « ancien tracé, praticabilité inconnue »."""

from __future__ import annotations

from pathlib import Path

import pytest
from crossing_scene import COMMUNE, LAT, write_scene
from shapely.geometry import LineString

from routes.network import store as netstore
from routes.osm.importer import import_osm
from routes.provenance import PRACTICABILITY_UNKNOWN, SOURCE_LAYER, SOURCE_OSM

# The old railway: along the « Chemin du Cavalier » (OSM), then 500 m further east where OSM
# has no way (nodes 11 → east), as the Mission Bassin Minier layer draws it (5 m north).
AREA = (2.75, 50.43, 2.82, 50.46)
CAVALIER = LineString([(2.7600, LAT + 0.00005), (2.7800, LAT + 0.00004),
                       (2.8000, LAT + 0.00005), (2.8070, LAT + 0.00004)])


def test_cavalier_without_osm_way_is_kept_as_an_old_line(tmp_path: Path) -> None:
    # The extract covers this box (as the basin download covers the basin outline).
    network = import_osm(write_scene(tmp_path / "scene.osm.pbf"), cavalier_lines=[CAVALIER],
                         clip=AREA)
    graph = network.graph
    layer = [(u, v, d) for u, v, d in graph.edges(data=True) if d["source"] == SOURCE_LAYER]
    assert len(layer) == 2  # one stretch, both directions
    u, v, data = layer[0]
    assert data["practicability"] == PRACTICABILITY_UNKNOWN
    assert data["surveyed"] is True and data["cavalier"] is True
    assert data["length"] == pytest.approx(497, abs=20)
    assert network.unmatched_cavalier_m == pytest.approx(data["length"])
    # Joined to the path's end (node 11 of the scene), not left loose, and no straight connector.
    assert 11 in (u, v)
    assert {d["source"] for _, _, d in graph.edges(data=True)} == {SOURCE_OSM, SOURCE_LAYER}
    # The OSM path along the cavalier carries the flag; the residential street does not.
    flags = {d["name"]: d["cavalier"] for _, _, d in graph.edges(data=True)
             if d["source"] == SOURCE_OSM}
    assert flags["Chemin du Cavalier"] is True
    assert flags["Rue Émile Basly"] is False
    reloaded = netstore.load(netstore.save(graph, tmp_path / "scene.cavnet"))
    assert sum(1 for *_, d in reloaded.edges(data=True)
               if d.get("practicability") == PRACTICABILITY_UNKNOWN) == 2


def test_outside_the_extract_nothing_is_added(tmp_path: Path) -> None:
    # Without a clip, only the extent of the OSM data (lon 2.760 to 2.800) tells what exists.
    network = import_osm(write_scene(tmp_path / "scene.osm.pbf"), cavalier_lines=[CAVALIER])
    assert network.unmatched_cavalier_m == 0.0


def test_a_cavalier_fully_under_osm_adds_nothing(tmp_path: Path) -> None:
    covered = LineString([(2.7600, LAT + 0.00005), (2.7990, LAT + 0.00005)])
    network = import_osm(write_scene(tmp_path / "scene.osm.pbf"), cavalier_lines=[covered],
                         clip=AREA)
    assert network.unmatched_cavalier_m == 0.0
    assert all(d["source"] == SOURCE_OSM for *_, d in network.graph.edges(data=True))


def test_an_old_line_crossing_a_road_gets_a_rupture_point(tmp_path: Path) -> None:
    scene = write_scene(tmp_path / "scene.osm.pbf", east_road=True)
    network = import_osm(scene, cavalier_lines=[CAVALIER], clip=AREA, communes=[COMMUNE])
    graph = network.graph
    assert network.crossings == 3  # D943 and the level crossing on OSM, the D58 on the old line
    node, data = next((n, d) for n, d in graph.nodes(data=True) if d.get("road_ref") == "D58")
    assert data["rupture_label"] == (
        "Traversée de la D58, Rue de Vermelles (route tertiaire) à Loos-en-Gohelle")
    assert data["x"] == pytest.approx(2.8040, abs=1e-6)
    # The old line is split there, both pieces still « praticabilité inconnue ».
    layer = [(u, v, d) for u, v, d in graph.edges(data=True) if d["source"] == SOURCE_LAYER]
    assert len(layer) == 4
    assert all(d["practicability"] == PRACTICABILITY_UNKNOWN for *_, d in layer)
    assert sum(d["length"] for u, v, d in layer if u < v) == pytest.approx(
        network.unmatched_cavalier_m)
    entering = {d["rupture"] for _, _, d in graph.in_edges(node, data=True)}
    assert entering == {data["rupture"]}
    # The road itself is not split: no junction between the old line and the road is invented.
    assert all(d["source"] == SOURCE_LAYER for _, _, d in graph.edges(node, data=True))
