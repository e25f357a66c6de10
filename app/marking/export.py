"""One call for the CLI and the menu entry: a project (and its network) to a marking plan PDF,
and optionally its workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.marking.content import DEFAULT_TEAMS, MarkingPlan, marking_plan
from app.marking.document import write_marking_pdf, write_marking_xlsx
from app.project_store import Project
from app.sheet import project_sheets
from routes.network.model import Network
from routes.progress import CancelCallback, ProgressCallback, Task


@dataclass(frozen=True)
class MarkingResult:
    plan: MarkingPlan
    pages: int
    files: tuple[Path, ...]


def export_marking(project: Project, path: Path, *, network: Network | None = None,
                   xlsx: Path | None = None, teams: int = DEFAULT_TEAMS,
                   format_name: str | None = None,
                   progress: ProgressCallback | None = None,
                   cancel: CancelCallback | None = None) -> MarkingResult:
    """Write the marking plan of one format or of every routed format."""
    task = Task(progress, cancel)
    task.step(0.0, "Fiches des parcours (carrefours)…")
    decisions = {name: sheet.decisions for name, sheet in project_sheets(project, network).items()
                 if sheet.decisions is not None}
    plan = marking_plan(project.event, decisions, teams=teams, only=format_name)
    task.step(0.5, "Mise en page du plan de balisage…")
    pages = write_marking_pdf(plan, path, author=project.event.files_author)
    files = [path]
    if xlsx is not None:
        files.append(write_marking_xlsx(plan, xlsx))
    task.step(1.0, "Plan de balisage écrit.")
    return MarkingResult(plan, pages, tuple(files))
