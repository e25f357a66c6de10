"""Entry point of the desktop application (``cavalier`` with no sub-command)."""

from __future__ import annotations

import os
import sys


def _prepare_environment() -> None:
    # QtWebEngine's sandbox cannot run as root (containers, CI); software rendering without a GPU.
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--no-sandbox" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()


def run(argv: list[str]) -> int:
    """Open the main window (or run the self-test with ``--self-test``); returns the exit code."""
    if argv and argv[0].startswith("--self-test"):
        from ui.selftest import self_test

        return self_test()
    _prepare_environment()
    from ui.application import create_application
    from ui.main_window import MainWindow
    from ui.qt import QEvent

    app, settings = create_application(sys.argv[:1] + argv)
    window = MainWindow(settings)
    window.show()
    window.start()
    code = int(app.exec())
    # The web page must go before its profile, which Qt destroys with the application.
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
