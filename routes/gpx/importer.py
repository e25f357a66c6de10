"""Import of an existing GPX (last year's course, a reconnaissance) as one line to edit."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from routes.atomic import write_text
from routes.gpx.clean import CleanStats, clean_points
from routes.gpx.errors import GpxError
from routes.gpx.geo import path_length
from routes.gpx.network_index import NetworkIndex
from routes.gpx.reader import GpxDocument, GpxPoint, GpxWaypoint, read_gpx
from routes.gpx.snap import SnapOptions, SnapResult, snap_track
from routes.plausible import check_track
from routes.progress import CancelCallback, ProgressCallback


@dataclass
class ImportedTrack:
    document: GpxDocument
    points: list[GpxPoint]  # tracks (else routes) of the file, segments joined in order, cleaned
    clean: CleanStats
    snap: SnapResult | None = None

    @property
    def name(self) -> str:
        names = [line.name for line in self.document.lines if line.name]
        return names[0] if names else (self.document.name or Path(self.document.source).stem)

    @property
    def waypoints(self) -> list[GpxWaypoint]:
        return self.document.waypoints

    @property
    def length_m(self) -> float:
        return path_length([(p.lat, p.lon) for p in self.points])

    @property
    def line(self) -> list[tuple[float, float]]:
        """The line to use: snapped when snapping was asked, else as recorded (cleaned)."""
        if self.snap is not None:
            return self.snap.points
        return [(p.lat, p.lon) for p in self.points]


def import_gpx(
    path: str | Path, *, network: nx.MultiDiGraph | NetworkIndex | None = None,
    options: SnapOptions | None = None, progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> ImportedTrack:
    """Read, clean and (with a network) snap the track of a GPX file."""
    if progress is not None:
        progress(0.0, f"Lecture de {Path(path).name}…")
    document = read_gpx(path)
    lines = [line for line in document.lines if line.kind == "track" and line.point_count]
    lines = lines or [line for line in document.lines if line.point_count]
    raw = [p for line in lines for seg in line.segments for p in seg]
    points, stats = clean_points(raw)
    if len(points) < 2:
        raise GpxError(f"{document.source} : aucune trace ni route d'au moins deux points "
                       f"distincts ({len(document.waypoints)} point(s) d'intérêt seulement).")
    check_track([(p.lat, p.lon) for p in points], document.source, GpxError)
    imported = ImportedTrack(document, points, stats)
    if network is not None:
        def snap_progress(fraction: float, message: str) -> None:
            if progress is not None:
                progress(0.2 + 0.8 * fraction, message)

        imported = match_track(imported, network, options=options, progress=snap_progress,
                               cancel=cancel)
    if progress is not None:
        progress(1.0, "Import terminé.")
    return imported


def match_track(
    imported: ImportedTrack, network: nx.MultiDiGraph | NetworkIndex, *,
    options: SnapOptions | None = None, progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> ImportedTrack:
    """The track snapped onto the network (a copy; the recorded points are kept as they are)."""
    snap = snap_track(network, [(p.lat, p.lon) for p in imported.points], options=options,
                      progress=progress, cancel=cancel)
    return ImportedTrack(imported.document, imported.points, imported.clean, snap)


def to_geojson(imported: ImportedTrack) -> dict[str, Any]:
    """FeatureCollection: the line (snapped pieces flagged on/off network) and the waypoints."""
    features: list[dict[str, Any]] = []
    if imported.snap is None:
        coords = [[round(p.lon, 7), round(p.lat, 7)] + ([p.ele] if p.ele is not None else [])
                  for p in imported.points]
        features.append({"type": "Feature", "properties": {"name": imported.name, "snapped": False},
                         "geometry": {"type": "LineString", "coordinates": coords}})
    else:
        report = imported.snap.report
        for piece in imported.snap.pieces:
            if len(piece.points) >= 2:
                features.append(_line_feature(piece.points, {
                    "name": imported.name, "snapped": True, "on_network": piece.on_network}))
        features.append({"type": "Feature", "geometry": None, "properties": {
            "report": "quality", "matched_share": round(report.matched_share, 4),
            "length_before_m": round(report.length_before_m, 1),
            "length_after_m": round(report.length_after_m, 1),
            "breaks": report.breaks, "off_network": [vars(p) for p in report.off_network]}})
    for wp in imported.waypoints:
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [wp.lon, wp.lat]},
                         "properties": {"name": wp.name, "sym": wp.sym, "type": wp.type}})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(imported: ImportedTrack, path: str | Path) -> None:
    write_text(path, json.dumps(to_geojson(imported), ensure_ascii=False), error=GpxError)


def _line_feature(points: list[tuple[float, float]], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "LineString",
                         "coordinates": [[round(lon, 7), round(lat, 7)] for lat, lon in points]}}
