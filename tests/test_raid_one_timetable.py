"""Issue #25, « the figures read identically in every output »: the Raid template's stage 1,
its legs routed by ``cavalier leg``, then ``roadbook``, ``dossier`` and ``export``. Each leg's
km, expected times and cut-off, and the stage's arrival, must read as the course sheet's
timetable in the command's output, the roadbook, the dossier, the per-leg GPX files, the
whole-stage FIT (course points at the transitions) and the cue sheet."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import gpxpy
import pytest
from garmin_fit_sdk import Decoder, Stream

from app.cli import main
from app.exports.pack import slug
from app.leg_text import leg_line
from app.project_store import open_project, project_network
from app.sheet import CourseSheet, sheet_of
from app.sheet.timetable import Timetable
from routes.frenchfmt import km_cell, number

STAGE = "1"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def _pdf(path: Path) -> str:
    return _flat(subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                                capture_output=True, text=True).stdout)


@pytest.fixture(scope="module")
def raid(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("raid")
    project = folder / "raid.cavalier"
    assert main(["new", "--template", "raid-bassin-minier", "--year", "2027", str(project)]) == 0
    done = subprocess.run(["python3", "-m", "app.cli", "leg", str(project), "--format", STAGE],
                          capture_output=True, text=True, check=True,
                          cwd=Path(__file__).parent.parent)
    pack, roadbook, dossier = folder / "pack", folder / "roadbook.pdf", folder / "dossier.pdf"
    assert main(["export", str(project), str(pack), "--no-tiles"]) == 0
    assert main(["roadbook", str(project), str(roadbook)]) == 0
    assert main(["dossier", str(project), str(dossier)]) == 0
    loaded = open_project(project)
    stage = loaded.event.formats[int(STAGE) - 1]
    sheet = sheet_of(loaded.event, stage, project_network(loaded.network))
    return {"sheet": sheet, "name": stage.name, "leg": done.stdout, "pack": pack,
            "roadbook": _pdf(roadbook), "dossier": _pdf(dossier),
            "base": slug(f"{loaded.event.name}-{loaded.event.edition_year}")}


def _table(raid: dict[str, object]) -> tuple[CourseSheet, Timetable]:
    sheet: CourseSheet = raid["sheet"]  # type: ignore[assignment]
    assert sheet.timetable is not None and len(sheet.timetable.legs) >= 4
    return sheet, sheet.timetable


def test_the_leg_command_prints_the_sheets_timetable(raid: dict[str, object]) -> None:
    sheet, table = _table(raid)
    printed: str = raid["leg"]  # type: ignore[assignment]
    for leg in table.legs:
        assert leg_line(sheet, leg) in printed
    assert (f"heure prévue {sheet.clock(table.head_finish)}, barrière horaire "
            f"{sheet.clock(table.cutoff_finish)}") in printed


def test_roadbook_and_dossier_give_each_leg_the_same_km_and_times(
        raid: dict[str, object]) -> None:
    sheet, table = _table(raid)
    roadbook = raid["roadbook"].split("Horaire de l'étape", 1)[1]  # type: ignore[union-attr]
    dossier = raid["dossier"].split("Sections de l'épreuve", 1)[1]  # type: ignore[union-attr]
    at_roadbook = at_dossier = 0
    for leg in table.legs:
        head = sheet.clock(leg.head_start)
        if leg.moving:
            km = f"{km_cell(leg.start_m)} – {km_cell(leg.end_m)}"
            row = re.compile(rf"{re.escape(km)} .*?{re.escape(head)} – "
                             rf"{re.escape(sheet.clock(leg.head_end))} "
                             rf"{re.escape(sheet.clock(leg.cutoff_end))}")
            declared = re.compile(rf"{re.escape(km)} \({re.escape(km_cell(leg.length_m))} km\)"
                                  rf".*?{re.escape(head)} – "
                                  rf"{re.escape(sheet.clock(leg.cutoff_end))}")
        else:
            row = re.compile(rf"{re.escape(head)} – {re.escape(sheet.clock(leg.head_end))} "
                             rf"{re.escape(sheet.clock(leg.cutoff_end))}")
            declared = re.compile(rf"{re.escape(head)} – "
                                  rf"{re.escape(sheet.clock(leg.cutoff_end))}")
        found = row.search(roadbook, at_roadbook)
        assert found, (leg.number, leg.title, "roadbook")
        at_roadbook = found.start() + 1
        found = declared.search(dossier, at_dossier)
        assert found, (leg.number, leg.title, "dossier")
        at_dossier = found.start() + 1
    arrival = (f"Arrivée de l'étape : {sheet.clock(table.head_finish)}, barrière "
               f"{sheet.clock(table.cutoff_finish)}")
    assert arrival in raid["roadbook"]  # type: ignore[operator]
    assert f"Barrière horaire d'arrivée {sheet.clock(table.cutoff_finish)}" in raid["dossier"]  # type: ignore[operator]
    stage_km = f"{number(sheet.length_m / 1000)} km"
    assert stage_km in raid["roadbook"] and stage_km in raid["dossier"]  # type: ignore[operator]


def test_participants_files_read_the_same_legs(raid: dict[str, object]) -> None:
    sheet, table = _table(raid)
    pack: Path = raid["pack"]  # type: ignore[assignment]
    files = pack / "participants" / "fichiers"
    stem = slug(raid["name"])  # type: ignore[arg-type]
    moving = [leg for leg in table.legs if leg.moving]
    for leg in moving:
        (path,) = files.glob(f"{stem}-troncon-{leg.number:02d}-*.gpx")
        track = gpxpy.parse(path.read_text(encoding="utf-8")).tracks[0]
        description = _flat(track.description or "")
        assert f"{km_cell(leg.length_m)} km" in description, path.name
        assert sheet.clock(leg.head_start) in description, path.name
        assert sheet.clock(leg.cutoff_end) in description, path.name
        assert track.length_2d() == pytest.approx(leg.length_m, rel=0.002), path.name
    messages, errors = Decoder(Stream.from_file(str(files / f"{stem}.fit"))).read()
    assert errors == []
    assert abs(messages["lap_mesgs"][0]["total_distance"] - sheet.length_m) < 1.0
    # a course point at every change of leg, at the sheet's metre
    changes = [leg.start_m for before, leg in zip(table.legs, table.legs[1:], strict=False)
               if before.kind != leg.kind]
    points = [p["distance"] for p in messages["course_point_mesgs"]]
    for metres in changes:
        assert any(abs(p - metres) < 2.0 for p in points), metres
    rows = list(csv.reader((pack / f"feuille-de-route-{raid['base']}.csv").read_text(
        encoding="utf-8-sig").splitlines(), delimiter=";"))
    mine = [r for r in rows if r[0] == raid["name"]]
    assert mine[-1][1] == number(sheet.length_m / 1000)
    assert mine[-1][6] == sheet.clock(table.cutoff_finish)
