"""``cavalier gpx``: export participants' GPX, import and snap existing tracks, zip bundles."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.argtypes import RADIUS_M
from app.cli.cue_options import add_cue_arguments
from app.exports.courses import Course, course_of_track
from app.exports.cues import with_cues
from app.exports.devices import device, file_version
from app.exports.gpx import COMPATIBLE_MAX_POINTS, track_with_course_points
from app.exports.pace import parse_pace
from app.exports.pack import FileKind, write_course_file
from routes.frenchfmt import number
from routes.gpx.bundle import BundleCourse, write_bundle
from routes.gpx.convert import course_from_import, read_geojson_course
from routes.gpx.errors import GpxError
from routes.gpx.importer import ImportedTrack, import_gpx, write_geojson
from routes.gpx.model import WAYPOINT_KINDS, CourseTrack, CourseWaypoint, GpxMeta
from routes.gpx.snap import SnapOptions
from routes.outputs.unsurveyed import export_warning, gpx_note


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("gpx", help="exporter, importer et recaler des traces GPX")
    commands = parser.add_subparsers(dest="gpx_command", metavar="ACTION", required=True)

    imp = commands.add_parser("import", help="lire une trace GPX (et la recaler sur le réseau)")
    imp.add_argument("input", metavar="IN.gpx")
    imp.add_argument("--snap", action="store_true", help="recaler la trace sur le réseau")
    imp.add_argument("--network", metavar="NET", help="réseau (défaut : celui du projet)")
    imp.add_argument("--layers", nargs="+", metavar="COUCHE", help="couches du réseau")
    imp.add_argument("--radius", type=RADIUS_M, default=30.0, metavar="M",
                     help="distance maximale au réseau en mètres (défaut 30)")
    imp.add_argument("--geojson", metavar="OUT.geojson", help="écrire la trace en GeoJSON")
    imp.set_defaults(handler=_import)

    exp = commands.add_parser("export", help="écrire le GPX participants d'un parcours (et FIT, "
                              "KML, TCX)")
    exp.add_argument("input", metavar="IN", help="parcours : fichier .gpx ou .geojson (ligne)")
    exp.add_argument("output", metavar="OUT.gpx")
    _add_meta_arguments(exp)
    exp.add_argument("--name", help="nom du parcours (défaut : celui du fichier)")
    exp.add_argument("--start", metavar="AAAA-MM-JJTHH:MM", help="heure de départ")
    exp.add_argument("--waypoint", action="append", default=[], metavar="TYPE:LAT,LON[:NOM]",
                     help=f"point d'intérêt ; TYPE parmi {', '.join(WAYPOINT_KINDS)}")
    exp.add_argument("--rte", action="store_true",
                     help="ajouter une route simplifiée (<rte>, 250 points au plus)")
    exp.add_argument("--no-route", action="store_true",
                     help="sans <rte> (c'est le défaut ; option gardée pour les anciens scripts)")
    exp.add_argument("--compatible", action="store_true",
                     help="GPX « compatible » : 500 points au plus, points d'intérêt gardés")
    exp.add_argument("--fit", metavar="OUT.fit", help="écrire aussi le parcours FIT (Garmin)")
    exp.add_argument("--kml", metavar="OUT.kml", help="écrire aussi le KML (Organic Maps…)")
    exp.add_argument("--tcx", metavar="OUT.tcx", help="écrire aussi le parcours TCX")
    exp.add_argument("--allure", metavar="VITESSE/FERMETURE[/D+]",
                     help="allure pour les heures de passage du FIT/TCX, ex. 9/6/600 "
                          "(km/h, km/h de fermeture, m de D+ par heure)")
    add_cue_arguments(exp)
    exp.add_argument("--network", metavar="NET",
                     help="réseau des indications (--cues ; défaut : le réseau embarqué)")
    exp.add_argument("--layers", nargs="+", metavar="COUCHE", help="couches du réseau (--cues)")
    exp.set_defaults(handler=_export)

    bun = commands.add_parser("bundle", help="dossier zip des participants (un GPX par format)")
    bun.add_argument("output", metavar="OUT.zip")
    bun.add_argument("inputs", nargs="+", metavar="FORMAT.gpx")
    _add_meta_arguments(bun)
    bun.set_defaults(handler=_bundle)


def _add_meta_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--event", required=True, help="nom de l'événement")
    parser.add_argument("--format", dest="format_name", default="", help="nom du format")
    parser.add_argument("--organiser", "--organisateur", default="", help="organisateur")
    parser.add_argument("--auteur", dest="author", default="",
                        help="auteur du fichier (défaut : l'organisateur)")
    parser.add_argument("--contact", default="",
                        help="courriel ou téléphone de l'organisation (un courriel va aussi "
                             "dans <author><email>)")
    parser.add_argument("--site", dest="website", default="", metavar="URL",
                        help="site web de l'événement (<author><link>)")
    parser.add_argument("--osm", action="store_true",
                        help="le parcours utilise des données OpenStreetMap (attribution ODbL)")
    parser.add_argument("--licence", default="", metavar="URL", help="licence du parcours")


def _meta(args: argparse.Namespace, format_name: str | None = None) -> GpxMeta:
    return GpxMeta(args.event, format_name if format_name is not None else args.format_name,
                   args.organiser, args.osm, args.licence, author=args.author,
                   contact=args.contact, website=args.website)


def _load_graph(network: str | None, layers: list[str] | None) -> Any:
    from routes.network.model import load_network  # heavy: only when a track is snapped

    return load_network(network, layers).graph


def _import(args: argparse.Namespace) -> int:
    graph = _load_graph(args.network, args.layers) if args.snap else None
    imported = import_gpx(args.input, network=graph, options=SnapOptions(radius_m=args.radius))
    _print_import(imported)
    if args.geojson:
        write_geojson(imported, args.geojson)
        print(f"GeoJSON écrit : {args.geojson}")
    return 0


def _print_import(imported: ImportedTrack) -> None:
    doc = imported.document
    segments = sum(len(line.segments) for line in doc.lines)
    print(f"{doc.source} : GPX {doc.version}, « {imported.name} »")
    print(f"  {len(doc.lines)} trace(s)/route(s), {segments} segment(s), "
          f"{doc.point_count} points, {len(doc.waypoints)} point(s) d'intérêt")
    print(f"  Nettoyage : {imported.clean.duplicates} doublon(s), {imported.clean.spikes} "
          f"saut(s) GPS retiré(s) ; {len(imported.points)} points gardés")
    print(f"  Longueur : {number(imported.length_m / 1000, 2)} km")
    if imported.snap is not None:
        print(imported.snap.report.to_french())


def _course(path: str, name: str | None) -> CourseTrack:
    if Path(path).suffix.lower() in {".geojson", ".json"}:
        return read_geojson_course(path, name)
    return course_from_import(import_gpx(path), name)


def _waypoint(spec: str) -> CourseWaypoint:
    kind, _, rest = spec.partition(":")
    position, _, name = rest.partition(":")
    try:
        lat_text, lon_text = position.split(",")
        if kind not in WAYPOINT_KINDS:
            raise ValueError(f"type « {kind} » inconnu (attendu : {', '.join(WAYPOINT_KINDS)})")
        lat, lon = float(lat_text.replace(",", ".")), float(lon_text)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also refuses NaN
            raise ValueError("latitude entre -90 et 90, longitude entre -180 et 180 attendues")
        return CourseWaypoint(name or WAYPOINT_KINDS[kind].label, lat, lon,
                              kind)  # type: ignore[arg-type]
    except ValueError as exc:
        reason = str(exc) if isinstance(exc, GpxError) or "attendu" in str(exc) \
            else "TYPE:LAT,LON[:NOM] attendu, par exemple ravitaillement:50.44,2.79:Ravito"
        raise GpxError(f"--waypoint « {spec[:80]} » invalide : {reason}") from exc


def _unsurveyed_m(path: str) -> float | None:
    """``unsurveyed_m`` of a route GeoJSON written by ``cavalier route/loop/race --geojson``;
    None for any other input (a GPX says nothing of how its line was surveyed)."""
    if Path(path).suffix.lower() not in {".geojson", ".json"}:
        return None
    try:
        features = json.loads(Path(path).read_text(encoding="utf-8")).get("features", [])
    except (OSError, ValueError, AttributeError):
        return None  # read_geojson_course has already said what is wrong with the file
    for feature in features:
        value = (feature.get("properties") or {}).get("unsurveyed_m")
        if isinstance(value, int | float):
            return float(value)
    return None


def _export(args: argparse.Namespace) -> int:
    course = _course(args.input, args.name)
    unsurveyed = _unsurveyed_m(args.input)
    meta = _meta(args)
    if unsurveyed is not None:
        meta = replace(meta, notes=(gpx_note(unsurveyed),))
        warning = export_warning(course.name, unsurveyed)
        if warning:
            print(warning, file=sys.stderr)
    extra = [_waypoint(spec) for spec in args.waypoint]
    start = None
    if args.start:
        try:
            start = datetime.fromisoformat(args.start)
        except ValueError as exc:
            raise GpxError(f"--start « {args.start} » : date invalide (AAAA-MM-JJTHH:MM).") from exc
    course = CourseTrack(course.name, course.points, course.waypoints + extra,
                         course.description, start or course.start_time)
    pace = parse_pace(f"parcours={args.allure}")[1] if args.allure else None
    built = course_of_track(course, meta, pace=pace)
    cued = _cued(built, args) if args.cues else None
    preset = device(args.device) if args.device else None
    kind: FileKind = "gpx-compatible" if args.compatible else "gpx"
    outputs: list[tuple[FileKind, str]] = [(kind, args.output)]
    outputs += [(k, getattr(args, k)) for k in ("fit", "kml", "tcx") if getattr(args, k)]
    for file_kind, output in outputs:
        version, written_as = file_version(built, file_kind, cued=cued, gpx_cues=True,
                                           preset=preset)
        write_course_file(Path(output), version, written_as, with_route=args.rte)
    if cued is not None:
        print(f"Indications de direction : {len(cued.points) - len(built.points)}")
    points = len(track_with_course_points(
        built, max_points=COMPATIBLE_MAX_POINTS if args.compatible else None).points)
    print(f"GPX écrit : {args.output} ({points} points, "
          f"{len(course.waypoints)} point(s) d'intérêt)")
    for file_kind, output in outputs[1:]:
        print(f"{file_kind.upper()} écrit : {output}")
    if built.elevation_dropped:
        print(f"Altitude connue sur {built.elevation_dropped} point(s) sur {len(course.points)} "
              "seulement : fichiers écrits sans altitude (toutes ou aucune).")
    return 0


def _cued(built: Course, args: argparse.Namespace) -> Course:
    """The course with the turn cues of the junctions it passes on the network."""
    from routes.network.model import load_network  # heavy: only with --cues
    from routes.outputs.decisions import course_decisions

    network = load_network(args.network, args.layers)
    found = course_decisions(network, built.sheet.lonlat.tolist(), name=built.name)
    return with_cues(built, found.decisions, length_m=found.length_m)


def _bundle(args: argparse.Namespace) -> int:
    loaded = [_course(path, None) for path in args.inputs]
    names = [course.name for course in loaded]
    courses = []
    for path, course in zip(args.inputs, loaded, strict=True):
        # two files with the same track name: the file names tell the formats apart
        label = course.name if names.count(course.name) == 1 else Path(path).stem
        meta = _meta(args, label)
        unsurveyed = _unsurveyed_m(path)
        if unsurveyed is not None:
            meta = replace(meta, notes=(gpx_note(unsurveyed),))
            if warning := export_warning(label, unsurveyed):
                print(warning, file=sys.stderr)
        courses.append(BundleCourse(course, meta))
    write_bundle(args.output, args.event, courses)
    print(f"Dossier participants écrit : {args.output} ({len(courses)} format(s))")
    return 0

