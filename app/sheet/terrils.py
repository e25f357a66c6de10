"""Which terrils a course climbs and which it only passes at the foot.

A terril is *climbed* when the course comes within :data:`SUMMIT_M` of its summit, or enters its
outline and gains at least :data:`CLIMB_GAIN_M` inside it (heights known); it is *passed at the
foot* when the course comes within :data:`FOOT_M` of its outline without climbing it. The
summit is the terril's place point (the top of the heap in the terril layer).
"""

from __future__ import annotations

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree

from app.sheet.model import TerrilPass
from routes.geodesy import metric_xy
from routes.network.model import Network
from routes.outputs.stats import RouteLine

SUMMIT_M = 50.0
CLIMB_GAIN_M = 10.0
FOOT_M = 100.0
#: A terril known only by its summit point (no outline) is on the course this close to it.
NO_OUTLINE_M = 150.0


def _metric(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda c: metric_xy(c[:, 0], c[:, 1]))


def terril_passes(network: Network, line: RouteLine, distances_m: NDArray[np.float64],
                  heights_m: NDArray[np.float64], points_xy: NDArray[np.float64]
                  ) -> list[TerrilPass]:
    """The terrils on the course, in course order; ``distances_m``/``heights_m``/``points_xy``
    are the elevation samples along it (heights NaN where unknown)."""
    if line.line is None:
        return []
    terrils = [p for p in network.places.places if p.kind == "terril"]
    if not terrils:
        return []
    shapes = [_metric(p.footprint) if p.footprint is not None
              else shapely.Point(metric_xy(np.array([p.lon]), np.array([p.lat]))[0])
              for p in terrils]
    near = STRtree(shapes).query(line.line, predicate="dwithin", distance=NO_OUTLINE_M)
    samples = shapely.points(points_xy)
    found = []
    for index in sorted(set(near.tolist())):
        place, shape = terrils[index], shapes[index]
        has_outline = place.footprint is not None
        if has_outline and shapely.distance(line.line, shape) > FOOT_M:
            continue
        along, offset = line.locate(place.lon, place.lat)
        climbed = offset <= SUMMIT_M
        if not climbed and has_outline:
            inside = shapely.contains(shape, samples)
            known = inside & np.isfinite(heights_m)
            if known.sum() >= 2:
                climbed = float(np.nanmax(heights_m[known]) - np.nanmin(heights_m[known])) \
                    >= CLIMB_GAIN_M
        found.append(TerrilPass(place.key, place.name, along, offset, climbed, place.height_m))
    return sorted(found, key=lambda t: t.distance_m)
