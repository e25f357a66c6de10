"""Shaping a course by hand: a point inserted where the course is clicked or dragged (in the
leg under the mouse, one undo step), a point's menu (delete, make it the start or the finish), a
terril's point at its foot on the network, and no progress dialog over an error."""

from __future__ import annotations

import itertools
import json

import pytest

from app.editing import MapPoint, Plan, insert_on_course, leg_at
from routes.geodesy import haversine_m
from routes.progress import OperationCancelled
from ui.dialogs import progress_dialog
from ui.qt import QMenu, QProgressDialog, QTimer
from ui.workers import Job, Runner


def _point_along(coords, share: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(lon, lat) of the course vertex at about ``share`` of its length."""
    steps = [haversine_m(*a[:2], *b[:2]) for a, b in itertools.pairwise(coords)]
    total, run = sum(steps), 0.0
    for i, step in enumerate(steps):
        run += step
        if run >= share * total:
            return coords[i + 1][0], coords[i + 1][1]
    return coords[-1][0], coords[-1][1]


def _wait_route_drawn(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    box: dict[str, object] = {}

    def drawn() -> bool:
        window.map.page().runJavaScript("Cavalier.route() !== null", 0,
                                        lambda r: box.__setitem__("r", r))
        return box.get("r") is True

    qtbot.waitUntil(drawn, timeout=10_000)


def test_leg_at_finds_the_leg_under_a_point() -> None:
    line = [(0.0, 0.0), (0.01, 0.0), (0.02, 0.0), (0.03, 0.0)]
    plan = Plan("trail", (MapPoint("via", 0.0, 0.0), MapPoint("via", 0.02, 0.0),
                          MapPoint("via", 0.03, 0.0)))
    assert leg_at(plan, line, 0.005, 0.0001) == 0
    assert leg_at(plan, line, 0.025, -0.0001) == 1
    edit = insert_on_course(plan, line, (0.025, 0.0), MapPoint("via", 0.025, 0.001, "Point 4"))
    after, inverse = edit.apply(plan)
    assert [p.lon for p in after.stops] == [0.0, 0.02, 0.025, 0.03]
    assert after.stops[2].label == "Point 3"  # automatic names follow the numbers
    assert inverse.apply(after)[0].stops == plan.stops
    # A loop: start and finish at the same place, the click near its end is in the last leg.
    loop = [(0.0, 0.0), (0.01, 0.0), (0.01, 0.01), (0.0, 0.01), (0.0, 0.0)]
    round_plan = Plan("trail", (MapPoint("via", 0.0, 0.0), MapPoint("via", 0.01, 0.01),
                                MapPoint("via", 0.0, 0.0)))
    assert leg_at(round_plan, loop, 0.0001, 0.006) == 1
    assert leg_at(round_plan, loop, 0.006, 0.0001) == 0


def test_a_click_on_the_course_inserts_a_point_in_its_leg(qtbot, challenge_round) -> None:
    doc = challenge_round
    window = doc.parent()
    before = doc.plan.stops
    steps = doc.undo_stack.count()
    # On the leg from the cavalier point to T075 (the last third of the course).
    _wait_route_drawn(qtbot, window)
    lon, lat = _point_along(doc.record.geometry, 0.8)
    with qtbot.waitSignal(window.map.bridge.route_clicked, timeout=5000):
        window.map.run(f"Cavalier.route().fire('mousedown', {{latlng: L.latLng({lat}, {lon})}});"
                       f"Cavalier.leaflet().fire('mouseup', {{latlng: L.latLng({lat}, {lon})}});")
    qtbot.waitUntil(lambda: len(doc.plan.stops) == 4 and not doc.trying, timeout=10_000)
    assert doc.plan.stops[0] == before[0] and doc.plan.stops[1] == before[1]
    assert (doc.plan.stops[2].lon, doc.plan.stops[2].lat) == (lon, lat)
    assert doc.plan.stops[3].place_key == "T075"
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText() == "Insérer un point"
    window.undo_action.trigger()
    assert doc.plan.stops == before
    assert window.map.js_errors == []


def test_dragging_the_course_inserts_a_point_where_it_is_dropped(qtbot, challenge_round) -> None:
    doc = challenge_round
    window = doc.parent()
    before = doc.plan.stops
    _wait_route_drawn(qtbot, window)
    lon, lat = _point_along(doc.record.geometry, 0.2)  # first leg: T074 → the cavalier point
    to_lon, to_lat = lon + 0.0004, lat + 0.0003  # dropped ~45 m away, near the network
    with qtbot.waitSignal(window.map.bridge.route_dragged, timeout=5000) as blocker:
        window.map.run(  # at zoom 16 the drop is ~20 px away: a drag, not a click
            f"Cavalier.leaflet().setView([{lat}, {lon}], 16, {{animate: false}});"
            f"Cavalier.route().fire('mousedown', {{latlng: L.latLng({lat}, {lon})}});"
            f"Cavalier.leaflet().fire('mousemove', {{latlng: L.latLng({to_lat}, {to_lon})}});"
            f"Cavalier.leaflet().fire('mouseup', {{latlng: L.latLng({to_lat}, {to_lon})}});")
    assert blocker.args == pytest.approx([lat, lon, to_lat, to_lon]), window.map.js_errors
    qtbot.waitUntil(lambda: len(doc.plan.stops) == 4 and not doc.trying, timeout=10_000)
    inserted = doc.plan.stops[1]
    assert (inserted.lon, inserted.lat) == pytest.approx((to_lon, to_lat))
    assert (doc.plan.stops[2].lon, doc.plan.stops[2].lat) == (before[1].lon, before[1].lat)
    assert doc.plan.stops[2].label == "Point 3"  # renumbered
    window.undo_action.trigger()
    assert doc.plan.stops == before
    # The drag does not also add a point at the end (the map's click after the drop).
    assert len(doc.plan.stops) == 3
    assert window.map.js_errors == []


def test_a_points_menu_makes_it_the_start_or_the_finish(qtbot, challenge_round) -> None:
    doc = challenge_round
    window = doc.parent()
    before = doc.plan.stops
    menu = window.marker_menu("s2")
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Supprimer", "Faire de ce point le départ", "Faire de ce point l'arrivée",
                     "Couper l'étape ici (nouveau tronçon)"]
    assert not menu.actions()[2].isEnabled()  # already the finish
    assert not menu.actions()[3].isEnabled()  # nothing to split at the finish
    menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: not doc.trying and doc.plan.stops[0] == before[2], timeout=10_000)
    assert [(p.lon, p.lat) for p in doc.plan.stops[1:]] == [(p.lon, p.lat) for p in before[:2]]
    assert doc.undo_stack.undoText() == "Faire de ce point le départ"
    window.undo_action.trigger()
    assert doc.plan.stops == before
    assert isinstance(menu, QMenu)


def test_a_terril_click_puts_the_point_at_its_foot(qtbot, window, js) -> None:
    doc = window.document
    network = doc.network
    window.on_place_clicked("T074")
    place = network.places.get("T074")
    stop = doc.plan.stops[0]
    node = network.graph.nodes[place.node]
    assert (stop.lon, stop.lat) == (node["x"], node["y"])  # where the network reaches it
    assert stop.place_key == "T074"
    summit_m = haversine_m(stop.lon, stop.lat, place.lon, place.lat)
    assert 100 < summit_m < 300
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.markers().length") == 1)
    marker = json.loads(js(window.map, "(function(){var l = Cavalier.markers()[0].getLatLng();"
                                       " return JSON.stringify([l.lat, l.lng]);})()"))
    assert marker == pytest.approx([stop.lat, stop.lon])
    name = window.route_panel.waypoints.item(0, 1).text()
    assert f"au pied du T074, à {summit_m:.0f} m du sommet" in name


def test_a_refused_generation_starts_no_job_and_no_progress_dialog(qtbot, window) -> None:
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T074")
    started: list[Job] = []
    window.runner.start = started.append  # type: ignore[method-assign]
    window.route_panel.generate_buttons["race"].click()
    assert started == []
    assert window.warnings == ["Génération du parcours…: Une course demande un départ et une "
                               "arrivée : placez deux points."]
    assert window.findChildren(QProgressDialog) == []


def test_a_failed_job_closes_its_progress_dialog_before_the_error_shows(qtbot, window) -> None:
    def fail(*, progress, cancel):  # type: ignore[no-untyped-def]
        raise OperationCancelled if cancel() else ValueError("serveur injoignable")

    seen: list[tuple[bool, bool]] = []
    job = Job(fail)
    dialog = progress_dialog(window, "Téléchargement…", job)

    def error_shown(_message: str) -> None:  # what a message box would sit under
        timers = dialog.findChildren(QTimer)
        seen.append((dialog.isVisible(), any(t.isActive() for t in timers)))

    job.failed.connect(error_shown)
    Runner(synchronous=True).start(job)
    assert seen == [(False, False)]


def test_a_reopened_project_shows_the_same_statistics_and_points(qtbot, challenge_round,
                                                                 tmp_path) -> None:
    doc = challenge_round
    window = doc.parent()
    panel = window.route_panel
    shown = {key: label.text() for key, label in panel.stat_labels.items()}
    names = [panel.waypoints.item(r, 1).text() for r in range(panel.waypoints.rowCount())]
    stops = doc.plan.stops
    path = tmp_path / "manche.cavalier"
    assert window.save_to(path)
    window.new_from_template("trail-pyramides-noires", 2027)
    assert window.open_project(path)
    qtbot.waitUntil(lambda: doc.stats is not None, timeout=10_000)
    assert {key: label.text() for key, label in panel.stat_labels.items()} == shown
    # The points on T074 and T075 are recognised at their access: the notes are back.
    assert doc.plan.stops == stops
    assert [panel.waypoints.item(r, 1).text() for r in range(panel.waypoints.rowCount())] \
        == names
    assert any("au pied du T074" in name for name in names)
