"""Issue 16: a map edit that cannot be routed is refused visibly and leaves the course as it was
(course, figures, markers, undo history), on the embedded network with the real map."""

from __future__ import annotations

import json

import networkx as nx

from app.editing import VIA, MapPoint
from ui.document import MAX_STOP_OFF_NETWORK_M, stop_off_network_m

#: A field south-west of Liévin, about 2 km from every line of the embedded network.
FAR_LAT, FAR_LON = 50.3811, 2.7654


def test_the_far_point_is_about_two_km_off(network) -> None:
    distance = stop_off_network_m(network, MapPoint(VIA, FAR_LON, FAR_LAT))
    assert 1900 < distance < 2200
    assert distance > MAX_STOP_OFF_NETWORK_M


def test_dragging_a_stop_off_the_network_is_refused(challenge_round, qtbot, window, js) -> None:
    doc = challenge_round
    record, stats, plan = doc.record, doc.stats, doc.plan
    figures = {key: label.text() for key, label in window.route_panel.stat_labels.items()}
    assert figures["length"] != "—"
    count = doc.undo_stack.count()
    markers = len(plan.stops) + len(plan.waypoints)
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.markers().length") == markers)
    with qtbot.waitSignal(doc.edit_refused, timeout=10_000) as refused:
        window.map.run(f"var m = Cavalier.markers()[1]; m.setLatLng([{FAR_LAT}, {FAR_LON}]);"
                       " m.fire('dragend');")
    message = refused.args[0]
    assert message.startswith("Point 2 à 2,")
    assert "km du réseau le plus proche : déplacement refusé" in message
    assert "." not in message.split("refusé")[0]  # French decimals only
    # Nothing changed: course, figures, plan, history.
    assert doc.record is record and doc.stats is stats and doc.plan is plan
    assert doc.current_format.route is record
    assert {key: label.text() for key, label in window.route_panel.stat_labels.items()} \
        == figures
    assert doc.undo_stack.count() == count
    assert window.status.text() == message
    # The marker is back where it was, the banner says why.
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.markers()[1].getLatLng().lat")
                    == plan.stops[1].lat)
    state = json.loads(js(window.map, "JSON.stringify(Cavalier.state())"))
    assert state["notice"] == message and state["route"] is True
    # Ctrl+Z undoes the previous real edit (adding T075) and clears the message.
    window.undo_action.trigger()
    assert [p.place_key for p in doc.plan.stops] == ["T074", ""]
    assert window.status.text() == ""
    qtbot.waitUntil(lambda: json.loads(js(window.map, "JSON.stringify(Cavalier.state())"))
                    ["notice"] is None)
    assert window.map.js_errors == []


def test_clicking_far_from_the_network_adds_no_point(challenge_round, qtbot, window) -> None:
    doc = challenge_round
    count, record = doc.undo_stack.count(), doc.record
    with qtbot.waitSignal(doc.edit_refused, timeout=10_000) as refused:
        window.on_map_clicked(FAR_LAT, FAR_LON)
    assert "ajout refusé" in refused.args[0]
    assert len(doc.plan.stops) == 3 and doc.record is record
    assert doc.undo_stack.count() == count


def test_an_edit_that_routes_goes_through_once(challenge_round, qtbot, window) -> None:
    doc = challenge_round
    count, done = doc.undo_stack.count(), doc.route_requests_done
    window.on_marker_moved("s1", 50.433, 2.8177)  # on the cavalier south of T074
    assert doc.undo_stack.count() == count + 1
    assert doc.plan.stops[1].lat == 50.433 and doc.record is not None
    assert doc.route_requests_done == done + 1  # the tried route is shown, not computed again
    window.undo_action.trigger()
    assert doc.plan.stops[1].lat == 50.42308


def test_quick_edits_wait_for_the_one_being_tried(qtbot, french_app, network) -> None:
    """With routes computed in a worker, clicks made while an edit is tried are tried next, in
    order, each on the plan the organiser sees."""
    from app.editing import Insert
    from ui.document import Document
    from ui.workers import Runner

    runner = Runner()
    doc = Document(runner)
    doc.set_network(network)
    points = [doc.place_point("T074"), MapPoint(VIA, 2.82039, 50.42308, "Point 2"),
              doc.place_point("T075"), MapPoint(VIA, FAR_LON, FAR_LAT, "Point 4")]
    for point in points:
        assert point is not None
        doc.edit(Insert("s", len(doc.pending_plan.stops), point))
    assert doc.trying and len(doc.pending_plan.stops) == 4
    refusals: list[str] = []
    doc.edit_refused.connect(refusals.append)
    qtbot.waitUntil(lambda: not doc.trying and bool(refusals), timeout=30_000)
    assert [p.place_key for p in doc.plan.stops] == ["T074", "", "T075"]
    assert doc.undo_stack.count() == 3 and doc.record is not None
    assert refusals == ["Point 4 à 2,0 km du réseau le plus proche : ajout refusé"]
    runner.shutdown()


def test_a_move_onto_a_separate_part_of_the_network_is_refused(challenge_round, qtbot,
                                                               window) -> None:
    """A line of the embedded network south of Liévin joined to nothing else: close to the
    network, but no route reaches it."""
    doc = challenge_round
    record, count = doc.record, doc.undo_stack.count()
    node = doc.network.nearest_node(2.80992, 50.38062)[0]
    assert node not in max(nx.weakly_connected_components(doc.network.graph), key=len)
    with qtbot.waitSignal(doc.edit_refused, timeout=10_000) as refused:
        window.on_marker_moved("s1", 50.38062, 2.80992)
    message = refused.args[0]
    assert message.startswith("Point 2 : déplacement refusé — ")
    assert "est sur une partie de 1,3 km" in message  # French decimals from the router
    assert "aucune liaison" in message
    assert doc.record is record and doc.undo_stack.count() == count
    assert window.status.text() == message
