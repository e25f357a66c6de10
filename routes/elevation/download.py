"""A terrain model of the Bassin minier fetched once from Copernicus GLO-30, then used offline.

Source: Copernicus DEM GLO-30 Public, Cloud Optimized GeoTIFF tiles of 1° × 1° in EPSG:4326
(1 arc-second, ~30 m), published as open data on AWS by Sinergise
(https://copernicus-dem-30m.s3.amazonaws.com/readme.html, registry entry
https://registry.opendata.aws/copernicus-dem/). Tile ``Copernicus_DSM_COG_10_N50_00_E002_00_DEM``
covers latitudes 50–51° N and longitudes 2–3° E. Licence: free of charge for any use, with the
attribution « © DLR e.V. 2010-2014 and © Airbus Defence and Space GmbH 2014-2018 provided under
COPERNICUS by the European Union and ESA; all rights reserved ». It is a surface model (DSM:
buildings and trees included), which is fine for terrils (bare spoil heaps, 50–190 m high) but
adds a few metres in towns. IGN's RGE ALTI (1–5 m, Licence Ouverte) is finer; any GeoTIFF in
EPSG:4326 exported from it works the same through ``--dem``.

Tiles are cached (``cache_dir``) and resumed; the basin window is then cut out of them into one
GeoTIFF (``out``), which is what ``--dem`` and « Importer un MNT » read.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Sequence
from pathlib import Path

from routes.atomic import atomic_output
from routes.elevation.errors import ElevationError
from routes.errors import french_reason
from routes.progress import CancelCallback, ProgressCallback, report, scaled
from routes.webfetch import DEFAULT_POLICY, RetryPolicy, download_file

COPERNICUS_URL = "https://copernicus-dem-30m.s3.amazonaws.com"
ATTRIBUTION = ("Copernicus DEM GLO-30 : © DLR e.V. 2010-2014 et © Airbus Defence and Space GmbH "
               "2014-2018, fourni dans le cadre de COPERNICUS par l'Union européenne et l'ESA")
#: West, south, east, north of the Bassin minier du Nord–Pas-de-Calais with a margin.
BASIN_BBOX = (2.15, 50.2, 3.75, 50.7)


def tile_name(lat: int, lon: int) -> str:
    """Copernicus GLO-30 tile whose south-west corner is (lat, lon)."""
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"Copernicus_DSM_COG_10_{ns}{abs(lat):02d}_00_{ew}{abs(lon):03d}_00_DEM"


def tiles_for(bbox: Sequence[float]) -> list[str]:
    west, south, east, north = bbox
    return [tile_name(lat, lon)
            for lat in range(math.floor(south), math.ceil(north))
            for lon in range(math.floor(west), math.ceil(east))]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cavalier" / "mnt"


def download_basin_dem(out: Path, *, source: str = COPERNICUS_URL,
                       bbox: Sequence[float] = BASIN_BBOX, cache_dir: Path | None = None,
                       progress: ProgressCallback | None = None,
                       cancel: CancelCallback | None = None,
                       policy: RetryPolicy = DEFAULT_POLICY) -> Path:
    """Fetch the tiles covering ``bbox`` (cached, resumed) and write the cut-out to ``out``."""
    cache = cache_dir or default_cache_dir()
    names = tiles_for(bbox)
    paths: list[Path] = []
    for index, name in enumerate(names):
        target = cache / f"{name}.tif"
        label = f"Dalle {index + 1}/{len(names)} ({name})"
        if not target.exists():
            report(progress, 0.9 * index / len(names), f"{label}…")
            download_file(f"{source.rstrip('/')}/{name}/{name}.tif", target, label=label,
                          progress=scaled(progress, 0.9 * index / len(names),
                                           0.9 * (index + 1) / len(names)),
                          cancel=cancel, policy=policy)
        _check_tile(target)
        paths.append(target)
    report(progress, 0.92, "Découpe du Bassin minier…")
    _cut(paths, bbox, out)
    report(progress, 1.0, f"MNT écrit : {out}")
    return out


def _check_tile(path: Path) -> None:
    import rasterio
    from rasterio.errors import RasterioError

    try:
        with rasterio.open(path) as dataset:
            epsg = dataset.crs.to_epsg() if dataset.crs else None
            dataset.read(1, window=((0, 1), (0, 1)))
    except RasterioError as exc:
        path.unlink(missing_ok=True)
        raise ElevationError(
            f"Dalle MNT téléchargée illisible : {path.name} (GeoTIFF tronqué ou endommagé) ; "
            "elle a été effacée, "
            "relancez le téléchargement") from exc
    if epsg != 4326:
        path.unlink(missing_ok=True)
        raise ElevationError(f"Dalle MNT {path.name} : système de coordonnées inattendu "
                             f"({epsg}, attendu EPSG:4326)")


def _cut(paths: Sequence[Path], bbox: Sequence[float], out: Path) -> None:
    import rasterio
    from rasterio.merge import merge

    sources = [rasterio.open(p) for p in paths]
    try:
        res = min(abs(s.res[0]) for s in sources), min(abs(s.res[1]) for s in sources)
        with warnings.catch_warnings():  # rasterio's merge still multiplies Affines with `*`
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            mosaic, transform = merge(sources, bounds=tuple(bbox), res=res, nodata=-9999.0,
                                      dtype="float32")
    finally:
        for dataset in sources:
            dataset.close()
    # The one atomic writer: umask mode, never over an input, a project or a device.
    with atomic_output(out, error=ElevationError) as temporary:
        try:
            with rasterio.open(temporary, "w", driver="GTiff", height=mosaic.shape[1],
                               width=mosaic.shape[2], count=1, dtype="float32",
                               crs="EPSG:4326", transform=transform, nodata=-9999.0,
                               compress="deflate", tiled=True) as dst:
                dst.write(mosaic[0], 1)
                dst.update_tags(SOURCE=ATTRIBUTION)
        except rasterio.errors.RasterioError as exc:
            raise ElevationError(f"Impossible d'écrire le MNT {out} : "
                                 f"{french_reason(exc)}") from exc
