"""``cavalier map prepare-offline``: base-map tiles of the basin in one MBTiles file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.argtypes import ZOOM
from app.offline_tiles import BASIN_BBOX, PROVIDERS, estimate, prepare_offline, provider
from routes.osm.download import parse_bbox


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("map", help="fonds de carte (hors ligne)")
    commands = parser.add_subparsers(dest="map_command", metavar="ACTION", required=True)
    prepare = commands.add_parser(
        "prepare-offline", help="préparer la carte hors ligne du Bassin minier (MBTiles)")
    prepare.add_argument("--provider", default="plan_ign", choices=sorted(PROVIDERS),
                         help="fond de carte (défaut plan_ign ; osm refusé : sa politique "
                              "interdit le téléchargement en masse)")
    prepare.add_argument("--max-zoom", type=ZOOM, default=14, metavar="Z",
                         help="zoom maximal (défaut 14 ; 15–16 pour le détail des chemins)")
    prepare.add_argument("--min-zoom", type=ZOOM, default=8, metavar="Z")
    prepare.add_argument("--out", required=True, type=Path, metavar="FICHIER.mbtiles")
    prepare.add_argument("--source", metavar="URL",
                         help="modèle d'adresse des tuiles {z}/{x}/{y} à la place du fournisseur")
    prepare.add_argument("--bbox", metavar="O,S,E,N",
                         help="zone à préparer à la place du Bassin minier (degrés)")
    prepare.add_argument("--estimate", action="store_true",
                         help="afficher seulement l'estimation (nombre de tuiles, taille, durée)")
    prepare.set_defaults(handler=run_prepare)


def _progress(fraction: float, message: str) -> None:
    print(f"\r{fraction * 100:5.1f} % {message}".ljust(80), end="", file=sys.stderr, flush=True)


def run_prepare(args: argparse.Namespace) -> int:
    source = provider(args.provider)
    bbox = parse_bbox(args.bbox) if args.bbox else BASIN_BBOX
    guess = estimate(args.provider, bbox, args.min_zoom, args.max_zoom)
    print(f"{source.label}, zooms {args.min_zoom} à {args.max_zoom} : {guess.text()}")
    print(f"Conditions : {source.terms}")
    if args.estimate:
        return 0
    fetched = prepare_offline(args.provider, args.out, bbox=bbox, min_zoom=args.min_zoom,
                              max_zoom=args.max_zoom, url=args.source, progress=_progress)
    print(file=sys.stderr)
    print(f"Carte hors ligne écrite : {args.out} ({fetched} tuiles téléchargées)")
    return 0
