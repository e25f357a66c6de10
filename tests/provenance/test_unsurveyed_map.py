"""Map styling reads the provenance attributes: unsurveyed connectors and lines of unknown
practicability get their own look in the window's map data and the roadbook map."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import gpxpy
import pytest
from gap_layers import write_gap_folder
from reportlab.graphics.shapes import Drawing, PolyLine, String

from app.cli import main
from app.map_data import network_layers
from app.roadbook.mapdraw import DASH, UNKNOWN, course_map, legend
from routes.network.model import Network, load_network
from routes.outputs.unsurveyed import has_unknown_practicability
from routes.provenance import PRACTICABILITY_UNKNOWN
from routes.search.routing import Router


def _network(tmp_path: Path) -> Network:
    network = load_network(layers=[write_gap_folder(tmp_path / "couches")], liaison_max_m=500)
    # What the OSM fusion leaves: the western cavalier matched by an OSM way (no practicability
    # flag), the eastern one with no OSM way along it (routes/provenance.py).
    for _, _, data in network.graph.edges(data=True):
        if data.get("name") == "Cavalier est":
            data["practicability"] = PRACTICABILITY_UNKNOWN
        elif data.get("name") == "Cavalier ouest":
            data.pop("practicability", None)
    return network


def _strings(drawing: Drawing) -> list[str]:
    return [s.text for s in drawing.contents if isinstance(s, String)]


def test_map_data_and_roadbook_map_style_from_the_flags(tmp_path: Path) -> None:
    network = _network(tmp_path)
    layers = network_layers(network)
    east = [f for f in layers["cavaliers"]["features"]
            if f["properties"]["name"] == "Cavalier est"]
    assert east and all(f["properties"]["practicability"] == PRACTICABILITY_UNKNOWN
                        for f in east)
    assert all("practicability" not in f["properties"] for f in layers["cavaliers"]["features"]
               if f["properties"]["name"] == "Cavalier ouest")
    assert [f["properties"]["liaison"] for f in layers["unsurveyed"]["features"]].count(True) == 1
    assert has_unknown_practicability(network.graph)

    route = Router(network).route(["T074", "9-9bis"], "trail")
    spans = [(s.start_m, s.end_m) for s in route.unsurveyed]
    drawing = course_map(network, route.coords, [], [], width=400, height=300,
                         osm_credit=False, unsurveyed=spans, length_m=route.length_m)
    lines = [s for s in drawing.contents if isinstance(s, PolyLine)]
    assert any(line.strokeColor == UNKNOWN for line in lines)
    dashed_course = [line for line in lines if line.strokeDashArray == DASH
                     and line.strokeWidth == 2.6]
    assert len(dashed_course) == 1  # the course over the connector (1 m stubs are too short)
    assert "Ancien tracé, praticabilité inconnue" in _strings(
        legend(400, with_waypoints=False, with_ruptures=False, with_unknown=True))
    assert "Ancien tracé, praticabilité inconnue" not in _strings(
        legend(400, with_waypoints=False, with_ruptures=False))


def test_bundle_of_route_geojson_files_carries_the_note(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_gap_folder(tmp_path / "couches")
    geojson = tmp_path / "semi.geojson"
    assert main(["route", "--from", "T074", "--to", "9-9bis", "--layers", str(folder),
                 "--liaison-max", "500", "--geojson", str(geojson)]) == 0
    assert json.loads(geojson.read_text(encoding="utf-8"))["features"][0]["properties"][
        "unsurveyed_m"] > 300
    bundle = tmp_path / "participants.zip"
    assert main(["gpx", "bundle", str(bundle), str(geojson), "--event", "Essai"]) == 0
    assert "compte 0,3 km non relevés" in capsys.readouterr().err
    with zipfile.ZipFile(bundle) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".gpx"))
        gpx = gpxpy.parse(archive.read(name).decode("utf-8"))
    assert gpx.description.startswith("Attention : 0,3 km non relevés")
