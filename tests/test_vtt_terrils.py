"""Loop search inside a terril footprint finds 5–7 km loops that never leave the terril.

The trails are a SYNTHETIC fixture (``tests/data/synthetic_vtt``: invented ring-and-switchback
webs on the six Challenge VTT XC terrils, disc footprints), searched the way
``cavalier loop --profile vtt --within-terril`` does it. The real default network has no trail
webs on terrils: they come from OpenStreetMap or recce tracks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import shapely
from shapely.geometry.base import BaseGeometry

from routes.courses.loops import Loop, find_loops
from routes.geodesy import to_metric
from routes.network.model import Network, load_network
from routes.search.engine import RoutingEngine
from routes.search.profiles import get_profile

CHALLENGE_VTT_TERRILS = ("T074", "T075", "T101", "T116", "T144", "T171")
TARGET_M = 6000.0
TOLERANCE = 0.02
MAX_REUSE = 0.05
FOOTPRINT_BUFFER_M = 10.0
SYNTHETIC_VTT = Path(__file__).parent / "data" / "synthetic_vtt"


@cache
def network() -> Network:
    return load_network(layers=[SYNTHETIC_VTT])


@cache
def engine() -> RoutingEngine:
    return RoutingEngine(network().graph, get_profile("vtt"))


def _footprint(ref: str) -> BaseGeometry:
    place = network().places.resolve(ref)
    assert place.kind == "terril" and place.footprint is not None
    return place.footprint


def _loops(ref: str) -> list[Loop]:
    place = network().places.resolve(ref)
    start = network().node_of(place)
    return find_loops(engine(), start, TARGET_M, tolerance=TOLERANCE, max_reuse=MAX_REUSE,
                      area=_footprint(ref), count=3)


@pytest.mark.parametrize("ref", CHALLENGE_VTT_TERRILS)
def test_six_km_vtt_loop_stays_on_the_terril(ref: str) -> None:
    loops = _loops(ref)
    assert loops, f"{ref}: aucune boucle"
    best = loops[0]
    assert abs(best.length_error) <= TOLERANCE, f"{ref}: {best.length_m:.0f} m"
    assert best.reused_m <= MAX_REUSE * best.length_m, f"{ref}: {best.reused_m:.0f} m repris"
    zone = to_metric(_footprint(ref)).buffer(FOOTPRINT_BUFFER_M)
    graph = network().graph
    edges = [graph.edges[u, v, k] for u, v, k in
             zip(best.path.nodes[:-1], best.path.nodes[1:], best.path.keys, strict=True)]
    assert sum(e["length"] for e in edges) == pytest.approx(best.length_m, rel=1e-6)
    track = shapely.line_merge(shapely.union_all([to_metric(e["geometry"]) for e in edges]))
    outside = track.difference(zone).length
    assert outside == 0.0, f"{ref}: {outside:.0f} m hors de l'emprise"
