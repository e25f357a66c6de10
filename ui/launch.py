"""The ``cavalier`` program: without a command (or with ``--self-test``) it opens the window,
otherwise it runs the command line (:mod:`app.cli`, which knows nothing of the window)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _open_desktop_app(argv: Sequence[str]) -> int:
    try:
        from ui import main as desktop  # Qt loads here, not for the commands
    except ImportError as exc:  # Qt's libraries missing on this system
        print(f"Impossible d'ouvrir l'application de bureau : {exc}. Sur Debian/Ubuntu, "
              "« scripts/install_system_packages.sh » installe les bibliothèques de Qt ; "
              "les commandes (« cavalier --help ») fonctionnent sans elles.", file=sys.stderr)
        return 2
    return desktop.run(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0].startswith("--self-test"):
        return _open_desktop_app(args)
    from app import cli  # the commands' modules: not loaded when the window opens

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
