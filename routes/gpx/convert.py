"""Turning imported files (GPX, GeoJSON line) into courses ready for export."""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path
from typing import Any

from routes.gpx.errors import GpxError
from routes.gpx.importer import ImportedTrack
from routes.gpx.model import WAYPOINT_KINDS, CourseTrack, CourseWaypoint, Point, WaypointKind
from routes.gpx.reader import GpxWaypoint

_NAME_HINTS: list[tuple[str, WaypointKind]] = [
    ("depart", "depart"), ("start", "depart"), ("arrivee", "arrivee"), ("finish", "arrivee"),
    ("ravito", "ravitaillement"), ("ravitaillement", "ravitaillement"),
    ("secours", "secours"), ("first aid", "secours"), ("signaleur", "signaleur"),
    ("epreuve", "epreuve"), ("controle", "controle"), ("checkpoint", "controle"),
]


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def guess_kind(wp: GpxWaypoint) -> WaypointKind:
    """Kind of an imported waypoint: by Garmin symbol, then by name; a checkpoint otherwise."""
    for kind, style in WAYPOINT_KINDS.items():
        if wp.sym and wp.sym == style.sym and (not wp.type or wp.type == style.type):
            return kind  # type: ignore[return-value]
    name = _plain(f"{wp.name} {wp.type}")
    for hint, kind in _NAME_HINTS:
        if hint in name:
            return kind
    return "controle"


def course_from_import(imported: ImportedTrack, name: str | None = None) -> CourseTrack:
    if imported.snap is None:
        points: list[Point] = [(p.lat, p.lon, p.ele) for p in imported.points]
    else:
        points = [(lat, lon, None) for lat, lon in imported.snap.points]
    waypoints = [CourseWaypoint(wp.name, wp.lat, wp.lon, guess_kind(wp), wp.ele, wp.description)
                 for wp in imported.waypoints]
    return CourseTrack(name or imported.name, points, waypoints)


def read_geojson_course(path: str | Path, name: str | None = None) -> CourseTrack:
    """The first LineString (or MultiLineString, parts joined) of a GeoJSON file in lon/lat."""
    p = Path(path)
    try:
        data: Any = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GpxError(f"{p.name} : GeoJSON illisible ({exc}).") from exc
    features = data.get("features", [data]) if isinstance(data, dict) else []
    for feature in features:
        geom = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geom, dict):
            continue
        coords = geom.get("coordinates")
        if geom.get("type") == "MultiLineString" and isinstance(coords, list):
            coords = [c for part in coords for c in part]
        elif geom.get("type") != "LineString":
            continue
        if not isinstance(coords, list):
            continue
        props = feature.get("properties") or {}
        label = name or str(props.get("name") or p.stem)
        try:
            points = [_point(c) for c in coords]
            return CourseTrack(label, points)
        except (TypeError, ValueError, IndexError) as exc:
            raise GpxError(f"{p.name} : ligne invalide ({exc}).") from exc
    raise GpxError(f"{p.name} : aucune ligne (LineString) dans ce GeoJSON.")


def _point(coord: list[Any]) -> Point:
    lon, lat = float(coord[0]), float(coord[1])
    ele = float(coord[2]) if len(coord) > 2 and coord[2] is not None else None
    return lat, lon, ele if ele is not None and math.isfinite(ele) else None
