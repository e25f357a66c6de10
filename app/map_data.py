"""What the map shows of a network, as GeoJSON ready for Leaflet (no Qt here).

Lines come from the graph itself (one feature per undirected edge, tagged with its layer) so a
network built from GIS layers, from OSM or reloaded from a saved file is drawn the same way.
Places come from the gazetteer; commune outlines from the layers when the network has them.
Edges nobody surveyed (straight connectors, access spurs: their provenance flag) form their own
layer, drawn dashed; old railway lines of unknown practicability carry ``practicability``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from routes.network.layers import LayerKind
from routes.network.model import Network
from routes.provenance import PRACTICABILITY_UNKNOWN, SOURCE_TRACK, is_surveyed

#: Map layer keys, in drawing order (bottom first).
MAP_LAYERS = ("communes", "water", "natural", "paths", "hiking", "veloroute", "cavaliers",
              "unsurveyed", "terrils", "ruptures", "poles")
_COORD_DIGITS = 5


def _rounded(coords: Any) -> list[list[float]]:
    return [[round(float(x), _COORD_DIGITS), round(float(y), _COORD_DIGITS)] for x, y, *_ in coords]


def _edge_layer(data: dict[str, Any]) -> str:
    if not is_surveyed(data):
        return "unsurveyed"
    if data.get("cavalier"):
        return "cavaliers"
    if data.get("veloroute"):
        return "veloroute"
    if data.get("hiking"):
        return "hiking"
    return "paths"


def _edge_properties(data: dict[str, Any]) -> dict[str, Any]:
    """What the map styles an edge by: its provenance, read from the edge, never recomputed."""
    edge: dict[str, Any] = {"name": str(data.get("name") or ""),
                            "liaison": bool(data.get("liaison")), "surveyed": is_surveyed(data)}
    if data.get("source"):
        edge["source"] = str(data["source"])
    if data.get("practicability") == PRACTICABILITY_UNKNOWN:
        edge["practicability"] = PRACTICABILITY_UNKNOWN
    return edge


def _styled(edge: dict[str, Any]) -> bool:
    """An edge drawn on its own (not merged into its layer's polylines): unsurveyed, of unknown
    practicability, or a recce track."""
    return (not edge["surveyed"] or "practicability" in edge
            or edge.get("source") == SOURCE_TRACK)


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


#: Above this many undirected edges the path web is not sent whole: the page asks for the paths
#: of its view once zoomed in (:class:`PathIndex`), so a 500 000-node network stays fluid.
INLINE_EDGES_MAX = 40_000
#: Most paths sent for one view (a view at zoom 13 holds a few thousand on a dense OSM extract).
VIEW_PATHS_MAX = 40_000


def is_large(network: Network) -> bool:
    return int(network.graph.number_of_edges()) // 2 > INLINE_EDGES_MAX


class PathIndex:
    """The "paths" layer of a large network, queried by view (an R-tree of edge geometries)."""

    def __init__(self, network: Network) -> None:
        geometries: list[Any] = []
        for u, neighbours in network.graph._adj.items():
            for v, keyed in neighbours.items():
                if u > v:
                    continue
                for data in keyed.values():
                    if data.get("access") or _edge_layer(data) != "paths":
                        continue
                    geometries.append(data["geometry"])
        self.geometries = np.asarray(geometries, dtype=object)
        self.tree = shapely.STRtree(self.geometries)

    def __len__(self) -> int:
        return len(self.geometries)

    def view(self, south: float, west: float, north: float, east: float,
             zoom: float) -> dict[str, Any]:
        """GeoJSON of the paths in the view, merged into polylines where they meet end to end and
        simplified to about a pixel at ``zoom`` (few canvas features to redraw)."""
        hits = self.tree.query(shapely.box(west, south, east, north))[:VIEW_PATHS_MAX]
        if not len(hits):
            return _collection([])
        pixel_deg = 360.0 / (256 * 2 ** zoom)
        parts = shapely.get_parts(shapely.line_merge(shapely.multilinestrings(
            self.geometries[np.sort(hits)])))
        lines = shapely.simplify(parts, pixel_deg, preserve_topology=False)
        coords, owner = shapely.get_coordinates(lines, return_index=True)
        coords = np.round(coords, _COORD_DIGITS)
        bounds = np.searchsorted(owner, np.arange(len(lines) + 1))
        features = [{"type": "Feature",
                     "geometry": {"type": "LineString",
                                  "coordinates": coords[bounds[i]:bounds[i + 1]].tolist()},
                     "properties": {}}
                    for i in range(len(lines)) if bounds[i + 1] - bounds[i] >= 2]
        return _collection(features)


def network_layers(network: Network, *, simplify_m: float = 5.0,
                   inline_paths: bool = True) -> dict[str, dict[str, Any]]:
    """GeoJSON FeatureCollection per map layer key (``paths`` left empty unless
    ``inline_paths``: large networks send them by view through :class:`PathIndex`, and draw
    each line layer as merged polylines, far fewer canvas features than one per edge)."""
    tolerance = simplify_m / 111_000.0
    lines: dict[str, list[dict[str, Any]]] = {k: [] for k in ("paths", "hiking", "veloroute",
                                                                "cavaliers", "unsurveyed")}
    merged: dict[str, list[Any]] = {k: [] for k in lines}
    for u, neighbours in network.graph._adj.items():
        for v, keyed in neighbours.items():
            if u > v:
                continue
            for data in keyed.values():
                layer = _edge_layer(data)
                if layer == "paths" and not inline_paths:
                    continue
                edge = _edge_properties(data)
                if not inline_paths and not _styled(edge):
                    merged[layer].append(data["geometry"])
                    continue
                geometry = data["geometry"].simplify(tolerance) if simplify_m else data[
                    "geometry"]
                lines[layer].append({
                    "type": "Feature",
                    "geometry": {"type": "LineString", "coordinates": _rounded(geometry.coords)},
                    "properties": edge})
    for layer, geometries in merged.items():
        if not geometries:
            continue
        parts = shapely.get_parts(shapely.line_merge(shapely.multilinestrings(geometries)))
        for part in shapely.simplify(parts, tolerance, preserve_topology=False):
            lines[layer].append({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": _rounded(part.coords)},
                "properties": {"name": "", "liaison": False, "surveyed": True}})
    result = {key: _collection(feats) for key, feats in lines.items()}
    terrils: list[dict[str, Any]] = []
    poles: list[dict[str, Any]] = []
    for place in network.places.places:
        properties: dict[str, Any] = {"key": place.key, "name": place.label, "kind": place.kind,
                                      "height": place.height_m}
        point = {"type": "Feature",
                 "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                 "properties": properties}
        if place.kind == "terril":
            terrils.append(point)
            if place.footprint is not None:
                outline = shapely.geometry.mapping(place.footprint.simplify(tolerance))
                terrils.append({"type": "Feature", "geometry": outline,
                                "properties": {**properties, "footprint": True}})
        elif place.kind == "pole":
            poles.append(point)
    result["terrils"] = _collection(terrils)
    result["poles"] = _collection(poles)
    ruptures = [{"type": "Feature",
                 "geometry": {"type": "Point", "coordinates": [d["x"], d["y"]]},
                 "properties": {"id": d["rupture"],
                                "name": str(d.get("rupture_label", d["rupture"]))}}
                for _, d in network.graph.nodes(data=True) if d.get("rupture")]
    result["ruptures"] = _collection(ruptures)
    communes = []
    if network.layers is not None:
        for feature in network.layers.of(LayerKind.COMMUNE):
            geometry = feature.geometry
            if geometry.geom_type.endswith("Polygon"):
                geometry = geometry.simplify(tolerance * 4)
            communes.append({"type": "Feature", "geometry": shapely.geometry.mapping(geometry),
                             "properties": {"name": feature.name}})
    result["communes"] = _collection(communes)
    for key, kinds in AREA_LAYERS.items():
        result[key] = _collection(_areas(network, kinds, tolerance))
    return result


#: Area layers drawn when the network's layers hold them (water, néo-natural spaces); the layer
#: kinds are looked up by name so a network without them simply draws nothing.
AREA_LAYERS = {"water": ("water", "eau"), "natural": ("natural", "espace_naturel", "neo_natural")}


def _areas(network: Network, kinds: tuple[str, ...], tolerance: float) -> list[dict[str, Any]]:
    if network.layers is None:
        return []
    features: list[dict[str, Any]] = []
    for kind in kinds:
        member = LayerKind.__members__.get(kind.upper())
        for feature in network.layers.of(member) if member is not None else ():
            geometry = feature.geometry
            if geometry.geom_type.endswith("Polygon"):
                features.append({"type": "Feature",
                                 "geometry": shapely.geometry.mapping(geometry.simplify(tolerance)),
                                 "properties": {"name": feature.name}})
    return features


def network_bounds(network: Network) -> tuple[float, float, float, float]:
    """(south, west, north, east) of the network's nodes."""
    xs = [d["x"] for _, d in network.graph.nodes(data=True)]
    ys = [d["y"] for _, d in network.graph.nodes(data=True)]
    return min(ys), min(xs), max(ys), max(xs)
