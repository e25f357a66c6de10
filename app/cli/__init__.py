"""The ``cavalier`` command.

Each command group lives in its own module exposing ``register(subparsers)``; the module adds its
sub-parser(s) and sets ``handler`` (a function taking the parsed namespace and returning an exit
code). The window is opened by :mod:`ui.launch`, the ``cavalier`` program.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from app.cli import (
    budget_cmd,
    course_cmd,
    dossier_cmd,
    elevation_cmd,
    gpx_cmd,
    leg_cmd,
    map_cmd,
    marking_cmd,
    network_cmd,
    pace_cmd,
    plan_cmd,
    project_cmd,
    roadbook_cmd,
    route_cmd,
)
from app.cli.french import FrenchArgumentParser
from routes.errors import CavalierError

# Order is the order of ``cavalier --help``.
COMMANDS = (network_cmd, route_cmd, course_cmd, gpx_cmd, project_cmd, budget_cmd, plan_cmd,
            leg_cmd, roadbook_cmd, marking_cmd, dossier_cmd, pace_cmd, elevation_cmd,
            map_cmd)
COMMAND_MODULES: tuple[str, ...] = tuple(module.__name__ for module in COMMANDS)

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="cavalier",
        description="Cavalier — parcours sport-nature du Bassin minier (sans sous-commande : "
        "ouvre l'application).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        parser.print_help()
        return 2
    args = parser.parse_args(args_list)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except CavalierError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
