"""French by default: Cavalier's catalogue and Qt's own (qtbase_fr) for standard dialogs.

Qt's dialogs are the widget-based ones (:func:`prefer_translated_dialogs`): a native GTK or
portal file dialog would follow the desktop's language, not Cavalier's. Qt's catalogue ships with
the PySide6 wheel (``QLibraryInfo`` TranslationsPath); without it (a stripped build) the dialogs
stay in English and nothing else changes. The few texts qtbase_fr lacks are in Cavalier's
catalogue (:mod:`ui.qt_strings`), which is installed last and so looked up first.

Sources are in English (``self.tr``/``QCoreApplication.translate``). To update the catalogue:
``pyside6-lupdate ui/*.py -ts assets/i18n/cavalier_fr.ts`` (keeps existing translations), translate
the new entries (Qt Linguist), then ``pyside6-lrelease assets/i18n/cavalier_fr.ts``.
"""

from __future__ import annotations

import logging
from importlib import resources

from ui.qt import QApplication, QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

log = logging.getLogger(__name__)
_KEEP_ALIVE: list[bytes] = []
#: Qt's catalogues for its own widgets, best first (qt_xx bundles qtbase_xx with the others).
QT_CATALOGUES = ("qtbase", "qt")


def prefer_translated_dialogs() -> None:
    """Qt's own file, colour and font dialogs rather than the platform's, so they speak French
    (and look the same) everywhere."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def load_qt_catalogue(app: QApplication, language: str) -> QTranslator | None:
    """Qt's own translations for ``language``, installed; None when the wheel has none."""
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", qt_dir):
            app.installTranslator(translator)
            return translator
    log.info("Pas de traduction de Qt (%s) dans %s : dialogues standard en anglais.",
             language, qt_dir)
    return None


def install_translators(app: QApplication, language: str = "fr") -> list[QTranslator]:
    """Load the catalogues for ``language`` ("en": sources as written); returns them, kept alive
    by the caller."""
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    installed: list[QTranslator] = []
    qt_translator = load_qt_catalogue(app, language)
    if qt_translator is not None:
        installed.append(qt_translator)
    ours = QTranslator(app)
    catalogue = resources.files("assets") / "i18n" / f"cavalier_{language}.qm"
    if catalogue.is_file():
        data = catalogue.read_bytes()
        _KEEP_ALIVE.append(data)  # QTranslator reads from this buffer for its whole life
        if ours.load(data):
            app.installTranslator(ours)
            installed.append(ours)
    return installed
