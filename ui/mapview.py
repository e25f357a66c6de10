"""The map widget: a QWebEngineView showing the offline Leaflet page, and its QWebChannel bridge.

JavaScript reports clicks, drags, deletions and place clicks through :class:`MapBridge`; Python
drives the page with small calls (``Cavalier.setRoute(...)``), never by reloading it.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from app.map_data import MAP_LAYERS, PathIndex, is_large, network_bounds, network_layers
from routes.network.model import Network
from ui.map_html import base_url, build_map_html
from ui.qt import (
    QFile,
    QIODevice,
    QObject,
    QResizeEvent,
    QUrl,
    QWebChannel,
    QWebEnginePage,
    QWebEngineSettings,
    QWebEngineView,
    QWidget,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

#: (south, west, north, east) of the Bassin minier, the page's first view.
BASIN_BOUNDS = (50.25, 2.35, 50.65, 3.65)


class MapBridge(QObject):
    """Object registered in the page as ``bridge``: JavaScript calls its slots."""

    ready = Signal()
    clicked = Signal(float, float)  # lat, lon
    marker_moved = Signal(str, float, float)  # id, lat, lon
    marker_deleted = Signal(str)
    marker_menu = Signal(str)  # right click on a marker: its id
    route_clicked = Signal(float, float)  # lat, lon of a click on the course line
    route_dragged = Signal(float, float, float, float)  # grabbed at lat, lon; dropped at lat, lon
    place_clicked = Signal(str)
    candidate_clicked = Signal(int)  # rank - 1 of a proposed course clicked on the map
    route_drawn = Signal(int)
    markers_drawn = Signal(int)
    tiles_failed = Signal(str)  # base layer key whose tiles do not load
    view_changed = Signal(float, float, float, float, float)  # south, west, north, east, zoom

    @Slot(float, float, float, float, float)
    def viewChanged(self, south: float, west: float, north: float, east: float,
                    zoom: float) -> None:
        self.view_changed.emit(south, west, north, east, zoom)

    @Slot(str)
    def tilesFailed(self, key: str) -> None:
        self.tiles_failed.emit(key)

    @Slot()
    def mapReady(self) -> None:
        self.ready.emit()

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:
        self.clicked.emit(lat, lon)

    @Slot(str, float, float)
    def markerMoved(self, ident: str, lat: float, lon: float) -> None:
        self.marker_moved.emit(ident, lat, lon)

    @Slot(str)
    def markerDeleted(self, ident: str) -> None:
        self.marker_deleted.emit(ident)

    @Slot(str)
    def markerMenu(self, ident: str) -> None:
        self.marker_menu.emit(ident)

    @Slot(float, float)
    def routeClicked(self, lat: float, lon: float) -> None:
        self.route_clicked.emit(lat, lon)

    @Slot(float, float, float, float)
    def routeDragged(self, lat: float, lon: float, to_lat: float, to_lon: float) -> None:
        self.route_dragged.emit(lat, lon, to_lat, to_lon)

    @Slot(str)
    def placeClicked(self, key: str) -> None:
        self.place_clicked.emit(key)

    @Slot(int)
    def candidateClicked(self, index: int) -> None:
        self.candidate_clicked.emit(index)

    @Slot(int)
    def routeDrawn(self, seq: int) -> None:
        self.route_drawn.emit(seq)

    @Slot(int)
    def markersDrawn(self, seq: int) -> None:
        self.markers_drawn.emit(seq)


class MapPage(QWebEnginePage):
    """Keeps JavaScript errors instead of letting them vanish (tests assert there are none)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.js_errors: list[str] = []

    def javaScriptConsoleMessage(self, level: QWebEnginePage.JavaScriptConsoleMessageLevel,
                                 message: str, line: int, source: str) -> None:
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self.js_errors.append(f"{source}:{line}: {message}")
            log.error("JavaScript : %s (ligne %s)", message, line)


def qwebchannel_js() -> str:
    file = QFile(":/qtwebchannel/qwebchannel.js")
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("qwebchannel.js introuvable dans les ressources Qt")
    try:
        return bytes(file.readAll().data()).decode("utf-8")
    finally:
        file.close()


