"""Fuse an OSM graph with the TVB layers: cavalier flags and terril/pole access edges.

Distances are measured in Lambert-93 (EPSG:2154, metres), the projection of the basin.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import shapely
import shapely.ops
from pyproj import Geod, Transformer
from scipy.spatial import cKDTree
from shapely.geometry import LineString

from routes.osm.water import land_view, water_nodes
from routes.provenance import (
    ACCESS_SPUR_MAX_M,
    PRACTICABILITY_UNKNOWN,
    SOURCE_ACCESS,
    SOURCE_LAYER,
    provenance,
)

TO_L93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
TO_WGS = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
GEOD = Geod(ellps="WGS84")
CAVALIER_TOLERANCE_M = 18.0
CAVALIER_MIN_SHARE = 0.6
MAX_ACCESS_M = ACCESS_SPUR_MAX_M
OPTIONAL_OSM_KEYS = ("tracktype", "smoothness", "mtb_scale", "sac_scale", "foot", "bicycle",
                     "access_tag", "route_names", "ref")


@dataclass(frozen=True)
class PlaceRef:
    """A terril or pole to attach: ``ref`` like "T074" or "pole:9-9bis"."""

    ref: str
    lon: float
    lat: float
    name: str = ""


def _to_l93(geometries: np.ndarray) -> np.ndarray:
    def project(coords: np.ndarray) -> np.ndarray:
        x, y = TO_L93.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return np.asarray(shapely.transform(geometries, project))


def flag_cavaliers(
    graph: nx.MultiDiGraph,
    cavalier_lines: Iterable[shapely.Geometry],
    *,
    tolerance_m: float = CAVALIER_TOLERANCE_M,
    min_share: float = CAVALIER_MIN_SHARE,
) -> int:
    """Set ``cavalier=True`` on edges lying mostly (``min_share`` of length) within
    ``tolerance_m`` of a cavalier line (lon/lat). Returns the number of edges newly flagged."""
    lines = np.array([g for g in cavalier_lines if g is not None and not g.is_empty], dtype=object)
    edges = [e for e in graph.edges(keys=True, data=True) if not e[3].get("water")]
    if len(lines) == 0 or not edges:
        return 0
    projected = _to_l93(lines)
    buffers = shapely.buffer(projected, tolerance_m)
    tree = shapely.STRtree(buffers)
    edge_geoms = _to_l93(np.array([data["geometry"] for _, _, _, data in edges], dtype=object))
    edge_index, buffer_index = tree.query(edge_geoms, predicate="intersects")
    flagged = 0
    for position in np.unique(edge_index):
        data = edges[position][3]
        candidates = buffer_index[edge_index == position]
        if data["cavalier"] or not _runs_along(edge_geoms[position], projected[candidates],
                                               buffers[candidates], min_share):
            continue
        data["cavalier"] = True
        flagged += 1
    return flagged


def _runs_along(
    edge: shapely.Geometry, lines: np.ndarray, buffers: np.ndarray, min_share: float,
) -> bool:
    """Most of ``edge`` lies in the buffers, and it runs along the nearest line (its ends project
    far apart on it), so a short path merely crossing a cavalier is not taken for one."""
    if edge.length <= 0:
        return False
    covered = shapely.intersection(edge, shapely.union_all(buffers)).length
    if covered < min_share * edge.length:
        return False
    nearest = lines[int(np.argmin(shapely.distance(lines, edge.centroid)))]
    start, end = shapely.get_point(edge, 0), shapely.get_point(edge, -1)
    along = abs(nearest.project(end) - nearest.project(start))
    return bool(along >= min_share * edge.length)


def largest_component_nodes(graph: nx.MultiDiGraph) -> list[int]:
    if graph.number_of_nodes() == 0:
        return []
    best: set[int] = set()
    for component in nx.weakly_connected_components(graph):
        if len(component) > len(best):
            best = component
    return list(best)


def attach_places(
    graph: nx.MultiDiGraph,
    places: Sequence[PlaceRef],
    *,
    max_distance_m: float = MAX_ACCESS_M,
) -> list[PlaceRef]:
    """Add one node per place (``place`` attr) joined by access edges to the nearest node of the
    largest connected component. Returns the places too far (> ``max_distance_m``) to attach."""
    # places are reached on foot or by bike: from the land ways, never from a water line
    candidates = [n for n in largest_component_nodes(land_view(graph))
                  if "place" not in graph.nodes[n]]
    if not places:
        return []
    if not candidates:
        return list(places)
    lons = np.array([graph.nodes[n]["x"] for n in candidates])
    lats = np.array([graph.nodes[n]["y"] for n in candidates])
    tree = cKDTree(np.column_stack(TO_L93.transform(lons, lats)))
    px, py = TO_L93.transform([p.lon for p in places], [p.lat for p in places])
    distances, indices = tree.query(np.column_stack([px, py]))
    next_id = max((int(n) for n in graph.nodes), default=0) + 1
    too_far: list[PlaceRef] = []
    for place, distance, index in zip(places, distances, indices, strict=True):
        if distance > max_distance_m:
            too_far.append(place)
            continue
        target = candidates[int(index)]
        graph.add_node(next_id, x=place.lon, y=place.lat, place=place.ref)
        _add_access_edges(graph, next_id, target, place)
        next_id += 1
    return too_far


def _add_access_edges(
    graph: nx.MultiDiGraph, place_node: int, target: int, place: PlaceRef,
) -> None:
    tx, ty = graph.nodes[target]["x"], graph.nodes[target]["y"]
    _, _, length = GEOD.inv(place.lon, place.lat, tx, ty)
    geometry = LineString([(place.lon, place.lat), (tx, ty)])
    attrs: dict[str, object] = {
        "length": max(float(length), 0.01), "cavalier": False, "veloroute": False,
        "hiking": False, "mtb_route": False, "access": True, "liaison": False, "sensitive": False,
        **provenance(SOURCE_ACCESS),
        "terril": place.ref if not place.ref.startswith("pole:") else "", "rupture": "",
        "highway": "", "surface": "", "name": place.name,
        "bridge": False, "tunnel": False, "layer": 0, **provenance(SOURCE_ACCESS),
        # Same optional OSM keys as the imported edges, empty (= tag absent).
        **dict.fromkeys(OPTIONAL_OSM_KEYS, ""),
    }
    graph.add_edge(place_node, target, geometry=geometry, **attrs)
    graph.add_edge(target, place_node, geometry=geometry.reverse(), **attrs)


def places_from_frame(
    frame: Any, ref_column: str, name_column: str | None = None,
) -> list[PlaceRef]:
    """PlaceRefs from a GeoDataFrame of points or polygons (reprojected to lon/lat)."""
    import geopandas as gpd

    if not isinstance(frame, gpd.GeoDataFrame):
        raise TypeError("places_from_frame attend un GeoDataFrame")
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    places: list[PlaceRef] = []
    for _, row in frame.iterrows():
        geometry = row.geometry
        if geometry is None or geometry.is_empty:
            continue
        point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
        raw_name = row.get(name_column) if name_column else None
        name = "" if _missing(raw_name) else str(raw_name)
        raw_ref = row.get(ref_column)
        if _missing(raw_ref):
            continue
        places.append(PlaceRef(ref=str(raw_ref), lon=point.x, lat=point.y, name=name))
    return places


def _missing(value: Any) -> bool:
    """None or NaN (pandas' empty cell): an absent attribute, never a KeyError."""
    return value is None or (isinstance(value, float) and math.isnan(value))


#: A cavalier stretch shorter than this with no OSM way along it is a gap in the layer's match,
#: not a forgotten line.
MIN_UNMATCHED_M = 40.0
#: Ends of a kept stretch join the nearest network node this close (the layer is simplified to
#: ~10 m; farther ends stay loose rather than get a straight connector).
JOIN_M = 30.0
SAMPLE_M = 5.0
PARALLEL_DEG = 35.0


def keep_unmatched_cavaliers(
    graph: nx.MultiDiGraph,
    cavalier_lines: Iterable[shapely.Geometry],
    *,
    area: shapely.Geometry | None = None,
    tolerance_m: float = CAVALIER_TOLERANCE_M,
    min_length_m: float = MIN_UNMATCHED_M,
) -> float:
    """Add the stretches of the cavalier lines with no network edge within ``tolerance_m`` as
    layer edges (« ancien tracé, praticabilité inconnue »), inside ``area`` (lon/lat; default:
    the convex hull of the network, the only place where the OSM data says what exists).
    Returns the length added, in metres."""
    if area is None:
        area = shapely.convex_hull(shapely.multipoints(
            [(d["x"], d["y"]) for _, d in graph.nodes(data=True)]))
    lines = _line_parts(shapely.intersection(g, area) for g in cavalier_lines
                        if g is not None and not g.is_empty)
    # a canal beside a cavalier does not cover it, and a cavalier never ends on the water
    edges = [data["geometry"] for _, _, data in graph.edges(data=True)
             if data.get("geometry") is not None and not data.get("water")]
    if not lines:
        return 0.0
    projected = _to_l93(np.array(lines, dtype=object))
    edge_tree = shapely.STRtree(_to_l93(np.array(edges, dtype=object))) if edges else None
    water = water_nodes(graph)
    node_ids = [n for n in graph.nodes if n not in water]
    node_tree = cKDTree(np.column_stack(TO_L93.transform(
        [graph.nodes[n]["x"] for n in node_ids], [graph.nodes[n]["y"] for n in node_ids]))
    ) if node_ids else None
    next_id = max((int(n) for n in graph.nodes), default=0) + 1
    added = 0.0
    for line in projected:
        for start, end in _uncovered_runs(line, edge_tree, tolerance_m, min_length_m):
            piece = shapely.ops.substring(line, start, end)
            if piece.geom_type != "LineString" or piece.length < min_length_m:
                continue
            ends = []
            for point in (shapely.get_point(piece, 0), shapely.get_point(piece, -1)):
                ends.append(_join_or_new(graph, point, node_ids, node_tree, next_id))
                if ends[-1] == next_id:
                    next_id += 1
            coords = np.asarray(piece.coords)
            lon, lat = TO_WGS.transform(coords[:, 0], coords[:, 1])
            lonlat = [(graph.nodes[ends[0]]["x"], graph.nodes[ends[0]]["y"]),
                      *zip(lon[1:-1], lat[1:-1], strict=True),
                      (graph.nodes[ends[1]]["x"], graph.nodes[ends[1]]["y"])]
            geometry = LineString(lonlat)
            length = float(GEOD.geometry_length(geometry))
            if ends[0] == ends[1] or length <= 0:
                continue
            attrs = _layer_attrs()
            graph.add_edge(ends[0], ends[1], length=length, geometry=geometry, **attrs)
            graph.add_edge(ends[1], ends[0], length=length, geometry=geometry.reverse(), **attrs)
            added += length
    return added


def _line_parts(geometries: Iterable[shapely.Geometry]) -> list[shapely.Geometry]:
    parts: list[shapely.Geometry] = []
    for geometry in geometries:
        if geometry is None or geometry.is_empty:
            continue
        parts.extend(p for p in shapely.get_parts(geometry) if p.geom_type == "LineString")
    return parts


def _uncovered_runs(
    line: shapely.Geometry, edge_tree: shapely.STRtree | None, tolerance_m: float,
    min_length_m: float,
) -> list[tuple[float, float]]:
    """(start, end) distances along ``line`` of the stretches farther than ``tolerance_m`` from
    every edge, at least ``min_length_m`` long."""
    count = max(2, int(line.length / SAMPLE_M) + 1)
    distances = np.linspace(0.0, line.length, count)
    points = shapely.line_interpolate_point(line, distances)
    covered = np.zeros(count, dtype=bool)
    if edge_tree is not None:
        hits, edge_hits = edge_tree.query(points, predicate="dwithin", distance=tolerance_m)
        along = _parallel(line, distances[hits], edge_tree.geometries[edge_hits], points[hits])
        covered[np.unique(hits[along])] = True
    runs: list[tuple[float, float]] = []
    start: int | None = None
    for index in range(count + 1):
        free = index < count and not covered[index]
        if free and start is None:
            start = index
        elif not free and start is not None:
            # Extend to the neighbouring covered samples so the stretch meets the network.
            first = max(0, start - 1)
            last = min(count - 1, index)
            if distances[last] - distances[first] >= min_length_m:
                runs.append((float(distances[first]), float(distances[last])))
            start = None
    return runs


def _parallel(
    line: shapely.Geometry, distances: np.ndarray, edges: np.ndarray, points: np.ndarray,
) -> np.ndarray:
    """Whether each edge runs along ``line`` near the sample (directions within
    ``PARALLEL_DEG``): a road merely crossing the old line does not cover it."""
    if len(distances) == 0:
        return np.zeros(0, dtype=bool)
    step = 2.5
    ahead = shapely.line_interpolate_point(line, distances + step)
    behind = shapely.line_interpolate_point(line, np.maximum(distances - step, 0.0))
    along_edge = shapely.line_locate_point(edges, points)
    edge_ahead = shapely.line_interpolate_point(edges, along_edge + step)
    edge_behind = shapely.line_interpolate_point(edges, np.maximum(along_edge - step, 0.0))
    a = shapely.get_coordinates(ahead) - shapely.get_coordinates(behind)
    b = shapely.get_coordinates(edge_ahead) - shapely.get_coordinates(edge_behind)
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    cosine = np.abs((a * b).sum(axis=1)) / np.where(norms > 0, norms, 1.0)
    return np.asarray((norms > 0) & (cosine >= np.cos(np.radians(PARALLEL_DEG))))


def _join_or_new(
    graph: nx.MultiDiGraph, point: shapely.Point, node_ids: list[int],
    node_tree: cKDTree | None, new_id: int,
) -> int:
    if node_tree is not None:
        distance, index = node_tree.query([point.x, point.y])
        if distance <= JOIN_M:
            return int(node_ids[int(index)])
    lon, lat = TO_WGS.transform(point.x, point.y)
    graph.add_node(new_id, x=float(lon), y=float(lat))
    return new_id


def _layer_attrs() -> dict[str, object]:
    return {
        "highway": "", "surface": "", "name": "", "cavalier": True, "veloroute": False,
        "hiking": False, "mtb_route": False, "access": False, "liaison": False,
        "sensitive": False, "terril": "", "rupture": "", "bridge": False, "tunnel": False,
        "layer": 0, **dict.fromkeys(OPTIONAL_OSM_KEYS, ""),
        **provenance(SOURCE_LAYER), "practicability": PRACTICABILITY_UNKNOWN,
    }
