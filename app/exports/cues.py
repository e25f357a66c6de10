"""Turn cues in the participants' files: the course's decisions (routes.outputs.decisions) as
course points of the matching kind (« gauche », « droite », « tout_droit », « demi_tour »), so a
FIT course shows LEFT / RIGHT / STRAIGHT / U_TURN points in « Up Ahead », a TCX gets Left / Right /
Straight CoursePoints and a GPX, on request, one ``<wpt>`` per cue.

A cue sits at the decision's distance along the course: the sheet's decisions are measured on
the sheet's own geodesic axis (:attr:`Course.cumulative_m`); decisions found on a loose file are
rescaled when the two lengths differ.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from app.exports.courses import Course
from app.sheet import SheetPoint
from routes.frenchfmt import number
from routes.gpx.model import WaypointKind
from routes.outputs.decisions import TURN_TEXT, CourseDecisions, Decision

#: Decision turn -> kind of the course point in the files.
CUE_KIND: dict[str, WaypointKind] = {"left": "gauche", "right": "droite",
                                     "straight": "tout_droit", "u_turn": "demi_tour"}
CUE_KINDS = frozenset(CUE_KIND.values())


def _cue_name(decision: Decision) -> str:
    text = decision.instruction[:1].upper() + decision.instruction[1:]
    return f"{text} — {decision.way_name}" if decision.way_name else text


def _cue_note(decision: Decision, km: float) -> str:
    note = f"km {number(km / 1000.0, 1)} : {decision.instruction}"
    if decision.way_name:
        note += f" ({decision.way_name})"
    others = [f"{p.format_name} {TURN_TEXT[p.turn]}" for p in decision.others
              if p.parts and p.turn is not None]
    if others:
        note += " ; " + ", ".join(dict.fromkeys(others))
    return note


def cue_points(course: Course, decisions: Iterable[Decision], *,
               length_m: float | None = None) -> list[SheetPoint]:
    """The decisions as course points of ``course``, with the sheet's climb and times there;
    ``length_m``: the length the decisions were measured on (default: the course's own)."""
    scale = course.distance_m / length_m if length_m else 1.0
    sheet = course.sheet
    points = []
    for decision in decisions:
        along = min(decision.distance_m * scale, course.distance_m)
        head, cutoff = sheet.passage(along)
        points.append(SheetPoint(_cue_name(decision), CUE_KIND[decision.turn], decision.lon,
                                 decision.lat, along, 0.0, sheet.climb_at(along),
                                 _cue_note(decision, along), head, cutoff))
    return points


def with_cues(course: Course, decisions: Iterable[Decision], *,
              length_m: float | None = None) -> Course:
    """The course with its turn cues among its course points, in course order."""
    return replace(course, cues=tuple(cue_points(course, decisions, length_m=length_m)))


def without_cues(course: Course) -> Course:
    return replace(course, cues=())


def cued_courses(courses: Sequence[Course]) -> list[Course]:
    """Each course with the cues of its sheet's decisions (when they were computed)."""
    return [course if course.sheet.decisions is None
            else with_cues(course, course.sheet.decisions.decisions)
            for course in courses]


@dataclass(frozen=True)
class MapMark:
    """A mark drawn along a course on a map: a km marker, or a direction arrow."""

    lon: float
    lat: float
    km: float
    bearing_deg: float | None = None  # arrows only: direction of travel, 0 = north


def _bearing_at(course: Course, along: float) -> float:
    ahead = min(along + 15.0, course.distance_m)
    behind = max(along - 15.0, 0.0)
    lat = np.asarray([p[0] for p in course.track.points])
    lon = np.asarray([p[1] for p in course.track.points])
    la0, lo0 = np.interp(behind, course.cumulative_m, lat), np.interp(behind, course.cumulative_m,
                                                                       lon)
    la1, lo1 = np.interp(ahead, course.cumulative_m, lat), np.interp(ahead, course.cumulative_m,
                                                                      lon)
    dx = (lo1 - lo0) * math.cos(math.radians(float(la0)))
    return math.degrees(math.atan2(float(dx), float(la1 - la0))) % 360.0


def _mark(course: Course, along: float, bearing: float | None = None) -> MapMark:
    lat = float(np.interp(along, course.cumulative_m, [p[0] for p in course.track.points]))
    lon = float(np.interp(along, course.cumulative_m, [p[1] for p in course.track.points]))
    return MapMark(lon, lat, along / 1000.0, bearing)


def km_marks(course: Course, every_m: float = 5000.0) -> list[MapMark]:
    """A marker every ``every_m`` metres along the course (km 5, 10…)."""
    return [_mark(course, float(at)) for at in np.arange(every_m, course.distance_m, every_m)]


def direction_marks(course: Course, found: CourseDecisions | None, *,
                    every_m: float = 500.0) -> list[MapMark]:
    """Arrows in the direction of travel along the sections travelled twice (out and back, or
    shared with another format), where a map line alone does not tell the way."""
    if found is None:
        return []
    scale = course.distance_m / found.length_m if found.length_m else 1.0
    places: list[float] = []
    for section in found.sections:
        for span in (p for p in section.passages if p.format_name == course.track.name):
            for at in np.arange(span.start_m * scale + every_m / 2, span.end_m * scale, every_m):
                if all(abs(float(at) - seen) > every_m / 4 for seen in places):
                    places.append(float(at))
    return [_mark(course, at, round(_bearing_at(course, at), 1)) for at in sorted(places)]


def cues_and_marks(course: Course, *,
                   arrow_every_m: float = 500.0) -> tuple[Course, tuple[MapMark, ...]]:
    """The course with its turn cues, and its map marks (km markers every 5 km, arrows on the
    sections travelled twice), from its sheet's decisions; km markers alone without them."""
    found = course.sheet.decisions
    if found is None:
        return course, tuple(km_marks(course))
    cued = with_cues(course, found.decisions)
    return cued, tuple(km_marks(course) + direction_marks(course, found, every_m=arrow_every_m))
