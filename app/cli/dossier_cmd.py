"""``cavalier dossier``: the prefecture declaration file (PDF) and the marshal posts (xlsx)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.argtypes import PEOPLE, RESCUE_MIN
from app.cli.common import add_network_arguments, open_project
from app.cli.project_network import project_network_from_args
from app.dossier import DossierError, export_dossier
from app.dossier.firstaid import FirstAidInputs, delay_indicator
from app.project_store import check_document_inputs


def _zone(text: str) -> tuple[str, Path]:
    kind, sep, path = text.partition("=")
    if not sep or not path:
        raise argparse.ArgumentTypeError(
            f"« {text} » : attendu TYPE=FICHIER, par exemple natura2000=sites.gpkg")
    return kind.strip().lower(), Path(path)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "dossier", help="préparer le dossier de déclaration (PDF) : Cerfa, autorité, délais, "
                        "communes, postes de signaleurs, espaces protégés, secours")
    parser.add_argument("project", metavar="PROJET", help="fichier projet .cavalier")
    parser.add_argument("output", metavar="SORTIE.pdf", help="fichier PDF à écrire")
    parser.add_argument("--xlsx", metavar="POSTES.xlsx", type=Path,
                        help="classeur des postes de signaleurs à remplir")
    parser.add_argument("--zone", action="append", default=[], type=_zone,
                        metavar="TYPE=FICHIER",
                        help="couche de zones protégées (natura2000, ens, znieff, autre) ; "
                             "répétable. Les espaces néo-naturels du bassin sont toujours lus.")
    parser.add_argument("--public", type=PEOPLE, default=0, metavar="N",
                        help="public présent simultanément (grille RNMSC-DPS)")
    parser.add_argument("--delai-secours", type=RESCUE_MIN, default=15.0, metavar="MIN",
                        help="délai d'intervention des secours publics en minutes (défaut 15)")
    add_network_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(Path(args.project))
    check_document_inputs(project, DossierError)  # before the network loads, before layout
    project, network = project_network_from_args(args, Path(args.project), project)
    if args.public < 0:
        raise DossierError("--public : un effectif ne peut pas être négatif.")
    inputs = FirstAidInputs(public=args.public, participants=project.event.headcount,
                            delay=delay_indicator(args.delai_secours))
    pages, dossier = export_dossier(project, Path(args.output), xlsx=args.xlsx, network=network,
                                    zones=args.zone, public=args.public,
                                    first_aid_inputs=inputs)
    print(f"Dossier écrit : {args.output} ({pages} pages)")
    for declaration in dossier.declarations:
        if declaration.required:
            print(f"{', '.join(declaration.formats)} : {declaration.cerfa} — "
                  f"{' ; '.join(declaration.authorities)} — avant le "
                  f"{declaration.deadline:%d/%m/%Y}")
        else:
            print(f"{', '.join(declaration.formats)} : {declaration.note}")
    for fmt in dossier.formats:
        print(f"{fmt.fmt.name} : {len(fmt.posts)} poste(s) de signaleur")
    if args.xlsx:
        print(f"Postes : {args.xlsx}")
    for warning in dossier.warnings:
        print(f"Attention : {warning}")
    for hint in dossier.organiser_hints:
        print(f"À faire : {hint}")
    return 0
