"""``cavalier leg``: the legs of a multisport stage (VTT, trail, canoë…, épreuves, transitions),
each routed with its own profile, and the stage's timetable."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.cli.common import add_network_arguments
from app.cli.plan_cmd import _format_index
from app.cli.project_network import project_network_from_args
from app.leg_routing import NoWaterError, routed_stage
from app.leg_text import leg_line
from app.legs import LEG_SYNTAX, parse_leg
from app.model import Format, LegError, Stop
from app.project_store import open_project, save_project
from app.sheet import CourseSheet, sheet_of
from routes.frenchfmt import number
from routes.network.model import Network
from routes.outputs.unsurveyed import with_unsurveyed

EPILOG = """Exemple (étape 1 du Raid Bassin Minier) :
  cavalier leg raid.cavalier --format 1 --leg vtt:Loos-en-Gohelle:T075 \\
      --leg transition:10min:parc à vélos --leg trail:T094 \\
      --leg "epreuve:45min/1h15:-:course d'orientation" --leg vtt:Oignies
Sans --leg : recalcule les tronçons enregistrés et affiche l'horaire de l'étape."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "leg", help="tronçons d'une étape multisport (VTT, trail, canoë, épreuves, transitions) "
                    "et son horaire", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, metavar="PROJET.cavalier")
    parser.add_argument("--format", dest="format_name", required=True, metavar="ÉTAPE",
                        help="nom de l'étape (ou son numéro, 1 = la première)")
    parser.add_argument("--leg", action="append", default=[], metavar="TRONÇON",
                        help=f"un tronçon, dans l'ordre (répétable) : {LEG_SYNTAX}")
    add_network_arguments(parser)
    parser.set_defaults(handler=run)


def parsed_legs(values: list[str], network: Network) -> list[Any]:
    def resolve(name: str) -> Stop:
        place = network.places.resolve(name)
        return Stop(place.label, place.lon, place.lat)

    return [parse_leg(value, resolve, first=i == 0) for i, value in enumerate(values)]


def run(args: argparse.Namespace) -> int:
    project = open_project(args.project)
    formats = list(project.event.formats)
    index = _format_index([f.name for f in formats], args.format_name, args.project)
    project, network = project_network_from_args(args, args.project, project)
    fmt = formats[index]
    legs = parsed_legs(args.leg, network) if args.leg else list(fmt.legs)
    if not legs:
        raise LegError(f"« {fmt.name} » n'a pas de tronçons : donnez-les avec --leg "
                       f"({LEG_SYNTAX}).")
    try:
        fmt = routed_stage(fmt, network, legs)
    except NoWaterError as exc:
        raise LegError(f"{exc} À la main : --leg canoe:main:DÉPART:…:ARRIVÉE.") from exc
    formats[index] = fmt
    event = replace(project.event, formats=tuple(formats))
    save_project(args.project, replace(project, event=event), base_revision=project.revision)
    print("\n".join(timetable_lines(sheet_of(event, fmt, network), fmt)))
    return 0


def _km(metres: float) -> str:
    return number(metres / 1000)


def timetable_lines(sheet: CourseSheet, fmt: Format) -> list[str]:
    """The stage's timetable as ``cavalier leg`` prints it: one line per leg, its points
    indented (km from the stage's start, expected time, cut-off), then the arrival."""
    timetable = sheet.timetable
    assert timetable is not None
    distance = with_unsurveyed(f"{_km(sheet.length_m)} km", sheet.unsurveyed_m)
    start = f", départ {sheet.start:%d/%m/%Y à %H h %M}" if sheet.start else ""
    lines = [f"{fmt.name} : {distance}, D+ {sheet.climb.text()}{start}"]
    for leg in timetable.legs:
        lines.append(leg_line(sheet, leg))
        for point in leg.points if leg.moving else ():
            if point.kind in ("depart", "arrivee"):
                continue
            lines.append(f"     km {_km(point.distance_m):>6}  {point.name} — "
                         f"{sheet.clock(point.head)} (barrière {sheet.clock(point.cutoff)})")
    lines.append(f"Arrivée de l'étape : heure prévue {sheet.clock(timetable.head_finish)}, "
                 f"barrière horaire {sheet.clock(timetable.cutoff_finish)}")
    for before, after in zip(timetable.legs, timetable.legs[1:], strict=False):
        if before.moving and after.moving and before.kind != after.kind:
            lines.append(f"Attention : pas de zone de transition entre « {before.kind.label} » "
                         f"et « {after.kind.label} » (tronçons {before.number} et "
                         f"{after.number}) : ajoutez --leg transition:DURÉE.")
    return lines
