"""``cavalier plan``: compute the route of one format of a project and store it in the project."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.cli.argtypes import MARSHALS
from app.cli.common import add_network_arguments, open_project
from app.cli.project_network import project_network_from_args
from app.model import Discipline, Format, route_record
from app.project_store import NetworkRef, ProjectFileError, save_project
from app.sheet import CourseSheet, name_warning, sheet_of
from routes.frenchfmt import number, short
from routes.outputs.unsurveyed import with_unsurveyed
from routes.search.profiles import PROFILE_NAMES
from routes.search.routing import Router

# The routing profile a format's discipline uses unless --profile says otherwise.
PROFILE_OF_DISCIPLINE = {
    Discipline.TRAIL: "trail",
    Discipline.VTT: "vtt",
    Discipline.RAID: "raid",
    Discipline.RANDO: "rando",
    Discipline.VELO: "velo",
    Discipline.RUN_BIKE: "vtt",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan", help="calculer le parcours d'un format du projet et l'y enregistrer")
    parser.add_argument("project", type=Path, metavar="PROJET.cavalier")
    parser.add_argument("--format", dest="format_name", required=True, metavar="FORMAT",
                        help="nom du format, de l'étape ou de la manche (ou son numéro, 1 = le "
                             "premier)")
    parser.add_argument("--from", dest="origin", required=True, metavar="A",
                        help="départ : terril (T074), pôle, commune ou « lat, lon »")
    parser.add_argument("--via", action="append", default=[], metavar="B",
                        help="point de passage (répétable)")
    parser.add_argument("--to", dest="destination", required=True, metavar="C", help="arrivée")
    parser.add_argument("--profile", choices=PROFILE_NAMES,
                        help="profil de calcul (défaut : selon la discipline du format)")
    parser.add_argument("--marshals", type=MARSHALS, metavar="N",
                        help="nombre de signaleurs imposé (défaut : un par point de rupture)")
    add_network_arguments(parser)
    parser.set_defaults(handler=run)


def _format_index(names: list[str], wanted: str, project: Path) -> int:
    if wanted in names:
        return names.index(wanted)
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    matches = [i for i, n in enumerate(names) if wanted.casefold() in n.casefold()]
    if len(matches) == 1:
        return matches[0]
    listed = " ; ".join(f"{i + 1}. {n}" for i, n in enumerate(names))
    raise ProjectFileError(f"{project} : format « {wanted} » introuvable ou ambigu ({listed})")


def run(args: argparse.Namespace) -> int:
    project = open_project(args.project)
    formats = list(project.event.formats)
    index = _format_index([f.name for f in formats], args.format_name, args.project)
    fmt = formats[index]
    profile = args.profile or PROFILE_OF_DISCIPLINE.get(fmt.discipline, "trail")
    project, network = project_network_from_args(args, args.project, project)
    route = Router(network).route([args.origin, *args.via, args.destination], profile)
    record = replace(route_record(route),
                     stats={**route_record(route).stats,
                            "rupture_labels": [r.label for r in route.ruptures]})
    if fmt.legs:  # one route from --from to --to: the stage is one leg again
        print(f"Les {len(fmt.legs)} tronçons de « {fmt.name} » sont remplacés par ce parcours "
              "unique (cavalier leg pour une étape en plusieurs tronçons).", file=sys.stderr)
    formats[index] = replace(fmt, route=record, marshals_override=args.marshals, legs=())
    event = replace(project.event, formats=tuple(formats))
    if args.layers or args.network:
        layers = tuple(args.layers or ()) or ((args.network,) if args.network else ())
        dems = project.network.dems if project.network is not None else ()
        project = replace(project, network=NetworkRef(
            network.name, str(network.graph.graph.get("source", "")), layers, dems=dems))
    save_project(args.project, replace(project, event=event), base_revision=project.revision)
    sheet = sheet_of(event, formats[index], network)
    print("\n".join(sheet_lines(sheet, formats[index])))
    return 0


def sheet_lines(sheet: CourseSheet, fmt: Format) -> list[str]:
    """What ``plan`` tells the organiser about a course: the sheet's figures, and what to
    check."""
    distance = with_unsurveyed(f"{number(sheet.length_m / 1000)} km", sheet.unsurveyed_m)
    lines = [f"{fmt.name} : {distance}, D+ {sheet.climb.text()}"]
    if sheet.unknown_practicability_m >= 50:
        lines.append(f"Anciens tracés de praticabilité inconnue : "
                     f"{number(sheet.unknown_practicability_m / 1000)} km "
                     f"({sheet.share(sheet.unknown_practicability_m) * 100:.0f} %) : à reconnaître")
    climbed = ", ".join(t.ref for t in sheet.terrils_climbed) or "aucun"
    lines.append(f"Terrils gravis : {climbed}")
    if sheet.terrils_at_foot:
        lines.append("Terrils longés (au pied) : " + ", ".join(
            f"{t.ref} (à {t.summit_offset_m:.0f} m du sommet)" for t in sheet.terrils_at_foot))
    posts = (f"{len(sheet.posts)} poste(s)" if sheet.crossings_known
             else f"{len(sheet.posts)} poste(s) connu(s), traversées inconnues : réseau sans "
                  "routes")
    lines.append(f"Signaleurs : {fmt.marshals_needed} ({posts})")
    finish = sheet.finish
    lines.append(f"Arrivée : heure prévue {sheet.clock(finish.head)}, barrière horaire "
                 f"{sheet.clock(finish.cutoff)}")
    if fmt.target_distance_km and abs(sheet.length_m / 1000 - fmt.target_distance_km) > \
            0.1 * fmt.target_distance_km:
        lines.append(f"Attention : distance visée {short(fmt.target_distance_km)} km")
    if sheet.name_mismatch:
        lines.append(name_warning(sheet))
    return lines
