"""The open document: network, project, the route plan being edited, undo history.

Plan edits (waypoints on the map) and project edits (formats, budget lines) are undoable values.
A plan edit belongs to the format it was made on: undoing it brings that format back first.
Every plan change asks for a new route, computed by a background job; only the latest request's
result is kept, so quick successive edits never show a stale route. The computed route is frozen
into the project as a RouteRecord.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.model import Format, RouteRecord
from app.project_store import Project
from routes.network.model import Network
from routes.search.routing import Route, Router, StopInput, route_from_path
from ui.editing import VIA, Edit, MapPoint, Plan
from ui.project_plan import (
    plan_from_format,
    record_from_route,
    record_geojson,
    stats_from_record,
    stops_record,
    with_plan,
)
from ui.qt import QObject, QUndoCommand, QUndoStack, Signal
from ui.route_stats import RouteStats, route_stats
from ui.undo import ValueCommand
from ui.workers import Runner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RouteResult:
    request: int
    route: Route
    stats: RouteStats


def compute_route(network: Network, router: Router, plan: Plan, request: int) -> RouteResult:
    """Route through the plan's stops (plain function, run in a worker)."""
    stops: list[StopInput] = []
    for point in plan.stops:
        place = network.places.get(point.place_key) if point.place_key else None
        stops.append(place if place is not None else (point.lon, point.lat))
    if plan.course_nodes:
        route = route_from_path(network, plan.profile, list(plan.course_nodes),
                                list(plan.course_keys), [router.stop(s) for s in stops])
    else:
        route = router.route(stops, plan.profile)
    return RouteResult(request, route, route_stats(network, route))


class PlanCommand(QUndoCommand):
    """A plan edit made on one format (or on the scratch plan when ``format_index`` is None).

    The edit computes the new plan once; undo and redo then restore the plan before or after it
    exactly (a generated course's path included).
    """

    def __init__(self, document: Document, edit: Edit, format_index: int | None) -> None:
        super().__init__(edit.description)
        self._document = document
        self._edit: Any = edit
        self._format = format_index
        self._before: Plan | None = None
        self._after: Plan | None = None

    def _show_format(self) -> None:
        if self._document.format_index != self._format:
            self._document.select_format(self._format)

    def redo(self) -> None:
        # Called from C++ (QUndoStack): an exception escaping here would abort the process.
        self._show_format()
        if self._after is None:
            try:
                self._after = self._edit.apply(self._document.plan)[0]
            except (IndexError, ValueError) as exc:
                log.error("Modification impossible : %s", exc)
                self.setObsolete(True)
                return
            self._before = self._document.plan
        self._document.put_plan(self._after)

    def undo(self) -> None:
        self._show_format()
        if self._before is not None:
            self._document.put_plan(self._before)


