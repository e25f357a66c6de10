"""GPX 1.1 « complet » (every point) and « compatible » (at most 500 points, for older devices)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.exports.courses import Course
from app.exports.errors import ExportError
from app.exports.files import write_atomic
from app.exports.legfiles import LegFile
from routes.gpx.errors import GpxError
from routes.gpx.model import CourseTrack, CourseWaypoint
from routes.gpx.simplify import simplify_to_budget
from routes.gpx.writer import gpx_xml

#: Older Garmin and Suunto devices refuse or cut longer tracks.
COMPATIBLE_MAX_POINTS = 500


def track_with_course_points(course: Course, *, max_points: int | None = None) -> CourseTrack:
    """The course's track whose waypoints are all its course points (crossings and terrils
    included), simplified to ``max_points`` keeping the points nearest to each course point."""
    track = course.track
    waypoints = [CourseWaypoint(p.name, p.lat, p.lon, p.kind, description=p.note)
                 for p in course.points]
    points = track.points
    if max_points is not None and len(points) > max_points:
        keep = [int(abs(course.cumulative_m - p.distance_m).argmin()) for p in course.points]
        kept = simplify_to_budget([(p[0], p[1]) for p in points], max_points, keep=keep)
        points = [points[i] for i in kept]
    return CourseTrack(track.name, points, waypoints, track.description, track.start_time)


def gpx_text(course: Course, *, compatible: bool = False, with_route: bool = False,
             created: datetime | None = None) -> str:
    track = track_with_course_points(
        course, max_points=COMPATIBLE_MAX_POINTS if compatible else None)
    return gpx_xml([track], course.meta, with_route=with_route, created=created)


def write_gpx_file(path: Path, course: Course, *, compatible: bool = False,
                   with_route: bool = False, created: datetime | None = None) -> Path:
    try:
        text = gpx_text(course, compatible=compatible, with_route=with_route, created=created)
    except GpxError as exc:
        raise ExportError(str(exc)) from exc
    return write_atomic(path, text.encode("utf-8"))


def write_leg_file(path: Path, leg: LegFile, *, with_route: bool = False,
                   created: datetime | None = None) -> Path:
    """The GPX of one leg of a stage (:func:`app.exports.legfiles.leg_files`)."""
    try:
        text = gpx_xml([leg.track], leg.meta, with_route=with_route, created=created)
    except GpxError as exc:
        raise ExportError(str(exc)) from exc
    return write_atomic(path, text.encode("utf-8"))
