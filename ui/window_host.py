"""The part of the main window its menu helpers use (exports, imports, map menus, track import).

The helpers are built by :class:`ui.main_window.MainWindow` and call back into it; typing them
against this base instead of ``MainWindow`` keeps ``ui`` free of an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.editing import ReplaceStops
from app.generation import Proposal
from routes.network.model import Network
from ui.candidates import CandidatesController
from ui.document import Document
from ui.event_panel import EventPanel
from ui.map_fit import CourseFit
from ui.mapview import MapView
from ui.qt import QLabel, QMainWindow
from ui.route_panel import RoutePanel
from ui.settings import Settings
from ui.workers import Job, Runner


class WindowHost(QMainWindow):
    """A main window with a document, a map, a status line and long operations."""

    settings: Settings
    document: Document
    map: MapView
    status: QLabel
    runner: Runner
    route_panel: RoutePanel
    event_panel: EventPanel
    candidates: CandidatesController
    course_fit: CourseFit

    def run_operation(self, title: str, function: Callable[..., Any],
                      on_success: Callable[[Any], None]) -> Job:
        raise NotImplementedError

    def warn(self, title: str, message: str) -> None:
        raise NotImplementedError

    def open_file(self, title: str, filters: str) -> Path | None:
        raise NotImplementedError

    def save_file(self, title: str, suggested: str, filters: str) -> Path | None:
        raise NotImplementedError

    def import_dem_dialog(self) -> None:
        raise NotImplementedError

    def dem_loaded(self, network: Network) -> None:
        raise NotImplementedError

    def refresh_route(self) -> None:
        raise NotImplementedError

    def show_proposal(self, proposal: Proposal,
                      place: Callable[[ReplaceStops], None] | None = None) -> None:
        raise NotImplementedError
