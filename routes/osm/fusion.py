"""Fuse an OSM graph with the TVB layers: cavalier flags and terril/pole access edges.

Distances are measured in Lambert-93 (EPSG:2154, metres), the projection of the basin.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import shapely
from pyproj import Geod, Transformer
from scipy.spatial import cKDTree
from shapely.geometry import LineString

from routes.provenance import ACCESS_SPUR_MAX_M, SOURCE_ACCESS, provenance

TO_L93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
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
    edges = list(graph.edges(keys=True, data=True))
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
    candidates = [n for n in largest_component_nodes(graph) if "place" not in graph.nodes[n]]
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
        name = str(row[name_column]) if name_column and row[name_column] is not None else ""
        places.append(PlaceRef(ref=str(row[ref_column]), lon=point.x, lat=point.y, name=name))
    return places
