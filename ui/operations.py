"""File operations behind the menus, as plain functions with progress and cancel (no Qt here).

Imports return a new network or a track; exports write GPX, the participants' zip, the budget
workbook and a standalone HTML map. The UI runs them in a worker behind a progress dialog.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.budget_xlsx import export_budgets
from app.course_notes import gpx_meta, record_note
from app.dossier import export_dossier as export_dossier_files
from app.model import Event, Format
from app.project_store import NetworkRef, Project
from routes.errors import CavalierError
from routes.gpx.bundle import BundleCourse, write_bundle
from routes.gpx.errors import GpxError
from routes.gpx.importer import ImportedTrack, import_gpx
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta, WaypointKind
from routes.gpx.writer import write_gpx
from routes.network import Network, gazetteer_for, load_network
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.track_network import TrackImportReport, add_tracks
from ui.map_html import LEAFLET_DIR, web_asset
from ui.project_plan import record_geojson


class ExportError(CavalierError, OSError):
    """An export file cannot be written."""


_GPX_KIND: dict[str, WaypointKind] = {
    "ravitaillement": "ravitaillement", "epreuve": "epreuve", "pointage": "controle",
    "secours": "secours", "signaleur": "signaleur",
}


# -- imports ---------------------------------------------------------------------------------
def import_osm_network(path: Path, *, progress: ProgressCallback | None = None,
                       cancel: CancelCallback | None = None) -> Network:
    from routes.osm.build import build_network

    report = build_network(osm=Path(path), progress=progress, cancel=cancel)
    graph = report.graph
    return Network(graph, gazetteer_for(graph, None), str(graph.graph.get("name", path.name)))


def add_recce_tracks(network: Network, paths: Sequence[Path], *,
                     progress: ProgressCallback | None = None,
                     cancel: CancelCallback | None = None) -> tuple[Network, TrackImportReport]:
    """« Réseau › Importer des traces de reconnaissance… »: the code ``cavalier network
    add-tracks`` runs."""
    return add_tracks(network, list(paths), progress=progress, cancel=cancel)


def import_gis_network(paths: Sequence[Path], *, progress: ProgressCallback | None = None,
                       cancel: CancelCallback | None = None) -> Network:
    return load_network(layers=list(paths), progress=progress, cancel=cancel)


def import_dem(network: Network, paths: Sequence[Path], *,
               progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> Network:
    """A copy of the network with node elevations from the DEM files."""
    from routes.elevation.dem import open_dems
    from routes.elevation.network import set_elevations

    task = Task(progress, cancel)
    task.step(0.1, "Lecture du MNT…")
    dem = open_dems(list(paths))
    graph = network.graph.copy()
    task.step(0.5, "Altitudes des nœuds…")
    set_elevations(graph, dem, source=dem.sources, allow_partial=True)
    task.step(1.0, "Altitudes ajoutées.")
    return Network(graph, network.places, network.name, network.layers, network.report)


def import_gpx_track(path: Path, network: Network | None, *,
                     progress: ProgressCallback | None = None,
                     cancel: CancelCallback | None = None) -> ImportedTrack:
    graph = network.graph if network is not None else None
    return import_gpx(path, network=graph, progress=progress, cancel=cancel)


# -- exports ---------------------------------------------------------------------------------
def course_of(fmt: Format) -> CourseTrack:
    if fmt.route is None or len(fmt.route.geometry) < 2:
        raise GpxError(f"« {fmt.name} » n'a pas encore de parcours : tracez-le avant d'exporter.")
    points = [(float(p[1]), float(p[0]), float(p[2]) if len(p) > 2 else None)
              for p in fmt.route.geometry]
    waypoints = [CourseWaypoint(w.label, w.lat, w.lon, _GPX_KIND[w.kind.value],
                                description=w.note) for w in fmt.waypoints]
    return CourseTrack(fmt.name, points, waypoints, description=record_note(fmt.route))


def _meta(event: Event, fmt: Format, network: NetworkRef | None) -> GpxMeta:
    return gpx_meta(event.name, event.organiser, fmt, network)


def export_gpx(path: Path, event: Event, fmt: Format, *, network: NetworkRef | None = None,
               progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> Path:
    """``network``: the project's network reference (data credits in the GPX metadata)."""
    Task(progress, cancel).step(0.1, f"Export GPX de « {fmt.name} »…")
    return write_gpx(path, [course_of(fmt)], _meta(event, fmt, network), with_route=True)


def export_bundle(path: Path, event: Event, *, network: NetworkRef | None = None,
                  progress: ProgressCallback | None = None,
                  cancel: CancelCallback | None = None) -> Path:
    Task(progress, cancel).check()
    courses = [BundleCourse(course_of(f), _meta(event, f, network),
                            distance_m=float(f.route.stats.get("length_m", 0.0)) or None)
               for f in event.formats if f.route is not None and len(f.route.geometry) > 1]
    return write_bundle(path, event.name, courses, progress=progress)


