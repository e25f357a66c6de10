"""The QApplication with Cavalier's names, French translations and settings."""

from __future__ import annotations

from importlib import resources

from ui.i18n import install_translators, prefer_translated_dialogs
from ui.qt import QApplication, QCoreApplication, QIcon, QPixmap, Qt
from ui.settings import Settings


def create_application(argv: list[str], settings: Settings | None = None
                       ) -> tuple[QApplication, Settings]:
    QCoreApplication.setOrganizationName("Cavalier")
    QCoreApplication.setApplicationName("Cavalier")
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    settings = settings or Settings()
    app.setWindowIcon(application_icon())
    prefer_translated_dialogs()
    translators = install_translators(app, settings.language)
    # Keep the translators alive as long as the application.
    app.cavalier_translators = translators  # type: ignore[attr-defined]
    return app, settings


def application_icon() -> QIcon:
    """The twin terrils over a greenway (assets/icons/cavalier.svg), read the same way frozen."""
    pixmap = QPixmap()
    pixmap.loadFromData((resources.files("assets") / "icons" / "cavalier.svg").read_bytes(),
                        "SVG")
    return QIcon(pixmap)
