"""Rupture points computed from the network's own roads and railways.

A course crosses a road or a railway *at grade* where an OSM path shares a node with it: mappers
join ways only where they meet on the ground, and a path passing under a bridge (or over a tunnel)
shares no node with the road. Edges on a bridge or in a tunnel, and edges on another ``layer``,
are never taken as meeting at a node.

The contract (read by routing, statistics, map and roadbook):

- node: ``rupture`` (id), ``rupture_label`` (« Traversée de la D943 (route secondaire) à
  Loos-en-Gohelle »), ``crossing`` (``autoroute``, ``nationale``, ``primaire``, ``secondaire``,
  ``tertiaire`` or ``voie ferrée``), ``road_ref``, ``road_name``, ``road_class`` (OSM ``highway``
  value, or ``rail``), ``commune`` (from commune polygons when given, else "");
- edges entering the node: ``rupture`` = id;
- graph: ``crossings_known`` — True when the network had roads or railways to compute them from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import shapely
import shapely.ops

from routes.network.crossing_status import UNKNOWN_MESSAGE, crossings_known, rupture_count_text
from routes.osm.tags import CROSSING_ROAD_CLASSES, NON_MOTOR_HIGHWAYS, RAIL_CLASS
from routes.osm.ways import WayRecord
from routes.provenance import SOURCE_LAYER

__all__ = [
    "UNKNOWN_MESSAGE",
    "Crossing",
    "RailNode",
    "add_layer_crossings",
    "crossing_label",
    "crossings_known",
    "find_crossings",
    "mark_crossings",
    "mark_road_crossings",
    "rail_nodes",
    "rupture_count_text",
]

#: Most important first: a node where several classes meet takes the first.
CLASS_ORDER = ("autoroute", "nationale", "primaire", "secondaire", "tertiaire", RAIL_CLASS)
CLASS_LABELS = {
    "autoroute": "autoroute", "nationale": "route nationale", "primaire": "route primaire",
    "secondaire": "route secondaire", "tertiaire": "route tertiaire", RAIL_CLASS: "voie ferrée",
}


@dataclass(frozen=True)
class RailNode:
    """A vertex of a railway in use, at grade (not on a bridge, not in a tunnel)."""

    layer: int
    name: str
    ref: str


@dataclass(frozen=True)
class Crossing:
    node: int
    ident: str
    label: str
    crossing: str
    road_ref: str
    road_name: str
    road_class: str
    commune: str


def rail_nodes(railways: Sequence[WayRecord]) -> dict[int, RailNode]:
    """At-grade vertices of the railways, by vertex key (bridges and tunnels left out)."""
    nodes: dict[int, RailNode] = {}
    for way in railways:
        if way.attrs.get("bridge") or way.attrs.get("tunnel"):
            continue
        info = RailNode(int(str(way.attrs.get("layer", 0) or 0)), str(way.attrs.get("name", "")),
                        str(way.attrs.get("ref", "")))
        for key in way.keys:
            nodes.setdefault(key, info)
    return nodes


def _at_grade(data: Mapping[str, Any]) -> bool:
    return not data.get("bridge") and not data.get("tunnel")


def _is_path(data: Mapping[str, Any]) -> bool:
    """An edge a course runs on without motor traffic (OSM path, or a layer/recce line)."""
    highway = str(data.get("highway") or "")
    if highway:
        return highway in NON_MOTOR_HIGHWAYS
    return not data.get("access") and not data.get("liaison")


def _layer(data: Mapping[str, Any]) -> int:
    value = data.get("layer", 0)
    return value if isinstance(value, int) else 0


def _road_at(graph: nx.MultiDiGraph, node: int) -> tuple[str, Mapping[str, Any]] | None:
    """(class, edge) of the most important road meeting an at-grade path at ``node``."""
    path_layers: set[int] = set()
    roads: list[tuple[int, str, Mapping[str, Any]]] = []
    for keyed in graph._succ[node].values():
        for data in keyed.values():
            if not _at_grade(data):
                continue
            road_class = CROSSING_ROAD_CLASSES.get(str(data.get("highway") or ""))
            if road_class is not None:
                roads.append((CLASS_ORDER.index(road_class), road_class, data))
            elif _is_path(data):
                path_layers.add(_layer(data))
    crossed = [road for road in roads if _layer(road[2]) in path_layers]
    if not crossed:
        return None
    _, road_class, data = min(crossed, key=lambda road: road[0])
    return road_class, data


def _crosses_rail(graph: nx.MultiDiGraph, node: int, rail: RailNode, tagged: bool) -> bool:
    """A routed way meets the railway at grade at ``node`` (any way: a course on a road crosses
    the level crossing too). An OSM level-crossing node is enough on its own."""
    for keyed in graph._succ[node].values():
        for data in keyed.values():
            if data.get("access") or data.get("liaison") or not _at_grade(data):
                continue
            if tagged or _layer(data) == rail.layer:
                return True
    return False


def find_crossings(
    graph: nx.MultiDiGraph,
    *,
    rails: Mapping[int, RailNode] | None = None,
    crossing_nodes: Mapping[int, str] | None = None,
    communes: Sequence[tuple[str, shapely.Geometry]] = (),
) -> list[Crossing]:
    """The at-grade crossings of ``graph``, ordered west to east, with ids ``X0001``…"""
    rails = rails or {}
    tagged_rail = {n for n, kind in (crossing_nodes or {}).items() if kind == "rail"}
    found: list[tuple[int, str, str, str, str]] = []
    road_nodes = {u for u, _, highway in graph.edges(data="highway")
                  if highway in CROSSING_ROAD_CLASSES}
    for node in road_nodes:
        road = _road_at(graph, node)
        if road is not None:
            road_class, data = road
            found.append((node, road_class, str(data.get("ref") or ""),
                          str(data.get("name") or ""), str(data.get("highway") or "")))
    on_road = {item[0] for item in found}
    for node in (rails.keys() | tagged_rail) & graph._succ.keys():
        if node in on_road:
            continue
        rail = rails.get(node, RailNode(0, "", ""))
        if _crosses_rail(graph, node, rail, node in tagged_rail):
            found.append((node, RAIL_CLASS, rail.ref, rail.name, "rail"))
    found.sort(key=lambda item: (graph.nodes[item[0]]["x"], graph.nodes[item[0]]["y"]))
    names = _communes_of(graph, [item[0] for item in found], communes)
    return [
        Crossing(node, f"X{index:04d}", crossing_label(road_class, ref, name, commune), road_class,
                 ref, name, highway, commune)
        for index, ((node, road_class, ref, name, highway), commune)
        in enumerate(zip(found, names, strict=True), start=1)
    ]


def _communes_of(
    graph: nx.MultiDiGraph, nodes: list[int], communes: Sequence[tuple[str, shapely.Geometry]],
) -> list[str]:
    if not communes or not nodes:
        return [""] * len(nodes)
    tree = shapely.STRtree([polygon for _, polygon in communes])
    points = shapely.points([(graph.nodes[n]["x"], graph.nodes[n]["y"]) for n in nodes])
    point_index, commune_index = tree.query(points, predicate="intersects")
    result = [""] * len(nodes)
    for p, c in zip(point_index.tolist(), commune_index.tolist(), strict=True):
        if not result[p]:
            result[p] = communes[c][0]
    return result


def crossing_label(road_class: str, ref: str, name: str, commune: str) -> str:
    """« Traversée de la D943 (route secondaire) à Loos-en-Gohelle » and its variants."""
    class_label = CLASS_LABELS[road_class]
    where = f" à {commune}" if commune else ""
    if road_class == RAIL_CLASS:
        named = f" « {name} »" if name else ""
        return f"Passage à niveau sur la voie ferrée{named}{where}"
    if ref:
        article = "l'" if ref[:1].upper() in "AEIOUY" else "la "
        named = f", {name}" if name else ""
        return f"Traversée de {article}{ref}{named} ({class_label}){where}"
    if name:
        return f"Traversée de « {name} » ({class_label}){where}"
    return f"Traversée d'une {class_label}{where}"


def mark_crossings(graph: nx.MultiDiGraph, crossings: Sequence[Crossing], *, known: bool) -> None:
    """Write the crossings on the graph (node and entering-edge attributes, ``crossings_known``)."""
    graph.graph["crossings_known"] = known
    for item in crossings:
        graph.nodes[item.node].update(
            rupture=item.ident, rupture_label=item.label, crossing=item.crossing,
            road_ref=item.road_ref, road_name=item.road_name, road_class=item.road_class,
            commune=item.commune,
        )
        for _, _, data in graph.in_edges(item.node, data=True):
            if not data.get("access"):
                data["rupture"] = item.ident


def mark_road_crossings(
    graph: nx.MultiDiGraph, communes: Sequence[tuple[str, shapely.Geometry]] = (),
) -> int:
    """Find and mark the crossings of a graph built without railway data (GIS highway lines, an
    Overpass download of highways): known when it has roads of the crossing classes."""
    known = any(highway in CROSSING_ROAD_CLASSES for *_, highway in graph.edges(data="highway"))
    crossings = find_crossings(graph, communes=communes)
    mark_crossings(graph, crossings, known=known)
    return len(crossings)


def add_layer_crossings(
    graph: nx.MultiDiGraph,
    railways: Sequence[WayRecord] = (),
    communes: Sequence[tuple[str, shapely.Geometry]] = (),
) -> int:
    """Crossings of the layer edges (old lines kept from the TVB layer, which share no node with
    OSM) with at-grade roads and railways: each crossing point splits the layer edge with a new
    node that carries the crossing. Returns the number of crossings added."""
    layer_edges = [(u, v, k) for u, v, k, source in graph.edges(keys=True, data="source")
                   if source == SOURCE_LAYER and u < v]
    if not layer_edges:
        return 0
    barriers: list[tuple[shapely.Geometry, str, Mapping[str, Any]]] = []
    for u, v, data in graph.edges(data=True):
        road_class = CROSSING_ROAD_CLASSES.get(str(data.get("highway") or ""))
        if road_class is not None and u < v and _at_grade(data):
            barriers.append((data["geometry"], road_class, data))
    for way in railways:
        if _at_grade(way.attrs) and len(way.lons) >= 2:
            line = shapely.linestrings(list(zip(way.lons, way.lats, strict=True)))
            barriers.append((line, RAIL_CLASS, {**way.attrs, "highway": "rail"}))
    if not barriers:
        return 0
    tree = shapely.STRtree([geometry for geometry, _, _ in barriers])
    existing = sum(1 for _, ident in graph.nodes(data="rupture") if ident)
    next_node = max((int(n) for n in graph.nodes), default=0) + 1
    found: list[tuple[int, str, Mapping[str, Any]]] = []
    for u, v, k in layer_edges:
        data = graph.edges[u, v, k]
        line = data["geometry"]
        cuts: list[tuple[float, str, Mapping[str, Any]]] = []
        for index in tree.query(line, predicate="crosses").tolist():
            geometry, road_class, road = barriers[index]
            for point in shapely.get_parts(shapely.intersection(line, geometry)):
                if point.geom_type == "Point":
                    cuts.append((line.project(point, normalized=True), road_class, road))
        cuts = sorted(c for c in cuts if 0.0 < c[0] < 1.0)
        if not cuts:
            continue
        nodes = _split_edge(graph, u, v, k, [c[0] for c in cuts], next_node)
        next_node += len(nodes)
        found.extend((node, road_class, road) for node, (_, road_class, road)
                     in zip(nodes, cuts, strict=True))
    names = _communes_of(graph, [node for node, _, _ in found], communes)
    crossings = [
        Crossing(node, f"X{existing + index:04d}",
                 crossing_label(road_class, str(road.get("ref") or ""),
                                str(road.get("name") or ""), commune),
                 road_class, str(road.get("ref") or ""), str(road.get("name") or ""),
                 str(road.get("highway") or ""), commune)
        for index, ((node, road_class, road), commune) in enumerate(
            zip(found, names, strict=True), start=1)
    ]
    known = bool(graph.graph.get("crossings_known"))
    mark_crossings(graph, crossings, known=known or bool(crossings))
    return len(crossings)


def _split_edge(
    graph: nx.MultiDiGraph, u: int, v: int, key: int, fractions: list[float], first_id: int,
) -> list[int]:
    """Split the edge u→v (and its twin v→u) at ``fractions`` of its length; new node ids from
    ``first_id``. Returns the new nodes in order from u."""
    data = dict(graph.edges[u, v, key])
    line = data["geometry"]
    total = float(data["length"])
    bounds = [0.0, *fractions, 1.0]
    nodes = [u, *range(first_id, first_id + len(fractions)), v]
    for node, fraction in zip(nodes[1:-1], fractions, strict=True):
        point = line.interpolate(fraction, normalized=True)
        graph.add_node(node, x=point.x, y=point.y)
    twin = next((k for k, d in graph[v][u].items()
                 if d.get("source") == SOURCE_LAYER and d["length"] == data["length"]), None)
    graph.remove_edge(u, v, key)
    if twin is not None:
        graph.remove_edge(v, u, twin)
    for a, b, start, end in zip(nodes, nodes[1:], bounds, bounds[1:], strict=False):
        piece = shapely.ops.substring(line, start, end, normalized=True)
        attrs = {**data, "geometry": piece, "length": total * (end - start)}
        graph.add_edge(a, b, **attrs)
        graph.add_edge(b, a, **{**attrs, "geometry": piece.reverse()})
    return nodes[1:-1]
