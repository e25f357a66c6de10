"""One call for the CLI and the menu entry: a project (and its network) to a roadbook PDF."""

from __future__ import annotations

from pathlib import Path

from app.project_store import Project, check_document_inputs, project_network
from app.roadbook.content import RoadbookError, sheets_for
from app.roadbook.document import write_roadbook
from routes.network.model import Network
from routes.progress import CancelCallback, ProgressCallback


def export_roadbook(project: Project, path: Path, *, network: Network | None = None,
                    format_name: str | None = None,
                    progress: ProgressCallback | None = None,
                    cancel: CancelCallback | None = None) -> tuple[int, list[str]]:
    """Write the roadbook of one format or of every routed format; (pages, format names)."""
    check_document_inputs(project, RoadbookError)  # bounded text before any layout
    net = network if network is not None else project_network(project.network)
    sheets = sheets_for(project.event, net, format_name)
    pages = write_roadbook(sheets, net, path, progress=progress, cancel=cancel)
    return pages, [s.fmt.name for s in sheets]
