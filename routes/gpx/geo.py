"""Distances on the sphere, vectorised for long tracks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

EARTH_RADIUS_M = 6_371_008.8


Coords = Sequence[float] | np.ndarray


def segment_lengths(lats: Coords, lons: Coords) -> np.ndarray:
    """Haversine length in metres of each step between consecutive points."""
    lat = np.radians(np.asarray(lats, dtype=float))
    lon = np.radians(np.asarray(lons, dtype=float))
    if lat.size < 2:
        return np.zeros(0)
    dlat = np.diff(lat)
    dlon = np.diff(lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dlon / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def path_length(latlons: Sequence[tuple[float, float]]) -> float:
    """Length in metres of a polyline given as (lat, lon) pairs."""
    if len(latlons) < 2:
        return 0.0
    arr = np.asarray(latlons, dtype=float)
    return float(segment_lengths(arr[:, 0], arr[:, 1]).sum())


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(segment_lengths([a[0], b[0]], [a[1], b[1]])[0])
