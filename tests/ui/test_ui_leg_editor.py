"""The legs of a stage in the window: drawn in their colours, split at a point, a discipline
chosen from a list, a transition and an épreuve added, generation on one leg; each one undo step.

Screenshots (the raid stage with its coloured legs, the leg editor) are written to
``$CAVALIER_SCREENSHOT_DIR`` when it is set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from app.legs import LEG_COLORS, chained, leg_stops
from app.model import LegKind, Pace

SLOW = 30_000


def _state(js, window):  # type: ignore[no-untyped-def]
    return json.loads(js(window.map, "JSON.stringify(Cavalier.state())"))


def _rgb(color: str) -> str:
    """How the page reports a colour set in CSS (« rgb(216, 27, 96) »)."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def _shot(qtbot, widget, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("CAVALIER_SCREENSHOT_DIR")
    if folder:
        qtbot.wait(800)  # the map paints its tiles and lines (screenshots only)
        widget.grab().save(str(Path(folder) / name))


@pytest.fixture
def raid(qtbot, window):  # type: ignore[no-untyped-def]
    """The Raid Bassin Minier's first stage, its legs routed on the embedded network."""
    window.new_from_template("raid-bassin-minier", 2027)
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW) as done:
        window.legs.route_stage()
    assert done.args[0] is not None
    return window.document


def _choose_leg(window, index: int) -> None:  # type: ignore[no-untyped-def]
    """A click on a leg's item in the event tree."""
    item = window.event_panel.leg_item(window.document.format_index, index)
    assert item is not None
    window.event_panel.tree.itemClicked.emit(item, 0)


def test_the_raid_stage_shows_its_legs_in_their_colours(qtbot, window, raid, js) -> None:  # type: ignore[no-untyped-def]
    fmt = raid.current_format
    assert all(leg.route is not None for leg in fmt.legs if leg.kind.moving)
    assert window.undo_action.text() == "Annuler Calculer les tronçons"
    moving = [LEG_COLORS[leg.kind] for leg in fmt.legs if leg.kind.moving]
    sites = [LEG_COLORS[leg.kind] for leg in fmt.legs if not leg.kind.moving]
    geojson = raid.route_geojson()
    assert [f["properties"]["color"] for f in geojson["features"]
            if f["properties"]["role"] == "troncon"] == moving
    qtbot.waitUntil(lambda: _state(js, window)["legs"]["lines"] == moving, timeout=SLOW)
    legs = _state(js, window)["legs"]
    assert legs["sites"] == sites
    # A ring around the route point's marker (22 px wide) standing on its site, not under it.
    assert all(radius > 11 for radius in legs["rings"])
    assert [text for _, text in legs["legend"]] == [
        "Épreuve sur site", "VTT", "Transition", "Trail"]
    assert legs["legend"][1][0] == _rgb(LEG_COLORS[LegKind.VTT])
    assert window.legs.editor.isVisible()
    _shot(qtbot, window, "raid-legs.png")


def test_a_leg_chosen_in_the_tree_gets_its_discipline_from_a_list(qtbot, window, raid, js) -> None:  # type: ignore[no-untyped-def]
    before = raid.current_format
    _choose_leg(window, 1)  # VTT — terrils de Lens et Liévin
    editor = window.legs.editor
    assert window.legs.selected == 1 and editor.leg_box.isVisible()
    assert editor.kind.currentText() == "VTT"
    assert [editor.kind.itemText(i) for i in range(editor.kind.count())] == [
        kind.label for kind in LegKind if kind.moving]
    assert "km" in editor.times.text() and "D+" in editor.times.text()
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.route().getLayers().filter(function (l) "
                               "{ return l.options.weight === 8; }).length") == 1)
    _shot(qtbot, window, "raid-leg-chosen.png")
    _shot(qtbot, editor, "leg-editor.png")

    index = editor.kind.findData(LegKind.TRAIL.value)
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        editor.kind.setCurrentIndex(index)
        editor.kind.activated.emit(index)
    after = raid.current_format
    assert after.legs[1].kind is LegKind.TRAIL
    assert after.legs[1].route is not None and after.legs[1].route.profile == "trail"
    assert after.legs[3].route == before.legs[3].route  # the other legs keep their course
    assert editor.kind.currentText() == "Trail" and window.legs.selected == 1
    qtbot.waitUntil(lambda: _state(js, window)["legs"]["lines"][0]
                    == LEG_COLORS[LegKind.TRAIL], timeout=SLOW)
    window.undo_action.trigger()
    assert raid.current_format.legs[1].kind is LegKind.VTT
    assert raid.current_format.legs[1].route == before.legs[1].route


