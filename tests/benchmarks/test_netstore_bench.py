"""Reload speed of saved networks against osmnx.load_graphml on the same graph (same run)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import osmnx as ox
import pytest
from bench_timing import best_time

from routes.network import store as netstore
from routes.osm.ways import WayRecord, graph_from_ways

GRID = 160  # 160 x 160 nodes -> 50 880 street pieces -> 101 760 directed edges
STEP_DEG = 0.001
FLAGS = ("cavalier", "veloroute", "hiking", "mtb_route", "access", "liaison", "sensitive")


def _grid_graph() -> nx.MultiDiGraph:
    """A street grid with a mid-block vertex on every piece and realistic attributes."""
    ways: list[WayRecord] = []
    highways = ("residential", "track", "path", "footway", "cycleway")
    for line in range(GRID):
        for horizontal in (True, False):
            keys, lons, lats = [], [], []
            for step in range(2 * GRID - 1):
                along = 2.5 + step * STEP_DEG / 2
                across = 50.3 + line * STEP_DEG
                lon, lat = (along, across) if horizontal else (2.5 + line * STEP_DEG,
                                                               50.3 + step * STEP_DEG / 2)
                if step % 2 == 0:
                    index = step // 2
                    keys.append(line * GRID + index if horizontal else index * GRID + line)
                else:
                    keys.append(-(len(ways) * 10_000 + step))  # mid-block, never shared
                lons.append(lon)
                lats.append(lat)
            del across
            attrs: dict[str, object] = {flag: line % 7 == FLAGS.index(flag) for flag in FLAGS}
            attrs.update(highway=highways[line % 5], surface=("paved", "unpaved", "")[line % 3],
                         name=f"Rue {line}", terril="", rupture="", tracktype="",
                         smoothness="", mtb_scale="", sac_scale="", foot="", bicycle="",
                         access_tag="", osmid=len(ways) + 1)
            ways.append(WayRecord(keys=keys, lons=lons, lats=lats, attrs=attrs,
                                  osm_id=len(ways) + 1))
    return graph_from_ways(ways, name="grille", source="benchmark")


@pytest.mark.benchmark
def test_reload_is_ten_times_faster_than_graphml(tmp_path: Path) -> None:
    graph = _grid_graph()
    assert graph.number_of_edges() >= 100_000
    ours = netstore.save(graph, tmp_path / "grille.cavnet")
    graphml = tmp_path / "grille.graphml"
    ox.save_graphml(graph, graphml)
    bools = {flag: lambda text: text == "True" for flag in FLAGS}

    ours_s = best_time(lambda: netstore.load(ours), 3)
    graphml_s = best_time(lambda: ox.load_graphml(graphml, edge_dtypes=bools), 1)
    reloaded = netstore.load(ours)
    assert reloaded.number_of_edges() == graph.number_of_edges()
    speedup = graphml_s / ours_s
    print(f"\n{graph.number_of_nodes()} nœuds, {graph.number_of_edges()} arcs ; "
          f"fichiers {ours.stat().st_size / 1e6:.1f} Mo / {graphml.stat().st_size / 1e6:.1f} Mo")
    print(f"reload speed-up vs osmnx.load_graphml: {speedup:.1f}x "
          f"(ours {ours_s:.2f} s, graphml {graphml_s:.2f} s)")
    assert speedup >= 10
