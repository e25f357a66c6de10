"""A format planned over a real builder connector: its record, roadbook PDF and export files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import gpxpy
import pytest
from gap_layers import write_gap_folder
from pypdf import PdfReader

from app.cli import main
from app.project_store import open_project
from routes.outputs.unsurveyed import ETALAB_ATTRIBUTION


def _planned(tmp_path: Path, *, gap: bool) -> tuple[Path, Path]:
    folder = write_gap_folder(tmp_path / "couches", gap=gap)
    project = tmp_path / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", "--year", "2027",
                 str(project)]) == 0
    assert main(["plan", str(project), "--format", "semi", "--from", "T074", "--to", "9-9bis",
                 "--layers", str(folder), "--liaison-max", "500"]) == 0
    return project, folder


def _pdf_text(pdf: Path) -> str:
    pages = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    return re.sub(r"\s+", " ", " ".join(pages).replace("\u00a0", " "))


def test_connector_is_listed_everywhere(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    project, folder = _planned(tmp_path, gap=True)
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("Semi 21 km : 1,9 km, "))
    assert "1,9 km, dont 0,3 km non relevés, D+ " in line and "D+ 0 m" not in line
    record = open_project(project).event.format_named("Semi 21 km").route
    assert record is not None and record.unsurveyed_m == pytest.approx(320.7, abs=1)
    spans = record.stats["unsurveyed_spans"]
    assert [s[2] for s in spans] == ["connector"]  # places on the line get no spur

    pdf = tmp_path / "roadbook.pdf"
    assert main(["roadbook", str(project), str(pdf), "--layers", str(folder),
                 "--liaison-max", "500"]) == 0
    text = _pdf_text(pdf)
    assert "Distance 1,9 km, dont 0,3 km non relevés" in text
    assert "Tronçons non relevés" in text and "Non relevé (ligne droite, à vérifier)" in text
    # the connector's row: km 0,7 to 1,0, 321 m long; the 1 m stubs joining places are not rows
    assert "1 0,7 1,0 0,3 km liaison en ligne droite entre deux parties du réseau" in text
    assert "accès en ligne droite" not in text
    assert "Licence Ouverte Etalab 2.0" in text
    assert "Etalab 2.0" in (PdfReader(pdf).metadata or {}).get("/Subject", "")

    outdir = tmp_path / "export"
    assert main(["export", str(project), str(outdir), "--no-tiles"]) == 0
    err = capsys.readouterr().err
    assert "Attention : « Semi 21 km » compte 0,3 km non relevés" in err
    with zipfile.ZipFile(next(outdir.glob("gpx-*.zip"))) as archive:
        names = archive.namelist()
        xml = archive.read(next(n for n in names if n.endswith(".gpx"))).decode("utf-8")
        readme = archive.read(next(n for n in names if n.endswith("README.txt"))).decode()
    gpx = gpxpy.parse(xml)
    assert gpx.description.startswith("Attention : 0,3 km non relevés")
    assert ETALAB_ATTRIBUTION in gpx.description
    assert "0,3 km non relevés" in gpx.tracks[0].description
    assert "0,3 km non relevés" in readme and "Etalab 2.0" in readme
    page = next(outdir.glob("carte-*.html")).read_text(encoding="utf-8")
    assert "Tronçon non relevé (ligne droite, à vérifier sur le terrain)" in page
    assert '"dashArray": "8 8"' in page and "Semi 21 km — tronçon non relevé" in page
    assert "Licence Ouverte Etalab 2.0" in page


def test_surveyed_course_has_no_warning(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    project, folder = _planned(tmp_path, gap=False)
    assert "non relevé" not in capsys.readouterr().out
    pdf = tmp_path / "roadbook.pdf"
    assert main(["roadbook", str(project), str(pdf), "--layers", str(folder)]) == 0
    text = _pdf_text(pdf)
    assert "Aucun : tout le parcours suit des chemins relevés." in text
    assert "Non relevé (ligne droite" not in text
    outdir = tmp_path / "export"
    assert main(["export", str(project), str(outdir), "--no-tiles"]) == 0
    assert "non relevé" not in capsys.readouterr().err
    page = next(outdir.glob("carte-*.html")).read_text(encoding="utf-8")
    assert "Tronçon non relevé" not in page and '"dashArray": "8 8"' not in page
