"""``cavalier roadbook``: the paper roadbook (PDF) of a project's formats."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from app.cli.common import add_network_arguments, network_from_args
from app.project_store import NetworkRef, open_project
from app.roadbook import sheets_for, write_roadbook
from routes import netstore
from routes.network import Network, load_network


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "roadbook", help="imprimer le roadbook (PDF) : carte, profil, points, communes et voies")
    parser.add_argument("project", metavar="PROJET", help="fichier projet .cavalier")
    parser.add_argument("output", metavar="SORTIE", help="fichier PDF à écrire")
    parser.add_argument("--format", dest="format_name", metavar="NOM",
                        help="un seul format (par défaut : tous ceux qui ont un parcours)")
    add_network_arguments(parser)
    parser.set_defaults(handler=run)


def project_network(ref: NetworkRef | None) -> Network:
    """The network the project's routes were computed on (embedded network when none is set)."""
    if ref is not None and ref.data:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"reseau{netstore.SUFFIX}"
            path.write_bytes(ref.data)
            return load_network(path)
    if ref is not None and ref.layers:
        return load_network(layers=list(ref.layers))
    return load_network()


def run(args: argparse.Namespace) -> int:
    project = open_project(Path(args.project))
    if args.layers or args.network:
        network = network_from_args(args)
    else:
        network = project_network(project.network)
    sheets = sheets_for(project.event, network, args.format_name)
    pages = write_roadbook(sheets, network, Path(args.output))
    names = ", ".join(f"« {s.fmt.name} »" for s in sheets)
    print(f"Roadbook écrit : {args.output} ({pages} pages ; {names})")
    skipped = [f.name for f in project.event.formats
               if args.format_name is None and f.route is None]
    if skipped:
        print("Sans parcours, non imprimés : " + ", ".join(f"« {n} »" for n in skipped))
    return 0
