"""A DEM with one cone of known height, centred on a given point (for terril climbs)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import rasterio
from affine import Affine

PLAIN_M = 35.0


def write_cone_dem(path: Path, lon0: float, lat0: float, height_m: float, *,
                   radius_m: float = 400.0, pixel_deg: float = 0.0001,
                   half_deg: float = 0.03) -> Path:
    """GeoTIFF (EPSG:4326) of a plain at 35 m with a cone of ``height_m`` over ``radius_m``."""
    count = int(2 * half_deg / pixel_deg)
    lons = lon0 - half_deg + (np.arange(count) + 0.5) * pixel_deg
    lats = lat0 + half_deg - (np.arange(count) + 0.5) * pixel_deg
    grid_lon, grid_lat = np.meshgrid(lons, lats)
    east = (grid_lon - lon0) * 111_320.0 * math.cos(math.radians(lat0))
    north = (grid_lat - lat0) * 111_320.0
    heights = PLAIN_M + height_m * np.clip(1 - np.hypot(east, north) / radius_m, 0.0, 1.0)
    transform = Affine(pixel_deg, 0.0, lon0 - half_deg, 0.0, -pixel_deg, lat0 + half_deg)
    with rasterio.open(path, "w", driver="GTiff", height=count, width=count, count=1,
                       dtype="float32", crs="EPSG:4326", transform=transform) as dst:
        dst.write(heights.astype(np.float32), 1)
    return path