def test_a_canoe_leg_without_water_is_offered_drawn_by_hand(qtbot, window, raid) -> None:  # type: ignore[no-untyped-def]
    _choose_leg(window, 5)  # Trail — terrils de Drocourt et Courrières
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW) as refused:
        window.legs.set_kind(LegKind.CANOE)
    assert refused.args[0] is None
    box = window.legs.refusal_box
    assert box is not None and "ne connaît aucune voie d'eau" in box.text()
    assert window.legs.hand_button.text() == "Tracer à la main"
    assert raid.current_format.legs[5].kind is LegKind.TRAIL
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        window.legs.hand_button.click()
    leg = raid.current_format.legs[5]
    assert leg.kind is LegKind.CANOE and leg.hand_drawn
    assert leg.route is not None and leg.route.stats["hand_drawn"]
    assert window.legs.editor.hand_drawn.isChecked()


def test_a_transition_and_an_epreuve_are_added_after_the_chosen_leg(qtbot, window, raid) -> None:  # type: ignore[no-untyped-def]
    count = len(raid.current_format.legs)
    _choose_leg(window, 3)  # VTT — cavaliers de la Gohelle, to T101
    editor = window.legs.editor
    editor.epreuve_minutes.setValue(40)
    editor.epreuve_limit.setValue(60)
    editor.epreuve_name.setText("Tir à la sarbacane")
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        editor.epreuve_button.click()
    legs = raid.current_format.legs
    assert len(legs) == count + 1
    assert legs[4].kind is LegKind.EPREUVE and legs[4].name == "Tir à la sarbacane"
    assert legs[4].duration == dt.timedelta(minutes=40)
    assert legs[4].limit == dt.timedelta(minutes=60)
    assert legs[4].start is not None and legs[4].start.label == legs[3].end.label
    editor.transition_minutes.setValue(15)
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        editor.transition_button.click()
    legs = raid.current_format.legs
    assert legs[4].kind is LegKind.TRANSITION and legs[4].duration == dt.timedelta(minutes=15)
    tree = window.event_panel.leg_item(raid.format_index, 4)
    assert tree is not None and tree.text(0) == "Transition — zone de transition"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert len(raid.current_format.legs) == count


def test_splitting_a_course_at_a_point_makes_two_legs(qtbot, window, challenge_round, js) -> None:  # type: ignore[no-untyped-def]
    doc = challenge_round
    before = doc.current_format
    assert not before.legs
    menu = window.marker_menu("s1")
    split = next(a for a in menu.actions() if a.objectName() == "split-stage")
    assert split.text() == "Couper l'étape ici (nouveau tronçon)" and split.isEnabled()
    first = next(a for a in window.marker_menu("s0").actions()
                 if a.objectName() == "split-stage")
    assert not first.isEnabled()  # the start: nothing to split
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        split.trigger()
    fmt = doc.current_format
    assert [leg.kind for leg in fmt.legs] == [LegKind.VTT, LegKind.VTT]
    assert fmt.legs[0].end == before.route.stops[1] == fmt.legs[1].start
    assert fmt.route.length_km == pytest.approx(before.route.length_km, abs=0.001)
    assert len(doc.plan.stops) == 3  # the same points on the map
    qtbot.waitUntil(lambda: _state(js, window)["legs"]["lines"]
                    == [LEG_COLORS[LegKind.VTT]] * 2, timeout=SLOW)
    assert window.event_panel.leg_item(doc.format_index, 1) is not None
    window.undo_action.trigger()
    assert doc.current_format.legs == () and doc.current_format.route == before.route
    qtbot.waitUntil(lambda: _state(js, window)["legs"]["lines"] == [], timeout=SLOW)


