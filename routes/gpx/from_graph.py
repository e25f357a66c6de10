"""Courses straight from a path on the routing graph (for ``route/loop/race --gpx``).

Elevation comes from the nodes' "elevation" and the edges' "elevations" (samples every 25 m, which
also become track points so a summit on a straight edge is in the file); either every point has
an elevation or none has (a GPS shows a broken profile otherwise). A marshal
post (signaleur) is placed at every rupture point the path crosses, plus start and finish.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import networkx as nx
import numpy as np

from routes.gpx.errors import GpxError
from routes.gpx.geo import segment_lengths
from routes.gpx.model import CourseTrack, CourseWaypoint, Point

EdgeRef = tuple[int, int, Any]


def course_from_edges(
    graph: nx.MultiDiGraph, edges: Sequence[EdgeRef], name: str, *,
    waypoints: Sequence[CourseWaypoint] = (), description: str = "",
    start_time: datetime | None = None, start_finish: bool = True, marshals: bool = True,
) -> CourseTrack:
    """The course along ``edges`` (each (u, v, key) of ``graph``, in travel order)."""
    if not edges:
        raise GpxError(f"{name} : parcours vide, rien à exporter.")
    points: list[Point] = []
    for u, v, key in edges:
        data = graph.get_edge_data(u, v, key)
        if data is None:
            raise GpxError(f"{name} : le tronçon {u}→{v} n'existe pas dans le réseau.")
        for point in _edge_points(graph, u, v, data):
            if not points or points[-1][:2] != point[:2]:
                points.append(point)
    if len(points) < 2:
        raise GpxError(f"{name} : parcours de longueur nulle.")
    if any(p[2] is None for p in points):
        points = [(lat, lon, None) for lat, lon, _ in points]
    extra: list[CourseWaypoint] = []
    if start_finish:
        first, last = points[0], points[-1]
        extra.append(CourseWaypoint("Départ", first[0], first[1], "depart", first[2]))
        extra.append(CourseWaypoint("Arrivée", last[0], last[1], "arrivee", last[2]))
    if marshals:
        extra += _marshal_posts(graph, edges)
    return CourseTrack(name, points, [*extra, *waypoints], description, start_time)


def _edge_points(graph: nx.MultiDiGraph, u: int, v: int, data: dict[str, Any]) -> list[Point]:
    nu, nv = graph.nodes[u], graph.nodes[v]
    geometry = data.get("geometry")
    coords = (list(geometry.coords) if geometry is not None
              else [(nu["x"], nu["y"]), (nv["x"], nv["y"])])
    lats = [c[1] for c in coords]
    lons = [c[0] for c in coords]
    eu, ev = nu.get("elevation"), nv.get("elevation")
    if eu is None or ev is None:
        return [(lat, lon, None) for lat, lon in zip(lats, lons, strict=True)]
    cum = np.concatenate([[0.0], np.cumsum(segment_lengths(lats, lons))])
    share = cum / cum[-1] if cum[-1] > 0 else np.zeros_like(cum)
    inner = list(data.get("elevations") or ())
    if inner and geometry is not None and cum[-1] > 0:
        # Samples were taken at equal planar fractions of the geometry (see routes.elevation).
        planar = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(lons), np.diff(lats)))])
        sample_share = np.arange(1, len(inner) + 1) / (len(inner) + 1)
        positions = np.concatenate([planar / planar[-1], sample_share])
        order = np.argsort(positions, kind="stable")
        lons = list(np.interp(positions, planar / planar[-1], lons)[order])
        lats = list(np.interp(positions, planar / planar[-1], lats)[order])
        at = np.concatenate([[0.0], sample_share, [1.0]])
        known = np.concatenate([[float(eu)], inner, [float(ev)]])
        eles = np.interp(positions[order], at, known)
    else:
        eles = float(eu) + (float(ev) - float(eu)) * share
    return [(lat, lon, round(float(e), 1)) for lat, lon, e in zip(lats, lons, eles, strict=True)]


def _marshal_posts(graph: nx.MultiDiGraph, edges: Sequence[EdgeRef]) -> list[CourseWaypoint]:
    posts: list[CourseWaypoint] = []
    seen: set[str] = set()
    nodes = [edges[0][0], *(v for _u, v, _k in edges)]
    for node in nodes:
        rupture = str(graph.nodes[node].get("rupture") or "")
        if rupture and rupture not in seen:
            seen.add(rupture)
            attrs = graph.nodes[node]
            label = attrs.get("rupture_label") or rupture
            posts.append(CourseWaypoint(f"Signaleur — {label}", attrs["y"], attrs["x"],
                                        "signaleur", attrs.get("elevation"),
                                        str(attrs.get("crossing") or "")))
    for u, v, key in edges:
        data = graph.get_edge_data(u, v, key) or {}
        rupture = str(data.get("rupture") or "")
        if rupture and rupture not in seen:
            seen.add(rupture)
            geometry = data.get("geometry")
            if geometry is not None:
                mid = geometry.interpolate(0.5, normalized=True)
                lat, lon = mid.y, mid.x
            else:
                lat = (graph.nodes[u]["y"] + graph.nodes[v]["y"]) / 2
                lon = (graph.nodes[u]["x"] + graph.nodes[v]["x"]) / 2
            posts.append(CourseWaypoint(f"Signaleur — {rupture}", lat, lon, "signaleur"))
    return posts
