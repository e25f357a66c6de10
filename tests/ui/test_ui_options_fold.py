"""The generation options fold under their tick box: no empty frame while unticked."""

from __future__ import annotations

import os
from pathlib import Path

from ui.qt import QApplication


def test_folded_options_show_no_frame(window) -> None:  # type: ignore[no-untyped-def]
    window.new_from_template("challenge-vtt-xc", 2026)
    panel = window.route_panel
    assert not panel.options_box.isChecked() and not panel.options_frame.isVisible()
    panel.options_box.setChecked(True)
    assert panel.options_frame.isVisible() and panel.tolerance.isVisible()
    shots = os.environ.get("CAVALIER_SCREENSHOT_DIR")
    if shots:
        QApplication.processEvents()
        window.grab().save(str(Path(shots) / "options-open.png"))
    panel.options_box.setChecked(False)
    assert not panel.options_frame.isVisible()
    if shots:
        QApplication.processEvents()
        window.grab().save(str(Path(shots) / "options-folded.png"))
