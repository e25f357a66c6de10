"""``cavalier route``: from / via / to on a network, with a profile."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli.common import add_network_arguments, network_from_args
from app.route_stats import RouteStats, route_figures
from routes.atomic import write_text
from routes.frenchfmt import km, percent
from routes.network.crossing_status import UNKNOWN_MESSAGE, crossings_known
from routes.network.model import Network
from routes.outputs.course import write_route_gpx
from routes.outputs.unsurveyed import export_warning, with_unsurveyed
from routes.search.profiles import PROFILE_NAMES, get_profile
from routes.search.routing import Route, Router

_LAYER_LABELS = {"cavalier": "cavaliers", "veloroute": "véloroute", "hiking": "randonnée",
                 "terril": "terrils", "access": "accès", "liaison": "liaisons à vérifier",
                 "chemin": "autres chemins"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("route", help="calculer un parcours de A à B")
    parser.add_argument("--from", dest="origin", required=True, metavar="A",
                        help="départ : terril (T074), pôle, commune ou « lat, lon »")
    parser.add_argument("--via", action="append", default=[], metavar="B",
                        help="point de passage (répétable)")
    parser.add_argument("--to", dest="destination", required=True, metavar="C", help="arrivée")
    parser.add_argument("--profile", default="trail", choices=PROFILE_NAMES)
    parser.add_argument("--geojson", metavar="SORTIE", help="écrire le parcours en GeoJSON")
    parser.add_argument("--gpx", metavar="SORTIE",
                        help="écrire le GPX des participants (trace, points de course, <rte>)")
    parser.add_argument("--event", default="Parcours Cavalier", metavar="NOM",
                        help="nom de l'événement dans les métadonnées GPX")
    add_network_arguments(parser)
    parser.set_defaults(handler=run)


def summary(route: Route, figures: RouteStats, *, crossings_known: bool = True) -> list[str]:
    """What ``route`` prints: the course sheet's length and D+ (``figures``), then how the
    router went."""
    stops = " → ".join(s.label for s in route.stops)
    lines = [f"Parcours {get_profile(route.profile).label} : {stops}",
             f"Distance : {with_unsurveyed(km(figures.length_m), figures.unsurveyed_m or 0.0)}",
             f"Dénivelé : D+ {figures.climb_text}"]
    shares = sorted(route.layer_lengths.items(), key=lambda kv: -kv[1])
    lines.append("Répartition : " + ", ".join(
        f"{_LAYER_LABELS.get(k, k)} {percent(v / route.length_m)}" for k, v in shares
        if route.length_m))
    lines.append(f"Terrils traversés ({len(route.terrils)}) : {', '.join(route.terrils) or '—'}")
    if crossings_known:
        lines.append(f"Points de rupture traversés ({len(route.ruptures)}) : "
                     + (", ".join(r.label for r in route.ruptures) or "aucun"))
    else:
        lines.append(f"Points de rupture traversés : {UNKNOWN_MESSAGE}")
    return lines


def write_geojson(route: Route, path: str) -> None:
    write_text(path, json.dumps(route.to_geojson(), ensure_ascii=False))


def run(args: argparse.Namespace) -> int:
    network = network_from_args(args)
    route = Router(network).route([args.origin, *args.via, args.destination], args.profile)
    print("\n".join(summary(route, route_figures(network, route),
                            crossings_known=crossings_known(network.graph))))
    write_outputs(network, route, args, event=args.event)
    return 0


def write_outputs(network: Network, route: Route, args: argparse.Namespace, *, event: str,
                  name: str | None = None) -> None:
    """``--geojson`` and ``--gpx`` files shared by route, loop, race and variant."""
    if args.geojson:
        write_geojson(route, args.geojson)
        print(f"GeoJSON écrit : {args.geojson}")
    if args.gpx:
        title = name or f"{route.stops[0].label} → {route.stops[-1].label}"
        warning = export_warning(title, route.unsurveyed_m)
        if warning:
            print(warning, file=sys.stderr)
        write_route_gpx(network, route, args.gpx, event=event, name=name)
        print(f"GPX écrit : {args.gpx}")