class MapView(QWebEngineView):
    """The map. ``loaded`` fires once the page is ready and the network layers are drawn."""

    loaded = Signal()
    route_drawn = Signal(int)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page = MapPage(self)
        # The page is a local file; base-map tiles come from http(s) (online providers or the
        # 127.0.0.1 offline server), which Chromium blocks for file:// pages unless allowed.
        self._page.settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
        self.setPage(self._page)
        self.bridge = MapBridge(self)
        self._channel = QWebChannel(self._page)
        self._channel.registerObject("bridge", self.bridge)
        self._page.setWebChannel(self._channel)
        self.bridge.ready.connect(self._on_ready)
        self.bridge.route_drawn.connect(self.route_drawn)
        self.bridge.view_changed.connect(self._send_view_paths)
        self._network: Network | None = None
        self._path_index: PathIndex | None = None
        self._layers: dict[str, Any] | None = None
        self._bounds: tuple[float, float, float, float] | None = None
        self._hidden: set[str] = set()
        self._base: tuple[Any, ...] | None = None
        self._page_ready = False
        self.is_loaded = False
        self._seq = 0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    @property
    def js_errors(self) -> list[str]:
        return self._page.js_errors

    def start_page(self, bounds: tuple[float, float, float, float] = BASIN_BOUNDS) -> None:
        """Load the (empty) map page once; it can start while the network is still loading."""
        self._page_ready = False
        self.setHtml(build_map_html(bounds, qwebchannel_js()), QUrl(base_url()))

    def set_network(self, network: Network) -> None:
        """Show a network's layers, in place (no page reload when the page is already up)."""
        large = is_large(network)
        self._layers = network_layers(network, inline_paths=not large)
        self._bounds = network_bounds(network)
        self._network = network if large else None
        self._path_index = None
        if self._page_ready:
            self._push_layers()

    def _on_ready(self) -> None:
        self._page_ready = True
        if self._layers is not None:
            self._push_layers()

    def _push_layers(self) -> None:
        order = list(MAP_LAYERS)
        self.run(f"Cavalier.setLayers({json.dumps(self._layers)}, {json.dumps(order)}, "
                 f"{json.dumps(self._network is not None)});")
        for key in self._hidden:
            self.run(f"Cavalier.setLayerVisible({json.dumps(key)}, false);")
        if self._base is not None:
            self.run(f"Cavalier.setBaseLayer({', '.join(json.dumps(a) for a in self._base)});")
        if self._bounds is not None:
            self.fit(self._bounds)
        self.is_loaded = True
        self.loaded.emit()

    def _send_view_paths(self, south: float, west: float, north: float, east: float,
                         zoom: float) -> None:
        """Paths of the view for a large network (built on the first zoom-in)."""
        if self._network is None:
            return
        if self._path_index is None:
            self._path_index = PathIndex(self._network)
        paths = self._path_index.view(south, west, north, east, zoom)
        self.run(f"Cavalier.setPaths({json.dumps(paths)});")

    def run(self, script: str) -> None:
        self._page.runJavaScript(script)

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def set_route(self, geojson: dict[str, Any] | None) -> int:
        """Draw the route in place; ``route_drawn`` fires with the returned number once done."""
        seq = self.next_seq()
        self.run(f"Cavalier.setRoute({json.dumps(geojson)}, {seq});")
        return seq

    def set_markers(self, markers: list[dict[str, Any]]) -> int:
        seq = self.next_seq()
        self.run(f"Cavalier.setMarkers({json.dumps(markers)}, {seq});")
        return seq

    def set_candidates(self, candidates: list[dict[str, Any]]) -> None:
        """Draw proposed courses (``rank``, ``color``, ``label``, ``coords`` lon/lat,
        ``unsurveyed`` lines); an empty list removes them."""
        self.run(f"Cavalier.setCandidates({json.dumps(candidates)});")

    def select_candidate(self, index: int) -> None:
        """Bring one proposed course forward (-1: none), the others faded."""
        self.run(f"Cavalier.selectCandidate({int(index)});")

    def set_imported_track(self, geojson: dict[str, Any] | None, title: str = "",
                           off_title: str = "") -> None:
        """Show (None: remove) an imported GPX track as its own layer, named in the legend."""
        self.run(f"Cavalier.setImportedTrack({json.dumps(geojson)}, {json.dumps(title)}, "
                 f"{json.dumps(off_title)});")

    def fit_imported_track(self) -> None:
        self.run("Cavalier.fitImported();")

    def show_notice(self, text: str) -> None:
        """A transient message over the map (it fades after a few seconds)."""
        self.run(f"Cavalier.showNotice({json.dumps(text)});")

    def clear_notice(self) -> None:
        self.run("Cavalier.clearNotice();")

    def highlight(self, lon: float | None, lat: float | None) -> None:
        self.run(f"Cavalier.highlight({json.dumps(lon)}, {json.dumps(lat)});")

    def fit(self, bounds: tuple[float, float, float, float]) -> None:
        self.run("Cavalier.fitBounds({}, {}, {}, {});".format(*bounds))

    def set_layer_visible(self, key: str, visible: bool) -> None:
        if visible:
            self._hidden.discard(key)
        else:
            self._hidden.add(key)
        if self.is_loaded:
            self.run(f"Cavalier.setLayerVisible({json.dumps(key)}, {json.dumps(visible)});")

    def set_online_tiles(self, on: bool) -> None:
        self.set_base_layer("osm" if on else None)

    def set_base_layer(self, key: str | None, url: str = "", attribution: str = "",
                       max_zoom: int = 16) -> None:
        """Base map under the network: "plan_ign", "ortho_ign", "osm", "offline" (tiles served
        from a local file at ``url``) or None. Tiles that fail come back as ``tiles_failed``."""
        self._base = None if key is None else (key, url, attribution, max_zoom)
        if self.is_loaded:
            args = ", ".join(json.dumps(a) for a in (self._base or (None,)))
            self.run(f"Cavalier.setBaseLayer({args});")
