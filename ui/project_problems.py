"""What the window says when a project opens with stored values that break a rule (a year or a
count typed wrong by an older Cavalier): the project is open so that they can be corrected, and
each value is named, as ``cavalier`` names them on stderr."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ui.qt import QCoreApplication, QMessageBox, QWidget

translate = QCoreApplication.translate

BOX_NAME = "project-problems"


def problems_box(parent: QWidget, path: Path, problems: Sequence[str]) -> QMessageBox:
    """Open (window-modal, not blocking) the list of the values to correct."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("ProjectProblems", "Open"), "",
                      parent=parent)
    box.setObjectName(BOX_NAME)
    box.setText(translate("ProjectProblems", "« %1 » holds values that break a rule: the event "
                          "is open so that you can correct them.").replace("%1", path.name))
    box.setInformativeText("\n".join(f"• {problem}" for problem in problems))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.open()
    return box
