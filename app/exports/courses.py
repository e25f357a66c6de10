"""A format as the participants' files see it: its course sheet, the line with the sheet's
heights, and the file metadata.

Every figure a file carries (length, km and D+ of each point, expected and cut-off times) is read
from the format's :class:`~app.sheet.CourseSheet`; nothing here measures the course again, so the
FIT, TCX, GPX, KML, cue sheet, participants' page and zip README print what the roadbook and the
window print. One place builds the course (:func:`course_of_format`) for every writer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from app.course_notes import event_meta
from app.exports.errors import ExportError
from app.model import Discipline, Event, Format, Pace
from app.sheet import CourseSheet, SheetError, SheetPoint, sheet_of_track
from routes.frenchfmt import km
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta, Point
from routes.outputs.unsurveyed import gpx_note

#: Discipline -> sport of the FIT course (what the watch's activity profile becomes).
SPORT_OF: dict[Discipline, str] = {
    Discipline.TRAIL: "running", Discipline.RUN_BIKE: "running",
    Discipline.COURSE_ORIENTATION: "running", Discipline.VTT: "cycling",
    Discipline.VELO: "cycling", Discipline.RANDO: "hiking", Discipline.RAID: "multisport",
    Discipline.CANOE: "paddling",
}
#: What the public documents say of a course without any height.
#: The start and finish are rows of the cue sheet, not course points of the files.
ENDS = ("depart", "arrivee")


@dataclass(frozen=True)
class Course:
    """Everything a writer needs for one format: the sheet's figures and the file's line."""

    sheet: CourseSheet
    track: CourseTrack  # the course's vertices with the sheet's heights (all or none)
    meta: GpxMeta
    sport: str = "generic"  # FIT sport: "running", "cycling", "hiking", "walking", "generic"
    elevation_dropped: int = 0  # points that had a height dropped (all or none)
    #: Turn cues added for the files that carry them (app.exports.cues), from the sheet's
    #: decisions.
    cues: tuple[SheetPoint, ...] = ()
    #: A device's version of the line (app.exports.devices): the distance along the full course
    #: and the D+ at each point it keeps, and where it stops on a loop opened before its start.
    track_m: np.ndarray | None = field(default=None, repr=False)
    track_climb_m: np.ndarray | None = field(default=None, repr=False)
    end_m: float | None = None

    @property
    def name(self) -> str:
        return self.meta.format_name or self.track.name

    @property
    def start(self) -> dt.datetime | None:
        return self.sheet.start

    @property
    def pace(self) -> Pace | None:
        return self.sheet.pace

    @property
    def discipline(self) -> str:
        return self.sheet.discipline

    @property
    def points(self) -> tuple[SheetPoint, ...]:
        """The course points of the files: the sheet's points but the start and finish, and
        the turn cues when the file carries them, in course order."""
        points = sorted([*(p for p in self.sheet.points if p.kind not in ENDS), *self.cues],
                        key=lambda p: p.distance_m)
        if self.end_m is None:
            return tuple(points)
        last = self.track.points[-1]
        return tuple(p if p.distance_m <= self.end_m
                     else replace(p, lat=last[0], lon=last[1], distance_m=self.end_m)
                     for p in points)

    @property
    def cumulative_m(self) -> np.ndarray:
        """Distance along the course at each point of the track."""
        return self.sheet.cumulative_m if self.track_m is None else self.track_m

    @cached_property
    def climb_profile_m(self) -> np.ndarray | None:
        """D+ since the start at each point of the track (None: unknown)."""
        return self.sheet.vertex_climb() if self.track_m is None else self.track_climb_m

    @property
    def distance_m(self) -> float:
        return self.sheet.length_m if self.end_m is None else self.end_m

    @property
    def climb_m(self) -> float | None:
        return self.sheet.climb.d_plus

    @property
    def unsurveyed_m(self) -> float:
        return self.sheet.unsurveyed_m


def climb_text(sheet: CourseSheet) -> str:
    """« D+ 151 m », « D+ 22 m (estimation d'après la hauteur des terrils, sans MNT) »,
    « D+ 56 m sur 38,2 km (altitudes manquantes sur 1,1 km) » or « D+ inconnu (pas
    d'altitudes) »: the sheet's one wording, as the roadbook and the dossier print it."""
    return f"D+ {sheet.climb.text(sheet.length_m)}"


def summary(sheet: CourseSheet) -> str:
    """« Trail, 39,3 km, D+ 151 m »: the real figures, not the format's announced distance."""
    parts = [sheet.discipline] if sheet.discipline else []
    return ", ".join([*parts, km(sheet.length_m), climb_text(sheet)])


def uniform_elevation(points: Sequence[Point]) -> tuple[list[Point], int]:
    """Elevation on every point or on none (what Garmin asks): (points, elevations dropped)."""
    known = sum(1 for p in points if p[2] is not None)
    if known == len(points):
        return list(points), 0
    return [(p[0], p[1], None) for p in points], known


def course_of_sheet(sheet: CourseSheet, meta: GpxMeta, *, sport: str = "generic",
                    waypoints: Sequence[CourseWaypoint] = ()) -> Course:
    """The course of a sheet: its vertices with its heights (all or none, as Garmin wants),
    described by its real length and D+."""
    heights = [None if not np.isfinite(h) else float(h) for h in sheet.heights_m]
    points, dropped = uniform_elevation([(float(lat), float(lon), h) for (lon, lat), h
                                         in zip(sheet.lonlat, heights, strict=True)])
    description = f"{summary(sheet)}. {gpx_note(sheet.unsurveyed_m)}"
    try:
        track = CourseTrack(sheet.format_name, points, list(waypoints), description=description,
                            start_time=sheet.start)
    except ValueError as exc:
        raise ExportError(f"Parcours « {sheet.format_name} » inutilisable : {exc}") from exc
    return Course(sheet, track, meta, sport, dropped)


def format_meta(event: Event, fmt: Format, *, osm: bool,
                credits: Sequence[str] = ()) -> GpxMeta:
    return event_meta(event, fmt, osm=osm, credits=credits)


def course_of_format(event: Event, fmt: Format, sheet: CourseSheet, *, osm: bool = False,
                     credits: Sequence[str] = ()) -> Course:
    """The participants' course of ``fmt``, read from its course sheet (``sheet_of``)."""
    if sheet.format_name != fmt.name:
        raise ValueError(f"sheet of « {sheet.format_name} » given for « {fmt.name} »")
    meta = replace(format_meta(event, fmt, osm=osm, credits=credits),
                   notes=(gpx_note(sheet.unsurveyed_m),))
    return course_of_sheet(sheet, meta, sport=SPORT_OF.get(fmt.discipline, "generic"))


def course_of_track(track: CourseTrack, meta: GpxMeta, *, pace: Pace | None = None,
                    sport: str = "generic", discipline: str = "") -> Course:
    """The course of a file outside any project (``cavalier gpx export``): its sheet measures
    the file's own points (:func:`app.sheet.sheet_of_track`)."""
    try:
        sheet = sheet_of_track(meta.format_name or track.name,
                               [(p[1], p[0], p[2]) for p in track.points],
                               [(w.name or w.style.label, w.kind, w.lon, w.lat, w.description)
                                for w in track.waypoints],
                               start=track.start_time, pace=pace, discipline=discipline)
    except SheetError as exc:
        raise ExportError(str(exc)) from exc
    course = course_of_sheet(sheet, meta, sport=sport)
    description = track.description or course.track.description
    return replace(course, track=replace(course.track, name=track.name,
                                         description=description))
