"""« Préparer la carte hors ligne » : base-map tiles of the basin stored in one MBTiles file.

MBTiles is one SQLite file (table ``tiles``: zoom_level, tile_column, tile_row in TMS order, i.e.
rows counted from the south, tile_data) plus a ``metadata`` table; any GIS tool reads it, and the
window serves it to Leaflet from a localhost-only server (:mod:`app.tile_server`).

Providers and their terms:

- **Plan IGN** and **photographies aériennes IGN**: Géoplateforme WMTS (data.geopf.fr), open
  data under the Licence Ouverte Etalab 2.0, no key needed; the Géoplateforme limits the request
  rate per address, so we stay far below it (:data:`RATE_PER_S` requests per second, one at a
  time) and identify ourselves with Cavalier's User-Agent. Attribution « © IGN – Géoplateforme ».
- **OpenStreetMap** (tile.openstreetmap.org): its tile usage policy
  (https://operations.osmfoundation.org/policies/tiles/) forbids bulk downloading and offline
  prefetching, so we refuse to prepare it offline and say why; it stays available online only.

Downloads resume: tiles already in the file are skipped, so a cancelled or failed preparation
continues where it stopped.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from routes.errors import CavalierError, sqlite_reason
from routes.progress import CancelCallback, ProgressCallback, check_cancel, report
from routes.webfetch import DEFAULT_POLICY, DownloadError, RetryPolicy, fetch_bytes

#: West, south, east, north of the Bassin minier with a margin.
BASIN_BBOX = (2.15, 50.2, 3.75, 50.7)
RATE_PER_S = 8.0
MAX_TILES = 60_000
_WMTS = ("https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}"
         "&STYLE=normal&FORMAT={fmt}&TILEMATRIXSET=PM&TILEMATRIX={{z}}&TILEROW={{y}}"
         "&TILECOL={{x}}")


class OfflineMapError(CavalierError, ValueError):
    """The offline map cannot be prepared (provider policy, size, file); message in French."""


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    url: str  # {z}/{x}/{y} template (XYZ, rows from the north)
    attribution: str
    image_format: str  # "png" or "jpg"
    mean_tile_kb: float  # measured order of magnitude, for the size estimate
    bulk_allowed: bool
    terms: str


PROVIDERS: dict[str, Provider] = {
    "plan_ign": Provider(
        "plan_ign", "Plan IGN",
        _WMTS.format(layer="GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2", fmt="image/png"),
        "Plan IGN © IGN – Géoplateforme (Licence Ouverte Etalab 2.0)", "png", 25.0, True,
        "Géoplateforme IGN, Licence Ouverte Etalab 2.0 ; débit limité par adresse"),
    "ortho_ign": Provider(
        "ortho_ign", "Photographies aériennes IGN",
        _WMTS.format(layer="ORTHOIMAGERY.ORTHOPHOTOS", fmt="image/jpeg"),
        "Photographies aériennes © IGN – Géoplateforme (Licence Ouverte Etalab 2.0)", "jpg",
        22.0, True, "Géoplateforme IGN, Licence Ouverte Etalab 2.0 ; débit limité par adresse"),
    "osm": Provider(
        "osm", "OpenStreetMap", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "© contributeurs OpenStreetMap (ODbL)", "png", 15.0, False,
        "politique d'usage des tuiles OSMF : téléchargement en masse interdit "
        "(https://operations.osmfoundation.org/policies/tiles/)"),
}


def provider(key: str) -> Provider:
    try:
        return PROVIDERS[key]
    except KeyError:
        names = ", ".join(PROVIDERS)
        raise OfflineMapError(f"Fond de carte inconnu : « {key} » (choix : {names})") from None


def tile_range(bbox: Sequence[float], zoom: int) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 (inclusive, XYZ rows from the north) of the tiles covering ``bbox``."""
    west, south, east, north = bbox

    def xy(lon: float, lat: float) -> tuple[int, int]:
        n = 2 ** zoom
        x = int((lon + 180.0) / 360.0 * n)
        rad = math.radians(lat)
        y = int((1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n)
        return min(max(x, 0), n - 1), min(max(y, 0), n - 1)

    x0, y0 = xy(west, north)
    x1, y1 = xy(east, south)
    return x0, y0, x1, y1


def tiles(bbox: Sequence[float], min_zoom: int, max_zoom: int) -> Iterator[tuple[int, int, int]]:
    for zoom in range(min_zoom, max_zoom + 1):
        x0, y0, x1, y1 = tile_range(bbox, zoom)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                yield zoom, x, y


def count_tiles(bbox: Sequence[float], min_zoom: int, max_zoom: int) -> int:
    total = 0
    for zoom in range(min_zoom, max_zoom + 1):
        x0, y0, x1, y1 = tile_range(bbox, zoom)
        total += (x1 - x0 + 1) * (y1 - y0 + 1)
    return total


@dataclass(frozen=True)
class Estimate:
    tiles: int
    megabytes: float
    minutes: float

    def text(self) -> str:
        def grouped(value: float) -> str:
            return f"{value:,.0f}".replace(",", "\u202f")

        return (f"{grouped(self.tiles)} tuiles, environ {grouped(self.megabytes)} Mo, "
                f"{grouped(max(1, round(self.minutes)))} min de téléchargement")


def estimate(key: str, bbox: Sequence[float], min_zoom: int, max_zoom: int) -> Estimate:
    count = count_tiles(bbox, min_zoom, max_zoom)
    return Estimate(count, count * provider(key).mean_tile_kb / 1000.0, count / RATE_PER_S / 60)


def _check_policy(source: Provider, count: int) -> None:
    if not source.bulk_allowed:
        raise OfflineMapError(
            f"{source.label} ne peut pas être préparé hors ligne : {source.terms}. Choisissez le "
            "Plan IGN ou les photographies aériennes IGN, ou utilisez ce fond en ligne.")
    if count > MAX_TILES:
        raise OfflineMapError(
            f"Trop de tuiles ({count:,} > {MAX_TILES:,}) : baissez le zoom maximal ou réduisez "
            "la zone, pour ménager le service de l'IGN et votre disque.".replace(",", "\u202f"))


def _open(out: Path, source: Provider, bbox: Sequence[float], min_zoom: int,
          max_zoom: int) -> sqlite3.Connection:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(out)
        db.execute("CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER, "
                   "tile_row INTEGER, tile_data BLOB, PRIMARY KEY (zoom_level, tile_column, "
                   "tile_row))")
        west, south, east, north = bbox
        meta = {"name": f"{source.label} — Bassin minier", "format": source.image_format,
                "type": "baselayer", "version": "1.1", "minzoom": str(min_zoom),
                "maxzoom": str(max_zoom), "bounds": f"{west},{south},{east},{north}",
                "attribution": source.attribution, "provider": source.key}
        db.executemany("INSERT OR REPLACE INTO metadata VALUES (?, ?)", meta.items())
        db.commit()
    except sqlite3.DatabaseError as exc:
        raise OfflineMapError(f"Fichier de carte hors ligne illisible ou impossible à écrire : "
                              f"{out} ({sqlite_reason(exc)})") from exc
    return db


def prepare_offline(key: str, out: Path, *, bbox: Sequence[float] = BASIN_BBOX,
                    min_zoom: int = 8, max_zoom: int = 14, url: str | None = None,
                    rate_per_s: float = RATE_PER_S, progress: ProgressCallback | None = None,
                    cancel: CancelCallback | None = None,
                    policy: RetryPolicy = DEFAULT_POLICY) -> int:
    """Download the tiles of ``bbox`` up to ``max_zoom`` into the MBTiles ``out`` (resumable).

    ``url`` replaces the provider's template (tests, mirrors). Returns the tiles downloaded now.
    """
    source = provider(key)
    count = count_tiles(bbox, min_zoom, max_zoom)
    _check_policy(source, count)
    template = url or source.url
    db = _open(out, source, bbox, min_zoom, max_zoom)
    fetched = 0
    last_request = 0.0
    try:
        have = set(db.execute("SELECT zoom_level, tile_column, tile_row FROM tiles"))
        for index, (zoom, x, y) in enumerate(tiles(bbox, min_zoom, max_zoom)):
            check_cancel(cancel, "Préparation de la carte hors ligne")
            tms_row = 2 ** zoom - 1 - y
            if (zoom, x, tms_row) in have:
                continue
            wait = 1.0 / rate_per_s - (time.monotonic() - last_request)
            if wait > 0:
                time.sleep(wait)
            last_request = time.monotonic()
            data = fetch_bytes(template.format(z=zoom, x=x, y=y), policy=policy, cancel=cancel)
            db.execute("INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)",
                       (zoom, x, tms_row, sqlite3.Binary(data)))
            fetched += 1
            if fetched % 100 == 0:
                db.commit()
            report(progress, (index + 1) / count,
                   f"{source.label} : tuile {index + 1} / {count} (zoom {zoom})")
        db.commit()
    except DownloadError:
        db.commit()  # what is there stays: the next run resumes
        raise
    except sqlite3.OperationalError as exc:
        raise OfflineMapError(f"Écriture impossible dans {out} : {sqlite_reason(exc)}") from exc
    finally:
        db.close()
    report(progress, 1.0, f"Carte hors ligne prête : {out}")
    return fetched


@dataclass(frozen=True)
class OfflineMap:
    path: Path
    label: str
    attribution: str
    max_zoom: int
    image_format: str


def read_offline_map(path: Path) -> OfflineMap:
    """Metadata of an MBTiles file; French :class:`OfflineMapError` when it is not one."""
    if not path.is_file():
        raise OfflineMapError(f"Carte hors ligne introuvable : {path}")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT name, value FROM metadata"))
            db.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise OfflineMapError(f"{path.name} n'est pas une carte MBTiles lisible "
                              f"({sqlite_reason(exc)})") from exc
    texts = {key: value if isinstance(value, str) else "" for key, value in meta.items()
             if isinstance(key, str)}
    try:
        max_zoom = int(texts.get("maxzoom") or "16")
    except ValueError:
        max_zoom = -1
    if not 0 <= max_zoom <= 22:
        raise OfflineMapError(f"{path.name} : zoom maximal « {texts.get('maxzoom', '')[:20]} » "
                              "invalide (entier de 0 à 22 attendu)")
    label, attribution = texts.get("name") or path.stem, texts.get("attribution", "")
    if len(label) > 200 or len(attribution) > 2000:
        raise OfflineMapError(f"{path.name} : nom ou attribution de la carte trop long")
    return OfflineMap(path, label, attribution, max_zoom, texts.get("format") or "png")
