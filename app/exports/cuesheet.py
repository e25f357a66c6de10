"""The cue sheet: each course point with its km, D+ since the start, expected time and cut-off.

Rows are shared by the CSV, the workbook and the participants' page (and by the roadbook table),
so every document prints the same figures.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.exports.courses import Course
from app.exports.files import write_atomic
from app.xlsx_text import append_row, csv_row
from routes.frenchfmt import number
from routes.gpx.model import WAYPOINT_KINDS
from routes.outputs.unsurveyed import gpx_note, has_unsurveyed

UNKNOWN = "inconnu"
HEADER = ("Format", "Km", "D+ depuis le départ", "Point", "Type", "Heure prévue",
          "Barrière horaire", "Remarque")


@dataclass(frozen=True)
class CueRow:
    format_name: str
    km: str
    climb: str
    name: str
    kind: str
    expected: str
    cutoff: str
    note: str

    def cells(self) -> tuple[str, ...]:
        return (self.format_name, self.km, self.climb, self.name, self.kind, self.expected,
                self.cutoff, self.note)


def _km(metres: float) -> str:
    return number(metres / 1000)


def cue_rows(course: Course) -> list[CueRow]:
    """The sheet's points in course order, start and finish included, with the sheet's km, D+,
    expected time and cut-off."""
    sheet = course.sheet
    start_note = gpx_note(sheet.unsurveyed_m) if has_unsurveyed(sheet.unsurveyed_m) else ""
    rows = []
    for point in sheet.points:
        if point.kind == "depart":
            note = start_note
        elif point.offset_m < 50:
            note = point.note
        else:
            note = f"{point.note} (à {point.offset_m:.0f} m du tracé)".strip()
        if sheet.pace is None:
            expected = cutoff = UNKNOWN
        else:
            expected = sheet.clock(point.head)
            cutoff = "—" if point.kind == "depart" else sheet.clock(point.cutoff)
        rows.append(CueRow(course.name, _km(point.distance_m),
                           UNKNOWN if point.climb_m is None else f"{point.climb_m:.0f} m",
                           point.name, WAYPOINT_KINDS[point.kind].label, expected, cutoff, note))
    return rows


def csv_text(courses: Sequence[Course]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")  # what French Excel reads
    writer.writerow(HEADER)
    for course in courses:
        writer.writerows(csv_row(row.cells()) for row in cue_rows(course))
    return buffer.getvalue()


def write_cue_csv(path: Path, courses: Sequence[Course]) -> Path:
    return write_atomic(path, csv_text(courses).encode("utf-8-sig"))


def write_cue_xlsx(path: Path, courses: Sequence[Course]) -> Path:
    from openpyxl import Workbook  # slow to import: when used, not when the window starts
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Feuille de route"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for course in courses:
        for row in cue_rows(course):
            append_row(sheet, row.cells())  # user text: text cells, never formulas
    for column, width in zip("ABCDEFGH", (18, 8, 12, 48, 20, 16, 16, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return write_atomic(path, buffer.getvalue())
