"""An HTML map of an event (folium) that opens offline.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; we drop those links and embed
Leaflet's JS and CSS (from the installed xstatic-leaflet package, images as data URIs) in the page.
Only plain Leaflet objects are drawn (polylines, circle markers, tooltips, layer control), so
nothing else is needed. Background tiles, when asked for, load only when a network is there; the
routes and waypoints show either way. Where a route runs on unsurveyed edges (straight connectors
kept in its record) it is drawn dashed, with a legend.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence
from pathlib import Path

import xstatic.pkg.leaflet
from branca.element import Element, Figure

from app.exports.errors import ExportError
from app.exports.foliumlib import folium
from app.leg_map import site_rings
from app.legs import LEG_COLORS, leg_summary, legs_on_course
from app.model import Event, Leg, RouteRecord, WaypointKind
from routes.atomic import atomic_output
from routes.frenchfmt import number
from routes.outputs.unsurveyed import (
    has_unsurveyed,
    stretch_coords,
    stretches_from_stats,
    with_unsurveyed,
)
from routes.progress import ProgressCallback

ROUTE_COLOURS = ("#c0392b", "#2471a3", "#1e8449", "#7d3c98", "#b9770e", "#117a65", "#5d6d7e")
KIND_COLOURS = {
    WaypointKind.AID_STATION: "#27ae60",
    WaypointKind.EPREUVE: "#8e44ad",
    WaypointKind.CHECKPOINT: "#2c3e50",
    WaypointKind.FIRST_AID: "#e74c3c",
    WaypointKind.MARSHAL_POST: "#f39c12",
}
BASIN_CENTRE = (50.43, 2.95)  # lat, lon: between Béthune and Valenciennes
#: White dashes over a route where it runs on unsurveyed edges.
UNSURVEYED_DASH = "8 8"


def leaflet_assets() -> tuple[str, str]:
    """Leaflet JS (safe inside an inline <script>) and CSS with its images inlined: no file or
    network access needed by the page."""
    base = Path(xstatic.pkg.leaflet.BASE_DIR)
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline_image(match: re.Match[str]) -> str:
        image = base / "images" / match.group(1)
        if not image.is_file():
            return match.group(0)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", inline_image, css)
    # "</script>" inside the library would end our inline block early
    return js.replace("</script", "<\\/script"), css


def _unsurveyed_parts(record: RouteRecord) -> list[list[tuple[float, float]]]:
    """(lat, lon) lines of the record's unsurveyed stretches."""
    spans = [(s.start_m, s.end_m) for s in stretches_from_stats(record.stats)
             if has_unsurveyed(s.end_m - s.start_m)]
    length = record.stats.get("length_m")
    parts = stretch_coords(record.geometry, float(length) if length else None, spans)
    return [[(lat, lon) for lon, lat in part] for part in parts]


def _legend(credits: Sequence[str], unsurveyed: bool) -> Element:
    rows = []
    if unsurveyed:
        rows.append('<div><span style="display:inline-block;width:26px;border-top:5px dashed '
                    '#c0392b;vertical-align:middle;margin-right:6px"></span>Tronçon non relevé '
                    "(ligne droite, à vérifier sur le terrain)</div>")
    if credits:
        rows.append("<div>Données : " + " ; ".join(html.escape(c) for c in credits) + "</div>")
    return Element('<div class="cavalier-legend" style="position:fixed;left:10px;bottom:48px;'
                   "z-index:1000;max-width:60%;background:rgba(255,255,255,.9);padding:4px 8px;"
                   'border-radius:4px;font:12px/16px sans-serif">' + "".join(rows) + "</div>")


def _add_legs(group: folium.FeatureGroup, name: str, legs: Sequence[Leg]) -> None:
    """Each leg in its discipline's colour (as in the window), épreuves and transitions as rings
    around their site's point (one around the other when two stand there)."""
    rings = site_rings(tuple(legs))
    for number_, leg in enumerate(legs, 1):
        tooltip = html.escape(f"{name} — {number_}. {leg.title} — {leg_summary(leg)}")
        colour = LEG_COLORS[leg.kind]
        if leg.kind.moving and leg.route is not None and len(leg.route.geometry) > 1:
            folium.PolyLine(  # type: ignore[no-untyped-call]
                [(p[1], p[0]) for p in leg.route.geometry], color=colour, weight=4,
                opacity=0.9, tooltip=tooltip).add_to(group)
        elif not leg.kind.moving and leg.start is not None:
            folium.CircleMarker((leg.start.lat, leg.start.lon), radius=15 + 7 * rings[number_ - 1],
                                color=colour, weight=4, opacity=1, fill=True, fill_color=colour,
                                fill_opacity=0.12, tooltip=folium.Tooltip(tooltip)).add_to(group)


