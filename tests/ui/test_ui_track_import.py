"""Issue 16: « Fichier › Importer › Trace GPX… » shows the track first, matches it on demand and
replaces the course only with the organiser's consent (one undo step)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from app.route_stats import route_figures
from routes.frenchfmt import km_text
from routes.search.routing import Router
from ui.qt import QMessageBox


def recorded_track(network, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A recording of T074 → 9-9bis along the network, with a 400 m out-and-back walk into a
    field half-way (off every line of the network: it must come out as unsurveyed)."""
    route = Router(network).route(["T074", "9-9bis"], "trail")
    coords = [(float(x), float(y)) for x, y in route.coords]
    mid = len(coords) // 2
    (lon0, lat0), (lon1, lat1) = coords[mid], coords[mid + 1]
    scale = math.cos(math.radians(lat0))
    dx, dy = (lon1 - lon0) * scale, lat1 - lat0
    norm = math.hypot(dx, dy)
    per_m = 1 / 111_320
    walk = [(lon0 - dy / norm * d * per_m / scale, lat0 + dx / norm * d * per_m)
            for d in range(20, 420, 20)]
    points = coords[: mid + 1] + walk + walk[::-1] + coords[mid:]
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Cavalier tests" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Reco T074 - 9-9bis</name><trkseg>'
        + "".join(f'<trkpt lat="{lat:.6f}" lon="{lon:.6f}"/>' for lon, lat in points)
        + "</trkseg></trk></gpx>\n", encoding="utf-8")
    return path


def _state(js, window) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(js(window.map, "JSON.stringify(Cavalier.state())"))


def _import(qtbot, window, network, tmp_path: Path):  # type: ignore[no-untyped-def]
    flow = window.track_import
    with qtbot.waitSignal(flow.shown, timeout=30_000):
        flow.read(recorded_track(network, tmp_path / "reco.gpx"))
    return flow


def _match(qtbot, flow):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(flow.matched, timeout=60_000):
        flow.panel.match_button.click()
    return flow.report_box


def _click(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


def test_imported_track_is_shown_and_the_course_unchanged(challenge_round, qtbot, window, js,
                                                          network, tmp_path: Path) -> None:
    doc = challenge_round
    record, plan, count = doc.record, doc.plan, doc.undo_stack.count()
    flow = _import(qtbot, window, network, tmp_path)
    assert doc.record is record and doc.plan is plan and doc.undo_stack.count() == count
    assert flow.dock.isVisible()
    assert flow.panel.title.text().startswith("Trace importée (non calée)")
    figures = flow.panel.figures.text()
    assert f"Longueur : {km_text(flow.track.length_m, 2)}" in figures
    assert f"Points : {len(flow.track.points)}" in figures
    # The 40 points of the walk in the field are off the network, nearly all the others on it.
    share = int(re.search(r"À moins de 25 m du réseau : (\d+)\u00a0%", figures).group(1))
    assert 100 * (len(flow.track.points) - 45) / len(flow.track.points) <= share < 100
    qtbot.waitUntil(lambda: _state(js, window)["imported"] == ["recorded"])
    legend = js(window.map, "document.querySelector('.cavalier-imported-legend').textContent")
    assert legend == "Trace importée (non calée)"
    assert _state(js, window)["route"] is True
    # The layer can be removed; the course stays.
    flow.panel.remove_button.click()
    qtbot.waitUntil(lambda: _state(js, window)["imported"] is None)
    assert not flow.dock.isVisible() and doc.record is record
    assert window.map.js_errors == []


def test_match_report_then_replace_as_one_undo_step(challenge_round, qtbot, window, js, network,
                                                    tmp_path: Path) -> None:
    doc = challenge_round
    record, count = doc.record, doc.undo_stack.count()
    flow = _import(qtbot, window, network, tmp_path)
    report = _match(qtbot, flow)
    text = report.text()
    summary = flow.summary
    recorded = Router(network).route(["T074", "9-9bis"], "trail")
    assert abs(summary.matched_m - recorded.length_m) < 0.01 * recorded.length_m
    # the walk: 400 m out and back, from the last point on the network to the next one
    assert 700 < summary.off_network_m < 840 and summary.flagged_parts == 1
    assert summary.max_gap_m == summary.off_network_m
    assert f"Calé sur le réseau : {km_text(summary.matched_m, 2)}" in text
    assert f"Hors réseau : {km_text(summary.off_network_m, 2)}" in text
    assert "« non relevé »" in text and "Plus grand écart : " in text
    qtbot.waitUntil(lambda: sorted(set(_state(js, window)["imported"])) == ["off", "on"])
    assert doc.record is record  # nothing replaced before the question
    _click(report, "Utiliser comme parcours…")
    question = flow.replace_box
    assert question is not None
    assert question.text() == f"Remplacer le parcours actuel de « {doc.current_format.name} » ?"
    assert doc.record is record
    _click(question, "Remplacer")
    qtbot.waitUntil(lambda: doc.undo_stack.count() == count + 1, timeout=20_000)
    assert doc.record is not None and doc.record is not record
    # The matched path: the recorded course exactly, the walk in the field left out (its
    # unsurveyed metres are those of the course itself, not 800 m more).
    assert doc.plan.course_nodes
    assert abs(doc.record.length_km * 1000 - recorded.length_m) < 50
    assert doc.stats is not None
    assert abs(doc.stats.unsurveyed_m - route_figures(network, recorded).unsurveyed_m) < 1
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: doc.record is not None
                    and abs(doc.record.length_km - record.length_km) < 1e-6, timeout=10_000)
    assert [p.place_key for p in doc.plan.stops] == ["T074", "", "T075"]
    assert window.map.js_errors == []


