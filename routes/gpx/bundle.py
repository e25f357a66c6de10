"""Participants' bundle: one zip per event, a GPX per format and a short README in French."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from routes.atomic import atomic_output
from routes.frenchfmt import number
from routes.gpx.errors import GpxError, raise_cancelled
from routes.gpx.filenames import safe_filename, unique_names
from routes.gpx.geo import segment_lengths
from routes.gpx.model import OSM_ATTRIBUTION, CourseTrack, GpxMeta
from routes.gpx.writer import gpx_xml, nearest_indices
from routes.progress import CancelCallback, ProgressCallback


@dataclass(frozen=True)
class BundlePart:
    """A file of one part of a course (a leg of a multisport stage), written beside the course's
    own file: its line and points, metadata, file name and the README's line about it."""

    course: CourseTrack
    meta: GpxMeta
    file_name: str
    summary: str

    @property
    def zip_name(self) -> str:
        """The name in the zip (ASCII, as every file there)."""
        return safe_filename(self.file_name)


@dataclass(frozen=True)
class BundleCourse:
    """A format of the event; distance, climb and aid stations default to what the points say
    (a project's course gives its sheet's figures instead)."""

    course: CourseTrack
    meta: GpxMeta
    distance_m: float | None = None
    climb_m: float | None = None
    #: (name, km from the start) of each aid station, in course order, when already known.
    aid_stations_km: tuple[tuple[str, float], ...] | None = None
    #: The README's climb line as the course's other documents word it (« D+ 151 m »).
    climb_line: str | None = None
    #: One file per part (a stage's legs), in the zip beside the course's own file.
    parts: tuple[BundlePart, ...] = ()
    #: What the README says of the parts (which devices take which file).
    parts_note: str = ""

    @property
    def cumulative_m(self) -> np.ndarray:
        pts = self.course.points
        steps = segment_lengths([p[0] for p in pts], [p[1] for p in pts])
        return np.concatenate([[0.0], np.cumsum(steps)])

    def distance(self) -> float:
        return self.distance_m if self.distance_m is not None else float(self.cumulative_m[-1])

    def climb(self) -> float | None:
        if self.climb_m is not None:
            return self.climb_m
        eles = [p[2] for p in self.course.points if p[2] is not None]
        if len(eles) < 2:
            return None
        diffs = np.diff(np.asarray(eles, dtype=float))
        return float(diffs[diffs > 0].sum())

    def aid_stations(self) -> list[tuple[str, float]]:
        """(name, km from the start) of each ravitaillement, in course order."""
        if self.aid_stations_km is not None:
            return list(self.aid_stations_km)
        cum = self.cumulative_m
        found = [(wp.name or wp.style.label, float(cum[i]) / 1000)
                 for wp, i in zip(self.course.waypoints, nearest_indices(self.course), strict=True)
                 if wp.kind == "ravitaillement"]
        return sorted(found, key=lambda item: item[1])


#: The README's words for a course without any height.
CLIMB_UNKNOWN = "inconnu (pas d'altitudes)"


def readme_text(event_name: str, courses: Sequence[BundleCourse], files: Sequence[str]) -> str:
    lines = [event_name, "=" * len(event_name), "",
             "Traces GPX des parcours, à charger sur votre montre ou votre téléphone",
             "(Garmin, Suunto, Coros…). Les points de ravitaillement, de contrôle et de",
             "secours sont inclus comme points d'intérêt.", ""]
    for bundle_course, file_name in zip(courses, files, strict=True):
        title = bundle_course.meta.format_name or bundle_course.course.name
        climb = bundle_course.climb()
        lines += [title, "-" * len(title), f"Fichier : {file_name}",
                  f"Distance : {number(bundle_course.distance() / 1000)} km",
                  bundle_course.climb_line
                  or "D+ : " + (CLIMB_UNKNOWN if climb is None else f"{climb:.0f} m")]
        start = bundle_course.course.start_time
        lines.append("Départ : " + (f"{start:%d/%m/%Y à %H:%M}" if start else "à préciser"))
        aid = bundle_course.aid_stations()
        if aid:
            lines.append("Ravitaillements :")
            lines += [f"  - {name} : km {number(km)}" for name, km in aid]
        else:
            lines.append("Ravitaillements : aucun")
        lines += list(bundle_course.meta.notes)
        if bundle_course.parts:
            lines.append("Un fichier par tronçon :")
            lines += [f"  - {part.zip_name} : {part.summary}" for part in bundle_course.parts]
            if bundle_course.parts_note:
                lines.append(bundle_course.parts_note)
        lines.append("")
    if any(c.meta.osm_attribution for c in courses):
        lines += [f"Fond de parcours {OSM_ATTRIBUTION}, licence ODbL.", ""]
    credits = dict.fromkeys(a for c in courses for a in c.meta.attributions)
    lines += [f"Données du réseau : {a}." for a in credits]
    return "\n".join(lines)


def write_bundle(
    zip_path: str | Path, event_name: str, courses: Sequence[BundleCourse], *,
    with_route: bool = True, progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
) -> Path:
    """Write the event's zip atomically; returns its path."""
    if not courses:
        raise GpxError(f"{event_name} : aucun parcours à mettre dans le dossier participants.")
    target = Path(zip_path)
    files = unique_names([c.meta.format_name or c.course.name for c in courses], ".gpx")
    folder = safe_filename(event_name)
    with atomic_output(target, error=GpxError) as tmp, \
            zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, (course, name) in enumerate(zip(courses, files, strict=True)):
            if cancel is not None and cancel():
                raise_cancelled("Export du dossier participants annulé.")
            if progress is not None:
                progress(number / len(courses), f"Export de {name}…")
            xml = gpx_xml([course.course], course.meta, with_route=with_route)
            archive.writestr(f"{folder}/{name}", xml.encode("utf-8"))
            for part in course.parts:
                xml = gpx_xml([part.course], part.meta, with_route=with_route)
                archive.writestr(f"{folder}/{part.zip_name}", xml.encode("utf-8"))
        archive.writestr(f"{folder}/README.txt",
                         readme_text(event_name, courses, files).encode("utf-8"))
    if progress is not None:
        progress(1.0, "Dossier participants prêt.")
    return target
