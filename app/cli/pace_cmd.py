"""``cavalier allure``: show or set a format's pace model (expected times and cut-offs)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.cli.common import open_project
from app.cli.plan_cmd import _format_index
from app.exports.pace import DEFAULT_PACES, pace_text, parse_pace
from app.project_store import save_project


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "allure", help="allure d'un format (heures de passage et barrières horaires)")
    parser.add_argument("project", type=Path, metavar="PROJET.cavalier")
    parser.add_argument("--format", dest="format_name", metavar="FORMAT",
                        help="format à modifier (nom, partie du nom ou numéro)")
    parser.add_argument("--allure", metavar="VITESSE/FERMETURE[/D+]",
                        help="ex. 9/6/600 : km/h moyen, km/h de fermeture, m de D+ par heure ; "
                             "« defaut » pour revenir à l'allure de la discipline")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    project = open_project(args.project)
    formats = list(project.event.formats)
    if args.allure is not None:
        index = _format_index([f.name for f in formats], args.format_name or "", args.project)
        pace = None if args.allure.strip().lower() in ("defaut", "défaut") else \
            parse_pace(f"{formats[index].name}={args.allure}")[1]
        formats[index] = replace(formats[index], pace=pace)
        project = replace(project, event=replace(project.event, formats=tuple(formats)))
        save_project(args.project, project, base_revision=project.revision)
    for fmt in formats:
        pace = fmt.pace or DEFAULT_PACES[fmt.discipline]
        origin = "" if fmt.pace else " (défaut de la discipline)"
        print(f"{fmt.name} : {pace.french()}{origin} — {pace_text(pace)}")
    return 0
