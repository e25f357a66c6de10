"""« Sections de l'épreuve »: a stage's legs as the declaration file declares them — discipline,
from and to, km, D+, communes crossed and the time window of the teams — read from the course
sheet's timetable (nothing measured here). One set of rows for the PDF and the workbook."""

from __future__ import annotations

from dataclasses import dataclass

from app.legs import duration_text
from app.model import LegKind
from app.roadbook.content import climb_so_far, passage_text
from app.sheet import CourseSheet, MarshalPost
from app.sheet.timetable import LegTimes
from routes.frenchfmt import km_cell, length_cell

HEADER = ("N°", "Discipline", "De – à (site)", "km", "D+", "Communes traversées (km)",
          "Passage des équipes (début – barrière)", "Épreuve ou transition : durée")


def window_text(sheet: CourseSheet, leg: LegTimes) -> str:
    """When teams are in the leg: the expected start of the first (mid-pack) team to the
    cut-off at its end (« 9 h 00 – 10 h 48 »)."""
    return f"{passage_text(sheet, leg.head_start)} – {passage_text(sheet, leg.cutoff_end)}"


def post_type(post: MarshalPost) -> str:
    """« Traversée (Trail) »: a post's kind, and on a multisport stage the leg passing there
    (its times are that leg's)."""
    return f"{post.kind} ({post.leg})" if post.leg else post.kind


@dataclass(frozen=True)
class SectionRow:
    number: str
    discipline: str
    ends: str
    km: str  # « 0,0 – 12,3 (12,3 km) »
    climb: str
    communes: str
    window: str
    site: str

    def cells(self) -> tuple[str, ...]:
        return (self.number, self.discipline, self.ends, self.km, self.climb, self.communes,
                self.window, self.site)


def declared_legs(sheet: CourseSheet) -> tuple[LegTimes, ...]:
    """The stage's legs when it has more than the one leg of a single course (and they are on
    its course); none otherwise: the dossier then declares the course as one section."""
    table = sheet.timetable
    return table.legs if table is not None and table.has_legs else ()


def _discipline(leg: LegTimes) -> str:
    return leg.kind.label + (" (tracé à la main, non relevé)" if leg.hand_drawn else "")


def _site(sheet: CourseSheet, leg: LegTimes) -> str:
    """Where an épreuve or a transition stands: its place, and the commune there."""
    where = leg.start_label or "—"
    commune = sheet.commune_at(leg.start_m)
    return f"{where} ({commune})" if commune and commune not in where else where


def _what(leg: LegTimes) -> str:
    """An épreuve's or a transition's name and duration (« Tir à l'arc ; 30 min, au plus
    45 min »)."""
    if leg.moving:
        return "—"
    name = leg.mark if leg.kind is LegKind.EPREUVE else leg.title.removeprefix(
        f"{leg.kind.label} — ")
    limit = (f", au plus {duration_text(leg.limit)}" if leg.limit is not None
             and leg.limit != leg.duration else "")
    return f"{name} ; {duration_text(leg.duration)}{limit}"


def section_rows(sheet: CourseSheet) -> list[SectionRow]:
    rows = []
    for leg in declared_legs(sheet):
        if leg.moving:
            ends = f"{leg.start_label} – {leg.end_label}"
            where = (f"{km_cell(leg.start_m)} – {km_cell(leg.end_m)} "
                     f"({km_cell(leg.length_m)} km)")
            climb = climb_so_far(sheet, leg.climb_m)
            communes = ", ".join(f"{c.name} ({length_cell(c.length_m)})" for c in leg.communes)
        else:
            ends, where, climb = _site(sheet, leg), km_cell(leg.start_m), "—"
            communes = "—"
        rows.append(SectionRow(str(leg.number), _discipline(leg), ends, where, climb,
                               communes or "inconnues", window_text(sheet, leg),
                               _what(leg)))
    return rows
