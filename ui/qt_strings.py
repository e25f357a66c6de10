"""Texts of Qt's own dialogs that Qt's French catalogue (qtbase_fr.qm) leaves in English.

The widget-based file dialog labels its fields « &Look in: » and « Files of &type: », while
qtbase_fr translates only « Look in: » and « Files of type: ». Listed here so that lupdate puts
them, in Qt's own context, into Cavalier's catalogue, which is looked up before Qt's.
"""

from __future__ import annotations

from ui.qt import QT_TRANSLATE_NOOP

QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
