"""Elevation profile and cumulative climb (D+/D−) of a route.

DEM noise inflates the climb if one just adds every small rise: sampled every 10 m on a flat
route, a DEM with 1 m of noise yields ~0.3 m of false climb per sample. Cavalier therefore:

1. densifies the route at a uniform step (:data:`STEP_M`, 10 m) along its geodesic length;
2. smooths the sampled elevations with a centred moving average over :data:`WINDOW_M` (50 m),
   the ends padded with their own value so the start and end heights are not biased;
3. counts rises and drops with a hysteresis of :data:`HYSTERESIS_M` (2 m): the direction changes
   only once the profile has moved that much away from its last extreme, so residual wiggles on
   flat ground add nothing while every real rise is counted in full.

Measured on synthetic DEMs (tests/elevation): a 100 m terril with a 80 m wide summit under 1 m of
per-pixel noise gives D+ within 0.5 % (naive summation: +90 to +100 %); flat noisy ground gives no
climb. Limits: a perfectly sharp summit loses about slope × window / 4 (3.8 m on a 100 m cone with
29 % slopes), and real bumps lower than the 2 m hysteresis are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from pyproj import Geod

GEOD = Geod(ellps="WGS84")
STEP_M = 10.0
WINDOW_M = 50.0
HYSTERESIS_M = 2.0


class Sampler(Protocol):
    def sample(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray: ...


@dataclass
class ElevationProfile:
    """Distances from the start (m) and elevations (m) of a densified route."""

    distances: np.ndarray
    lons: np.ndarray
    lats: np.ndarray
    elevations: np.ndarray


@dataclass(frozen=True)
class Climb:
    """Cumulative climb and descent; ``is_estimate`` when not measured on a DEM."""

    d_plus: float
    d_minus: float
    is_estimate: bool = False
    method: str = "mnt"


def densify(coords: Sequence[tuple[float, float]], step_m: float = STEP_M) -> ElevationProfile:
    """Points every ``step_m`` metres along the polyline ``coords`` (lon, lat), ends included."""
    points = np.asarray(coords, dtype=float)
    if len(points) < 2:
        return ElevationProfile(np.zeros(len(points)), points[:, 0] if len(points) else np.zeros(0),
                       points[:, 1] if len(points) else np.zeros(0), np.zeros(len(points)))
    _, _, seg = GEOD.inv(points[:-1, 0], points[:-1, 1], points[1:, 0], points[1:, 1])
    cumulative = np.concatenate([[0.0], np.cumsum(seg)])
    total = float(cumulative[-1])
    count = max(1, int(np.ceil(total / step_m)))
    distances = np.linspace(0.0, total, count + 1)
    lons = np.interp(distances, cumulative, points[:, 0])
    lats = np.interp(distances, cumulative, points[:, 1])
    return ElevationProfile(distances, lons, lats, np.full(len(distances), np.nan))


def smooth(
    elevations: np.ndarray, step_m: float = STEP_M, window_m: float = WINDOW_M,
) -> np.ndarray:
    """Centred moving average over ``window_m``, ends padded with the end values."""
    width = round(window_m / step_m)
    if width < 2 or len(elevations) < 3:
        return np.asarray(elevations, dtype=float)
    width += 1 - width % 2
    half = width // 2
    padded = np.pad(np.asarray(elevations, dtype=float), half, mode="edge")
    kernel = np.full(width, 1.0 / width)
    return np.convolve(padded, kernel, mode="valid")


def _hysteresis(values: list[float], threshold_m: float) -> tuple[np.ndarray, float]:
    """Running D+ at each sample and total D−, a change of direction counting only past
    ``threshold_m`` from the last extreme."""
    running = np.zeros(len(values))
    if len(values) < 2:
        return running, 0.0
    d_plus = d_minus = 0.0
    extreme = values[0]  # highest point while rising, lowest while falling
    direction = 0  # +1 rising, -1 falling, 0 not yet known
    for index, value in enumerate(values[1:], start=1):
        rise = value - extreme
        if (direction == 1 and rise > 0) or (direction != 1 and rise >= threshold_m):
            d_plus += rise
            extreme, direction = value, 1
        elif (direction == -1 and rise < 0) or (direction != -1 and -rise >= threshold_m):
            d_minus -= rise
            extreme, direction = value, -1
        running[index] = d_plus
    return running, d_minus


def hysteresis_climb(
    elevations: np.ndarray, threshold_m: float = HYSTERESIS_M,
) -> tuple[float, float]:
    """D+ and D− counting a change of direction only past ``threshold_m`` from the last extreme."""
    running, d_minus = _hysteresis(np.asarray(elevations, dtype=float).tolist(), threshold_m)
    return (float(running[-1]) if len(running) else 0.0), d_minus


def _known(elevations: np.ndarray) -> np.ndarray:
    """Unknown (NaN) samples hold the last known height, so no climb is counted over a gap
    (leading unknowns take the first known height)."""
    values = np.asarray(elevations, dtype=float)
    known = ~np.isnan(values)
    if not known.any():
        return np.zeros(len(values))
    index = np.where(known, np.arange(len(values)), 0)
    np.maximum.accumulate(index, out=index)
    filled = values[index]
    filled[: int(np.argmax(known))] = values[int(np.argmax(known))]
    return filled


def cumulative_climb(elevations: np.ndarray, step_m: float = STEP_M) -> np.ndarray:
    """Running D+ at each sample (every ``step_m``): smoothing, then hysteresis."""
    return _hysteresis(smooth(_known(elevations), step_m).tolist(), HYSTERESIS_M)[0]


def raw_climb(elevations: np.ndarray) -> tuple[float, float]:
    """Naive sum of every rise and drop (what overestimates on noisy DEMs)."""
    steps = np.diff(np.asarray(elevations, dtype=float))
    return float(steps[steps > 0].sum()), float(-steps[steps < 0].sum())


def climb(elevations: np.ndarray, step_m: float = STEP_M) -> tuple[float, float]:
    """D+ and D− (m) of elevations sampled every ``step_m``: smoothing then hysteresis."""
    return hysteresis_climb(smooth(_known(elevations), step_m))


def profile_on_dem(
    coords: Sequence[tuple[float, float]], dem: Sampler, step_m: float = STEP_M,
) -> ElevationProfile:
    """Densified route with elevations sampled from ``dem``."""
    profile = densify(coords, step_m)
    profile.elevations = dem.sample(profile.lons, profile.lats)
    return profile
