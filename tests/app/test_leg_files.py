"""Issue #25: every document of a multisport stage reads the sheet's timetable. The
participants get both the whole stage (one course, course points at the transitions) and one
GPX per leg, named by number and discipline, with a word on which devices take which; the cue
sheet and the turn cues give the leg's times."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from layer_factory import ladder
from leg_samples import four_leg_stage
from pyproj import Geod

from app.exports.courses import course_of_format
from app.exports.cues import cue_points
from app.exports.cuesheet import cue_rows
from app.exports.legfiles import DEVICE_NOTE, leg_files
from app.exports.pack import PackOptions, export_pack
from app.model import Discipline, Event, Format
from app.project_store import Project
from app.sheet import CourseSheet, sheet_of
from routes.network.model import Network, network_from_layers
from routes.outputs.decisions import Decision

GEOD = Geod(ellps="WGS84")
MIN = dt.timedelta(minutes=1)


@cache
def network() -> Network:
    return network_from_layers(ladder(), name="échelle")


def _stage() -> Format:
    return four_leg_stage(network())


def _event(fmt: Format) -> Event:
    return Event("Raid", 2027, dt.date(2027, 6, 5), dt.date(2027, 6, 5), "Club", (fmt,))


def _sheet(fmt: Format) -> CourseSheet:
    return sheet_of(_event(fmt), fmt, network())


def test_one_gpx_per_moving_leg_cut_at_the_timetable_km() -> None:
    stage = _stage()
    sheet = _sheet(stage)
    course = course_of_format(_event(stage), stage, sheet)
    assert sheet.timetable is not None
    vtt, _transition, trail, _epreuve = sheet.timetable.legs
    files = leg_files(course)
    assert [f.file_name for f in files] == ["étape-1-troncon-01-vtt.gpx",
                                            "étape-1-troncon-03-trail.gpx"]
    for leg_file, leg in zip(files, (vtt, trail), strict=True):
        lats, lons = zip(*((p[0], p[1]) for p in leg_file.track.points), strict=True)
        assert GEOD.line_length(lons, lats) == pytest.approx(leg.length_m, abs=1.0)
        assert sheet.clock(leg.head_start) in leg_file.track.description
        assert sheet.clock(leg.cutoff_end) in leg_file.track.description
        assert leg.kind.label in leg_file.label
    # the transition stands where the VTT ends and the trail starts: a point of both files
    assert any(w.name.startswith("Transition") for w in files[0].track.waypoints)
    assert any(w.name.startswith("Transition") for w in files[1].track.waypoints)
    single = Format("Trail", Discipline.TRAIL, 3.0, 100, Decimal(10), route=stage.legs[0].route)
    assert leg_files(course_of_format(_event(single), single, _sheet(single))) == []


def test_the_cue_sheet_and_the_cues_give_the_leg_times() -> None:
    stage = _stage()
    sheet = _sheet(stage)
    assert sheet.timetable is not None
    vtt, transition, trail, epreuve = sheet.timetable.legs
    rows = {r.name: r for r in cue_rows(course_of_format(_event(stage), stage, sheet))}
    at_transition = next(r for n, r in rows.items() if n.startswith("Transition"))
    assert at_transition.expected == sheet.clock(transition.head_start)
    assert at_transition.cutoff == sheet.clock(vtt.cutoff_end)
    finish = next(r for n, r in rows.items() if n.startswith("Arrivée"))
    assert finish.expected == sheet.clock(sheet.timetable.head_finish)
    assert finish.cutoff == sheet.clock(sheet.timetable.cutoff_finish)
    # a turn on the trail: its times at the trail's pace, after the transition
    along = (trail.start_m + trail.end_m) / 2
    lon, lat = sheet.lonlat[len(sheet.lonlat) // 2]
    (cue,) = cue_points(course_of_format(_event(stage), stage, sheet),
                        [Decision(along, float(lon), float(lat), 0, "left", -90.0, "à gauche", "",
                                  ())])
    assert (cue.head, cue.cutoff) == sheet.timetable.passage(along)
    assert cue.head is not None and trail.head_start <= cue.head <= trail.head_end
    assert epreuve.head_start == trail.head_end


def test_the_pack_has_the_stage_and_its_legs(tmp_path: Path) -> None:
    stage = _stage()
    result = export_pack(Project(_event(stage)), tmp_path / "pack", PackOptions(tiles=False),
                         network=network())
    files = {p.name for p in result.files}
    assert {"étape-1.fit", "étape-1-complet.gpx", "étape-1-troncon-01-vtt.gpx",
            "étape-1-troncon-03-trail.gpx"} <= files
    page = (tmp_path / "pack" / "participants" / "index.html").read_text(encoding="utf-8")
    assert "Tronçon 1 — VTT (GPX)" in page and "Tronçon 3 — Trail (GPX)" in page
    assert "Montres et compteurs Garmin" in page
    (bundle,) = (tmp_path / "pack").glob("gpx-*.zip")
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        readme = next(archive.read(n).decode() for n in names if n.endswith("README.txt"))
    assert any(n.endswith("/etape-1-troncon-01-vtt.gpx") for n in names)
    assert any(n.endswith("/etape-1-troncon-03-trail.gpx") for n in names)
    assert "etape-1-troncon-03-trail.gpx : Tronçon 3 sur 4" in readme
    assert DEVICE_NOTE in readme
