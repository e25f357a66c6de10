"""The main window: map in the centre, layers and event docks, route panel, budget tab."""

from __future__ import annotations

import time

from routes.network import Network, load_network
from ui.document import RouteDocument
from ui.editing import VIA, Insert, MapPoint, Move, Relabel, Remove, SetProfile, parse_marker_id
from ui.labels import kind_labels
from ui.layers_panel import LayersPanel
from ui.mapview import MapView
from ui.qt import (
    QAction,
    QCloseEvent,
    QDockWidget,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
    Qt,
    Signal,
)
from ui.route_panel import RoutePanel
from ui.settings import Settings
from ui.workers import Runner


class MainWindow(QMainWindow):
    #: Emitted once the map shows the network and accepts clicks.
    map_ready = Signal()
    #: Emitted when the map has drawn the route of the latest edit (request number).
    map_updated = Signal(int)

    def __init__(self, settings: Settings, *, runner: Runner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner or Runner(parent=self)
        self.document = RouteDocument(self.runner, self)
        self.setWindowTitle(self.tr("Cavalier — sport and nature events of the Bassin minier"))
        self.setObjectName("MainWindow")
        self.resize(1400, 900)

        self.map = MapView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.map, self.tr("Map"))
        self.setCentralWidget(self.tabs)

        self.layers_panel = LayersPanel()
        self.route_panel = RoutePanel()
        self.layers_dock = self._dock(self.tr("Layers"), "LayersDock", self.layers_panel,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.route_dock = self._dock(self.tr("Route"), "RouteDock", self.route_panel,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.status = QLabel(self.tr("Loading the network…"))
        self.statusBar().addWidget(self.status, 1)

        self._build_actions()
        self._connect()
        self._restore_settings()
        self._last_draw_seq = -1

    # -- construction ------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        menu = self.menuBar()
        self.file_menu = menu.addMenu(self.tr("&File"))
        self.edit_menu = menu.addMenu(self.tr("&Edit"))
        self.undo_action = self.document.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.view_menu = menu.addMenu(self.tr("&View"))
        self.view_menu.addAction(self.layers_dock.toggleViewAction())
        self.view_menu.addAction(self.route_dock.toggleViewAction())
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)

    def _connect(self) -> None:
        bridge = self.map.bridge
        bridge.clicked.connect(self.on_map_clicked)
        bridge.marker_moved.connect(self.on_marker_moved)
        bridge.marker_deleted.connect(self.on_marker_deleted)
        bridge.place_clicked.connect(self.on_place_clicked)
        self.map.loaded.connect(self._on_map_loaded)
        self.map.route_drawn.connect(self._on_route_drawn)
        self.document.plan_changed.connect(self._show_plan)
        self.document.route_changed.connect(self._show_route)
        self.document.route_failed.connect(self._route_failed)
        self.layers_panel.visibility_changed.connect(self._layer_toggled)
        self.layers_panel.online_tiles_changed.connect(self._tiles_toggled)
        self.route_panel.profile_chosen.connect(
            lambda name: self.document.edit(SetProfile(name)))
        self.route_panel.delete_requested.connect(self.on_marker_deleted)
        self.route_panel.kind_changed.connect(self._change_kind)
        self.route_panel.chart.hovered.connect(self.map.highlight)
        self.route_panel.chart.left.connect(lambda: self.map.highlight(None, None))

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
        QMessageBox.critical(self, self.tr("Network"), message)

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
        route = self.document.route
        self.route_panel.show_stats(self.document.stats)
        if self.map.is_loaded:
            self._draw_started = time.perf_counter()
            self.map.set_route(route.to_geojson() if route is not None else None)

    def _on_route_drawn(self, seq: int) -> None:
        self._last_draw_seq = seq
        self.map_updated.emit(seq)

    def _route_failed(self, message: str) -> None:
        self.status.setText(message)

    def _layer_toggled(self, key: str, visible: bool) -> None:
        self.map.set_layer_visible(key, visible)
        hidden = self.settings.hidden_layers()
        if visible:
            hidden.discard(key)
        else:
            hidden.add(key)
        self.settings.set_hidden_layers(hidden)

    def _tiles_toggled(self, on: bool) -> None:
        self.settings.online_tiles = on
        self.map.set_online_tiles(on)

    # -- closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.runner.wait(5000)
        super().closeEvent(event)
