"""``cavalier export``: everything a comité sends or prints, in one folder.

The folder gets the budget workbook, the offline HTML map and one GPX file per format with a route.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.budget_xlsx import export_budgets
from app.map_export import export_map
from app.project_store import Project
from routes.errors import CavalierError

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


class ExportCancelled(ExportError):
    """The user cancelled the export (routes/progress.OperationCancelled once merged)."""


def slug(text: str) -> str:
    """File-name-safe version of a name: « Ultra 100 km » -> ultra-100-km."""
    text = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return text or "parcours"


def write_gpx_bundle(project: Project, outdir: Path) -> list[Path]:
    """CALL POINT for the GPX writer of routes/gpx (written by another helper).

    Should write one GPX per format whose ``route`` is set (track = route geometry with elevation,
    waypoints = the format's waypoints) as ``outdir / f"{slug(format.name)}.gpx"`` and return the
    paths. Until routes/gpx is merged nothing is written and the export says so.
    """
    del project, outdir
    return []


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ExportCancelled("Export annulé")


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
                            progress=step(0.4, 0.3))
    _check_cancel(cancel)
    result.gpx = write_gpx_bundle(project, outdir)
    with_route = sum(1 for f in project.event.formats if f.route is not None)
    if with_route == 0:
        result.notes.append("Aucun format n'a encore de parcours : pas de fichier GPX.")
    elif not result.gpx:
        result.notes.append("Export GPX pas encore disponible dans cette version.")
    if progress:
        progress(1.0, f"Export terminé dans {outdir}")
    return result
