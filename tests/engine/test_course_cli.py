"""``cavalier loop / race / variant`` on the embedded basin network (races) and on synthetic
layer folders (loops: a meshed grid, and the synthetic VTT webs for ``--within-terril``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from layer_factory import write_grid_folder
from test_vtt_terrils import SYNTHETIC_VTT

from app.cli import main
from routes.gpx.geo import path_length
from routes.gpx.reader import read_gpx


def test_loop_command_writes_geojson_and_gpx(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    geojson, gpx = tmp_path / "boucle.geojson", tmp_path / "boucle.gpx"
    layers = write_grid_folder(tmp_path / "grille")  # synthetic meshed paths
    code = main(["loop", "--start", "T074", "--length", "6 km", "--profile", "vtt",
                 "--layers", str(layers), "--geojson", str(geojson), "--gpx", str(gpx)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Boucles VTT de 6,0" in out
    line = json.loads(geojson.read_text(encoding="utf-8"))["features"][0]
    coords = line["geometry"]["coordinates"]
    assert coords[0] == coords[-1]
    assert abs(line["properties"]["length_m"] - 6000) <= 120
    track = read_gpx(gpx).lines[0]
    points = [(p.lat, p.lon) for seg in track.segments for p in seg]
    assert points[0] == pytest.approx(points[-1])
    assert path_length(points) == pytest.approx(line["properties"]["length_m"], rel=0.01)


def test_loop_command_explains_a_refusal(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["loop", "--start", "T074", "--length", "60km", "--profile", "vtt",
                 "--within-terril", "--layers", str(SYNTHETIC_VTT)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Zone trop petite" in err


def test_length_is_checked_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["loop", "--start", "T074", "--length", "beaucoup"])
    assert "Longueur illisible" in capsys.readouterr().err


def test_race_then_variant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gpx = tmp_path / "course.gpx"
    # on the default network the best direct route Gosnay → 9-9bis is already 66 km
    code = main(["race", "--from", "Gosnay", "--to", "9-9bis", "--terrils", "6", "--length",
                 "80km", "--profile", "trail", "--gpx", str(gpx)])
    out = capsys.readouterr().out
    assert code == 0, out
    order = next(line for line in out.splitlines() if line.startswith("Terrils dans l'ordre"))
    assert len(order.split(":", 1)[1].split(",")) == 6
    code = main(["variant", "--previous", str(gpx), "--max-overlap", "50%", "--terrils", "6",
                 "--profile", "trail"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Parcours commun avec l'édition précédente" in out