class Document(QObject):
    plan_changed = Signal()
    route_changed = Signal()
    route_failed = Signal(str)
    network_changed = Signal()
    project_changed = Signal()
    format_selected = Signal()
    # No bool arguments on our signals: PySide 6.12 loses a reference to True/False per emit.
    modified_changed = Signal()

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.network: Network | None = None
        self.router: Router | None = None
        self.project: Project | None = None
        self.path: Path | None = None
        self.format_index: int | None = None
        self.plan = Plan()
        self.record: RouteRecord | None = None
        self.stats: RouteStats | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._history_moved)
        self.modified = False
        self._request = 0
        self.route_requests_done = 0

    # -- network and project -----------------------------------------------------------------
    def set_network(self, network: Network) -> None:
        self.network = network
        self.router = Router(network)
        self.network_changed.emit()

    def set_project(self, project: Project | None, path: Path | None = None) -> None:
        """A new or opened project: history cleared, first format selected."""
        self.undo_stack.clear()
        self.project = project
        self.path = path
        self.format_index = None
        self.project_changed.emit()
        has_formats = project is not None and bool(project.event.formats)
        self.select_format(0 if has_formats else None)
        self.set_modified(False)

    def _history_moved(self, _index: int) -> None:
        if self.project is not None:
            self.set_modified(True)

    def set_modified(self, modified: bool) -> None:
        if modified != self.modified:
            self.modified = modified
            self.modified_changed.emit()

    @property
    def current_format(self) -> Format | None:
        if self.project is None or self.format_index is None:
            return None
        return self.project.event.formats[self.format_index]

    def select_format(self, index: int | None) -> None:
        """Show a format's route and waypoints (not an edit)."""
        self._request += 1  # a route still computing for the previous format is dropped
        self.format_index = index
        fmt = self.current_format
        places = self.network.places if self.network is not None else None
        self.plan = plan_from_format(fmt, places) if fmt is not None else Plan()
        route = fmt.route if fmt is not None else None
        self.record = route if route is not None and len(route.geometry) > 1 else None
        self.stats = stats_from_record(self.record) if self.record is not None else None
        self.format_selected.emit()
        self.plan_changed.emit()
        self.route_changed.emit()

    def edit_project(self, edit: Any) -> None:
        """Push an undoable project edit (``apply(project) -> (project, inverse)``)."""
        self.undo_stack.push(ValueCommand(edit, lambda: self.project, self.put_project,
                                          edit.description))

    def put_project(self, project: Project) -> None:
        added_or_removed = (self.project is None
                            or len(project.event.formats) != len(self.project.event.formats))
        self.project = project
        if added_or_removed:
            # The shown format may have moved or gone: show the one now at its place.
            count = len(project.event.formats)
            self.format_index = None if count == 0 else min(self.format_index or 0, count - 1)
        self.set_modified(True)
        self.project_changed.emit()
        if added_or_removed:
            self.select_format(self.format_index)

    def _update_format(self, change: Callable[[Format], Format]) -> None:
        fmt = self.current_format
        if self.project is None or fmt is None or self.format_index is None:
            return
        formats = list(self.project.event.formats)
        formats[self.format_index] = change(fmt)
        event = replace(self.project.event, formats=tuple(formats))
        self.put_project(replace(self.project, event=event))

    # -- plan edits ----------------------------------------------------------------------------
    def edit(self, edit: Edit) -> None:
        self.undo_stack.push(PlanCommand(self, edit, self.format_index))

    def put_plan(self, plan: Plan) -> None:
        self.plan = plan
        self._update_format(lambda fmt: with_plan(fmt, plan))
        self.plan_changed.emit()
        self.request_route()

    def place_point(self, place_key: str) -> MapPoint | None:
        if self.network is None:
            return None
        place = self.network.places.get(place_key)
        if place is None:
            return None
        return MapPoint(VIA, place.lon, place.lat, place.label, place.key)

    # -- routing -----------------------------------------------------------------------------
    def route_geojson(self) -> dict[str, Any] | None:
        return record_geojson(self.record)

    def request_route(self) -> None:
        self._request += 1
        request = self._request
        if self.network is None or self.router is None or len(self.plan.stops) < 2:
            self._set_record(None, None)
            return
        network, router, plan = self.network, self.router, self.plan
        self.runner.submit(lambda: compute_route(network, router, plan, request),
                           on_success=self._route_done,
                           on_failure=lambda message: self._route_failed(request, message))

    def _set_record(self, record: RouteRecord | None, stats: RouteStats | None) -> None:
        self.record = record
        self.stats = stats
        # Without a route yet, the format still keeps its stops (a record with no geometry).
        stored = record if record is not None else stops_record(self.plan)
        self._update_format(lambda fmt: replace(fmt, route=stored))
        self.route_requests_done += 1
        self.route_changed.emit()

    def _route_done(self, result: RouteResult) -> None:
        if result.request != self._request:
            return
        self._set_record(record_from_route(result.route, result.stats, self.plan), result.stats)

    def _route_failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self._set_record(None, None)
        self.route_failed.emit(message)
