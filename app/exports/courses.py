"""A format as the participants' files see it: the line, and its course points with their
distance along the line and the climb since the start.

One place maps the project's waypoint kinds to the file kinds (:data:`KIND_OF`), one place builds
the course (:func:`course_of_format`) for every writer, the window and the command line.
Distances are geodesic (haversine) along the written points, so a watch reading the FIT file, the
GPX and the cue sheet all show the same km for a point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from app.course_notes import event_meta, record_note
from app.exports.errors import ExportError
from app.exports.pace import DEFAULT_PACES, Pace
from app.model import Discipline, Event, Format, WaypointKind
from routes.frenchfmt import short
from routes.gpx.geo import segment_lengths
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta, Point
from routes.gpx.model import WaypointKind as FileKind

#: Project waypoint kind -> kind in the files (Garmin symbol, FIT course point type, label).
KIND_OF: dict[WaypointKind, FileKind] = {
    WaypointKind.AID_STATION: "ravitaillement",
    WaypointKind.EPREUVE: "epreuve",
    WaypointKind.CHECKPOINT: "controle",
    WaypointKind.FIRST_AID: "secours",
    WaypointKind.MARSHAL_POST: "signaleur",
}

#: Discipline -> sport of the FIT course (what the watch's activity profile becomes).
SPORT_OF: dict[Discipline, str] = {
    Discipline.TRAIL: "running", Discipline.RUN_BIKE: "running",
    Discipline.COURSE_ORIENTATION: "running", Discipline.VTT: "cycling",
    Discipline.VELO: "cycling", Discipline.RANDO: "hiking", Discipline.RAID: "multisport",
    Discipline.CANOE: "paddling",
}


@dataclass(frozen=True)
class Landmark:
    """A point of the network the course passes (road crossing, terril)."""

    kind: FileKind
    name: str
    lon: float
    lat: float
    note: str = ""


@dataclass(frozen=True)
class CoursePoint:
    name: str
    kind: FileKind
    lat: float
    lon: float
    distance_m: float  # along the course, from the start
    climb_m: float | None  # D+ since the start; None when the course has no elevation
    offset_m: float  # distance from the point to the course line
    note: str = ""


@dataclass(frozen=True)
class Course:
    """Everything a writer needs for one format."""

    track: CourseTrack
    meta: GpxMeta
    points: list[CoursePoint]
    cumulative_m: np.ndarray = field(repr=False)
    climb_profile_m: np.ndarray | None = field(repr=False)  # D+ at each point of the track
    discipline: str = ""
    category: str = ""
    pace: Pace | None = None
    sport: str = "generic"  # FIT sport: "running", "cycling", "hiking", "walking", "generic"
    elevation_dropped: int = 0  # points that had an elevation dropped (all or none)
    unsurveyed_m: float = 0.0  # straight connectors and access spurs nobody surveyed

    @property
    def name(self) -> str:
        return self.meta.format_name or self.track.name

    @property
    def start(self) -> dt.datetime | None:
        return self.track.start_time

    @property
    def distance_m(self) -> float:
        return float(self.cumulative_m[-1])

    @property
    def climb_m(self) -> float | None:
        return None if self.climb_profile_m is None else float(self.climb_profile_m[-1])


def uniform_elevation(points: Sequence[Point]) -> tuple[list[Point], int]:
    """Elevation on every point or on none (what Garmin asks): (points, elevations dropped)."""
    known = sum(1 for p in points if p[2] is not None)
    if known == len(points):
        return list(points), 0
    return [(p[0], p[1], None) for p in points], known


def _cumulative(points: Sequence[Point]) -> np.ndarray:
    steps = segment_lengths([p[0] for p in points], [p[1] for p in points])
    return np.concatenate([[0.0], np.cumsum(steps)])


def _climb_profile(points: Sequence[Point]) -> np.ndarray | None:
    if not points or points[0][2] is None:
        return None
    ele = np.asarray([float(p[2]) for p in points if p[2] is not None])
    rises = np.clip(np.diff(ele), 0.0, None)
    return np.concatenate([[0.0], np.cumsum(rises)])


def locate(points: Sequence[Point], cumulative: np.ndarray, lat: float, lon: float,
           after_m: float = -1.0) -> tuple[float, float]:
    """(distance along the course, distance off it) of the nearest point of the line, on a local
    flat projection; the first pass after ``after_m`` when the course passes twice."""
    lat0 = np.radians(np.mean([p[0] for p in points]))
    scale = np.array([np.cos(lat0), 1.0]) * np.radians(1.0) * 6_371_008.8
    xy = np.asarray([(p[1], p[0]) for p in points]) * scale
    target = np.array([lon, lat]) * scale
    a, b = xy[:-1], xy[1:]
    ab = b - a
    length2 = np.maximum((ab ** 2).sum(axis=1), 1e-12)
    t = np.clip(((target - a) * ab).sum(axis=1) / length2, 0.0, 1.0)
    foot = a + ab * t[:, None]
    off = np.hypot(*(foot - target).T)
    along = cumulative[:-1] + t * np.diff(cumulative)
    candidates = (along > after_m) & (off <= off.min() + 5.0)
    index = int(np.argmax(candidates)) if candidates.any() else int(np.argmin(off))
    return float(along[index]), float(off[index])


def _climb_at(course_climb: np.ndarray | None, cumulative: np.ndarray,
              distance_m: float) -> float | None:
    if course_climb is None:
        return None
    return float(np.interp(distance_m, cumulative, course_climb))


def build_course(track: CourseTrack, meta: GpxMeta, landmarks: Sequence[Landmark] = (), *,
                 discipline: str = "", category: str = "", pace: Pace | None = None,
                 sport: str = "generic") -> Course:
    """Place the track's waypoints and the landmarks on the track, in course order."""
    points, dropped = uniform_elevation(track.points)
    track = CourseTrack(track.name, points, track.waypoints, track.description, track.start_time)
    cumulative = _cumulative(points)
    climb = _climb_profile(points)
    placed: list[CoursePoint] = []
    for wp in track.waypoints:
        along, off = locate(points, cumulative, wp.lat, wp.lon)
        placed.append(CoursePoint(wp.name or wp.style.label, wp.kind, wp.lat, wp.lon, along,
                                  _climb_at(climb, cumulative, along), off, wp.description))
    after = -1.0
    for mark in landmarks:
        along, off = locate(points, cumulative, mark.lat, mark.lon,
                            after if mark.kind == "traversee" else -1.0)
        if mark.kind == "traversee":
            after = along
        placed.append(CoursePoint(mark.name, mark.kind, mark.lat, mark.lon, along,
                                  _climb_at(climb, cumulative, along), off, mark.note))
    placed.sort(key=lambda p: p.distance_m)
    return Course(track, meta, placed, cumulative, climb, discipline, category, pace, sport,
                  dropped)


