"""Options shared by every command that works on a network."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.argtypes import LIAISON_M, TOLERANCE_M
from app.project_store import Project
from app.project_store import open_project as _open_project
from routes.elevation import open_dems, set_elevations
from routes.elevation.network import EDGE_STEP_M
from routes.network.model import Network, load_network
from routes.network.roles import parse_role


def add_network_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("réseau (par défaut : réseau embarqué du Bassin minier)")
    group.add_argument("--layers", nargs="+", metavar="DOSSIER|FICHIER",
                       help="couches SIG (GeoJSON, GeoPackage, Shapefile) à la place du réseau "
                            "embarqué")
    group.add_argument("--network", metavar="RESEAU",
                       help="réseau enregistré par « cavalier network build »")
    group.add_argument("--tolerance", type=TOLERANCE_M, default=None, metavar="M",
                       help="distance de jonction des extrémités de lignes (m, défaut 15 ; "
                            "25 pour le réseau embarqué)")
    group.add_argument("--liaison-max", type=LIAISON_M, default=None, metavar="M",
                       help="longueur maximale des liaisons ajoutées entre parties séparées "
                            "(m ; défaut 1000 pour --layers, 0 pour le réseau embarqué)")
    group.add_argument("--role", action="append", default=[], metavar="REGLE",
                       help="rôle d'un fichier ou d'une valeur d'attribut : MOTIF=TYPE ou "
                            "MOTIF:ATTRIBUT=VALEURS=TYPE (répétable)")
    group.add_argument("--dem", type=Path, action="append", default=[], metavar="MNT",
                       help="modèle numérique de terrain (GeoTIFF EPSG:4326 ou dalle SRTM .hgt, "
                            "répétable) appliqué au réseau pour le D+ et les altitudes du GPX")


def network_from_args(args: argparse.Namespace) -> Network:
    network = load_network(args.network, args.layers, tolerance_m=args.tolerance,
                           liaison_max_m=args.liaison_max,
                           roles=[parse_role(r) for r in args.role])
    apply_dems(network, getattr(args, "dem", None) or [])
    return network


def apply_dems(network: Network, dems: list[Path]) -> None:
    if dems:
        dem = open_dems(dems)
        count = set_elevations(network.graph, dem, source=dem.sources, allow_partial=True)
        print(f"Altitudes du MNT {dem.sources} appliquées à {count} nœuds "
              f"(et tous les {EDGE_STEP_M:.0f} m le long des arcs)")


def open_project(path: Path | str) -> Project:
    """Open a project for a command; a value that breaks a rule is named on stderr (the project
    still opens so that the command that corrects it can run)."""
    project = _open_project(Path(path))
    for problem in project.problems:
        print(f"Attention : {Path(path).name} : {problem} ; à corriger", file=sys.stderr)
    return project
