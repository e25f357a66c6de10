"""``cavalier roadbook``: the paper roadbook (PDF) of a project's formats."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import add_network_arguments, open_project
from app.cli.project_network import project_network_from_args
from app.project_store import check_document_inputs
from app.roadbook import RoadbookError, export_roadbook


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "roadbook", help="imprimer le roadbook (PDF) : carte, profil, points, communes et voies")
    parser.add_argument("project", metavar="PROJET", help="fichier projet .cavalier")
    parser.add_argument("output", metavar="SORTIE", help="fichier PDF à écrire")
    parser.add_argument("--format", dest="format_name", metavar="NOM",
                        help="un seul format (par défaut : tous ceux qui ont un parcours)")
    add_network_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(Path(args.project))
    check_document_inputs(project, RoadbookError)  # before the network loads, before layout
    project, network = project_network_from_args(args, Path(args.project), project)
    hints: list[str] = []
    pages, names = export_roadbook(project, Path(args.output), network=network,
                                   format_name=args.format_name, hints=hints)
    listed = ", ".join(f"« {n} »" for n in names)
    print(f"Carnet de route écrit : {args.output} ({pages} pages ; {listed})")
    skipped = [f.name for f in project.event.formats if f.name not in names]
    if args.format_name is None and skipped:
        print("Sans parcours, non imprimés : " + ", ".join(f"« {n} »" for n in skipped))
    for hint in hints:
        print(f"À faire : {hint}")
    return 0
