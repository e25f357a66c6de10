"""Recce tracks become network: merged centrelines noded into an existing routing graph.

The centrelines of :mod:`routes.recce.merge` are first noded among themselves (:func:`node_lines`,
with
a node wherever they cross an existing edge). Every node of theirs within the junction tolerance of
an existing surveyed edge becomes a junction: the existing end node when it is that close, else a
new node splitting the edge (both directions, attributes kept, only the piece entering the original
end keeps its rupture mark). Connectors and access spurs are never junctions: nobody surveyed them.

New edges carry ``**provenance(SOURCE_TRACK)`` (surveyed), ``track`` (the pass names) and
``track_file`` (the GPX file names); ``terril`` is set when their middle lies in a terril footprint,
``sensitive`` when it runs 10 m or more in a sensitive zone of the network's layers (if known).
Terril footprints are also written on the place nodes (``footprint``, WKT) so a saved network
keeps the real outline ``--within-terril`` needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import shapely
from shapely import LineString, Point, STRtree
from shapely.ops import substring

from routes.frenchfmt import number
from routes.geodesy import geodesic_length_m, lonlat_xy, to_lonlat, to_metric
from routes.network.builder import EDGE_FLAGS
from routes.network.layers import LayerKind
from routes.network.model import Network
from routes.network.noding import Anchor, InputLine, node_lines
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.provenance import SOURCE_TRACK, is_surveyed, provenance
from routes.recce.merge import Centreline, read_and_merge

JUNCTION_M = 15.0
#: A junction this close to an existing edge's end uses that end node instead of splitting.
END_SNAP_M = 5.0
_SAME_CUT_M = 1.0
#: A track edge running this far inside a sensitive zone is flagged (the whole edge).
_SENSITIVE_MIN_M = 10.0


@dataclass
class TrackImportReport:
    files: int = 0
    tracks: int = 0
    points: int = 0
    passes: int = 0
    passes_merged: int = 0  # passes that share a centreline with another pass
    duplicates: int = 0
    spikes: int = 0
    pauses: int = 0
    centrelines: int = 0
    kept_m: float = 0.0
    junctions: int = 0
    edges_split: int = 0
    new_edges: int = 0
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report in French, one line per fact."""
        km = number(self.kept_m / 1000, 2)
        return [
            f"Fichiers lus : {self.files} ({self.tracks} trace(s), {self.points} points)",
            f"Passages : {self.passes}, dont {self.passes_merged} fusionné(s) avec un autre "
            f"passage sur le même chemin",
            f"Retirés au nettoyage : {self.spikes} saut(s) GPS, {self.duplicates} point(s) "
            f"en double, {self.pauses} pause(s)",
            f"Chemins relevés gardés : {self.centrelines} ({km} km)",
            f"Jonctions avec le réseau : {self.junctions} ({self.edges_split} tronçon(s) "
            f"coupé(s)) — {self.new_edges} nouveau(x) tronçon(s)",
            *self.warnings,
        ]


@dataclass
class _Existing:
    keys: list[tuple[int, int, int]]  # one directed edge (u, v, key) per undirected edge
    lines: list[LineString]  # metres, from u to v
    tree: STRtree


def _existing_edges(graph: nx.MultiDiGraph, near: shapely.Geometry) -> _Existing:
    """Surveyed edges whose geometry meets ``near`` (lon/lat): only those can get a junction."""
    keys: list[tuple[int, int, int]] = []
    geoms: list[LineString] = []
    for u, v, k, data in graph.edges(keys=True, data=True):
        if u > v or u == v or not is_surveyed(data) or not isinstance(data.get("geometry"),
                                                                     LineString):
            continue
        keys.append((u, v, k))
        geoms.append(data["geometry"])
    if geoms:
        hit = np.flatnonzero(shapely.intersects(near, np.array(geoms, dtype=object)))
        keys = [keys[i] for i in hit.tolist()]
        geoms = [geoms[i] for i in hit.tolist()]
    lines = list(to_metric(shapely.GeometryCollection(geoms)).geoms) if geoms else []
    return _Existing(keys, lines, STRtree(lines))


