"""Device presets for the « compatible » participants' files (``--appareil``, the export dialog).

A preset caps the number of track points a watch accepts and, on a loop whose finish is its
start, moves the last point a few metres back along the course (some watches otherwise report
the end of the course at the start). The simplified track keeps every course point's nearest
track point and keeps the true distance along the full course on each point it keeps, so the
watch announces a cue at the same km as the complete GPX. Figures and their sources: README,
« Appareils ».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from app.exports.courses import Course
from app.exports.errors import ExportError
from app.sheet import SheetPoint
from routes.gpx.model import CourseTrack, Point
from routes.gpx.simplify import simplify_to_budget

#: A loop: first and last points closer than this.
LOOP_M = 30.0


@dataclass(frozen=True)
class Device:
    key: str
    label: str
    max_points: int | None  # track points in the compatible files; None: every point
    loop_gap_m: float  # on a loop, the last point stops this far before the start
    note: str = ""


DEVICES: dict[str, Device] = {d.key: d for d in (
    Device("garmin", "Garmin (montre, Edge)", 5000, 0.0,
           "parcours FIT de 5 000 points au plus, avec les points de parcours"),
    Device("coros", "Coros", 500, 20.0, "500 points ; départ et arrivée séparés sur une boucle"),
    Device("polar", "Polar", 500, 20.0, "Polar Flow réduit un itinéraire à 500 points"),
    Device("suunto", "Suunto", 1000, 20.0, "1 000 points"),
    Device("telephone", "Téléphone (GPX complet)", None, 0.0, "tous les points"),
)}


def device(key: str) -> Device:
    try:
        return DEVICES[key.strip().lower()]
    except KeyError:
        raise ExportError(f"Appareil « {key} » inconnu (attendu : "
                          f"{', '.join(DEVICES)}).") from None


def _is_loop(points: list[Point], cumulative: np.ndarray) -> bool:
    from routes.gpx.geo import distance_m

    first, last = points[0], points[-1]
    return cumulative[-1] > 10 * LOOP_M and distance_m(first[:2], last[:2]) < LOOP_M


def _open_loop(course: Course, gap_m: float) -> Course:
    """The course ending ``gap_m`` metres before its end (course points past it move back)."""
    points = course.track.points
    cumulative = course.cumulative_m
    end = float(cumulative[-1]) - gap_m
    last = int(np.searchsorted(cumulative, end, side="right")) - 1
    a, b = points[last], points[last + 1]
    step = float(cumulative[last + 1] - cumulative[last])
    t = (end - float(cumulative[last])) / step if step > 0 else 0.0
    ele = None if a[2] is None or b[2] is None else a[2] + (b[2] - a[2]) * t
    cut: Point = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, ele)
    kept = [*points[:last + 1], cut]
    new_cum = np.concatenate([cumulative[:last + 1], [end]])
    climb = course.climb_profile_m
    new_climb = None if climb is None else np.concatenate(
        [climb[:last + 1], [float(np.interp(end, cumulative, climb))]])
    track = CourseTrack(course.track.name, kept, course.track.waypoints,
                        course.track.description, course.track.start_time)
    return replace(course, track=track, track_m=new_cum, track_climb_m=new_climb, end_m=end)


def _nearest_indices(cumulative: np.ndarray, points: Sequence[SheetPoint]) -> list[int]:
    return [int(np.abs(cumulative - p.distance_m).argmin()) for p in points]


def for_device(course: Course, preset: Device) -> Course:
    """The course as ``preset``'s files carry it (see the module's docstring)."""
    if preset.loop_gap_m > 0 and _is_loop(course.track.points, course.cumulative_m):
        course = _open_loop(course, preset.loop_gap_m)
    points = course.track.points
    if preset.max_points is None or len(points) <= preset.max_points:
        return course
    keep = _nearest_indices(course.cumulative_m, course.points)
    kept = simplify_to_budget([(p[0], p[1]) for p in points], preset.max_points, keep=keep)
    track = CourseTrack(course.track.name, [points[i] for i in kept], course.track.waypoints,
                        course.track.description, course.track.start_time)
    climb = course.climb_profile_m
    return replace(course, track=track, track_m=course.cumulative_m[kept],
                   track_climb_m=None if climb is None else climb[kept])


CourseFileKind = Literal["gpx", "gpx-compatible", "fit", "kml", "tcx"]


def file_version(course: Course, kind: CourseFileKind, *, cued: Course | None = None,
                 gpx_cues: bool = False, preset: Device | None = None
                 ) -> tuple[Course, CourseFileKind]:
    """The course one participants' file carries, and the kind to write it as: FIT and TCX get
    the turn cues of ``cued`` (GPX files only with ``gpx_cues``); with a device preset, the
    « compatible » files (GPX compatible, FIT, TCX) follow the preset (the GPX compatible then
    holds the preset's points, not the generic 500)."""
    source = cued if cued is not None and (kind in ("fit", "tcx") or gpx_cues) else course
    if preset is None or kind not in ("gpx-compatible", "fit", "tcx"):
        return source, kind
    return for_device(source, preset), "gpx" if kind == "gpx-compatible" else kind
