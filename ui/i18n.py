"""French by default: Cavalier's catalogue and Qt's own (qtbase_fr) for standard dialogs.

Sources are in English (``self.tr``/``QCoreApplication.translate``). To update the catalogue:
``pyside6-lupdate ui/*.py -ts assets/i18n/cavalier_fr.ts`` (keeps existing translations), translate
the new entries (Qt Linguist), then ``pyside6-lrelease assets/i18n/cavalier_fr.ts``.
"""

from __future__ import annotations

from importlib import resources

from ui.qt import QApplication, QLibraryInfo, QLocale, QTranslator

_KEEP_ALIVE: list[bytes] = []


def install_translators(app: QApplication, language: str = "fr") -> list[QTranslator]:
    """Load the catalogues for ``language`` ("en": sources as written); returns them, kept alive
    by the caller."""
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
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
