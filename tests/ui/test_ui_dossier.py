"""« Fichier › Exporter › Dossier de déclaration… »: the same file as ``cavalier dossier``, made in
a worker, with the course warnings shown in the window."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from app.cli import main
from ui.qt import QMenu

PLAN = ["--format", "Marathon 42 km", "--from", "Base 11/19", "--via", "T075", "--to", "9-9bis"]


def _menu_action(window, *titles: str):  # type: ignore[no-untyped-def]
    menu = None
    for title in titles:
        actions = (menu.actions() if menu is not None else window.menuBar().actions())
        action = next(a for a in actions if a.text().replace("&", "") == title)
        menu = action.menu() if isinstance(action.menu(), QMenu) else menu
    return action


def test_export_menu_writes_the_declaration_file(qtbot, window, tmp_path: Path) -> None:
    project = tmp_path / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    assert main(["plan", str(project), *PLAN]) == 0
    assert window.open_project(project)
    pdf = tmp_path / "dossier.pdf"
    window.save_file = lambda _title, _suggested, _filters: pdf
    action = _menu_action(window, "Fichier", "Exporter", "Dossier de déclaration…")
    with qtbot.waitSignal(window.operation_done, timeout=120_000) as blocker:
        action.trigger()
    assert blocker.args[0].pdf == pdf
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(pdf).pages))
    assert "Cerfa n° 15824" in text and "Préfet du Pas-de-Calais (62)" in text
    assert (tmp_path / "dossier-signaleurs.xlsx").is_file()
    assert str(pdf) in window.status.text()
    (shown,) = window.warnings
    assert shown.startswith("Dossier de déclaration: ")
    assert "Aucune couche Natura 2000" in shown and "Ultra 100 km" in shown
