"""``cavalier elevation download``: the terrain model of the Bassin minier, fetched once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from routes.elevation.download import (
    ATTRIBUTION,
    BASIN_BBOX,
    COPERNICUS_URL,
    default_cache_dir,
    download_basin_dem,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("elevation", help="modèle numérique de terrain (altitudes)")
    commands = parser.add_subparsers(dest="elevation_command", metavar="ACTION", required=True)
    download = commands.add_parser(
        "download", help="télécharger le MNT Copernicus GLO-30 du Bassin minier (une fois)")
    download.add_argument("--basin", action="store_true", required=True,
                          help="emprise du Bassin minier du Nord–Pas-de-Calais")
    download.add_argument("--source", default=COPERNICUS_URL, metavar="URL",
                          help=f"adresse des dalles Copernicus GLO-30 (défaut {COPERNICUS_URL})")
    download.add_argument("--out", required=True, type=Path, metavar="FICHIER",
                          help="GeoTIFF écrit (à passer ensuite à --dem)")
    download.add_argument("--cache", type=Path, default=None, metavar="DOSSIER",
                          help=f"dossier des dalles téléchargées (défaut {default_cache_dir()})")
    download.set_defaults(handler=run_download)


def _progress(fraction: float, message: str) -> None:
    print(f"\r{fraction * 100:5.1f} % {message}".ljust(90), end="", file=sys.stderr, flush=True)


def run_download(args: argparse.Namespace) -> int:
    out = download_basin_dem(args.out, source=args.source, bbox=BASIN_BBOX,
                             cache_dir=args.cache, progress=_progress)
    print(file=sys.stderr)
    print(f"MNT du Bassin minier écrit : {out}")
    print(f"Source : {ATTRIBUTION}")
    print(f"Utilisation : cavalier route … --dem {out}")
    return 0
