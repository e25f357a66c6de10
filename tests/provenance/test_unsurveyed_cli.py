"""Unsurveyed geometry (a real builder connector) in the CLI, GeoJSON and GPX outputs."""

from __future__ import annotations

import json
from pathlib import Path

import gpxpy
import pytest
from gap_layers import write_gap_folder

from app.cli import main
from app.cli.course_cmd import _describe
from routes.courses.loops import make_loop
from routes.courses.races import _make_race
from routes.network.model import load_network
from routes.outputs.unsurveyed import ETALAB_ATTRIBUTION
from routes.provenance import SOURCE_CONNECTOR
from routes.search.engine import RoutingEngine
from routes.search.routing import Router

#: The connector the builder draws across the 320 m gap of the layer folder.
CONNECTOR_M = 320.7


def test_route_with_a_connector_counts_and_warns(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_gap_folder(tmp_path / "couches")
    geojson, gpx_path = tmp_path / "r.geojson", tmp_path / "r.gpx"
    code = main(["route", "--from", "T074", "--to", "9-9bis", "--layers", str(folder),
                 "--liaison-max", "500", "--geojson", str(geojson), "--gpx", str(gpx_path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Distance : 1,9\u00a0km, dont 0,3 km non relevés" in captured.out
    assert "Attention : « T074 Jumeaux → Site » compte 0,3 km non relevés" in captured.err

    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    # places lying on the line join it without a spur: only the connector is unsurveyed
    assert features[0]["properties"]["unsurveyed_m"] == pytest.approx(CONNECTOR_M, abs=1)
    stretches = [f["properties"] for f in features if f["properties"]["role"] == "non_releve"]
    connector = [s for s in stretches if s["source"] == SOURCE_CONNECTOR]
    assert len(connector) == 1 and connector[0]["surveyed"] is False
    assert connector[0]["length_m"] == pytest.approx(CONNECTOR_M, abs=1)
    assert 700 < connector[0]["start_m"] < 720  # after the 0.71 km western line

    gpx = gpxpy.parse(gpx_path.read_text(encoding="utf-8"))
    assert gpx.description.startswith("Attention : 0,3 km non relevés : ces parties sont des "
                                      "liaisons en ligne droite")
    assert "à vérifier sur le terrain" in gpx.description
    assert ETALAB_ATTRIBUTION in gpx.description
    assert "0,3 km non relevés" in gpx.tracks[0].description

    # The route GeoJSON turned into a participants' GPX later keeps the note and the warning.
    again = tmp_path / "again.gpx"
    assert main(["gpx", "export", str(geojson), str(again), "--event", "Essai"]) == 0
    assert "compte 0,3 km non relevés" in capsys.readouterr().err
    assert gpxpy.parse(again.read_text(encoding="utf-8")).description.startswith(
        "Attention : 0,3 km non relevés")


def test_route_on_surveyed_lines_only_has_no_warning(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_gap_folder(tmp_path / "couches", gap=False)
    geojson, gpx_path = tmp_path / "r.geojson", tmp_path / "r.gpx"
    code = main(["route", "--from", "T074", "--to", "9-9bis", "--layers", str(folder),
                 "--liaison-max", "500", "--geojson", str(geojson), "--gpx", str(gpx_path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "non relevé" not in captured.out and captured.err == ""
    props = json.loads(geojson.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert props["unsurveyed_m"] < 5  # the two 1 m stubs joining the places lying on the line
    gpx = gpxpy.parse(gpx_path.read_text(encoding="utf-8"))
    assert "non relevé" not in gpx.description
    assert "entièrement sur des chemins relevés" in gpx.description


def test_loops_and_races_know_their_unsurveyed_length(tmp_path: Path) -> None:
    network = load_network(layers=[write_gap_folder(tmp_path / "couches")], liaison_max_m=500)
    route = Router(network).route(["T074", "9-9bis"], "trail")
    engine = RoutingEngine(network.graph, "trail")
    start, end = engine.node_index(route.nodes[0]), engine.node_index(route.nodes[-1])
    path = engine.shortest_path(route.nodes[0], route.nodes[-1])
    loop = make_loop(engine, path, 2000.0, [])
    race = _make_race(engine, path, 2000.0, [start, end], {})
    assert loop.unsurveyed_m == pytest.approx(route.unsurveyed_m)
    assert race.unsurveyed_m == pytest.approx(route.unsurveyed_m)
    assert route.unsurveyed_m == pytest.approx(CONNECTOR_M, abs=1)  # places on the line: no spur
    assert "1,89\u00a0km, dont 0,3 km non relevés (écart" in _describe(loop)
