"""Map matching on hand-built contract graphs and on the real EuroVelo 5 tracks."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import networkx as nx
import pytest
from gpx_helpers import LAT0, LON0, grid_graph, offset
from shared_data import shared_path

from routes.errors import CavalierError
from routes.gpx.errors import GpxError
from routes.gpx.geo import path_length
from routes.gpx.importer import import_gpx
from routes.gpx.network_index import NetworkIndex
from routes.gpx.snap import SnapOptions, snap_track
from routes.network.model import load_network


def _walk(legs: list[tuple[float, float, float, float]], noise_m: float, seed: int = 7
          ) -> list[tuple[float, float]]:
    """Noisy points every 10 m along straight legs given in metres east/north of the grid origin."""
    rng = random.Random(seed)
    pts = []
    for x0, y0, x1, y1 in legs:
        steps = int(max(abs(x1 - x0), abs(y1 - y0)) / 10)
        for k in range(steps):
            x = x0 + (x1 - x0) * k / steps + rng.gauss(0, noise_m)
            y = y0 + (y1 - y0) * k / steps + rng.gauss(0, noise_m)
            pts.append(offset(LAT0, LON0, x, y))
    return pts


def _is_walk(edges: list[tuple[int, int, object]], graph: nx.MultiDiGraph) -> bool:
    return all(graph.has_edge(u, v, k) for u, v, k in edges) and all(
        a[1] == b[0] for a, b in itertools.pairwise(edges))


def test_noisy_track_follows_the_right_streets() -> None:
    g = grid_graph(6, 200.0)
    # east along row 0 to column 3, north to row 4, east to the last column
    pts = _walk([(0, 0, 600, 0), (600, 0, 600, 800), (600, 800, 1000, 800)], noise_m=6.0)
    result = snap_track(g, pts)
    report = result.report
    assert report.matched_share == 1.0
    assert report.off_network == []
    assert report.breaks == 0
    assert [(u, v) for u, v, _ in result.edges] == [
        (0, 1), (1, 2), (2, 3), (3, 9), (9, 15), (15, 21), (21, 27), (27, 28), (28, 29)]
    assert _is_walk(result.edges, g)
    # the snapped line is the street path, not the zig-zag of the noise
    assert report.length_after_m == pytest.approx(1800.0 - 10.0, abs=25.0)
    assert report.length_before_m > report.length_after_m


def test_excursion_off_the_network_is_reported() -> None:
    g = grid_graph(4, 200.0)
    # along row 0, then 300 m into a field south of the grid and back, then on along row 0
    pts = _walk([(0, 0, 300, 0), (300, 0, 300, -300), (300, -300, 310, 0), (310, 0, 600, 0)],
                noise_m=2.0)
    result = snap_track(g, pts, options=SnapOptions(radius_m=30.0))
    report = result.report
    assert len(report.off_network) == 1
    part = report.off_network[0]
    assert 500 < part.length_m < 650
    assert 0.45 < report.matched_share < 0.7
    assert [piece.on_network for piece in result.pieces] == [True, False, True]
    assert all(0 < i < len(pts) for i in (part.start_index, part.end_index))


def test_track_far_from_every_edge_stays_as_recorded() -> None:
    g = grid_graph(3, 200.0)
    pts = _walk([(5000, 5000, 5600, 5000)], noise_m=0.0)
    result = snap_track(g, pts)
    assert result.report.matched_share == 0.0
    assert result.edges == []
    assert result.points == pts
    assert result.report.length_after_m == pytest.approx(result.report.length_before_m)


def test_two_unconnected_pieces_give_two_chains() -> None:
    g = grid_graph(3, 200.0)
    h = nx.relabel_nodes(grid_graph(3, 200.0), lambda n: n + 100)
    for n in h.nodes:  # shift the second grid 420 m east: 20 m gap, no edge across
        h.nodes[n]["x"] += 420.0 / 70_600.0
    for _u, _v, data in h.edges(data=True):
        from shapely import affinity

        data["geometry"] = affinity.translate(data["geometry"], xoff=420.0 / 70_600.0)
    g.update(h)
    pts = _walk([(0, 0, 800, 0)], noise_m=0.0)
    result = snap_track(g, pts)
    on = [piece for piece in result.pieces if piece.on_network]
    assert len(on) == 2
    assert result.report.breaks == 1
    assert "Coupures sans chemin sur le réseau : 1" in result.report.to_french()
    assert _is_walk(result.edges[:2], g)


def test_index_is_reusable_and_cancel_works() -> None:
    index = NetworkIndex(grid_graph(5, 100.0))
    pts = _walk([(0, 0, 400, 0)] * 60, noise_m=3.0)  # 2 400 points back and forth on one street
    first = snap_track(index, pts[:50])
    assert first.report.matched_share == 1.0
    with pytest.raises(CavalierError, match="annulé"):
        snap_track(index, pts, cancel=lambda: True)


def test_empty_network_and_short_track_are_gpx_errors() -> None:
    with pytest.raises(GpxError, match="Réseau vide"):
        snap_track(nx.MultiDiGraph(), [(50.0, 3.0), (50.1, 3.0)])
    with pytest.raises(GpxError, match="trop courte"):
        snap_track(grid_graph(2), [(50.0, 3.0)])


@pytest.fixture(scope="module")
def lille_network() -> NetworkIndex:
    folder = shared_path("data", "osm-lille-centre-2017")
    network = load_network(layers=[folder / "highway_line.geojson", folder / "route_line.geojson"],
                           liaison_max_m=0)
    return NetworkIndex(network.graph)


@pytest.mark.shared
def test_eurovelo5_tracks_snap_onto_the_lille_network(lille_network: NetworkIndex) -> None:
    folder: Path = shared_path("data", "eurovelo5-gpx")
    shares = {}
    for path in sorted(folder.glob("*.gpx")):
        imported = import_gpx(path, network=lille_network)
        assert imported.snap is not None
        report = imported.snap.report
        shares[path.name] = report.matched_share
        print(f"{path.name}: {report.matched_share:.1%} sur le réseau, "
              f"{report.length_before_m / 1000:.2f} -> {report.length_after_m / 1000:.2f} km, "
              f"{len(report.off_network)} partie(s) hors réseau")
        if report.matched_share == 0.0:  # stages far from Lille stay as recorded
            assert report.length_after_m == pytest.approx(report.length_before_m, rel=1e-3)
    # Lille -> Wattrelos runs along the EV5 relation of the OSM layer from end to end
    assert shares["lille-wattrelos.gpx"] > 0.95
    # Don -> Lille only enters the Lille window at its end
    assert 0.1 < shares["don-lille.gpx"] < 0.6
    snapped = import_gpx(folder / "lille-wattrelos.gpx", network=lille_network).snap
    assert snapped is not None
    assert snapped.report.length_after_m == pytest.approx(snapped.report.length_before_m, rel=0.05)
    assert path_length(snapped.points) == pytest.approx(snapped.report.length_after_m)
