"""Compute a format's course sheet from the project's format, its network and its elevations.

Every distance is a WGS84 geodesic distance along the course's own vertices
(:class:`routes.outputs.stats.RouteLine`); every height comes from the project's network (the DEM
the project records is applied to it when it is loaded), else an estimate from known terril
heights, said so. Each figure is computed here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from app.course_waypoints import on_course
from app.model import Event, Format, Pace, WaypointKind
from app.paces import DEFAULT_PACES, FALLBACK_PACE
from app.sheet.communes import insee_codes
from app.sheet.figures import SURFACE_STEP_M, cavalier_m, climb_figures, unsurveyed_spans
from app.sheet.leg_communes import Piece, with_communes
from app.sheet.model import ClimbFigures, ClimbSource, CommuneKm, CourseSheet, SheetPoint
from app.sheet.posts import crossings_on, marshal_posts
from app.sheet.segments import Segments
from app.sheet.surfaces import surface_of
from app.sheet.terrils import terril_passes
from app.sheet.timetable import leg_marks, timetable_of, with_points
from routes.elevation.climb import STEP_M, cumulative_climb
from routes.errors import CavalierError
from routes.gpx.model import WaypointKind as FileKind
from routes.network.crossing_status import crossings_known
from routes.network.layers import LayerKind
from routes.network.model import Network
from routes.outputs.decisions import CourseDecisions, course_decisions
from routes.outputs.stats import (
    RouteLine,
    Span,
    communes_crossed,
    edges_along,
    roads_used,
)
from routes.provenance import PRACTICABILITY_UNKNOWN

if TYPE_CHECKING:
    from app.project_store import Project

#: Project waypoint kind -> kind in the files (Garmin symbol, FIT course point type, label).
KIND_OF: dict[WaypointKind, FileKind] = {
    WaypointKind.AID_STATION: "ravitaillement",
    WaypointKind.EPREUVE: "epreuve",
    WaypointKind.CHECKPOINT: "controle",
    WaypointKind.FIRST_AID: "secours",
    WaypointKind.MARSHAL_POST: "signaleur",
}
#: Less than this inside a commune outline is a boundary sliver (outlines are simplified ~10 m).
MIN_COMMUNE_M = 25.0
TVB_LAYERS = ("cavalier", "veloroute", "hiking", "terril")


class SheetError(CavalierError, ValueError):
    """A format's course sheet cannot be made (no course yet)."""


def _pace(fmt: Format, paces: Mapping[str, Pace] | None) -> Pace:
    return (paces or {}).get(fmt.name) or fmt.pace or DEFAULT_PACES.get(fmt.discipline) \
        or FALLBACK_PACE


def _start(event: Event | None, fmt: Format) -> dt.datetime | None:
    day = fmt.day or (event.start_date if event is not None else None)
    return dt.datetime.combine(day, fmt.start_time) if day and fmt.start_time else None


def _communes(network: Network, line: RouteLine, codes: Mapping[str, str]
              ) -> tuple[tuple[CommuneKm, ...], str, tuple[Span, ...], list[Piece]]:
    """The communes crossed with their km, the method, the spans along the course, and the
    pieces of course in each commune (from which the legs' communes are cut)."""
    spans, method = communes_crossed(network, line)
    outlines = [f for f in (network.layers.of(LayerKind.COMMUNE) if network.layers else ())
                if "Polygon" in f.geometry.geom_type]
    if outlines:
        segments = Segments(line)
        found = []
        pieces: list[Piece] = []
        for feature in outlines:
            inside = segments.pieces_inside(feature.geometry)
            length = sum(b - a for a, b in inside)
            if length >= MIN_COMMUNE_M and inside:
                found.append(CommuneKm(feature.name, codes.get(feature.name, ""), length,
                                       inside[0][0]))
                pieces += [(feature.name, a, b) for a, b in inside]
        return (tuple(sorted(found, key=lambda c: c.first_m)), method, tuple(spans), pieces)
    totals: dict[str, list[float]] = {}
    for span in spans:
        entry_ = totals.setdefault(span.name, [0.0, span.start_m])
        entry_[0] += span.end_m - span.start_m
    return (tuple(CommuneKm(name, codes.get(name, ""), length, first)
                  for name, (length, first) in totals.items()), method, tuple(spans),
            [(s.name, s.start_m, s.end_m) for s in spans])


