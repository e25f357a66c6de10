"""Synthetic DEMs written with rasterio: flat ground with truncated-cone terrils, optional noise."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import rasterio
from affine import Affine

M_PER_DEG_LAT = 111_320.0
LAT0, LON0 = 50.45, 2.79  # Loos-en-Gohelle
GROUND = 30.0


def metres_to_lonlat(x: float, y: float) -> tuple[float, float]:
    """Local metres east/north of (LON0, LAT0) to lon/lat."""
    return LON0 + x / (M_PER_DEG_LAT * math.cos(math.radians(LAT0))), LAT0 + y / M_PER_DEG_LAT


def write_terril_dem(
    path: Path,
    *,
    terrils: list[tuple[float, float, float]],  # (centre x m, centre y m, height m)
    base_radius: float = 350.0,
    plateau_radius: float = 40.0,
    half_size: float = 2000.0,
    pixel: float = 5.0,
    noise: float = 0.0,
    crs: str = "EPSG:4326",
    seed: int = 7,
) -> None:
    """Square DEM of ``2*half_size`` metres centred on (LON0, LAT0)."""
    count = int(2 * half_size / pixel)
    centres = (np.arange(count) + 0.5) * pixel - half_size
    xs, ys = np.meshgrid(centres, -centres)  # row 0 is the north edge
    heights = np.full(xs.shape, GROUND)
    for cx, cy, height in terrils:
        radius = np.hypot(xs - cx, ys - cy)
        share = np.clip((base_radius - radius) / (base_radius - plateau_radius), 0.0, 1.0)
        heights += height * share
    if noise:
        heights += np.random.default_rng(seed).normal(0.0, noise, heights.shape)
    if crs == "EPSG:4326":
        west, north = metres_to_lonlat(-half_size, half_size)
        east, _ = metres_to_lonlat(half_size, half_size)
        step_y = 2 * half_size / M_PER_DEG_LAT / count
        transform = Affine((east - west) / count, 0.0, west, 0.0, -step_y, north)
    else:
        transform = Affine(pixel, 0.0, 690_000.0 - half_size, 0.0, -pixel, 7_040_000.0 + half_size)
    with rasterio.open(path, "w", driver="GTiff", height=count, width=count, count=1,
                       dtype="float32", crs=crs, transform=transform, nodata=-9999.0) as dst:
        dst.write(heights.astype(np.float32), 1)


def write_slope_dem(path: Path, *, west: float = 2.70, east: float = 3.00) -> Path:
    """Heights rising 30 m per km eastwards over the west of the basin, from longitude ``west``
    to ``east`` (0.001° pixels): a DEM covering all or part of a course."""
    north, south, step = 50.52, 50.38, 0.001
    cols, rows = round((east - west) / step), round((north - south) / step)
    lons = west + step * (np.arange(cols) + 0.5)
    heights = np.repeat(((lons - west) * 71.0 * 30.0 + 30.0)[None, :], rows, axis=0)
    with rasterio.open(path, "w", driver="GTiff", height=rows, width=cols, count=1,
                       dtype="float32", crs="EPSG:4326",
                       transform=Affine(step, 0.0, west, 0.0, -step, north)) as dataset:
        dataset.write(heights.astype("float32"), 1)
    return path