def test_generation_on_a_chosen_leg_replaces_that_leg_only(qtbot, window, raid) -> None:  # type: ignore[no-untyped-def]
    before = raid.current_format
    _choose_leg(window, 9)  # Trail — arrivée au 9-9bis, from T116
    with qtbot.waitSignal(window.operation_done, timeout=SLOW * 2) as generated:
        job = window.generate("loop", 3.0)
        assert job is not None
    assert generated.args[0] is not None
    candidates = window.candidates.candidates
    assert candidates, "no loop proposed"
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        window.candidates.choose(0)
    after = raid.current_format
    leg = after.legs[9]
    assert leg.route is not None and leg.route.profile == "trail"
    assert leg.start == before.legs[9].start and leg.end == before.legs[9].start  # a loop
    assert after.legs[:9] == before.legs[:9]
    assert window.undo_action.text() == "Annuler Générer le parcours d'un tronçon"


def test_route_points_of_a_stage_with_legs_are_the_legs_points(qtbot, window, raid) -> None:  # type: ignore[no-untyped-def]
    before = raid.current_format
    stops = before.route.stops
    assert stops[1].label.startswith("T081")  # a point inside « VTT — terrils de Lens… »
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW) as moved:
        window.on_marker_moved("s1", stops[1].lat + 0.002, stops[1].lon)
    assert moved.args[0] is not None
    after = raid.current_format
    assert after.legs[1].via[0].lat == pytest.approx(stops[1].lat + 0.002)
    assert after.legs[3].route == before.legs[3].route
    assert after.route is not None and after.route.stops[1].label == stops[1].label
    assert raid.route_geojson()["legend"]  # still drawn leg by leg
    with qtbot.waitSignal(raid.edit_refused, timeout=SLOW) as refused:
        window.on_marker_deleted("s2")  # T075: the end of a leg
    assert "commence ou termine un tronçon" in refused.args[0]
    window.undo_action.trigger()
    assert raid.current_format.legs[1].via == before.legs[1].via

    window.route_panel.set_click_kind("ravitaillement")
    window.on_map_clicked(50.43, 2.80)  # a waypoint: the legs' course stays as it is
    qtbot.waitUntil(lambda: len(raid.current_format.waypoints) == len(before.waypoints) + 1)
    assert raid.current_format.route == before.route
    assert raid.route_geojson()["legend"]


def test_generation_on_a_stage_with_legs_asks_for_a_leg(window, raid) -> None:  # type: ignore[no-untyped-def]
    assert window.generate("loop", 5.0) is None
    assert "Choisissez d'abord un tronçon" in window.warnings[-1]


def test_a_legs_name_pace_and_times_are_edited_in_the_editor(qtbot, window, raid) -> None:  # type: ignore[no-untyped-def]
    before = raid.current_format
    _choose_leg(window, 1)  # VTT — terrils de Lens et Liévin
    editor = window.legs.editor
    assert editor.pace_speed.isVisible() and not editor.leg_duration.isVisible()
    assert editor.leg_name.text() == "terrils de Lens et Liévin"
    assert [f.text() for f in (editor.pace_speed, editor.pace_closing, editor.pace_climb)] \
        == ["", "", ""]
    assert [f.placeholderText() for f in (editor.pace_speed, editor.pace_closing,
                                          editor.pace_climb)] == ["15", "10", "500"]
    editor.leg_name.setText("terrils du Louvre-Lens")
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        editor.leg_name.editingFinished.emit()
    assert raid.current_format.legs[1].name == "terrils du Louvre-Lens"
    assert window.undo_action.text() == "Annuler Renommer un tronçon"
    item = window.event_panel.leg_item(raid.format_index, 1)
    assert item is not None and "terrils du Louvre-Lens" in item.text(0)
    times = editor.times.text()
    editor.pace_speed.setText("12,5")
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        editor.pace_speed.editingFinished.emit()
    leg = raid.current_format.legs[1]
    assert leg.pace == Pace(12.5, 10.0, 500.0)
    assert leg.route == before.legs[1].route  # no routing: the times change
    assert window.undo_action.text() == "Annuler Changer l'allure d'un tronçon"
    assert editor.pace_speed.text() == "12,5" and window.legs.selected == 1
    qtbot.waitUntil(lambda: editor.times.text() not in ("—", times), timeout=SLOW)
    editor.pace_closing.setText("20")  # faster than mid-pack: refused, the pace stays
    editor.pace_closing.editingFinished.emit()
    assert "Allure invalide" in window.warnings[-1]
    assert raid.current_format.legs[1].pace == Pace(12.5, 10.0, 500.0)
    assert editor.pace_closing.text() == ""

    _choose_leg(window, 4)  # Transition — parc à vélos de Drocourt, 10 min
    assert editor.leg_duration.isVisible() and not editor.pace_climb.isVisible()
    assert editor.leg_duration.value() == 10 and editor.leg_limit.text() == "par défaut"
    editor.leg_duration.setValue(20)
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        editor.leg_duration.editingFinished.emit()
    assert raid.current_format.legs[4].duration == dt.timedelta(minutes=20)
    assert raid.current_format.legs[5].route == before.legs[5].route
    editor.leg_limit.setValue(15)  # shorter than the duration: refused, the limit shown again
    editor.leg_limit.editingFinished.emit()
    assert "plus court que la durée" in window.warnings[-1]
    assert raid.current_format.legs[4].limit is None and editor.leg_limit.value() == 0
    index = editor.kind.findData(LegKind.EPREUVE.value)
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        editor.kind.setCurrentIndex(index)
        editor.kind.activated.emit(index)
    leg = raid.current_format.legs[4]
    assert leg.kind is LegKind.EPREUVE and leg.duration == dt.timedelta(minutes=20)
    assert editor.kind.currentText() == "Épreuve sur site"
    for _ in range(4):
        window.undo_action.trigger()
    assert raid.current_format.legs == before.legs