def _surfaces(under: Sequence[Mapping[str, object] | None], step: float
              ) -> tuple[float, float, float, float]:
    """(paved, unpaved, unknown surface, unknown practicability) metres."""
    paved = unpaved = unknown = old_lines = 0.0
    for edge in under:
        state = surface_of(edge) if edge is not None else None
        if state is True:
            paved += step
        elif state is False:
            unpaved += step
        else:
            unknown += step
        if edge is not None and edge.get("practicability") == PRACTICABILITY_UNKNOWN:
            old_lines += step
    return paved, unpaved, unknown, old_lines


def _waypoint_points(fmt: Format, line: RouteLine, network: Network,
                     sheet_climb: Any) -> list[SheetPoint]:
    """The format's waypoints on the course (:func:`app.course_waypoints.on_course`); the course
    passes through its stops and the places they name (a stop put at a terril's access, the aid
    station on its summit)."""
    assert fmt.route is not None
    named = {p.label: (p.lon, p.lat) for p in network.places.places}
    stops = [(s.lon, s.lat) for s in fmt.route.stops]
    stops += [named[s.label] for s in fmt.route.stops if s.label in named]
    placed = on_course(line, [(w.lon, w.lat) for w in fmt.waypoints], stops)
    return [SheetPoint(w.label, KIND_OF[w.kind], w.lon, w.lat, where.along_m, where.off_m,
                       sheet_climb(where.along_m),
                       w.discipline.label if w.discipline else w.note)
            for w, where in zip(fmt.waypoints, placed, strict=True)]


