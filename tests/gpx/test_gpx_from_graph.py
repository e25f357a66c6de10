"""Courses built from a path on a contract graph: elevation, start/finish, marshal posts."""

from __future__ import annotations

import pytest
from gpx_helpers import grid_graph

from routes.gpx.errors import GpxError
from routes.gpx.from_graph import course_from_edges
from routes.gpx.geo import path_length
from routes.gpx.model import GpxMeta
from routes.gpx.reader import parse_gpx
from routes.gpx.writer import gpx_xml


def test_course_follows_edges_with_elevation_and_marshals() -> None:
    g = grid_graph(4, 200.0)
    g.nodes[1]["rupture"] = "R1"  # a road crossing at node 1
    g[5][6][0]["rupture"] = "R2"  # a crossing in the middle of an edge
    edges = [(0, 1, 0), (1, 5, 0), (5, 6, 0)]
    course = course_from_edges(g, edges, "Boucle")
    assert path_length([(p[0], p[1]) for p in course.points]) == pytest.approx(600.0, rel=0.01)
    assert course.points[0][2] == 20.0 and course.points[-1][2] == 21.0
    kinds = [(wp.kind, wp.name) for wp in course.waypoints]
    assert kinds == [("depart", "Départ"), ("arrivee", "Arrivée"),
                     ("signaleur", "Signaleur — R1"), ("signaleur", "Signaleur — R2")]
    doc = parse_gpx(gpx_xml([course], GpxMeta("E")).encode())
    assert [wp.sym for wp in doc.waypoints][-1] == "Danger Area"


def test_unknown_edge_and_empty_path_are_errors() -> None:
    g = grid_graph(3)
    with pytest.raises(GpxError, match="n'existe pas"):
        course_from_edges(g, [(0, 8, 0)], "X")
    with pytest.raises(GpxError, match="vide"):
        course_from_edges(g, [], "X")
