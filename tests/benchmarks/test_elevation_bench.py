"""Elevation on a large network: applying a DEM to ≥ 500 000 nodes, and the D+ of a 42 km course
recomputed after an edit (targets: ≤ 20 s and ≤ 50 ms; printed, never asserted on time).

The network is a synthetic OSM-like mesh: long ways (chains of ~40 m edges, like real OSM street
pieces) crossing every 1 km, each edge with its own geometry in both directions. The DEM covers it
at GLO-30 resolution (1 arc-second) with terril cones.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import rasterio
from affine import Affine
from bench_timing import best_time
from large_mesh import DEG_LAT, DEG_LON, EDGE_M, NODES_PER_WAY, mesh
from shapely.geometry import LineString

from routes.elevation import open_dem, set_elevations
from routes.elevation.network import climb_from_node_elevations


def _dem(path: Path, graph: nx.MultiDiGraph) -> Path:
    xs = np.fromiter((d["x"] for _, d in graph.nodes(data=True)), float)
    ys = np.fromiter((d["y"] for _, d in graph.nodes(data=True)), float)
    pixel = 1 / 3600
    west, north = xs.min() - 0.01, ys.max() + 0.01
    cols, rows = int((xs.max() + 0.01 - west) / pixel), int((north - ys.min() + 0.01) / pixel)
    lon = west + (np.arange(cols) + 0.5) * pixel
    lat = north - (np.arange(rows) + 0.5) * pixel
    grid_lon, grid_lat = np.meshgrid(lon, lat)
    heights = 30.0 + 5 * np.sin(grid_lon * 40) + 3 * np.cos(grid_lat * 55)
    rng = np.random.default_rng(3)
    reach = 30  # pixels (~600 m E–W, ~900 m N–S) around each cone
    for col, row, h in zip(rng.integers(reach, cols - reach, 40),
                           rng.integers(reach, rows - reach, 40), rng.uniform(50, 186, 40),
                           strict=True):
        window = np.s_[row - reach:row + reach, col - reach:col + reach]
        r = np.hypot((grid_lon[window] - lon[col]) / DEG_LON,
                     (grid_lat[window] - lat[row]) / DEG_LAT)
        heights[window] += h * np.clip(1 - r / 400.0, 0, 1)
    with rasterio.open(path, "w", driver="GTiff", height=rows, width=cols, count=1,
                       dtype="float32", crs="EPSG:4326",
                       transform=Affine(pixel, 0, west, 0, -pixel, north)) as dst:
        dst.write(heights.astype(np.float32), 1)
    return path


@pytest.mark.benchmark
def test_elevation_on_half_a_million_nodes_and_course_climb(tmp_path: Path) -> None:
    started = time.perf_counter()
    graph = mesh()
    built_s = time.perf_counter() - started
    assert graph.number_of_nodes() >= 500_000
    dem = open_dem(_dem(tmp_path / "mnt.tif", graph))
    started = time.perf_counter()
    set_elevations(graph, dem, source="mnt.tif")
    apply_s = time.perf_counter() - started
    samples = sum(len(d.get("elevations", ())) for _, _, d in graph.edges(data=True))
    # A 42 km course along two ways: the first 21 km of way 0, then back along way 1.
    half = int(21_000 / EDGE_M)
    course = list(range(half + 1))
    second = NODES_PER_WAY  # first node of way 1 (parallel, ~720 m north)
    course += list(range(second + half, second - 1, -1))
    graph.add_edge(half, second + half, 0, geometry=LineString(
        [(graph.nodes[half]["x"], graph.nodes[half]["y"]),
         (graph.nodes[second + half]["x"], graph.nodes[second + half]["y"])]), length=720.0,
        elevations=[30.0] * 27)
    climb = climb_from_node_elevations(graph, course)
    recompute_s = best_time(lambda: climb_from_node_elevations(graph, course), 5)
    memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nMNT appliqué à {graph.number_of_nodes():,} nœuds et {graph.number_of_edges():,} "
          f"arcs ({samples:,} points tous les 25 m) : {apply_s:.1f} s (cible ≤ 20 s ; "
          f"construction du réseau {built_s:.1f} s)")
    print(f"D+ d'un parcours de {(len(course) - 1) * EDGE_M / 1000 + 0.7:.0f} km recalculé : "
          f"{recompute_s * 1000:.1f} ms (cible ≤ 50 ms) ; D+ {climb.d_plus:.0f} m, "
          f"D− {climb.d_minus:.0f} m")
    print(f"Mémoire maximale du processus : {memory_mb:,.0f} Mo ; charge de la machine "
          f"{os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs")
    assert samples > 0 and climb.d_plus > 0
