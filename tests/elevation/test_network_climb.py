"""A DEM applied to a whole network: samples along long edges, climb of T074, GPX <ele>, CLI."""

from __future__ import annotations

from pathlib import Path

import gpxpy
import pytest
from cone_dem import PLAIN_M, write_cone_dem
from dem_samples import metres_to_lonlat, write_terril_dem
from layer_factory import at, write_grid_folder

from app.cli import main
from app.route_stats import route_figures
from app.sheet.model import ClimbFigures, ClimbSource
from routes.elevation import open_dem, set_elevations
from routes.elevation.network import EDGE_STEP_M, climb_from_node_elevations
from routes.network.model import load_network
from routes.osm.ways import WayRecord, graph_from_ways
from routes.outputs.course import write_route_gpx
from routes.search.routing import Router

CONE_M = 186.0


def test_a_terril_on_one_long_edge_is_climbed(tmp_path: Path) -> None:
    path = tmp_path / "terril.tif"
    write_terril_dem(path, terrils=[(0.0, 0.0, 100.0)])
    (lon0, lat0), (lon1, lat1) = metres_to_lonlat(-1500.0, 0.0), metres_to_lonlat(1500.0, 0.0)
    graph = graph_from_ways([WayRecord(keys=[1, 2], lons=[lon0, lon1], lats=[lat0, lat1],
                                       attrs={"osmid": 1})], name="ligne", source="test")
    set_elevations(graph, open_dem(path))
    edge = next(iter(graph.get_edge_data(1, 2).values()))
    assert len(edge["elevations"]) == pytest.approx(edge["length"] / EDGE_STEP_M, abs=1.5)
    # Both nodes are on the plain; only the samples along the edge see the terril.
    assert graph.nodes[1]["elevation"] == pytest.approx(graph.nodes[2]["elevation"], abs=0.5)
    climb = climb_from_node_elevations(graph, [1, 2])
    assert climb.d_plus == pytest.approx(100.0, rel=0.05)
    assert climb.d_minus == pytest.approx(100.0, rel=0.05)


#: The synthetic grid's paths reach T074's summit (the default network's old railway lines stop
#: at the foot of the real terril: nobody surveyed a path up it there).
FOOT = at(500.0, 2000.0)
FOOT_TEXT = f"{FOOT[1]:.6f}, {FOOT[0]:.6f}"


@pytest.fixture(scope="module")
def cone_network(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = write_grid_folder(tmp_path_factory.mktemp("grille"))
    network = load_network(None, [str(folder)])
    summit = network.places.resolve("T074")
    dem = write_cone_dem(tmp_path_factory.mktemp("mnt") / "cone-t074.tif", summit.lon,
                         summit.lat, CONE_M)
    set_elevations(network.graph, open_dem(dem), allow_partial=True)
    return network, dem, folder


def test_climb_of_t074_summit_matches_the_cone(cone_network) -> None:  # type: ignore[no-untyped-def]
    network, _, _ = cone_network
    route = Router(network).route([FOOT, "T074"], "trail")
    figures = route_figures(network, route)  # the course sheet's
    assert figures.climb_m is not None and not figures.climb_estimated
    print(f"D+ vers le sommet du T074 : {figures.climb_m:.1f} m pour un cône de {CONE_M:.0f} m")
    assert figures.climb_m == pytest.approx(CONE_M, rel=0.05)


def test_gpx_elevations_on_every_point(cone_network, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    network, _, _ = cone_network
    route = Router(network).route([FOOT, "T074"], "trail")
    path = write_route_gpx(network, route, tmp_path / "t074.gpx", event="Test")
    points = [p for t in gpxpy.parse(path.read_text(encoding="utf-8")).tracks
              for s in t.segments for p in s.points]
    assert points and all(p.elevation is not None for p in points)
    assert max(p.elevation or 0.0 for p in points) == pytest.approx(PLAIN_M + CONE_M, abs=8.0)


def test_gpx_without_elevation_has_none(tmp_path: Path) -> None:
    network = load_network(None, None)
    route = Router(network).route(["Loos-en-Gohelle", "T074"], "trail")
    path = write_route_gpx(network, route, tmp_path / "plat.gpx", event="Test")
    points = [p for t in gpxpy.parse(path.read_text(encoding="utf-8")).tracks
              for s in t.segments for p in s.points]
    assert points and all(p.elevation is None for p in points)


def test_unknown_climb_is_never_zero() -> None:
    unknown = ClimbFigures(None, None, ClimbSource.NONE).text()
    assert "inconnu" in unknown and "0 m" not in unknown


def test_cli_route_with_dem_and_without(cone_network, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    _, dem, folder = cone_network
    assert main(["route", "--from", FOOT_TEXT, "--to", "T074", "--layers", str(folder),
                 "--dem", str(dem)]) == 0
    out = capsys.readouterr().out
    assert "Altitudes du MNT cone-t074.tif" in out
    line = next(x for x in out.splitlines() if x.startswith("Dénivelé"))
    assert "estimation" not in line and "inconnu" not in line
    d_plus = float(line.split("D+ ")[1].split(" m")[0])
    assert d_plus == pytest.approx(CONE_M, rel=0.05)
    # No DEM and a route on the plain, away from every terril: unknown, not « 0 m ».
    assert main(["route", "--from", "Loos-en-Gohelle", "--to", "Lens"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Dénivelé"))
    assert "inconnu" in line


def test_cli_loop_prints_climb_with_dem(cone_network, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    _, dem, folder = cone_network
    assert main(["loop", "--start", "T074", "--length", "5km", "--layers", str(folder),
                 "--dem", str(dem)]) == 0
    out = capsys.readouterr().out
    assert "Dénivelé : D+ " in out and "inconnu" not in out


def test_cli_missing_dem_is_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["route", "--from", "Loos-en-Gohelle", "--to", "T074",
                 "--dem", str(tmp_path / "absent.tif")])
    assert code != 0
    assert "Fichier MNT introuvable" in capsys.readouterr().err
