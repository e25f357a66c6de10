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
        self.first_xy: NDArray[np.float64] = np.asarray(line.xy[:-1], dtype=float)

    def inside(self, polygon: BaseGeometry) -> tuple[float, float | None]:
        """(route metres inside ``polygon`` in lon/lat, metres from the start at first entry)."""
        pieces = self.pieces_inside(polygon)
        if not pieces:
            return 0.0, None
        return sum(end - start for start, end in pieces), pieces[0][0]

    def pieces_inside(self, polygon: BaseGeometry) -> list[tuple[float, float]]:
        """Where the route runs inside ``polygon``: (start, end) metres from the start on the
        course's geodesic axis, one piece per segment that enters it, in course order."""
        metric = shapely.transform(polygon, lambda c: metric_xy(c[:, 0], c[:, 1]))
        hits = np.flatnonzero(shapely.intersects(self.lines, metric))
        if not len(hits):
            return []
        parts = shapely.intersection(self.lines[hits], metric)
        lengths = shapely.length(parts)
        keep = np.flatnonzero(lengths > 0)
        if not len(keep):
            return []
        segments = hits[keep]
        coords, owner = shapely.get_coordinates(parts[keep], return_index=True)
        firsts = coords[np.unique(owner, return_index=True)[1]]
        offsets = np.hypot(*(firsts - self.first_xy[segments]).T)
        scale = self.scale[segments]
        entries = self.start_m[segments] + offsets * scale
        ends = entries + lengths[keep] * scale
        return [(float(a), float(b)) for a, b in zip(entries, ends, strict=True)]
