"""Edits of a route plan as small values with an inverse (no Qt here).

A :class:`Plan` is what the user shapes on the map: the routing profile, the stops the route goes
through (in order) and the event waypoints placed along it (aid stations, épreuves...). Every edit
``apply(plan)`` returns the new plan and the edit that undoes it; the UI's QUndoCommand only wraps
these values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Protocol

from app.model import WaypointKind

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

    @property
    def description(self) -> str:
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
