"""``cavalier gpx import|export|bundle`` end to end on real files."""

from __future__ import annotations

import argparse
import json
import sys
import types
import zipfile
from pathlib import Path

import pytest
import xmlschema
from gpx_helpers import LAT0, LON0, grid_graph, offset
from shared_data import shared_path

from app.cli import gpx_cmd
from routes.errors import CavalierError


def run(argv: list[str]) -> int:
    """Like ``cavalier`` itself, with only the gpx command group registered."""
    parser = argparse.ArgumentParser(prog="cavalier")
    gpx_cmd.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except CavalierError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    return code


def test_import_prints_summary_and_writes_geojson(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = shared_path("data", "eurovelo5-gpx", "don-lille.gpx")
    out = tmp_path / "trace.geojson"
    assert run(["gpx", "import", str(source), "--geojson", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "don-lille.gpx : GPX 1.1" in printed
    assert "369 points" in printed and "22,10 km" in printed
    line = json.loads(out.read_text(encoding="utf-8"))["features"][0]["geometry"]
    assert line["type"] == "LineString" and len(line["coordinates"]) == 369


def test_export_from_gpx_and_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = xmlschema.XMLSchema(str(shared_path("spec", "gpx-1.1.xsd")))
    source = shared_path("data", "eurovelo5-gpx", "lille-wattrelos.gpx")
    out = tmp_path / "participants.gpx"
    code = run(["gpx", "export", str(source), str(out), "--event", "Fête du vélo",
                "--format", "20 km", "--organiser", "Club", "--osm", "--start", "2027-05-01T09:00",
                "--waypoint", "ravitaillement:50.68,3.15:Ravito Roubaix",
                "--waypoint", "secours:50.69,3.20", "--rte"])
    assert code == 0
    schema.validate(str(out))
    text = out.read_text(encoding="utf-8")
    assert "<sym>First Aid</sym>" in text and "<name>Poste de secours</name>" in text
    assert "<rte>" in text and "01/05/2027 09:00" in text
    zip_path = tmp_path / "dossier.zip"
    assert run(["gpx", "bundle", str(zip_path), str(out), str(source), "--event", "Fête"]) == 0
    with zipfile.ZipFile(zip_path) as archive:
        assert len(archive.namelist()) == 3
    assert "Dossier participants écrit" in capsys.readouterr().out


def test_export_from_geojson(tmp_path: Path) -> None:
    geo = tmp_path / "route.geojson"
    coords = [[LON0 + i * 1e-4, LAT0, 30.0] for i in range(50)]
    geo.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Boucle"},
         "geometry": {"type": "LineString", "coordinates": coords}}]}))
    out = tmp_path / "boucle.gpx"
    assert run(["gpx", "export", str(geo), str(out), "--event", "E", "--no-route"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<rte>" not in text and text.count("<trkpt") == 50 and "<ele>30.0</ele>" in text


@pytest.mark.parametrize("argv_tail", [
    ["--waypoint", "buvette:50,3"],
    ["--waypoint", "depart:cinquante,3"],
    ["--start", "demain"],
])
def test_bad_export_options_are_french_errors(tmp_path: Path, argv_tail: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    geo = tmp_path / "l.geojson"
    geo.write_text(json.dumps({"type": "LineString", "coordinates": [[3, 50], [3.1, 50]]}))
    assert run(["gpx", "export", str(geo), str(tmp_path / "o.gpx"), "--event", "E",
                *argv_tail]) == 1
    assert "Erreur :" in capsys.readouterr().err


def test_hostile_input_is_an_error_not_a_traceback(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bombe.gpx"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "b">]><gpx>&a;</gpx>')
    assert run(["gpx", "import", str(bad)]) == 1
    assert "bombe.gpx : le fichier déclare une DTD" in capsys.readouterr().err


def test_snap_uses_the_project_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    calls = []

    def load_network(path: str | None, layers: list[str] | None) -> object:
        calls.append((path, layers))
        return types.SimpleNamespace(graph=grid_graph(4, 200.0))

    monkeypatch.setitem(sys.modules, "routes.network.model",
                        types.SimpleNamespace(load_network=load_network))
    pts = [offset(LAT0, LON0, x, 3.0) for x in range(0, 600, 15)]
    track = tmp_path / "reco.gpx"
    track.write_text('<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"><trk><trkseg>'
                     + "".join(f'<trkpt lat="{a}" lon="{b}"/>' for a, b in pts)
                     + "</trkseg></trk></gpx>")
    out = tmp_path / "recale.geojson"
    assert run(["gpx", "import", str(track), "--snap", "--network", "net.gpkg",
                "--geojson", str(out)]) == 0
    assert calls == [("net.gpkg", None)]
    printed = capsys.readouterr().out
    assert "Points sur le réseau (à moins de 30 m) : 40/40 (100.0%)" in printed
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features[0]["properties"]["on_network"] is True
    assert features[-1]["properties"]["matched_share"] == 1.0


