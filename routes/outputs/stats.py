"""What a route crosses, for the course sheet (:mod:`app.sheet`): communes, named ways, the edges
under it and its heights.

Works from a route's geometry alone (a stored route has no edge list) and the network it was
computed on. Distances along the route are WGS84 geodesic metres (:class:`RouteLine`), so every
km-mark adds up to the one length every document prints.

- Communes: point-in-polygon when the network layers hold commune polygons; otherwise each point
  of the route is given to the nearest commune centre (the embedded network only has centres).
  That approximation can misplace a few hundred metres near a boundary; the method returned says
  which one was used.
- Named ways: the names of the network edges the route runs on, in order, then the rupture points
  (their label names the road or railway crossed).
- Unsurveyed stretches: given by the caller (a route record keeps them from its edges'
  provenance flag), never guessed from the geometry.
- Elevation: node elevations when the network has them (from a DEM), else an estimate from the
  known terril heights (a cone over the terril's radius above a flat plain), flagged as such.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry import LineString, Point

from routes.elevation.climb import GEOD, STEP_M
from routes.geodesy import metric_xy
from routes.network.layers import LayerKind
from routes.network.model import Network

Array = NDArray[np.float64]

#: Altitude of the coal basin plain around the terrils (m), to turn a summit altitude into a height.
PLAIN_ALT_M = 40.0
COMMUNE_STEP_M = 100.0
ROAD_STEP_M = 25.0
#: A route sample farther than this from every edge is not on a named way.
ROAD_MATCH_M = 10.0
#: Runs shorter than this on one way are junction noise, not a way "used".
ROAD_MIN_M = 60.0
#: Node elevations farther than this from a route sample are not used for it.
NODE_ELEVATION_M = 40.0

METHOD_POLYGONS = "contours des communes"
METHOD_CENTRES = "commune du centre le plus proche (approximation)"
SOURCE_NODES = "altitudes du réseau (MNT)"
SOURCE_ESTIMATE = "estimation : hauteur connue des terrils, plaine à 0 m"
SOURCE_UNKNOWN = "aucune altitude (importez ou téléchargez un MNT)"


@dataclass(frozen=True)
class Span:
    """A stretch of the route in one commune or on one named way (metres from the start)."""

    name: str
    start_m: float
    end_m: float


@dataclass
class ElevationTrace:
    """Heights every :data:`STEP_M` along the course; NaN where nothing is known."""

    distances_m: Array
    elevations_m: Array
    source: str
    is_estimate: bool

    @property
    def available(self) -> bool:
        return len(self.elevations_m) > 1 and bool(np.isfinite(self.elevations_m).any())

    @property
    def missing_m(self) -> float:
        """Length of the course with no height (a DEM that covers only part of it)."""
        if not self.available:
            return float(self.distances_m[-1]) if len(self.distances_m) else 0.0
        unknown = ~np.isfinite(self.elevations_m)
        step = float(self.distances_m[1] - self.distances_m[0]) if len(self.distances_m) > 1 \
            else 0.0
        return float(unknown.sum()) * step


class RouteLine:
    """The course line: its WGS84 geodesic length (the one length every document prints) and,
    for geometric work, its Lambert-93 metric form.

    Positions along the line are geodesic metres from the start at every vertex; a point found
    on the metric line is mapped to them through the segment it falls on, so a km-mark never
    depends on the projection's scale."""

    def __init__(self, coords: Sequence[Sequence[float]]) -> None:
        lonlat = np.asarray([c[:2] for c in coords], dtype=float).reshape(-1, 2)
        self.lonlat = lonlat
        self.xy = metric_xy(lonlat[:, 0], lonlat[:, 1])
        self.line = LineString(self.xy) if len(self.xy) > 1 else None
        steps = (np.hypot(*np.diff(self.xy, axis=0).T) if len(self.xy) > 1 else np.zeros(0))
        #: Metric (Lambert-93) and geodesic distance from the start at each vertex.
        self.vertex_metric = np.concatenate([[0.0], np.cumsum(steps)])
        self.vertex_m = np.concatenate([[0.0], np.cumsum(geodesic_steps(lonlat))])
        self.length_m = float(self.vertex_m[-1])

    def to_metric_along(self, distances_m: Array) -> Array:
        return np.asarray(np.interp(distances_m, self.vertex_m, self.vertex_metric), dtype=float)

    def to_geodesic_along(self, metric_m: Array) -> Array:
        return np.asarray(np.interp(metric_m, self.vertex_metric, self.vertex_m), dtype=float)

    def samples(self, step_m: float) -> tuple[Array, Array]:
        """Distances (geodesic metres) and metric points every ``step_m``, ends included."""
        if self.line is None:
            return np.zeros(len(self.xy)), self.xy
        count = max(1, int(np.ceil(self.length_m / step_m)))
        distances = np.linspace(0.0, self.length_m, count + 1)
        # Linear interpolation along the vertices (shapely's interpolation walks the line from
        # its start for every sample: quadratic on a long course).
        along = self.to_metric_along(distances)
        points = np.column_stack([np.interp(along, self.vertex_metric, self.xy[:, 0]),
                                  np.interp(along, self.vertex_metric, self.xy[:, 1])])
        return distances, points

    def point_at(self, distance_m: float) -> tuple[float, float]:
        """(lon, lat) at ``distance_m`` along the line."""
        lon = float(np.interp(distance_m, self.vertex_m, self.lonlat[:, 0]))
        lat = float(np.interp(distance_m, self.vertex_m, self.lonlat[:, 1]))
        return lon, lat

    def locate(self, lon: float, lat: float) -> tuple[float, float]:
        """Distance along the route of the nearest point, and the distance off the route."""
        xy = metric_xy(np.array([lon]), np.array([lat]))[0]
        if self.line is None:
            return 0.0, float(np.hypot(*(xy - self.xy[0]))) if len(self.xy) else 0.0
        point = Point(xy)
        along = float(self.to_geodesic_along(np.array([self.line.project(point)]))[0])
        return along, float(self.line.distance(point))

    def locate_after(self, lon: float, lat: float, after_m: float) -> tuple[float, float]:
        """Like :meth:`locate`, first pass after ``after_m`` (an out-and-back passes the same
        point twice): the nearest point of the first segment, past ``after_m``, that comes
        within 5 m of the closest approach."""
        if self.line is None or len(self.xy) < 2:
            return self.locate(lon, lat)
        target = metric_xy(np.array([lon]), np.array([lat]))[0]
        a, b = self.xy[:-1], self.xy[1:]
        ab = b - a
        length2 = np.maximum((ab ** 2).sum(axis=1), 1e-12)
        t = np.clip(((target - a) * ab).sum(axis=1) / length2, 0.0, 1.0)
        off = np.hypot(*(a + ab * t[:, None] - target).T)
        along = self.vertex_m[:-1] + t * np.diff(self.vertex_m)
        close = (along > after_m) & (off <= off.min() + 5.0)
        index = int(np.argmax(close)) if close.any() else int(np.argmin(off))
        return float(along[index]), float(off[index])


