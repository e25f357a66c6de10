"""The main window: map in the centre, layers and event docks, route panel, budget tab."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from app import generation, operations, project_store
from app.about import about
from app.course_notes import export_warnings
from app.editing import (
    VIA,
    Insert,
    MapPoint,
    Move,
    Relabel,
    Remove,
    ReplaceStops,
    SetProfile,
    foot_note,
    insert_on_course,
    make_finish,
    make_start,
    parse_marker_id,
)
from app.exports.pack import FileKind, PackOptions, PackResult
from app.model import Format
from app.project_edits import (
    AddBudgetLine,
    AddFormat,
    RemoveBudgetLine,
    RemoveFormat,
    SetBudget,
    SetBudgetLine,
    SetDems,
    SetFormatField,
    new_format_like,
)
from app.project_store import Autosaver, Project
from app.templates import build_template
from routes.errors import CavalierError
from routes.network.model import Network, load_network
from ui.about import AboutDialog
from ui.budget_view import BudgetTab
from ui.candidates import CandidatesController
from ui.course_follow import WaypointFollower
from ui.dialogs import PackDialog, TemplateDialog, progress_dialog, report_box
from ui.document import Document
from ui.edit_feedback import EditFeedback
from ui.event_dialog import EventDialog, open_event_dialog
from ui.event_panel import EventPanel
from ui.export_menus import ExportMenus
from ui.labels import kind_labels
from ui.layers_panel import LayersPanel
from ui.leg_panel import LegController
from ui.map_fit import CourseFit
from ui.map_menus import MapMenus
from ui.mapview import MapView
from ui.panel_layout import ROUTE_WIDTH, initial_size, scrolling, settle_panels
from ui.project_problems import problems_box
from ui.qt import (
    QAction,
    QCloseEvent,
    QCursor,
    QDialog,
    QDockWidget,
    QFileDialog,
    QKeySequence,
    QLabel,
    QMenu,
    QMessageBox,
    Qt,
    QTabWidget,
    QTimer,
    QWidget,
    Signal,
)
from ui.route_panel import RoutePanel
from ui.save_conflict import stale_save_box
from ui.settings import Settings
from ui.track_import import TrackImport
from ui.window_host import WindowHost
from ui.workers import Job, Runner

AUTOSAVE_INTERVAL_S = 60.0


_FILE_KINDS: dict[str, FileKind] = {
    "gpx": "gpx", "gpx-compatible": "gpx-compatible", "fit": "fit", "kml": "kml", "tcx": "tcx"}


class MainWindow(WindowHost):
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
        self.map = MapView()
        self.course_fit = CourseFit(self.document, self.map)
        self.autosaver: Autosaver | None = None
        #: Where « Download OpenStreetMap » reads and writes (None: Geofabrik, the user cache).
        self.basin_source: str | None = None
        self.basin_cache: Path | None = None
        self.basin_network_path: Path | None = None
        self.setObjectName("MainWindow")
        screen = self.screen().availableGeometry()  # 1400 × 900 does not fit a 1366 × 768 one
        self.resize(*initial_size(screen.width(), screen.height()))

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
        self.route_dock = self._dock(self.tr("Route"), "RouteDock",
                                     scrolling(self.route_panel, ROUTE_WIDTH),
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.status = QLabel(self.tr("Loading the network…"))
        self.last_export: PackResult | None = None  # what the last export skipped, for tests
        self.statusBar().addWidget(self.status, 1)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(int(AUTOSAVE_INTERVAL_S * 1000))
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()

        self._build_actions()
        self.export_menus = ExportMenus(self)
        self._connect()
        self._restore_settings()
        settle_panels(self, self.layers_dock, self.route_dock,
                      restored=self.settings.window_state() is not None)
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
        import_menu.addAction(self._action(self.tr("GPX track…"),
                                           self.import_gpx_dialog))
        import_menu.addAction(self._action(self.tr("Elevation model (DEM)…"),
                                           self.import_dem_dialog))
        export_menu = file_menu.addMenu(self.tr("&Export"))
        export_menu.addAction(self._action(self.tr("Participants' pack (folder)…"),
                                           self.export_pack_dialog))
        export_menu.addAction(self._action(self.tr("Course file of this format (GPX, FIT, "
                                                   "KML, TCX)…"), self.export_gpx_dialog))
        export_menu.addAction(self._action(self.tr("Participants' zip (every format)…"),
                                           self.export_zip_dialog))
        export_menu.addAction(self._action(self.tr("Budget workbook (xlsx)…"),
                                           self.export_xlsx_dialog))
        export_menu.addAction(self._action(self.tr("HTML map…"), self.export_html_dialog))
        export_menu.addAction(self._action(self.tr("Declaration file…"),
                                           self.export_dossier_dialog))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close,
                                         QKeySequence.StandardKey.Quit))

        network_menu = menu.addMenu(self.tr("&Network"))
        self.download_basin_action = self._action(
            self.tr("Download OpenStreetMap for the Bassin minier…"), self.download_basin_dialog)
        network_menu.addAction(self.download_basin_action)
        self.tracks_action = self._action(self.tr("Import recce tracks…"),
                                          self.import_tracks_dialog)
        network_menu.addAction(self.tracks_action)

        edit_menu = menu.addMenu(self.tr("&Edit"))
        self.undo_action = self.document.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        self.event_action = self._action(self.tr("Event &properties…"),
                                         self.event_properties_dialog)
        menu.addMenu(self.tr("E&vent")).addAction(self.event_action)
        self.map_menus = MapMenus(self)  # Réseau › altitudes, Carte › fonds et hors ligne
        view_menu = menu.addMenu(self.tr("&View"))
        for dock in (self.event_dock, self.layers_dock, self.route_dock):
            view_menu.addAction(dock.toggleViewAction())
        help_menu = menu.addMenu(self.tr("&Help"))
        self.about_action = self._action(self.tr("&About Cavalier…"), self.about_dialog)
        help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        bridge = self.map.bridge
        bridge.clicked.connect(self.on_map_clicked)
        bridge.marker_moved.connect(self.on_marker_moved)
        bridge.marker_deleted.connect(self.on_marker_deleted)
        bridge.place_clicked.connect(self.on_place_clicked)
        bridge.marker_menu.connect(self.show_marker_menu)
        bridge.route_clicked.connect(self.on_route_clicked)
        bridge.route_dragged.connect(self.on_route_dragged)
        self.map.loaded.connect(self._on_map_loaded)
        # After a resize (the window, a dock), the course is fitted again once it settles.
        self.refit_timer = QTimer(self)
        self.refit_timer.setSingleShot(True)
        self.refit_timer.setInterval(250)
        self.refit_timer.timeout.connect(self._refit_after_resize)
        self.map.resized.connect(self.refit_timer.start)
        self.map.route_drawn.connect(self.map_updated)
        doc = self.document
        doc.plan_changed.connect(self._show_plan)
        doc.route_changed.connect(self._show_route)
        doc.route_failed.connect(self.status.setText)
        self.edit_feedback = EditFeedback(self, self)  # refused edits: status bar, map banner
        self.track_import = TrackImport(self)  # Fichier › Importer › Trace GPX…
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
        self.candidates = CandidatesController(doc, panel.candidates, self.map, self)
        self.waypoint_follower = WaypointFollower(doc, panel, self.map, self.status, self)
        self.legs = LegController(self)

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
        if self.settings.online_tiles and not self.map_menus.stored_base:
            self.map_menus.choose_base("osm")  # the box's own setting, from older versions
        self.map_menus.base_listeners.append(self._show_base)
        self._show_base(self.map_menus.stored_base)
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
        last = self.settings.last_network
        if last is not None and last.is_file():
            self.runner.submit(functools.partial(load_network, last), with_callbacks=True,
                               on_success=self.set_network,
                               on_failure=self._last_network_failed)
            return
        self._load_embedded_network()

    def _load_embedded_network(self) -> None:
        self.runner.submit(load_network, with_callbacks=True, on_success=self.set_network,
                           on_failure=self._network_failed)

    def _last_network_failed(self, message: str) -> None:
        """The last network cannot be read any more: say so, forget it, show the embedded one."""
        self.settings.last_network = None
        self.warn(self.tr("Network"), message)
        self._load_embedded_network()

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
        plan = self.document.pending_plan
        if kind == VIA:
            label = self.tr("Point %1").replace("%1", str(len(plan.stops) + 1))
            self.document.edit(Insert("s", len(plan.stops), MapPoint(VIA, lon, lat, label)))
        else:
            label = kind_labels()[kind]
            self.document.edit(Insert("w", len(plan.waypoints), MapPoint(kind, lon, lat, label)))

    def on_marker_moved(self, ident: str, lat: float, lon: float) -> None:
        group, index = parse_marker_id(ident)
        if index < len(self.document.pending_plan.points(group)):
            self.document.edit(Move(group, index, lon, lat))

    def on_marker_deleted(self, ident: str) -> None:
        group, index = parse_marker_id(ident)
        if index < len(self.document.pending_plan.points(group)):
            self.document.edit(Remove(group, index))

    def on_route_clicked(self, lat: float, lon: float) -> None:
        """A click on the course line: a route point there, in the leg under the click (a
        waypoint, in waypoint mode, goes where a click elsewhere would)."""
        self.on_route_dragged(lat, lon, lat, lon)

    def on_route_dragged(self, lat: float, lon: float, to_lat: float, to_lon: float) -> None:
        """The course grabbed at (lat, lon) and dropped at (to_lat, to_lon): a new route point
        there, between the two stops of the leg that was grabbed (one undo step)."""
        doc = self.document
        plan = doc.pending_plan
        if self.route_panel.click_kind() != VIA or doc.record is None or len(plan.stops) < 2:
            self.on_map_clicked(to_lat, to_lon)
            return
        label = self.tr("Point %1").replace("%1", str(len(plan.stops) + 1))
        point = MapPoint(VIA, to_lon, to_lat, label)
        doc.edit(insert_on_course(plan, doc.record.geometry, (lon, lat), point))

    def marker_menu(self, ident: str) -> QMenu:
        """The context menu of a point: delete it; a route point can become the start or the
        finish (each one undo step)."""
        group, index = parse_marker_id(ident)
        menu = QMenu(self)
        menu.setObjectName("marker-menu")
        menu.addAction(self.tr("Delete")).triggered.connect(
            lambda _c=False: self.on_marker_deleted(ident))
        count = len(self.document.pending_plan.stops)
        fmt = self.document.current_format
        legs = fmt is not None and bool(fmt.legs)  # a stage's legs are reordered leg by leg
        if group == "s" and count > 1:
            first = menu.addAction(self.tr("Make this point the start"))
            first.setEnabled(index != 0 and not legs)
            first.triggered.connect(lambda _c=False: self.document.edit(make_start(index)))
            last = menu.addAction(self.tr("Make this point the finish"))
            last.setEnabled(index != count - 1 and not legs)
            last.triggered.connect(lambda _c=False: self.document.edit(
                make_finish(self.document.pending_plan, index)))
        self.legs.add_marker_actions(menu, ident)
        return menu

    def show_marker_menu(self, ident: str) -> None:
        menu = self.marker_menu(ident)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(QCursor.pos())

    def on_place_clicked(self, key: str) -> None:
        point = self.document.place_point(key)
        if point is not None:
            plan = self.document.pending_plan
            self.document.edit(Insert("s", len(plan.stops), point))

    def _change_kind(self, ident: str, kind: str) -> None:
        group, index = parse_marker_id(ident)
        self.document.edit(Relabel(group, index, kind, kind_labels()[kind]))

    # -- showing the document ----------------------------------------------------------------
    def _show_plan(self) -> None:
        plan = self.document.plan
        network = self.document.network
        notes = {} if network is None else {
            f"s{i}": foot_note(network, p) for i, p in enumerate(plan.stops) if p.place_key}
        self.route_panel.show_plan(plan, notes)
        if self.map.is_loaded:
            self.map.set_markers(plan.markers())

    def _show_route(self) -> None:
        self.route_panel.show_stats(self.document.stats)
        self.refresh_route()

    def refresh_route(self) -> None:
        """Draw the course again (a stage's chosen leg changed)."""
        if self.map.is_loaded:
            self.map.set_route(self.document.route_geojson())

    def _show_project(self) -> None:
        doc = self.document
        self.event_panel.show_project(doc.project, doc.format_index, doc.selected_leg)
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
        """A format chosen in the event tree: shown, and its whole course in view (also when it
        was already the current one: choosing it again brings it back into view)."""
        if index != self.document.format_index:
            self.document.select_format(index)
        elif self.document.selected_leg is not None:
            self.legs.select_leg(index, None)  # back to the whole stage
            return
        self.course_fit.format_shown()

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
        """The layers panel's OpenStreetMap box: the same choice as Carte › OpenStreetMap."""
        on = bool(shown)
        self.settings.online_tiles = on
        current = self.map_menus.stored_base
        if on and current != "osm":
            self.map_menus.choose_base("osm")
        elif not on and current == "osm":
            self.map_menus.choose_base("")

    def _show_base(self, key: str) -> None:
        self.settings.online_tiles = key == "osm"
        box = self.layers_panel.online
        box.blockSignals(True)
        box.setChecked(key == "osm")
        box.blockSignals(False)

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

    def generate(self, kind: str, target_km: float) -> Job | None:
        fmt = self.document.current_format
        if fmt is not None and fmt.legs:  # a stage with legs: the chosen leg's course only
            return self.legs.generate(kind, target_km)
        doc = self.document
        network, plan = doc.network, doc.plan
        if network is None:
            return None
        previous = doc.record.geometry if doc.record is not None else ()
        options = self.route_panel.options()
        through = self.route_panel.through_points_asked()
        try:  # nothing starts that cannot run: a request refused here opens no progress dialog
            generation.course_request(network, kind, plan, previous, target_km, options,
                                      through_points=through)
        except CavalierError as exc:
            self.status.setText(str(exc))
            self.warn(self.tr("Generating the route…"), str(exc))
            return None

        def work(*, progress: Any = None, cancel: Any = None) -> Any:
            return generation.generate(network, kind, plan, previous, target_km, options,
                                       through_points=through, progress=progress,
                                       cancel=cancel)

        return self.run_operation(self.tr("Generating the route…"), work, self.show_proposal)

    def show_proposal(self, proposal: generation.Proposal,
                      place: Callable[[ReplaceStops], None] | None = None) -> None:
        """The generator's ranked candidates, drawn and listed until one is chosen (``place``:
        what choosing one does, by default it becomes the course); when none kept the limits,
        why, and what would give real loops."""
        self.candidates.propose(proposal.candidates, proposal.refusal, place)
        if proposal.refusal:
            self.status.setText(proposal.refusal)
            self.refusal_box = self._refusal_box(proposal)
            self.refusal_box.open()

    def _refusal_box(self, proposal: generation.Proposal) -> QMessageBox:
        """No loop within the limits: why, the closest ones proposed, and the two actions that
        bring paths the loops need (OpenStreetMap, recce tracks) as buttons."""
        text = proposal.refusal
        if proposal.embedded_network:
            text += "\n\n" + self.tr(
                "The embedded network holds the old mining railways (cavaliers) and the "
                "véloroute: no paths on the spoil tips and few crossings, so it has few loops. "
                "OpenStreetMap brings the paths and roads of the basin; recce tracks bring the "
                "paths you rode.")
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("No loop within the limits"),
                          text, parent=self)
        box.setObjectName("generation-refusal")
        box.setWindowModality(Qt.WindowModality.NonModal)
        if proposal.candidates:
            box.setInformativeText(self.tr(
                "The closest courses are proposed with the share ridden twice: an out-and-back "
                "can be chosen knowingly."))
        if proposal.embedded_network:
            download = box.addButton(self.tr("Download OpenStreetMap for the Bassin minier"),
                                     QMessageBox.ButtonRole.ActionRole)
            download.clicked.connect(self.download_basin_dialog)  # Réseau › Télécharger…
        tracks = box.addButton(self.tr("Import recce tracks"), QMessageBox.ButtonRole.ActionRole)
        tracks.clicked.connect(self.import_tracks_dialog)  # Réseau › Importer des traces…
        box.addButton(QMessageBox.StandardButton.Close)
        return box

    def _refit_after_resize(self) -> None:
        if self.document.record is not None and not self.candidates.candidates:
            self.course_fit.fit()

    def fit_to_plan(self) -> None:
        """Zoom the map on the current route and waypoints (nothing placed: no change)."""
        self.course_fit.fit()

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
        self.status.setText(self.tr("New event: %1 (not saved yet)").replace("%1", event.name))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.open_file(self.tr("Open an event"), self.tr("Cavalier projects (*.cavalier)"))
        if path is not None:
            self.open_project(path)

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
        self._apply_project_dems()
        self.autosaver = Autosaver(path, interval_s=AUTOSAVE_INTERVAL_S)
        self.settings.add_recent(path)
        if project.problems:
            self.problems_box = problems_box(self, path, project.problems)
            self.status.setText(self.tr("%1 value(s) to correct in %2").replace(
                "%1", str(len(project.problems))).replace("%2", path.name))
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
        path = self.save_file(self.tr("Save the event"),
                              f"{self.document.project.event.name}.cavalier",
                              self.tr("Cavalier projects (*.cavalier)"))
        return self.save_to(path) if path is not None else False

    def save_to(self, path: Path) -> bool:
        project = self.document.project
        if project is None:
            return False
        if path.suffix != project_store.SUFFIX:
            path = path.with_name(path.name + project_store.SUFFIX)
        base = project.revision if path == self.document.path else None  # None: new file
        try:
            revision = project_store.save_project(path, project, base_revision=base)
        except project_store.StaleProjectError:
            self.stale_box = stale_save_box(self, path, self.save_as_dialog)
            return False
        except CavalierError as exc:
            self.warn(self.tr("Save"), str(exc))
            return False
        self.document.project = replace(project, revision=revision)
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
    def dialog_folder(self) -> Path:
        """Where file dialogs open: the project's folder, else the last one used, else home."""
        if self.document.path is not None:
            return self.document.path.parent
        recent = [Path(name) for name in self.settings.recent_files]
        for path in recent:
            if path.parent.is_dir():
                return path.parent
        return Path.home()

    def open_file(self, title: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, title, str(self.dialog_folder()), filters)
        return Path(name) if name else None

    def open_files(self, title: str, filters: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self, title, str(self.dialog_folder()), filters)
        return [Path(name) for name in names]

    def save_file(self, title: str, suggested: str, filters: str) -> Path | None:
        start = self.dialog_folder() / suggested
        name, _ = QFileDialog.getSaveFileName(self, title, str(start), filters)
        return Path(name) if name else None

    def choose_folder(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, title, str(self.dialog_folder()))
        return Path(name) if name else None

    def import_osm_dialog(self) -> None:
        path = self.open_file(self.tr("Import an OpenStreetMap extract"),
                               self.tr("OpenStreetMap (*.osm.pbf *.osm *.osm.bz2)"))
        if path is not None:
            self.run_operation(self.tr("Importing OpenStreetMap…"),
                               lambda **kw: operations.import_osm_network(path, **kw),
                               self.set_network)

    def download_basin_dialog(self) -> None:
        question = self.tr(
            "Download the OpenStreetMap extract of Nord-Pas-de-Calais from Geofabrik (about "
            "200 MB, once: it is kept in the cache), clip it to the Bassin minier and build the "
            "network of paths and roads?\n\nData © OpenStreetMap contributors, ODbL licence. "
            "An interrupted download resumes where it stopped.")
        if self._ask(self.tr("Download OpenStreetMap"), question):
            self.download_basin()

    def download_basin(self) -> Job:
        """Download, clip, build and save the basin network in a worker; show it when done."""
        from routes.osm.download import cache_dir

        out = self.basin_network_path or cache_dir() / "bassin-minier.cavnet"
        source, cache = self.basin_source, self.basin_cache
        return self.run_operation(
            self.tr("Downloading OpenStreetMap for the Bassin minier…"),
            lambda **kw: operations.download_basin_network(out, source=source, cache=cache, **kw),
            self._basin_downloaded)

    def _basin_downloaded(self, result: tuple[Path, Network]) -> None:
        path, network = result
        self.set_network(network)
        self.settings.last_network = path
        self.status.setText(self.status.text() + " — " + self.tr(
            "data © OpenStreetMap contributors (ODbL)"))

    def import_gis_dialog(self) -> None:
        paths = self.open_files(self.tr("Import GIS layers"),
                                self.tr("GIS layers (*.geojson *.json *.gpkg *.shp)"))
        if paths:
            self.run_operation(self.tr("Building the network…"),
                               lambda **kw: operations.import_gis_network(paths, **kw),
                               self.set_network)

    def import_dem_dialog(self) -> None:
        network = self.document.network
        paths = self.open_files(self.tr("Import an elevation model"),
                                self.tr("DEM (*.tif *.tiff *.hgt)"))
        if paths and network is not None:
            self.run_operation(self.tr("Reading the elevation model…"),
                               lambda **kw: operations.import_dem(network, paths, **kw),
                               self.dem_loaded)

    def dem_loaded(self, network: Network) -> None:
        self.set_network(network)
        files = tuple(network.graph.graph.get("elevation_files", ()))
        project = self.document.project
        if files and project is not None and (project.network is None
                                              or project.network.dems != files):
            self.document.edit_project(SetDems(files, network.name))
        self.document.request_route()

    def _apply_project_dems(self) -> None:
        """A project that records DEMs gets their heights on the shown network."""
        project, network = self.document.project, self.document.network
        dems = project.network.dems if project is not None and project.network else ()
        present = [Path(d) for d in dems if Path(d).is_file()]
        if not present or network is None or tuple(
                network.graph.graph.get("elevation_files", ())) == dems:
            return
        self.run_operation(self.tr("Reading the elevation model…"),
                           lambda **kw: operations.import_dem(network, present, **kw),
                           self._project_dems_applied)

    def _project_dems_applied(self, network: Network) -> None:
        self.set_network(network)
        self.document.select_format(self.document.format_index)

    def import_gpx_dialog(self) -> None:
        path = self.open_file(self.tr("Import a GPX track"), self.tr("GPX (*.gpx)"))
        if path is not None:
            self.track_import.read(path)

    def _gpx_imported(self, shown: operations.ShownTrack) -> None:
        """An imported track is shown as its own layer; the course changes only on demand."""
        self.track_import.show_track(shown)

    def event_properties_dialog(self) -> EventDialog | None:
        return open_event_dialog(self, self.document)

    def about_dialog(self) -> None:
        self.about_box = AboutDialog(about(self.document.network), self)
        self.about_box.open()

    def confirm_unsurveyed(self, formats: Sequence[Format], proceed: Callable[[], None]) -> None:
        """Warn before courses with unsurveyed parts leave the application; ``proceed`` runs
        when the organiser chooses to continue (at once when there is nothing to warn about)."""
        warnings = export_warnings(formats)
        if not warnings:
            proceed()
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsurveyed parts"),
                          "\n\n".join(warnings), parent=self)
        box.setInformativeText(self.tr("The GPX description states it as well. Continue the "
                                       "export?"))
        go = box.addButton(self.tr("Continue"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)
        box.finished.connect(lambda _result: proceed() if box.clickedButton() is go else None)
        self.unsurveyed_box = box
        box.open()

    def import_tracks_dialog(self) -> None:
        paths = self.open_files(self.tr("Import recce tracks"), self.tr("GPX (*.gpx)"))
        if paths:
            self.import_tracks(paths)

    def import_tracks(self, paths: list[Path]) -> Job | None:
        """Recce tracks join the current network (cleaned, merged, noded), in a worker."""
        network = self.document.network
        if network is None:
            return None
        return self.run_operation(
            self.tr("Importing recce tracks…"),
            lambda **kw: operations.add_recce_tracks(network, paths, **kw), self._tracks_added)

    def _tracks_added(self, result: tuple[Network, Any]) -> None:
        network, report = result
        self.set_network(network)
        self.tracks_report = report_box(self, self.tr("Recce tracks"), report.lines())
        self.tracks_report.open()

    def export_gpx_dialog(self) -> None:
        doc = self.document
        fmt = doc.current_format
        if doc.project is None or fmt is None:
            return
        filters = {self.tr("GPX (*.gpx)"): "gpx",
                   self.tr("GPX compatible, 500 points at most (*.gpx)"): "gpx-compatible",
                   self.tr("FIT course for Garmin (*.fit)"): "fit",
                   self.tr("KML (*.kml)"): "kml", self.tr("TCX course (*.tcx)"): "tcx"}

        def export() -> None:
            name, chosen = QFileDialog.getSaveFileName(
                self, self.tr("Export the course"), str(self.dialog_folder() / f"{fmt.name}.gpx"),
                ";;".join(filters))
            if name:
                self.export_course_file(Path(name), filters.get(chosen, "gpx"))

        self.confirm_unsurveyed([fmt], export)

    def export_course_file(self, path: Path, kind: str) -> None:
        """Write one file of the current format (app.exports, like ``cavalier gpx export``)."""
        doc = self.document
        project, fmt, network = doc.project, doc.current_format, doc.network
        if project is None or fmt is None:
            return
        file_kind = _FILE_KINDS.get(kind, "gpx")
        if path.suffix.lower() != f".{file_kind.split('-')[0]}":
            path = path.with_suffix(f".{file_kind.split('-')[0]}")
        self.run_operation(
            self.tr("Exporting the course…"),
            lambda **kw: operations.export_gpx(path, project, fmt, network=network,
                                               kind=file_kind, **kw),
            self._exported)

    def export_pack_dialog(self) -> None:
        project = self.document.project
        if project is None:
            return

        def export() -> None:
            assert project is not None
            dialog = PackDialog(project.event.contact or project.event.organiser, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            folder = self.choose_folder(self.tr("Folder of the participants' pack"))
            if folder is not None:
                self.export_pack_to(folder, dialog.options())

        self.confirm_unsurveyed(project.event.formats, export)

    def export_pack_to(self, folder: Path, options: PackOptions | None = None) -> None:
        """The whole pack, by the code ``cavalier export`` runs; skipped formats are shown."""
        project, network = self.document.project, self.document.network
        if project is None:
            return
        opts = options or PackOptions()
        self.run_operation(
            self.tr("Exporting the participants' pack…"),
            lambda **kw: operations.export_pack_folder(folder, project, opts, network=network,
                                                       **kw),
            lambda result: self._pack_exported(folder, result))

    def _pack_exported(self, folder: Path, result: PackResult) -> None:
        self.last_export = result
        self.status.setText(self.tr("Exported: %1").replace("%1", str(folder)))
        self._report_skipped(result)

    def _report_skipped(self, result: PackResult) -> None:
        if not result.skipped and not result.notes and not result.warnings:
            return
        lines = [f"• {text}" for text in [*result.warnings, *result.skipped, *result.notes]]
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export"),
                          self.tr("Not exported, and notes:") + "\n" + "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("export-report")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal to the event loop: the export is done, the user reads at will

    def export_zip_dialog(self) -> None:
        project, network = self.document.project, self.document.network
        if project is None:
            return

        def export() -> None:
            assert project is not None
            path = self.save_file(self.tr("Export the participants' zip"),
                                   f"{project.event.name}.zip", self.tr("Zip (*.zip)"))
            if path is not None:
                self.run_operation(
                    self.tr("Exporting GPX files…"),
                    lambda **kw: operations.export_bundle(path, project, network=network, **kw),
                    lambda result: self._zip_exported(path, result))

        self.confirm_unsurveyed(project.event.formats, export)

    def _zip_exported(self, path: Path, result: PackResult) -> None:
        self.last_export = result
        self._exported(path)
        self._report_skipped(result)

    def export_xlsx_dialog(self) -> None:
        project = self.document.project
        if project is None:
            return
        path = self.save_file(self.tr("Export the budget"), f"{project.event.name}.xlsx",
                               self.tr("Excel workbook (*.xlsx)"))
        if path is not None:
            self.run_operation(self.tr("Exporting the budget…"),
                               lambda **kw: operations.export_xlsx(path, project, **kw),
                               self._exported)

    def export_html_dialog(self) -> None:
        project = self.document.project
        if project is None:
            return
        path = self.save_file(self.tr("Export an HTML map"), f"{project.event.name}.html",
                               self.tr("Web page (*.html)"))
        if path is not None:
            self.run_operation(
                self.tr("Exporting the map…"),
                lambda **kw: operations.export_html_map(path, project, **kw),
                self._exported)

    def export_dossier_dialog(self) -> None:
        """The prefecture declaration file (PDF) and, beside it, the marshal posts workbook."""
        project, network = self.document.project, self.document.network
        if project is None:
            return
        path = self.save_file(self.tr("Export the declaration file"),
                               f"{project.event.name} - dossier de déclaration.pdf",
                               self.tr("PDF document (*.pdf)"))
        if path is not None:
            self.run_operation(
                self.tr("Preparing the declaration file…"),
                lambda **kw: operations.export_dossier(path, project, network, **kw),
                self._dossier_exported)

    def _dossier_exported(self, result: operations.DossierExport) -> None:
        self._exported(result.pdf)
        if result.warnings:
            self.warn(self.tr("Declaration file"), "\n".join(f"• {w}" for w in result.warnings))

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
