"""Length of a route inside a polygon, counting a stretch run twice (out and back) twice.

A plain ``polygon.intersection(route)`` merges overlapping parts of the route, so a retraced
stretch would count once. Cutting the route into its segments keeps every pass.
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from routes.geodesy import metric_xy
from routes.outputs.stats import RouteLine


class Segments:
    """The course's segments in Lambert-93 metres, each with its geodesic start and the ratio
    of its geodesic to its metric length (lengths are given on the course's geodesic axis)."""

    def __init__(self, line: RouteLine) -> None:
        pairs = np.stack([line.xy[:-1], line.xy[1:]], axis=1)
        self.lines = shapely.linestrings(pairs)
        metric = np.diff(line.vertex_metric)
        self.scale: NDArray[np.float64] = np.divide(
            np.diff(line.vertex_m), metric, out=np.ones_like(metric), where=metric > 0)
        self.start_m: NDArray[np.float64] = line.vertex_m[:-1]

    def inside(self, polygon: BaseGeometry) -> tuple[float, float | None]:
        """(route metres inside ``polygon`` in lon/lat, metres from the start at first entry)."""
        metric = shapely.transform(polygon, lambda c: metric_xy(c[:, 0], c[:, 1]))
        hits = np.flatnonzero(shapely.intersects(self.lines, metric))
        if not len(hits):
            return 0.0, None
        parts = shapely.intersection(self.lines[hits], metric)
        lengths = shapely.length(parts)
        if not (lengths > 0).any():
            return 0.0, None
        first = int(hits[int(np.flatnonzero(lengths > 0)[0])])
        entry_part = parts[int(np.flatnonzero(lengths > 0)[0])]
        start = shapely.get_coordinates(entry_part)[0]
        offset = float(np.hypot(*(start - shapely.get_coordinates(self.lines[first])[0])))
        return (float((lengths * self.scale[hits]).sum()),
                float(self.start_m[first]) + offset * float(self.scale[first]))
