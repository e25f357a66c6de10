"""Route → climb figures and participants' GPX."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_networks import network_with_test_crossings
from layer_factory import at, ladder

from app.route_stats import route_figures
from routes.gpx.importer import import_gpx
from routes.network.model import network_from_layers
from routes.outputs.course import course_track, write_route_gpx
from routes.search.routing import Router


@pytest.fixture
def net():  # type: ignore[no-untyped-def]
    return network_from_layers(ladder(), name="échelle")


def test_climb_is_estimated_from_terril_heights_without_dem(net) -> None:  # type: ignore[no-untyped-def]
    route = Router(net).route(["Base de test", "T074", "Loos-en-Gohelle"], "trail")
    figures = route_figures(net, route)  # the course sheet's
    assert figures.climb_estimated and figures.climb_m is not None
    print(f"estimation : D+ {figures.climb_m:.1f} m, D− {figures.descent_m:.1f} m")
    assert figures.climb_m == pytest.approx(figures.descent_m, rel=0.05)  # up and down T074
    # The course reaches T074's access, 200 m from its summit: part of the cone of its known
    # height (146 m), not all of it (the old route estimate counted the whole terril).
    assert figures.terrils_at_foot == ["T074 (à 200 m du sommet)"]
    assert 20 < figures.climb_m < 146


def test_climb_from_node_elevations(net) -> None:  # type: ignore[no-untyped-def]
    for _node, data in net.graph.nodes(data=True):
        data["elevation"] = 30.0 + (data["x"] - at(0, 0)[0]) * 10_000  # ~70 m per km eastwards
    route = Router(net).route([at(0, 1000), at(3000, 1000)], "trail")
    figures = route_figures(net, route)  # the course sheet's
    assert not figures.climb_estimated and figures.climb_m is not None
    expected = net.graph.nodes[route.nodes[-1]]["elevation"] - net.graph.nodes[
        route.nodes[0]]["elevation"]
    assert figures.climb_m == pytest.approx(expected, rel=0.02)
    assert figures.descent_m == pytest.approx(0, abs=1)
    course = course_track(net, route, "Est")
    assert all(p[2] is not None for p in course.points)


def test_gpx_round_trip_keeps_length_and_course_points(tmp_path: Path) -> None:
    from shared_data import shared_path

    xsd = shared_path("spec", "gpx-1.1.xsd")
    net = network_with_test_crossings()  # fictitious crossings: the default network has none
    route = Router(net).route(["T074", "T075", "9-9bis"], "trail")
    path = write_route_gpx(net, route, tmp_path / "trail.gpx", event="Trail des Pyramides Noires")
    import xmlschema

    xmlschema.XMLSchema(str(xsd)).validate(str(path))
    back = import_gpx(path)
    assert back.length_m == pytest.approx(route.length_m, rel=0.005)
    kinds = [w.type for w in back.waypoints]
    assert kinds.count("Danger") == len(route.ruptures) > 0
    assert back.waypoints[0].name.startswith("Départ")
