"""File operations behind the menus, as plain functions with progress and cancel (no Qt here).

Imports return a new network or a track; exports write GPX, the participants' zip, the budget
workbook and a standalone HTML map. The UI runs them in a worker behind a progress dialog.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.budget_xlsx import export_budgets
from app.model import Event, Format
from app.project_store import Project
from routes.errors import CavalierError
from routes.gpx.bundle import BundleCourse, write_bundle
from routes.gpx.errors import GpxError
from routes.gpx.importer import ImportedTrack, import_gpx
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta, WaypointKind
from routes.gpx.writer import write_gpx
from routes.network import Network, gazetteer_for, load_network
from routes.progress import CancelCallback, ProgressCallback, Task
from ui.map_html import LEAFLET_DIR, web_asset


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
    task.step(0.2, "Altitudes des nœuds et le long des arcs…")
    set_elevations(graph, dem, source=dem.sources, allow_partial=True, cancel=cancel)
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
    return CourseTrack(fmt.name, points, waypoints)


def _meta(event: Event, fmt: Format) -> GpxMeta:
    return GpxMeta(event.name, fmt.name, event.organiser)


def export_gpx(path: Path, event: Event, fmt: Format, *,
               progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> Path:
    Task(progress, cancel).step(0.1, f"Export GPX de « {fmt.name} »…")
    return write_gpx(path, [course_of(fmt)], _meta(event, fmt), with_route=True)


def export_bundle(path: Path, event: Event, *, progress: ProgressCallback | None = None,
                  cancel: CancelCallback | None = None) -> Path:
    Task(progress, cancel).check()
    courses = [BundleCourse(course_of(f), _meta(event, f),
                            distance_m=float(f.route.stats.get("length_m", 0.0)) or None)
               for f in event.formats if f.route is not None and len(f.route.geometry) > 1]
    return write_bundle(path, event.name, courses, progress=progress)


def export_xlsx(path: Path, project: Project, *, progress: ProgressCallback | None = None,
                cancel: CancelCallback | None = None) -> Path:
    Task(progress, cancel).check()
    export_budgets(path, project.event, project.budgets, progress=progress)
    return path


def html_map(event: Event, network_layers: dict[str, Any] | None = None) -> str:
    """A standalone page (Leaflet inlined, no network access) with every format's route."""
    features: list[dict[str, Any]] = []
    for fmt in event.formats:
        if fmt.route is not None and len(fmt.route.geometry) > 1:
            features.append({"type": "Feature", "properties": {"name": fmt.name},
                             "geometry": {"type": "LineString",
                                          "coordinates": [list(p[:2])
                                                          for p in fmt.route.geometry]}})
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
<body><div id="map"></div><script>
var map = L.map("map");
var base = {layers};
Object.keys(base).forEach(function (k) {{
  L.geoJSON(base[k], {{style: {{color: "#8d6e63", weight: 2}},
    pointToLayer: function (f, ll) {{ return L.circleMarker(ll, {{radius: 3}}); }}}}).addTo(map);
}});
var routes = L.geoJSON({data}, {{style: {{color: "#1565c0", weight: 4}},
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
