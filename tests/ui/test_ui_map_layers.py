"""The map without a base map (scale, labels by zoom, paths when zoomed in), base layers that fail
or come from an offline MBTiles file served on 127.0.0.1, and the profile's ticks and marks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from ui.elevation_chart import nice_step


def _state(window, js):  # type: ignore[no-untyped-def]
    return json.loads(js(window.map, "JSON.stringify(Cavalier.state())"))


def _zoom(qtbot, window, js, zoom: float) -> dict:  # type: ignore[no-untyped-def, type-arg]
    script = f"Cavalier.leaflet().setView([50.445, 2.783], {zoom}, {{animate: false}});"

    def there() -> bool:
        # A fit to the plan queued at start-up may land after our first move: move again.
        if _state(window, js)["zoom"] == zoom:
            return True
        window.map.run(script)
        return False

    qtbot.waitUntil(there, timeout=10_000)
    return _state(window, js)  # type: ignore[no-any-return]


def test_metric_scale_labels_and_paths_by_zoom(qtbot, window, js) -> None:  # type: ignore[no-untyped-def]
    far = _zoom(qtbot, window, js, 10)
    assert far["scaleLines"] == 1  # metric only: no miles/feet line
    assert far["scale"].endswith(("km", " m"))
    assert "paths" not in far["layers"] and "cavaliers" in far["layers"]
    assert far["labels"] == []
    shown = ("Array.from(document.querySelectorAll('.cavalier-label')).filter(function (e) {"
             " return getComputedStyle(e).display !== 'none'; }).length")
    assert js(window.map, shown) == 0  # labels are drawn by the browser only when shown
    near = _zoom(qtbot, window, js, 14)
    assert js(window.map, shown) > 0
    assert "paths" in near["layers"]
    assert set(near["labels"]) == {"communes", "terrils"}
    texts = json.loads(js(window.map, "JSON.stringify(Array.from(document.querySelectorAll("
                                      "'.cavalier-label-terrils')).map(function (e) {"
                                      " return e.textContent; }))"))
    assert "T074" in texts
    window.map.set_layer_visible("terrils", False)
    qtbot.waitUntil(lambda: "terrils" not in _state(window, js)["labels"], timeout=5000)
    assert window.map.js_errors == []


def _mbtiles(path: Path, tile: bytes) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                   "tile_row INTEGER, tile_data BLOB)")
        db.executemany("INSERT INTO metadata VALUES (?, ?)", [
            ("name", "essai"), ("format", "png"), ("maxzoom", "12"),
            ("attribution", "Plan IGN © IGN – Géoplateforme")])
        for x in range(2070, 2090):
            for y in range(1370, 1390):
                db.execute("INSERT INTO tiles VALUES (12, ?, ?, ?)", (x, 4095 - y, tile))
    return path


def _png() -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#e8dcc0"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_offline_base_map_is_served_and_missing_tiles_are_said(qtbot, window, js,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    path = _mbtiles(tmp_path / "essai.mbtiles", _png())
    assert window.map_menus.use_offline(path)
    try:
        state = _zoom(qtbot, window, js, 12)
        assert state["base"] == "offline" and state["tiles"]
        qtbot.waitUntil(lambda: js(window.map, "document.querySelectorAll("
                                               "'.leaflet-tile-loaded').length") > 0,
                        timeout=10_000)
        attribution = js(window.map, "document.querySelector('.leaflet-control-attribution')"
                                     ".textContent")
        assert "IGN" in attribution
        window.status.setText("")
        # Zoom 14 is not in the file: Leaflet over-zooms zoom 12; zoom 8 has nothing at all.
        with qtbot.waitSignal(window.map.bridge.tiles_failed, timeout=10_000):
            _zoom(qtbot, window, js, 8)
        assert "tuiles manquent" in window.status.text()
    finally:
        window.map_menus.stop_server()


def test_online_layer_failure_message(window) -> None:  # type: ignore[no-untyped-def]
    window.map_menus.tiles_failed("plan_ign")
    assert "Plan IGN" in window.status.text() and "indisponible" in window.status.text()
    assert "hors ligne" in window.status.text()


def test_profile_ticks_are_round() -> None:
    assert nice_step(42.2) == 10.0
    assert nice_step(21.1) == 5.0
    assert nice_step(7.3) == 2.0
    assert nice_step(1.4) == 0.5
