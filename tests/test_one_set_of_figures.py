"""One course, one set of figures (issue #20), across every kind of document: the Trail template
with three formats planned and a DEM recorded with the project, then ``plan``, ``export``,
``roadbook``, ``dossier`` and ``budget export``; each file is read back by its own reader and
must print the course sheet's length, D+ and finish cut-off, to the precision it shows."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import gpxpy
import pytest
from elevation.dem_samples import write_slope_dem
from garmin_fit_sdk import Decoder, Stream
from openpyxl import load_workbook

from app.cli import main
from app.exports.pack import slug
from app.project_store import open_project, project_network
from app.sheet import CourseSheet, sheets_of
from routes.frenchfmt import number

#: (format, --from, --via..., --to): a point-to-point marathon, a semi loop and the ultra, which
#: starts at 4 h 00 so its cut-off falls on the next day.
PLANS = (("Marathon 42 km", "Base 11/19", ["T075"], "9-9bis"),
         ("Semi 21 km", "Base 11/19", ["T075"], "Base 11/19"),
         ("Ultra 100 km", "Gosnay", ["T074", "T075", "T101"], "9-9bis"))


def _pdf(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("figures")
    project = folder / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    dem = write_slope_dem(folder / "mnt.tif", west=2.40, east=3.10)
    plan_lines: dict[str, str] = {}
    for index, (name, origin, vias, to) in enumerate(PLANS):
        extra = ["--dem", str(dem)] if index == 0 else []  # recorded once, used by the rest
        vias_args = [arg for via in vias for arg in ("--via", via)]
        out = folder / f"plan-{index}.txt"
        done = subprocess.run([sys.executable, "-m", "app.cli", "plan", str(project), "--format",
                               name, "--from", origin, *vias_args, "--to", to, *extra],
                              capture_output=True, text=True, check=True,
                              cwd=Path(__file__).parent.parent)
        out.write_text(done.stdout, encoding="utf-8")
        plan_lines[name] = next(line for line in done.stdout.splitlines()
                                if line.startswith(f"{name} : "))
    assert main(["allure", str(project), "--format", "Ultra", "--allure", "8/5/500"]) == 0
    loaded = open_project(project)
    ultra = loaded.event.format_named("Ultra 100 km")
    assert ultra.start_time is not None
    pack, roadbook, dossier = folder / "pack", folder / "roadbook.pdf", folder / "dossier.pdf"
    budget = folder / "budget.xlsx"
    assert main(["export", str(project), str(pack), "--no-tiles"]) == 0
    assert main(["roadbook", str(project), str(roadbook)]) == 0
    assert main(["dossier", str(project), str(dossier)]) == 0
    assert main(["budget", "export", str(project), str(budget)]) == 0
    sheets = sheets_of(loaded.event, project_network(loaded.network))
    return {"sheets": sheets, "plan": plan_lines, "pack": pack, "roadbook": _pdf(roadbook),
            "dossier": _pdf(dossier), "budget": budget,
            "base": slug(f"{loaded.event.name}-{loaded.event.edition_year}")}


def _km(sheet: CourseSheet) -> str:
    return number(sheet.length_m / 1000)


def test_the_dem_recorded_once_gives_every_format_its_climb(outputs: dict) -> None:
    sheets: dict[str, CourseSheet] = outputs["sheets"]  # type: ignore[assignment]
    assert set(sheets) == {name for name, *_ in PLANS}
    for sheet in sheets.values():
        assert sheet.climb.known and not sheet.climb.estimated and sheet.climb.d_plus


def test_length_and_climb_read_the_same_everywhere(outputs: dict) -> None:
    sheets: dict[str, CourseSheet] = outputs["sheets"]  # type: ignore[assignment]
    pack: Path = outputs["pack"]  # type: ignore[assignment]
    files = pack / "participants" / "fichiers"
    page = (pack / "participants" / "index.html").read_text(encoding="utf-8")
    page = page.replace("\u00a0", " ").replace("\u202f", " ")
    formats_sheet = load_workbook(outputs["budget"], data_only=True)["Formats"]  # type: ignore[arg-type]
    budget_rows = {row[0]: row for row in formats_sheet.iter_rows(values_only=True) if row[0]}
    for name, sheet in sheets.items():
        km, climb = _km(sheet), f"{sheet.climb.d_plus:.0f} m"
        assert f"{name} : {km} km" in outputs["plan"][name] and climb in outputs["plan"][name]
        for document in ("roadbook", "dossier"):
            text: str = outputs[document]  # type: ignore[assignment]
            assert f"{km} km" in text and climb in text, (document, name)
        stem = slug(name)
        gpx = gpxpy.parse((files / f"{stem}-complet.gpx").read_text(encoding="utf-8"))
        description = (gpx.tracks[0].description or "").replace("\u00a0", " ")
        assert f"{km} km" in description and climb in description, name
        messages, errors = Decoder(Stream.from_file(str(files / f"{stem}.fit"))).read()
        assert errors == []
        assert abs(messages["lap_mesgs"][0]["total_distance"] - sheet.length_m) < 1.0
        assert messages["lap_mesgs"][0]["total_ascent"] == round(sheet.climb.d_plus or 0)
        assert f"{km} km" in page and climb in page, name
        row = budget_rows[name]
        assert row[5] == round(sheet.length_m / 1000, 1) and row[6] == round(sheet.climb.d_plus)


def test_cutoffs_and_aid_stations_read_the_same_everywhere(outputs: dict) -> None:
    sheets: dict[str, CourseSheet] = outputs["sheets"]  # type: ignore[assignment]
    pack: Path = outputs["pack"]  # type: ignore[assignment]
    rows = list(csv.reader((pack / f"feuille-de-route-{outputs['base']}.csv").read_text(
        encoding="utf-8-sig").splitlines(), delimiter=";"))
    for name, sheet in sheets.items():
        finish = sheet.clock(sheet.finish.cutoff)
        mine = [r for r in rows if r[0] == name]
        assert mine[-1][1] == _km(sheet) and mine[-1][6] == finish, name
        for document in ("roadbook", "dossier"):
            assert finish in outputs[document], (document, name, finish)  # type: ignore[operator]
        for point in sheet.waypoints:
            km = number(point.distance_m / 1000)
            assert any(r[3] == point.name and r[1] == km for r in mine), (name, point.name)
            assert f"{km}" in outputs["roadbook"]  # type: ignore[operator]
    ultra = sheets["Ultra 100 km"]
    assert ultra.start is not None and ultra.finish.cutoff is not None
    if (ultra.start + ultra.finish.cutoff).date() != ultra.start.date():
        assert " à " in ultra.clock(ultra.finish.cutoff)  # « dimanche 4 à 2 h 26 »
    assert isinstance(ultra.start, dt.datetime)
