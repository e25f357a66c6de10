"""Statistics of a computed route for the route panel (no Qt here).

Distance (and how much of it runs on unsurveyed edges, read from the route), climb and descent
(from node elevations when the network has them), share on cavaliers and on the Trame verte et
bleue, rupture points, communes crossed, and the elevation profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from shapely import LineString, Point, STRtree

from routes.elevation.errors import ElevationError
from routes.elevation.network import route_elevations
from routes.geodesy import metric_xy, to_metric
from routes.network.crossing_status import crossings_known
from routes.network.layers import LayerFeature, LayerKind
from routes.network.model import Network
from routes.outputs.course import route_climb
from routes.search.routing import Route

#: Layers that belong to the Trame verte et bleue network.
TVB_LAYERS = ("cavalier", "veloroute", "hiking", "terril")


@dataclass(frozen=True)
class ProfilePoint:
    distance_km: float
    elevation_m: float
    lon: float
    lat: float


@dataclass(frozen=True)
class ProfileMark:
    """A point shown on the profile: a stop of the route (waypoint) or a terril summit."""

    distance_km: float
    label: str
    kind: str  # "stop" or "terril"


@dataclass
class RouteStats:
    length_m: float
    climb_m: float | None
    descent_m: float | None
    cavalier_share: float
    tvb_share: float
    ruptures: list[str]
    terrils: list[str]
    communes: list[str] = field(default_factory=list)
    profile: list[ProfilePoint] = field(default_factory=list)
    climb_estimated: bool = False  # from the terrils' heights, not measured on a DEM
    #: Length on unsurveyed edges; None for a route stored before provenance was kept.
    unsurveyed_m: float | None = 0.0
    #: (start_m, end_m, source) of each unsurveyed stretch.
    unsurveyed: list[tuple[float, float, str]] = field(default_factory=list)
    crossings_known: bool = True  # False on a network without roads nor railways
    marks: list[ProfileMark] = field(default_factory=list)


#: At most this many points on the chart (a 100 km race has 10 000 samples of 10 m).
MAX_PROFILE_POINTS = 2000
SUMMIT_MATCH_M = 60.0


def _elevation_profile(network: Network, route: Route) -> list[ProfilePoint]:
    """Elevations along the route from the network's node and edge samples (every 25 m)."""
    if len(route.nodes) < 2 or len(route.coords) < 2:
        return []
    try:
        keys = list(route.keys) if len(route.keys) == len(route.nodes) - 1 else None
        distances, heights = route_elevations(network.graph, route.nodes, keys)
    except ElevationError:
        return []
    if len(distances) > MAX_PROFILE_POINTS:
        grid = np.linspace(0.0, float(distances[-1]), MAX_PROFILE_POINTS)
        heights = np.interp(grid, distances, heights)
        distances = grid
    line, _ = _metric_line(route)
    fractions = distances / distances[-1] if distances[-1] > 0 else distances
    lonlat = np.asarray(route.coords, dtype=float)
    metric = np.asarray(line.coords)
    along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(metric, axis=0).T))])
    offsets = fractions * along[-1]
    lons = np.interp(offsets, along, lonlat[:, 0])
    lats = np.interp(offsets, along, lonlat[:, 1])
    return [ProfilePoint(d / 1000.0, h, lon, lat) for d, h, lon, lat in
            zip(distances.tolist(), heights.tolist(), lons.tolist(), lats.tolist(), strict=True)]


def _metric_line(route: Route) -> tuple[LineString, float]:
    line = to_metric(LineString(route.coords))
    return line, route.length_m / line.length if line.length else 1.0


def profile_marks(network: Network, route: Route) -> list[ProfileMark]:
    """Intermediate stops and the summits of the terrils the route passes, by distance."""
    if len(route.coords) < 2:
        return []
    line, scale = _metric_line(route)
    marks: list[ProfileMark] = []

    def place(lon: float, lat: float, label: str, kind: str, near_m: float) -> None:
        point = to_metric(Point(lon, lat))
        if line.distance(point) <= near_m:
            marks.append(ProfileMark(line.project(point) * scale / 1000.0, label, kind))

    for stop in route.stops[1:-1]:
        place(stop.lon, stop.lat, stop.label, "stop", float("inf"))
    for place_ in network.places.places:
        if place_.kind == "terril" and place_.key in route.terrils:
            place(place_.lon, place_.lat, place_.key, "terril", SUMMIT_MATCH_M)
    return sorted(marks, key=lambda m: m.distance_km)


def communes_crossed(network: Network, route: Route) -> list[str]:
    """Communes the route crosses, in route order.

    With commune outlines, the outlines the line intersects; with commune points only (the
    embedded network), the commune whose point is nearest to each stretch of ~250 m.
    """
    if network.layers is None or len(route.coords) < 2:
        return []
    features = list(network.layers.of(LayerKind.COMMUNE))
    communes = [f for f in features if f.geometry.geom_type.endswith("Polygon")]
    if not communes:
        return _nearest_communes(features, route)
    line = LineString(route.coords)
    tree = STRtree([f.geometry for f in communes])
    hits = tree.query(line, predicate="intersects")
    # In route order: by the distance along the line of each commune's first crossing.
    names = {}
    for index in hits:
        feature = communes[int(index)]
        part = feature.geometry.intersection(line)
        if not part.is_empty:
            names[feature.name] = line.project(part.representative_point())
    return sorted(names, key=names.__getitem__)


def _nearest_communes(features: list[LayerFeature], route: Route) -> list[str]:
    points = [f for f in features if f.geometry.geom_type == "Point" and f.name]
    if not points:
        return []
    lon = np.array([f.geometry.x for f in points])
    lat = np.array([f.geometry.y for f in points])
    from scipy.spatial import cKDTree  # slow import: when statistics are computed

    tree = cKDTree(metric_xy(lon, lat))
    line = to_metric(LineString(route.coords))
    steps = max(2, int(line.length / 250.0) + 1)
    samples = [line.interpolate(i / (steps - 1), normalized=True) for i in range(steps)]
    _, indices = tree.query(np.array([[p.x, p.y] for p in samples]))
    names: list[str] = []
    for index in indices:
        name = points[int(index)].name
        if name not in names:
            names.append(name)
    return names


def route_stats(network: Network, route: Route) -> RouteStats:
    profile = _elevation_profile(network, route)
    measured = route_climb(network, route)
    tvb = sum(route.layer_lengths.get(k, 0.0) for k in TVB_LAYERS)
    return RouteStats(
        length_m=route.length_m,
        climb_m=None if measured is None else measured.d_plus,
        descent_m=None if measured is None else measured.d_minus,
        climb_estimated=measured is not None and measured.is_estimate,
        cavalier_share=route.share("cavalier"),
        tvb_share=min(1.0, tvb / route.length_m) if route.length_m else 0.0,
        ruptures=[r.ident for r in route.ruptures],
        terrils=list(route.terrils),
        communes=communes_crossed(network, route),
        profile=profile,
        unsurveyed_m=route.unsurveyed_m,
        unsurveyed=[(s.start_m, s.end_m, s.source) for s in route.unsurveyed],
        crossings_known=crossings_known(network.graph),
        marks=profile_marks(network, route),
    )


def nearest_profile_point(points: list[ProfilePoint], distance_km: float) -> ProfilePoint | None:
    if not points:
        return None
    return min(points, key=lambda p: abs(p.distance_km - distance_km))

