"""Errors raised by the OpenStreetMap import."""

from __future__ import annotations

from routes.errors import CavalierError


class OsmImportError(CavalierError, ValueError):
    """An OSM file (or download) could not be turned into a network; the message names the file."""
