"""File operations behind the menus, as plain functions with progress and cancel (no Qt here).

Imports return a new network or a track; exports call app.exports and app.exports.map, the code
the command line runs. The UI runs them in a worker behind a progress dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from app.course_notes import all_attributions
from app.exports.map import export_map
from app.exports.pack import (
    FileKind,
    PackOptions,
    PackResult,
    export_format_file,
    export_gpx_zip,
    export_pack,
)
from app.model import Event, Format
from app.project_store import Project
from routes.gpx.importer import ImportedTrack, import_gpx, match_track
from routes.gpx.match_report import TrackFigures, track_figures
from routes.gpx.network_index import index_for
from routes.gpx.snap import SnapOptions
from routes.network.model import Network, gazetteer_for, load_network
from routes.progress import CancelCallback, ProgressCallback, Task
from routes.recce.join import TrackImportReport, add_tracks


# -- imports ---------------------------------------------------------------------------------
def import_osm_network(path: Path, *, progress: ProgressCallback | None = None,
                       cancel: CancelCallback | None = None) -> Network:
    from routes.osm.build import build_network

    report = build_network(osm=Path(path), progress=progress, cancel=cancel)
    graph = report.graph
    return Network(graph, gazetteer_for(graph, None), str(graph.graph.get("name", path.name)))


def add_recce_tracks(network: Network, paths: Sequence[Path], *,
                     progress: ProgressCallback | None = None,
                     cancel: CancelCallback | None = None) -> tuple[Network, TrackImportReport]:
    """« Réseau › Importer des traces de reconnaissance… »: the code ``cavalier network
    add-tracks`` runs."""
    return add_tracks(network, list(paths), progress=progress, cancel=cancel)


def download_basin_network(
    out: Path, *, source: str | None = None, cache: Path | None = None,
    progress: ProgressCallback | None = None, cancel: CancelCallback | None = None,
) -> tuple[Path, Network]:
    """« Réseau › Télécharger OpenStreetMap du Bassin minier » : the same pipeline as
    ``cavalier network download --basin``, fused with the embedded network's layers."""
    from routes.osm.basin import DEFAULT_SOURCE, download_basin

    layers = Path(str(resources.files("assets").joinpath("network")))
    result = download_basin(out, source=source or DEFAULT_SOURCE, cache=cache,
                            layers=layers if layers.is_dir() else None,
                            progress=progress, cancel=cancel)
    return result.network_path, load_network(result.network_path)


def import_gis_network(paths: Sequence[Path], *, progress: ProgressCallback | None = None,
                       cancel: CancelCallback | None = None) -> Network:
    return load_network(layers=list(paths), progress=progress, cancel=cancel)


def import_dem(network: Network, paths: Sequence[Path], *,
               progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> Network:
    """A copy of the network with node elevations from the DEM files."""
    from routes.elevation.dem import open_dems
    from routes.elevation.network import set_elevations

    task = Task(progress, cancel)
    task.step(0.1, "Lecture du MNT…")
    dem = open_dems(list(paths))
    graph = network.graph.copy()
    task.step(0.2, "Altitudes des nœuds et le long des arcs…")
    set_elevations(graph, dem, source=dem.sources, allow_partial=True, cancel=cancel)
    graph.graph["elevation_files"] = [str(Path(p).resolve()) for p in paths]
    task.step(1.0, "Altitudes ajoutées.")
    return Network(graph, network.places, network.name, network.layers, network.report)


@dataclass(frozen=True)
class ShownTrack:
    """An imported GPX track as recorded, with its figures against the current network."""

    track: ImportedTrack
    figures: TrackFigures


def read_gpx_track(path: Path, network: Network | None, *,
                   progress: ProgressCallback | None = None,
                   cancel: CancelCallback | None = None) -> ShownTrack:
    """« Fichier › Importer › Trace GPX… »: the track read and cleaned, not matched yet."""
    track = import_gpx(path, progress=progress, cancel=cancel)
    return ShownTrack(track, track_figures(track, network.graph if network is not None else None))


def match_gpx_track(track: ImportedTrack, network: Network, *,
                    progress: ProgressCallback | None = None,
                    cancel: CancelCallback | None = None) -> ImportedTrack:
    """« Caler sur le réseau »: the map matching ``cavalier gpx import --snap`` runs (same
    options)."""
    return match_track(track, index_for(network.graph), options=SnapOptions(),
                       progress=progress, cancel=cancel)


# -- exports: every file comes from app.exports, the same code as the command line ----------------
def _project(source: Project | Event) -> Project:
    return source if isinstance(source, Project) else Project(source)


def export_gpx(path: Path, event: Project | Event, fmt: Format, *, network: Network | None = None,
               kind: FileKind = "gpx", progress: ProgressCallback | None = None,
               cancel: CancelCallback | None = None) -> Path:
    """One file (GPX, GPX compatible, FIT, KML or TCX) of the current format."""
    Task(progress, cancel).step(0.1, f"Export de « {fmt.name} »…")
    return export_format_file(path, _project(event), fmt.name, kind, network=network)


def export_bundle(path: Path, event: Project | Event, *, network: Network | None = None,
                  progress: ProgressCallback | None = None,
                  cancel: CancelCallback | None = None) -> PackResult:
    Task(progress, cancel).check()
    return export_gpx_zip(path, _project(event), network=network)


def export_pack_folder(folder: Path, project: Project, options: PackOptions, *,
                       network: Network | None = None,
                       progress: ProgressCallback | None = None,
                       cancel: CancelCallback | None = None) -> PackResult:
    return export_pack(project, folder, options, network=network, progress=progress,
                       cancel=cancel)


def export_xlsx(path: Path, project: Project, *, progress: ProgressCallback | None = None,
                cancel: CancelCallback | None = None) -> Path:
    from app.budget_xlsx import export_budgets  # openpyxl: imported when used, not at start-up

    Task(progress, cancel).check()
    from app.sheet import budget_sheets

    export_budgets(path, project.event, project.budgets, progress=progress,
                   sheets=budget_sheets(project)[0])
    return path


@dataclass(frozen=True)
class DossierExport:
    pdf: Path
    xlsx: Path
    pages: int
    warnings: tuple[str, ...]


def dossier_workbook_path(pdf: Path) -> Path:
    """The marshal posts workbook written beside the declaration file."""
    return pdf.with_name(f"{pdf.stem}-signaleurs.xlsx")


def export_dossier(path: Path, project: Project, network: Network | None, *,
                   progress: ProgressCallback | None = None,
                   cancel: CancelCallback | None = None) -> DossierExport:
    """The declaration file (PDF) and the marshal posts workbook, as ``cavalier dossier``."""
    from app.dossier import export_dossier as export_dossier_files  # imported when used

    xlsx = dossier_workbook_path(path)
    pages, dossier = export_dossier_files(project, path, xlsx=xlsx, network=network,
                                          progress=progress, cancel=cancel)
    return DossierExport(path, xlsx, pages, (*dossier.warnings, *dossier.organiser_hints))


def export_html_map(path: Path, project: Project, *, tiles: bool = True,
                    progress: ProgressCallback | None = None,
                    cancel: CancelCallback | None = None) -> Path:
    """The offline HTML map, as ``cavalier export`` writes it (with the network's data credits)."""
    Task(progress, cancel).check()
    return export_map(path, project.event, tiles=tiles,
                      credits=all_attributions(project.network), progress=progress)
