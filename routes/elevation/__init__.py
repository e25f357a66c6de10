"""Elevation: DEM reading (GeoTIFF EPSG:4326, SRTM .hgt), node elevations, edge grades, D+/D−."""

from routes.elevation.climb import Climb, ElevationProfile, climb, densify, raw_climb
from routes.elevation.dem import Dem, DemSet, open_dem, open_dems
from routes.elevation.errors import ElevationError
from routes.elevation.network import (
    climb_from_node_elevations,
    estimated_climb,
    route_climb,
    route_profile,
    set_elevations,
)

__all__ = [
    "Climb",
    "Dem",
    "DemSet",
    "ElevationError",
    "ElevationProfile",
    "climb",
    "climb_from_node_elevations",
    "densify",
    "estimated_climb",
    "open_dem",
    "open_dems",
    "raw_climb",
    "route_climb",
    "route_profile",
    "set_elevations",
]
