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
from app.exports.pace import clock
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
    """Start, every course point in course order, finish."""
    start_note = gpx_note(course.unsurveyed_m) if has_unsurveyed(course.unsurveyed_m) else ""
    stops = [("Départ", "depart", 0.0, 0.0 if course.climb_m is not None else None, start_note)]
    stops += [(p.name, p.kind, p.distance_m, p.climb_m,
               p.note if p.offset_m < 50 else f"{p.note} (à {p.offset_m:.0f} m du tracé)".strip())
              for p in course.points]
    stops.append(("Arrivée", "arrivee", course.distance_m, course.climb_m, ""))
    rows = []
    for name, kind, distance, climb, note in stops:
        if course.pace is None:
            expected = cutoff = UNKNOWN
        else:
            expected = clock(course.start, course.pace.expected(distance, climb))
            cutoff = ("—" if kind == "depart"
                      else clock(course.start, course.pace.cutoff(distance, climb)))
        rows.append(CueRow(course.name, _km(distance),
                           UNKNOWN if climb is None else f"{climb:.0f} m", name,
                           WAYPOINT_KINDS[kind].label, expected, cutoff, note))
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
