"""``cavalier network build`` and ``cavalier network download``.

The ``network`` group belongs to :mod:`app.cli.network_cmd`, which calls
:func:`register_network_subcommands` with its sub-parsers.

Clipping: ``--bbox`` or ``--clip FILE`` (e.g. the basin outline ``bassin-minier.geojson``); without
either, the whole extract is kept. ``network download --basin`` clips to the shipped outline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from routes.network import store as netstore
from routes.network.crossing_status import rupture_count_text
from routes.osm.basin import DEFAULT_SOURCE, download_basin
from routes.osm.build import build_network
from routes.osm.download import cache_dir, download_bbox, parse_bbox
from routes.osm.tvb import read_clip_polygon
from routes.osm.ways import Clip
from routes.provenance import PRACTICABILITY_UNKNOWN_LABEL


def _progress(fraction: float, message: str) -> None:
    print(f"[{fraction * 100:5.1f} %] {message}", file=sys.stderr)


def register_network_subcommands(network_subparsers: Any) -> None:
    """Add ``build`` and ``download`` to the ``network`` command group."""
    build = network_subparsers.add_parser(
        "build", help="construire un réseau depuis OpenStreetMap et l'enregistrer",
        description="Construit un réseau routable depuis un extrait OSM (.osm.pbf, .osm, "
        ".osm.bz2) ou une couche SIG de lignes OSM, fusionné avec les couches TVB.",
    )
    source = build.add_mutually_exclusive_group(required=True)
    source.add_argument("--osm", type=Path, help="extrait OSM (.osm.pbf, .osm, .osm.bz2)")
    source.add_argument("--highway-lines", type=Path,
                        help="couche SIG de lignes OSM highway (GeoJSON, GeoPackage…)")
    clip = build.add_mutually_exclusive_group()
    clip.add_argument("--bbox", help="découpe ouest,sud,est,nord en degrés")
    clip.add_argument("--clip", type=Path, help="découpe par les polygones d'un fichier SIG")
    build.add_argument("--layers", type=Path,
                       help="dossier des couches TVB (cavaliers, terrils) à fusionner")
    build.add_argument("--dem", type=Path, action="append", default=[],
                       help="MNT GeoTIFF EPSG:4326 ou dalle SRTM .hgt (répétable)")
    build.add_argument("--allow-partial-dem", action="store_true",
                       help="accepter un MNT qui ne couvre qu'une partie du réseau")
    build.add_argument("--out", type=Path, required=True, help="fichier réseau à écrire")
    build.add_argument("--quiet", action="store_true", help="sans progression")
    build.set_defaults(handler=run_build)

    download = network_subparsers.add_parser(
        "download", help="télécharger OpenStreetMap pour le Bassin minier ou une emprise",
        description="--basin : télécharge l'extrait régional OpenStreetMap (Geofabrik), le "
        "découpe au périmètre du Bassin minier, construit le réseau (fusionné avec les couches "
        "TVB de --layers) et l'enregistre ; reprend un téléchargement interrompu. --bbox : "
        "télécharge les chemins d'une petite emprise via Overpass. Connexion Internet requise.",
    )
    area = download.add_mutually_exclusive_group(required=True)
    area.add_argument("--basin", action="store_true",
                      help="tout le Bassin minier (extrait régional découpé)")
    area.add_argument("--bbox", help="ouest,sud,est,nord en degrés (Overpass)")
    download.add_argument("--source", default=DEFAULT_SOURCE,
                          help=f"adresse de l'extrait régional .osm.pbf (défaut : "
                          f"{DEFAULT_SOURCE})")
    download.add_argument("--layers", type=Path,
                          help="dossier des couches TVB (cavaliers, terrils, communes) à fusionner")
    download.add_argument("--cache", type=Path, help="dossier de cache des téléchargements")
    download.add_argument("--refresh", action="store_true",
                          help="retélécharger l'extrait même s'il est en cache")
    download.add_argument("--out", type=Path, help="fichier réseau à écrire (défaut : cache)")
    download.add_argument("--quiet", action="store_true", help="sans progression")
    download.set_defaults(handler=run_download)


def _clip(args: argparse.Namespace) -> Clip:
    if args.bbox:
        return parse_bbox(args.bbox)
    if args.clip:
        return read_clip_polygon(args.clip)
    return None


def run_build(args: argparse.Namespace) -> int:
    progress = None if args.quiet else _progress
    result = build_network(
        osm=args.osm, highway_lines=args.highway_lines, clip=_clip(args), layers=args.layers,
        dems=args.dem, allow_partial_dem=args.allow_partial_dem, progress=progress,
    )
    netstore.save(result.graph, args.out)
    graph = result.graph
    print(f"Réseau enregistré : {args.out}")
    print(f"  {graph.number_of_nodes()} nœuds, {graph.number_of_edges()} arcs "
          f"({graph.number_of_edges() // 2} tronçons dans les deux sens)")
    if result.elements:
        print(f"  {result.elements} éléments OSM utiles lus (nœuds étiquetés, voies, relations ; "
              f"{result.elements_per_second:,.0f} éléments/s)"
              .replace(",", " "))
    if result.incomplete_ways:
        print(f"  {result.incomplete_ways} voies incomplètes (nœuds absents du fichier) "
              "gardées en morceaux")
    print(f"  {result.cavalier_edges} arcs de cavalier, {result.osm_terrils} terrils OSM")
    for warning in result.warnings:
        print(f"  Avertissement : {warning}")
    print("  Points de rupture (traversées de routes et voies ferrées) : "
          + rupture_count_text(graph, result.crossings))
    if result.unmatched_cavalier_m:
        print(f"  {result.unmatched_cavalier_m / 1000:.1f} km de cavaliers sans chemin OSM "
              f"gardés : {PRACTICABILITY_UNKNOWN_LABEL}".replace(".", ",", 1))
    if result.unattached:
        print(f"  {len(result.unattached)} lieux trop loin du réseau : "
              + ", ".join(p.ref for p in result.unattached[:10]))
    if result.elevation_nodes:
        print(f"  altitude sur {result.elevation_nodes} nœuds")
    return 0


def run_download(args: argparse.Namespace) -> int:
    progress = None if args.quiet else _progress
    if not args.basin:
        target = download_bbox(parse_bbox(args.bbox), out=args.out, progress=progress)
        print(f"Réseau téléchargé enregistré : {target}")
        return 0
    out = args.out if args.out is not None else cache_dir() / f"bassin-minier{netstore.SUFFIX}"
    result = download_basin(out, source=args.source, layers=args.layers, cache=args.cache,
                            refresh=args.refresh, progress=progress)
    extract = result.extract
    how = ("en cache" if extract.from_cache else
           f"repris à {extract.resumed_from} octets" if extract.resumed_from else "téléchargé")
    graph = result.build.graph
    print(f"Extrait OSM : {extract.path} ({extract.size} octets, {how})")
    print(f"Réseau du Bassin minier enregistré : {result.network_path}")
    print(f"  {graph.number_of_nodes()} nœuds, {graph.number_of_edges() // 2} tronçons, "
          f"{result.build.cavalier_edges} arcs de cavalier")
    print("  Points de rupture (traversées de routes et voies ferrées) : "
          + rupture_count_text(graph, result.build.crossings))
    print("  Données © les contributeurs d'OpenStreetMap, licence ODbL")
    return 0
