"""``cavalier network add-tracks``: recce tracks recorded on the ground become network.

The ``network`` group belongs to :mod:`app.cli.network_cmd`, which calls
:func:`register_tracks_subcommand` with its sub-parsers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import add_network_arguments, network_from_args
from routes.network import store as netstore
from routes.recce.join import add_tracks


def _progress(fraction: float, message: str) -> None:
    print(f"[{fraction * 100:5.1f} %] {message}", file=sys.stderr)


def register_tracks_subcommand(network_subparsers: Any) -> None:
    command = network_subparsers.add_parser(
        "add-tracks", help="ajouter des traces de reconnaissance (GPX) au réseau",
        description="Nettoie les traces GPS relevées sur le terrain (sauts, bruit, pauses), "
        "fusionne les passages sur un même chemin en un seul tracé, le raccorde au réseau "
        "(jonctions aux croisements) et enregistre le réseau : ces chemins comptent comme "
        "relevés (source « trace »).",
    )
    command.add_argument("tracks", nargs="+", type=Path, metavar="TRACES.gpx",
                         help="traces de reconnaissance (GPX, une ou plusieurs)")
    command.add_argument("--out", type=Path, required=True, metavar="RESEAU.cavnet",
                         help="réseau à écrire (le réseau d'origine n'est pas modifié)")
    command.add_argument("--quiet", action="store_true", help="sans progression")
    add_network_arguments(command)
    command.set_defaults(handler=run_add_tracks)


def run_add_tracks(args: argparse.Namespace) -> int:
    network = network_from_args(args)
    result, report = add_tracks(network, args.tracks,
                                progress=None if args.quiet else _progress)
    netstore.save(result.graph, args.out)
    print("\n".join(report.lines()))
    print(f"Réseau enregistré : {args.out}")
    return 0
