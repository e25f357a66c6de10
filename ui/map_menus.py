"""Menus for elevation and base maps: « Réseau › Télécharger les altitudes… », « Importer un
MNT… », « Carte › fond de carte » (none, Plan IGN, IGN photos, OpenStreetMap, offline file) and
« Préparer la carte hors ligne… ». Installed by the main window with one call.

The texts are French literals (this module postdates the translation catalogue).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import operations
from app.offline_tiles import (
    BASIN_BBOX,
    PROVIDERS,
    OfflineMapError,
    estimate,
    prepare_offline,
    read_offline_map,
)
from app.tile_server import TileServer, serve_offline_map
from routes.elevation.download import ATTRIBUTION, default_cache_dir, download_basin_dem
from routes.network.model import Network
from ui.qt import (
    QAction,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QWidget,
)
from ui.window_host import WindowHost

BASE_CHOICES = (("", "Aucun fond (carte du réseau seule)"),
                ("plan_ign", "Plan IGN (en ligne)"),
                ("ortho_ign", "Photographies aériennes IGN (en ligne)"),
                ("osm", "OpenStreetMap (en ligne)"),
                ("offline", "Carte hors ligne (fichier préparé)"))
_SETTING_BASE = "map/base_layer"
_SETTING_OFFLINE = "map/offline_file"


class OfflineMapDialog(QDialog):
    """Provider and maximum zoom, with the size estimate updated as they change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Préparer la carte hors ligne")
        self.provider = QComboBox()
        for key, source in PROVIDERS.items():
            self.provider.addItem(source.label, key)
        self.max_zoom = QSpinBox()
        self.max_zoom.setRange(10, 16)
        self.max_zoom.setValue(14)
        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout(self)
        form.addRow("Fond de carte", self.provider)
        form.addRow("Zoom maximal", self.max_zoom)
        form.addRow(self.estimate)
        form.addRow(buttons)
        self.provider.currentIndexChanged.connect(self._update)
        self.max_zoom.valueChanged.connect(self._update)
        self._update()

    @property
    def key(self) -> str:
        return str(self.provider.currentData())

    def _update(self) -> None:
        source = PROVIDERS[self.key]
        guess = estimate(self.key, BASIN_BBOX, 8, self.max_zoom.value())
        if source.bulk_allowed:
            self.estimate.setText(f"Bassin minier, zooms 8 à {self.max_zoom.value()} : "
                                  f"{guess.text()}.\nConditions : {source.terms}.")
        else:
            self.estimate.setText(f"Impossible : {source.terms}. Ce fond reste disponible en "
                                  "ligne seulement.")
        self.ok.setEnabled(source.bulk_allowed)


