"""The main window: map in the centre, layers and event docks, route panel, budget tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import project_store
from app.project_store import Autosaver, Project
from app.templates import build_template
from routes.errors import CavalierError
from routes.network import Network, load_network
from ui import generation, operations
from ui.budget_view import BudgetTab
from ui.dialogs import TemplateDialog, progress_dialog
from ui.document import Document
from ui.editing import (
    VIA,
    Insert,
    MapPoint,
    Move,
    Relabel,
    Remove,
    ReplaceStops,
    SetProfile,
    parse_marker_id,
)
from ui.event_panel import EventPanel
from ui.labels import kind_labels
from ui.layers_panel import LayersPanel
from ui.map_data import network_layers
from ui.map_menus import MapMenus
from ui.mapview import MapView
from ui.project_edits import (
    AddBudgetLine,
    AddFormat,
    RemoveBudgetLine,
    RemoveFormat,
    SetBudget,
    SetBudgetLine,
    SetFormatField,
    new_format_like,
)
from ui.qt import (
    QAction,
    QCloseEvent,
    QDockWidget,
    QFileDialog,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    Qt,
    QTabWidget,
    QTimer,
    QWidget,
    Signal,
)
from ui.route_panel import RoutePanel
from ui.settings import Settings
from ui.workers import Job, Runner

AUTOSAVE_INTERVAL_S = 60.0


class MainWindow(QMainWindow):
    #: Emitted once the map shows the network and accepts clicks.
    map_ready = Signal()
    #: Emitted when the map has drawn the latest route (draw number).
    map_updated = Signal(int)
    #: Emitted when a long operation finished (its result, or None when it failed/cancelled).
    operation_done = Signal(object)

    def __init__(self, settings: Settings, *, runner: Runner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner or Runner(parent=self)
        self.document = Document(self.runner, self)
        self.autosaver: Autosaver | None = None
        self.setObjectName("MainWindow")
        self.resize(1400, 900)

        self.map = MapView()
        self.budget_tab = BudgetTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.map, self.tr("Map"))
        self.tabs.addTab(self.budget_tab, self.tr("Budget"))
        self.setCentralWidget(self.tabs)

        self.layers_panel = LayersPanel()
        self.event_panel = EventPanel()
        self.route_panel = RoutePanel()
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.event_dock = self._dock(self.tr("Event"), "EventDock", self.event_panel, left)
        self.layers_dock = self._dock(self.tr("Layers"), "LayersDock", self.layers_panel, left)
        self.tabifyDockWidget(self.layers_dock, self.event_dock)
        self.route_dock = self._dock(self.tr("Route"), "RouteDock", self.route_panel,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.status = QLabel(self.tr("Loading the network…"))
        self.statusBar().addWidget(self.status, 1)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(int(AUTOSAVE_INTERVAL_S * 1000))
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()

        self._build_actions()
        self._connect()
        self._restore_settings()
        self._update_title()

    # -- construction ------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot: Callable[[], Any],
                shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("&New event from a template…"),
                                       self.new_from_template_dialog, QKeySequence.StandardKey.New)
        self.open_action = self._action(self.tr("&Open…"), self.open_dialog,
                                        QKeySequence.StandardKey.Open)
        self.save_action = self._action(self.tr("&Save"), self.save,
                                        QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(self.tr("Save &as…"), self.save_as_dialog,
                                           QKeySequence.StandardKey.SaveAs)
        file_menu.addActions([self.new_action, self.open_action, self.save_action,
                              self.save_as_action])
        self.recent_menu = file_menu.addMenu(self.tr("Recent files"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        import_menu = file_menu.addMenu(self.tr("&Import"))
        import_menu.addAction(self._action(self.tr("OpenStreetMap extract (.osm.pbf)…"),
                                           self.import_osm_dialog))
        import_menu.addAction(self._action(self.tr("GIS layers (GeoJSON, GeoPackage, "
                                                   "Shapefile)…"), self.import_gis_dialog))
        import_menu.addAction(self._action(self.tr("GPX track as the route…"),
                                           self.import_gpx_dialog))
        import_menu.addAction(self._action(self.tr("Elevation model (DEM)…"),
                                           self.import_dem_dialog))
        export_menu = file_menu.addMenu(self.tr("&Export"))
        export_menu.addAction(self._action(self.tr("GPX of this format…"),
                                           self.export_gpx_dialog))
        export_menu.addAction(self._action(self.tr("Participants' zip (every format)…"),
                                           self.export_zip_dialog))
        export_menu.addAction(self._action(self.tr("Budget workbook (xlsx)…"),
                                           self.export_xlsx_dialog))
        export_menu.addAction(self._action(self.tr("HTML map…"), self.export_html_dialog))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close,
                                         QKeySequence.StandardKey.Quit))

        edit_menu = menu.addMenu(self.tr("&Edit"))
        self.undo_action = self.document.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.map_menus = MapMenus(self)  # Réseau › altitudes, Carte › fonds et hors ligne
        view_menu = menu.addMenu(self.tr("&View"))
        for dock in (self.event_dock, self.layers_dock, self.route_dock):
            view_menu.addAction(dock.toggleViewAction())

    def _connect(self) -> None:
        bridge = self.map.bridge
        bridge.clicked.connect(self.on_map_clicked)
        bridge.marker_moved.connect(self.on_marker_moved)
        bridge.marker_deleted.connect(self.on_marker_deleted)
        bridge.place_clicked.connect(self.on_place_clicked)
        self.map.loaded.connect(self._on_map_loaded)
        self.map.route_drawn.connect(self.map_updated)
        doc = self.document
        doc.plan_changed.connect(self._show_plan)
        doc.route_changed.connect(self._show_route)
        doc.route_failed.connect(self.status.setText)
        doc.project_changed.connect(self._show_project)
        doc.format_selected.connect(self._show_project)
        doc.modified_changed.connect(self._update_title)
        self.layers_panel.visibility_changed.connect(self._layer_toggled)
        self.layers_panel.online_tiles_changed.connect(self._tiles_toggled)
        self.event_panel.format_activated.connect(self._format_activated)
        self.event_panel.field_edited.connect(
            lambda index, field, value: doc.edit_project(SetFormatField(index, field, value)))
        self.budget_tab.line_edited.connect(
            lambda b, row, line: doc.edit_project(SetBudgetLine(b, row, line)))
        self.budget_tab.budget_replaced.connect(
            lambda b, budget: doc.edit_project(SetBudget(b, budget)))
        self.budget_tab.line_added.connect(
            lambda b, line: doc.edit_project(AddBudgetLine(b, line)))
        self.budget_tab.line_removed.connect(
            lambda b, row: doc.edit_project(RemoveBudgetLine(b, row)))
        self.event_panel.add_requested.connect(self.add_format)
        self.event_panel.remove_requested.connect(self.remove_format)
        self.event_panel.refused.connect(self.status.setText)
        self.budget_tab.message.connect(self.status.setText)
        panel = self.route_panel
        panel.profile_chosen.connect(lambda name: doc.edit(SetProfile(name)))
        panel.delete_requested.connect(self.on_marker_deleted)
        panel.kind_changed.connect(self._change_kind)
        panel.generate_requested.connect(self.generate)
        panel.chart.hovered.connect(self.map.highlight)
        panel.chart.left.connect(lambda: self.map.highlight(None, None))

    def _restore_settings(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        hidden = self.settings.hidden_layers()
        for key, box in self.layers_panel.boxes.items():
            box.setChecked(key not in hidden)
        self.layers_panel.online.setChecked(self.settings.online_tiles)
        self.map_menus.restore()

    def _update_title(self) -> None:
        doc = self.document
        name = doc.project.event.name if doc.project is not None else self.tr("No event")
        where = f" — {doc.path.name}" if doc.path is not None else ""
        star = "*" if doc.modified else ""
        self.setWindowTitle(f"{star}{name}{where} — Cavalier")

    # -- start-up ----------------------------------------------------------------------------
    def start(self, network: Network | None = None) -> None:
        """Start the map page and load the network (embedded one unless given) in a worker."""
        self.map.start_page()
        if network is not None:
            self.set_network(network)
            return
        self.runner.submit(load_network, with_callbacks=True, on_success=self.set_network,
                           on_failure=self._network_failed)

    def set_network(self, network: Network) -> None:
        self.document.set_network(network)
        self.map.set_network(network)
        self.status.setText(self.tr("Network: %1 — %2 nodes, %3 places").replace(
            "%1", network.name).replace("%2", str(network.graph.number_of_nodes())).replace(
            "%3", str(len(network.places))))

    def _network_failed(self, message: str) -> None:
        self.status.setText(message)
        self.warn(self.tr("Network"), message)

    def _on_map_loaded(self) -> None:
        self._show_plan()
        self._show_route()
        self.map_ready.emit()

    # -- map events --------------------------------------------------------------------------
    def on_map_clicked(self, lat: float, lon: float) -> None:
        kind = self.route_panel.click_kind()
        plan = self.document.plan
        if kind == VIA:
            label = self.tr("Point %1").replace("%1", str(len(plan.stops) + 1))
            self.document.edit(Insert("s", len(plan.stops), MapPoint(VIA, lon, lat, label)))
        else:
            label = kind_labels()[kind]
            self.document.edit(Insert("w", len(plan.waypoints), MapPoint(kind, lon, lat, label)))

    def on_marker_moved(self, ident: str, lat: float, lon: float) -> None:
        group, index = parse_marker_id(ident)
        if index < len(self.document.plan.points(group)):
            self.document.edit(Move(group, index, lon, lat))

    def on_marker_deleted(self, ident: str) -> None:
        group, index = parse_marker_id(ident)
        if index < len(self.document.plan.points(group)):
            self.document.edit(Remove(group, index))

    def on_place_clicked(self, key: str) -> None:
        point = self.document.place_point(key)
        if point is not None:
            plan = self.document.plan
            self.document.edit(Insert("s", len(plan.stops), point))

    def _change_kind(self, ident: str, kind: str) -> None:
        group, index = parse_marker_id(ident)
        self.document.edit(Relabel(group, index, kind, kind_labels()[kind]))

    # -- showing the document ----------------------------------------------------------------
    def _show_plan(self) -> None:
        plan = self.document.plan
        self.route_panel.show_plan(plan)
        if self.map.is_loaded:
            self.map.set_markers(plan.markers())

    def _show_route(self) -> None:
        self.route_panel.show_stats(self.document.stats)
        if self.map.is_loaded:
            self.map.set_route(self.document.route_geojson())

    def _show_project(self) -> None:
        doc = self.document
        self.event_panel.show_project(doc.project, doc.format_index)
        self.budget_tab.show_project(doc.project)
        fmt = doc.current_format
        if fmt is not None:
            self.route_panel.target.setValue(max(1.0, fmt.target_distance_km))
        self._update_title()

    def add_format(self) -> None:
        """A new format like the one shown (discipline, fee), selected for editing."""
        project = self.document.project
        if project is None:
            return
        formats = project.event.formats
        model = self.document.current_format or (formats[-1] if formats else None)
        fmt = new_format_like(project, model, self.tr("New format"))
        self.document.edit_project(AddFormat(fmt))
        self.document.select_format(len(formats))
        self.event_panel.name.setFocus()
        self.event_panel.name.selectAll()

    def remove_format(self, index: int) -> None:
        project = self.document.project
        if project is None or not 0 <= index < len(project.event.formats):
            return
        name = project.event.formats[index].name
        self.document.edit_project(RemoveFormat(index))
        self.status.setText(self.tr("Format « %1 » removed (Ctrl+Z to undo).").replace(
            "%1", name))

    def _format_activated(self, index: int) -> None:
        if index != self.document.format_index:
            self.document.select_format(index)
            self.fit_to_plan()

    def _layer_toggled(self, key: str, shown: int) -> None:
        visible = bool(shown)
        self.map.set_layer_visible(key, visible)
        hidden = self.settings.hidden_layers()
        if visible:
            hidden.discard(key)
        else:
            hidden.add(key)
        self.settings.set_hidden_layers(hidden)

    def _tiles_toggled(self, shown: int) -> None:
        on = bool(shown)
        self.settings.online_tiles = on
        self.map.set_online_tiles(on)

    # -- long operations -----------------------------------------------------------------------
    def run_operation(self, title: str, function: Callable[..., Any],
                      on_success: Callable[[Any], None]) -> Job:
        """Run ``function(progress=, cancel=)`` in a worker behind a progress dialog."""
        job = Job(function)
        progress_dialog(self, title, job)

        def succeeded(result: Any) -> None:
            try:
                on_success(result)
            except CavalierError as exc:
                failed(str(exc))
                return
            self.operation_done.emit(result)

        def failed(message: str) -> None:
            self.status.setText(message)
            self.warn(title, message)
            self.operation_done.emit(None)

        def cancelled() -> None:
            self.status.setText(self.tr("Cancelled."))
            self.operation_done.emit(None)

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.cancelled.connect(cancelled)
        return self.runner.start(job)

    def generate(self, kind: str, target_km: float) -> None:
        doc = self.document
        network, router, plan = doc.network, doc.router, doc.plan
        if network is None:
            return
        previous = doc.record.geometry if doc.record is not None else ()

        def work(*, progress: Any = None, cancel: Any = None) -> Any:
            return generation.generate(network, router, kind, plan, previous, target_km,
                                       progress=progress, cancel=cancel)

        self.run_operation(self.tr("Generating the route…"), work, self._generated)

    def _generated(self, edit: ReplaceStops) -> None:
        self.document.edit(edit)
        self.fit_to_plan()

    def fit_to_plan(self) -> None:
        """Zoom the map on the current route and waypoints (nothing placed: no change)."""
        doc = self.document
        coords = [(p.lon, p.lat) for p in (*doc.plan.stops, *doc.plan.waypoints)]
        if doc.record is not None:
            coords.extend((float(c[0]), float(c[1])) for c in doc.record.geometry)
        if not coords or not self.map.is_loaded:
            return
        lons, lats = [c[0] for c in coords], [c[1] for c in coords]
        pad = 0.002
        self.map.fit((min(lats) - pad, min(lons) - pad, max(lats) + pad, max(lons) + pad))

    # -- files ---------------------------------------------------------------------------------
    def new_from_template_dialog(self) -> None:
        if not self.maybe_save():
            return
        dialog = TemplateDialog(self)
        if dialog.exec():
            self.new_from_template(*dialog.choice())

    def new_from_template(self, key: str, year: int) -> None:
        event, budgets = build_template(key, year)
        self.document.set_project(Project(event, budgets))
        self.autosaver = None

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open an event"), "",
                                              self.tr("Cavalier projects (*.cavalier)"))
        if name:
            self.open_project(Path(name))

    def open_project(self, path: Path) -> bool:
        try:
            if project_store.recovery_available(path) and self._ask(
                    self.tr("Recover unsaved work"),
                    self.tr("Cavalier was closed without saving %1. Recover the autosaved "
                            "work?").replace("%1", path.name)):
                project = project_store.recover(path)
                recovered = True
            else:
                project = project_store.open_project(path)
                recovered = False
        except CavalierError as exc:
            self.warn(self.tr("Open"), str(exc))
            return False
        self.document.set_project(project, path)
        self.document.set_modified(recovered)
        self.autosaver = Autosaver(path, interval_s=AUTOSAVE_INTERVAL_S)
        self.settings.add_recent(path)
        return True

    def warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question)
        return bool(answer == QMessageBox.StandardButton.Yes)

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as_dialog()
        return self.save_to(self.document.path)

    def save_as_dialog(self) -> bool:
        if self.document.project is None:
            return False
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the event"),
                                              f"{self.document.project.event.name}.cavalier",
                                              self.tr("Cavalier projects (*.cavalier)"))
        return self.save_to(Path(name)) if name else False

    def save_to(self, path: Path) -> bool:
        project = self.document.project
        if project is None:
            return False
        if path.suffix != project_store.SUFFIX:
            path = path.with_name(path.name + project_store.SUFFIX)
        try:
            project_store.save_project(path, project)
        except CavalierError as exc:
            self.warn(self.tr("Save"), str(exc))
            return False
        self.document.path = path
        self.document.set_modified(False)
        if self.autosaver is None or self.autosaver.path != path:
            self.autosaver = Autosaver(path, interval_s=AUTOSAVE_INTERVAL_S)
        self.autosaver.saved()
        self.settings.add_recent(path)
        self.status.setText(self.tr("Saved: %1").replace("%1", str(path)))
        self._update_title()
        return True

    def autosave_now(self) -> None:
        if self.autosaver is not None and self.document.project is not None \
                and self.document.modified:
            self.autosaver.changed(self.document.project)
            self.autosaver.flush()

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project (saved, discarded or none)."""
        if self.document.project is None or not self.document.modified:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("Save the changes to « %1 »?").replace(
                "%1", self.document.project.event.name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return bool(answer == QMessageBox.StandardButton.Discard)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in self.settings.recent_files:
            self.recent_menu.addAction(self._action(name, self._opener(Path(name))))

    def _opener(self, path: Path) -> Callable[[], bool]:
        return lambda: self.open_project(path)

    # -- imports and exports -------------------------------------------------------------------
    def _open_file(self, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, title, "", filters)
        return Path(name) if name else None

    def _save_file(self, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, suggested, filters)
        return Path(name) if name else None

    def import_osm_dialog(self) -> None:
        path = self._open_file(self.tr("Import an OpenStreetMap extract"),
                               self.tr("OpenStreetMap (*.osm.pbf *.osm *.osm.bz2)"))
        if path is not None:
            self.run_operation(self.tr("Importing OpenStreetMap…"),
                               lambda **kw: operations.import_osm_network(path, **kw),
                               self.set_network)

    def import_gis_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import GIS layers"), "",
            self.tr("GIS layers (*.geojson *.json *.gpkg *.shp)"))
        if names:
            paths = [Path(n) for n in names]
            self.run_operation(self.tr("Building the network…"),
                               lambda **kw: operations.import_gis_network(paths, **kw),
                               self.set_network)

    def import_dem_dialog(self) -> None:
        network = self.document.network
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Import an elevation model"), "",
                                                self.tr("DEM (*.tif *.tiff *.hgt)"))
        if names and network is not None:
            paths = [Path(n) for n in names]
            self.run_operation(self.tr("Reading the elevation model…"),
                               lambda **kw: operations.import_dem(network, paths, **kw),
                               self._dem_loaded)

    def _dem_loaded(self, network: Network) -> None:
        self.set_network(network)
        self.document.request_route()

    def import_gpx_dialog(self) -> None:
        path = self._open_file(self.tr("Import a GPX track"), self.tr("GPX (*.gpx)"))
        if path is not None:
            network = self.document.network
            self.run_operation(
                self.tr("Importing the GPX track…"),
                lambda **kw: operations.import_gpx_track(path, network, **kw),
                self._gpx_imported)

    def _gpx_imported(self, track: Any) -> None:
        """An imported (snapped) track becomes the route points of the current format."""
        network = self.document.network
        if network is None:
            return
        self.document.edit(generation.track_course(network, track))
        self.fit_to_plan()

    def export_gpx_dialog(self) -> None:
        doc = self.document
        fmt = doc.current_format
        if doc.project is None or fmt is None:
            return
        path = self._save_file(self.tr("Export GPX"), f"{fmt.name}.gpx", self.tr("GPX (*.gpx)"))
        if path is not None:
            event = doc.project.event
            self.run_operation(self.tr("Exporting GPX…"),
                               lambda **kw: operations.export_gpx(path, event, fmt, **kw),
                               self._exported)

    def export_zip_dialog(self) -> None:
        project = self.document.project
        if project is None:
            return
        path = self._save_file(self.tr("Export the participants' zip"),
                               f"{project.event.name}.zip", self.tr("Zip (*.zip)"))
        if path is not None:
            self.run_operation(self.tr("Exporting GPX files…"),
                               lambda **kw: operations.export_bundle(path, project.event, **kw),
                               self._exported)

    def export_xlsx_dialog(self) -> None:
        project = self.document.project
        if project is None:
            return
        path = self._save_file(self.tr("Export the budget"), f"{project.event.name}.xlsx",
                               self.tr("Excel workbook (*.xlsx)"))
        if path is not None:
            self.run_operation(self.tr("Exporting the budget…"),
                               lambda **kw: operations.export_xlsx(path, project, **kw),
                               self._exported)

    def export_html_dialog(self) -> None:
        project, network = self.document.project, self.document.network
        if project is None:
            return
        path = self._save_file(self.tr("Export an HTML map"), f"{project.event.name}.html",
                               self.tr("Web page (*.html)"))
        if path is not None:
            layers = network_layers(network) if network is not None else None
            self.run_operation(
                self.tr("Exporting the map…"),
                lambda **kw: operations.export_html_map(path, project.event, layers, **kw),
                self._exported)

    def _exported(self, path: Path) -> None:
        self.status.setText(self.tr("Exported: %1").replace("%1", str(path)))

    # -- closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.autosave_timer.stop()
        self.runner.shutdown()  # asks running work to stop, waits for it
        super().closeEvent(event)
