"""Unsurveyed geometry in the window: statistics, dashed map layers, export warning, À propos."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from gap_layers import write_gap_folder

from app import operations
from app.map_data import network_bounds, network_layers
from app.project_store import Project
from app.route_stats import route_figures
from app.templates import build_template
from routes.network.model import Network, load_network
from routes.outputs.stats import RouteLine
from routes.search.routing import Router
from ui.event_panel import EventPanel
from ui.qt import QCoreApplication, QEvent, QMessageBox
from ui.route_panel import RoutePanel

SLOW = 30_000


def _network(folder: Path, *, gap: bool) -> Network:
    return load_network(layers=[write_gap_folder(folder, gap=gap)], liaison_max_m=500)


@pytest.fixture
def gap_window(qtbot, french_app, settings, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow
    from ui.workers import Runner

    win = MainWindow(settings, runner=Runner(synchronous=True))
    qtbot.addWidget(win)
    win.resize(1300, 850)
    with qtbot.waitSignal(win.map_ready, timeout=SLOW):
        win.show()
        win.start(_network(tmp_path / "couches", gap=True))
    win.maybe_save = lambda: True
    yield win
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_connector_is_counted_dashed_and_warned_about(qtbot, gap_window, js,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    window = gap_window
    doc = window.document
    layers = network_layers(doc.network)
    connectors = [f for f in layers["unsurveyed"]["features"] if f["properties"]["liaison"]]
    assert len(connectors) == 1 and connectors[0]["properties"]["surveyed"] is False
    assert all(f["properties"]["surveyed"] for f in layers["cavaliers"]["features"])

    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        window.on_place_clicked("T074")
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        window.on_place_clicked("pole:9-9bis")
    qtbot.waitUntil(lambda: doc.record is not None and len(doc.record.geometry) > 1,
                    timeout=10_000)
    length = window.route_panel.stat_labels["length"].text()
    assert "dont 0,3 km non relevés" in length

    state = json.loads(js(window.map, "JSON.stringify(Cavalier.state())"))
    assert state["routeUnsurveyed"] >= 1  # the course drawn dashed over the connector
    assert state["legend"] == 4 and "unsurveyed" in state["layers"]
    assert window.map.js_errors == []
    window.map.fit(network_bounds(doc.network))
    qtbot.wait(500)
    window.grab().save(str(tmp_path / "window.png"))

    # Export: the window warns first; Cancel writes nothing, Continue goes on.
    fmt = replace(build_template("trail-pyramides-noires", 2027)[0].formats[0], route=doc.record)
    calls: list[str] = []
    window.confirm_unsurveyed([fmt], lambda: calls.append("export"))
    box = window.unsurveyed_box
    assert box.isVisible() and "0,3 km non relevés" in box.text() and calls == []
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert calls == []
    window.confirm_unsurveyed([fmt], lambda: calls.append("export"))
    window.unsurveyed_box.grab().save(str(tmp_path / "warning.png"))
    next(b for b in window.unsurveyed_box.buttons()
         if b.text() == "Continuer").click()
    assert calls == ["export"]

    event = replace(build_template("trail-pyramides-noires", 2027)[0], formats=(fmt,))
    panel = EventPanel()
    qtbot.addWidget(panel)
    panel.show_project(Project(event, ()), 0)
    route_item = panel.tree.topLevelItem(0).child(0).child(0)
    assert route_item.text(1).endswith("(dont 0,3 km non relevés)")
    page = operations.export_html_map(tmp_path / "carte.html", Project(event, ()),
                                      tiles=False).read_text(encoding="utf-8")
    assert "Tronçon non relevé (ligne droite, à vérifier sur le terrain)" in page
    assert '"dashArray": "8 8"' in page and "Licence Ouverte Etalab 2.0" in page

    window.about_action.trigger()
    about = window.about_box
    assert about.isVisible()
    text = about.text.text()
    for expected in ("Cavalier 0.1.0", "Réseau ouvert", "couches : Couches Mission Bassin "
                     "Minier / UNESCO, Licence Ouverte Etalab 2.0", "ODbL",
                     "© les contributeurs d'OpenStreetMap", "non relevé"):
        assert expected in text, expected
    about.grab().save(str(tmp_path / "about.png"))
    about.close()


def test_surveyed_route_shows_no_note_and_exports_without_question(qtbot, french_app,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path) -> None:
    network = _network(tmp_path / "couches", gap=False)
    route = Router(network).route(["T074", "9-9bis"], "trail")
    stats = route_figures(network, route)
    panel = RoutePanel()
    qtbot.addWidget(panel)
    panel.show_stats(stats)
    assert "non relevé" not in panel.stat_labels["length"].text()
    geodesic = RouteLine(route.coords).length_m / 1000  # the course sheet's length
    shown = f"{geodesic:.2f}".replace(".", ",") + " km"
    assert panel.stat_labels["length"].text().startswith(shown)