def sheet_of(event: Event | None, fmt: Format, network: Network, *,
             paces: Mapping[str, Pace] | None = None,
             codes: Mapping[str, str] | None = None,
             decisions: bool = True) -> CourseSheet:
    """The course sheet of ``fmt`` (which must have a course) on ``network``; ``event`` gives
    the start day when the format has none (None: a course outside any event)."""
    route = fmt.route
    if route is None or len(route.geometry) < 2:
        raise SheetError(f"« {fmt.name} » n'a pas encore de parcours : tracez-le d'abord.")
    line = RouteLine(route.geometry)
    trace, climb = climb_figures(network, line)
    profile_climb = (cumulative_climb(trace.elevations_m) if climb.known
                     else np.zeros(len(trace.distances_m)))

    def climb_at(distance: float) -> float | None:
        return float(np.interp(distance, trace.distances_m, profile_climb)) \
            if climb.known else None

    pace = _pace(fmt, paces)
    start = _start(event, fmt)
    _middles, under = edges_along(network, line, SURFACE_STEP_M)
    step = line.length_m / len(under) if under else 0.0
    unsurveyed = unsurveyed_spans(route, line, lambda: under)
    # One leg at the format's pace unless the stage has legs: each at its pace, transitions and
    # épreuves adding their durations.
    timetable = timetable_of(fmt, line.length_m, climb_at, pace, unsurveyed=unsurveyed,
                             under=under)

    def passage(distance: float) -> tuple[dt.timedelta | None, dt.timedelta | None]:
        return timetable.passage(distance)

    paved, unpaved, unknown_surface, old_lines = _surfaces(under, step)
    codes = codes if codes is not None else insee_codes(network)
    communes, method, spans, pieces = _communes(network, line, codes)
    if timetable.has_legs:
        timetable = with_communes(timetable, pieces, codes, keep=[c.name for c in communes],
                                  min_m=MIN_COMMUNE_M)

    def commune_at(distance: float) -> str:
        return next((s.name for s in spans if s.start_m <= distance <= s.end_m), "")

    crossings = crossings_on(network, line, commune_at)
    guards = [(w.label, w.lon, w.lat) for w in fmt.waypoints
              if w.kind is WaypointKind.MARSHAL_POST]
    posts = marshal_posts(network, line, crossings, commune_at, passage, guards)
    if timetable.has_legs:
        posts = [replace(p, leg=timetable.leg_at(p.distance_m).title) for p in posts]
    _, sample_xy = line.samples(trace.distances_m[1] - trace.distances_m[0]
                                if len(trace.distances_m) > 1 else line.length_m or 1.0)
    sample_xy = sample_xy[:len(trace.distances_m)]
    heights = trace.elevations_m if climb.source == ClimbSource.DEM \
        else np.full(len(trace.distances_m), np.nan)
    terrils = terril_passes(network, line, trace.distances_m, heights, sample_xy)

    first, last = route.stops[0], route.stops[-1]
    on_legs = leg_marks(timetable, line.point_at, climb_at)
    # an épreuve waypoint (who staffs it) named as an épreuve leg stands where the leg is
    epreuves = {m.name for m in on_legs if m.kind == "epreuve"}
    marks = [SheetPoint(f"Départ — {first.label}", "depart", line.lonlat[0, 0],
                        line.lonlat[0, 1], 0.0, 0.0, climb_at(0.0)),
             *(p for p in _waypoint_points(fmt, line, network, climb_at)
               if p.kind != "epreuve" or p.name not in epreuves),
             *(SheetPoint(c.label, "traversee", c.lon, c.lat, c.distance_m, 0.0,
                          climb_at(c.distance_m), c.road) for c in crossings),
             *(SheetPoint(t.label, "terril", *line.point_at(t.distance_m),
                          t.distance_m, t.summit_offset_m, climb_at(t.distance_m),
                          "sommet du terril") for t in terrils if t.climbed),
             *on_legs,
             SheetPoint(f"Arrivée — {last.label}", "arrivee", line.lonlat[-1, 0],
                        line.lonlat[-1, 1], line.length_m, 0.0, climb_at(line.length_m))]
    timed = [_timed(p, passage) for p in sorted(marks, key=_order)]
    if timetable.has_legs:  # the finish comes after the last épreuve or transition, if any
        timed[-1] = replace(timed[-1], head=timetable.head_finish,
                            cutoff=timetable.cutoff_finish)
    share = route.stats.get("layer_share", {}) or {}
    vertex_heights = np.interp(line.vertex_m, trace.distances_m, trace.elevations_m) \
        if climb.known else np.full(len(line.vertex_m), np.nan)
    return CourseSheet(
        format_name=fmt.name, discipline=fmt.discipline.label,
        target_km=fmt.target_distance_km, start=start, pace=pace,
        lonlat=line.lonlat, cumulative_m=line.vertex_m, heights_m=vertex_heights,
        profile_m=trace.distances_m, profile_heights_m=trace.elevations_m,
        profile_climb_m=profile_climb, climb=climb,
        unsurveyed=unsurveyed,
        unknown_practicability_m=old_lines, paved_m=paved, unpaved_m=unpaved,
        unknown_surface_m=unknown_surface, communes=communes, commune_method=method,
        commune_spans=spans, roads=tuple(roads_used(network, line)),
        crossings_known=crossings_known(network.graph), crossings=tuple(crossings),
        posts=tuple(posts), terrils=tuple(terrils), points=tuple(timed),
        cavalier_m=cavalier_m(route, line),
        tvb_m=min(1.0, sum(float(share.get(k, 0.0)) for k in TVB_LAYERS)) * line.length_m,
        network_name=network.name, timetable=with_points(timetable, timed),
        decisions=_decisions(event, fmt, network) if decisions else None)


def _decisions(event: Event | None, fmt: Format, network: Network) -> CourseDecisions:
    """The format's junction decisions, seeing the event's other routed formats."""
    assert fmt.route is not None
    others = {f.name: f.route.geometry for f in (event.formats if event is not None else ())
              if f.name != fmt.name and f.route is not None and len(f.route.geometry) >= 2}
    return course_decisions(network, fmt.route.geometry, name=fmt.name, others=others)


def _order(point: SheetPoint) -> tuple[float, int]:
    rank = {"depart": 0, "arrivee": 2}.get(point.kind, 1)
    return (point.distance_m, rank) if point.kind != "arrivee" else (float("inf"), rank)


def _timed(point: SheetPoint, passage: Any) -> SheetPoint:
    head, cutoff = passage(point.distance_m)
    return replace(point, head=head, cutoff=None if point.kind == "depart" else cutoff)


