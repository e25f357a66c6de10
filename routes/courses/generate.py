"""Course generation: the one entry point the window and the command line call.

A :class:`CourseRequest` says what the organiser asks for (a loop, a race through terrils, or a
variant of last edition's course); :func:`generate` answers with ranked candidates, each with the
generated course (its quality figures) and the :class:`~routes.search.routing.Route` along it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import shapely

from routes.courses.loops import Loop, LoopError, find_loops
from routes.courses.races import Race, alternative_races, plan_race, race_terrils
from routes.courses.variants import Variant, loop_variants, race_variants
from routes.geodesy import haversine_m
from routes.network.model import Network
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.search.engine import RoutingEngine, engine_for
from routes.search.routing import Route, Router, Stop, StopInput, route_from_path

CourseKind = Literal["loop", "race", "variant"]
COURSE_KINDS: tuple[CourseKind, ...] = ("loop", "race", "variant")
#: A previous course whose ends are closer than this is a loop.
CLOSED_M = 300.0
#: A race visits about one terril per this many metres when no count is given (105 km ≈ 15).
METRES_PER_TERRIL = 7000.0
DEFAULT_MAX_OVERLAP = 0.3
#: Length tolerances (share of the target) and the share of a loop that may be ridden twice.
LOOP_TOLERANCE = 0.02
RACE_TOLERANCE = 0.05
MAX_REUSE = 0.05


@dataclass(frozen=True)
class CourseRequest:
    """What to generate. ``finish`` is a race's end (chosen among terrils when absent);
    ``previous`` is last edition's line (lon/lat) for a variant (the best loop when absent)."""

    kind: CourseKind
    profile: str
    start: StopInput
    length_m: float
    finish: StopInput | None = None
    via: Sequence[StopInput] = ()
    area: shapely.Geometry | None = None
    area_name: str = ""
    previous: Sequence[tuple[float, float]] = ()
    terril_count: int | None = None
    required: Sequence[str] = ()
    ordered: bool = False
    tolerance: float | None = None
    max_reuse: float | None = None
    max_overlap: float = DEFAULT_MAX_OVERLAP
    count: int = 1


@dataclass(frozen=True)
class GeneratedCourse:
    """One candidate: the course with its quality figures and the route along it."""

    kind: CourseKind
    course: Loop | Race
    route: Route
    variant: Variant | None = field(default=None)


def terril_count_for(length_m: float) -> int:
    return max(1, round(length_m / METRES_PER_TERRIL))


def generate(network: Network, request: CourseRequest, *,
             progress: ProgressCallback | None = None,
             cancel: CancelCallback | None = None) -> list[GeneratedCourse]:
    """Ranked candidates for ``request`` (best first); raises a French error when none fits."""
    if request.kind not in COURSE_KINDS:
        raise LoopError(f"Type de parcours inconnu « {request.kind} » (loop, race ou variant).")
    task = Task(progress, cancel)
    router = Router(network)
    start = router.stop(request.start)
    task.step(0.02, "Préparation du moteur de calcul…")
    engine = engine_for(network.graph, request.profile)
    if request.kind == "loop":
        return _loops(network, router, engine, request, start, progress, cancel)
    if request.kind == "race":
        return _races(network, router, engine, request, start, progress, cancel)
    return _variants(network, router, engine, request, start, progress, cancel)


def _candidate(network: Network, request: CourseRequest, course: Loop | Race,
               stops: Sequence[Stop], variant: Variant | None = None) -> GeneratedCourse:
    path = course.path
    route = route_from_path(network, request.profile, path.nodes, path.keys, list(stops),
                            path.cost)
    return GeneratedCourse(request.kind, course, route, variant)


def _loops(network: Network, router: Router, engine: RoutingEngine, request: CourseRequest,
           start: Stop, progress: ProgressCallback | None,
           cancel: CancelCallback | None) -> list[GeneratedCourse]:
    via = [router.stop(v) for v in request.via]
    loops = find_loops(engine, start.node, request.length_m, must_visit=[v.node for v in via],
                       area=request.area, area_name=request.area_name, count=request.count,
                       tolerance=_loop_tolerance(request),
                       max_reuse=_max_reuse(request), progress=progress, cancel=cancel)
    return [_candidate(network, request, loop, [start, *via, start]) for loop in loops]


