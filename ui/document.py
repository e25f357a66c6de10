"""The open document: network, project, the route plan being edited, undo history.

Plan edits (waypoints on the map) and project edits (formats, budget lines) are undoable values.
A plan edit belongs to the format it was made on: undoing it brings that format back first.
Every plan change asks for a new route, computed by a background job; only the latest request's
result is kept, so quick successive edits never show a stale route. The computed route is frozen
into the project as a RouteRecord.

A plan edit is tried before it is made: the route of the candidate plan is computed first (the
current course stays drawn meanwhile) and the edit enters the undo stack only when it routes. An
edit that cannot be routed, or that puts a route point too far from the network, is refused with
a message (``edit_refused``) and leaves the document as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.editing import Edit, Insert, MapPoint, Move, Plan, Remove, place_accesses
from app.editing import place_point as network_place_point
from app.leg_map import stage_geojson
from app.legs import legs_match_course
from app.model import Event, Format, RouteRecord
from app.project_plan import (
    plan_from_format,
    record_from_route,
    record_geojson,
    stops_record,
    with_plan,
)
from app.project_store import Project
from app.route_stats import RouteStats, course_stats
from routes.frenchfmt import km_text, number
from routes.network.model import Network
from routes.network.nearness import distances_to_network_m
from routes.search.routing import Route, Router, StopInput, route_from_path
from ui.qt import QObject, QUndoCommand, QUndoStack, Signal
from ui.undo import ValueCommand
from ui.workers import Runner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RouteResult:
    request: int
    route: Route
    record: RouteRecord
    stats: RouteStats


def compute_route(network: Network, router: Router, plan: Plan, request: int,
                  fmt: Format | None = None, event: Event | None = None) -> RouteResult:
    """Route through the plan's stops, and the course sheet's figures of the result as the
    format's course (plain function, run in a worker)."""
    stops: list[StopInput] = []
    for point in plan.stops:
        place = network.places.get(point.place_key) if point.place_key else None
        stops.append(place if place is not None else (point.lon, point.lat))
    if plan.course_nodes:
        route = route_from_path(network, plan.profile, list(plan.course_nodes),
                                list(plan.course_keys), [router.stop(s) for s in stops])
    else:
        route = router.route(stops, plan.profile)
    record = record_from_route(route, plan)
    return RouteResult(request, route, record, course_stats(network, record,
                                                            fmt and with_plan(fmt, plan), event))


# A route point farther than this from every edge of the network is refused: the route would
# start from a node far from where the organiser put the point.
MAX_STOP_OFF_NETWORK_M = 300.0


@dataclass(frozen=True)
class Trial:
    """What trying a candidate plan gave: its route, or how far the edited point is off."""

    route: RouteResult | None
    off_network_m: float | None = None


def stop_off_network_m(network: Network, point: MapPoint) -> float:
    """Metres from a route point to the nearest edge (0 for a place: it is linked already)."""
    if point.place_key and network.places.get(point.place_key) is not None:
        return 0.0
    return float(distances_to_network_m(network.graph, [point.lon], [point.lat])[0])


def try_plan(network: Network, router: Router, plan: Plan, checked: MapPoint | None,
             fmt: Format | None = None, event: Event | None = None) -> Trial:
    """Check the edited point's distance to the network, then route the candidate plan (plain
    function, run in a worker). Routing errors propagate as CavalierError."""
    if checked is not None:
        distance = stop_off_network_m(network, checked)
        if distance > MAX_STOP_OFF_NETWORK_M:
            return Trial(None, distance)
    if len(plan.stops) < 2:
        return Trial(None)
    return Trial(compute_route(network, router, plan, 0, fmt, event))


def _checked_point(edit: Edit, candidate: Plan) -> MapPoint | None:
    """The route point an edit puts somewhere new (to check its distance to the network)."""
    if isinstance(edit, Move) and edit.group == "s":
        return candidate.stops[edit.index]
    if isinstance(edit, Insert) and edit.group == "s":
        return edit.point
    return None


def _routes_differently(before: Plan, after: Plan) -> bool:
    return (before.stops != after.stops or before.profile != after.profile
            or before.course_nodes != after.course_nodes)


def distance_text(metres: float) -> str:
    """« 412 m », « 2,0 km » (French number format)."""
    return f"{number(metres, 0)} m" if metres < 1000 else km_text(metres)


