"""Recce tracks: cleaning, merging of passes into one centreline, noding into a network."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import shapely
from layer_factory import at, ladder
from shapely import LineString, Point
from track_factory import PassSpec, lonlat_line, record, wavy_path, write_gpx

from routes.geodesy import to_metric
from routes.gpx.errors import GpxError
from routes.gpx.reader import GpxPoint
from routes.network.model import network_from_layers
from routes.provenance import SOURCE_TRACK
from routes.recce.clean import CleanReport, clean_pass
from routes.recce.join import add_tracks
from routes.recce.merge import read_and_merge

#: Seeds fixed before measuring; every one of them is asserted.
SEEDS = (1, 2, 3, 4)


def _deviation(line: LineString, truth: LineString) -> tuple[float, float]:
    """Max and mean distance (m) of the centreline, sampled every metre, to the true line.

    Points beyond the true line's ends are measured by :func:`_end_gap` instead: where a recording
    starts and stops along the path is a separate (along-track) question.
    """
    points = shapely.points(shapely.get_coordinates(line.segmentize(1.0)))
    stations = shapely.line_locate_point(truth, points)
    inside = (stations > 0) & (stations < truth.length)
    distances = shapely.distance(points[inside], truth)
    return float(distances.max()), float(distances.mean())


def _end_gap(line: LineString, truth: LineString) -> float:
    """How far the centreline's ends are from the true line's ends (the nearer pairing)."""
    a, b = Point(line.coords[0]), Point(line.coords[-1])
    s, e = Point(truth.coords[0]), Point(truth.coords[-1])
    return min(max(a.distance(s), b.distance(e)), max(a.distance(e), b.distance(s)))


def _two_passes(tmp_path: Path, seed: int) -> list[Path]:
    path = wavy_path()
    ride = record(path, PassSpec(speed_ms=4.0, interval_s=1.0, pause_at=0.4, pause_s=60.0,
                                 spikes_at=(0.7,), seed=2 * seed + 1))
    walk = record(path, PassSpec(speed_ms=2.5, interval_s=3.0, reverse=True, timed=False,
                                 spikes_at=(0.25,), seed=2 * seed + 2))
    return [write_gpx(tmp_path / "velo.gpx", [("Reco vélo", ride)]),
            write_gpx(tmp_path / "pied.gpx", [("Reco à pied", walk)])]


@pytest.mark.parametrize("seed", SEEDS)
def test_two_noisy_passes_merge_within_5_m_of_the_true_line(tmp_path: Path, seed: int) -> None:
    truth = to_metric(lonlat_line(wavy_path()))
    files = _two_passes(tmp_path, seed)
    raw = [to_metric(LineString([(p[0], p[1]) for p in record(
        wavy_path(), PassSpec(speed_ms=4.0, interval_s=1.0, seed=2 * seed + 1))]))]
    centrelines, report, passes = read_and_merge(files)
    assert passes == 2
    assert len(centrelines) == 1, [c.geometry.length for c in centrelines]
    merged = centrelines[0]
    assert merged.passes == 2
    assert set(merged.sources) == {"velo.gpx", "pied.gpx"}
    worst, mean = _deviation(merged.geometry, truth)
    ends = _end_gap(merged.geometry, truth)
    print(f"seed {seed}: max {worst:.2f} m, mean {mean:.2f} m, ends {ends:.1f} m off, length "
          f"{merged.geometry.length:.0f} m for {truth.length:.0f} m")
    assert worst <= 5.0
    assert ends <= 10.0
    assert mean <= 2.0
    assert merged.geometry.length == pytest.approx(truth.length, rel=0.02)
    # the raw noisy pass is much farther from the truth than the centreline
    assert _deviation(raw[0], truth)[0] > worst + 3.0
    assert report.spikes >= 2
    assert report.pauses >= 1


def test_one_pass_only_is_kept(tmp_path: Path) -> None:
    truth = to_metric(lonlat_line(wavy_path()))
    ride = record(wavy_path(), PassSpec(seed=11, spikes_at=(0.5,)))
    files = [write_gpx(tmp_path / "seul.gpx", [("Reco seule", ride)])]
    centrelines, report, passes = read_and_merge(files)
    assert passes == 1 and len(centrelines) == 1
    assert centrelines[0].passes == 1
    assert centrelines[0].names == ("Reco seule",)
    worst, mean = _deviation(centrelines[0].geometry, truth)
    assert worst <= 8.0 and mean <= 3.0
    assert report.spikes == 1


def test_pause_becomes_one_point_and_a_slow_walk_does_not() -> None:
    report = CleanReport()
    base = 0.0
    stop = [GpxPoint(*reversed(at(100 + 3 * np.sin(i), 2 * np.cos(i)))) for i in range(30)]
    walk = [GpxPoint(*reversed(at(base + 1.2 * 3 * i, 0.0))) for i in range(30)]
    cleaned = clean_pass(walk[:10] + stop + walk[10:], report)
    assert report.pauses == 1
    assert report.pause_points >= 28
    assert sum(len(part) for part in cleaned) <= 10 + 3 + 20


def test_a_file_without_tracks_is_refused_in_french(tmp_path: Path) -> None:
    empty = tmp_path / "vide.gpx"
    empty.write_text('<?xml version="1.0"?><gpx version="1.1" creator="t" '
                     'xmlns="http://www.topografix.com/GPX/1/1"></gpx>', encoding="utf-8")
    with pytest.raises(GpxError, match=r"vide\.gpx : aucune trace"):
        read_and_merge([empty])


def test_merged_track_is_noded_to_the_edges_it_crosses(tmp_path: Path) -> None:
    """A path recorded twice from 300 m south of the ladder's road to 300 m north of its
    cavalier: it crosses both, and meets them at real junctions."""
    network = network_from_layers(ladder(), name="échelle")
    true_m = LineString([(700, -300), (720, 400), (690, 1300)])
    passes = [record(true_m, PassSpec(seed=21)),
              record(true_m, PassSpec(speed_ms=3.0, reverse=True, seed=22))]
    gpx = write_gpx(tmp_path / "travers.gpx", [("Travers 1", passes[0]), ("Travers 2", passes[1])])
    before = network.graph.number_of_edges()
    result, report = add_tracks(network, [gpx])
    graph = result.graph
    assert network.graph.number_of_edges() == before  # the input network is left as it was
    assert report.passes == 2 and report.centrelines == 1 and report.passes_merged == 2
    track_edges = [(u, v, d) for u, v, d in graph.edges(data=True)
                   if d.get("source") == SOURCE_TRACK]
    assert track_edges and all(d["surveyed"] and d["track"] for _, _, d in track_edges)
    assert {d["track_file"] for _, _, d in track_edges} == {"travers.gpx"}
    assert report.junctions == 2 and report.edges_split == 2
    crossing = true_m.intersection(LineString([(0, 0), (3000, 0)]))
    crossing_road = to_metric(Point(at(crossing.x, crossing.y)))
    junction_nodes = {n for u, v, _ in track_edges for n in (u, v)
                      if any(d.get("source") != SOURCE_TRACK
                             for _, _, d in graph.edges(n, data=True))}
    assert len(junction_nodes) == 2
    spots = [to_metric(Point(graph.nodes[n]["x"], graph.nodes[n]["y"])) for n in junction_nodes]
    assert min(p.distance(crossing_road) for p in spots) <= 6.0
    # the split road and cavalier keep their flags on both pieces, in both directions
    cavalier_pieces = [d for _, _, d in graph.edges(data=True) if d.get("cavalier")]
    assert len(cavalier_pieces) == 3 * 2  # 0–700, 700–1500 (middle rung), 1500–3000; 2 ways
    # routing goes from the road to the cavalier over the recorded path
    south, north = (min(junction_nodes, key=lambda n: graph.nodes[n]["y"]),
                    max(junction_nodes, key=lambda n: graph.nodes[n]["y"]))
    path = nx.shortest_path(graph, south, north, weight="length")
    used = [min(graph[a][b].values(), key=lambda d: d["length"])
            for a, b in itertools.pairwise(path)]
    assert all(d.get("source") == SOURCE_TRACK for d in used)
    assert nx.shortest_path_length(graph, south, north, weight="length") == pytest.approx(
        1000, rel=0.03)


def test_a_real_jump_is_not_taken_for_a_spike(tmp_path: Path) -> None:
    """A device that lost its fix for a while starts again 2 km away one second later: the rest of
    the track is kept, as a second pass, not dropped as a never-ending spike."""
    here = record(LineString([(0, 0), (600, 0)]), PassSpec(seed=31))
    there = record(LineString([(2000, 2000), (2600, 2000)]), PassSpec(seed=32))
    last_time = here[-1][2]
    assert last_time is not None
    shifted = [(lon, lat, last_time + (t - there[0][2]) + timedelta(seconds=1))
               for lon, lat, t in there if t is not None]
    gpx = write_gpx(tmp_path / "coupure.gpx", [("Coupure", here + shifted)])
    centrelines, report, passes = read_and_merge([gpx])
    assert passes == 2
    assert sorted(round(c.geometry.length, -2) for c in centrelines) == [600, 600]
    assert report.spikes <= 3


def test_a_track_through_a_sensitive_zone_is_flagged(tmp_path: Path) -> None:
    network = network_from_layers(ladder(), name="échelle")
    across = record(LineString([(1300, 500), (3200, 520)]), PassSpec(seed=41))
    gpx = write_gpx(tmp_path / "zone.gpx", [("Par la zone", across)])
    graph = add_tracks(network, [gpx])[0].graph
    flags = {(d["sensitive"], round(d["length"], -2)) for _, _, d in graph.edges(data=True)
             if d.get("source") == SOURCE_TRACK}
    # cut at the rungs x = 1500 and x = 3000: the two pieces through the zone (1400–1600) are
    # flagged, the 200 m beyond the east rung is not
    assert flags == {(True, 200.0), (True, 1500.0), (False, 200.0)}


def test_a_track_recorded_standing_still_is_refused(tmp_path: Path) -> None:
    still = record(LineString([(0, 0), (5, 0)]), PassSpec(speed_ms=0.05, seed=51))
    gpx = write_gpx(tmp_path / "arret.gpx", [("À l'arrêt", still)])
    with pytest.raises(GpxError, match=r"arret\.gpx : aucun chemin d'au moins 30 m"):
        read_and_merge([gpx])
