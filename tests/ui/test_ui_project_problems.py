"""A project stored with a value that breaks a rule opens in the window, which names the value
(as ``cavalier`` does on stderr) instead of keeping it silent."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from app.project_store import Project, save_project
from app.templates import build_template
from ui.project_problems import BOX_NAME
from ui.qt import QMessageBox


def test_opening_a_project_with_a_stored_typo_names_it(qtbot, window,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    path = tmp_path / "trail.cavalier"
    save_project(path, Project(*build_template("trail-pyramides-noires", 2027)))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE formats SET max_participants = -5 WHERE id = "
                     "(SELECT MIN(id) FROM formats)")
        conn.commit()
    assert window.open_project(path)
    box = window.findChild(QMessageBox, BOX_NAME)
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    assert "trail.cavalier" in box.text() and "corriger" in box.text()
    assert "participants au plus -5" in box.informativeText()
    shots = os.environ.get("CAVALIER_SCREENSHOT_DIR")
    if shots:
        window.grab().save(str(Path(shots) / "project-problems-window.png"))
        box.grab().save(str(Path(shots) / "project-problems.png"))
    assert "1 valeur(s) à corriger dans trail.cavalier" in window.status.text()
    box.accept()
    assert window.document.project is not None  # the project is open, nothing was lost
