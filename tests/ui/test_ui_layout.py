"""The window at laptop size: docks that keep their width, readable charts and tables, the map
fitted on the whole course, Qt's own dialogs in French."""

from __future__ import annotations

import json

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider

from app.editing import MapPoint, Plan
from app.project_store import Project
from app.route_stats import ProfilePoint
from app.templates import build_template
from ui.budget_view import BudgetTab
from ui.elevation_chart import ElevationChart, nice_step
from ui.i18n import prefer_translated_dialogs
from ui.map_fit import MIN_SPAN_M, course_bounds
from ui.panel_layout import ROUTE_WIDTH, start_widths
from ui.qt import (
    QCoreApplication,
    QFileDialog,
    QFontMetrics,
    QLabel,
    QMessageBox,
    Qt,
)
from ui.qt_strings import qt_gaps
from ui.route_panel import RoutePanel

LONG_NAME = "Ravitaillement — T074 11/19 Loos-en-Gohelle, sous le chevalement"


def _wait_stats(qtbot, window, stops: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(window.document.plan.stops) == stops
                    and window.document.stats is not None, timeout=20_000)


def test_route_dock_keeps_its_width_when_the_route_grows(qtbot, window) -> None:
    window.resize(1366, 768)
    qtbot.wait(50)
    window.document.set_project(Project(*build_template("trail-pyramides-noires", 2027)))
    for key in ("T074", "T116"):
        window.on_place_clicked(key)
    _wait_stats(qtbot, window, 2)
    short = list(window.document.stats.communes)
    width, map_width = window.route_dock.width(), window.map.width()
    assert width <= ROUTE_WIDTH[1] + 20
    for key in ("T001", "T205"):
        window.on_place_clicked(key)
    _wait_stats(qtbot, window, 4)
    qtbot.wait(50)
    communes = window.route_panel.stat_labels["communes"]
    assert len(window.document.stats.communes) > len(short) + 5
    assert window.route_dock.width() == width
    assert window.map.width() == map_width
    # The long list wraps and is shown whole (the panel scrolls), not cut.
    qtbot.waitUntil(lambda: communes.height() >= communes.heightForWidth(communes.width()),
                    timeout=5000)
    assert communes.width() < width


def test_start_widths_leave_the_map_most_of_a_laptop_screen() -> None:
    side, route = start_widths(1366)
    assert 1366 - side - route >= 700
    assert start_widths(1920)[1] == ROUTE_WIDTH[1]


def test_empty_elevation_chart_shows_a_message_not_a_fake_axis(qtbot, french_app) -> None:
    chart = ElevationChart()
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    chart.show()
    axes = chart.chart().axes()
    assert axes and not any(axis.isVisible() for axis in axes)
    assert chart.empty_message.isVisible() and chart.empty_message.wordWrap()
    assert chart.empty_message.text().startswith("Pas d'altitudes")
    points = [ProfilePoint(i * 0.1, 40.0 + (i % 30), 2.8, 50.4) for i in range(125)]
    chart.set_points(points)
    qtbot.wait(20)
    assert all(axis.isVisible() for axis in axes) and not chart.empty_message.isVisible()
    x_axis, y_axis = axes
    assert x_axis.tickInterval() == nice_step(12.4) == 5.0  # 0, 5, 10 km
    plot = chart.chart().plotArea()
    for axis, room in ((x_axis, plot.width()), (y_axis, plot.height())):
        assert QFontMetrics(axis.titleFont()).horizontalAdvance(axis.titleText()) < room
    chart.set_points([])
    assert not any(axis.isVisible() for axis in axes)


def test_waypoint_names_wrap_and_show_whole_in_tooltips(qtbot, french_app) -> None:
    panel = RoutePanel()
    qtbot.addWidget(panel)
    panel.resize(320, 700)
    panel.show()
    panel.show_plan(Plan("trail", (MapPoint("via", 2.78, 50.44, "T074"),),
                         (MapPoint("ravitaillement", 2.79, 50.45, LONG_NAME),)))
    table = panel.waypoints
    name = table.item(1, 1)
    assert name.text() == LONG_NAME and LONG_NAME in name.toolTip()
    assert table.wordWrap() and table.textElideMode() == Qt.TextElideMode.ElideNone
    assert table.rowHeight(1) > table.rowHeight(0)  # the long name took several lines


