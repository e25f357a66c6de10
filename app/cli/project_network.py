"""The network a project command works on, with the project's elevation models.

A ``--dem`` given to any command that writes an output is recorded with the project (saved with
the revision check), so every later command, document and the window use it; without one, the
command says plainly that the climb is unknown and how to give it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from app.cli.common import network_from_args
from app.project_store import (
    NetworkRef,
    Project,
    apply_project_dems,
    project_network,
    save_project,
)
from routes.network.model import Network

#: Name and source recorded for the embedded network (nothing to load but the default).
EMBEDDED = "réseau embarqué"


def with_dems(project: Project, dems: list[Path]) -> Project:
    """The project recording ``dems`` (absolute paths) with its network reference."""
    ref = project.network or NetworkRef(EMBEDDED, EMBEDDED)
    return replace(project, network=replace(ref, dems=tuple(str(d.resolve()) for d in dems)))


def project_network_from_args(args: argparse.Namespace, path: Path,
                              project: Project) -> tuple[Project, Network]:
    """The project (with ``--dem`` recorded and saved) and its network, elevations applied:
    ``--layers``/``--network`` when given, else the project's own network."""
    dems: list[Path] = list(getattr(args, "dem", None) or [])
    recorded = project.network.dems if project.network is not None else ()
    if dems and tuple(str(d.resolve()) for d in dems) != recorded:
        project = with_dems(project, dems)
        revision = save_project(path, project, base_revision=project.revision)
        project = replace(project, revision=revision)
        names = ", ".join(d.name for d in dems)
        print(f"MNT enregistré avec le projet : {names} (les prochaines commandes et la "
              "fenêtre l'utiliseront).", file=sys.stderr)
    if getattr(args, "layers", None) or getattr(args, "network", None):
        network = network_from_args(args)
        if not dems and recorded:
            apply_project_dems(network, recorded)
    else:
        network = project_network(project.network)
    missing = network.graph.graph.get("elevation_missing")
    if missing:
        print("MNT enregistré introuvable : " + ", ".join(missing) + " ; D+ inconnu. "
              "Redonnez-le avec --dem FICHIER.", file=sys.stderr)
    elif "elevation_source" not in network.graph.graph:
        print("Pas de MNT avec ce projet : D+ inconnu ou estimé d'après la hauteur des terrils. "
              "--dem FICHIER (ou « cavalier elevation download ») l'enregistre avec le projet.",
              file=sys.stderr)
    return project, network
