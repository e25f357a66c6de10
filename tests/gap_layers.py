"""A user's layer folder whose cavalier has a 320 m gap: built with ``liaison_max_m`` the graph
bridges it with a real straight connector (unsurveyed); the same folder without the gap has none."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
from shapely import LineString, Point

#: Longitude step of 320 m at 50.44° N.
GAP_DEG = 320 / (111_195 * 0.6374)


def write_gap_folder(folder: Path, *, gap: bool = True) -> Path:
    """Two cavalier lines west→east along 50.44° N (the second starts after a gap when ``gap``),
    terril T074 on the first line's start and pole 9-9bis on the second line's end."""
    folder.mkdir(parents=True, exist_ok=True)
    east_start = 2.79 + (GAP_DEG if gap else 0.0)
    lines = gpd.GeoDataFrame(
        {"layer": ["cavalier", "cavalier"], "nom": ["Cavalier ouest", "Cavalier est"]},
        geometry=[LineString([(2.78, 50.44), (2.785, 50.4402), (2.79, 50.44)]),
                  LineString([(east_start, 50.44), (east_start + 0.006, 50.4401),
                              (east_start + 0.012, 50.44)])], crs="EPSG:4326")
    places = gpd.GeoDataFrame(
        {"layer": ["terril", "pole"], "ref": ["T074", "9-9bis"], "nom": ["Jumeaux", "Site"]},
        geometry=[Point(2.78, 50.44), Point(east_start + 0.012, 50.44)], crs="EPSG:4326")
    lines.to_file(folder / "lignes.geojson", engine="pyogrio")
    places.to_file(folder / "lieux.geojson", engine="pyogrio")
    return folder
