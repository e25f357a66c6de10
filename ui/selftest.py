"""``cavalier --self-test``: offscreen, open the main window, load the map, route once, write a
GPX to a temporary folder, exit 0 (1 with the reason on failure)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from routes.errors import CavalierError
from routes.frenchfmt import km_text

TIMEOUT_MS = 60_000


def _write_exports(folder: Path, doc: Any) -> str:
    """GPX, FIT (fit-tool) and the participants' pack (segno QR codes, Leaflet copied): what a
    frozen build must carry."""
    from app.exports.pack import PackOptions
    from app.operations import export_gpx, export_pack_folder

    event, fmt = doc.project.event, doc.current_format
    gpx = export_gpx(folder / "self-test.gpx", event, fmt)
    fit = export_gpx(folder / "self-test.fit", event, fmt, kind="fit")
    pack = export_pack_folder(folder / "pack", doc.project,
                              PackOptions(site_url="https://example.org/"), network=doc.network)
    return (f"GPX écrit ({gpx.stat().st_size} octets), FIT ({fit.stat().st_size} octets), "
            f"dossier participants ({len(pack.files)} fichiers)")


def self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QSG_RHI_BACKEND", "null")  # no GPU needed offscreen
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    for flag in ("--no-sandbox", "--disable-gpu"):
        if flag not in flags:
            flags = f"{flags} {flag}".strip()
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags
    from app.templates import build_template
    from ui.application import create_application
    from ui.main_window import MainWindow
    from ui.qt import QTimer
    from ui.settings import Settings

    with tempfile.TemporaryDirectory(prefix="cavalier-self-test-") as folder:
        app, settings = create_application([sys.argv[0]], Settings.at(Path(folder) / "s.ini"))
        window = MainWindow(settings)
        outcome: dict[str, str] = {}

        def finish(error: str = "") -> None:
            if "error" not in outcome:
                outcome["error"] = error
            window.document.set_modified(False)
            app.exit(0)  # not quit(): that would first ask every window to close

        def on_ready() -> None:
            event, budgets = build_template("challenge-vtt-xc", 2026)
            from app.project_store import Project

            window.document.set_project(Project(event, budgets))
            window.on_place_clicked("T074")
            window.on_place_clicked("pole:base-11-19")

        def on_updated(_seq: int) -> None:
            doc = window.document
            if doc.project is None or doc.current_format is None or doc.record is None:
                return
            try:
                written = _write_exports(Path(folder), doc)
            except CavalierError as exc:
                finish(str(exc))
                return
            length = km_text(doc.record.length_km * 1000, 2)
            print(f"Carte chargée, parcours de {length}, {written}.")
            finish()

        window.map_ready.connect(on_ready)
        window.map_updated.connect(on_updated)
        window.document.route_failed.connect(finish)
        QTimer.singleShot(TIMEOUT_MS, lambda: finish("délai dépassé (60 s)"))
        window.show()
        window.start()
        app.exec()
        window.close()
        error = outcome.get("error", "boucle d'événements interrompue")
        if not error and app.windowIcon().isNull():
            error = "icône de l'application illisible (module SVG de Qt absent ?)"
        if error or window.map.js_errors:
            print(f"Auto-test en échec : {error or window.map.js_errors}",
                  file=sys.stderr)
            return 1
        print("Auto-test réussi.")
        return 0