def _crossings(lines: Sequence[LineString], existing: _Existing) -> list[Anchor]:
    """A node on the track wherever it crosses an existing edge."""
    anchors: list[Anchor] = []
    for line in lines:
        for j in existing.tree.query(line, predicate="intersects").tolist():
            hit = line.intersection(existing.lines[j])
            for point in shapely.get_parts(hit).tolist():
                if isinstance(point, Point):
                    anchors.append(Anchor(point, 1.0))
    return anchors


@dataclass
class _Junctions:
    """Where each track node lands on the network."""

    node_of: dict[int, int] = field(default_factory=dict)  # track node → graph node
    cuts: dict[int, list[tuple[float, int]]] = field(default_factory=lambda: defaultdict(list))


def _plan_junctions(nodes: np.ndarray, used: set[int], existing: _Existing,
                    next_id: int) -> tuple[_Junctions, int]:
    plan = _Junctions()
    for n in sorted(used):
        point = Point(nodes[n])
        j = existing.tree.nearest(point)
        if j is None or existing.lines[int(j)].distance(point) > JUNCTION_M:
            continue
        j = int(j)
        line = existing.lines[j]
        at = line.project(point)
        u, v, _ = existing.keys[j]
        if at <= END_SNAP_M:
            plan.node_of[n] = u
        elif at >= line.length - END_SNAP_M:
            plan.node_of[n] = v
        else:
            for other_at, node in plan.cuts[j]:
                if abs(other_at - at) <= _SAME_CUT_M:
                    plan.node_of[n] = node
                    break
            else:
                plan.cuts[j].append((at, next_id))
                plan.node_of[n] = next_id
                next_id += 1
    return plan, next_id


def _split_edges(graph: nx.MultiDiGraph, existing: _Existing, plan: _Junctions) -> int:
    """Split the existing edges at the planned cuts (both directions)."""
    for j, cuts in plan.cuts.items():
        u, v, k = existing.keys[j]
        data = graph[u][v][k]
        line = existing.lines[j]
        cuts.sort()
        for at, node in cuts:
            lon, lat = to_lonlat(line.interpolate(at)).coords[0]
            graph.add_node(node, x=float(lon), y=float(lat))
        stations = [0.0, *(at for at, _ in cuts), line.length]
        chain = [u, *(node for _, node in cuts), v]
        reverse = _reverse_key(graph, u, v, data)
        back = dict(graph[v][u][reverse]) if reverse is not None else None
        graph.remove_edge(u, v, k)
        if reverse is not None:
            graph.remove_edge(v, u, reverse)
        for index in range(len(chain) - 1):
            a, b = chain[index], chain[index + 1]
            piece = to_lonlat(substring(line, stations[index], stations[index + 1]))
            ends = [(graph.nodes[n]["x"], graph.nodes[n]["y"]) for n in (a, b)]
            coords = [ends[0], *list(piece.coords)[1:-1], ends[1]]
            geom = LineString(coords)
            length = max(geodesic_length_m(geom), 0.1)
            forward = {**data, "geometry": geom, "length": length}
            if index < len(chain) - 2:
                forward["rupture"] = ""
            graph.add_edge(a, b, **forward)
            if back is not None:
                backward = {**back, "geometry": geom.reverse(), "length": length}
                if index > 0:
                    backward["rupture"] = ""
                graph.add_edge(b, a, **backward)
    return len(plan.cuts)


def _reverse_key(graph: nx.MultiDiGraph, u: int, v: int, data: dict[str, Any]) -> int | None:
    if not graph.has_edge(v, u):
        return None
    length = float(data.get("length", 0.0))
    for key, other in graph[v][u].items():
        if abs(float(other.get("length", 0.0)) - length) < 1e-6:
            return int(key)
    return None


def _terril_of(middle: Point, footprints: list[tuple[str, Any]]) -> str:
    for key, footprint in footprints:
        if footprint.covers(middle):
            return key
    return ""


def keep_footprints(network: Network) -> None:
    """Write each terril's footprint (WKT, lon/lat) on its place node, for saved networks."""
    graph = network.graph
    for place in network.places.places:
        if (place.kind == "terril" and place.footprint is not None and place.node is not None
                and place.node in graph and "footprint" not in graph.nodes[place.node]):
            graph.nodes[place.node]["footprint"] = shapely.to_wkt(place.footprint,
                                                                  rounding_precision=7)


