"""The « À propos » dialog (Help menu): application, version, data licences and attribution."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from app.about import About
from ui.qt import QDialog, QDialogButtonBox, QLabel, Qt, QVBoxLayout, QWidget


def _html(text: str) -> str:
    return escape(text, quote=False)


def _list(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{_html(item)}</li>" for item in items) + "</ul>"


class AboutDialog(QDialog):
    def __init__(self, content: About, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Cavalier"))
        layout = QVBoxLayout(self)
        opened = self.tr("Network open")
        licences = self.tr("Data and licences")
        libraries = self.tr("Libraries")
        parts = [f"<h2>{_html(content.title)}</h2>", f"<p>{_html(content.summary)}</p>"]
        if content.network:
            parts += [f"<h4>{_html(opened)}</h4>", _list(content.network)]
        parts += [f"<h4>{_html(licences)}</h4>", _list(content.licences),
                  f"<p>{_html(content.provenance)}</p>",
                  f"<h4>{_html(libraries)}</h4>",
                  f"<p>{_html(', '.join(content.libraries))}.</p>"]
        self.text = QLabel("".join(parts))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(520)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
