"""From a computed :class:`Route` to what participants get: climb figures and a GPX course."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import numpy as np

from routes.elevation import Climb, climb, estimated_climb
from routes.elevation.climb import densify
from routes.geodesy import haversine_m
from routes.gpx.from_graph import course_from_edges
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta, Point
from routes.gpx.writer import write_gpx
from routes.network import Network
from routes.routing import Route


def _node_profile(network: Network, route: Route) -> tuple[np.ndarray, np.ndarray] | None:
    """Cumulative distance and elevation at each node, or None when a node has no elevation."""
    nodes = network.graph.nodes
    heights = [nodes[n].get("elevation") for n in route.nodes]
    if not heights or any(h is None for h in heights):
        return None
    lengths = [network.graph[u][v][k]["length"] for u, v, k in route.edges]
    return np.concatenate([[0.0], np.cumsum(lengths)]), np.asarray(heights, dtype=float)


def route_climb(network: Network, route: Route) -> Climb:
    """D+/D− from node elevations (set from a DEM), else estimated from the terrils' heights."""
    profile = _node_profile(network, route)
    if profile is not None:
        distances, elevations = profile
        step = 10.0
        dense = np.interp(np.arange(0.0, distances[-1] + step, step), distances, elevations)
        d_plus, d_minus = climb(dense, step)
        return Climb(d_plus, d_minus, is_estimate=False, method="mnt")
    heights = {p.key: p.height_m for p in network.places.places
               if p.kind == "terril" and p.height_m is not None}
    return estimated_climb(network.graph, route.nodes, heights)


def elevation_profile(network: Network, route: Route) -> tuple[np.ndarray, np.ndarray] | None:
    """Distance (m) and elevation (m) every ~10 m along the route, when the network has them."""
    profile = _node_profile(network, route)
    if profile is None:
        return None
    distances, heights = profile
    dense = densify(route.coords)
    total = float(dense.distances[-1]) if len(dense.distances) else 0.0
    scale = distances[-1] / total if total else 1.0
    return dense.distances * scale, np.interp(dense.distances * scale, distances, heights)


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
    """Whether the network contains OpenStreetMap data (the GPX then carries the attribution)."""
    source = str(network.graph.graph.get("source", "")).lower()
    return "osm" in source or "openstreetmap" in source


def write_route_gpx(network: Network, route: Route, path: str | Path, *, event: str,
                    name: str | None = None) -> Path:
    """One-course GPX file for participants, with course points and a simplified <rte>."""
    title = name or " → ".join(s.label for s in (route.stops[0], route.stops[-1]))
    course = course_track(network, route, title)
    meta = GpxMeta(event=event, format_name=title, osm_attribution=uses_osm(network))
    return write_gpx(path, [course], meta, with_route=True)
