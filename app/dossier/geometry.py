"""Length of a route inside a polygon, counting a stretch run twice (out and back) twice.

A plain ``polygon.intersection(route)`` merges overlapping parts of the route, so a retraced
stretch would count once. Cutting the route into its segments keeps every pass.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from routes.geodesy import metric_xy


class Segments:
    """The route's segments in Lambert-93 metres, with their distance from the start."""

    def __init__(self, coords: Sequence[Sequence[float]], length_m: float | None) -> None:
        lonlat = np.asarray([c[:2] for c in coords], dtype=float)
        xy = metric_xy(lonlat[:, 0], lonlat[:, 1])
        pairs = np.stack([xy[:-1], xy[1:]], axis=1)
        self.lines = shapely.linestrings(pairs)
        lengths = shapely.length(self.lines)
        metric = float(lengths.sum())
        self.scale = (length_m / metric) if length_m and metric else 1.0
        self.start_m: NDArray[np.float64] = np.concatenate([[0.0], np.cumsum(lengths)[:-1]])

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
        return (float(lengths.sum()) * self.scale,
                (float(self.start_m[first]) + offset) * self.scale)