def geodesic_steps(lonlat: Array) -> Array:
    """WGS84 geodesic length of each step of a (n, 2) lon/lat polyline."""
    if len(lonlat) < 2:
        return np.zeros(0)
    _, _, steps = GEOD.inv(lonlat[:-1, 0], lonlat[:-1, 1], lonlat[1:, 0], lonlat[1:, 1])
    result: Array = np.abs(np.asarray(steps, dtype=float))
    return result


def _runs(names: Sequence[str | None], distances: Array) -> list[Span]:
    spans: list[Span] = []
    for index, name in enumerate(names):
        if name is None:
            continue
        start = float(distances[max(index - 1, 0)] + distances[index]) / 2
        end = float(distances[index] + distances[min(index + 1, len(distances) - 1)]) / 2
        if spans and spans[-1].name == name and start - spans[-1].end_m < 1.0:
            spans[-1] = Span(name, spans[-1].start_m, end)
        else:
            spans.append(Span(name, start, end))
    return spans


def communes_crossed(network: Network, route: RouteLine) -> tuple[list[Span], str]:
    distances, points = route.samples(COMMUNE_STEP_M)
    polygons = [f for f in (network.layers.of(LayerKind.COMMUNE) if network.layers else ())
                if f.geometry.geom_type in ("Polygon", "MultiPolygon")]
    if polygons:
        metric = [shapely.transform(f.geometry, _to_metric) for f in polygons]
        tree = STRtree(metric)
        pts = shapely.points(points)
        inside, poly = tree.query(pts, predicate="within")
        names: list[str | None] = [None] * len(points)
        for i, j in zip(inside.tolist(), poly.tolist(), strict=True):
            names[i] = names[i] or polygons[j].name
        return _runs(names, distances), METHOD_POLYGONS
    centres = [p for p in network.places.places if p.kind == "commune"]
    if not centres:
        return [], METHOD_CENTRES
    xy = metric_xy(np.array([p.lon for p in centres]), np.array([p.lat for p in centres]))
    tree = STRtree(shapely.points(xy))
    nearest = tree.query_nearest(shapely.points(points), all_matches=False)[1]
    return _runs([centres[int(j)].name for j in nearest], distances), METHOD_CENTRES


