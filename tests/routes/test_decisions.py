"""Decisions along a course on a network with a known junction layout (junction_scene)."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest
from junction_scene import HALF, MARATHON, NODES, course, junction_network, lonlat
from shapely import LineString

from routes.network.model import Network
from routes.network.places import Gazetteer
from routes.outputs.decisions import TURN_TEXT, course_decisions
from routes.outputs.stats import RouteLine


def _km_at(geometry: list[tuple[float, ...]], index: int) -> float:
    """Geodesic metres to the ``index``-th vertex: the course sheet's axis."""
    return RouteLine(geometry[: index + 1]).length_m if index else 0.0


def _along(*names: str) -> float:
    return sum(math.dist(NODES[a], NODES[b]) for a, b in itertools.pairwise(names))


@pytest.fixture(scope="module")
def network():  # type: ignore[no-untyped-def]
    return junction_network()


def test_marathon_decisions_are_exactly_the_expected_ones(network) -> None:  # type: ignore[no-untyped-def]
    found = course_decisions(network, course(*MARATHON), name="Marathon")
    got = [(d.turn, d.reason) for d in found.decisions]
    assert got == [("straight", "carrefour"),  # N2: crossroads; N1's side path is no cue
                   ("left", "virage"),  # N3: the T, from its top bar, north
                   ("right", "fourche"),  # N4: the Y at 30°, right branch
                   ("u_turn", "demi-tour"),  # D: end of the out-and-back
                   ("left", "virage")]  # N5 on the way back: onto the Voie Verte
    expected_m = [_along("S", "N1", "N2"), _along("S", "N1", "N2", "N3"),
                  _along("S", "N1", "N2", "N3") + 12.0 + 290.0,
                  _along(*MARATHON[:7]) + 12.0 - 10.0, _along(*MARATHON[:8]) + 2.0]
    for decision, metres in zip(found.decisions, expected_m, strict=True):
        assert decision.distance_m == pytest.approx(metres, abs=3.0)
    names = [d.way_name for d in found.decisions]
    assert names == ["Cavalier de Loos", "Chemin des Terrils", "Sentier de droite",
                     "Impasse du Terril", "Voie Verte"]
    assert [d.text for d in found.decisions] == ["tout droit", "à gauche", "à droite",
                                                  "demi-tour", "à gauche"]
    t_junction = found.decisions[1]
    # measured over 25 m, the 2 m jog east at the start of the way north does not count
    assert t_junction.angle_deg == pytest.approx(-90.0, abs=6.0)
    assert found.decisions[2].angle_deg == pytest.approx(15.0, abs=1.0)
    assert {w.role for w in t_junction.ways} == {"arrival", "taken", "other"}
    assert found.length_m == pytest.approx(_km_at(course(*MARATHON), len(course(*MARATHON)) - 1))


def test_out_and_back_section_has_both_passages(network) -> None:  # type: ignore[no-untyped-def]
    found = course_decisions(network, course(*MARATHON), name="Marathon")
    (section,) = [s for s in found.sections if s.kind == "out_and_back"]
    outward, back = section.passages
    assert not outward.reverse and back.reverse
    assert outward.start_m == pytest.approx(_along(*MARATHON[:6]) + 12.0 - 10.0, abs=3.0)
    assert outward.end_m == pytest.approx(back.start_m)
    assert back.end_m - back.start_m == pytest.approx(150.0, abs=2.0)


def test_other_format_parts_at_the_t(network) -> None:  # type: ignore[no-untyped-def]
    found = course_decisions(network, course(*MARATHON), name="Marathon",
                             others={"21 km": course(*HALF)})
    t_junction = found.decisions[1]
    (passage,) = t_junction.others
    assert passage.format_name == "21 km"
    assert passage.turn == "right" and passage.parts and passage.direction == "same"
    assert passage.distance_m == pytest.approx(_along("S", "N1", "N2", "N3"), abs=1.0)
    (shared,) = [s for s in found.sections if s.kind == "shared"]
    assert shared.passages[0].start_m == 0.0
    assert shared.passages[0].end_m == pytest.approx(900.0, abs=2.0)
    assert not shared.passages[1].reverse
    half = course_decisions(network, course(*HALF), name="21 km",
                            others={"Marathon": course(*MARATHON)})
    assert [(d.turn, TURN_TEXT[d.turn]) for d in half.decisions] == [
        ("straight", "tout droit"), ("right", "à droite")]


def test_junctions_closer_than_30_m_merge(network) -> None:  # type: ignore[no-untyped-def]
    # an offset crossroads: right onto a street, 20 m later left off it
    points = {0: (0, 0), 1: (200, 0), 2: (400, 0), 3: (200, -20), 4: (200, -200),
              5: (220, -20), 6: (420, -20), 7: (200, 200)}
    graph = nx.MultiDiGraph()
    for n, (x, y) in points.items():
        graph.add_node(n, x=lonlat(x, y)[0], y=lonlat(x, y)[1])
    for a, b in [(0, 1), (1, 2), (1, 3), (3, 4), (3, 5), (5, 6), (1, 7)]:
        geom = LineString([lonlat(*points[a]), lonlat(*points[b])])
        attrs = {"name": f"voie {a}-{b}", "surveyed": True,
                 "length": math.dist(points[a], points[b])}
        graph.add_edge(a, b, geometry=geom, **attrs)
        graph.add_edge(b, a, geometry=geom.reverse(), **attrs)
    geometry = [lonlat(*points[n]) for n in (0, 1, 3, 5, 6)]
    found = course_decisions(Network(graph, Gazetteer(), "décalé"), geometry)
    (decision,) = found.decisions
    assert decision.instruction == "à droite puis à gauche"
    assert decision.merged == (3,)
    assert decision.distance_m == pytest.approx(200.0, abs=1.0)


def test_no_network_nodes_means_no_decision(network) -> None:  # type: ignore[no-untyped-def]
    geometry = [(3.5, 50.0), (3.51, 50.0)]
    found = course_decisions(network, geometry)
    assert found.decisions == () and found.sections == ()


def test_a_way_another_format_takes_misleads(network) -> None:  # type: ignore[no-untyped-def]
    """N1's side path alone gives no cue; once the 10 km turns there, the marathon's runners
    see its arrows: « tout droit » for them, and the 10 km parts there."""
    found = course_decisions(network, course(*MARATHON), name="Marathon",
                             others={"10 km": course("S", "N1", "N1n")})
    first = found.decisions[0]
    assert (first.turn, first.reason) == ("straight", "autre format")
    assert first.distance_m == pytest.approx(300.0, abs=1.0)
    (passage,) = first.others
    assert passage.parts and passage.turn == "left"
    (side,) = [w for w in first.ways if w.role == "other" and w.other_formats]
    assert side.other_formats == ("10 km",) and side.name == "Chemin du Marais"
    # the unsurveyed access spur south of N1 is no way on the ground: not drawn, not counted
    assert all(w.name != "accès Pôle" for w in first.ways)
