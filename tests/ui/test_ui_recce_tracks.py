"""« Réseau › Importer des traces de reconnaissance… »: the tracks join the current network, a
report says what was kept, and the new paths are drawn on the map."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from track_factory import write_terril_layers, write_terril_recce

from routes.network.model import load_network
from routes.provenance import SOURCE_TRACK
from ui.qt import QFileDialog, QMessageBox

SLOW = 30_000
_COUNT_TRACK_LINES = """(function () {
  var n = 0;
  Cavalier.leaflet().eachLayer(function (l) {
    if (l.feature && l.feature.properties && l.feature.properties.source === "track") { n++; }
  });
  return n;
})()"""


def test_recce_tracks_from_the_network_menu(qtbot, french_app, settings, js, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow
    from ui.workers import Runner

    layers = write_terril_layers(tmp_path / "couches")
    tracks = write_terril_recce(tmp_path / "traces")
    network = load_network(layers=[layers], liaison_max_m=0)
    window = MainWindow(settings, runner=Runner(synchronous=True))
    qtbot.addWidget(window)
    window.resize(1400, 900)
    with qtbot.waitSignal(window.map_ready, timeout=SLOW):
        window.show()
        window.start(network)
    window.maybe_save = lambda: True
    assert js(window.map, _COUNT_TRACK_LINES) == 0

    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "&Réseau" in menus
    action = window.tracks_action
    assert action in menus["&Réseau"].actions()
    assert action.text() == "Importer des traces de reconnaissance…"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(t) for t in tracks], "")))
    with qtbot.waitSignal(window.operation_done, timeout=SLOW) as done:
        action.trigger()
    result = done.args[0]
    assert result is not None
    new_network, report = result
    assert window.document.network is new_network
    assert network.graph.number_of_edges() < new_network.graph.number_of_edges()

    box = window.tracks_report
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Traces de reconnaissance"
    text = box.text()
    assert "Fichiers lus : 8 (10 trace(s)" in text
    assert "Passages : 10, dont 4 fusionné(s)" in text
    assert "Chemins relevés gardés : 8 (" in text
    assert f"{report.new_edges} nouveau(x) tronçon(s)" in text

    undirected = sum(1 for u, v, d in new_network.graph.edges(data=True)
                     if u < v and d.get("source") == SOURCE_TRACK)
    assert undirected == report.new_edges > 0
    qtbot.waitUntil(lambda: js(window.map, _COUNT_TRACK_LINES) == undirected, timeout=SLOW)

    shot = os.environ.get("CAVALIER_SCREENSHOT_DIR")
    if shot:
        qtbot.wait(500)
        window.grab().save(str(Path(shot) / "recce-tracks.png"))
        box.grab().save(str(Path(shot) / "recce-tracks-report.png"))
    box.close()


def test_a_bad_file_is_reported_in_french(qtbot, french_app, settings, tmp_path: Path) -> None:
    from ui.main_window import MainWindow
    from ui.workers import Runner

    layers = write_terril_layers(tmp_path / "couches")
    broken = tmp_path / "coupée.gpx"
    broken.write_text('<?xml version="1.0"?><gpx version="1.1" creator="t" '
                      'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg><trkpt lat="50.4"',
                      encoding="utf-8")
    network = load_network(layers=[layers], liaison_max_m=0)
    window = MainWindow(settings, runner=Runner(synchronous=True))
    qtbot.addWidget(window)
    window.document.set_network(network)
    warnings: list[tuple[str, str]] = []
    window.warn = lambda title, message: warnings.append((title, message))
    with qtbot.waitSignal(window.operation_done, timeout=SLOW) as done:
        window.import_tracks([broken])
    assert done.args == [None]
    assert window.document.network is network
    assert warnings and "coupée.gpx : XML invalide ou tronqué" in warnings[0][1]
    assert warnings[0][0] == "Import des traces de reconnaissance…"
