"""Where an event's waypoints (aid stations, first-aid posts...) stand against its course.

When the course changes, a waypoint left farther than :data:`OFF_COURSE_M` from it is off the
course (the organiser must move it or check it); the others get their distance along the course.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from routes.geodesy import haversine_m
from routes.outputs.stats import RouteLine

#: Farther than this from the course, a waypoint is off it (a GPS fix and a wide path: ~50 m).
OFF_COURSE_M = 50.0


@dataclass(frozen=True)
class WaypointOnCourse:
    along_m: float  # distance along the course of the nearest point
    off_m: float  # distance to the course

    @property
    def off_course(self) -> bool:
        return self.off_m > OFF_COURSE_M


def locate_waypoints(geometry: Sequence[Sequence[float]], points: Sequence[tuple[float, float]],
                     stops: Sequence[tuple[float, float]] = ()) -> list[WaypointOnCourse]:
    """Each (lon, lat) point against the course ``geometry`` (lon, lat); empty without a course
    (:func:`on_course`)."""
    if len(geometry) < 2:
        return []
    return on_course(RouteLine(geometry), points, stops)


def on_course(line: RouteLine, points: Sequence[tuple[float, float]],
              stops: Sequence[tuple[float, float]] = ()) -> list[WaypointOnCourse]:
    """Each (lon, lat) point against the course ``line``: the one placement rule of the window
    and the course sheet.

    The course also passes through its ``stops`` (lon, lat): a stop on a terril or a pole stands at
    the place itself, off the network node the line starts from, and a waypoint placed there (the
    start's aid station) is on the course, at the stop's distance along it.
    """
    at_stops = [(line.locate(lon, lat)[0], lon, lat) for lon, lat in stops]
    result = []
    for lon, lat in points:
        where = WaypointOnCourse(*line.locate(lon, lat))
        for along, stop_lon, stop_lat in at_stops:
            gap = haversine_m(lon, lat, stop_lon, stop_lat)
            if gap < where.off_m:
                where = WaypointOnCourse(along, gap)
        result.append(where)
    return result