class MapMenus:
    """Owns the actions, the offline tile server and the base-layer choice of one window."""

    def __init__(self, window: WindowHost) -> None:
        self.window = window
        #: Called with the base layer's key whenever it changes (other views of it).
        self.base_listeners: list[Callable[[str], None]] = []
        self.server: TileServer | None = None
        self.base_actions: dict[str, QAction] = {}
        bar = window.menuBar()
        found = [a.menu() for a in bar.actions()
                 if a.text().replace("&", "") in ("Réseau", "Network")]
        network_menu = found[0] if found and isinstance(found[0], QMenu) else bar.addMenu(
            "&Réseau")
        network_menu.addAction(self._action("Télécharger les altitudes (MNT Copernicus)…",
                                            self.download_elevation))
        network_menu.addAction(self._action("Importer un MNT…", window.import_dem_dialog))
        map_menu = bar.addMenu("&Carte")
        for key, label in BASE_CHOICES:
            action = self._action(label, lambda key=key: self.choose_base(key))
            action.setCheckable(True)
            map_menu.addAction(action)
            self.base_actions[key] = action
        map_menu.addSeparator()
        map_menu.addAction(self._action("Préparer la carte hors ligne…", self.prepare_dialog))
        map_menu.addAction(self._action("Ouvrir une carte hors ligne (.mbtiles)…",
                                        self.open_offline_dialog))
        window.map.bridge.tiles_failed.connect(self.tiles_failed)
        window.destroyed.connect(self.stop_server)
        self._check(self.stored_base)

    def _action(self, text: str, slot: Any) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- base layers -------------------------------------------------------------------------
    @property
    def stored_base(self) -> str:
        return str(self.window.settings._store.value(_SETTING_BASE, "") or "")

    def _check(self, key: str) -> None:
        """Show the base layer in use: one state, two views (the Carte menu and the layers
        panel's OpenStreetMap box)."""
        for name, action in self.base_actions.items():
            action.setChecked(name == key)
        for listener in self.base_listeners:
            listener(key)

    def choose_base(self, key: str) -> None:
        if key == "offline":
            stored = self.window.settings._store.value(_SETTING_OFFLINE, "")
            if not stored:
                self.open_offline_dialog()
                return
            self.use_offline(Path(str(stored)))
            return
        self.window.map.set_base_layer(key or None)
        self._remember(key)
        if key:
            label = dict(BASE_CHOICES)[key]
            self.window.status.setText(f"Fond de carte : {label} — nécessite une connexion.")

    def _remember(self, key: str) -> None:
        self.window.settings._store.setValue(_SETTING_BASE, key)
        self._check(key)

    def use_offline(self, path: Path) -> bool:
        try:
            offline = read_offline_map(path)
        except OfflineMapError as exc:
            self.window.warn("Carte hors ligne", str(exc))
            self._check(self.stored_base)
            return False
        self.stop_server()
        self.server = serve_offline_map(path)
        self.window.map.set_base_layer("offline", self.server.url, offline.attribution,
                                       offline.max_zoom)
        self.window.settings._store.setValue(_SETTING_OFFLINE, str(path))
        self._remember("offline")
        self.window.status.setText(f"Fond de carte hors ligne : {path.name} "
                                   f"(jusqu'au zoom {offline.max_zoom})")
        return True

    def stop_server(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def restore(self) -> None:
        """Re-apply the stored base layer (at start-up)."""
        key = self.stored_base
        if key == "offline":
            stored = self.window.settings._store.value(_SETTING_OFFLINE, "")
            if stored and Path(str(stored)).is_file():
                self.use_offline(Path(str(stored)))
        elif key:
            self.window.map.set_base_layer(key)
            self._check(key)

    def tiles_failed(self, key: str) -> None:
        label = dict(BASE_CHOICES).get(key, key)
        if key == "offline":
            message = ("Carte hors ligne : des tuiles manquent à ce zoom ou à cet endroit "
                       "(préparez-la jusqu'à un zoom plus élevé ou sur une zone plus large).")
        else:
            message = (f"Fond « {label} » indisponible : pas de connexion ou service injoignable. "
                       "Utilisez « Carte › Préparer la carte hors ligne… » pour travailler sans "
                       "réseau ; la carte du réseau reste lisible sans fond.")
        self.window.status.setText(message)

    # -- dialogs -----------------------------------------------------------------------------
    def open_offline_dialog(self) -> None:
        path = self.window.open_file("Ouvrir une carte hors ligne",
                                     "Carte hors ligne (*.mbtiles)")
        if path is not None:
            self.use_offline(path)
        else:
            self._check(self.stored_base)

    def prepare_dialog(self) -> None:
        dialog = OfflineMapDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path = self.window.save_file("Enregistrer la carte hors ligne", "bassin-minier.mbtiles",
                                     "Carte hors ligne (*.mbtiles)")
        if path is not None:
            self.prepare(dialog.key, dialog.max_zoom.value(), path)

    def prepare(self, key: str, max_zoom: int, out: Path) -> None:
        def work(*, progress: Any = None, cancel: Any = None) -> Path:
            prepare_offline(key, out, max_zoom=max_zoom, progress=progress, cancel=cancel)
            return out

        def done(path: Path) -> None:
            self.use_offline(path)

        self.window.run_operation("Préparation de la carte hors ligne…", work, done)

    def download_elevation(self) -> None:
        network = self.window.document.network
        if network is None:
            return
        out = default_cache_dir() / "bassin-minier-glo30.tif"

        def work(*, progress: Any = None, cancel: Any = None) -> Network:
            def fetching(fraction: float, message: str) -> None:
                if progress is not None:
                    progress(0.8 * fraction, message)

            download_basin_dem(out, progress=fetching, cancel=cancel)
            return operations.import_dem(network, [out], cancel=cancel)

        def done(result: Network) -> None:
            self.window.dem_loaded(result)
            self.window.status.setText(f"Altitudes appliquées ({ATTRIBUTION}).")

        self.window.run_operation("Téléchargement des altitudes…", work, done)
