"""The QApplication with Cavalier's names, French translations and settings."""

from __future__ import annotations

from ui.i18n import install_translators
from ui.qt import QApplication, QCoreApplication, Qt
from ui.settings import Settings


def create_application(argv: list[str], settings: Settings | None = None
                       ) -> tuple[QApplication, Settings]:
    QCoreApplication.setOrganizationName("Cavalier")
    QCoreApplication.setApplicationName("Cavalier")
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    settings = settings or Settings()
    translators = install_translators(app, settings.language)
    # Keep the translators alive as long as the application.
    app.cavalier_translators = translators  # type: ignore[attr-defined]
    return app, settings
