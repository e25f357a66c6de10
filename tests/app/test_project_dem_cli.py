"""A DEM given once with ``--dem`` is recorded with the project: every later command uses it, or
says plainly that it is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from elevation.dem_samples import write_slope_dem

from app.cli import main
from app.project_store import open_project


def _plan(project: Path, *extra: str) -> None:
    assert main(["plan", str(project), "--format", "2", "--from", "Base 11/19", "--via", "T075",
                 "--to", "9-9bis", *extra]) == 0


def test_dem_is_recorded_and_used_by_later_commands(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    dem = write_slope_dem(tmp_path / "mnt.tif")
    _plan(project, "--dem", str(dem))
    first = capsys.readouterr()
    assert "MNT enregistré avec le projet : mnt.tif" in first.err
    assert open_project(project).network.dems == (str(dem.resolve()),)
    climb = next(line for line in first.out.splitlines() if line.startswith("Marathon"))
    assert "D+ inconnu" not in climb and "estimation" not in climb

    _plan(project)  # no --dem: the recorded one
    again = capsys.readouterr()
    assert "Pas de MNT" not in again.err
    assert next(line for line in again.out.splitlines() if line.startswith("Marathon")) == climb

    dem.unlink()
    _plan(project)
    gone = capsys.readouterr()
    assert "MNT enregistré introuvable" in gone.err and str(dem.resolve()) in gone.err
    assert "D+ inconnu" in gone.out or "estimation" in gone.out


def test_partial_dem_gives_the_covered_climb_and_the_missing_km(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    _plan(project, "--dem", str(write_slope_dem(tmp_path / "ouest.tif", east=2.86)))
    out = capsys.readouterr().out
    climb = next(line for line in out.splitlines() if line.startswith("Marathon"))
    assert "altitudes manquantes sur" in climb, climb
