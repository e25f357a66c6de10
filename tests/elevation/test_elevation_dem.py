"""DEM files (GeoTIFF, SRTM .hgt), bad DEMs, elevations on a graph, estimated climb."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from dem_samples import GROUND, metres_to_lonlat, write_terril_dem

from routes.elevation import (
    ElevationError,
    climb_from_node_elevations,
    estimated_climb,
    open_dem,
    open_dems,
    route_climb,
    set_elevations,
)
from routes.osm.ways import WayRecord, graph_from_ways


def _write_hgt(folder: Path, name: str = "N50E002.hgt", size: int = 1201) -> Path:
    rows, cols = np.mgrid[0:size, 0:size]
    # Height = 10*row + col: row 0 is the tile's northern edge.
    heights = (10 * rows + cols).astype(">i2")
    heights[600, 600] = -32768  # void
    path = folder / name
    heights.tofile(path)
    return path


def test_hgt_tile_is_placed_and_sampled_bilinearly(tmp_path: Path) -> None:
    dem = open_dem(_write_hgt(tmp_path))
    step = 1 / 1200
    assert dem.bounds == pytest.approx((2.0, 50.0, 3.0, 51.0))
    # North-west corner is row 0, col 0; one cell south-east is 11.
    lons = np.array([2.0, 2.0 + step, 2.0 + 2.5 * step, 2.0 + 3 * step])
    lats = np.array([51.0, 51.0 - step, 51.0 - 2 * step, 51.0 - 3.5 * step])
    assert dem.sample(lons, lats) == pytest.approx([0.0, 11.0, 22.5, 38.0])
    assert np.isnan(dem.sample(np.array([2.5]), np.array([50.5])))[0]  # next to the void
    assert np.isnan(dem.sample(np.array([3.2]), np.array([50.5])))[0]  # outside the tile


def test_hgt_southern_western_names(tmp_path: Path) -> None:
    dem = open_dem(_write_hgt(tmp_path, "S01W003.hgt"))
    assert dem.bounds == pytest.approx((-3.0, -1.0, -2.0, 0.0))


@pytest.mark.parametrize(("name", "size", "message"), [
    ("terrain.hgt", 1201, "Nom de dalle SRTM invalide"),
    ("N50E002.hgt", 1000, "taille inattendue"),
])
def test_bad_hgt(tmp_path: Path, name: str, size: int, message: str) -> None:
    path = tmp_path / name
    np.zeros((size, size), dtype=">i2").tofile(path)
    with pytest.raises(ElevationError, match=message):
        open_dem(path)


def test_geotiff_not_in_wgs84_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lambert93.tif"
    write_terril_dem(path, terrils=[], crs="EPSG:2154", half_size=200.0)
    with pytest.raises(ElevationError, match=r"lambert93\.tif n'est pas en WGS84.*EPSG:2154"):
        open_dem(path)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("casse.tif", b"pas un tiff", "MNT illisible"),
    ("mnt.asc", b"ncols 2", "Format de MNT non reconnu"),
])
def test_unreadable_dem(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ElevationError, match=message):
        open_dem(path)


def test_missing_dem(tmp_path: Path) -> None:
    with pytest.raises(ElevationError, match="introuvable"):
        open_dems([tmp_path / "absent.tif"])


def _line_graph(xs: list[float]) -> nx.MultiDiGraph:
    coords = [metres_to_lonlat(x, 0.0) for x in xs]
    way = WayRecord(keys=list(range(1, len(xs) + 1)), lons=[c[0] for c in coords],
                    lats=[c[1] for c in coords], attrs={"osmid": 1})
    # Split at every vertex: each point a node.
    ways = [WayRecord(keys=way.keys[i:i + 2], lons=way.lons[i:i + 2], lats=way.lats[i:i + 2],
                      attrs={"osmid": i}) for i in range(len(xs) - 1)]
    return graph_from_ways(ways, name="ligne", source="test")


def test_graph_elevations_grades_and_route_climb(tmp_path: Path) -> None:
    path = tmp_path / "terril.tif"
    write_terril_dem(path, terrils=[(0.0, 0.0, 90.0)], noise=0.5)
    graph = _line_graph([-1500.0, -500.0, 0.0, 500.0, 1500.0])
    dem = open_dem(path)
    assert set_elevations(graph, dem, source=path.name) == 5
    assert graph.nodes[3]["elevation"] == pytest.approx(GROUND + 90, abs=2)
    assert graph.nodes[1]["elevation"] == pytest.approx(GROUND, abs=2)
    up = next(iter(graph.get_edge_data(2, 3).values()))
    down = next(iter(graph.get_edge_data(3, 2).values()))
    assert up["grade"] == pytest.approx(90 / 500, abs=0.01)
    assert down["grade"] == pytest.approx(-up["grade"])
    result = route_climb(graph, [1, 2, 3, 4, 5], dem)
    assert not result.is_estimate
    assert result.d_plus == pytest.approx(90, rel=0.02)
    assert result.d_minus == pytest.approx(90, rel=0.02)
    # Once saved, a network keeps node elevations only; the climb is read from them.
    from_nodes = climb_from_node_elevations(graph, [1, 2, 3, 4, 5])
    assert from_nodes.d_plus == pytest.approx(90, rel=0.03)
    assert from_nodes.d_minus == pytest.approx(90, rel=0.03)
    del graph.nodes[4]["elevation"]
    with pytest.raises(ElevationError, match="--dem"):
        climb_from_node_elevations(graph, [1, 2, 3, 4, 5])


def test_dem_not_covering_the_network(tmp_path: Path) -> None:
    path = tmp_path / "petit.tif"
    write_terril_dem(path, terrils=[], half_size=500.0)
    graph = _line_graph([-1500.0, 0.0, 1500.0])
    with pytest.raises(ElevationError, match=r"petit\.tif ne couvre pas la zone du réseau : 2 "):
        set_elevations(graph, open_dem(path), source=path.name)
    assert set_elevations(graph, open_dem(path), allow_partial=True) == 1
    far = _line_graph([5000.0, 6000.0])
    with pytest.raises(ElevationError, match="ne couvre pas"):
        set_elevations(far, open_dem(path), allow_partial=True)


def test_estimated_climb_from_terril_heights() -> None:
    graph = _line_graph([0.0, 100.0, 200.0, 300.0])
    graph.nodes[2]["place"] = "T074"
    graph.nodes[4]["place"] = "T075"
    heights = {"T074": 146.0, "T075": 80.0}
    mid = estimated_climb(graph, [1, 2, 3], heights)
    assert (mid.d_plus, mid.d_minus, mid.is_estimate) == (146.0, 146.0, True)
    to_end = estimated_climb(graph, [1, 2, 3, 4], heights)
    assert (to_end.d_plus, to_end.d_minus) == (226.0, 146.0)
    assert estimated_climb(graph, [1, 2, 3], {}).d_plus == 0.0
