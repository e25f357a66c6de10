"""A DEM imported through the window's operation gives a measured climb and a profile whose
hover shows the point on the map."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import rasterio
from affine import Affine
from PySide6.QtTest import QTest

from app import operations
from ui.qt import QPoint


def _dem(path: Path) -> Path:
    """A small GeoTIFF over Loos-en-Gohelle / Lens: height rises 40 m per km northwards."""
    west, north, step = 2.70, 50.50, 0.001
    rows, cols = 120, 160
    lats = north - step * (np.arange(rows) + 0.5)
    heights = np.repeat(((lats - 50.38) * 111.0 * 40.0 + 30.0)[:, None], cols, axis=1)
    with rasterio.open(path, "w", driver="GTiff", height=rows, width=cols, count=1,
                       dtype="float32", crs="EPSG:4326",
                       transform=Affine(step, 0.0, west, 0.0, -step, north)) as dataset:
        dataset.write(heights.astype("float32"), 1)
    return path


def test_dem_import_profile_and_hover(qtbot, window, js, network, tmp_path: Path) -> None:
    steps: list[str] = []
    with_heights = operations.import_dem(network, [_dem(tmp_path / "mnt.tif")],
                                         progress=lambda _f, message: steps.append(message))
    assert steps and network.graph is not with_heights.graph  # the loaded network is untouched
    window.set_network(with_heights)
    window.on_place_clicked("T074")
    window.on_map_clicked(50.433, 2.8177)  # south on the cavalier to Liévin: downhill
    window.on_map_clicked(50.452, 2.80)  # then north of Loos: uphill
    qtbot.waitUntil(lambda: window.document.stats is not None, timeout=10_000)
    stats = window.document.stats
    assert not stats.climb_estimated and stats.climb_m > 0 and stats.descent_m > 0
    chart = window.route_panel.chart
    assert len(chart.points) > 2
    window.route_dock.show()
    chart.resize(400, 200)
    with qtbot.waitSignal(chart.hovered, timeout=5000) as blocker:
        QTest.mouseMove(chart.viewport(), QPoint(200, 100))
    lon, lat = blocker.args
    assert (lon, lat) in {(p.lon, p.lat) for p in chart.points}
    count = ("(function(){var n=0; Cavalier.leaflet().eachLayer(function(l){"
             " if (l.options && l.options.fillColor === '#e53935') n++; }); return n;})()")
    qtbot.waitUntil(lambda: js(window.map, count) == 1, timeout=5000)
