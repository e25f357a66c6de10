"""One call for the CLI and the menu entry: a project to its declaration file (PDF, xlsx)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from app.dossier import protected
from app.dossier.content import Dossier, DossierError, build_dossier
from app.dossier.document import write_dossier
from app.dossier.firstaid import FirstAidInputs
from app.dossier.workbook import write_posts_workbook
from app.project_store import Project, check_document_inputs, project_network
from routes.atomic import atomic_output
from routes.errors import LayerFileError
from routes.network.model import Network
from routes.progress import CancelCallback, ProgressCallback


def load_areas(zones: Sequence[tuple[str, Path]], *, shipped: bool = True
               ) -> list[protected.ProtectedArea]:
    """The shipped néo-natural spaces plus each (kind, file) the user names."""
    areas = protected.shipped_areas() if shipped else []
    for kind, path in zones:
        if kind not in protected.KINDS:
            raise DossierError(f"Type de zone « {kind} » inconnu ({', '.join(protected.KINDS)}).")
        try:
            areas += protected.read_areas(path, kind)
        except LayerFileError as exc:
            raise DossierError(str(exc)) from exc
    return areas


def _replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write through the one atomic writer, so a failed export leaves no half-written file."""
    with atomic_output(path, error=DossierError) as temporary:
        write(temporary)


def export_dossier(project: Project, path: Path, *, xlsx: Path | None = None,
                   network: Network | None = None,
                   zones: Sequence[tuple[str, Path]] = (), public: int = 0,
                   first_aid_inputs: FirstAidInputs | None = None,
                   progress: ProgressCallback | None = None,
                   cancel: CancelCallback | None = None) -> tuple[int, Dossier]:
    """Write the PDF (and the posts workbook); returns (pages, dossier)."""
    check_document_inputs(project, DossierError)  # bounded text before any layout
    areas = load_areas(zones)
    net = network if network is not None else project_network(project.network)
    dossier = build_dossier(project.event, net, areas=areas, public=public,
                            first_aid_inputs=first_aid_inputs, progress=progress, cancel=cancel)
    pages: list[int] = []
    _replace_atomically(path, lambda p: pages.append(
        write_dossier(dossier, net, p, progress=progress, cancel=cancel)))
    if xlsx is not None:
        _replace_atomically(xlsx, lambda p: write_posts_workbook(dossier, p))
    if progress is not None:
        progress(1.0, "Dossier écrit.")
    return pages[0], dossier
