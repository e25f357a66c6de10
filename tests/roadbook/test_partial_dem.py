"""A DEM covering the west of the basin only: the roadbook and the declaration file print the D+
measured where there are heights, the km it is measured on and the km lacking heights, as the
course sheet words it; the organiser is told (not the PDF) how to complete it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from elevation.dem_samples import write_slope_dem

from app.cli import main
from app.project_store import open_project, project_network
from app.sheet import sheet_of

FORMAT = "Marathon 42 km"


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    return re.sub(r"\s+", " ", raw.replace("\u00a0", " ").replace("\u202f", " "))


def test_partial_dem_in_both_documents(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) absent")
    project = tmp_path / "P.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    assert main(["plan", str(project), "--format", "2", "--from", "Base 11/19", "--via", "T075",
                 "--to", "9-9bis", "--dem",
                 str(write_slope_dem(tmp_path / "ouest.tif", east=2.86))]) == 0
    roadbook, dossier = tmp_path / "carnet.pdf", tmp_path / "dossier.pdf"
    capsys.readouterr()
    assert main(["roadbook", str(project), str(roadbook)]) == 0  # the recorded DEM
    out = capsys.readouterr().out
    assert main(["dossier", str(project), str(dossier)]) == 0
    out += capsys.readouterr().out
    loaded = open_project(project)
    sheet = sheet_of(loaded.event, loaded.event.format_named(FORMAT),
                     project_network(loaded.network))
    assert sheet.climb.known and not sheet.climb.estimated and sheet.climb.missing_m >= 50
    climb = sheet.climb.text(sheet.length_m).replace("\u202f", " ")
    assert re.fullmatch(r"\d+ m sur \d+,\d km \(altitudes manquantes sur \d+,\d km\)", climb)
    assert f"Dénivelé positif cumulé (D+) {climb}" in _text(roadbook)
    dossier_text = _text(dossier)
    assert f"Dénivelé positif (D+) {climb}" in dossier_text
    assert "Altitudes manquantes sur" in dossier_text  # a point of attention, in plain French
    assert "--dem" not in _text(roadbook) and "--dem" not in dossier_text
    assert "ajoutez la dalle manquante (--dem" in out  # the organiser hears how to complete it
