"""Edits of a route plan as small values with an inverse (no Qt here).

A :class:`Plan` is what the user shapes on the map: the routing profile, the stops the route goes
through (in order) and the event waypoints placed along it (aid stations, épreuves...). Every edit
``apply(plan)`` returns the new plan and the edit that undoes it; the UI's QUndoCommand only wraps
these values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from app.model import WaypointKind
from routes.frenchfmt import number
from routes.geodesy import haversine_m

VIA = "via"
#: A route point's automatic name (« Point 3 »): it follows the point's number, which the map
#: shows, when points are added or removed. Names the user or a place gave stay.
AUTO_LABEL = re.compile(r"^Point \d+$")
#: Waypoint kinds: the values of app.model.WaypointKind (one table).
WAYPOINT_KINDS = tuple(kind.value for kind in WaypointKind)


@dataclass(frozen=True)
class MapPoint:
    kind: str  # VIA for a routing stop, else one of WAYPOINT_KINDS
    lon: float
    lat: float
    label: str = ""
    place_key: str = ""  # the terril or pole the point stands for, if any


@dataclass(frozen=True)
class Plan:
    """``course_nodes``/``course_keys``: an exact path (a generated course) the route follows
    until a stop is edited; empty, the route is the cheapest path through the stops."""

    profile: str = "trail"
    stops: tuple[MapPoint, ...] = ()
    waypoints: tuple[MapPoint, ...] = ()
    course_nodes: tuple[int, ...] = ()
    course_keys: tuple[int, ...] = ()

    def points(self, group: str) -> tuple[MapPoint, ...]:
        return self.stops if group == "s" else self.waypoints

    def with_points(self, group: str, points: tuple[MapPoint, ...]) -> Plan:
        if group == "s":
            return replace(self, stops=renumbered(points), course_nodes=(), course_keys=())
        return replace(self, waypoints=points)

    def markers(self) -> list[dict[str, object]]:
        """Marker descriptions for the map (ids "s<i>" for stops, "w<i>" for waypoints)."""
        result: list[dict[str, object]] = []
        for group, points in (("s", self.stops), ("w", self.waypoints)):
            for i, p in enumerate(points):
                result.append({"id": f"{group}{i}", "kind": p.kind, "lon": p.lon, "lat": p.lat,
                               "label": p.label, "order": i})
        return result


def renumbered(stops: tuple[MapPoint, ...]) -> tuple[MapPoint, ...]:
    """Route points with their automatic names following their numbers (« Point 1..n »)."""
    return tuple(replace(p, label=f"Point {i + 1}")
                 if AUTO_LABEL.match(p.label) and p.label != f"Point {i + 1}" else p
                 for i, p in enumerate(stops))


def parse_marker_id(ident: str) -> tuple[str, int]:
    group, index = ident[:1], ident[1:]
    if group not in ("s", "w") or not index.isdigit():
        raise ValueError(f"Identifiant de repère invalide : « {ident} »")
    return group, int(index)


class Edit(Protocol):
    def apply(self, plan: Plan) -> tuple[Plan, Edit]: ...

    @property
    def description(self) -> str: ...


@dataclass(frozen=True)
class Insert:
    group: str  # "s" stops or "w" waypoints
    index: int
    point: MapPoint
    label: str = ""  # the undo step's name when not the default one

    @property
    def description(self) -> str:
        if self.label:
            return self.label
        return "Ajouter un point" if self.group == "s" else "Ajouter un repère"

    def apply(self, plan: Plan) -> tuple[Plan, Edit]:
        points = list(plan.points(self.group))
        index = min(max(self.index, 0), len(points))
        points.insert(index, self.point)
        return plan.with_points(self.group, tuple(points)), Remove(self.group, index)


@dataclass(frozen=True)
class Remove:
    group: str
    index: int

    @property
    def description(self) -> str:
        return "Supprimer un point" if self.group == "s" else "Supprimer un repère"

    def apply(self, plan: Plan) -> tuple[Plan, Edit]:
        points = list(plan.points(self.group))
        removed = points.pop(self.index)
        return plan.with_points(self.group, tuple(points)), Insert(self.group, self.index, removed)


@dataclass(frozen=True)
class Move:
    group: str
    index: int
    lon: float
    lat: float

    @property
    def description(self) -> str:
        return "Déplacer un point" if self.group == "s" else "Déplacer un repère"

    def apply(self, plan: Plan) -> tuple[Plan, Edit]:
        points = list(plan.points(self.group))
        old = points[self.index]
        # A moved stop no longer stands for the place it was dropped on.
        points[self.index] = replace(old, lon=self.lon, lat=self.lat, place_key="")
        inverse = _Restore(self.group, self.index, old)
        return plan.with_points(self.group, tuple(points)), inverse


@dataclass(frozen=True)
class _Restore:
    group: str
    index: int
    point: MapPoint

    @property
    def description(self) -> str:
        return "Déplacer un point"

    def apply(self, plan: Plan) -> tuple[Plan, Edit]:
        points = list(plan.points(self.group))
        old = points[self.index]
        points[self.index] = self.point
        return plan.with_points(self.group, tuple(points)), _Restore(self.group, self.index, old)


@dataclass(frozen=True)
class Relabel:
    group: str
    index: int
    kind: str
    label: str

    @property
    def description(self) -> str:
        return "Modifier un repère"

    def apply(self, plan: Plan) -> tuple[Plan, Edit]:
        points = list(plan.points(self.group))
        old = points[self.index]
        points[self.index] = replace(old, kind=self.kind, label=self.label)
        return (plan.with_points(self.group, tuple(points)),
                Relabel(self.group, self.index, old.kind, old.label))


@dataclass(frozen=True)
class SetProfile:
    profile: str

    @property
    def description(self) -> str:
        return "Changer de profil"

    def apply(self, plan: Plan) -> tuple[Plan, Edit]:
        changed = replace(plan, profile=self.profile, course_nodes=(), course_keys=())
        return changed, SetProfile(plan.profile)


@dataclass(frozen=True)
class ReplaceStops:
    """Replace every stop at once (a generated loop or race, with its exact path if known)."""

    stops: tuple[MapPoint, ...]
    course_nodes: tuple[int, ...] = ()
    course_keys: tuple[int, ...] = ()
    label: str = "Générer un parcours"

    @property
    def description(self) -> str:
        return self.label

    def apply(self, plan: Plan) -> tuple[Plan, Edit]:
        new = replace(plan, stops=self.stops, course_nodes=self.course_nodes,
                      course_keys=self.course_keys)
        return new, ReplaceStops(plan.stops, plan.course_nodes, plan.course_keys)


@dataclass(frozen=True)
class Reorder:
    """Move a stop to another place in the order (« make this point the start / the finish »)."""

    index: int
    to: int
    label: str = "Réordonner les points"

    @property
    def description(self) -> str:
        return self.label

    def apply(self, plan: Plan) -> tuple[Plan, Edit]:
        points = list(plan.stops)
        if not 0 <= self.index < len(points):
            raise IndexError(self.index)
        to = min(max(self.to, 0), len(points) - 1)
        points.insert(to, points.pop(self.index))
        return plan.with_points("s", tuple(points)), Reorder(to, self.index, self.label)


def make_start(index: int) -> Reorder:
    return Reorder(index, 0, "Faire de ce point le départ")


def make_finish(plan: Plan, index: int) -> Reorder:
    return Reorder(index, len(plan.stops) - 1, "Faire de ce point l'arrivée")


def _nearest_position(coords: Sequence[tuple[float, ...]], lon: float, lat: float,
                      start: int = 0) -> tuple[float, float]:
    """(position along ``coords`` as segment index + fraction, squared distance) of the point of
    the line from vertex ``start`` on nearest to (lon, lat), in a local plane."""
    scale = math.cos(math.radians(lat))
    best = (float(start), math.inf)
    for i in range(start, len(coords) - 1):
        ax, ay = (coords[i][0] - lon) * scale, coords[i][1] - lat
        bx, by = (coords[i + 1][0] - lon) * scale, coords[i + 1][1] - lat
        dx, dy = bx - ax, by - ay
        span = dx * dx + dy * dy
        t = 0.0 if span == 0 else min(1.0, max(0.0, -(ax * dx + ay * dy) / span))
        px, py = ax + t * dx, ay + t * dy
        d = px * px + py * py
        if d < best[1]:
            best = (i + t, d)
    return best


def leg_at(plan: Plan, coords: Sequence[tuple[float, ...]], lon: float, lat: float) -> int:
    """The leg (0: from the first stop to the second) whose part of the course ``coords``
    (lon, lat, as drawn) is nearest to (lon, lat): where a point put on the line belongs."""
    if len(plan.stops) < 2 or len(coords) < 2:
        return max(len(plan.stops) - 1, 0)
    # Each stop's position along the course, in order (a loop's last stop is at its end).
    positions: list[float] = []
    at = 0
    for i, stop in enumerate(plan.stops):
        if i == len(plan.stops) - 1:
            positions.append(float(len(coords) - 1))
            break
        position = _nearest_position(coords, stop.lon, stop.lat, at)[0] if i else 0.0
        positions.append(position)
        at = int(position)
    clicked = _nearest_position(coords, lon, lat)[0]
    for leg in range(len(positions) - 1):
        if clicked <= positions[leg + 1]:
            return leg
    return len(positions) - 2


def insert_on_course(plan: Plan, coords: Sequence[tuple[float, ...]], at: tuple[float, float],
                     point: MapPoint) -> Insert:
    """The edit inserting ``point`` as a via point in the leg of the course nearest ``at`` (lon,
    lat): where the organiser clicked or grabbed the line."""
    return Insert("s", leg_at(plan, coords, *at) + 1, point, "Insérer un point")


class _Network(Protocol):
    """What placing a point on a place reads of a network (routes.network.model.Network)."""

    @property
    def graph(self) -> Any: ...

    @property
    def places(self) -> Any: ...


#: A place's access closer than this to its centre or summit is not worth a note.
FOOT_NOTE_M = 30.0


def place_access(network: _Network, key: str) -> tuple[float, float] | None:
    """(lon, lat) where the network reaches a terril or pole (its access node), or None."""
    place = network.places.get(key)
    if place is None:
        return None
    node = place.node
    if node is None or node not in network.graph:
        return float(place.lon), float(place.lat)
    data = network.graph.nodes[node]
    return float(data["x"]), float(data["y"])


def place_point(network: _Network, key: str) -> MapPoint | None:
    """The route point a click on a terril or pole puts: at the place's access (where the course
    really begins), standing for the place."""
    place = network.places.get(key)
    where = place_access(network, key)
    if place is None or where is None:
        return None
    return MapPoint(VIA, where[0], where[1], place.label, place.key)


def foot_note(network: _Network, point: MapPoint) -> str:
    """« au pied du T074, à 190 m du sommet »: where a point standing for a place is."""
    place = network.places.get(point.place_key) if point.place_key else None
    if place is None:
        return ""
    metres = haversine_m(point.lon, point.lat, float(place.lon), float(place.lat))
    if metres < FOOT_NOTE_M:
        return ""
    distance = f"{number(metres, 0)} m" if metres < 1000 else f"{number(metres / 1000, 1)} km"
    if place.kind == "terril":
        return f"au pied du {place.key}, à {distance} du sommet"
    return f"accès de {place.label}, à {distance} du centre"


def place_accesses(network: _Network) -> dict[str, tuple[float, float]]:
    """Every terril's and pole's access (place key → lon, lat)."""
    result: dict[str, tuple[float, float]] = {}
    for place in network.places.places:
        if place.kind in ("terril", "pole"):
            where = place_access(network, place.key)
            if where is not None:
                result[place.key] = where
    return result
