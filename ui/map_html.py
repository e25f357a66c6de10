"""The map page, built once with folium and fully offline.

folium's default CDN scripts and styles (Leaflet, jQuery, Bootstrap, awesome-markers) are removed;
Leaflet is inlined from the installed xstatic-leaflet package, and so are qwebchannel.js and our own
``ui/web/map.js``. :func:`external_references` lets tests prove no script or style comes from the
network. The network layers are not in the page: they are pushed after load by JavaScript calls.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import xstatic.pkg.leaflet as xleaflet
from branca.element import Element

from app.exports.foliumlib import folium
from app.exports.map import leaflet_assets

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
_EXTERNAL = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(https?://[^\"' >]+)",
                       re.IGNORECASE)


def web_asset(name: str) -> str:
    return (resources.files("ui") / "web" / name).read_text(encoding="utf-8")


def _inline_script(code: str) -> Element:
    return Element("<script>\n" + code.replace("</script", "<\\/script") + "\n</script>")


def build_map_html(bounds: tuple[float, float, float, float], qwebchannel_js: str) -> str:
    """HTML of the map page; ``bounds`` is (south, west, north, east)."""
    south, west, north, east = bounds
    fmap = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=11,
                      tiles=None, control_scale=False, prefer_canvas=True,
                      zoom_snap=0.25, zoom_delta=0.5)
    fmap.default_js = []
    fmap.default_css = []
    root: Any = fmap.get_root()
    header = root.header
    leaflet_js, leaflet_css = leaflet_assets()
    header.add_child(Element(f"<style>{leaflet_css}\n{web_asset('map.css')}</style>"),
                     name="cavalier_css", index=0)
    header.add_child(_inline_script(leaflet_js), name="leaflet_js", index=1)
    header.add_child(_inline_script(qwebchannel_js), name="qwebchannel_js", index=2)
    header.add_child(_inline_script(web_asset("map.js")), name="cavalier_js", index=3)
    # folium adds the map's own script at render time, after this one: wait for the parse end.
    name = fmap.get_name()
    root.script.add_child(Element(
        'document.addEventListener("DOMContentLoaded", function () {'
        f"{name}.fitBounds([[{south}, {west}], [{north}, {east}]], {{animate: false}}); "
        f"Cavalier.init({name});"
        "});"), name="cavalier_init")
    html: str = root.render()
    return html


def external_references(html: str) -> list[str]:
    """http(s) URLs the page would load as scripts or styles (must be empty)."""
    return _EXTERNAL.findall(html)


def base_url() -> str:
    """Base URL of the page: Leaflet's folder, so its images resolve offline."""
    return LEAFLET_DIR.as_uri() + "/"
