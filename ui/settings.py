"""Cavalier's settings, declared once and stored with QSettings (versioned)."""

from __future__ import annotations

from pathlib import Path

from ui.qt import QByteArray, QSettings

SETTINGS_VERSION = 1
MAX_RECENT = 8


class Settings:
    """Typed access to the stored settings; one instance per application."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings("Cavalier", "Cavalier")
        if int(str(self._store.value("version", 0))) < SETTINGS_VERSION:
            self._store.setValue("version", SETTINGS_VERSION)

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in an INI file (tests, portable use)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def _bool(self, key: str, default: bool) -> bool:
        value = self._store.value(key, default)
        return value in (True, "true", "1", 1)

    @property
    def online_tiles(self) -> bool:
        return self._bool("map/online_tiles", False)

    @online_tiles.setter
    def online_tiles(self, on: bool) -> None:
        self._store.setValue("map/online_tiles", on)

    @property
    def language(self) -> str:
        return str(self._store.value("ui/language", "fr"))

    @property
    def recent_files(self) -> list[str]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        text = str(path)
        recent = [p for p in self.recent_files if p != text]
        self._store.setValue("files/recent", [text, *recent][:MAX_RECENT])

    @property
    def last_network(self) -> Path | None:
        """The saved network (.cavnet) the window showed last, reopened at start-up."""
        value = str(self._store.value("network/last", "") or "")
        return Path(value) if value else None

    @last_network.setter
    def last_network(self, path: Path | None) -> None:
        if path is None:
            self._store.remove("network/last")
        else:
            self._store.setValue("network/last", str(path))

    def hidden_layers(self) -> set[str]:
        value = self._store.value("map/hidden_layers", [])
        if isinstance(value, str):
            return {value} if value else set()
        return {str(v) for v in value} if isinstance(value, list) else set()

    def set_hidden_layers(self, keys: set[str]) -> None:
        self._store.setValue("map/hidden_layers", sorted(keys))

    def window_geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def sync(self) -> None:
        self._store.sync()
