"""One call for the CLI and the menu entry: a project (and its network) to a roadbook PDF."""

from __future__ import annotations

from pathlib import Path

from app.project_store import Project, check_document_inputs, project_network
from app.roadbook.content import RoadbookError, roadbook_hints, sheets_for
from app.roadbook.document import write_roadbook
from routes.network.model import Network
from routes.progress import CancelCallback, ProgressCallback


def export_roadbook(project: Project, path: Path, *, network: Network | None = None,
                    format_name: str | None = None,
                    progress: ProgressCallback | None = None,
                    cancel: CancelCallback | None = None,
                    hints: list[str] | None = None) -> tuple[int, list[str]]:
    """Write the roadbook of one format or of every routed format; (pages, format names).
    ``hints`` receives what the organiser should do to complete it (CLI, window)."""
    check_document_inputs(project, RoadbookError)  # bounded text before any layout
    net = network if network is not None else project_network(project.network)
    pages = sheets_for(project.event, net, format_name)
    count = write_roadbook(pages, net, path, progress=progress, cancel=cancel)
    if hints is not None:
        hints += roadbook_hints(pages)
    return count, [p.fmt.name for p in pages]