def sheets_of(event: Event, network: Network, *,
              paces: Mapping[str, Pace] | None = None) -> dict[str, CourseSheet]:
    """The sheet of every format that has a course, by format name."""
    codes = insee_codes(network)
    return {f.name: sheet_of(event, f, network, paces=paces, codes=codes)
            for f in event.formats if f.route is not None and len(f.route.geometry) >= 2}



def project_sheets(project: Project, network: Network | None = None, *,
                   paces: Mapping[str, Pace] | None = None) -> dict[str, CourseSheet]:
    """The sheets of a project's formats on its own network (with its recorded DEMs) unless
    ``network`` is given."""
    from app.project_store import project_network  # loads the routing core: only when asked

    return sheets_of(project.event, network or project_network(project.network), paces=paces)


def sheet_of_track(name: str, coords: Sequence[Sequence[float | None]],
                   marks: Sequence[tuple[str, FileKind, float, float, str]] = (), *,
                   start: dt.datetime | None = None, pace: Pace | None = None,
                   discipline: str = "") -> CourseSheet:
    """The sheet of a course outside any project (``cavalier gpx export`` of a file): length
    along its own (lon, lat, height) points, heights and climb from them when every point has
    one, and its marks (name, kind, lon, lat, note) placed on it. Nothing of a network (communes,
    crossings, surfaces) is known."""
    if len(coords) < 2:
        raise SheetError(f"« {name} » : au moins deux points sont nécessaires.")
    line = RouteLine([(float(c[0]), float(c[1])) for c in coords])  # type: ignore[arg-type]
    raw = [c[2] if len(c) > 2 else None for c in coords]
    distances, _ = line.samples(STEP_M)
    if all(h is not None for h in raw):
        vertex_heights = np.asarray(raw, dtype=float)
        heights = np.interp(distances, line.vertex_m, vertex_heights)
        profile_climb = cumulative_climb(heights)
        down = cumulative_climb(heights[::-1])
        climb = ClimbFigures(float(profile_climb[-1]), float(down[-1]), ClimbSource.DEM)
    else:
        vertex_heights = np.asarray([np.nan if h is None else h for h in raw], dtype=float)
        heights = np.full(len(distances), np.nan)
        profile_climb = np.zeros(len(distances))
        climb = ClimbFigures(None, None, ClimbSource.NONE, line.length_m)

    def climb_at(distance: float) -> float | None:
        return float(np.interp(distance, distances, profile_climb)) if climb.known else None

    def passage(distance: float) -> tuple[dt.timedelta | None, dt.timedelta | None]:
        if pace is None:
            return None, None
        return pace.expected(distance, climb_at(distance)), pace.cutoff(distance,
                                                                         climb_at(distance))

    placed = []
    for label, kind, lon, lat, note in marks:
        along, off = line.locate(lon, lat)
        placed.append(SheetPoint(label, kind, lon, lat, along, off, climb_at(along), note))
    points = [SheetPoint("Départ", "depart", line.lonlat[0, 0], line.lonlat[0, 1], 0.0, 0.0,
                         climb_at(0.0)),
              *placed,
              SheetPoint("Arrivée", "arrivee", line.lonlat[-1, 0], line.lonlat[-1, 1],
                         line.length_m, 0.0, climb_at(line.length_m))]
    return CourseSheet(
        format_name=name, discipline=discipline, target_km=line.length_m / 1000, start=start,
        pace=pace, lonlat=line.lonlat, cumulative_m=line.vertex_m, heights_m=vertex_heights,
        profile_m=distances, profile_heights_m=heights, profile_climb_m=profile_climb,
        climb=climb, unsurveyed=(), unknown_practicability_m=0.0, paved_m=0.0, unpaved_m=0.0,
        unknown_surface_m=line.length_m, communes=(), commune_method="", commune_spans=(),
        roads=(), crossings_known=False, crossings=(), posts=(), terrils=(),
        points=tuple(_timed(p, passage) for p in sorted(points, key=_order)))


def budget_sheets(project: Project) -> tuple[dict[str, CourseSheet], str]:
    """The sheets a budget workbook prints the formats' distance and D+ from, and why there are
    none (a network that cannot be read must not stop the budget: its figures stay blank)."""
    try:
        return project_sheets(project), ""
    except CavalierError as exc:
        return {}, (f"distances et D+ des formats laissés vides dans le classeur : {exc}")
