"""End to end: an organiser prepares the Challenge VTT in the main window."""

from __future__ import annotations

import zipfile
from pathlib import Path

import gpxpy
from openpyxl import load_workbook

from app import operations
from app.model import WaypointKind
from app.project_store import open_project


def _wait_route(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Until the route of every stop placed is computed (not an earlier, shorter one)."""
    doc = window.document
    qtbot.waitUntil(lambda: doc.record is not None
                    and len(doc.record.stops) == len(doc.plan.stops), timeout=10_000)


def test_challenge_vtt_from_template_to_saved_project(qtbot, window, js, tmp_path: Path) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    assert doc.project is not None and doc.current_format is not None
    assert doc.current_format.name.startswith("Manche 1 — T074")
    assert window.event_panel.tree.topLevelItem(0).childCount() == 6

    # Round 1 on terril T074: start on the terril, out through the network and back.
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        window.map.run("bridge.placeClicked('T074')")
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        window.map.run("bridge.mapClicked(50.452, 2.80)")
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        window.map.run("bridge.placeClicked('T074')")
    _wait_route(qtbot, window)
    record = doc.current_format.route
    assert record is not None and record.length_km > 1.0
    assert "T074" in record.terrils_visited

    # An aid station, placed with a map click in aid-station mode.
    window.route_panel.set_click_kind("ravitaillement")
    with qtbot.waitSignal(window.map.bridge.clicked, timeout=5000):
        window.map.run("bridge.mapClicked(50.4475, 2.7905)")
    kinds = [w.kind for w in doc.current_format.waypoints]
    assert kinds.count(WaypointKind.AID_STATION) == 1
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.markers().length")
                    == len(doc.plan.stops) + len(doc.plan.waypoints))

    # Exports: the GPX of the round and the budget workbook.
    gpx_path = operations.export_gpx(tmp_path / "manche1.gpx", doc.project.event,
                                     doc.current_format)
    parsed = gpxpy.parse(gpx_path.read_text(encoding="utf-8"))
    assert sum(len(s.points) for t in parsed.tracks for s in t.segments) >= len(record.geometry)
    assert [w.symbol for w in parsed.waypoints].count("Restaurant") == 1  # the aid station
    xlsx_path = operations.export_xlsx(tmp_path / "budget.xlsx", doc.project)
    workbook = load_workbook(xlsx_path)
    assert "Synthèse" in workbook.sheetnames  # the series summary
    assert sum(name.startswith("Manche ") for name in workbook.sheetnames) == 6
    zip_path = operations.export_bundle(tmp_path / "challenge.zip", doc.project.event).files[0]
    with zipfile.ZipFile(zip_path) as archive:
        assert sum(name.endswith(".gpx") for name in archive.namelist()) == 1

    # Save, reopen: the very same project.
    project_path = tmp_path / "challenge.cavalier"
    assert window.save_to(project_path)
    assert not doc.modified
    saved = doc.project
    shown = doc.stats
    assert open_project(project_path) == saved
    window.new_from_template("trail-pyramides-noires", 2026)
    assert window.open_project(project_path)
    assert doc.project == saved
    assert doc.record == record
    # The figures shown before closing, exactly (the course sheet of the same record).
    assert shown is not None and doc.stats == shown
    assert window.map.js_errors == []


def test_undo_redo_every_edit(qtbot, window) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    start = doc.project
    window.on_place_clicked("T074")
    window.on_map_clicked(50.452, 2.80)
    window.route_panel.set_click_kind("secours")
    window.on_map_clicked(50.45, 2.79)
    window.event_panel.field_edited.emit(0, "max_participants", 300)
    window.budget_tab.model.setData(window.budget_tab.model.index(1, 1), "Lots des vainqueurs")
    assert doc.project.budgets[0].lines[1].label == "Lots des vainqueurs"
    assert doc.project.event.formats[0].max_participants == 300
    assert doc.undo_stack.count() == 5
    for _ in range(5):
        window.undo_action.trigger()
    assert doc.plan.stops == ()
    assert doc.project.event.formats[0].waypoints == start.event.formats[0].waypoints
    assert doc.project.budgets == start.budgets
    assert doc.project.event.formats[0].max_participants == 250
    for _ in range(5):
        window.redo_action.trigger()
    assert len(doc.plan.stops) == 2
    assert doc.project.budgets[0].lines[1].label == "Lots des vainqueurs"


def test_undo_of_an_edit_made_on_another_format_returns_to_it(qtbot, window) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T074")
    doc.select_format(2)
    assert doc.plan.stops == ()
    window.undo_action.trigger()
    assert doc.format_index == 0
    assert doc.plan.stops == ()


def test_generate_a_6_km_loop_on_a_terril(qtbot, window) -> None:
    from layer_factory import grid

    from routes.network.model import network_from_layers

    # A synthetic meshed grid around a test terril T074: the default network's old railway lines
    # are nearly a tree, with no 6 km loop free of out-and-back legs.
    window.set_network(network_from_layers(grid(), name="grille de test"))
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T074")
    window.route_panel.target.setValue(6.0)
    with qtbot.waitSignal(window.operation_done, timeout=60_000):
        window.route_panel.generate_buttons["loop"].click()
    assert window.warnings == []
    assert doc.record is None  # candidates proposed, none placed yet
    window.route_panel.candidates.choose_button.click()
    _wait_route(qtbot, window)
    assert doc.plan.stops[0].place_key == "T074"
    assert 4.5 <= doc.record.length_km <= 7.5
