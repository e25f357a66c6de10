"""``cavalier network add-tracks`` then ``cavalier loop --within-terril``: a terril whose only
paths are recce tracks gets a real 5–7 km VTT loop; a bare terril gets a French explanation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from layer_factory import at
from shapely import LineString, Polygon
from track_factory import TERRIL_OUTLINE_M, write_terril_layers, write_terril_recce

from app.cli import main
from routes.courses.loops import LoopError, find_loops
from routes.geodesy import to_metric
from routes.network import store as netstore
from routes.network.model import load_network
from routes.provenance import SOURCE_TRACK
from routes.search.engine import RoutingEngine


@pytest.fixture(scope="module")
def recce_network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("terril")
    layers = write_terril_layers(root / "couches")
    tracks = write_terril_recce(root / "traces")
    out = root / "reseau-traces.cavnet"
    code = main(["network", "add-tracks", *map(str, tracks), "--layers", str(layers),
                 "--out", str(out), "--quiet"])
    assert code == 0
    return out


def test_add_tracks_reports_and_saves_surveyed_edges(
        recce_network: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = netstore.load(recce_network)
    track = [d for _, _, d in graph.edges(data=True) if d.get("source") == SOURCE_TRACK]
    assert track and all(d["surveyed"] and d["track_file"].startswith("reco-") for d in track)
    km_kept = sum(d["length"] for d in track) / 2000
    assert 9.5 <= km_kept <= 11.0  # 10.3 km of paths were recorded
    on_terril = sum(d["length"] for d in track if d["terril"] == "T074") / 2000
    assert on_terril >= 9.0
    network = load_network(recce_network)
    footprint = network.places.resolve("T074").footprint
    assert footprint is not None and footprint.geom_type == "Polygon"  # the real outline, kept


def test_vtt_loop_within_the_terril_runs_on_the_imported_tracks(
        recce_network: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    geojson = tmp_path / "boucle.geojson"
    code = main(["loop", "--start", "T074", "--length", "6km", "--profile", "vtt",
                 "--within-terril", "--length-tolerance", "10%", "--network", str(recce_network),
                 "--geojson", str(geojson)])
    out = capsys.readouterr().out
    assert code == 0, out
    feature = json.loads(geojson.read_text(encoding="utf-8"))["features"][0]
    assert 5000 <= feature["properties"]["length_m"] <= 7000
    outline = to_metric(Polygon([at(x, y) for x, y in TERRIL_OUTLINE_M]))
    course = to_metric(LineString(feature["geometry"]["coordinates"]))
    assert course.difference(outline.buffer(15.0)).length == pytest.approx(0.0, abs=1.0)

    network = load_network(recce_network)
    place = network.places.resolve("T074")
    engine = RoutingEngine(network.graph, "vtt")
    loop = find_loops(engine, network.node_of(place), 6000, tolerance=0.1, count=1,
                      area=place.footprint, area_name=place.label)[0]
    nodes = loop.path.nodes
    sources = {network.graph[a][b][k].get("source")
               for a, b, k in zip(nodes, nodes[1:], loop.path.keys, strict=False)}
    assert sources == {SOURCE_TRACK}


def test_bare_terril_says_what_to_import(recce_network: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["loop", "--start", "T075", "--length", "6km", "--profile", "vtt",
                 "--within-terril", "--network", str(recce_network)])
    err = capsys.readouterr().err
    assert code == 1
    assert "le terril T075 Terril nu n'a que 0 m de chemins relevés" in err
    assert "importez des traces de reconnaissance" in err.lower()
    assert "cavalier network add-tracks" in err


def test_access_spurs_and_layer_outside_do_not_count(recce_network: Path) -> None:
    """Before the tracks, T074 has only its straight access spur inside: refused, 0 m."""
    graph = netstore.load(recce_network)
    bare = graph.copy()
    bare.remove_edges_from([(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True)
                            if d.get("source") == SOURCE_TRACK])
    network = load_network(recce_network)
    place = network.places.resolve("T074")
    spur = [d for _, _, d in bare.edges(place.node, data=True)]
    assert spur and all(d.get("access") for d in spur)
    assert place.footprint is not None
    assert shapely.intersects(place.footprint, spur[0]["geometry"])
    engine = RoutingEngine(bare, "vtt")
    with pytest.raises(LoopError, match="n'a que 0 m de chemins relevés"):
        find_loops(engine, place.node, 6000, area=place.footprint, area_name=place.label)