def _to_metric(coords: Array) -> Array:
    return metric_xy(coords[:, 0], coords[:, 1])


def _edge_label(data: Mapping[str, object]) -> str | None:
    if data.get("access") or data.get("liaison"):
        return None  # connectors added by the graph builder: their names are ours, not a way's
    name = str(data.get("name") or "").strip()
    return name or None


_EDGE_INDEXES: weakref.WeakKeyDictionary[
    nx.MultiDiGraph, tuple[list[Mapping[str, object]], STRtree | None]] = (
    weakref.WeakKeyDictionary())
_EDGE_INDEX_LOCK = threading.Lock()


def _edge_index(graph: nx.MultiDiGraph) -> tuple[list[Mapping[str, object]], STRtree | None]:
    """The graph's edges with geometry and a metric STRtree over them, built once per graph
    (a course sheet asks for it three times, the window at every route)."""
    with _EDGE_INDEX_LOCK:
        cached = _EDGE_INDEXES.get(graph)
        if cached is None:
            # a water line is not a way under a course (the towpath beside a canal is)
            edges = [d for u, v, d in graph.edges(data=True)
                     if u <= v and d.get("geometry") is not None and not d.get("water")]
            tree = (STRtree([shapely.transform(d["geometry"], _to_metric) for d in edges])
                    if edges else None)
            cached = _EDGE_INDEXES[graph] = (edges, tree)
        return cached


def edges_along(network: Network, route: RouteLine,
                step_m: float = ROAD_STEP_M) -> tuple[Array, list[Mapping[str, object] | None]]:
    """The network edge under the route every ``step_m``: distances of the step middles, and
    each step's edge attributes (None where the route is on no edge of the network)."""
    edges, tree = _edge_index(network.graph)
    if not edges or tree is None or route.line is None:
        return np.zeros(0), []
    distances, points = route.samples(step_m)
    mids = (points[:-1] + points[1:]) / 2
    found, hit = tree.query_nearest(shapely.points(mids), max_distance=ROAD_MATCH_M,
                                    all_matches=False)
    under: list[Mapping[str, object] | None] = [None] * len(mids)
    for i, j in zip(found.tolist(), hit.tolist(), strict=True):
        under[i] = edges[j]
    return (distances[:-1] + distances[1:]) / 2, under


def roads_used(network: Network, route: RouteLine) -> list[Span]:
    middles, under = edges_along(network, route)
    if not under:
        return []
    spans = _runs([_edge_label(d) if d is not None else None for d in under], middles)
    return [s for s in spans if s.end_m - s.start_m >= ROAD_MIN_M]


@dataclass(frozen=True)
class TerrilHeight:
    ref: str
    x: float
    y: float
    height_m: float
    radius_m: float


def known_terril_heights(network: Network) -> list[TerrilHeight]:
    """Terrils whose height is known: ``height_m``, or ``summit_alt_m`` above the plain."""
    found: list[TerrilHeight] = []
    features = list(network.layers.of(LayerKind.TERRIL)) if network.layers else []
    for feature in features:
        props = feature.props
        height = props.get("height_m")
        summit = props.get("summit_alt_m")
        if not isinstance(height, int | float) and isinstance(summit, int | float):
            height = float(summit) - PLAIN_ALT_M
        if not isinstance(height, int | float) or height <= 0:
            continue
        radius = props.get("radius_m")
        point = feature.geometry.representative_point()
        x, y = metric_xy(np.array([point.x]), np.array([point.y]))[0]
        found.append(TerrilHeight(feature.ref, float(x), float(y), float(height),
                                  float(radius) if isinstance(radius, int | float) else 250.0))
    for place in network.places.places:
        if place.kind == "terril" and place.height_m and not features:
            x, y = metric_xy(np.array([place.lon]), np.array([place.lat]))[0]
            found.append(TerrilHeight(place.key, float(x), float(y), place.height_m, 250.0))
    return found


