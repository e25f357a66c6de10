"""The ``cavalier`` command.

Each command group lives in its own module exposing ``register(subparsers)``; the module adds its
sub-parser(s) and sets ``handler`` (a function taking the parsed namespace and returning an exit
code). The window is opened by :mod:`ui.launch`, the ``cavalier`` program.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

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
from routes.atomic import OutputFileError, checked_target, protected_inputs
from routes.errors import CavalierError

# Order is the order of ``cavalier --help``.
COMMANDS = (network_cmd, route_cmd, course_cmd, gpx_cmd, project_cmd, budget_cmd, plan_cmd,
            leg_cmd, roadbook_cmd, marking_cmd, dossier_cmd, pace_cmd, elevation_cmd,
            map_cmd)
COMMAND_MODULES: tuple[str, ...] = tuple(module.__name__ for module in COMMANDS)

Handler = Callable[[argparse.Namespace], int]

# Arguments that name files or folders a command writes; every other path argument is an input,
# which no writer may replace while the command runs (routes.atomic.protected_inputs).
OUTPUT_DESTS = frozenset({"output", "outdir", "target", "out", "geojson", "gpx", "fit", "kml",
                          "tcx", "xlsx", "cache"})


def input_paths(args: argparse.Namespace) -> list[Path]:
    """The existing files and folders named by the non-output arguments of a parsed command."""
    found: list[Path] = []
    for dest, value in vars(args).items():
        if dest in OUTPUT_DESTS or dest == "handler":
            continue
        values = list(value) if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, tuple):  # (kind, path) pairs such as --zone
                values.extend(i for i in item if isinstance(i, str | Path))
                continue
            if isinstance(item, str | Path) and str(item) and len(str(item)) < 4096:
                try:
                    if Path(item).exists():
                        found.append(Path(item))
                except (OSError, ValueError):
                    continue
    return found


def check_outputs(args: argparse.Namespace) -> None:
    """Refuse, before any work, an output file that no writer may replace (an input, a project,
    a device); the writers check again when they rename."""
    for dest in OUTPUT_DESTS - {"outdir", "cache"}:
        value = getattr(args, dest, None)
        if isinstance(value, str | Path) and str(value):
            checked_target(value, error=OutputFileError)


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
        with protected_inputs(input_paths(args)):
            check_outputs(args)
            return handler(args)
    except CavalierError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