def build_map(event: Event, *, tiles: bool = True, credits: Sequence[str] = ()) -> folium.Map:
    """``credits``: attribution and licence of the network data the routes were computed on."""
    m = folium.Map(location=BASIN_CENTRE, zoom_start=10, tiles=None, control_scale=True)
    m.default_js = []
    m.default_css = []
    js, css = leaflet_assets()
    root = m.get_root()
    assert isinstance(root, Figure)
    header = root.header
    header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css_inline")
    header.add_child(Element(f"<script>{js}</script>"), name="leaflet_js_inline")
    if tiles:
        folium.TileLayer("OpenStreetMap", name="Fond OpenStreetMap (en ligne)").add_to(m)
    points: list[tuple[float, float]] = []
    any_unsurveyed = False
    for i, fmt in enumerate(event.formats):
        group = folium.FeatureGroup(name=html.escape(fmt.name))
        colour = ROUTE_COLOURS[i % len(ROUTE_COLOURS)]
        if fmt.route and fmt.route.geometry:
            line = [(p[1], p[0]) for p in fmt.route.geometry]
            points.extend(line)
            length = f"{number(fmt.route.length_km)} km"
            unsurveyed_m = fmt.route.unsurveyed_m or 0.0
            legs = legs_on_course(fmt)
            folium.PolyLine(  # type: ignore[no-untyped-call]  # a stage's legs: their casing
                line, color="#ffffff" if legs else colour, weight=8 if legs else 4,
                opacity=0.85,
                tooltip=html.escape(f"{fmt.name} — {with_unsurveyed(length, unsurveyed_m)}"),
            ).add_to(group)
            _add_legs(group, fmt.name, legs)
            for part in _unsurveyed_parts(fmt.route):
                folium.PolyLine(  # type: ignore[no-untyped-call]
                    part, color="#ffffff", weight=2.5, opacity=1, dash_array=UNSURVEYED_DASH,
                    tooltip=html.escape(f"{fmt.name} — tronçon non relevé"),
                ).add_to(group)
            any_unsurveyed = any_unsurveyed or has_unsurveyed(unsurveyed_m)
        for wp in fmt.waypoints:
            points.append((wp.lat, wp.lon))
            text = f"<b>{html.escape(wp.kind.label)}</b><br>{html.escape(wp.label)}"
            if wp.discipline is not None:
                text += f"<br>{html.escape(wp.discipline.label)}"
            # a tooltip, not a popup: folium builds popups with jQuery, which we do not ship
            folium.CircleMarker(
                (wp.lat, wp.lon), radius=7, color=KIND_COLOURS[wp.kind], fill=True,
                fill_opacity=0.9, tooltip=folium.Tooltip(text),
            ).add_to(group)
        group.add_to(m)
    if points:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        m.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], padding=(20, 20))
    folium.LayerControl(collapsed=False).add_to(m)
    if any_unsurveyed or credits:
        root.html.add_child(_legend(credits, any_unsurveyed), name="cavalier_legend")
    title = html.escape(f"{event.name} {event.edition_year}")
    header.add_child(Element(f"<title>{title}</title>"), name="page_title")
    return m


def export_map(path: Path, event: Event, *, tiles: bool = True, credits: Sequence[str] = (),
               progress: ProgressCallback | None = None) -> Path:
    if progress:
        progress(0.0, "Carte : préparation")
    page = build_map(event, tiles=tiles, credits=credits)
    with atomic_output(path, error=ExportError) as temporary:
        page.save(str(temporary))
    if progress:
        progress(1.0, f"Carte enregistrée : {path.name}")
    return path


_REMOTE_SRC = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
                         re.IGNORECASE)


def remote_assets(page: str) -> Sequence[str]:
    """Script, stylesheet or image tags of a page that load from the network."""
    return [m.group(0) for m in _REMOTE_SRC.finditer(page)]