def test_budget_headers_fit_at_laptop_width(qtbot, french_app) -> None:
    tab = BudgetTab()
    qtbot.addWidget(tab)
    tab.resize(716, 640)  # the centre of a 1366 px window
    tab.show()
    tab.show_project(Project(*build_template("trail-pyramides-noires", 2027)))
    qtbot.wait(20)
    for table in (tab.table, tab.split_table, tab.scenario_table):
        header = table.horizontalHeader()
        for column in range(header.count()):
            assert header.sectionSize(column) >= header.sectionSizeHint(column), (
                table.model().headerData(column, Qt.Orientation.Horizontal))
    label_column = tab.table.horizontalHeader().sectionSize(1)
    assert label_column >= tab.table.fontMetrics().horizontalAdvance("Ravitaillements")


def test_course_bounds_never_closer_than_the_minimum_box() -> None:
    south, west, north, east = course_bounds([(2.78, 50.44)])
    assert (north - south) * 111_320 >= MIN_SPAN_M * 0.99
    line = [(2.70, 50.40), (2.95, 50.52), (3.10, 50.45)]
    south, west, north, east = course_bounds(line)
    assert all(south < lat < north and west < lon < east for lon, lat in line)
    assert course_bounds([]) is None


def _zoom(js, window) -> float:  # type: ignore[no-untyped-def]
    return float(js(window.map, "Cavalier.leaflet().getZoom()"))


def test_choosing_a_format_shows_its_whole_course(qtbot, window, js) -> None:
    doc = window.document
    doc.set_project(Project(*build_template("trail-pyramides-noires", 2027)))
    for key in ("T074", "T116"):
        window.on_place_clicked(key)
    _wait_stats(qtbot, window, 2)
    # The marathon has one aid station and no route: a 2 km box, not a 50 m scale.
    window._format_activated(1)
    qtbot.waitUntil(lambda: 12 <= _zoom(js, window) <= 15, timeout=5000)
    window._format_activated(0)
    south, west, north, east = window.course_fit.fit()
    geometry = doc.record.geometry
    assert all(south <= c[1] <= north and west <= c[0] <= east for c in geometry)
    script = ("(function(){var b = Cavalier.leaflet().getBounds(); return JSON.stringify("
              "[b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]);})()")
    # Wait for the state (the whole course in view), not for the zoom animation to end.

    def course_in_view() -> bool:
        shown = json.loads(js(window.map, script))
        return bool(shown[0] <= south + 0.01 and shown[2] >= north - 0.01
                    and shown[1] <= west + 0.01 and shown[3] >= east - 0.01)

    qtbot.waitUntil(course_in_view, timeout=5000)
    assert _zoom(js, window) <= 13


def test_qt_dialogs_are_the_translated_ones(qtbot, french_app, tmp_path) -> None:
    prefer_translated_dialogs()
    try:
        assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        dialog = QFileDialog(None, "Ouvrir")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        texts = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        assert texts["lookInLabel"] == "&Voir dans\u00a0:"
        assert texts["fileTypeLabel"] == "Fichiers de &type\u00a0:"
        assert texts["fileNameLabel"].startswith("&Nom de fichier")
        # The type column of the dialog: QAbstractFileIconProvider, missing from qtbase_fr.
        assert QAbstractFileIconProvider().type(QFileInfo(str(tmp_path))) == "Dossier"
        filled = qt_gaps()
        assert all(filled[source] != source for source in filled), filled
        box = QMessageBox()
        qtbot.addWidget(box)
        save = box.addButton(QMessageBox.StandardButton.Save)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        assert (save.text(), cancel.text()) == ("Enregistrer", "Annuler")
    finally:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)


def test_event_tree_names_have_tooltips(qtbot, french_app) -> None:
    from ui.event_panel import EventPanel

    panel = EventPanel()
    qtbot.addWidget(panel)
    panel.show_project(Project(*build_template("trail-pyramides-noires", 2027)), 0)
    ultra = panel.tree.topLevelItem(0).child(0)
    names = [ultra.child(i) for i in range(ultra.childCount())]
    assert any(item.text(0).startswith("Ravitaillement — T074") for item in names)
    assert all(item.toolTip(0) == item.text(0) for item in names)
