"""Generated courses as candidates in the window: drawn, listed, chosen or dropped; the stops kept;
point names following their numbers; waypoints left off a new course flagged."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from layer_factory import write_grid_folder

from app.cli import build_parser, main
from app.cli.common import network_from_args
from app.course_waypoints import OFF_COURSE_M
from routes.frenchfmt import km, percent
from routes.geodesy import haversine_m
from ui.qt import QLocale, QMenu

LOOP_ARGS = ["--start", "T074", "--length", "6km", "--profile", "vtt"]


@pytest.fixture(scope="module")
def grid_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SYNTHETIC meshed grid around a test terril T074, as a user's layers folder: the
    embedded network's old railway lines are nearly a tree, without 6 km loops."""
    return write_grid_folder(tmp_path_factory.mktemp("grille"))


def _grid_window(window, grid_folder: Path):  # type: ignore[no-untyped-def]
    """The window on the network the command line builds from the same folder."""
    args = build_parser().parse_args(["loop", "--layers", str(grid_folder), *LOOP_ARGS])
    window.set_network(network_from_args(args))
    window.new_from_template("challenge-vtt-xc", 2026)
    assert window.document.plan.profile == "vtt"
    return window.document


def _generate_loop(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.on_place_clicked("T074")
    window.route_panel.target.setValue(6.0)
    with qtbot.waitSignal(window.operation_done, timeout=60_000):
        window.route_panel.generate_buttons["loop"].click()
    assert window.warnings == []


def _line_km(coords) -> float:  # type: ignore[no-untyped-def]
    return sum(haversine_m(*a, *b) for a, b in itertools.pairwise(coords)) / 1000


def test_loop_candidates_listed_drawn_and_one_chosen_in_one_undo_step(
        qtbot, window, js, grid_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _grid_window(window, grid_folder)
    _generate_loop(qtbot, window)
    before, steps = doc.plan, doc.undo_stack.count()
    candidates = window.candidates.candidates
    assert len(candidates) == 3
    assert doc.plan.stops == before.stops and len(doc.plan.stops) == 1  # nothing applied yet

    # Listed: one row per candidate, the best selected; drawn: three lines, three colours.
    panel = window.route_panel.candidates
    assert panel.isVisible() and panel.table.rowCount() == 3
    assert panel.selected_row() == 0
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.candidates().length") == 3)
    drawn = json.loads(js(window.map, "JSON.stringify(Cavalier.candidates())"))
    assert len({c["color"] for c in drawn}) == 3
    assert [c["selected"] for c in drawn] == [True, False, False]

    # The same figures as the command line's for the same request (the same generator).
    assert main(["loop", "--layers", str(grid_folder), *LOOP_ARGS]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines()
             if re.match(r"\s+\d\. ", line)]
    assert len(lines) == 3
    locale = QLocale()
    for row, (candidate, line) in enumerate(zip(candidates, lines, strict=True)):
        assert line.strip().startswith(f"{row + 1}. {km(candidate.length_m, 2)} ")
        assert f"repris {km(candidate.reused_m, 2)}" in line
        assert f"cavaliers {percent(candidate.cavalier_share)}" in line
        cell = panel.table.item(row, 1).text()
        assert cell == locale.toString(candidate.length_m / 1000, "f", 2)
        assert cell == re.match(r"[\d,]+", km(candidate.length_m, 2)).group()  # as printed

    # Hovering or selecting the second brings it forward on the map.
    panel.select(1)
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.candidates()[1].selected") is True)
    assert js(window.map, "Cavalier.candidates()[0].selected") is False
    panel.hovered.emit(2)  # the mouse over the third row: the third course forward
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.candidates()[2].weight") == 7)
    panel.hovered.emit(-1)  # left the table: back to the selected one
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.candidates()[1].weight") == 7)
    assert js(window.map, "Cavalier.candidates()[2].weight") == 5

    # « Choose »: one undoable edit, a few draggable stops, the generated course exactly.
    chosen = candidates[1]
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        panel.choose_button.click()
    assert doc.undo_stack.count() == steps + 1
    assert 3 <= len(doc.plan.stops) <= 8
    assert doc.record is not None
    assert doc.record.stats["length_m"] == pytest.approx(chosen.length_m, rel=0.01)
    assert _line_km(doc.record.geometry) == pytest.approx(_line_km(chosen.coords), rel=0.01)
    assert not panel.isVisible()
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.candidates().length") == 0)

    # Re-routing through the kept stops (a stop edited) gives back the same course.
    from routes.search.routing import Router

    inputs = [doc.network.places.get(p.place_key) if p.place_key else (p.lon, p.lat)
              for p in doc.plan.stops]
    rerouted = Router(doc.network).route(inputs, doc.plan.profile)
    assert rerouted.length_m == pytest.approx(chosen.length_m, rel=0.01)

    # One undo: the previous course (the start alone) again.
    window.undo_action.trigger()
    assert doc.plan == before
    assert window.map.js_errors == []


def test_cancel_leaves_the_course_untouched(qtbot, window, js, grid_folder: Path) -> None:
    doc = _grid_window(window, grid_folder)
    _generate_loop(qtbot, window)
    before, steps = doc.plan, doc.undo_stack.count()
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.candidates().length") == 3)
    window.route_panel.candidates.cancel_button.click()
    assert doc.plan == before and doc.undo_stack.count() == steps
    assert window.candidates.candidates == []
    assert not window.route_panel.candidates.isVisible()
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.candidates().length") == 0)


def _table_names(window) -> list[str]:  # type: ignore[no-untyped-def]
    """Names of the route points in the table (the template's waypoints follow them)."""
    table = window.route_panel.waypoints
    ids = window.route_panel._ids
    return [table.item(row, 1).text() for row in range(table.rowCount())
            if ids[row].startswith("s")]


def test_deleting_a_point_renumbers_the_table_and_the_map(qtbot, window, js) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    for lat, lon in ((50.452, 2.80), (50.447, 2.79), (50.448, 2.81)):  # all near the network
        window.on_map_clicked(lat, lon)
    # Each click is tried (routed) before it is made.
    qtbot.waitUntil(lambda: not doc.trying and len(doc.plan.stops) == 3, timeout=10_000)
    assert _table_names(window) == ["Point 1", "Point 2", "Point 3"]
    with qtbot.waitSignal(window.map.bridge.marker_menu, timeout=5000):
        window.map.run("Cavalier.markers()[0].fire('contextmenu', "
                       "{originalEvent: new MouseEvent('contextmenu')});")
    menu = window.findChild(QMenu, "marker-menu")
    menu.actions()[0].trigger()  # « Supprimer »
    menu.close()
    qtbot.waitUntil(lambda: not doc.trying and len(doc.plan.stops) == 2, timeout=10_000)
    assert [p.label for p in doc.plan.stops] == ["Point 1", "Point 2"]
    assert _table_names(window) == ["Point 1", "Point 2"]
    script = ("JSON.stringify(Cavalier.markers().slice(0, 2).map(function (m) { "
              "return [m.options.title, m.getElement().textContent]; }))")
    qtbot.waitUntil(lambda: json.loads(js(window.map, script))
                    == [["Point 1", "1"], ["Point 2", "2"]])
    window.undo_action.trigger()
    assert _table_names(window) == ["Point 1", "Point 2", "Point 3"]
    assert doc.plan.stops[0].lat == pytest.approx(50.452)


def test_waypoint_left_off_the_new_course_is_flagged(qtbot, window, js,
                                                       grid_folder: Path) -> None:
    doc = _grid_window(window, grid_folder)
    _generate_loop(qtbot, window)
    course = window.candidates.candidates[0].coords
    on_course = course[len(course) // 3]
    graph = doc.network.graph
    far = max(((d["x"], d["y"]) for _, d in graph.nodes(data=True)),
              key=lambda xy: min(haversine_m(*xy, *c) for c in course))
    window.route_panel.set_click_kind("ravitaillement")
    window.on_map_clicked(on_course[1], on_course[0])
    window.route_panel.set_click_kind("secours")
    window.on_map_clicked(far[1], far[0])
    added = len(doc.plan.waypoints) - 2, len(doc.plan.waypoints) - 1
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        window.route_panel.candidates.choose_button.click()

    positions = window.waypoint_follower.positions
    near, away = (positions[i] for i in added)
    assert not near.off_course and away.off_course and away.off_m > OFF_COURSE_M
    table = window.route_panel.waypoints
    ids = window.route_panel._ids
    near_row, far_row = (ids.index(f"w{i}") for i in added)
    # Near the course: its km along it; off it: orange, with how far in French.
    assert table.item(near_row, 3).text() == QLocale().toString(near.along_m / 1000, "f", 2)
    assert "du parcours" not in table.item(near_row, 1).toolTip()
    tip = table.item(far_row, 1).toolTip().split("\n")[0]
    assert re.fullmatch(r"à \d+(,\d)? (m|km) du parcours", tip), tip
    assert table.item(far_row, 1).background().color().name() == "#ffcc80"
    off = sum(p.off_course for p in positions)
    status = window.status.text()
    assert status.startswith(f"Repères hors du parcours (à plus de 50 m) : {off} — ")
    assert doc.plan.waypoints[added[1]].label in status
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.state().offCourse") == off)

    # Dragged back onto the course, it is no longer flagged and gets its km.
    chosen = doc.record.geometry
    spot = chosen[len(chosen) // 2]
    window.on_marker_moved(f"w{added[1]}", spot[1], spot[0])
    moved = window.waypoint_follower.positions[added[1]]
    assert not moved.off_course
    row = window.route_panel._ids.index(f"w{added[1]}")
    assert "du parcours" not in table.item(row, 1).toolTip()
    assert table.item(row, 3).text() == QLocale().toString(
        moved.along_m / 1000, "f", 2)
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.state().offCourse") == off - 1)


def test_race_candidates_keep_their_terrils_as_stops(qtbot, window, js) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T144")
    window.on_place_clicked("T171")
    window.route_panel.target.setValue(30.0)
    with qtbot.waitSignal(window.operation_done, timeout=60_000):
        window.route_panel.generate_buttons["race"].click()
    assert window.warnings == []
    candidates = window.candidates.candidates
    # Distinct: the generator's alternatives through a neighbouring terril on the same paths
    # (98,7 % of the streets, 6 m apart) are one course.
    assert 1 <= len(candidates) <= 3
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.candidates().length") == len(candidates))
    window.route_panel.candidates.select(len(candidates) - 1)
    chosen = candidates[-1]
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        window.route_panel.candidates.choose_button.click()
    keys = [p.place_key for p in doc.plan.stops]
    assert keys[0] == "T144" and keys[-1] == "T171"
    terrils = [k for k in keys[1:-1] if k]
    assert terrils == [k for k in doc.record.terrils_visited if k in terrils]
    assert len(terrils) >= 3 and len(doc.plan.stops) <= 10
    assert doc.record.stats["length_m"] == pytest.approx(chosen.length_m, rel=0.01)
