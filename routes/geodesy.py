"""Projection helpers: metric work happens in Lambert-93 (EPSG:2154), the French official CRS."""

from __future__ import annotations

import math
import threading

import numpy as np
from numpy.typing import NDArray
from pyproj import Geod, Transformer
from shapely import transform
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"
LAMBERT93 = "EPSG:2154"
EARTH_RADIUS_M = 6_371_008.8


_per_thread = threading.local()


def _transformer(source: str, target: str) -> Transformer:
    """One transformer per CRS pair and per thread: pyproj transformers must not be shared
    between threads (the UI routes in workers; a shared one crashes PROJ)."""
    cache: dict[tuple[str, str], Transformer] | None = getattr(_per_thread, "cache", None)
    if cache is None:
        cache = _per_thread.cache = {}
    key = (source, target)
    if key not in cache:
        cache[key] = Transformer.from_crs(source, target, always_xy=True)
    return cache[key]


def _apply(geom: BaseGeometry, source: str, target: str) -> BaseGeometry:
    tr = _transformer(source, target)

    def project(coords: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return transform(geom, project)


def reproject(geom: BaseGeometry, source_crs: str) -> BaseGeometry:
    """Geometry in ``source_crs`` to lon/lat."""
    return _apply(geom, source_crs, WGS84)


def to_metric(geom: BaseGeometry) -> BaseGeometry:
    """Lon/lat geometry to Lambert-93 metres."""
    return _apply(geom, WGS84, LAMBERT93)


def to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    """Lambert-93 geometry back to lon/lat."""
    return _apply(geom, LAMBERT93, WGS84)


def metric_xy(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.float64]:
    """Arrays of lon/lat to an (n, 2) array of Lambert-93 metres."""
    x, y = _transformer(WGS84, LAMBERT93).transform(lon, lat)
    return np.column_stack([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])


def lonlat_xy(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    lon, lat = _transformer(LAMBERT93, WGS84).transform(x, y)
    return np.column_stack([np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)])


_GEOD = Geod(ellps="WGS84")


def geodesic_length_m(geom: BaseGeometry) -> float:
    """True length on the ellipsoid of a lon/lat line (Lambert-93 lengths are ~0.3 % long here)."""
    return float(_GEOD.geometry_length(geom))


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))