#: Route statistics layers whose geometry nobody surveyed (routes.provenance: connectors, spurs).
UNSURVEYED_LAYERS = ("liaison", "access")


def unsurveyed_m(fmt: Format) -> float:
    """Metres of the route on geometry nobody surveyed, as the route statistics recorded them."""
    if fmt.route is None:
        return 0.0
    stats = fmt.route.stats
    if isinstance(stats.get("unsurveyed_m"), int | float):
        return float(stats["unsurveyed_m"])
    share = stats.get("layer_share", {})
    return float(stats.get("length_m", 0.0)) * sum(float(share.get(k, 0.0))
                                                    for k in UNSURVEYED_LAYERS)


def format_track(fmt: Format) -> CourseTrack:
    """A format with a route as a track: (lat, lon, ele) points, waypoints, description, start."""
    if fmt.route is None or len(fmt.route.geometry) < 2:
        raise ExportError(f"« {fmt.name} » n'a pas encore de parcours : tracez-le avant "
                          "d'exporter.")
    points = [(float(p[1]), float(p[0]), float(p[2]) if len(p) > 2 else None)
              for p in fmt.route.geometry]
    start = dt.datetime.combine(fmt.day, fmt.start_time) if fmt.day and fmt.start_time else None
    description = f"{fmt.discipline.label}, {short(fmt.target_distance_km)} km"
    description += ". " + record_note(fmt.route)
    try:
        waypoints = [CourseWaypoint(w.label, w.lat, w.lon, KIND_OF[w.kind],
                                    description=w.discipline.label if w.discipline else w.note)
                     for w in fmt.waypoints]
        return CourseTrack(fmt.name, points, waypoints, description=description,
                           start_time=start)
    except ValueError as exc:
        raise ExportError(f"Parcours « {fmt.name} » inutilisable : {exc}") from exc


def format_meta(event: Event, fmt: Format, *, osm: bool,
                credits: Sequence[str] = ()) -> GpxMeta:
    return event_meta(event, fmt, osm=osm, credits=credits)


def course_of_format(event: Event, fmt: Format, *, osm: bool = False,
                     credits: Sequence[str] = (),
                     landmarks: Sequence[Landmark] = (),
                     paces: Mapping[str, Pace] | None = None) -> Course:
    pace = (paces or {}).get(fmt.name) or fmt.pace or DEFAULT_PACES.get(fmt.discipline)
    meta = format_meta(event, fmt, osm=osm, credits=credits)
    course = build_course(format_track(fmt), meta, landmarks,
                          discipline=fmt.discipline.label,
                          category=f"{short(fmt.target_distance_km)} km",
                          pace=pace, sport=SPORT_OF.get(fmt.discipline, "generic"))
    return replace(course, unsurveyed_m=unsurveyed_m(fmt))
