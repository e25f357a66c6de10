"""What the map shows of a network, as GeoJSON ready for Leaflet (no Qt here).

Lines come from the graph itself (one feature per undirected edge, tagged with its layer) so a
network built from GIS layers, from OSM or reloaded from a saved file is drawn the same way.
Places come from the gazetteer; commune outlines from the layers when the network has them.
"""

from __future__ import annotations

from typing import Any

import shapely

from routes.layers import LayerKind
from routes.network import Network

#: Map layer keys, in drawing order (bottom first).
MAP_LAYERS = ("communes", "water", "natural", "paths", "hiking", "veloroute", "cavaliers",
              "terrils", "ruptures", "poles")
_COORD_DIGITS = 5


def _rounded(coords: Any) -> list[list[float]]:
    return [[round(float(x), _COORD_DIGITS), round(float(y), _COORD_DIGITS)] for x, y, *_ in coords]


def _edge_layer(data: dict[str, Any]) -> str:
    if data.get("cavalier"):
        return "cavaliers"
    if data.get("veloroute"):
        return "veloroute"
    if data.get("hiking"):
        return "hiking"
    return "paths"


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def network_layers(network: Network, *, simplify_m: float = 5.0) -> dict[str, dict[str, Any]]:
    """GeoJSON FeatureCollection per map layer key."""
    tolerance = simplify_m / 111_000.0
    lines: dict[str, list[dict[str, Any]]] = {k: [] for k in ("paths", "hiking", "veloroute",
                                                                "cavaliers")}
    for u, v, data in network.graph.edges(data=True):
        if u > v or data.get("access"):
            continue
        geometry = data["geometry"].simplify(tolerance) if simplify_m else data["geometry"]
        lines[_edge_layer(data)].append({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": _rounded(geometry.coords)},
            "properties": {"name": str(data.get("name") or ""),
                           "liaison": bool(data.get("liaison"))}})
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