def _races(network: Network, router: Router, engine: RoutingEngine, request: CourseRequest,
           start: Stop, progress: ProgressCallback | None, cancel: CancelCallback | None
           ) -> list[GeneratedCourse]:
    """The best race, then (``request.count`` > 1) close alternatives through other terrils."""
    terrils = race_terrils(network.graph, network.places)
    finish = _finish(network, router, engine, request, start, terrils)
    count = request.terril_count
    if count is None:
        count = max(1, min(len(terrils) - 1, terril_count_for(request.length_m)))
    race = plan_race(engine, start.node, finish.node, count, request.length_m, terrils=terrils,
                     required=request.required, ordered=request.ordered,
                     tolerance=_race_tolerance(request), progress=progress, cancel=cancel)
    others = alternative_races(engine, race, terrils=terrils, required=request.required,
                               ordered=request.ordered, tolerance=_race_tolerance(request),
                               count=request.count - 1)
    return [_candidate(network, request, r, _race_stops(network, start, finish, r))
            for r in (race, *others)]


def _race_stops(network: Network, start: Stop, finish: Stop, race: Race) -> list[Stop]:
    inner = [node_stop(network, node, ref)
             for node, ref in zip(race.stops[1:-1], race.terrils, strict=True)]
    return [start, *inner, finish]


def node_stop(network: Network, node: int, label: str) -> Stop:
    """A stop at a graph node (its place key when the node stands for a terril or pole)."""
    data = network.graph.nodes[node]
    return Stop(label, float(data["x"]), float(data["y"]), node, str(data.get("place", "")))


def _finish(network: Network, router: Router, engine: RoutingEngine, request: CourseRequest,
            start: Stop, terrils: dict[str, int]) -> Stop:
    if request.finish is not None:
        return router.stop(request.finish)
    node = _race_end(engine, start.node, request.length_m, terrils)
    place = next((network.places.get(k) for k, n in terrils.items() if n == node), None)
    return router.stop(place) if place is not None else node_stop(network, node, "Arrivée")


def _race_end(engine: RoutingEngine, start: int, length_m: float,
              terrils: dict[str, int]) -> int:
    """A terril node reachable from the start, about length / 2.5 away as the crow flies."""
    s = engine.node_index(start)
    comp = engine.components
    best: tuple[float, int] | None = None
    for node in terrils.values():
        i = engine.index.get(node)
        if i is None or i == s or comp[i] != comp[s]:
            continue
        gap = abs(float(np.hypot(*(engine.xy[i] - engine.xy[s]))) - length_m / 2.5)
        if best is None or gap < best[0]:
            best = (gap, node)
    if best is None:
        raise LoopError("Aucun terril n'est relié au départ par des voies praticables : "
                        "impossible de tracer une course en ligne.")
    return best[1]


def _variants(network: Network, router: Router, engine: RoutingEngine, request: CourseRequest,
              start: Stop, progress: ProgressCallback | None, cancel: CancelCallback | None
              ) -> list[GeneratedCourse]:
    """Up to ``request.count`` variants of the previous edition's course, best first."""
    previous = list(request.previous) or _best_loop_line(network, engine, request, start)
    closed = haversine_m(*previous[0], *previous[-1]) <= CLOSED_M
    if closed and not request.terril_count:
        loops = loop_variants(engine, previous, start.node, request.length_m,
                              request.max_overlap, count=request.count, area=request.area,
                              tolerance=_loop_tolerance(request), max_reuse=_max_reuse(request),
                              progress=progress, cancel=cancel)
        return [_candidate(network, request, v.course, [start, start], v) for v in loops]
    finish = (router.stop(request.finish) if request.finish is not None
              else node_stop(network, network.snap(*previous[-1]), "Arrivée"))
    terrils = race_terrils(network.graph, network.places)
    count = (request.terril_count if request.terril_count is not None
             else terril_count_for(request.length_m))
    races = race_variants(engine, previous, start.node, finish.node, count, request.length_m,
                          request.max_overlap, terrils=terrils, count=request.count,
                          tolerance=_race_tolerance(request), progress=progress, cancel=cancel)
    return [_candidate(network, request, v.course,
                       _race_stops(network, start, finish, v.course)
                       if isinstance(v.course, Race) else [start, finish], v)
            for v in races]


def _best_loop_line(network: Network, engine: RoutingEngine, request: CourseRequest,
                    start: Stop) -> list[tuple[float, float]]:
    best = find_loops(engine, start.node, request.length_m, count=1, area=request.area,
                      tolerance=_loop_tolerance(request), max_reuse=_max_reuse(request))[0]
    nodes = network.graph.nodes
    return [(float(nodes[n]["x"]), float(nodes[n]["y"])) for n in best.path.nodes]


def _loop_tolerance(request: CourseRequest) -> float:
    return LOOP_TOLERANCE if request.tolerance is None else request.tolerance


def _race_tolerance(request: CourseRequest) -> float:
    return RACE_TOLERANCE if request.tolerance is None else request.tolerance


def _max_reuse(request: CourseRequest) -> float:
    return MAX_REUSE if request.max_reuse is None else request.max_reuse
