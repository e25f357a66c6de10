"""Between the event domain (app.model) and what the map edits (no Qt here).

A format's route and waypoints become a :class:`Plan` to edit; a computed route becomes a
:class:`RouteRecord` frozen into the project, with every statistic the route panel shows, so a
reopened project shows the same route and numbers without recomputing anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from app.editing import VIA, MapPoint, Plan
from app.model import (
    Discipline,
    Format,
    RouteRecord,
    Stop,
    Waypoint,
    WaypointKind,
    route_record,
)
from routes.network.places import Gazetteer
from routes.outputs.unsurveyed import has_unsurveyed, stretch_coords, stretches_from_stats
from routes.search.profiles import PROFILE_NAMES
from routes.search.routing import Route


def profile_for(discipline: Discipline) -> str:
    return discipline.value if discipline.value in PROFILE_NAMES else "trail"


def _place_key(places: Gazetteer | None, stop: Stop,
               access: dict[str, tuple[float, float]]) -> str:
    """The place a stored stop stood for: a stop on a place is stored at its exact position (its
    access on the network, or its centre in projects saved before)."""
    if places is None:
        return ""
    for place in places.places:
        if place.kind not in ("terril", "pole"):
            continue
        if (place.lon, place.lat) == (stop.lon, stop.lat) or \
                access.get(place.key) == (stop.lon, stop.lat):
            return str(place.key)
    return ""


def plan_from_format(fmt: Format, places: Gazetteer | None = None,
                     access: dict[str, tuple[float, float]] | None = None) -> Plan:
    """``access``: where the network reaches each place (place key → lon, lat), to recognise the
    stops put on places."""
    route = fmt.route
    stops = tuple(MapPoint(VIA, s.lon, s.lat, s.label, _place_key(places, s, access or {}))
                  for s in (route.stops if route else ()))
    waypoints = tuple(MapPoint(w.kind.value, w.lon, w.lat, w.label) for w in fmt.waypoints)
    profile = route.profile if route else profile_for(fmt.discipline)
    return Plan(profile, stops, waypoints)


def leg_plan(stops: Sequence[Stop], profile: str, places: Gazetteer | None = None,
             access: dict[str, tuple[float, float]] | None = None) -> Plan:
    """The plan of one leg of a stage (its points and profile), to generate its course."""
    points = tuple(MapPoint(VIA, s.lon, s.lat, s.label, _place_key(places, s, access or {}))
                   for s in stops)
    return Plan(profile, points)


def waypoints_from_plan(plan: Plan, previous: tuple[Waypoint, ...] = ()) -> tuple[Waypoint, ...]:
    """The plan's waypoints as domain values, keeping notes and disciplines where they still fit."""
    result = []
    for i, point in enumerate(plan.waypoints):
        kind = WaypointKind(point.kind)
        old = previous[i] if i < len(previous) else None
        discipline = old.discipline if old is not None and kind is WaypointKind.EPREUVE else None
        note = old.note if old is not None else ""
        result.append(Waypoint(kind, point.label, point.lon, point.lat, discipline, note))
    return tuple(result)


def record_from_route(route: Route, plan: Plan) -> RouteRecord:
    """The route frozen into the format (:func:`app.model.route_record`), its stops named as on
    the plan. Every figure shown or printed comes from the course sheet computed on that record
    (:mod:`app.sheet`), never from copies stored in it."""
    stops = tuple(Stop(p.label or f"{p.lat:.5f}, {p.lon:.5f}", p.lon, p.lat) for p in plan.stops)
    return replace(route_record(route), profile=plan.profile, stops=stops)


def stops_record(plan: Plan) -> RouteRecord | None:
    """The plan's stops alone (no route computed yet), or None without stops."""
    if not plan.stops:
        return None
    stops = tuple(Stop(p.label or f"{p.lat:.5f}, {p.lon:.5f}", p.lon, p.lat) for p in plan.stops)
    return RouteRecord(plan.profile, stops)


def record_geojson(record: RouteRecord | None) -> dict[str, Any] | None:
    if record is None or len(record.geometry) < 2:
        return None
    line = {"type": "Feature",
            "geometry": {"type": "LineString",
                         "coordinates": [list(p[:2]) for p in record.geometry]},
            "properties": {"role": "parcours", "profile": record.profile}}
    spans = [(s.start_m, s.end_m) for s in stretches_from_stats(record.stats)
             if has_unsurveyed(s.end_m - s.start_m)]  # not the 1 m stubs joining places
    length = record.stats.get("length_m")
    stretches = [{"type": "Feature",
                  "geometry": {"type": "LineString", "coordinates": [list(c) for c in part]},
                  "properties": {"role": "non_releve", "surveyed": False}}
                 for part in stretch_coords(record.geometry, float(length) if length else None,
                                            spans)]
    return {"type": "FeatureCollection", "features": [line, *stretches]}


def with_plan(fmt: Format, plan: Plan) -> Format:
    return replace(fmt, waypoints=waypoints_from_plan(plan, fmt.waypoints))