class PlanCommand(QUndoCommand):
    """A plan edit made on one format (or on the scratch plan when ``format_index`` is None).

    The edit computes the new plan once; undo and redo then restore the plan before or after it
    exactly (a generated course's path included). A command built from a tried edit carries the
    plans and the route already computed: its first redo shows them without routing again.
    """

    def __init__(self, document: Document, edit: Edit, format_index: int | None, *,
                 before: Plan | None = None, after: Plan | None = None,
                 routed: RouteResult | None = None) -> None:
        super().__init__(edit.description)
        self._document = document
        self._edit: Any = edit
        self._format = format_index
        self._before: Plan | None = before
        self._after: Plan | None = after
        self._routed = routed

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
        if self._routed is not None:
            routed, self._routed = self._routed, None
            self._document.put_routed_plan(self._after, routed)
            return
        self._document.put_plan(self._after)

    def undo(self) -> None:
        self._show_format()
        if self._before is not None:
            self._document.put_plan(self._before)


class Document(QObject):
    plan_changed = Signal()
    route_changed = Signal()
    route_failed = Signal(str)
    # A plan edit that could not be made (French message); the plan is shown as it was.
    edit_refused = Signal(str)
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
        #: Where the network reaches each terril and pole (place key → lon, lat).
        self.accesses: dict[str, tuple[float, float]] = {}
        self.project: Project | None = None
        self.path: Path | None = None
        self.format_index: int | None = None
        #: The leg of the shown stage chosen in the event tree (None: the whole stage).
        self.selected_leg: int | None = None
        self.plan = Plan()
        self.record: RouteRecord | None = None
        self.stats: RouteStats | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._history_moved)
        self.modified = False
        self._request = 0
        self.route_requests_done = 0
        self._trial = 0  # number of the edit being tried (0: none)
        self._trial_plan = self.plan
        self._trial_count = 0
        self._waiting: list[Edit] = []  # edits made while one is tried, tried next in order
        #: Takes the plan edits of a stage with legs (True: taken, made as a leg edit).
        self.stage_edits: Callable[[Edit], bool] | None = None

    # -- network and project -----------------------------------------------------------------
    def set_network(self, network: Network) -> None:
        self.network = network
        self.router = Router(network)
        self.accesses = place_accesses(network)
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
        self._trial = 0  # and so is an edit being tried on it
        self._waiting.clear()
        if index != self.format_index:
            self.selected_leg = None
        self.format_index = index
        fmt = self.current_format
        places = self.network.places if self.network is not None else None
        self.plan = plan_from_format(fmt, places, self.accesses) if fmt is not None else Plan()
        route = fmt.route if fmt is not None else None
        self.record = route if route is not None and len(route.geometry) > 1 else None
        self.stats = self._figures(self.record)
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
    @property
    def trying(self) -> bool:
        """An edit is being tried (its route computing)."""
        return self._trial != 0

    @property
    def pending_plan(self) -> Plan:
        """The plan the next edit applies to: with the edit being tried and those waiting (what
        the organiser sees and clicks on). Build an edit's indices on this plan."""
        plan = self._trial_plan if self._trial else self.plan
        for edit in self._waiting:
            try:
                plan = edit.apply(plan)[0]
            except (IndexError, ValueError):
                continue
        return plan

    def edit(self, edit: Edit) -> None:
        """Try a plan edit; it enters the undo stack once its route is computed."""
        if self._trial:
            self._waiting.append(edit)
            return
        if self.stage_edits is not None and self.stage_edits(edit):
            return
        before, index = self.plan, self.format_index
        try:
            after = edit.apply(before)[0]
        except (IndexError, ValueError) as exc:
            log.error("Modification impossible : %s", exc)
            self._next_edit()
            return
        network, router = self.network, self.router
        if network is None or router is None or not _routes_differently(before, after):
            self.undo_stack.push(PlanCommand(self, edit, index, before=before, after=after))
            self._next_edit()
            return
        self._trial_count += 1
        trial = self._trial = self._trial_count
        self._trial_plan = after
        checked = _checked_point(edit, after)
        fmt, event = self.current_format, self._event()
        self.runner.submit(lambda: try_plan(network, router, after, checked, fmt, event),
                           on_success=lambda result: self._tried(trial, edit, before, after,
                                                                 index, result),
                           on_failure=lambda message: self._refused(trial, edit, before,
                                                                    message))

    def _tried(self, trial: int, edit: Edit, before: Plan, after: Plan, index: int | None,
               result: Trial) -> None:
        if trial != self._trial:
            return
        self._trial = 0
        if self.plan is not before or self.format_index != index:
            self.plan_changed.emit()  # the plan changed meanwhile: the edit is dropped
        elif result.off_network_m is not None:
            self.edit_refused.emit(self._refusal(edit, before, distance=result.off_network_m))
            self.plan_changed.emit()  # the dragged marker goes back where it was
        else:
            self.undo_stack.push(PlanCommand(self, edit, index, before=before, after=after,
                                             routed=result.route))
        self._next_edit()

    def _refused(self, trial: int, edit: Edit, before: Plan, message: str) -> None:
        if trial != self._trial:
            return
        self._trial = 0
        self.edit_refused.emit(self._refusal(edit, before, reason=message))
        self.plan_changed.emit()
        self._next_edit()

    def _next_edit(self) -> None:
        if self._waiting and not self._trial:
            self.edit(self._waiting.pop(0))

    def _refusal(self, edit: Edit, before: Plan, *, distance: float | None = None,
                 reason: str = "") -> str:
        """The French message of a refused edit: which point, how far or why."""
        if isinstance(edit, Move) and edit.group == "s":
            label = self._point_label(before, edit.index)
            far = self.tr("%1 is %2 from the nearest network: move refused")
            why = self.tr("%1: move refused — %2")
        elif isinstance(edit, Insert) and edit.group == "s":
            label = edit.point.label or self.tr("New point")
            far = self.tr("%1 is %2 from the nearest network: point not added")
            why = self.tr("%1: point not added — %2")
        elif isinstance(edit, Remove) and edit.group == "s":
            label = self._point_label(before, edit.index)
            far = why = self.tr("%1: removal refused — %2")
        else:
            label = edit.description
            far = why = self.tr("%1: refused — %2")
        if distance is not None:
            return far.replace("%1", label).replace("%2", distance_text(distance))
        return why.replace("%1", label).replace("%2", reason)

    def _point_label(self, plan: Plan, index: int) -> str:
        point = plan.stops[index] if 0 <= index < len(plan.stops) else None
        if point is not None and point.place_key:
            return point.label
        return self.tr("Point %1").replace("%1", str(index + 1))

    def put_plan(self, plan: Plan) -> None:
        self.plan = plan
        self._update_format(lambda fmt: with_plan(fmt, plan))
        self.plan_changed.emit()
        if not self._legs_course_kept(plan):
            self.request_route()

    def _legs_course_kept(self, plan: Plan) -> bool:
        """A stage whose course is its legs' and whose points did not change (a waypoint
        edit): its course stays, never routed again as one."""
        fmt = self.current_format
        stops = stops_record(plan)
        return (fmt is not None and bool(fmt.legs) and fmt.route is not None
                and stops is not None and stops.stops == fmt.route.stops
                and legs_match_course(fmt))

    def put_routed_plan(self, plan: Plan, result: RouteResult) -> None:
        """Show a plan with the route already computed for it (a tried edit)."""
        self.plan = plan
        self._update_format(lambda fmt: with_plan(fmt, plan))
        self.plan_changed.emit()
        self._request += 1  # a route still computing for the previous plan is dropped
        self._set_record(result.record, result.stats)

    def place_point(self, place_key: str) -> MapPoint | None:
        """The route point a click on a terril or pole puts: at its access on the network."""
        if self.network is None:
            return None
        return network_place_point(self.network, place_key)

    # -- routing -----------------------------------------------------------------------------
    def route_geojson(self) -> dict[str, Any] | None:
        """The course for the map; a stage's legs in their colours (the selected one wider)."""
        fmt = self.current_format
        if fmt is not None and fmt.legs and fmt.route is self.record:
            return stage_geojson(fmt, self.selected_leg)
        return record_geojson(self.record)

    def request_route(self) -> None:
        self._request += 1
        request = self._request
        if self.network is None or self.router is None or len(self.plan.stops) < 2:
            self._set_record(None, None)
            return
        network, router, plan = self.network, self.router, self.plan
        fmt, event = self.current_format, self._event()
        self.runner.submit(lambda: compute_route(network, router, plan, request, fmt, event),
                           on_success=self._route_done,
                           on_failure=lambda message: self._route_failed(request, message))

    def _figures(self, record: RouteRecord | None) -> RouteStats | None:
        """The sheet's figures of a stored course (a reopened project shows what it showed)."""
        if record is None or self.network is None:
            return None
        return course_stats(self.network, record, self.current_format, self._event())

    def _event(self) -> Event | None:
        return self.project.event if self.project is not None else None

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
        self._set_record(result.record, result.stats)

    def _route_failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self._set_record(None, None)
        self.route_failed.emit(message)
