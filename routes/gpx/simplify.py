"""Douglas–Peucker simplification that keeps chosen points, to fit a point budget (``<rte>``)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np

from routes.gpx.geo import EARTH_RADIUS_M


def _local_xy(latlons: Sequence[tuple[float, float]]) -> np.ndarray:
    arr = np.asarray(latlons, dtype=float)
    lat0 = np.radians(arr[:, 0].mean())
    x = np.radians(arr[:, 1]) * np.cos(lat0) * EARTH_RADIUS_M
    y = np.radians(arr[:, 0]) * EARTH_RADIUS_M
    return np.column_stack([x, y])


def _deviation(xy: np.ndarray, first: int, last: int) -> tuple[int, float]:
    """Index (in first..last) of the point farthest from the chord, and its distance."""
    a, b = xy[first], xy[last]
    inner = xy[first + 1 : last]
    ab = b - a
    norm = float(np.hypot(*ab))
    if norm == 0.0:
        dist = np.hypot(*(inner - a).T)
    else:
        dist = np.abs(ab[0] * (inner[:, 1] - a[1]) - ab[1] * (inner[:, 0] - a[0])) / norm
    k = int(np.argmax(dist))
    return first + 1 + k, float(dist[k])


def douglas_peucker(xy: np.ndarray, tolerance: float, keep: Iterable[int] = ()) -> list[int]:
    """Indices kept by Douglas–Peucker at ``tolerance`` (metres); ``keep`` always survive."""
    n = len(xy)
    anchors = sorted({0, n - 1, *(i for i in keep if 0 <= i < n)})
    kept = set(anchors)
    stack = [(a, b) for a, b in itertools.pairwise(anchors) if b - a > 1]
    while stack:
        first, last = stack.pop()
        index, dist = _deviation(xy, first, last)
        if dist > tolerance:
            kept.add(index)
            if index - first > 1:
                stack.append((first, index))
            if last - index > 1:
                stack.append((index, last))
    return sorted(kept)


def simplify_to_budget(
    latlons: Sequence[tuple[float, float]], max_points: int, keep: Iterable[int] = ()
) -> list[int]:
    """Indices of at most ``max_points`` points (forced ones first), as faithful as possible."""
    n = len(latlons)
    forced = sorted({0, n - 1, *keep})
    if n <= max_points:
        return list(range(n))
    if len(forced) >= max_points:
        step = len(forced) / max_points
        return sorted({forced[int(i * step)] for i in range(max_points - 1)} | {n - 1})
    xy = _local_xy(latlons)
    low, high = 0.0, float(np.ptp(xy, axis=0).max()) + 1.0
    best = douglas_peucker(xy, high, forced)
    for _ in range(40):  # bisection on the tolerance
        mid = (low + high) / 2
        candidate = douglas_peucker(xy, mid, forced)
        if len(candidate) <= max_points:
            best, high = candidate, mid
        else:
            low = mid
        if high - low < 0.1:
            break
    return best
