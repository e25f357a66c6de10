"""What the window says when its save is refused because the file changed since it was read
(another window or a ``cavalier`` command saved it): nothing is overwritten, and « Enregistrer
sous… » keeps the window's version beside the newer file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ui.qt import QCoreApplication, QMessageBox, QWidget

translate = QCoreApplication.translate

BOX_NAME = "stale-save"


def stale_save_box(parent: QWidget, path: Path, save_as: Callable[[], object]) -> QMessageBox:
    """Open (window-modal, not blocking) the explanation; « Save as… » runs ``save_as``."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("SaveConflict", "Save"), "",
                      parent=parent)
    box.setObjectName(BOX_NAME)
    box.setText(translate("SaveConflict", "« %1 » was changed by another window or a command "
                          "since it was opened: nothing was saved, so that those changes are "
                          "not lost.").replace("%1", path.name))
    box.setInformativeText(translate("SaveConflict", "Save your version under another name, "
                                     "then compare the two files."))
    save_button = box.addButton(translate("SaveConflict", "Save as…"),
                                QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_button)
    box.finished.connect(lambda _result: save_as() if box.clickedButton() is save_button
                         else None)
    box.open()
    return box
