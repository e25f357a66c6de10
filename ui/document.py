"""The open document: network, route plan being edited, computed route, undo history.

Edits go through :meth:`RouteDocument.edit` (undoable); every plan change asks for a new route,
computed by a background job. Only the result of the latest request is kept, so quick successive
edits never show a stale route.
"""

from __future__ import annotations

from dataclasses import dataclass

from routes.network import Network
from routes.routing import Route, Router, StopInput
from ui.editing import VIA, Edit, MapPoint, Plan
from ui.qt import QObject, QUndoStack, Signal
from ui.route_stats import RouteStats, route_stats
from ui.undo import ValueCommand
from ui.workers import Runner


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
    route = router.route(stops, plan.profile)
    return RouteResult(request, route, route_stats(network, route))


class RouteDocument(QObject):
    plan_changed = Signal()
    route_changed = Signal()
    route_failed = Signal(str)
    network_changed = Signal()

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.network: Network | None = None
        self.router: Router | None = None
        self.plan = Plan()
        self.route: Route | None = None
        self.stats: RouteStats | None = None
        self.undo_stack = QUndoStack(self)
        self._request = 0

    def set_network(self, network: Network) -> None:
        self.network = network
        self.router = Router(network)
        self.network_changed.emit()
        self.request_route()

    # -- edits -------------------------------------------------------------------------------
    def edit(self, edit: Edit) -> None:
        self.undo_stack.push(ValueCommand(edit, lambda: self.plan, self._put_plan,
                                          edit.description))

    def _put_plan(self, plan: Plan) -> None:
        self.plan = plan
        self.plan_changed.emit()
        self.request_route()

    def replace_plan(self, plan: Plan) -> None:
        """A new plan that is not an edit (a format opened): clears the undo history."""
        self.undo_stack.clear()
        self._put_plan(plan)

    def place_point(self, place_key: str) -> MapPoint | None:
        if self.network is None:
            return None
        place = self.network.places.get(place_key)
        if place is None:
            return None
        return MapPoint(VIA, place.lon, place.lat, place.label, place.key)

    # -- routing -----------------------------------------------------------------------------
    def request_route(self) -> None:
        self._request += 1
        request = self._request
        if self.network is None or self.router is None or len(self.plan.stops) < 2:
            self.route = None
            self.stats = None
            self.route_changed.emit()
            return
        network, router, plan = self.network, self.router, self.plan
        self.runner.submit(lambda: compute_route(network, router, plan, request),
                           on_success=self._route_done,
                           on_failure=lambda message: self._route_failed(request, message))

    def _route_done(self, result: RouteResult) -> None:
        if result.request != self._request:
            return
        self.route = result.route
        self.stats = result.stats
        self.route_changed.emit()

    def _route_failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self.route = None
        self.stats = None
        self.route_changed.emit()
        self.route_failed.emit(message)
