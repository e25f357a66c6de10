"""Build the routing graph from a :class:`LayerSet`.

The graph is a networkx MultiDiGraph in lon/lat; every way is present in both directions. Its
attributes are the contract the rest of Cavalier relies on:

- graph: ``crs`` ("EPSG:4326"), ``name``, ``source``;
- node: ``x`` (lon), ``y`` (lat); optional ``place`` (key of the terril/pole the node stands for),
  ``kind``, ``label``; optional ``rupture`` (id of a rupture point at this node);
- edge: provenance ``source`` and ``surveyed`` (:mod:`routes.provenance`; cavalier lines of a
  layer also ``practicability`` "unknown"), ``length`` (m), ``geometry`` (LineString lon/lat from u
  to v), flags ``cavalier``,
  ``veloroute``, ``hiking``, ``access``, ``liaison``, ``sensitive``; ``terril`` (ref or ""),
  ``rupture`` (id of the rupture point the edge enters, or ""), ``highway``, ``surface``
  ("paved" / "unpaved" / ""), ``name``; ``water`` on the lines of the water layer (only the
  canoe profile follows them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import shapely
from networkx.utils import UnionFind
from shapely import LineString, Point, STRtree
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from routes.errors import NetworkBuildError
from routes.geodesy import geodesic_length_m, lonlat_xy, to_lonlat, to_metric
from routes.network.layers import LayerFeature, LayerKind, LayerSet
from routes.network.noding import Anchor, InputLine, NodedLines, node_lines
from routes.network.places import known_height
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.provenance import (
    ACCESS_SPUR_MAX_M,
    PRACTICABILITY_UNKNOWN,
    SOURCE_ACCESS,
    SOURCE_CONNECTOR,
    SOURCE_LAYER,
    provenance,
)

EDGE_FLAGS = ("cavalier", "veloroute", "hiking", "access", "liaison", "sensitive")
_PAVED = frozenset({"paved", "asphalt", "concrete", "paving_stones", "sett", "enrobé", "bitume"})
_DEFAULT_TERRIL_RADIUS_M = 150.0


@dataclass(frozen=True)
class BuildOptions:
    tolerance_m: float = 15.0  # ends closer than this are joined
    # A terril/pole whose outline is farther than this from every line stays unlinked.
    attach_max_m: float = ACCESS_SPUR_MAX_M
    rupture_max_m: float = 60.0
    liaison_max_m: float = 0.0  # > 0: bridge gaps between parts up to this length


@dataclass
class BuildReport:
    lines: int = 0
    nodes: int = 0
    edges: int = 0
    components: int = 0
    cavalier_km: float = 0.0
    cavalier_share_largest: float = 0.0  # before liaisons
    cavalier_share_largest_linked: float = 0.0  # after liaisons
    liaisons: int = 0
    liaison_km: float = 0.0
    places_linked: int = 0
    places_unlinked: list[str] = field(default_factory=list)
    ruptures_linked: int = 0
    warnings: list[str] = field(default_factory=list)


def surface_class(value: Any) -> str:
    text = str(value or "").strip().lower()
    if not text:
        return ""
    if text in _PAVED:
        return "paved"
    return "unpaved" if text != "unknown" else ""


def _line_parts(geom: BaseGeometry) -> Iterable[LineString]:
    if isinstance(geom, LineString):
        yield geom
    elif hasattr(geom, "geoms"):
        for part in geom.geoms:
            yield from _line_parts(part)


def _line_attrs(feature: LayerFeature) -> dict[str, Any]:
    attrs: dict[str, Any] = {**dict.fromkeys(EDGE_FLAGS, False), **provenance(SOURCE_LAYER)}
    if feature.kind is not LayerKind.PATH:
        attrs[feature.kind.value] = True
    if feature.kind is LayerKind.CAVALIER:
        attrs["practicability"] = PRACTICABILITY_UNKNOWN  # a layer line: no OSM way known
    props = feature.props
    attrs["highway"] = str(props.get("highway") or "")
    attrs["surface"] = surface_class(props.get("surface"))
    attrs["name"] = feature.name
    for tag in ("tracktype", "smoothness", "mtb_scale", "sac_scale", "foot", "bicycle"):
        if props.get(tag):
            attrs[tag] = str(props[tag])
    if props.get("access"):
        attrs["access_tag"] = str(props["access"])
    return attrs


def _input_lines(layers: LayerSet, report: BuildReport) -> list[InputLine]:
    lines: list[InputLine] = []
    empty = 0
    for feature in layers.of(LayerKind.CAVALIER, LayerKind.VELOROUTE, LayerKind.HIKING,
                             LayerKind.PATH, LayerKind.WATER):
        if feature.kind is LayerKind.WATER and "Polygon" in feature.geometry.geom_type:
            continue  # a lake's outline is drawn, not followed: its water lines are routed
        parts = [p for p in _line_parts(feature.geometry) if not p.is_empty and p.length > 0]
        if not parts:
            empty += 1
            continue
        attrs = _line_attrs(feature)
        lines.extend(InputLine(to_metric(p), attrs) for p in parts)
    if empty:
        report.warnings.append(f"{empty} ligne(s) vide(s) ou dégénérée(s) ignorée(s).")
    if not lines:
        raise NetworkBuildError("Aucune ligne routable (cavalier, véloroute, randonnée, chemin) "
                                "dans les couches fournies.")
    report.lines = len(lines)
    return lines


def place_key(feature: LayerFeature) -> str:
    if feature.kind is LayerKind.TERRIL and feature.ref:
        return feature.ref
    ident = feature.ref or feature.name
    return f"{feature.kind.value}:{ident}"


def anchor_point(feature: LayerFeature) -> Point:
    """Where a place stands, in lon/lat: the point itself, or the centre of its footprint."""
    geom = feature.geometry
    if isinstance(geom, Point):
        return geom
    centre = geom.centroid
    return centre if geom.contains(centre) else geom.representative_point()


def terril_footprint(feature: LayerFeature) -> BaseGeometry:
    """Footprint in metres: the polygon, or a disc of the authored radius around the point."""
    metric = to_metric(feature.geometry)
    if metric.geom_type.endswith("Polygon"):
        return metric
    radius = float(feature.props.get("radius_m") or _DEFAULT_TERRIL_RADIUS_M)
    return metric.buffer(radius)


def build_graph(layers: LayerSet, options: BuildOptions | None = None, *, name: str = "réseau",
                progress: ProgressCallback | None = None,
                cancel: CancelCallback | None = None) -> tuple[nx.MultiDiGraph, BuildReport]:
    """Layers → noded, attached, flagged routing graph (see the module docstring)."""
    options = options or BuildOptions()
    task = Task(progress, cancel)
    report = BuildReport(warnings=list(layers.warnings))
    task.step(0.05, "Lecture des lignes…")
    lines = _input_lines(layers, report)
    places = list(layers.of(LayerKind.TERRIL, LayerKind.POLE))
    ruptures = list(layers.of(LayerKind.RUPTURE))
    # places are reached on foot or by bike: never joined to a water line
    links = place_links(places, [line.geometry for line in lines if not line.attrs.get("water")],
                        options.attach_max_m)
    anchors = [Anchor(link.on_line if link.on_line is not None else link.place, 1.0)
               for link in links]
    anchors += [Anchor(to_metric(anchor_point(f)), options.rupture_max_m) for f in ruptures]
    task.step(0.15, "Nœuds aux intersections…")
    noded = node_lines(lines, anchors, tolerance=options.tolerance_m)
    report.warnings.extend(noded.warnings)

    task.step(0.6, "Construction du graphe…")
    graph = _graph_from_segments(noded, name, layers.sources)
    _flag_zones(graph, noded, layers)
    task.step(0.75, "Rattachement des terrils et pôles…")
    _attach_places(graph, noded, places, links, report)
    _mark_ruptures(graph, noded, ruptures, len(places), report)
    report.cavalier_share_largest = largest_component_share(graph)
    if options.liaison_max_m > 0:
        task.step(0.85, "Liaisons entre parties du réseau…")
        _bridge_gaps(graph, noded.nodes, options.liaison_max_m, report)
    report.cavalier_share_largest_linked = largest_component_share(graph)
    report.nodes = graph.number_of_nodes()
    report.edges = graph.number_of_edges()
    report.components = nx.number_weakly_connected_components(graph)
    report.cavalier_km = sum(d["length"] for _, _, d in graph.edges(data=True)
                             if d["cavalier"]) / 2000.0
    task.step(1.0, "Réseau prêt.")
    return graph, report


def _graph_from_segments(noded: NodedLines, name: str, sources: list[str]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(crs="EPSG:4326", name=name, source=";".join(sources))
    lonlat = lonlat_xy(noded.nodes[:, 0], noded.nodes[:, 1])
    used = {n for s in noded.segments for n in (s.u, s.v)}
    for n in sorted(used):
        graph.add_node(n, x=float(lonlat[n, 0]), y=float(lonlat[n, 1]))
    for seg in noded.segments:
        geom = to_lonlat(seg.geometry)
        attrs = {**seg.attrs, "length": geodesic_length_m(geom), "terril": "", "rupture": ""}
        graph.add_edge(seg.u, seg.v, geometry=geom, **attrs)
        graph.add_edge(seg.v, seg.u, geometry=geom.reverse(), **attrs)
    return graph


def _flag_zones(graph: nx.MultiDiGraph, noded: NodedLines, layers: LayerSet) -> None:
    """Edges whose middle lies in a terril footprint or a sensitive zone."""
    zones: list[tuple[BaseGeometry, str, str]] = [
        (terril_footprint(f), "terril", f.ref or f.name) for f in layers.of(LayerKind.TERRIL)
    ]
    zones += [(to_metric(f.geometry), "sensitive", "1") for f in layers.of(LayerKind.SENSITIVE)
              if f.geometry.geom_type.endswith("Polygon")]
    if not zones:
        return
    tree = STRtree([z[0] for z in zones])
    middles = {(s.u, s.v): s.geometry.interpolate(0.5, normalized=True) for s in noded.segments}
    keys = list(middles)
    seg_idx, zone_idx = tree.query(list(middles.values()), predicate="within")
    for si, zi in zip(seg_idx.tolist(), zone_idx.tolist(), strict=True):
        u, v = keys[si]
        _, attr, value = zones[zi]
        for a, b in ((u, v), (v, u)):
            for data in graph[a][b].values():
                data[attr] = True if attr == "sensitive" else value


@dataclass(frozen=True)
class PlaceLink:
    """Where a place joins the lines, in metres: ``place`` is where its node stands (its own point,
    or the point of its outline nearest the line), ``on_line`` the point of the line it joins
    (None: no line within the limit), ``distance`` the straight gap between them (0 when a line
    enters the outline)."""

    place: Point
    on_line: Point | None
    distance: float


def place_links(places: list[LayerFeature], lines: list[LineString],
                max_distance: float) -> list[PlaceLink]:
    """How each place joins the lines (metric): a line entering its outline joins it where the line
    comes closest to its centre; otherwise the nearest point of its outline to the nearest line,
    when that gap is at most ``max_distance``."""
    tree = STRtree(lines)
    links = []
    for feature in places:
        footprint = (terril_footprint(feature) if feature.kind is LayerKind.TERRIL
                     else to_metric(feature.geometry))
        centre = to_metric(anchor_point(feature))
        inside = [lines[int(j)].intersection(footprint)
                  for j in sorted(tree.query(footprint, predicate="intersects").tolist())]
        inside = [g for g in inside if not g.is_empty]
        if inside and footprint.geom_type.endswith("Polygon"):
            point = min((nearest_points(g, centre)[0] for g in inside),
                        key=lambda p: (p.distance(centre), p.x, p.y))
            links.append(PlaceLink(point, point, 0.0))
            continue
        nearest = tree.nearest(footprint)
        if nearest is None:
            links.append(PlaceLink(centre, None, float("inf")))
            continue
        near_place, near_line = nearest_points(footprint, lines[int(nearest)])
        distance = float(near_place.distance(near_line))
        links.append(PlaceLink(near_place, near_line if distance <= max_distance else None,
                               distance))
    return links


def _attach_places(graph: nx.MultiDiGraph, noded: NodedLines, places: list[LayerFeature],
                   links: list[PlaceLink], report: BuildReport) -> None:
    """One node per linked place, joined to its line node by an access edge: a straight spur
    (``surveyed`` False, at most the attach limit), or, when a line enters the place's outline,
    a link of at most the node tolerance along that line (``surveyed`` True)."""
    next_id = max(graph.nodes, default=-1) + 1
    for i, (feature, link) in enumerate(zip(places, links, strict=True)):
        node = noded.anchor_nodes[i]
        if link.on_line is None or node is None or node not in graph:
            report.places_unlinked.append(feature.label)
            report.warnings.append(_unlinked_message(feature, link))
            continue
        target = graph.nodes[node]
        point = to_lonlat(link.place)
        geom = LineString([(point.x, point.y), (target["x"], target["y"])])
        graph.add_node(next_id, x=point.x, y=point.y, place=place_key(feature),
                       kind=feature.kind.value, label=feature.label)
        height = known_height(feature.props)
        if height is not None:  # kept by saved networks, for the climb estimate without a DEM
            anchor = anchor_point(feature)
            graph.nodes[next_id].update(height_m=height, anchor_x=anchor.x, anchor_y=anchor.y)
        attrs = {**dict.fromkeys(EDGE_FLAGS, False), "access": True,
                 **provenance(SOURCE_ACCESS, surveyed=link.distance == 0),
                 "length": max(geodesic_length_m(geom), 1.0),
                 "terril": feature.ref if feature.kind is LayerKind.TERRIL else "", "rupture": "",
                 "highway": "", "surface": "", "name": f"accès {feature.label}"}
        graph.add_edge(next_id, node, geometry=geom, **attrs)
        graph.add_edge(node, next_id, geometry=geom.reverse(), **attrs)
        next_id += 1
        report.places_linked += 1


def _unlinked_message(feature: LayerFeature, link: PlaceLink) -> str:
    if not np.isfinite(link.distance):
        return f"{feature.label} : aucune ligne dans le réseau, lieu non relié."
    return (f"{feature.label} : la ligne la plus proche est à {link.distance:.0f} m (plus de "
            f"{ACCESS_SPUR_MAX_M:.0f} m en ligne droite) ; lieu non relié au réseau, à rejoindre "
            "par un chemin relevé (trace de reconnaissance ou OpenStreetMap).")


def _mark_ruptures(graph: nx.MultiDiGraph, noded: NodedLines, ruptures: list[LayerFeature],
                   offset: int, report: BuildReport) -> None:
    for i, feature in enumerate(ruptures):
        node = noded.anchor_nodes[offset + i]
        if node is None or node not in graph:
            report.warnings.append(f"Point de rupture « {feature.label} » loin de toute ligne.")
            continue
        ident = feature.ref or feature.name or f"R{i + 1}"
        graph.nodes[node]["rupture"] = ident
        graph.nodes[node]["rupture_label"] = feature.name or ident
        graph.nodes[node]["crossing"] = str(feature.props.get("crossing") or "")
        for u, _, data in graph.in_edges(node, data=True):
            if not data["access"] or graph.nodes[u].get("place") is None:
                data["rupture"] = ident
        report.ruptures_linked += 1


def largest_component_share(graph: nx.MultiDiGraph) -> float:
    """Share of the cavalier length that lies in the largest connected part (by cavalier length)."""
    label: dict[int, int] = {}
    for c, component in enumerate(nx.weakly_connected_components(graph)):
        label.update(dict.fromkeys(component, c))
    lengths: dict[int, float] = {}
    for u, _, data in graph.edges(data=True):
        if data["cavalier"]:
            lengths[label[u]] = lengths.get(label[u], 0.0) + data["length"]
    total = sum(lengths.values())
    return max(lengths.values()) / total if total else 0.0


def _bridge_gaps(graph: nx.MultiDiGraph, metric_nodes: np.ndarray, max_gap: float,
                 report: BuildReport) -> None:
    """Join parts of the network by the shortest links up to ``max_gap`` (a spanning forest)."""
    water = {u for u, _, d in graph.edges(data=True) if d.get("water")}
    nodes = [n for n in graph.nodes if "place" not in graph.nodes[n] and n not in water]
    label: dict[int, int] = {}
    for c, component in enumerate(nx.weakly_connected_components(graph)):
        label.update(dict.fromkeys(component, c))
    xy = metric_nodes[nodes]
    points = shapely.points(xy)
    left, right = STRtree(points).query(points, predicate="dwithin", distance=max_gap)
    candidates = [
        (float(np.hypot(*(xy[a] - xy[b]))), nodes[a], nodes[b])
        for a, b in zip(left.tolist(), right.tolist(), strict=True)
        if a < b and label[nodes[a]] != label[nodes[b]]
    ]
    candidates.sort()
    parts = UnionFind(set(label.values()))
    for d, u, v in candidates:
        if parts[label[u]] == parts[label[v]]:
            continue
        parts.union(label[u], label[v])
        a, b = graph.nodes[u], graph.nodes[v]
        geom = LineString([(a["x"], a["y"]), (b["x"], b["y"])])
        attrs = {**dict.fromkeys(EDGE_FLAGS, False), "liaison": True,
                 **provenance(SOURCE_CONNECTOR),
                 "length": max(geodesic_length_m(geom), 1.0),
                 "terril": "", "rupture": "", "highway": "", "surface": "",
                 "name": "liaison hors données (à vérifier sur place)"}
        graph.add_edge(u, v, geometry=geom, **attrs)
        graph.add_edge(v, u, geometry=geom.reverse(), **attrs)
        report.liaisons += 1
        report.liaison_km += d / 1000.0
