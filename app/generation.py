"""Loop, race and variant generation with the routing engine, for the route panel.

The generator's ranked candidates come back with their figures; the one the organiser chooses
becomes a few draggable route points (start, the generator's turn points, the fewest extra points
pinning the generated path) with the exact generated path. An imported GPX track becomes route
points along it (a network node every ~600 m).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial

from app.course_request import (
    DEFAULT_OPTIONS,
    WINDOW_CONTROLS,
    WINDOW_WITHIN_TERRIL,
    GenerationOptions,
    build_request,
)
from app.editing import VIA, MapPoint, Plan, ReplaceStops
from app.model import route_record
from app.route_stats import RouteStats, route_figures
from app.sheet.figures import course_figures
from routes.courses.generate import CourseKind, CourseRequest, GeneratedCourse
from routes.courses.generate import generate as generate_courses
from routes.courses.loops import Loop, LoopError, NoLoopFound, TooFewSurveyedPaths
from routes.courses.races import Race
from routes.courses.stops import shaping_indices
from routes.elevation import Climb
from routes.errors import CavalierError
from routes.frenchfmt import pct_text
from routes.geodesy import haversine_m
from routes.gpx.importer import ImportedTrack
from routes.network.model import EMBEDDED_NAME, Network
from routes.network.places import Place
from routes.progress import CancelCallback, ProgressCallback
from routes.search.engine import PathResult, engine_for
from routes.search.routing import Route, Router, StopInput, route_from_path

SPACING_M = 600.0
#: When no loop keeps the limits, the closest ones within this length tolerance are shown.
RELAXED_TOLERANCE = 0.15
#: A course ridden twice over this share is an out-and-back (« aller-retour »).
OUT_AND_BACK_SHARE = 0.2
#: Two candidates sharing more than this share of their streets are one course.
SAME_COURSE_SHARE = 0.97


class GenerationError(CavalierError, ValueError):
    """The request cannot be turned into a course (missing start, finish or previous route)."""


def stops_along(coords: Sequence[tuple[float, float]], *, latlon: bool = False,
                spacing_m: float = SPACING_M) -> tuple[MapPoint, ...]:
    """Route points every ``spacing_m`` along a line (first and last point always kept)."""
    points = [(c[1], c[0]) if latlon else (c[0], c[1]) for c in coords]
    if len(points) < 2:
        return ()
    kept = [points[0]]
    run = 0.0
    for a, b in itertools.pairwise(points):
        run += haversine_m(a[0], a[1], b[0], b[1])
        if run >= spacing_m:
            kept.append(b)
            run = 0.0
    if kept[-1] != points[-1]:
        kept.append(points[-1])
    return tuple(MapPoint(VIA, lon, lat, f"Point {i + 1}") for i, (lon, lat) in enumerate(kept))


def _path_points(network: Network, path: PathResult, first: MapPoint,
                 last: MapPoint) -> ReplaceStops:
    """The course: ``first``, a node every ~SPACING_M along the path, ``last``, and the path."""
    nodes = network.graph.nodes
    inner: list[MapPoint] = []
    run = 0.0
    for (u, v, k) in zip(path.nodes, path.nodes[1:], path.keys, strict=False):
        run += network.graph[u][v][k]["length"]
        if run >= SPACING_M and "place" not in nodes[v]:
            inner.append(MapPoint(VIA, float(nodes[v]["x"]), float(nodes[v]["y"])))
            run = 0.0
    if inner and haversine_m(inner[-1].lon, inner[-1].lat, last.lon, last.lat) < SPACING_M / 3:
        inner.pop()
    points = [first, *inner, last]
    stops = tuple(p if p.label else MapPoint(p.kind, p.lon, p.lat, f"Point {i + 1}")
                  for i, p in enumerate(points))
    return ReplaceStops(stops, tuple(path.nodes), tuple(path.keys))


def track_course(network: Network, track: ImportedTrack) -> ReplaceStops:
    """An imported GPX as route points. Matched on the network without a break, the course keeps
    the exact matched path (route points along it stay draggable); otherwise the points are
    taken along the recorded line and the route recomputed through them."""
    snap = track.snap
    edges = snap.edges if snap is not None else []
    chained = (snap is not None and snap.report.breaks == 0 and bool(edges)
               and all(a[1] == b[0] for a, b in itertools.pairwise(edges)))
    if not chained:
        return ReplaceStops(stops_along(track.line, latlon=True))
    nodes = [edges[0][0], *(v for _u, v, _k in edges)]
    path = PathResult(nodes, [int(k) for _u, _v, k in edges], [], 0.0, 0.0)
    graph = network.graph.nodes
    first, last = (MapPoint(VIA, float(graph[n]["x"]), float(graph[n]["y"]))
                   for n in (nodes[0], nodes[-1]))
    return _path_points(network, path, first, last)


def _stop_input(network: Network, point: MapPoint) -> StopInput:
    place: Place | None = network.places.get(point.place_key) if point.place_key else None
    return place if place is not None else (point.lon, point.lat)


@dataclass(frozen=True)
class Candidate:
    """One proposed course: its figures for the candidate list (those its course sheet has,
    :func:`app.sheet.figures.course_figures`), its line for the map and the edit that places it
    (the few stops that shape it, with the exact generated path)."""

    rank: int  # 1 for the best
    edit: ReplaceStops
    coords: tuple[tuple[float, float], ...]  # lon, lat
    length_m: float
    climb: Climb | None
    reused_m: float
    cavalier_share: float
    unsurveyed_m: float
    #: The stretches nobody surveyed (lon, lat lines), drawn dashed over the candidate.
    unsurveyed: tuple[tuple[tuple[float, float], ...], ...] = ()
    #: Whether it keeps the request's limits (length tolerance, share ridden twice); False for
    #: the closest courses shown when none does.
    within_limits: bool = True
    #: Makes the figures the statistics panel shows once it is chosen (its whole course sheet).
    sheet_figures: Callable[[], RouteStats] | None = field(default=None, compare=False,
                                                             repr=False)

    @cached_property
    def stats(self) -> RouteStats | None:
        """The statistics panel's figures of this course, made when first asked."""
        return self.sheet_figures() if self.sheet_figures is not None else None

    @property
    def reused_share(self) -> float:
        return self.reused_m / self.length_m if self.length_m else 0.0

    def reuse_note(self) -> str:
        """« 30 % repris, aller-retour sur le cavalier » for a course ridden partly twice."""
        if self.reused_share < 0.005:
            return ""
        note = f"{pct_text(self.reused_share)} repris"
        if self.reused_share >= OUT_AND_BACK_SHARE:
            where = " sur le cavalier" if self.cavalier_share >= 0.5 else ""
            note += f", aller-retour{where}"
        return note


