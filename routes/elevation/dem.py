"""Digital elevation models: GeoTIFF (EPSG:4326) and SRTM ``.hgt`` tiles, sampled bilinearly.

A :class:`Dem` keeps the grid of cell centres: cell (row, col) is at lon = x0 + col*dx and
lat = y0 + row*dy (dy < 0 for north-up rasters). Points beyond the outer cell centres, and cells
without data, sample as NaN.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from routes.elevation.errors import ElevationError

HGT_NAME = re.compile(r"^([NS])(\d{2})([EW])(\d{3})\.hgt$", re.IGNORECASE)
HGT_SIZES = {1201 * 1201 * 2: 1201, 3601 * 3601 * 2: 3601}
HGT_VOID = -32768
# Plausible ground heights (m): below the Dead Sea or above Everest is a void or a damaged cell.
LOWEST_M, HIGHEST_M = -450.0, 9000.0
GEOTIFF_SUFFIXES = (".tif", ".tiff")


@dataclass
class Dem:
    """A north-up elevation grid in lon/lat (metres, NaN where unknown)."""

    heights: np.ndarray
    x0: float
    y0: float
    dx: float
    dy: float
    source: str
    warnings: list[str] = field(default_factory=list)

    def sample(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Bilinear elevation at each point; NaN outside the grid or next to a void cell."""
        col = (np.asarray(lons, dtype=float) - self.x0) / self.dx
        row = (np.asarray(lats, dtype=float) - self.y0) / self.dy
        rows, cols = self.heights.shape
        inside = (col >= 0) & (col <= cols - 1) & (row >= 0) & (row <= rows - 1)
        c0 = np.clip(np.floor(col), 0, max(cols - 2, 0)).astype(np.int64)
        r0 = np.clip(np.floor(row), 0, max(rows - 2, 0)).astype(np.int64)
        c1 = np.minimum(c0 + 1, cols - 1)
        r1 = np.minimum(r0 + 1, rows - 1)
        fc = np.clip(col - c0, 0.0, 1.0)
        fr = np.clip(row - r0, 0.0, 1.0)
        grid = self.heights
        top = grid[r0, c0] * (1 - fc) + grid[r0, c1] * fc
        bottom = grid[r1, c0] * (1 - fc) + grid[r1, c1] * fc
        values = top * (1 - fr) + bottom * fr
        return np.where(inside, values, np.nan)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east, north of the cell centres."""
        rows, cols = self.heights.shape
        xs = (self.x0, self.x0 + (cols - 1) * self.dx)
        ys = (self.y0, self.y0 + (rows - 1) * self.dy)
        return min(xs), min(ys), max(xs), max(ys)


class DemSet:
    """Several DEM tiles sampled as one (the first tile with a value wins)."""

    def __init__(self, dems: Sequence[Dem]) -> None:
        if not dems:
            raise ElevationError("Aucun modèle numérique de terrain (MNT) fourni")
        self.dems = list(dems)

    def sample(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        values = np.full(np.shape(lons), np.nan)
        for dem in self.dems:
            missing = np.isnan(values)
            if not missing.any():
                break
            values[missing] = dem.sample(np.asarray(lons)[missing], np.asarray(lats)[missing])
        return values

    @property
    def sources(self) -> str:
        return ", ".join(dem.source for dem in self.dems)


def open_dem(path: Path | str) -> Dem:
    """Read a GeoTIFF in EPSG:4326 or an SRTM ``.hgt`` tile; French :class:`ElevationError` else."""
    path = Path(path)
    if not path.is_file():
        raise ElevationError(f"Fichier MNT introuvable : {path}")
    name = path.name.lower()
    if name.endswith(".hgt"):
        return _read_hgt(path)
    if name.endswith(GEOTIFF_SUFFIXES):
        return _read_geotiff(path)
    raise ElevationError(
        f"Format de MNT non reconnu pour {path.name} : attendu un GeoTIFF (.tif) ou une dalle "
        "SRTM (.hgt)"
    )


def open_dems(paths: Sequence[Path | str]) -> DemSet:
    return DemSet([open_dem(path) for path in paths])


def _read_hgt(path: Path) -> Dem:
    match = HGT_NAME.match(path.name)
    if match is None:
        raise ElevationError(
            f"Nom de dalle SRTM invalide : {path.name} (attendu par exemple N50E002.hgt)"
        )
    size = HGT_SIZES.get(path.stat().st_size)
    if size is None:
        raise ElevationError(
            f"Dalle SRTM {path.name} de taille inattendue ({path.stat().st_size} octets ; "
            "attendu 1201×1201 ou 3601×3601 valeurs)"
        )
    lat = int(match.group(2)) * (1 if match.group(1).upper() == "N" else -1)
    lon = int(match.group(4)) * (1 if match.group(3).upper() == "E" else -1)
    raw = np.fromfile(path, dtype=">i2").reshape(size, size)
    heights = raw.astype(np.float64)
    heights[raw == HGT_VOID] = np.nan
    warnings = _drop_absurd(heights, path)
    step = 1.0 / (size - 1)
    # The tile's first row is its northern edge (lat + 1); cell centres lie on the degree lines.
    return Dem(heights=heights, x0=float(lon), y0=float(lat + 1), dx=step, dy=-step,
               source=path.name, warnings=warnings)


def _drop_absurd(heights: np.ndarray, path: Path) -> list[str]:
    """Turn non-finite and implausible heights into voids (in place); refuse a DEM with none
    left. Returns the warning to show, if any."""
    with np.errstate(invalid="ignore"):
        absurd = ~np.isnan(heights) & ~((heights >= LOWEST_M) & (heights <= HIGHEST_M))
    count = int(absurd.sum())
    heights[absurd] = np.nan
    if np.isnan(heights).all():
        raise ElevationError(
            f"Le MNT {path.name} ne contient aucune altitude valide ({count} valeur(s) non "
            f"finies ou hors de {LOWEST_M:g} à {HIGHEST_M:g} m, le reste sans donnée)")
    if not count:
        return []
    return [f"MNT {path.name} : {count} valeur(s) non finies ou hors de {LOWEST_M:g} à "
            f"{HIGHEST_M:g} m ignorée(s) (traitées comme sans donnée)"]


def _read_geotiff(path: Path) -> Dem:
    import rasterio
    from rasterio.errors import RasterioError

    try:
        with rasterio.open(path) as dataset:
            crs = dataset.crs
            if crs is None or crs.to_epsg() != 4326:
                shown = crs.to_string() if crs is not None else "aucun"
                raise ElevationError(
                    f"Le MNT {path.name} n'est pas en WGS84 (EPSG:4326) mais en {shown} : "
                    "reprojetez-le en EPSG:4326 (par exemple avec gdalwarp -t_srs EPSG:4326)"
                )
            transform = dataset.transform
            if not math.isclose(transform.b, 0.0) or not math.isclose(transform.d, 0.0):
                raise ElevationError(f"Le MNT {path.name} est tourné : grille non prise en charge")
            band = dataset.read(1, masked=True)
    except RasterioError as exc:
        raise ElevationError(f"MNT illisible : {path} (GeoTIFF tronqué, endommagé ou d'un autre "
                             "type)") from exc
    heights = np.ma.filled(band.astype(np.float64), np.nan)
    warnings = _drop_absurd(heights, path)
    return Dem(
        heights=heights,
        x0=transform.c + transform.a / 2, y0=transform.f + transform.e / 2,
        dx=transform.a, dy=transform.e, source=path.name, warnings=warnings,
    )
