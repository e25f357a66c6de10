"""Texts of Qt's own dialogs that Qt's French catalogue (qtbase_fr.qm) leaves in English.

The widget-based file dialog labels its fields « &Look in: » and « Files of &type: » (qtbase_fr
translates only « Look in: » and « Files of type: »), and names folders « Folder » through
QAbstractFileIconProvider, which qtbase_fr does not cover. Written here as ``translate`` calls so
that lupdate puts them, in Qt's own contexts, into Cavalier's catalogue, which is looked up
before Qt's.
"""

from __future__ import annotations

from ui.qt import QCoreApplication


def qt_gaps() -> dict[str, str]:
    """English source → translation in the current language, for each text filled in here."""
    translate = QCoreApplication.translate
    return {
        "&Look in:": translate("QFileDialog", "&Look in:"),
        "Files of &type:": translate("QFileDialog", "Files of &type:"),
        "Folder": translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        "Drive": translate("QAbstractFileIconProvider", "Drive"),
        "Unknown": translate("QAbstractFileIconProvider", "Unknown"),
    }
