"""A multisport stage for the participants: one course with course points at the transitions
(FIT, TCX, GPX of the whole stage) and, beside it, one GPX per moving leg, named by its number
and discipline (« etape-1-troncon-02-vtt.gpx »).

Which devices take which (:data:`DEVICE_NOTE`): Garmin watches and Edge counters take the whole
stage's FIT course, whose course points announce each transition and épreuve (« Up Ahead »);
phone apps, older GPS and watches that load one course per activity take the per-leg GPX, loaded
before each discipline. Each leg's file is cut from the stage's course sheet at the timetable's
km (nothing measured again): its points, km, times and D+ are the stage's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from app.exports.courses import Course
from app.exports.files import slug
from app.sheet.timetable import LegTimes
from routes.frenchfmt import km, number
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta
from routes.outputs.unsurveyed import gpx_note, has_unsurveyed

#: What the participants' page and the zip's README say of the files of a stage with legs.
DEVICE_NOTE = (
    "Étape en plusieurs tronçons : deux façons de la suivre. Montres et compteurs Garmin "
    "(Forerunner, Fenix, Edge…) : le fichier FIT de l'étape entière (page des participants), "
    "un seul parcours dont les transitions et les épreuves sont des points de parcours "
    "annoncés (« Up Ahead »). "
    "Téléphones (Komoot, OsmAnd, Organic Maps, Iphigénie…), GPS plus anciens et montres qui ne "
    "suivent qu'un parcours par activité : un GPX par tronçon (numéro et discipline dans le nom "
    "du fichier), à charger avant chaque discipline.")
#: Metres of slack at a leg's ends (the timetable's bounds sit on the course's vertices).
SLACK_M = 0.5


@dataclass(frozen=True)
class LegFile:
    """The GPX of one moving leg: its file name, line and points, and its metadata."""

    leg: LegTimes
    file_name: str
    track: CourseTrack
    meta: GpxMeta
    label: str  # « Tronçon 2 — VTT (GPX) »


def leg_file_name(course: Course, leg: LegTimes) -> str:
    """« etape-1-loos-en-gohelle-oignies-troncon-02-vtt.gpx »."""
    return f"{slug(course.name)}-troncon-{leg.number:02d}-{slug(leg.kind.label)}.gpx"


def _description(course: Course, leg: LegTimes, total: int) -> str:
    sheet = course.sheet
    climb = ("D+ inconnu" if leg.climb_m is None or not sheet.climb.known
             else f"D+ {leg.climb_m:.0f} m")
    text = (f"Tronçon {leg.number} sur {total} de « {course.name} » : {leg.kind.label}, "
            f"{leg.start_label} → {leg.end_label}, {km(leg.length_m)}, {climb} ; du km "
            f"{number(leg.start_m / 1000)} au km {number(leg.end_m / 1000)} de l'étape. "
            "Départ du tronçon prévu à "
            f"{sheet.clock(leg.head_start)}, barrière horaire à sa fin : "
            f"{sheet.clock(leg.cutoff_end)}.")
    if leg.hand_drawn:
        text += " Tracé à la main, non relevé : à reconnaître."
    elif has_unsurveyed(leg.unsurveyed_m):
        text += f" {gpx_note(leg.unsurveyed_m)}"
    return text


def leg_files(course: Course) -> list[LegFile]:
    """One GPX per moving leg of a stage with legs (none for a course of one discipline, or
    legs no longer on the course)."""
    table = course.sheet.timetable
    if table is None or not table.has_legs:
        return []
    cumulative = np.asarray(course.sheet.cumulative_m, dtype=float)
    points = course.track.points
    total = len(table.legs)
    files = []
    for leg in table.legs:
        if not leg.moving or leg.length_m <= 0:
            continue
        first = max(0, int(np.searchsorted(cumulative, leg.start_m + SLACK_M)) - 1)
        last = min(len(points) - 1, int(np.searchsorted(cumulative, leg.end_m - SLACK_M)))
        if last <= first:
            continue
        waypoints = [CourseWaypoint(p.name, p.lat, p.lon, p.kind, description=p.note)
                     for p in course.points
                     if leg.start_m - SLACK_M <= p.distance_m <= leg.end_m + SLACK_M]
        title = f"{course.name} — tronçon {leg.number} : {leg.kind.label}"
        track = CourseTrack(title, list(points[first:last + 1]), waypoints,
                            _description(course, leg, total), course.track.start_time)
        files.append(LegFile(leg, leg_file_name(course, leg), track,
                             replace(course.meta, format_name=title),
                             f"Tronçon {leg.number} — {leg.kind.label} (GPX)"))
    return files
