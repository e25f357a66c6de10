"""Loop, race and variant generation with the routing engine, for the route panel.

The generated course becomes route points along it (a network node every ~600 m), so the user can
drag them like any other point and the route recomputed through them follows the generated one.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from routes.engine import PathResult, RoutingEngine
from routes.errors import CavalierError
from routes.geodesy import haversine_m
from routes.gpx.importer import ImportedTrack
from routes.loops import find_loops
from routes.network import Network
from routes.places import Place
from routes.profiles import get_profile
from routes.progress import CancelCallback, ProgressCallback
from routes.races import plan_race, race_terrils
from routes.routing import Router
from routes.variants import loop_variant, race_variant
from ui.editing import VIA, MapPoint, Plan, ReplaceStops

SPACING_M = 600.0
#: A previous course whose ends are closer than this is a loop.
CLOSED_M = 300.0
#: Share of the previous edition's course a variant may reuse.
VARIANT_MAX_OVERLAP = 0.3
#: A race gets one terril per this many km of its target length (at least one).
KM_PER_RACE_TERRIL = 8.0


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


def _node(network: Network, point: MapPoint) -> int:
    place: Place | None = network.places.get(point.place_key) if point.place_key else None
    return network.node_of(place) if place is not None else network.snap(point.lon, point.lat)


def _engine(network: Network, router: Router | None, profile: str) -> RoutingEngine:
    engine = router.engine(profile) if router is not None else None
    if isinstance(engine, RoutingEngine):
        return engine
    return RoutingEngine(network.graph, get_profile(profile))


def generate(network: Network, router: Router | None, kind: str, plan: Plan,
             previous: Sequence[tuple[float, ...]], target_km: float, *,
             progress: ProgressCallback | None = None,
             cancel: CancelCallback | None = None) -> ReplaceStops:
    """The edit placing a generated ``kind`` ("loop", "race" or "variants") course.

    A loop starts and ends at the plan's first point; a race goes from its first point to its last
    through terrils; a variant differs from ``previous`` (the current route, lon/lat).
    """
    if not plan.stops:
        raise GenerationError("Placez d'abord un départ (ou cliquez sur un terril).")
    engine = _engine(network, router, plan.profile)
    start = plan.stops[0]
    target_m = target_km * 1000.0
    if kind == "loop":
        loops = find_loops(engine, _node(network, start), target_m, count=1,
                           progress=progress, cancel=cancel)
        return _path_points(network, loops[0].path, start, start)
    if kind == "race":
        if len(plan.stops) < 2:
            raise GenerationError("Une course demande un départ et une arrivée : placez deux "
                                  "points.")
        finish = plan.stops[-1]
        count = max(1, round(target_km / KM_PER_RACE_TERRIL))
        terrils = race_terrils(network.graph, network.places)
        race = plan_race(engine, _node(network, start), _node(network, finish), count, target_m,
                         terrils=terrils, progress=progress, cancel=cancel)
        return _path_points(network, race.path, start, finish)
    if kind == "variants":
        line = [(float(p[0]), float(p[1])) for p in previous]
        if len(line) < 2:
            raise GenerationError("Une variante part d'un parcours existant : tracez ou importez "
                                  "d'abord le parcours de l'édition précédente.")
        finish = plan.stops[-1]
        closed = haversine_m(*line[0], *line[-1]) <= CLOSED_M
        if closed:
            variant = loop_variant(engine, line, _node(network, start), target_m,
                                   VARIANT_MAX_OVERLAP, progress=progress, cancel=cancel)
            return _path_points(network, variant.course.path, start, start)
        count = max(1, round(target_km / KM_PER_RACE_TERRIL))
        terrils = race_terrils(network.graph, network.places)
        variant = race_variant(engine, line, _node(network, start), _node(network, finish),
                               count, target_m, VARIANT_MAX_OVERLAP, terrils=terrils,
                               progress=progress, cancel=cancel)
        return _path_points(network, variant.course.path, start, finish)
    raise GenerationError(f"Génération inconnue : {kind}")
