"""folium, imported without pandas when pandas is not loaded yet.

folium imports pandas only to accept DataFrames, which Cavalier never gives it (it has a
documented path without pandas: ``folium.utilities.pd is None``). pandas alone takes about a fifth
of the window's start-up imports, so folium is imported with pandas hidden; pandas stays
importable afterwards (geopandas needs it to read GeoPackage and Shapefile layers).
Import folium through this module: ``from app.exports.foliumlib import folium``.
"""

from __future__ import annotations

import sys

__all__ = ["folium"]

_HIDE_PANDAS = "pandas" not in sys.modules and "folium" not in sys.modules
if _HIDE_PANDAS:
    sys.modules["pandas"] = None  # type: ignore[assignment]  # makes "import pandas" fail
try:
    import folium
finally:
    if _HIDE_PANDAS:
        del sys.modules["pandas"]
