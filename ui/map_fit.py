"""Zoom the map on a format's course: the whole route once it is known, never closer than a box
of ``MIN_SPAN_M`` (a lone waypoint used to give a 50 m scale)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.document import Document
    from ui.mapview import MapView

#: The smallest box the map zooms to, in metres each way (about zoom 14 on a 700 px map).
MIN_SPAN_M = 2000.0
#: Margin around the course, as a share of its extent.
MARGIN = 0.04
_M_PER_DEGREE = 111_320.0

Bounds = tuple[float, float, float, float]  # south, west, north, east


def course_bounds(coords: Iterable[tuple[float, float]], *,
                  min_span_m: float = MIN_SPAN_M) -> Bounds | None:
    """(south, west, north, east) around the (lon, lat) points with a small margin, widened
    about its centre to at least ``min_span_m`` each way; None without points."""
    points = list(coords)
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    centre_lat = (min(lats) + max(lats)) / 2.0
    centre_lon = (min(lons) + max(lons)) / 2.0
    min_dlat = min_span_m / _M_PER_DEGREE
    min_dlon = min_span_m / (_M_PER_DEGREE * max(math.cos(math.radians(centre_lat)), 0.1))
    dlat = max((max(lats) - min(lats)) * (1 + 2 * MARGIN), min_dlat)
    dlon = max((max(lons) - min(lons)) * (1 + 2 * MARGIN), min_dlon)
    return (centre_lat - dlat / 2, centre_lon - dlon / 2,
            centre_lat + dlat / 2, centre_lon + dlon / 2)


def plan_coords(document: Document) -> list[tuple[float, float]]:
    """The route when computed (it contains the stops), else the stops; and the waypoints."""
    plan = document.pending_plan  # an edit still being tried is where the organiser looks
    coords = [(p.lon, p.lat) for p in plan.waypoints]
    if not document.trying and document.record is not None \
            and len(document.record.geometry) > 1:
        coords.extend((float(c[0]), float(c[1])) for c in document.record.geometry)
    else:
        coords.extend((p.lon, p.lat) for p in plan.stops)
    return coords


class CourseFit:
    """Fits the map on the shown course; after a format is shown without its route (still to
    be computed), fits again once the route arrives."""

    def __init__(self, document: Document, map_view: MapView) -> None:
        self.document = document
        self.map = map_view
        self._waiting_for: int | None = None  # format index whose route is awaited
        document.route_changed.connect(self._route_changed)

    def fit(self) -> Bounds | None:
        """Fit now on what is known; returns the bounds sent to the map (None: nothing sent)."""
        bounds = course_bounds(plan_coords(self.document))
        if bounds is None or not self.map.is_loaded:
            return None
        self.map.fit(bounds)
        return bounds

    def format_shown(self) -> None:
        """A format was just selected: fit now, and again when its route is computed."""
        doc = self.document
        routed = doc.record is not None and len(doc.record.geometry) > 1
        self._waiting_for = None if routed or len(doc.plan.stops) < 2 else doc.format_index
        self.fit()

    def _route_changed(self) -> None:
        # Only the first route change after showing the format counts: a later one follows an
        # edit, and the map must not jump while the user works.
        waiting, self._waiting_for = self._waiting_for, None
        doc = self.document
        if waiting is not None and doc.format_index == waiting and doc.record is not None \
                and len(doc.record.geometry) > 1:
            self.fit()
