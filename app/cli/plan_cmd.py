"""``cavalier plan``: compute the route of one format of a project and store it in the project."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.cli.argtypes import MARSHALS
from app.cli.common import add_network_arguments, network_from_args, open_project
from app.model import Discipline, route_record
from app.project_store import NetworkRef, ProjectFileError, save_project
from routes.frenchfmt import number, short
from routes.outputs.course import climb_text, route_climb
from routes.outputs.unsurveyed import unsurveyed_note
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
    network = network_from_args(args)
    route = Router(network).route([args.origin, *args.via, args.destination], profile)
    climb = route_climb(network, route)
    record = route_record(route, climb_m=None if climb is None else climb.d_plus)
    estimated = climb is not None and climb.is_estimate
    record = replace(record, stats={**record.stats, "climb_estimated": estimated,
                                    "rupture_labels": [r.label for r in route.ruptures]})
    formats[index] = replace(fmt, route=record, marshals_override=args.marshals)
    layers = tuple(args.layers or ()) or ((args.network,) if args.network else ())
    ref = NetworkRef(network.name, str(network.graph.graph.get("source", "")), layers)
    save_project(args.project, replace(project, event=replace(project.event,
                                                              formats=tuple(formats)),
                                       network=ref), base_revision=project.revision)
    planned = formats[index]
    print(f"{planned.name} : {number(record.length_km)} km"
          + f", {climb_text(climb)}"
          + (f" ({note})" if (note := unsurveyed_note(route.unsurveyed_m)) else ""))
    print(f"Terrils traversés : {', '.join(record.terrils_visited) or 'aucun'}")
    print(f"Signaleurs : {planned.marshals_needed} "
          f"({len(record.ruptures_crossed)} point(s) de rupture traversé(s))")
    if planned.target_distance_km and abs(record.length_km - planned.target_distance_km) > \
            0.1 * planned.target_distance_km:
        print(f"Attention : distance visée {short(planned.target_distance_km)} km")
    return 0
