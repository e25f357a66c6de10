"""``cavalier network info`` and ``cavalier route`` end to end (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from layer_factory import write_layer_folder

from app.cli import main


@pytest.fixture
def layer_dir(tmp_path: Path) -> Path:
    return write_layer_folder(tmp_path)


def test_network_info(layer_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "info", "--layers", str(layer_dir)]) == 0
    out = capsys.readouterr().out
    assert "Composantes connexes : 1" in out
    assert "cavaliers" in out and "km" in out
    assert "Lieux : 1 terrils, 1 pôles TVB" in out


def test_route_summary_and_geojson(layer_dir: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "parcours.geojson"
    code = main(["route", "--from", "T074", "--to", "9-9bis", "--profile", "vtt", "--layers",
                 str(layer_dir), "--geojson", str(out_file)])
    assert code == 0
    out = capsys.readouterr().out
    assert "Parcours VTT : T074 Jumeaux → Site" in out
    # T074 is joined where the cavalier enters its footprint (150 m disc): no spur
    assert "Distance : 3,5\u00a0km" in out
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["features"][0]["properties"]["profile"] == "vtt"


def test_errors_are_french_and_exit_1(layer_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "--from", "T075", "--to", "9-9bis", "--layers", str(layer_dir)]) == 1
    assert "Lieu inconnu : « T075 »" in capsys.readouterr().err
    assert main(["network", "info", "--layers", str(layer_dir / "absent.shp")]) == 1
    assert "introuvable" in capsys.readouterr().err


def test_embedded_network_route(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "--from", "T074", "--to", "9-9bis", "--profile", "trail"]) == 0
    out = capsys.readouterr().out
    assert "Distance" in out and "cavaliers" in out
