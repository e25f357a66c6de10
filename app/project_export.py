"""``cavalier export``: everything a comité sends or prints, in one folder.

The folder gets the budget workbook, the offline HTML map and the participants' GPX zip (one GPX
per format that has a route, written by routes/gpx).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.budget_xlsx import export_budgets
from app.course_notes import all_attributions, export_warnings, gpx_meta, record_note
from app.map_export import export_map
from app.model import Format, WaypointKind
from app.project_store import Project
from routes.errors import CavalierError
from routes.gpx.bundle import BundleCourse, write_bundle
from routes.gpx.model import CourseTrack, CourseWaypoint
from routes.gpx.model import WaypointKind as GpxKind
from routes.progress import OperationCancelled

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


class ExportError(CavalierError, OSError):
    """The export folder cannot be written."""


@dataclass
class ExportResult:
    budget: Path | None = None
    map: Path | None = None
    gpx: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Courses with unsurveyed parts (the CLI prints these on stderr).
    warnings: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    """File-name-safe version of a name: « Ultra 100 km » -> ultra-100-km."""
    text = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return text or "parcours"


_GPX_KIND: dict[WaypointKind, GpxKind] = {
    WaypointKind.AID_STATION: "ravitaillement",
    WaypointKind.EPREUVE: "epreuve",
    WaypointKind.CHECKPOINT: "controle",
    WaypointKind.FIRST_AID: "secours",
    WaypointKind.MARSHAL_POST: "signaleur",
}


def course_track(fmt: Format) -> CourseTrack:
    """A format with a route as the GPX writer's course: (lat, lon, ele) points and waypoints."""
    assert fmt.route is not None
    points = [(p[1], p[0], p[2] if len(p) > 2 else None) for p in fmt.route.geometry]
    start = dt.datetime.combine(fmt.day, fmt.start_time) if fmt.day and fmt.start_time else None
    waypoints = [
        CourseWaypoint(w.label, w.lat, w.lon, _GPX_KIND[w.kind],
                       description=w.discipline.label if w.discipline else w.note)
        for w in fmt.waypoints
    ]
    description = f"{fmt.discipline.label}, {fmt.target_distance_km:g} km".replace(".", ",")
    description += f". {record_note(fmt.route)}"
    return CourseTrack(fmt.name, points, waypoints, description=description, start_time=start)


def write_gpx_bundle(project: Project, outdir: Path, *,
                     progress: Progress | None = None) -> list[Path]:
    """The participants' zip (routes/gpx): a GPX per format that has a route, and a README."""
    ev = project.event
    courses = []
    for fmt in ev.formats:
        if fmt.route is None or len(fmt.route.geometry) < 2:
            continue
        stats = fmt.route.stats
        try:
            course = course_track(fmt)
        except ValueError as exc:
            raise ExportError(f"Parcours « {fmt.name} » inutilisable pour le GPX : {exc}") from exc
        courses.append(BundleCourse(
            course, gpx_meta(f"{ev.name} {ev.edition_year}", ev.organiser, fmt, project.network),
            distance_m=float(stats["length_m"]) if "length_m" in stats else None,
            climb_m=float(stats["climb_m"]) if "climb_m" in stats else None,
        ))
    if not courses:
        return []
    path = outdir / f"gpx-{slug(f'{ev.name}-{ev.edition_year}')}.zip"
    return [write_bundle(path, f"{ev.name} {ev.edition_year}", courses, progress=progress)]


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise OperationCancelled("Export annulé.")


def export_project(
    project: Project, outdir: Path, *, tiles: bool = True,
    progress: Progress | None = None, cancel: Cancel | None = None,
) -> ExportResult:
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Dossier d'export {outdir} impossible à créer : {exc}") from exc
    result = ExportResult()
    base = slug(f"{project.event.name}-{project.event.edition_year}")

    def step(start: float, span: float) -> Progress | None:
        if progress is None:
            return None
        return lambda f, msg: progress(start + span * f, msg)

    _check_cancel(cancel)
    if project.budgets:
        result.budget = outdir / f"budget-{base}.xlsx"
        export_budgets(result.budget, project.event, project.budgets, progress=step(0.0, 0.4))
    else:
        result.notes.append("Aucun budget dans le projet : pas de classeur.")
    _check_cancel(cancel)
    result.map = export_map(outdir / f"carte-{base}.html", project.event, tiles=tiles,
                            credits=all_attributions(project.network), progress=step(0.4, 0.3))
    _check_cancel(cancel)
    result.gpx = write_gpx_bundle(project, outdir, progress=step(0.7, 0.3))
    if result.gpx:
        result.warnings = export_warnings(project.event.formats)
    if not result.gpx:
        result.notes.append("Aucun format n'a encore de parcours : pas de fichier GPX.")
    if progress:
        progress(1.0, f"Export terminé dans {outdir}")
    return result
