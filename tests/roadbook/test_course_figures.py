"""routes.outputs.stats (what the course sheet is built from) on small hand-made networks:
communes, named ways, geodesic km-marks, cumulative climb, crossings passed twice."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from app.sheet.posts import crossings_on
from routes.elevation.climb import climb, cumulative_climb
from routes.geodesy import haversine_m
from routes.network.layers import LayerFeature, LayerKind, LayerSet
from routes.network.model import Network
from routes.network.places import Gazetteer, Place
from routes.outputs.stats import (
    METHOD_CENTRES,
    METHOD_POLYGONS,
    SOURCE_NODES,
    RouteLine,
    communes_crossed,
    elevation_trace,
    roads_used,
)

LAT = 50.43
# A straight east-west line, 0.1° of longitude (~7.1 km at this latitude), four nodes.
LONS = [2.80, 2.83, 2.86, 2.90]
COMMUNE_TOLERANCE = 110.0  # one commune sample (100 m)


@dataclass(frozen=True)
class Point2:
    label: str
    lon: float
    lat: float


def _graph(names: list[str], elevations: list[float] | None = None) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(crs="EPSG:4326", name="test", source="test")
    for i, lon in enumerate(LONS):
        graph.add_node(i, x=lon, y=LAT)
        if elevations is not None:
            graph.nodes[i]["elevation"] = elevations[i]
    for i, name in enumerate(names):
        line = LineString([(LONS[i], LAT), (LONS[i + 1], LAT)])
        length = haversine_m(LONS[i], LAT, LONS[i + 1], LAT)
        graph.add_edge(i, i + 1, length=length, geometry=line, name=name, highway="")
        graph.add_edge(i + 1, i, length=length, geometry=line.reverse(), name=name, highway="")
    return graph


def _coords() -> list[tuple[float, float]]:
    return [(lon, LAT) for lon in LONS]


def test_polygons_give_communes_in_order_with_boundaries() -> None:
    layers = LayerSet([
        LayerFeature(LayerKind.COMMUNE, box(2.79, 50.40, 2.845, 50.46), name="Ouest"),
        LayerFeature(LayerKind.COMMUNE, box(2.845, 50.40, 2.95, 50.46), name="Est"),
    ])
    network = Network(_graph(["A", "A", "B"]), Gazetteer(), "test", layers)
    line = RouteLine(_coords())
    communes, method = communes_crossed(network, line)
    assert method == METHOD_POLYGONS
    assert [s.name for s in communes] == ["Ouest", "Est"]
    boundary = haversine_m(2.80, LAT, 2.845, LAT)
    assert communes[0].end_m == pytest.approx(boundary, abs=COMMUNE_TOLERANCE)
    assert communes[-1].end_m == pytest.approx(line.length_m)


def test_nearest_centre_is_the_fallback() -> None:
    places = Gazetteer([Place("commune:1", "Ouest", "commune", 2.80, 50.44),
                        Place("commune:2", "Est", "commune", 2.90, 50.44)])
    network = Network(_graph(["A", "A", "B"]), places, "test", None)
    communes, method = communes_crossed(network, RouteLine(_coords()))
    assert method == METHOD_CENTRES
    assert [s.name for s in communes] == ["Ouest", "Est"]
    middle = haversine_m(2.80, LAT, 2.85, LAT)
    assert communes[0].end_m == pytest.approx(middle, abs=COMMUNE_TOLERANCE)


def test_named_ways_are_merged_runs_in_order() -> None:
    network = Network(_graph(["Cavalier A", "Cavalier A", "Véloroute"]), Gazetteer(), "t", None)
    roads = roads_used(network, RouteLine(_coords()))
    assert list(dict.fromkeys(s.name for s in roads)) == ["Cavalier A", "Véloroute"]
    first = roads[0]
    assert first.end_m == pytest.approx(haversine_m(2.80, LAT, 2.86, LAT), abs=30)


def test_marks_are_geodesic_km_with_offsets() -> None:
    geodesic = sum(haversine_m(a, LAT, b, LAT) for a, b in itertools.pairwise(LONS))
    aid = Point2("Ravitaillement", 2.86, LAT + 0.001)  # ~111 m north of the third node
    line = RouteLine(_coords())
    assert line.length_m == pytest.approx(geodesic, rel=0.005)
    along, offset = line.locate(aid.lon, aid.lat)
    assert along == pytest.approx(haversine_m(2.80, LAT, 2.86, LAT), rel=0.005)
    assert offset == pytest.approx(111, abs=3)


def test_node_elevations_give_a_measured_profile_and_climb_so_far() -> None:
    network = Network(_graph(["A", "A", "A"], [40.0, 90.0, 60.0, 120.0]), Gazetteer(), "t")
    top = Point2("Sommet", 2.83, LAT)
    line = RouteLine(_coords())
    trace = elevation_trace(network, line)
    assert not trace.is_estimate and trace.source == SOURCE_NODES
    up = cumulative_climb(trace.elevations_m)
    assert up[-1] == pytest.approx(50 + 60, abs=2)
    assert cumulative_climb(trace.elevations_m[::-1])[-1] == pytest.approx(30, abs=2)
    at = line.locate(top.lon, top.lat)[0]
    assert float(np.interp(at, trace.distances_m, up)) == pytest.approx(50, abs=2)


def test_without_elevation_the_profile_is_an_estimate_from_terril_heights() -> None:
    terril = LayerFeature(LayerKind.TERRIL, Point(2.83, LAT), ref="T999", name="Essai",
                          props={"summit_alt_m": 140.0, "height_m": None, "radius_m": 300})
    network = Network(_graph(["A", "A", "A"]), Gazetteer(), "t", LayerSet([terril]))
    trace = elevation_trace(network, RouteLine(_coords()))
    assert trace.is_estimate
    assert float(np.max(trace.elevations_m)) == pytest.approx(100, abs=3)
    assert cumulative_climb(trace.elevations_m)[-1] == pytest.approx(100, abs=5)


def test_cumulative_climb_ends_on_the_climb_module_total() -> None:
    rng = np.random.default_rng(3)
    heights = np.cumsum(rng.normal(0, 2, 800)) + 50
    running = cumulative_climb(heights)
    assert np.all(np.diff(running) >= 0)
    assert running[-1] == pytest.approx(climb(heights)[0])


def test_a_road_crossed_twice_is_marked_at_both_passes() -> None:
    graph = _graph(["A", "A", "A"])
    graph.nodes[2]["rupture"] = "R1"
    graph.nodes[2]["rupture_label"] = "Traversée de la RN47"
    graph.nodes[2]["crossing"] = "route"
    network = Network(graph, Gazetteer(), "t")
    there_and_back = RouteLine([*_coords(), *reversed(_coords()[:-1])])
    first, second = (c.distance_m for c in crossings_on(network, there_and_back, lambda _: ""))
    assert first == pytest.approx(haversine_m(2.80, LAT, 2.86, LAT), rel=0.005)
    assert second == pytest.approx(there_and_back.length_m - first, rel=0.005)
