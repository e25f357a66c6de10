"""Small things an organiser tripped on: the window fits a small screen, docks saved on a wide
screen come back narrower, one base-layer state in two views, file dialogs in the project's
folder, the status bar on a new event, a budget cell edit without a Qt warning."""

from __future__ import annotations

from pathlib import Path

from ui.panel_layout import initial_size, shrink_docks, start_widths
from ui.qt import QApplication, QLineEdit, Qt


def test_window_size_follows_the_available_screen() -> None:
    assert initial_size(1366, 738) == (1350, 722)
    assert initial_size(1920, 1050) == (1728, 945)


class _Fake:
    def __init__(self, width: int) -> None:
        self._width = width
        self.resized: list[list[int]] = []

    def width(self) -> int:
        return self._width

    def resizeDocks(self, _docks, widths, _orientation) -> None:  # type: ignore[no-untyped-def]
        self.resized.append(list(widths))


def test_docks_saved_on_a_wide_screen_come_back_within_a_small_window() -> None:
    small = _Fake(1350)
    side, route = start_widths(1350)
    shrink_docks(small, _Fake(700), _Fake(route))  # type: ignore[arg-type]
    assert small.resized == [[side, route]]
    kept = _Fake(1350)
    shrink_docks(kept, _Fake(side - 20), _Fake(route))  # type: ignore[arg-type]
    assert kept.resized == []  # narrower than the start: as the user left it


def test_osm_box_and_map_menu_are_one_state(window) -> None:
    box = window.layers_panel.online
    menus = window.map_menus
    menus.choose_base("osm")
    assert box.isChecked() and menus.base_actions["osm"].isChecked()
    box.setChecked(False)
    assert menus.stored_base == "" and menus.base_actions[""].isChecked()
    box.setChecked(True)
    assert menus.stored_base == "osm" and menus.base_actions["osm"].isChecked()
    menus.choose_base("plan_ign")
    assert not box.isChecked() and window.settings.online_tiles is False
    menus.choose_base("")


def test_file_dialogs_open_in_the_projects_folder(window, tmp_path: Path, monkeypatch) -> None:
    window.new_from_template("challenge-vtt-xc", 2026)
    assert window.status.text().startswith("Nouvel événement : ")
    folder = tmp_path / "club"
    folder.mkdir()
    assert window.save_to(folder / "challenge.cavalier")
    assert window.status.text().startswith("Enregistré")
    seen: list[str] = []
    monkeypatch.setattr("ui.main_window.QFileDialog.getOpenFileName",
                        lambda _parent, _title, start, _filters: (seen.append(start), ("", ""))[1])
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName",
                        lambda _parent, _title, start, _filters: (seen.append(start), ("", ""))[1])
    window.import_gpx_dialog()
    window.export_xlsx_dialog()
    assert seen == [str(folder), str(folder / "Challenge VTT XC du Bassin minier 2026.xlsx")] \
        or (seen[0] == str(folder) and Path(seen[1]).parent == folder)
    # A new event does not keep the saved file's name in the status bar.
    window.new_from_template("trail-pyramides-noires", 2027)
    assert "challenge.cavalier" not in window.status.text()


def test_editing_a_budget_cell_in_the_table_warns_nothing(qtbot, window) -> None:
    window.new_from_template("trail-pyramides-noires", 2027)
    window.tabs.setCurrentWidget(window.budget_tab)
    view = window.budget_tab.table
    model = view.model()
    index = model.index(1, 1)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = QApplication.focusWidget()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=5000)
    editor = QApplication.focusWidget()
    editor.setText("Lots des vainqueurs")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt warned about commitData here before
    qtbot.waitUntil(lambda: model.data(model.index(1, 1)) == "Lots des vainqueurs")


def test_the_course_is_fitted_again_after_a_resize(qtbot, challenge_round, js) -> None:
    import json

    window = challenge_round.parent()
    geometry = challenge_round.record.geometry
    lon, lat = geometry[len(geometry) // 2][:2]
    # The window's first layout may still have a refit pending: let it pass before zooming in.
    qtbot.waitUntil(lambda: not window.refit_timer.isActive())
    window.map.run(f"Cavalier.leaflet().setView([{lat}, {lon}], 17, {{animate: false}});")
    qtbot.waitUntil(lambda: js(window.map, "Cavalier.leaflet().getZoom()") == 17)
    script = ("(function(){var b = Cavalier.leaflet().getBounds(); return JSON.stringify("
              "[b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]);})()")
    lons = [c[0] for c in geometry]
    lats = [c[1] for c in geometry]

    def course_in_view() -> bool:
        south, west, north, east = json.loads(js(window.map, script))
        return bool(south <= min(lats) and north >= max(lats) and west <= min(lons)
                    and east >= max(lons))

    assert not course_in_view()
    window.resize(window.width() - 150, window.height() - 60)
    qtbot.waitUntil(course_in_view, timeout=10_000)