def test_the_profile_list_is_the_chosen_legs(qtbot, window, raid) -> None:  # type: ignore[no-untyped-def]
    combo = window.route_panel.profile
    warnings = len(window.warnings)
    assert not combo.isEnabled() and combo.toolTip() == "Chaque tronçon a son profil"
    assert combo.currentText() == ""  # not « Raid multisport »: no one profile
    _choose_leg(window, 1)  # VTT
    assert combo.isEnabled() and combo.currentData() == "vtt"
    index = combo.findData("rando")
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW):
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
    leg = raid.current_format.legs[1]
    assert leg.profile == "rando" and leg.route is not None and leg.route.profile == "rando"
    assert combo.currentData() == "rando" and combo.isEnabled()
    assert window.undo_action.text() == "Annuler Changer le profil d'un tronçon"
    _choose_leg(window, 2)  # an épreuve: no course
    assert not combo.isEnabled() and combo.currentText() == ""
    assert combo.toolTip() == "Une épreuve ou une transition n'a pas de parcours"
    _choose_leg(window, 5)  # Trail
    assert combo.currentData() == "trail"
    window.legs.editor.whole_button.click()
    assert not combo.isEnabled() and combo.toolTip() == "Chaque tronçon a son profil"
    assert len(window.warnings) == warnings  # no refusal box
    window.undo_action.trigger()
    assert raid.current_format.legs[1].profile == ""
    window.new_from_template("challenge-vtt-xc", 2026)  # a format without legs: its profile
    assert combo.isEnabled() and combo.currentData() == "vtt" and combo.toolTip() == ""


def test_variants_on_a_chosen_leg_replace_that_leg_only(qtbot, window, raid) -> None:  # type: ignore[no-untyped-def]
    """« Variantes » with a leg chosen: a course differing from that leg's, between its ends,
    with its profile, by the generator the command line calls."""
    before = raid.current_format
    _choose_leg(window, 1)  # VTT — terrils de Lens et Liévin, 9 km
    with qtbot.waitSignal(window.operation_done, timeout=SLOW * 2) as generated:
        job = window.generate("variants", before.legs[1].route.length_km)
        assert job is not None
    assert generated.args[0] is not None, window.status.text()
    assert window.candidates.candidates, "no variant proposed"
    with qtbot.waitSignal(window.legs.leg_edit_done, timeout=SLOW) as placed:
        window.candidates.choose(0)
    assert placed.args[0] is not None
    after = raid.current_format
    leg, old = chained(after.legs)[1], chained(before.legs)[1]
    assert leg.route is not None and leg.route.profile == "vtt"
    assert leg.route.geometry != old.route.geometry
    assert (leg_stops(leg)[0], leg_stops(leg)[-1]) == (leg_stops(old)[0], leg_stops(old)[-1])
    assert after.legs[0] == before.legs[0] and after.legs[3:] == before.legs[3:]
    assert window.undo_action.text() == "Annuler Générer le parcours d'un tronçon"
