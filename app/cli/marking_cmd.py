"""``cavalier balisage``: the marking plan (PDF, optionally xlsx) for the volunteers who mark the
course the day before."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import add_network_arguments, network_from_args
from app.marking.content import DEFAULT_TEAMS, MarkingError, km_text
from app.marking.export import export_marking
from app.project_store import open_project


def _teams(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un nombre d'équipes") from None
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError("entre 1 et 50 équipes")
    return value


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "balisage", help="plan de balisage (PDF) : carrefours, flèches, rubalise, équipes")
    parser.add_argument("project", metavar="PROJET", help="fichier projet .cavalier")
    parser.add_argument("output", metavar="SORTIE.pdf", help="fichier PDF à écrire")
    parser.add_argument("--xlsx", metavar="FICHIER", help="écrire aussi le classeur des "
                        "carrefours (xlsx)")
    parser.add_argument("--equipes", dest="teams", type=_teams, default=DEFAULT_TEAMS,
                        metavar="N", help=f"nombre d'équipes de baliseurs (défaut {DEFAULT_TEAMS})")
    parser.add_argument("--format", dest="format_name", metavar="NOM",
                        help="un seul format (par défaut : tous ceux qui ont un parcours)")
    add_network_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(Path(args.project))
    network = network_from_args(args) if args.layers or args.network or args.dem else None
    result = export_marking(project, Path(args.output), network=network,
                            xlsx=Path(args.xlsx) if args.xlsx else None, teams=args.teams,
                            format_name=args.format_name)
    plan = result.plan
    print(f"Plan de balisage écrit : {args.output} ({result.pages} pages)")
    for fmt in plan.formats:
        print(f"  {fmt.name} : {km_text(fmt.length_m)} km, {len(fmt.points)} carrefours, "
              f"{fmt.arrows} flèches, {fmt.tapes} rubalises, {len(fmt.teams)} équipe(s)")
        if not fmt.points and fmt.length_m > 1000:
            print(f"  Attention : aucun carrefour trouvé sur « {fmt.name} » : son tracé ne suit "
                  "pas le réseau du projet (réseau changé depuis le tracé ?). Recalculez le "
                  "parcours ou donnez le réseau avec --network.")
    if plan.shared:
        print(f"  Carrefours communs (balisés une fois) : {len(plan.shared)}")
    print(f"  Pour l'événement : {plan.arrows} flèches, {plan.tapes} rubalises")
    if args.xlsx:
        print(f"Classeur écrit : {args.xlsx}")
    skipped = [f.name for f in project.event.formats
               if f.name not in {p.name for p in plan.formats}]
    if args.format_name is None and skipped:
        print("Sans parcours, non balisés : " + ", ".join(f"« {n} »" for n in skipped))
    return 0


__all__ = ["MarkingError", "register", "run"]
