"""Errors raised by the OpenStreetMap import."""

from __future__ import annotations

from routes.errors import CavalierError
from routes.webfetch import DownloadError


class OsmImportError(CavalierError, ValueError):
    """An OSM file (or download) could not be turned into a network; the message names the file."""


class OsmDownloadError(DownloadError, OsmImportError):
    """Downloading the OpenStreetMap extract failed (message in French, from
    :mod:`routes.webfetch`); both a download error and an OSM import error."""
