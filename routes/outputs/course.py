"""From a computed :class:`Route` to what participants get: climb figures and a GPX course."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from routes.geodesy import haversine_m
from routes.gpx.from_graph import course_from_edges
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta, Point
from routes.gpx.writer import write_gpx
from routes.network.model import Network
from routes.outputs.unsurveyed import OSM_DATA_ATTRIBUTION, data_attributions, gpx_note
from routes.search.routing import Route

_MAX_STEP_M = 50.0


def _split_long_steps(points: list[Point]) -> list[Point]:
    """Add points on straight stretches longer than 50 m (same line, same length): track
    cleaners would otherwise take a climb to a summit and back on one straight access for a GPS
    spike."""
    out = points[:1]
    for (la0, lo0, e0), (la1, lo1, e1) in pairwise(points):
        pieces = int(haversine_m(lo0, la0, lo1, la1) // _MAX_STEP_M) + 1
        for i in range(1, pieces + 1):
            t = i / pieces
            ele = None if e0 is None or e1 is None else round(e0 + (e1 - e0) * t, 1)
            out.append((round(la0 + (la1 - la0) * t, 7), round(lo0 + (lo1 - lo0) * t, 7), ele))
    return out


def course_track(network: Network, route: Route, name: str,
                 extra: Sequence[CourseWaypoint] = ()) -> CourseTrack:
    """The route as a GPX course: start, finish, a marshal at every rupture point crossed."""
    first, last = route.stops[0], route.stops[-1]
    ends = [CourseWaypoint(f"Départ — {first.label}", round(first.lat, 7), round(first.lon, 7),
                           "depart"),
            CourseWaypoint(f"Arrivée — {last.label}", round(last.lat, 7), round(last.lon, 7),
                           "arrivee")]
    course = course_from_edges(network.graph, route.edges, name, start_finish=False,
                               waypoints=extra)
    return replace(course, points=_split_long_steps(course.points),
                   waypoints=[ends[0], *course.waypoints, ends[1]])


def uses_osm(network: Network) -> bool:
    """Whether the network contains OpenStreetMap data (its files then carry the attribution):
    said by its source, or shown by OSM ``highway`` tags on its edges (an OSM import merged into
    other layers)."""
    source = str(network.graph.graph.get("source", "")).lower()
    return "osm" in source or "openstreetmap" in source or any(
        d.get("highway") for _, _, d in network.graph.edges(data=True))


def write_route_gpx(network: Network, route: Route, path: str | Path, *, event: str,
                    name: str | None = None) -> Path:
    """One-course GPX file for participants, with course points and a simplified <rte>."""
    title = name or " → ".join(s.label for s in (route.stops[0], route.stops[-1]))
    note = gpx_note(route.unsurveyed_m)
    course = replace(course_track(network, route, title), description=note)
    meta = GpxMeta(event=event, format_name=title, osm_attribution=uses_osm(network),
                   notes=(note,), attributions=network_attributions(network))
    return write_gpx(path, [course], meta, with_route=True)


def network_attributions(network: Network) -> tuple[str, ...]:
    """Data credits for a GPX's description (OSM is credited there by ``osm_attribution``)."""
    found = data_attributions(network.graph, layers=network.layers is not None)
    return tuple(a for a in found if not (a == OSM_DATA_ATTRIBUTION and uses_osm(network)))
