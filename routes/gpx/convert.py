"""Turning imported files (GPX, GeoJSON line) into courses ready for export."""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path
from typing import Any

from routes.errors import french_reason
from routes.gpx.errors import GpxError
from routes.gpx.importer import ImportedTrack
from routes.gpx.model import WAYPOINT_KINDS, CourseTrack, CourseWaypoint, Point, WaypointKind
from routes.gpx.reader import MAX_ELE_M, MAX_NAME_CHARS, MIN_ELE_M, GpxWaypoint
from routes.plausible import check_track

MAX_GEOJSON_BYTES = 256 * 1024 * 1024
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
        with p.open("rb") as stream:  # bounded: a pipe or /dev/zero has no size to check first
            raw = stream.read(MAX_GEOJSON_BYTES + 1)
        if len(raw) > MAX_GEOJSON_BYTES:
            raise GpxError(f"{p.name} : fichier trop volumineux (plus de "
                           f"{MAX_GEOJSON_BYTES // 1_000_000} Mo).")
        data: Any = json.loads(raw.decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise GpxError(f"{p.name} : GeoJSON illisible (JSON mal formé ou tronqué, ligne "
                       f"{exc.lineno}, colonne {exc.colno}).") from exc
    except (OSError, UnicodeError, RecursionError, MemoryError) as exc:
        raise GpxError(f"{p.name} : GeoJSON illisible ({french_reason(exc)}).") from exc
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
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        label = name or str(props.get("name") or p.stem)
        if len(label) > MAX_NAME_CHARS:
            raise GpxError(f"{p.name} : nom de {len(label):,} caractères, au plus "
                           f"{MAX_NAME_CHARS} ; raccourcissez-le.".replace(",", "\u202f"))
        try:
            points = [_point(c) for c in coords]
        except (TypeError, ValueError, IndexError, OverflowError) as exc:
            raise GpxError(f"{p.name} : ligne invalide (point [longitude, latitude] fini "
                           "attendu, en degrés WGS84).") from exc
        if len(points) < 2:
            raise GpxError(f"{p.name} : ligne de moins de deux points.")
        check_track([(lat, lon) for lat, lon, _ in points], p.name, GpxError)
        return CourseTrack(label, points)
    raise GpxError(f"{p.name} : aucune ligne (LineString) dans ce GeoJSON.")


def _point(coord: list[Any]) -> Point:
    if not isinstance(coord, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in coord[:2]):
        raise TypeError(coord)
    lon, lat = float(coord[0]), float(coord[1])
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180
            and -90 <= lat <= 90):
        raise ValueError(coord)
    ele = coord[2] if len(coord) > 2 and isinstance(coord[2], int | float) else None
    return lat, lon, float(ele) if ele is not None and MIN_ELE_M <= ele <= MAX_ELE_M else None