def export_xlsx(path: Path, project: Project, *, progress: ProgressCallback | None = None,
                cancel: CancelCallback | None = None) -> Path:
    Task(progress, cancel).check()
    export_budgets(path, project.event, project.budgets, progress=progress)
    return path


def _route_features(fmt: Format) -> list[dict[str, Any]]:
    """The format's route line, and its unsurveyed stretches (drawn dashed over it)."""
    route = fmt.route
    if route is None or len(route.geometry) < 2:
        return []
    line = {"type": "Feature", "properties": {"name": fmt.name},
            "geometry": {"type": "LineString",
                         "coordinates": [list(p[:2]) for p in route.geometry]}}
    collection = record_geojson(route) or {"features": []}
    stretches = [{**f, "properties": {"name": f"{fmt.name} — tronçon non relevé",
                                      "role": "non_releve"}}
                 for f in collection["features"] if f["properties"].get("role") == "non_releve"]
    return [line, *stretches]


_LEGEND = ('<div class="cavalier-legend" style="position:absolute;right:10px;bottom:20px;'
           'z-index:1000"><div><span class="swatch route-unsurveyed"></span>Parcours sur un '
           'tronçon non relevé</div><div><span class="swatch unsurveyed"></span>Non relevé '
           '(ligne droite, à vérifier)</div><div><span class="swatch unknown"></span>Ancien '
           "tracé, praticabilité inconnue</div></div>")


@dataclass(frozen=True)
class DossierExport:
    pdf: Path
    xlsx: Path
    pages: int
    warnings: tuple[str, ...]


def dossier_workbook_path(pdf: Path) -> Path:
    """The marshal posts workbook written beside the declaration file."""
    return pdf.with_name(f"{pdf.stem}-signaleurs.xlsx")


def export_dossier(path: Path, project: Project, network: Network | None, *,
                   progress: ProgressCallback | None = None,
                   cancel: CancelCallback | None = None) -> DossierExport:
    """The declaration file (PDF) and the marshal posts workbook, as ``cavalier dossier``."""
    xlsx = dossier_workbook_path(path)
    pages, dossier = export_dossier_files(project, path, xlsx=xlsx, network=network,
                                          progress=progress, cancel=cancel)
    return DossierExport(path, xlsx, pages, tuple(dossier.warnings))


def html_map(event: Event, network_layers: dict[str, Any] | None = None) -> str:
    """A standalone page (Leaflet inlined, no network access) with every format's route;
    unsurveyed connectors and the course over them dashed, with a legend."""
    features: list[dict[str, Any]] = []
    for fmt in event.formats:
        features.extend(_route_features(fmt))
        features.extend({"type": "Feature", "properties": {"name": f"{fmt.name} — {w.label}"},
                         "geometry": {"type": "Point", "coordinates": [w.lon, w.lat]}}
                        for w in fmt.waypoints)
    data = json.dumps({"type": "FeatureCollection", "features": features})
    layers = json.dumps(network_layers or {})
    leaflet_js = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    leaflet_css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    title = event.name.replace("&", "&amp;").replace("<", "&lt;")
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<style>{leaflet_css}
{web_asset('map.css')}
#map {{ position: absolute; inset: 0; }}</style>
<script>{leaflet_js}</script></head>
<body><div id="map"></div>{_LEGEND}<script>
var map = L.map("map");
var base = {layers};
function baseStyle(key, f) {{
  if (f.properties && f.properties.practicability === "unknown") {{
    return {{color: "#8e24aa", weight: 3, dashArray: "1 6", lineCap: "round"}};
  }}
  if (key === "unsurveyed") {{ return {{color: "#e65100", weight: 2.5, dashArray: "6 6"}}; }}
  return {{color: "#8d6e63", weight: 2}};
}}
Object.keys(base).forEach(function (k) {{
  L.geoJSON(base[k], {{style: function (f) {{ return baseStyle(k, f); }},
    pointToLayer: function (f, ll) {{ return L.circleMarker(ll, {{radius: 3}}); }}}}).addTo(map);
}});
var routes = L.geoJSON({data}, {{style: function (f) {{
    return f.properties.role === "non_releve"
      ? {{color: "#ffffff", weight: 2.5, opacity: 1, dashArray: "8 8"}}
      : {{color: "#1565c0", weight: 4}}; }},
  onEachFeature: function (f, l) {{ l.bindTooltip(f.properties.name); }}}}).addTo(map);
if (routes.getLayers().length) {{ map.fitBounds(routes.getBounds()); }}
else {{ map.setView([50.43, 2.83], 10); }}
</script></body></html>
"""


def export_html_map(path: Path, event: Event, network_layers: dict[str, Any] | None = None, *,
                    progress: ProgressCallback | None = None,
                    cancel: CancelCallback | None = None) -> Path:
    Task(progress, cancel).step(0.5, "Carte HTML…")
    try:
        path.write_text(html_map(event, network_layers), encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path.name} : écriture impossible ({exc.strerror or exc}).") from exc
    return path
