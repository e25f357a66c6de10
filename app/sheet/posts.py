"""Crossings and marshal posts along a course: one per at-grade crossing of an open road and per
turn onto or off one, numbered once for every document.

Crossings are graph nodes carrying ``rupture`` (the embedded rupture layer) or ``crossing`` (OSM
crossings), with optional ``road_ref``, ``road_name``, ``road_class``, ``commune``. A crossing is a
post unless it is grade-separated (motorway, bridge, tunnel) or a railway. Turns come from the
edges under the course: where it joins or leaves an edge whose ``highway`` is a motor road.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import STRtree

from routes.geodesy import haversine_m, metric_xy
from routes.network.crossing_status import MOTOR_ROADS, has_motor_roads
from routes.network.model import Network
from routes.outputs.stats import RouteLine, edges_along

#: A crossing node this close to the route is crossed by it (metres).
CROSSING_MATCH_M = 20.0
#: Two passes over the same crossing are separate when this far apart along the route.
PASS_GAP_M = 150.0
#: A run on an open road shorter than this is a crossing, not a stretch along the road.
SHORT_RUN_M = 40.0
#: A turn this close to a crossing already posted is guarded by that post.
SAME_POST_M = 60.0
TURN_STEP_M = 10.0

RAIL_CROSSINGS = frozenset({"voie ferrée", "railway", "rail", "level_crossing",
                            "passage à niveau"})
GRADE_SEPARATED = frozenset({"autoroute", "motorway", "pont", "bridge", "tunnel", "passerelle",
                             "souterrain", "underpass", "overpass", "dénivelé"})

@dataclass(frozen=True)
class Crossing:
    """A pass of the route over a crossing node."""

    label: str
    road: str
    kind: str  # "route", "voie ferrée", "autoroute"...
    at_grade_road: bool
    lon: float
    lat: float
    distance_m: float
    commune: str


@dataclass(frozen=True)
class MarshalPost:
    """A marshal post: one numbering for the roadbook, the declaration file and the window."""

    number: int
    kind: str  # « Traversée », « Entrée sur la voie », « Sortie de la voie »
    road: str
    commune: str
    lon: float
    lat: float
    distance_m: float
    head: dt.timedelta | None = None  # first expected passage after the start (pace model)
    cutoff: dt.timedelta | None = None  # last passage: the cut-off there
    guard: str = ""  # the marshal-post waypoint placed there, "" when none is placed yet
    marshals: int = 1
    leg: str = ""  # a multisport stage's leg crossing there (its times are that leg's)


def _lower(value: object) -> str:
    return str(value or "").strip().lower()


def is_at_grade_road(data: Mapping[str, object]) -> bool:
    crossing, road_class = _lower(data.get("crossing")), _lower(data.get("road_class"))
    if crossing in RAIL_CROSSINGS or road_class in {"rail", "railway"}:
        return False
    return not (crossing in GRADE_SEPARATED or road_class in {"motorway", "motorway_link"})


def _road_label(data: Mapping[str, object]) -> str:
    ref, name = str(data.get("road_ref") or ""), str(data.get("road_name") or "")
    if ref and name:
        return f"{ref} — {name}"
    return ref or name or str(data.get("rupture_label") or data.get("name") or "voie sans nom")


def crossings_on(network: Network, route: RouteLine,
                 commune_at: Callable[[float], str]) -> list[Crossing]:
    """Every pass of the course over a crossing node (one per pass of an out-and-back)."""
    graph = network.graph
    nodes = [(n, d) for n, d in graph.nodes(data=True) if d.get("rupture") or d.get("crossing")]
    if not nodes or route.line is None:
        return []
    xy = metric_xy(np.array([d["x"] for _, d in nodes], dtype=float),
                   np.array([d["y"] for _, d in nodes], dtype=float))
    near = STRtree(shapely.points(xy)).query(route.line, predicate="dwithin",
                                             distance=CROSSING_MATCH_M)
    distances, samples = route.samples(5.0)
    found: list[Crossing] = []
    for index in near.tolist():
        _, data = nodes[index]
        off = np.hypot(samples[:, 0] - xy[index, 0], samples[:, 1] - xy[index, 1])
        close = np.flatnonzero(off <= CROSSING_MATCH_M)
        groups = np.split(close, np.flatnonzero(np.diff(distances[close]) > PASS_GAP_M) + 1)
        for group in groups:
            if not len(group):
                continue
            at = float(distances[group[int(np.argmin(off[group]))]])
            found.append(Crossing(
                str(data.get("rupture_label") or _road_label(data)), _road_label(data),
                str(data.get("crossing") or ""), is_at_grade_road(data), float(data["x"]),
                float(data["y"]), at, str(data.get("commune") or commune_at(at))))
    return sorted(found, key=lambda c: c.distance_m)


@dataclass(frozen=True)
class _Turn:
    kind: str
    road: str
    distance_m: float


def _edge_road(data: Mapping[str, object]) -> str:
    ref, name = str(data.get("ref") or ""), str(data.get("name") or "")
    return f"{ref} — {name}" if ref and name else (ref or name or "voie ouverte sans nom")


def _is_motor(edge: Mapping[str, object] | None) -> bool:
    return edge is not None and _lower(edge.get("highway")) in MOTOR_ROADS


def turns_on(network: Network, route: RouteLine) -> list[_Turn]:
    """Where the route joins or leaves an open road, or crosses one at a junction node."""
    if not has_motor_roads(network.graph):
        return []  # no open road in the network: nothing to join, leave or cross
    middles, under = edges_along(network, route, TURN_STEP_M)
    is_road = [_is_motor(d) for d in under]
    turns: list[_Turn] = []
    index = 0
    while index < len(is_road):
        if not is_road[index]:
            index += 1
            continue
        end = index
        while end + 1 < len(is_road) and is_road[end + 1]:
            end += 1
        edge = under[index]
        road = _edge_road(edge) if edge is not None else ""
        start_m, end_m = float(middles[index]), float(middles[end])
        if end_m - start_m < SHORT_RUN_M:
            turns.append(_Turn("Traversée", road, (start_m + end_m) / 2))
        else:
            if index > 0:
                turns.append(_Turn("Entrée sur la voie", road, start_m))
            if end < len(is_road) - 1:
                last = under[end]
                turns.append(_Turn("Sortie de la voie", _edge_road(last) if last else road,
                                   end_m))
        index = end + 1
    return turns + _junction_crossings(network, route, middles, is_road)


def _junction_crossings(network: Network, route: RouteLine, middles: np.ndarray,
                        is_road: Sequence[bool]) -> list[_Turn]:
    """A path meeting an open road at a shared node and going on as a path crosses the road
    at grade there (an OSM bridge or tunnel shares no node with the road below)."""
    graph = network.graph
    junctions: list[tuple[int, Mapping[str, object]]] = []
    for node in graph.nodes:
        motor = next((d for _, _, d in graph.edges(node, data=True) if _is_motor(d)), None)
        data = graph.nodes[node]
        explicit = data.get("crossing") or data.get("rupture")  # the node says what it is
        if motor is not None and "place" not in data and not explicit:
            junctions.append((node, motor))
    if not junctions or route.line is None or not len(middles):
        return []
    xy = metric_xy(np.array([graph.nodes[n]["x"] for n, _ in junctions], dtype=float),
                   np.array([graph.nodes[n]["y"] for n, _ in junctions], dtype=float))
    near = STRtree(shapely.points(xy)).query(route.line, predicate="dwithin", distance=3.0)
    distances, samples = route.samples(2.0)
    road = np.asarray(is_road, dtype=bool)
    found = []
    for index in near.tolist():
        off = np.hypot(samples[:, 0] - xy[index, 0], samples[:, 1] - xy[index, 1])
        close = np.flatnonzero(off <= 3.0)
        for group in np.split(close, np.flatnonzero(np.diff(distances[close]) > PASS_GAP_M) + 1):
            if not len(group):
                continue
            at = float(distances[group[int(np.argmin(off[group]))]])
            window = np.abs(middles - at) <= SHORT_RUN_M / 2
            if not road[window].any():
                found.append(_Turn("Traversée", _edge_road(junctions[index][1]), at))
    return found


#: A marshal-post waypoint this close to a post is the one guarding it.
GUARD_RADIUS_M = 150.0

Passage = Callable[[float], tuple[dt.timedelta | None, dt.timedelta | None]]


def marshal_posts(network: Network, route: RouteLine, crossings: Sequence[Crossing],
                  commune_at: Callable[[float], str], passage: Passage,
                  guards: Sequence[tuple[str, float, float]] = ()) -> list[MarshalPost]:
    """Posts at every at-grade road crossing and every turn onto or off an open road, in course
    order, numbered from 1; ``guards`` are the marshal-post waypoints (label, lon, lat)."""
    placed: list[tuple[float, str, str, str, float, float]] = []
    turns = turns_on(network, route)
    joins = [t for t in turns if t.kind != "Traversée"]
    for crossing in crossings:
        if crossing.at_grade_road:
            # A marked crossing where the course turns onto or off the road is that turn.
            join = next((t for t in joins
                         if abs(t.distance_m - crossing.distance_m) <= SAME_POST_M), None)
            placed.append((crossing.distance_m, join.kind if join else "Traversée",
                           crossing.road, crossing.commune, crossing.lon, crossing.lat))
    guarded = [p[0] for p in placed]
    separated = [c.distance_m for c in crossings if not c.at_grade_road]
    for turn in turns:
        if any(abs(turn.distance_m - d) <= SAME_POST_M for d in guarded):
            continue
        if turn.kind == "Traversée" and any(abs(turn.distance_m - d) <= SAME_POST_M
                                            for d in separated):
            continue  # a marked bridge, tunnel or railway, not a road crossed at grade
        lon, lat = route.point_at(turn.distance_m)
        placed.append((turn.distance_m, turn.kind, turn.road, commune_at(turn.distance_m),
                       lon, lat))
        guarded.append(turn.distance_m)
    posts = []
    for number, (at, kind, road, commune, lon, lat) in enumerate(sorted(placed), start=1):
        head, cutoff = passage(at)
        near = [label for label, g_lon, g_lat in guards
                if haversine_m(g_lon, g_lat, lon, lat) <= GUARD_RADIUS_M]
        posts.append(MarshalPost(number, kind, road, commune, lon, lat, at, head, cutoff,
                                 near[0] if near else ""))
    return posts
