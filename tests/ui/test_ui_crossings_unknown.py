"""The route panel says crossings are unknown on a network without roads, never « 0 »."""

from __future__ import annotations

from pathlib import Path

from osm.crossing_scene import write_scene

from app.route_stats import route_figures
from routes.network.model import Network, gazetteer_for
from routes.osm.importer import import_osm
from routes.search.routing import Router
from ui.route_panel import RoutePanel


def _panel_text(qtbot, tmp_path: Path, roads: bool) -> str:  # type: ignore[no-untyped-def]
    graph = import_osm(write_scene(tmp_path / f"scene-{roads}.osm.pbf", roads=roads)).graph
    network = Network(graph, gazetteer_for(graph, None), "scène")
    route = Router(network).route(["50.444, 2.761", "50.444, 2.799"], "rando")
    panel = RoutePanel()
    qtbot.addWidget(panel)
    panel.show_stats(route_figures(network, route))
    panel.grab().save(str(tmp_path / f"panel-{roads}.png"))
    return str(panel.stat_labels["ruptures"].text())


def test_route_panel_crossings(qtbot, french_app, tmp_path: Path) -> None:
    assert _panel_text(qtbot, tmp_path, roads=False) == "traversées inconnues (réseau sans routes)"
    # Named as the roadbook and the dossier name them (the course sheet's crossings).
    text = _panel_text(qtbot, tmp_path, roads=True)
    assert text.startswith("2 (Traversée de la D943") and "Passage à niveau" in text
