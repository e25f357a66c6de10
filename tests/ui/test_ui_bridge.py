"""The map bridge exercised through real JavaScript in the web view."""

from __future__ import annotations

import json

from app.editing import VIA
from ui.qt import QMenu


def test_javascript_calls_reach_python(qtbot, window, js) -> None:
    bridge = window.map.bridge
    with qtbot.waitSignal(bridge.clicked, timeout=5000) as blocker:
        window.map.run("bridge.mapClicked(50.43, 2.78)")
    assert blocker.args == [50.43, 2.78]
    with qtbot.waitSignal(bridge.place_clicked, timeout=5000) as blocker:
        window.map.run("bridge.placeClicked('T074')")
    assert blocker.args == ["T074"]
    assert window.map.js_errors == []


def test_leaflet_click_adds_a_point_and_the_route_is_drawn_in_place(qtbot, window, js) -> None:
    doc = window.document
    window.on_place_clicked("T074")
    leaflet = "Cavalier.leaflet()"
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        # A real Leaflet click event on the map, as the mouse would fire it.
        window.map.run(f"{leaflet}.fire('click', {{latlng: L.latLng(50.452, 2.80)}});")
    qtbot.waitUntil(lambda: doc.record is not None, timeout=10_000)
    assert [p.kind for p in doc.plan.stops] == [VIA, VIA]
    assert doc.plan.stops[1].lat == 50.452
    state = json.loads(js(window.map, "JSON.stringify(Cavalier.state())"))
    assert state["route"] is True
    assert state["markers"] == 2
    assert "cavaliers" in state["layers"]
    assert window.map.js_errors == []


def test_drag_and_right_click_markers(qtbot, window, js) -> None:
    doc = window.document
    window.on_place_clicked("T074")
    window.on_map_clicked(50.452, 2.80)
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.markers().length") == 2)
    # Drag the second marker (onto the cavalier south of T074, on the network) and fire
    # Leaflet's dragend as a drag would.
    with qtbot.waitSignal(window.map.bridge.marker_moved, timeout=5000) as blocker:
        window.map.run("var m = Cavalier.markers()[1]; m.setLatLng([50.433, 2.8177]);"
                       " m.fire('dragend');")
    assert blocker.args == ["s1", 50.433, 2.8177]
    assert (doc.plan.stops[1].lat, doc.plan.stops[1].lon) == (50.433, 2.8177)
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.markers().length") == 2)
    # A right click opens the point's menu; « Supprimer » removes it.
    with qtbot.waitSignal(window.map.bridge.marker_menu, timeout=5000) as blocker:
        window.map.run("Cavalier.markers()[0].fire('contextmenu', "
                       "{originalEvent: new MouseEvent('contextmenu')});")
    assert blocker.args == ["s0"]
    menu = window.findChild(QMenu, "marker-menu")
    assert [a.text() for a in menu.actions()] == [
        "Supprimer", "Faire de ce point le départ", "Faire de ce point l'arrivée"]
    menu.actions()[0].trigger()
    menu.close()
    assert len(doc.plan.stops) == 1
    assert doc.plan.stops[0].lat == 50.433
    window.undo_action.trigger()
    assert len(doc.plan.stops) == 2
    assert doc.plan.stops[0].place_key == "T074"
    assert window.map.js_errors == []


def test_clicking_a_terril_on_the_map_routes_to_it(qtbot, window, js) -> None:
    window.on_map_clicked(50.452, 2.80)
    # Click the terril's marker in the terrils layer itself.
    script = ("var hit = null; Cavalier.leaflet().eachLayer(function (l) {"
              " if (l.feature && l.feature.properties.key === 'T075' && l.getLatLng) hit = l; });"
              " hit.fire('click', {latlng: hit.getLatLng(),"
              "                    originalEvent: new MouseEvent('click')});"
              " 'clicked';")
    with qtbot.waitSignal(window.map.bridge.place_clicked, timeout=5000):
        # (strings, not booleans, come back from JavaScript: PySide 6.x mis-counts bools)
        assert js(window.map, script) == "clicked"
    assert window.document.plan.stops[-1].place_key == "T075"
    qtbot.waitUntil(lambda: window.document.record is not None, timeout=10_000)
    assert "T075" in window.document.stats.terrils or window.document.stats.length_m > 0


def test_hovering_the_profile_highlights_on_the_map(qtbot, window, js) -> None:
    window.map.highlight(2.79, 50.45)
    count = "(function(){var n=0; Cavalier.leaflet().eachLayer(function(l){" \
            " if (l.options && l.options.fillColor === '#e53935') n++; }); return n;})()"
    qtbot.waitUntil(lambda: js(window.map, count) == 1)
    window.map.highlight(None, None)
    qtbot.waitUntil(lambda: js(window.map, count) == 0)
