"""Waypoints follow the course: when it changes, the ones left away from it are flagged.

Aid stations, first-aid posts and the like belong to a course. Each time the route changes, each
waypoint is placed against it (:func:`app.course_waypoints.locate_waypoints`): near it, its
distance along the course is shown; farther than ``OFF_COURSE_M``, its row turns orange with how
far it is, its map marker is ringed in orange and the status bar counts them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.course_waypoints import OFF_COURSE_M, WaypointOnCourse, locate_waypoints
from ui.qt import QLabel, QObject

if TYPE_CHECKING:
    from ui.document import Document
    from ui.mapview import MapView
    from ui.route_panel import RoutePanel


class WaypointFollower(QObject):
    def __init__(self, document: Document, panel: RoutePanel, map_view: MapView,
                 status: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.panel = panel
        self.map = map_view
        self.status = status
        self.positions: list[WaypointOnCourse] = []
        self._warned = False  # the status bar says some waypoints are off the course
        document.plan_changed.connect(self.refresh)
        document.route_changed.connect(self._route_changed)
        map_view.loaded.connect(self.refresh)

    def off_course(self) -> list[int]:
        """Indices of the waypoints off the course."""
        return [i for i, where in enumerate(self.positions) if where.off_course]

    def refresh(self) -> None:
        doc = self.document
        record = doc.record
        points = [(p.lon, p.lat) for p in doc.plan.waypoints]
        if record is None or not points:
            self.positions = []
        else:
            stops = [(p.lon, p.lat) for p in doc.plan.stops]
            # A stop on a terril or pole stands at its access; a waypoint on the place itself
            # (the start's aid station, on the summit) is where the course visits the place.
            places = doc.network.places if doc.network is not None else None
            for p in doc.plan.stops:
                place = places.get(p.place_key) if places is not None and p.place_key else None
                if place is not None:
                    stops.append((float(place.lon), float(place.lat)))
            self.positions = locate_waypoints(record.geometry, points, stops)
        self.panel.show_waypoint_positions(self.positions)
        if self.map.is_loaded:
            self.map.set_markers(self.markers())

    def markers(self) -> list[dict[str, Any]]:
        """The plan's markers, the waypoints off the course with how far (``off``)."""
        markers = self.document.plan.markers()
        for marker in markers:
            ident = str(marker["id"])
            index = int(ident[1:])
            if ident.startswith("w") and index < len(self.positions):
                where = self.positions[index]
                if where.off_course:
                    marker["off"] = self.panel.off_course_text(where.off_m)
        return markers

    def _route_changed(self) -> None:
        self.refresh()
        off = self.off_course()
        if not off and self._warned:
            self.status.setText(self.tr("Every waypoint is on the course."))
        self._warned = bool(off)
        if off:
            names = ", ".join(self.document.plan.waypoints[i].label for i in off)
            self.status.setText(
                self.tr("Waypoints off the course (more than %1 m away): %2 — %3").replace(
                    "%1", f"{OFF_COURSE_M:.0f}").replace("%2", str(len(off))).replace(
                    "%3", names))
