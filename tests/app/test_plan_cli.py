"""``cavalier plan``: a format's route computed on a network and kept in the project."""

from __future__ import annotations

from pathlib import Path

import pytest
from layer_factory import write_layer_folder

from app.cli import main
from app.project_store import open_project


@pytest.fixture
def layer_dir(tmp_path: Path) -> Path:
    return write_layer_folder(tmp_path / "couches")


def test_plan_stores_the_route_and_the_network(tmp_path: Path, layer_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", "--year", "2027",
                 str(project)]) == 0
    assert main(["plan", str(project), "--format", "semi", "--from", "T074", "--to", "9-9bis",
                 "--layers", str(layer_dir), "--marshals", "3"]) == 0
    out = capsys.readouterr().out
    assert "Semi 21 km : " in out and "Signaleurs : 3" in out
    assert "Attention : distance visée 21 km" in out  # the test network is 3.6 km long
    loaded = open_project(project)
    semi = loaded.event.format_named("Semi 21 km")
    assert semi.route is not None and semi.route.profile == "trail"
    assert 3.0 < semi.route.length_km < 4.5
    assert semi.route.stats["layer_share"]["cavalier"] > 0.3
    assert semi.marshals_needed == 3 and semi.marshals_computed == 0
    assert loaded.network is not None and loaded.network.layers == (str(layer_dir),)
    assert loaded.event.formats[0].route is None

    outdir = tmp_path / "export"
    assert main(["export", str(project), str(outdir), "--no-tiles"]) == 0
    assert len(list(outdir.glob("gpx-*.zip"))) == 1


def test_plan_unknown_format(tmp_path: Path, layer_dir: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "vtt.cavalier"
    main(["new", "--template", "challenge-vtt-xc", str(project)])
    assert main(["plan", str(project), "--format", "Manche", "--from", "T074", "--to", "9-9bis",
                 "--layers", str(layer_dir)]) == 1
    err = capsys.readouterr().err
    assert "format « Manche » introuvable ou ambigu" in err and "6. Manche 6" in err
