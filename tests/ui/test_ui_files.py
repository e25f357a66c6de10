"""Files in the main window: autosave and recovery, long operations with progress and cancel,
exports that need no network, in-place map updates."""

from __future__ import annotations

from pathlib import Path

from app import operations, project_store
from routes.progress import OperationCancelled
from ui.map_html import external_references
from ui.qt import QProgressDialog, QPushButton


def test_autosave_then_recovery_after_a_crash(qtbot, window, tmp_path: Path) -> None:
    window.new_from_template("trail-pyramides-noires", 2026)
    path = tmp_path / "trail.cavalier"
    assert window.save_to(path)
    window.on_place_clicked("T074")
    assert window.document.modified
    window.autosave_now()
    assert project_store.recovery_available(path)
    # Next session: the organiser accepts to recover the autosaved work.
    window._ask = lambda _title, _question: True
    window.new_from_template("challenge-vtt-xc", 2026)
    assert window.open_project(path)
    assert window.document.modified
    assert window.document.plan.stops[0].place_key == "T074"


def test_long_operation_shows_progress_and_can_be_cancelled(qtbot, window) -> None:
    from ui.workers import Runner

    window.runner = Runner()  # a real worker thread, as in use
    started: list[bool] = []

    def endless(*, progress, cancel):  # type: ignore[no-untyped-def]
        progress(0.25, "Lecture…")
        started.append(True)
        while not cancel():
            pass
        raise OperationCancelled()

    with qtbot.waitSignal(window.operation_done, timeout=10_000) as blocker:
        window.run_operation("Import", endless, lambda _r: None)
        qtbot.waitUntil(lambda: bool(started), timeout=5000)
        dialog = window.findChild(QProgressDialog)
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.labelText() == "Lecture…", timeout=5000)
        dialog.findChild(QPushButton).click()  # the dialog's own « Annuler » button
    assert blocker.args == [None]
    assert window.status.text() == "Annulé."
    window.runner.shutdown()


def test_html_map_export_is_offline(window, network, tmp_path: Path) -> None:
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T074")
    window.on_map_clicked(50.452, 2.80)
    project = window.document.project
    event = project.event
    path = operations.export_html_map(tmp_path / "carte.html", project, tiles=False)
    html = path.read_text(encoding="utf-8")
    assert external_references(html) == []
    assert event.formats[0].name.split(" — ")[0] in html


def test_the_map_is_updated_in_place_without_reloading(qtbot, window, js) -> None:
    window.map.run("window.__probe = 'same page';")
    window.on_place_clicked("T074")
    with qtbot.waitSignal(window.map_updated, timeout=10_000):
        window.on_map_clicked(50.452, 2.80)
    assert js(window.map, "window.__probe") == "same page"
    assert js(window.map, "Cavalier.markers().length") == 2


def test_window_state_and_layer_choices_persist(qtbot, french_app, settings) -> None:
    from ui.main_window import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.maybe_save = lambda: True
    first.show()
    fresh = first.size()
    first.resize(700, 600)  # the offscreen screen is 800 × 800 and the docks set a minimum
    chosen = first.size()
    assert chosen.height() != fresh.height()
    first.layers_panel.boxes["communes"].setChecked(False)
    first.route_dock.hide()
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.maybe_save = lambda: True
    # (restoreGeometry clamps the width to the 800-pixel offscreen screen; the height fits)
    assert second.size().height() == chosen.height()
    assert not second.layers_panel.boxes["communes"].isChecked()
    assert second.route_dock.isHidden()
    assert second.layers_panel.online.isChecked() is False


def test_gpx_import_becomes_the_route_of_the_format(qtbot, window, tmp_path: Path) -> None:
    doc = window.document
    window.new_from_template("challenge-vtt-xc", 2026)
    window.on_place_clicked("T074")
    window.on_map_clicked(50.42308, 2.82039)  # on the cavalier from T074 to T075: no dead end
    window.on_place_clicked("T075")
    qtbot.waitUntil(lambda: doc.record is not None, timeout=10_000)
    length = doc.record.length_km
    gpx = operations.export_gpx(tmp_path / "m1.gpx", doc.project.event, doc.current_format)
    doc.select_format(1)
    assert doc.record is None
    shown = operations.read_gpx_track(gpx, doc.network)
    with qtbot.waitSignal(window.operation_done, timeout=20_000):
        window.run_operation("GPX", lambda **_kw: shown, window._gpx_imported)
    assert doc.record is None  # shown first, matched and used on demand
    with qtbot.waitSignal(window.track_import.matched, timeout=60_000):
        window.track_import.match()
    window.track_import.use_as_course()  # the format has no course: no question
    qtbot.waitUntil(lambda: doc.record is not None, timeout=10_000)
    assert doc.format_index == 1
    # matched on the network: the exact path is kept, not re-routed through sampled points
    assert doc.plan.course_nodes
    assert abs(doc.record.length_km - length) / length < 0.02