@dataclass(frozen=True)
class Proposal:
    """What a generation gives the window: the candidates and, when none kept the limits asked,
    why (worded with the window's controls): the candidates are then the closest ones."""

    candidates: list[Candidate]
    refusal: str = ""
    #: The network is the embedded one: old railway lines and the véloroute, nearly a tree.
    embedded_network: bool = False


def generate(network: Network, kind: str, plan: Plan, previous: Sequence[tuple[float, ...]],
             target_km: float, options: GenerationOptions = DEFAULT_OPTIONS, *,
             through_points: bool = False, progress: ProgressCallback | None = None,
             cancel: CancelCallback | None = None) -> Proposal:
    """The ranked candidates (best first, distinct) of a generated ``kind`` ("loop", "race" or
    "variants") course, from the one generator the command line calls.

    A loop starts and ends at the plan's first point; a race goes from its first point to its last
    through terrils; a variant differs from ``previous`` (the current route, lon/lat).
    ``through_points``: the loop passes the plan's other points, the race its terrils. When no
    loop keeps the reuse limit and the tolerance, the closest loops (any reuse, ±15 %) are
    proposed with the refusal, so that an out-and-back can be chosen knowingly.
    """
    request = course_request(network, kind, plan, previous, target_km, options,
                             through_points=through_points)
    refusal = ""
    try:
        found = generate_courses(network, request, progress=progress, cancel=cancel)
    except TooFewSurveyedPaths as exc:
        raise GenerationError(exc.advice(WINDOW_CONTROLS)) from exc
    except NoLoopFound as exc:
        refusal = exc.advice(WINDOW_CONTROLS)
        found = [_closest_loop(network, request, exc.closest)]  # the one the message names
        relaxed = replace(request, max_reuse=1.0,
                          tolerance=max(RELAXED_TOLERANCE, request.tolerance or 0.0))
        with contextlib.suppress(LoopError):  # else the closest loop alone
            found += generate_courses(network, relaxed, progress=progress, cancel=cancel)
    start, finish = plan.stops[0], plan.stops[-1]
    kept = distinct(found)[:request.count]
    candidates = [_candidate(network, rank, course, start, finish, within_limits=not refusal)
                  for rank, course in enumerate(kept, 1)]
    return Proposal(candidates, refusal, network.name == EMBEDDED_NAME)


def _closest_loop(network: Network, request: CourseRequest, loop: Loop) -> GeneratedCourse:
    """The closest loop a refusal names, as a candidate (its route along its exact path)."""
    start = Router(network).stop(request.start)
    path = loop.path
    route = route_from_path(network, request.profile, path.nodes, path.keys, [start, start],
                            path.cost)
    return GeneratedCourse("loop", loop, route)