def add_centrelines(network: Network, centrelines: Sequence[Centreline],
                    report: TrackImportReport) -> Network:
    """A new network: ``network`` plus the centrelines, noded and flagged surveyed."""
    graph = network.graph.copy()
    lines = [c.geometry for c in centrelines]
    reach = to_lonlat(shapely.MultiLineString(lines).buffer(2 * JUNCTION_M).envelope)
    existing = _existing_edges(graph, reach)
    inputs = [InputLine(c.geometry, {"index": i}) for i, c in enumerate(centrelines)]
    # node_lines' own warnings (tiny pieces merged) are about its internals, not the user's data
    noded = node_lines(inputs, _crossings(lines, existing), tolerance=JUNCTION_M)
    used = {n for s in noded.segments for n in (s.u, s.v)}
    next_id = max((int(n) for n in graph.nodes), default=-1) + 1
    plan, next_id = _plan_junctions(noded.nodes, used, existing, next_id)
    report.edges_split = _split_edges(graph, existing, plan)
    report.junctions = len(set(plan.node_of.values()))
    lonlat = lonlat_xy(noded.nodes[:, 0], noded.nodes[:, 1])
    for n in sorted(used):
        if n not in plan.node_of:
            plan.node_of[n] = next_id
            graph.add_node(next_id, x=float(lonlat[n, 0]), y=float(lonlat[n, 1]))
            next_id += 1
    footprints = [(p.key, p.footprint) for p in network.places.places
                  if p.kind == "terril" and p.footprint is not None]
    sensitive = [to_metric(f.geometry) for f in (network.layers.of(LayerKind.SENSITIVE)
                                                 if network.layers else ())
                 if f.geometry.geom_type.endswith("Polygon")]
    for segment in noded.segments:
        a, b = plan.node_of[segment.u], plan.node_of[segment.v]
        if a == b:
            continue
        centre = centrelines[int(segment.attrs["index"])]
        inner = list(to_lonlat(segment.geometry).coords)[1:-1]
        ends = [(graph.nodes[n]["x"], graph.nodes[n]["y"]) for n in (a, b)]
        geom = LineString([ends[0], *inner, ends[1]])
        attrs: dict[str, Any] = {
            **dict.fromkeys(EDGE_FLAGS, False), **provenance(SOURCE_TRACK),
            # a recorded trail costs what a path costs ("autre" would rank it below any track)
            "length": max(geodesic_length_m(geom), 0.1), "rupture": "", "highway": "path",
            "surface": "", "name": f"trace relevée {', '.join(centre.names)}",
            "track": ", ".join(centre.names), "track_file": ", ".join(centre.sources),
            "terril": _terril_of(geom.interpolate(0.5, normalized=True), footprints),
        }
        if any(segment.geometry.intersection(zone).length >= _SENSITIVE_MIN_M
               for zone in sensitive):
            attrs["sensitive"] = True
        graph.add_edge(a, b, geometry=geom, **attrs)
        graph.add_edge(b, a, **{**attrs, "geometry": geom.reverse()})
        report.new_edges += 1
    result = Network(graph, network.places, network.name, network.layers, network.report)
    keep_footprints(result)
    return result


def add_tracks(network: Network, paths: Sequence[str | Path], *,
               progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> tuple[Network, TrackImportReport]:
    """Read, clean and merge recce tracks, then node them into ``network`` (a new network)."""
    task = Task(progress, cancel)
    centrelines, cleaning, passes = read_and_merge(paths, progress=progress, cancel=cancel)
    report = TrackImportReport(
        files=cleaning.files, tracks=cleaning.tracks, points=cleaning.points, passes=passes,
        passes_merged=sum(c.passes for c in centrelines if c.passes > 1),
        duplicates=cleaning.duplicates, spikes=cleaning.spikes, pauses=cleaning.pauses,
        centrelines=len(centrelines),
        kept_m=sum(geodesic_length_m(to_lonlat(c.geometry)) for c in centrelines),
        warnings=list(cleaning.warnings))
    task.step(0.7, "Jonctions avec le réseau…")
    result = add_centrelines(network, centrelines, report)
    task.step(1.0, f"{report.new_edges} tronçon(s) relevé(s) ajouté(s).")
    return result, report
