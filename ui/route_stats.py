"""Statistics of a computed route for the route panel (no Qt here).

Distance, climb and descent (from node elevations when the network has them), share on cavaliers
and on the Trame verte et bleue, rupture points, communes crossed, and the elevation profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree
from shapely import LineString, STRtree

from routes.course import route_climb
from routes.geodesy import metric_xy, to_metric
from routes.layers import LayerFeature, LayerKind
from routes.network import Network
from routes.routing import Route

#: Layers that belong to the Trame verte et bleue network.
TVB_LAYERS = ("cavalier", "veloroute", "hiking", "terril")


@dataclass(frozen=True)
class ProfilePoint:
    distance_km: float
    elevation_m: float
    lon: float
    lat: float


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


def _elevation_profile(network: Network, route: Route) -> list[ProfilePoint]:
    graph = network.graph
    points: list[ProfilePoint] = []
    distance = 0.0
    for i, node in enumerate(route.nodes):
        data = graph.nodes[node]
        if i:
            distance += graph[route.nodes[i - 1]][node][route.keys[i - 1]]["length"]
        if "elevation" in data:
            points.append(ProfilePoint(distance / 1000.0, float(data["elevation"]),
                                       float(data["x"]), float(data["y"])))
    return points


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
    )


def nearest_profile_point(points: list[ProfilePoint], distance_km: float) -> ProfilePoint | None:
    if not points:
        return None
    return min(points, key=lambda p: abs(p.distance_km - distance_km))

