"""« Réseau › Télécharger OpenStreetMap du Bassin minier… » against a loopback server; the window
reopens on the downloaded network."""

from __future__ import annotations

from pathlib import Path

from loopback_http import Scripted, serving
from osm.crossing_scene import write_scene

from routes.network import store as netstore


def test_download_action_builds_shows_and_remembers_the_basin_network(
    qtbot, window, settings, tmp_path: Path,
) -> None:
    body = write_scene(tmp_path / "scene.osm.pbf").read_bytes()
    out = tmp_path / "bassin.cavnet"
    window.basin_cache = tmp_path / "cache"
    window.basin_network_path = out
    window._ask = lambda _title, _question: True
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Réseau")
    assert window.download_basin_action in menu.actions()
    assert window.download_basin_action.text() == "Télécharger OpenStreetMap du Bassin minier…"
    with serving(Scripted(body, plan=[f"drop:{len(body) // 2}"])) as server:
        window.basin_source = server.url
        with qtbot.waitSignal(window.operation_done, timeout=60_000) as done:
            window.download_basin_action.trigger()
    assert done.args[0] is not None, window.warnings
    assert len(server.requests) == 2 and "Range" in server.requests[1]  # resumed once
    shown = window.document.network.graph
    assert shown.number_of_nodes() == netstore.load(out).number_of_nodes()
    assert shown.graph["crossings_known"] is True
    assert settings.last_network == out
    assert "OpenStreetMap" in window.status.text()
    window.grab().save(str(tmp_path / "download.png"))


def test_the_window_reopens_on_the_last_network(qtbot, french_app, settings, network,
                                                tmp_path: Path) -> None:
    from routes.osm.importer import import_osm
    from ui.main_window import MainWindow
    from ui.workers import Runner

    saved = netstore.save(import_osm(write_scene(tmp_path / "scene.osm.pbf")).graph,
                          tmp_path / "last.cavnet")
    settings.last_network = saved
    win = MainWindow(settings, runner=Runner(synchronous=True))
    qtbot.addWidget(win)
    win.start()
    assert win.document.network is not None
    assert win.document.network.graph.number_of_nodes() == netstore.load(
        saved).number_of_nodes()
    # A damaged network file: a French warning, the embedded network, the setting forgotten.
    saved.write_bytes(b"pas un reseau")
    win2 = MainWindow(settings, runner=Runner(synchronous=True))
    qtbot.addWidget(win2)
    warnings: list[str] = []
    win2.warn = lambda title, message: warnings.append(message)
    win2.start()
    assert win2.document.network is not None
    assert win2.document.network.name == network.name
    assert warnings and "illisible ou endommagé" in warnings[0] and str(saved) in warnings[0]
    assert settings.last_network is None