def test_declining_keeps_the_course_and_the_track(challenge_round, qtbot, window, js, network,
                                                  tmp_path: Path) -> None:
    doc = challenge_round
    record, plan, count = doc.record, doc.plan, doc.undo_stack.count()
    flow = _import(qtbot, window, network, tmp_path)
    _click(_match(qtbot, flow), "Utiliser comme parcours…")
    _click(flow.replace_box, "Garder la trace affichée")
    assert doc.record is record and doc.plan is plan and doc.undo_stack.count() == count
    assert _state(js, window)["imported"] is not None
    assert window.status.text() == ("Trace importée gardée sur la carte ; le parcours n’a pas "
                                    "changé.")


def test_a_format_without_course_takes_the_track_without_question(qtbot, window, network,
                                                                  tmp_path: Path) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    assert not doc.plan.stops
    flow = _import(qtbot, window, network, tmp_path)
    _click(_match(qtbot, flow), "Utiliser comme parcours…")
    qtbot.waitUntil(lambda: doc.record is not None, timeout=20_000)
    assert flow.replace_box is None
    assert doc.undo_stack.count() == 1


def test_a_track_off_the_network_never_becomes_the_course(challenge_round, qtbot, window, js,
                                                         tmp_path: Path) -> None:
    """A recording in the Somme, 60 km from the basin: shown, matched on nothing, refused."""
    doc = challenge_round
    record, count = doc.record, doc.undo_stack.count()
    gpx = tmp_path / "somme.gpx"
    gpx.write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="t" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        + "".join(f'<trkpt lat="{50.0 + i * 0.0004:.4f}" lon="2.3"/>' for i in range(37))
        + "</trkseg></trk></gpx>", encoding="utf-8")
    flow = window.track_import
    with qtbot.waitSignal(flow.shown, timeout=30_000):
        flow.read(gpx)
    assert "À moins de 25 m du réseau : 0" in flow.panel.figures.text()
    report = _match(qtbot, flow)
    assert "Calé sur le réseau : 0,00 km" in report.text()
    _click(report, "Utiliser comme parcours…")
    assert flow.replace_box is None
    assert window.status.text().startswith("Aucune partie de la trace importée")
    assert doc.record is record and doc.undo_stack.count() == count
    qtbot.waitUntil(lambda: _state(js, window)["imported"] == ["off"])