def _elevation_points(graph: nx.MultiDiGraph, route: RouteLine) -> tuple[Array, Array]:
    """Metric positions and heights of the network's elevations near the route: its nodes and
    the samples stored every 25 m along the edges the route runs on."""
    nodes = [n for n, d in graph.nodes(data=True) if "elevation" in d]
    if not nodes:
        return np.zeros((0, 2)), np.zeros(0)
    lons = [graph.nodes[n]["x"] for n in nodes]
    lats = [graph.nodes[n]["y"] for n in nodes]
    heights = [float(graph.nodes[n]["elevation"]) for n in nodes]
    sampled = [d for u, v, d in graph.edges(data=True)
               if u <= v and d.get("elevations") and d.get("geometry") is not None]
    if sampled and route.line is not None:
        tree = STRtree([d["geometry"] for d in sampled])
        lonlat_route = LineString(_to_lonlat(route))
        for index in tree.query(lonlat_route, predicate="dwithin", distance=0.0004).tolist():
            data = sampled[int(index)]
            values = list(data["elevations"])
            fractions = np.arange(1, len(values) + 1) / (len(values) + 1)
            points = shapely.get_coordinates(shapely.line_interpolate_point(
                data["geometry"], fractions, normalized=True))
            lons.extend(points[:, 0].tolist())
            lats.extend(points[:, 1].tolist())
            heights.extend(values)
    xy = metric_xy(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return xy, np.asarray(heights, dtype=float)


def _to_lonlat(route: RouteLine) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in route.lonlat]


#: Gaps in known heights shorter than this are interpolated; longer ones stay unknown.
FILL_GAP_M = 100.0


def _fill_short_gaps(distances: Array, heights: Array) -> Array:
    known = np.isfinite(heights)
    if known.sum() < 2:
        return heights
    filled = np.interp(distances, distances[known], heights[known])
    # Distance from each sample to the nearest known one, both ways.
    last = np.where(known, distances, -np.inf)
    before = distances - np.maximum.accumulate(last)
    nxt = np.where(known, distances, np.inf)
    after = np.minimum.accumulate(nxt[::-1])[::-1] - distances
    gap = before + after
    inside = np.isfinite(gap) & (gap <= FILL_GAP_M)
    return np.where(known | inside, filled, np.nan)


def elevation_trace(network: Network, route: RouteLine) -> ElevationTrace:
    """Heights along the course from the network's elevations (a DEM applied to it); where
    the DEM does not reach, heights stay unknown (NaN) rather than guessed. Without any
    elevation, an estimate from the known terril heights, said so; else unknown."""
    distances, points = route.samples(STEP_M)
    xy, known_heights = _elevation_points(network.graph, route)
    if len(xy) and len(points):
        tree = STRtree(shapely.points(xy))
        found, hit = tree.query_nearest(shapely.points(points), max_distance=NODE_ELEVATION_M,
                                        all_matches=False)
        heights = np.full(len(points), np.nan)
        heights[found] = known_heights[hit]
        if np.isfinite(heights).sum() >= 2:
            return ElevationTrace(distances, _fill_short_gaps(distances, heights), SOURCE_NODES,
                                  is_estimate=False)
    heights = np.zeros(len(points))
    for terril in known_terril_heights(network):
        off = np.hypot(points[:, 0] - terril.x, points[:, 1] - terril.y)
        heights = np.maximum(heights, terril.height_m * np.clip(1 - off / terril.radius_m, 0, 1))
    if not heights.any():
        # Neither a DEM nor a terril of known height on the way: the climb is unknown.
        return ElevationTrace(distances, np.full(len(points), np.nan), SOURCE_UNKNOWN,
                              is_estimate=True)
    return ElevationTrace(distances, heights, SOURCE_ESTIMATE, is_estimate=True)
