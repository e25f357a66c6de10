"""The HTML map opens offline: Leaflet inline, no remote script or stylesheet."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from app.exports.map import export_map, remote_assets
from app.model import RouteRecord, Stop, route_record
from app.templates import build_template


def _page(tmp_path: Path, *, tiles: bool) -> str:
    event, _ = build_template("raid-bassin-minier", 2027)
    route = RouteRecord("raid", (Stop("Loos", 2.783, 50.445), Stop("Oignies", 2.99, 50.452)),
                        ((2.783, 50.445, 70.0), (2.9, 50.43, 40.0), (2.99, 50.452, 35.0)),
                        {"length_m": 21000.0})
    stage = replace(event.formats[0], route=route)
    event = replace(event, formats=(stage, *event.formats[1:]))
    progress: list[float] = []
    path = export_map(tmp_path / "carte.html", event, tiles=tiles,
                      progress=lambda f, _m: progress.append(f))
    assert progress[-1] == 1.0
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("tiles", [True, False], ids=["fond-osm", "sans-fond"])
def test_map_has_no_remote_script_or_stylesheet(tmp_path: Path, tiles: bool) -> None:
    page = _page(tmp_path, tiles=tiles)
    assert remote_assets(page) == []
    assert not re.search(r"<(script|link)[^>]+(src|href)=\S*(cdn|jsdelivr|cloudflare)", page)
    assert "L.map(" in page and "L.polyline(" in page and "L.circleMarker(" in page
    assert "Escalade" in page and "Poste de secours" in page
    assert "data:image/png;base64," in page  # leaflet's control images are embedded
    # leaflet's own code is in the page, before the map script that uses it
    assert page.index("Leaflet 1.9") < page.index("L.map(")
    assert ("tile.openstreetmap.org" in page) is tiles


def test_remote_assets_detects_cdn_tags() -> None:
    page = ('<script src="https://cdn.jsdelivr.net/npm/leaflet.js"></script>'
            "<link rel='stylesheet' href='//example.org/a.css'><script>var a = 1;</script>")
    assert len(remote_assets(page)) == 2


class _Rupture:
    def __init__(self, ident: str) -> None:
        self.ident = ident


class _FakeRoute:
    """Shape of routes.search.routing.Route, as the routing core returns it."""

    profile = "vtt"
    length_m = 2000.0
    stops = (Stop("T074", 2.783, 50.445), Stop("T075", 2.8, 50.405))
    coords = ((2.783, 50.445), (2.8, 50.405))
    layer_lengths: ClassVar[dict[str, float]] = {"cavalier": 1500.0, "terril": 500.0}
    ruptures = (_Rupture("R1"), _Rupture("R7"))
    terrils = ("T074", "T075")
    unsurveyed = ()


def test_route_record_from_a_computed_route() -> None:
    record = route_record(_FakeRoute())
    assert record.ruptures_crossed == ("R1", "R7")
    assert record.stats["layer_share"] == {"cavalier": 0.75, "terril": 0.25}
    assert record.length_km == 2.0 and "climb_m" not in record.stats  # the sheet's figure
    event, _ = build_template("challenge-vtt-xc", 2027)
    fmt = replace(event.formats[0], route=record)
    assert fmt.marshals_needed == 2
    assert replace(fmt, marshals_override=5).marshals_needed == 5
    # checkpoint (2) and first aid (0) on the round's start
    assert fmt.volunteers.total == 2 + 2
    assert replace(event, formats=(fmt,) * 3).volunteers.marshals == 6


def test_map_needs_no_jquery(tmp_path: Path) -> None:
    assert "$(" not in _page(tmp_path, tiles=False)


# Loads the page in a real browser engine, with no network needed: Leaflet runs, the markers and
# the layer control are drawn and no JavaScript error is logged.
BROWSER_CHECK = r"""
import sys
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

class Page(QWebEnginePage):
    errors = []
    def javaScriptConsoleMessage(self, level, message, line, source):
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            Page.errors.append(message)

app = QApplication(sys.argv)
view = QWebEngineView()
view.setPage(Page(view))
view.resize(900, 700)
view.show()
script = ("[typeof L, document.querySelectorAll('.leaflet-interactive').length,"
          " document.querySelectorAll('.leaflet-control-layers').length].join(',')")

def report(result):
    print("RESULT", result, "ERRORS", len(Page.errors), *Page.errors, flush=True)
    app.quit()

view.loadFinished.connect(lambda ok: QTimer.singleShot(
    1000, lambda: view.page().runJavaScript(script, 0, report)))
view.load(QUrl.fromLocalFile(sys.argv[1]))
app.exec()
"""


def test_map_draws_in_a_browser_engine_offline(tmp_path: Path) -> None:
    pytest.importorskip("PySide6.QtWebEngineWidgets",
                        reason="QtWebEngine absent : vérification dans un navigateur impossible")
    page = tmp_path / "carte.html"
    page.write_text(_page(tmp_path, tiles=False), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu"}
    done = subprocess.run([sys.executable, "-c", BROWSER_CHECK, str(page)], env=env,
                          capture_output=True, text=True, timeout=180, check=False)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT")), "")
    assert line, f"le navigateur n'a rien rendu : {done.stderr[-2000:]}"
    # the 9 waypoints of both stages and the route of stage 1, drawn by Leaflet
    assert line.split()[1] == "object,10,1", line
    assert "ERRORS 0" in line, line
