"""Rupture points from the network's own roads and railways (bridge vs at grade)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from crossing_scene import COMMUNE, write_scene
from osm_samples import network_cli

from routes.network import store as netstore
from routes.osm.crossings import (
    UNKNOWN_MESSAGE,
    crossing_label,
    crossings_known,
    rupture_count_text,
)
from routes.osm.importer import import_osm


def _ruptures(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {str(d["rupture"]): d for _, d in graph.nodes(data=True) if d.get("rupture")}


def test_at_grade_crossings_are_found_and_the_bridge_is_not(tmp_path: Path) -> None:
    network = import_osm(write_scene(tmp_path / "scene.osm.pbf"), communes=[COMMUNE])
    graph = network.graph
    ruptures = _ruptures(graph)
    assert graph.graph["crossings_known"] is True
    assert network.crossings == 2
    by_class = {d["crossing"]: d for d in ruptures.values()}
    assert set(by_class) == {"secondaire", "voie ferrée"}
    road = by_class["secondaire"]
    assert road["rupture_label"] == (
        "Traversée de la D943, Route de Béthune (route secondaire) à Loos-en-Gohelle")
    assert (road["road_ref"], road["road_name"], road["road_class"], road["commune"]) == (
        "D943", "Route de Béthune", "secondary", "Loos-en-Gohelle")
    assert (road["x"], road["y"]) == pytest.approx((2.7680, 50.4440))
    rail = by_class["voie ferrée"]
    assert rail["rupture_label"] == (
        "Passage à niveau sur la voie ferrée « Lens – Béthune » à Loos-en-Gohelle")
    assert (rail["x"], rail["y"]) == pytest.approx((2.7880, 50.4440))
    # Nothing under the A21 bridge (x = 2.778) nor at the residential junction (x = 2.800).
    assert all(abs(float(d["x"]) - 2.778) > 1e-6 and abs(float(d["x"]) - 2.800) > 1e-6
               for d in ruptures.values())
    # Edges entering a crossing carry its id; the railway itself is not routed.
    for ident in ruptures:
        node = next(n for n, d in graph.nodes(data=True) if d.get("rupture") == ident)
        assert {d["rupture"] for _, _, d in graph.in_edges(node, data=True)} == {ident}
    assert not any(d.get("highway") == "" and d.get("source") == "osm"
                   for _, _, d in graph.edges(data=True))


def test_crossings_survive_a_saved_network(tmp_path: Path) -> None:
    graph = import_osm(write_scene(tmp_path / "scene.osm.pbf"), communes=[COMMUNE]).graph
    reloaded = netstore.load(netstore.save(graph, tmp_path / "scene.cavnet"))
    assert reloaded.graph["crossings_known"] is True
    assert _ruptures(reloaded).keys() == _ruptures(graph).keys()
    for ident, data in _ruptures(reloaded).items():
        original = _ruptures(graph)[ident]
        for key in ("rupture_label", "crossing", "road_ref", "road_name", "road_class", "commune"):
            assert data[key] == original[key]
    assert {d["source"] for _, _, d in reloaded.edges(data=True)} == {"osm"}


def test_a_network_without_roads_says_crossings_are_unknown(tmp_path: Path) -> None:
    graph = import_osm(write_scene(tmp_path / "paths.osm.pbf", roads=False)).graph
    assert graph.graph["crossings_known"] is False
    assert not _ruptures(graph)
    assert not crossings_known(graph)
    assert rupture_count_text(graph, 0) == UNKNOWN_MESSAGE == (
        "traversées inconnues (réseau sans routes)")


def test_labels_without_ref_name_or_commune() -> None:
    assert crossing_label("autoroute", "A21", "", "Lens") == "Traversée de l'A21 (autoroute) à Lens"
    assert crossing_label("tertiaire", "", "Rue Jean Jaurès", "") == (
        "Traversée de « Rue Jean Jaurès » (route tertiaire)")
    assert crossing_label("nationale", "", "", "") == "Traversée d'une route nationale"
    assert crossing_label("voie ferrée", "", "", "Harnes") == (
        "Passage à niveau sur la voie ferrée à Harnes")


def test_network_build_cli_names_the_crossings_or_says_they_are_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    scene = write_scene(tmp_path / "scene.osm.pbf")
    assert network_cli(["build", "--osm", str(scene), "--out", str(tmp_path / "a.cavnet"),
                        "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Points de rupture (traversées de routes et voies ferrées) : 2" in out
    paths = write_scene(tmp_path / "paths.osm.pbf", roads=False)
    assert network_cli(["build", "--osm", str(paths), "--out", str(tmp_path / "b.cavnet"),
                        "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "traversées inconnues (réseau sans routes)" in out
    assert ": 0" not in out


@pytest.mark.parametrize(("roads", "expected"), [
    (True, "Points de rupture traversés (2) : Traversée de la D943, Route de Béthune (route "
           "secondaire), Passage à niveau sur la voie ferrée « Lens – Béthune »"),
    (False, "Points de rupture traversés : traversées inconnues (réseau sans routes)"),
])
def test_route_cli_lists_the_crossings_or_says_they_are_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], roads: bool, expected: str,
) -> None:
    from app.cli import main

    scene = write_scene(tmp_path / "scene.osm.pbf", roads=roads)
    saved = tmp_path / "scene.cavnet"
    assert network_cli(["build", "--osm", str(scene), "--out", str(saved), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["route", "--network", str(saved), "--from", "50.444, 2.761",
                 "--to", "50.444, 2.799", "--profile", "rando"]) == 0
    assert expected in capsys.readouterr().out.splitlines()
