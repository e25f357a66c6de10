"""Are a file's coordinates where its coordinate system says, and in our region?

Coordinates outside the area of use of the declared CRS (Lambert-93 numbers in a file without a
CRS, degrees in a file declared EPSG:2154) cannot be read right: an error naming the file and the
CRS. Coordinates that are valid but outside the Nord–Pas-de-Calais, or whose latitude and longitude
look swapped, are kept with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from routes.errors import LayerFileError
from routes.plausible import REGION

__all__ = ["REGION", "check_area_of_use", "crs_label", "region_warnings"]

_AREA_MARGIN_DEG = 0.5
_WORLD = (-180.0, -90.0, 180.0, 90.0)


def crs_label(crs: CRS | None) -> str:
    crs = crs or CRS.from_epsg(4326)
    return f"{crs.name} ({crs.to_string()})"


def _area(crs: CRS | None) -> tuple[float, float, float, float]:
    area = (crs or CRS.from_epsg(4326)).area_of_use
    if area is None or area.west > area.east:  # unknown, or across the antimeridian
        return _WORLD
    m = _AREA_MARGIN_DEG  # a margin, but never beyond the degrees of the globe
    return (max(area.west - m, -180.0), max(area.south - m, -90.0), min(area.east + m, 180.0),
            min(area.north + m, 90.0))


def _inside(xy: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    west, south, east, north = box
    return (xy[:, 0] >= west) & (xy[:, 0] <= east) & (xy[:, 1] >= south) & (xy[:, 1] <= north)


def _looks_lambert93(xy: np.ndarray) -> bool:
    return bool(((xy[:, 0] > -1e5) & (xy[:, 0] < 1.4e6) & (xy[:, 1] > 6.0e6)
                 & (xy[:, 1] < 7.2e6)).all())


def check_area_of_use(path: Path, geometries: Sequence[BaseGeometry | None],
                      declared: CRS | None) -> None:
    """Raise :class:`LayerFileError` when lon/lat coordinates (after reprojection from
    ``declared``, None meaning WGS84) fall outside the declared CRS's area of use."""
    box = _area(declared)
    outside = 0
    sample: np.ndarray | None = None
    for geometry in geometries:
        if geometry is None or geometry.is_empty:
            continue
        xy = shapely.get_coordinates(geometry)
        xy = xy[np.isfinite(xy).all(axis=1)]
        if len(xy) and not _inside(xy, box).all():
            outside += 1
            sample = xy if sample is None else sample
    if not outside or sample is None:
        return
    west, south, east, north = box
    if declared is None and _looks_lambert93(sample):
        hint = ("ces valeurs ressemblent à du Lambert-93 (EPSG:2154) : déclarez le système de "
                "coordonnées du fichier (membre « crs » ou fichier .prj)")
    elif declared is None:
        hint = "déclarez le système de coordonnées du fichier (membre « crs » ou fichier .prj)"
    else:
        hint = (f"le système déclaré ({crs_label(declared)}) ne correspond pas aux valeurs (des "
                "degrés WGS84 déclarés en Lambert-93 ?) : corrigez la déclaration")
    raise LayerFileError(
        f"« {path.name} » : {outside} entité(s) hors du domaine de validité de "
        f"{crs_label(declared)} (longitude {west:g} à {east:g}, latitude {south:g} à "
        f"{north:g}) ; {hint}.")


def region_warnings(path: Path, geometries: Sequence[BaseGeometry]) -> list[str]:
    """Warnings for features outside the region (any of their points), or whose lat/lon look
    swapped."""
    outside = swapped = 0
    for geometry in geometries:
        if geometry.is_empty:
            continue
        xy = shapely.get_coordinates(geometry)
        if _inside(xy, REGION).all():
            continue
        outside += 1
        swapped += bool(_inside(xy[:, ::-1], REGION).all())
    if not outside:
        return []
    if swapped == outside:
        return [f"« {path.name} » : latitude et longitude semblent inversées pour {outside} "
                "entité(s) (l'ordre attendu est longitude puis latitude) ; corrigez le fichier."]
    return [f"« {path.name} » : {outside} entité(s) hors du Nord–Pas-de-Calais ; vérifiez le "
            "fichier et son système de coordonnées."]
