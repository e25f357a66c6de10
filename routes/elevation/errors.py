"""Errors raised while reading a DEM or computing elevations."""

from __future__ import annotations

from routes.errors import CavalierError


class ElevationError(CavalierError, ValueError):
    """A DEM cannot be used (unreadable, wrong CRS, not covering the area); message in French."""