def distinct(found: Sequence[GeneratedCourse],
             max_shared: float = SAME_COURSE_SHARE) -> list[GeneratedCourse]:
    """The courses in order without repeats: one sharing more than ``max_shared`` of its streets
    with one kept before is dropped (the generator returns one course twice by two turn points,
    or a race again through the next terril on the same paths: 43,40 km twice)."""
    kept: list[set[frozenset[int]]] = []
    result: list[GeneratedCourse] = []
    for course in found:
        streets = {frozenset(pair) for pair in itertools.pairwise(course.route.nodes)}
        if all(len(streets & other) / (min(len(streets), len(other)) or 1) <= max_shared
               for other in kept):
            kept.append(streets)
            result.append(course)
    return result


def course_request(network: Network, kind: str, plan: Plan,
                   previous: Sequence[tuple[float, ...]], target_km: float,
                   options: GenerationOptions = DEFAULT_OPTIONS, *,
                   through_points: bool = False) -> CourseRequest:
    """What the window asks the generator for (the command line builds the same request with
    :func:`app.course_request.build_request`). Raises GenerationError when it cannot be asked."""
    if not plan.stops:
        raise GenerationError("Placez d'abord un départ (ou cliquez sur un terril).")
    start, finish = plan.stops[0], plan.stops[-1]
    line = tuple((float(p[0]), float(p[1])) for p in previous)
    if kind == "race" and len(plan.stops) < 2:
        raise GenerationError("Une course demande un départ et une arrivée : placez deux points.")
    if kind == "variants" and len(line) < 2:
        raise GenerationError("Une variante part d'un parcours existant : tracez ou importez "
                              "d'abord le parcours de l'édition précédente.")
    course_kind = _KINDS.get(kind)
    if course_kind is None:
        raise GenerationError(f"Génération inconnue : {kind}")
    inner = plan.stops[1:] if kind == "loop" else plan.stops[1:-1]
    via = [_stop_input(network, p) for p in inner] if through_points and kind == "loop" else []
    required = ([p.place_key for p in inner if _is_terril(network, p.place_key)]
                if through_points and kind == "race" else [])
    try:
        return build_request(network, course_kind, plan.profile, _stop_input(network, start),
                             target_km * 1000.0, options,
                             finish=_stop_input(network, finish) if kind != "loop" else None,
                             via=via, required=required, previous=line,
                             within_terril_name=WINDOW_WITHIN_TERRIL)
    except LoopError as exc:
        raise GenerationError(str(exc)) from exc


def _is_terril(network: Network, key: str) -> bool:
    place = network.places.get(key) if key else None
    return place is not None and place.kind == "terril"


def _candidate(network: Network, rank: int, found: GeneratedCourse, start: MapPoint,
               finish: MapPoint, *, within_limits: bool = True) -> Candidate:
    course, route = found.course, found.route
    closed = route.nodes[0] == route.nodes[-1]
    edit = shaped_stops(network, route, _turn_points(course), start,
                        start if closed else finish)
    # The figures its course sheet will have (the rest of the sheet waits for the one chosen).
    figures = course_figures(network, route_record(route))
    climb = figures.climb
    return Candidate(rank, edit, tuple((float(x), float(y)) for x, y in route.coords),
                     figures.length_m,
                     None if climb.d_plus is None else Climb(climb.d_plus, climb.d_minus or 0.0,
                                                              climb.estimated),
                     course.reused_m, figures.cavalier_share, figures.unsurveyed_m,
                     tuple(tuple((float(x), float(y)) for x, y in s.coords)
                           for s in route.unsurveyed if len(s.coords) > 1),
                     within_limits, partial(route_figures, network, route))


def _turn_points(course: Loop | Race) -> dict[int, str]:
    """The nodes the generator chose to shape the course, in order, with the place each stands
    for (a race's terrils; a loop's turn points stand for none)."""
    if isinstance(course, Race):
        return dict(zip(course.stops[1:-1], course.terrils, strict=True))
    return dict.fromkeys(course.waypoints, "")


def shaped_stops(network: Network, route: Route, turn_points: dict[int, str], first: MapPoint,
                 last: MapPoint) -> ReplaceStops:
    """The edit placing ``route``: ``first``, the turn points (node → place key) and the fewest
    extra points that make the cheapest path through them the route itself, ``last``; with the
    exact path."""
    engine = engine_for(network.graph, route.profile)
    kept = shaping_indices(engine, route.nodes, route.keys, list(turn_points))
    nodes = network.graph.nodes
    points = [first]
    for at in kept[1:-1]:
        node = route.nodes[at]
        key = turn_points.get(node) or str(nodes[node].get("place", ""))
        place = network.places.get(key) if key else None
        if place is not None and place.node == node:
            points.append(MapPoint(VIA, place.lon, place.lat, place.label, place.key))
        else:
            points.append(MapPoint(VIA, float(nodes[node]["x"]), float(nodes[node]["y"]),
                                   f"Point {len(points) + 1}"))
    points.append(last)
    return ReplaceStops(tuple(points), tuple(route.nodes), tuple(route.keys))


_KINDS: dict[str, CourseKind] = {"loop": "loop", "race": "race", "variants": "variant"}
