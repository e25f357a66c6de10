"""``cavalier loop``, ``cavalier race``, ``cavalier variant``: courses generated for organisers."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.argtypes import PROPOSALS, TERRILS
from app.cli.common import add_network_arguments, network_from_args
from app.cli.route_cmd import write_outputs
from app.course_request import GenerationOptions, build_request
from app.route_stats import route_figures
from routes.courses.generate import generate, node_stop
from routes.courses.loops import Loop, parse_length
from routes.courses.races import Race
from routes.courses.variants import parse_share
from routes.errors import CavalierError
from routes.frenchfmt import km, number, percent
from routes.gpx.importer import import_gpx
from routes.outputs.unsurveyed import with_unsurveyed
from routes.plausible import MAX_COURSE_M
from routes.search.profiles import PROFILE_NAMES, get_profile


def _share(text: str) -> float:
    try:
        return parse_share(text)
    except CavalierError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _length(text: str) -> float:
    try:
        value = parse_length(text)
    except CavalierError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    if value > MAX_COURSE_M:  # the bound every track reader applies (routes.plausible)
        raise argparse.ArgumentTypeError(
            f"Longueur « {text[:40]} » : au plus {MAX_COURSE_M / 1000:.0f} km pour un parcours.")
    return value


def _outputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", default="trail", choices=PROFILE_NAMES)
    parser.add_argument("--geojson", metavar="SORTIE", help="écrire le parcours retenu en GeoJSON")
    parser.add_argument("--gpx", metavar="SORTIE", help="écrire le parcours retenu en GPX")
    add_network_arguments(parser)


def register(subparsers: Any) -> None:
    loop = subparsers.add_parser("loop", help="proposer des boucles d'une longueur donnée")
    loop.add_argument("--start", required=True, metavar="LIEU",
                      help="départ : terril (T074), pôle, commune ou « lat, lon »")
    loop.add_argument("--length", required=True, type=_length, metavar="L",
                      help="longueur visée : 6km, 6 km, 6000m")
    loop.add_argument("--length-tolerance", dest="length_tolerance", type=_share, default=0.02,
                      metavar="P",
                      help="écart de longueur admis (défaut 2%%)")
    loop.add_argument("--max-reuse", type=_share, default=0.05, metavar="P",
                      help="part maximale de chemins empruntés deux fois (défaut 5%%)")
    loop.add_argument("--within-terril", action="store_true",
                      help="rester sur les chemins relevés (OSM, couches, traces de "
                           "reconnaissance) dans l'emprise du terril de départ")
    loop.add_argument("--via", action="append", default=[], metavar="LIEU",
                      help="lieu par lequel la boucle doit passer (répétable)")
    loop.add_argument("--count", type=PROPOSALS, default=3, metavar="N",
                      help="nombre de boucles proposées (défaut 3)")
    _outputs(loop)
    loop.set_defaults(handler=run_loop)

    race = subparsers.add_parser("race", help="course en ligne de A à B par N terrils")
    race.add_argument("--from", dest="origin", required=True, metavar="A")
    race.add_argument("--to", dest="destination", required=True, metavar="B")
    race.add_argument("--terrils", type=TERRILS, required=True, metavar="N",
                      help="nombre de terrils à franchir")
    race.add_argument("--length", required=True, type=_length, metavar="L")
    race.add_argument("--through", action="append", default=[], metavar="TERRIL",
                      help="terril imposé (répétable)")
    race.add_argument("--ordered", action="store_true",
                      help="franchir les terrils imposés dans l'ordre donné")
    race.add_argument("--length-tolerance", dest="length_tolerance", type=_share, default=0.05,
                      metavar="P",
                      help="écart de longueur visé (défaut 5%%)")
    _outputs(race)
    race.set_defaults(handler=run_race)

    variant = subparsers.add_parser(
        "variant", help="nouveau parcours partageant au plus P %% avec l'édition précédente")
    variant.add_argument("--previous", required=True, metavar="ANCIEN.gpx",
                         help="tracé de l'édition précédente (GPX)")
    variant.add_argument("--max-overlap", required=True, type=_share, metavar="P",
                         help="part maximale de parcours commun, ex. 30%%")
    variant.add_argument("--length", type=_length, metavar="L",
                         help="longueur visée (défaut : celle de l'édition précédente)")
    variant.add_argument("--max-reuse", type=_share, default=0.05, metavar="P",
                         help="boucle : part maximale de chemins empruntés deux fois (défaut 5%%)")
    variant.add_argument("--terrils", type=TERRILS, default=0, metavar="N",
                         help="course en ligne : nombre de terrils à franchir")
    variant.add_argument("--length-tolerance", dest="length_tolerance", type=_share,
                         default=None, metavar="P",
                         help="écart de longueur admis (défaut 2%% boucle, 5%% course)")
    _outputs(variant)
    variant.set_defaults(handler=run_variant)


def _describe(course: Loop | Race) -> str:
    return (f"{with_unsurveyed(km(course.length_m, 2), course.unsurveyed_m)} "
            f"(écart {percent(course.length_error, 1)}), "
            f"repris {km(course.reused_m, 2)}, cavaliers {percent(course.cavalier_share)}, "
            f"terrils {percent(course.terril_share)}")


def run_loop(args: argparse.Namespace) -> int:
    network = network_from_args(args)
    profile = get_profile(args.profile)
    options = GenerationOptions(tolerance=args.length_tolerance, max_reuse=args.max_reuse,
                                within_terril=args.within_terril, count=args.count)
    request = build_request(network, "loop", profile.name, args.start, args.length, options,
                            via=args.via)
    area = request.area
    loops = generate(network, request)
    start = loops[0].route.stops[0]
    where = " sur le terril" if area is not None else ""
    print(f"Boucles {profile.label} de {km(args.length)} depuis {start.label}{where} :")
    for i, found in enumerate(loops, 1):
        loop = found.course
        assert isinstance(loop, Loop)
        print(f"  {i}. {_describe(loop)}, score {number(loop.score, 3)}")
    best = loops[0]
    route = best.route
    print(f"Dénivelé : D+ {route_figures(network, route).climb_text}")
    title = f"Boucle {km(best.course.length_m)} — {start.label}"
    write_outputs(network, route, args, event=title, name=title)
    return 0


def run_race(args: argparse.Namespace) -> int:
    network = network_from_args(args)
    profile = get_profile(args.profile)
    options = GenerationOptions(tolerance=args.length_tolerance, terril_count=args.terrils,
                                count=1)
    request = build_request(network, "race", profile.name, args.origin, args.length, options,
                            finish=args.destination, ordered=args.ordered,
                            required=[network.places.resolve(t).key for t in args.through])
    found = generate(network, request)[0]
    race, route = found.course, found.route
    assert isinstance(race, Race)
    origin, destination = route.stops[0], route.stops[-1]
    print(f"Course {profile.label} {origin.label} → {destination.label}, "
          f"{len(race.terrils)} terrils : {_describe(race)}")
    print("Terrils dans l'ordre : " + ", ".join(race.terrils))
    print(f"Dénivelé : D+ {route_figures(network, route).climb_text}")
    title = f"{origin.label} → {destination.label}"
    write_outputs(network, route, args, event=title, name=title)
    return 0


def run_variant(args: argparse.Namespace) -> int:
    network = network_from_args(args)
    profile = get_profile(args.profile)
    previous = import_gpx(args.previous)
    line = [(lon, lat) for lat, lon in previous.line]
    length = args.length or previous.length_m
    first, last = line[0], line[-1]
    start = node_stop(network, network.snap(*first), "Départ")
    end = node_stop(network, network.snap(*last), "Arrivée")
    options = GenerationOptions(tolerance=args.length_tolerance, max_reuse=args.max_reuse,
                                max_overlap=args.max_overlap, terril_count=args.terrils,
                                count=1)
    request = build_request(network, "variant", profile.name, start, length, options,
                            finish=end, previous=line)
    found = generate(network, request)[0]
    variant = found.variant
    assert variant is not None
    kind = "Boucle" if isinstance(variant.course, Loop) else "Course"
    print(f"{kind} {profile.label}, variante de « {previous.name} » "
          f"({km(previous.length_m)}) : {_describe(variant.course)}")
    print(f"Parcours commun avec l'édition précédente : {km(variant.shared_m, 2)} "
          f"({percent(variant.overlap, 1)}, maximum {percent(args.max_overlap)})")
    print(f"Dénivelé : D+ {route_figures(network, found.route).climb_text}")
    title = f"Variante de {previous.name}"
    write_outputs(network, found.route, args, event=title, name=title)
    return 0
