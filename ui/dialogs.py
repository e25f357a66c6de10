"""Small dialogs: new event from a template, progress of long work."""

from __future__ import annotations

import datetime as dt

from app.templates import TEMPLATES
from ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QProgressDialog,
    QSpinBox,
    Qt,
    QWidget,
)
from ui.workers import Job


class TemplateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New event from a template"))
        form = QFormLayout(self)
        self.template = QComboBox()
        for key, template in TEMPLATES.items():
            self.template.addItem(template.title, key)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year + 1)
        form.addRow(self.tr("Template"), self.template)
        form.addRow(self.tr("Edition year"), self.year)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[str, int]:
        return str(self.template.currentData()), self.year.value()


def progress_dialog(parent: QWidget, title: str, job: Job) -> QProgressDialog:
    """A modal progress dialog following ``job``; its Cancel button cancels the job."""
    dialog = QProgressDialog(parent)  # its own Cancel button, translated by qtbase
    dialog.setLabelText(title)
    dialog.setRange(0, 1000)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    def show(fraction: float, message: str) -> None:
        dialog.setValue(int(fraction * 1000))
        dialog.setLabelText(message)

    job.progressed.connect(show)
    dialog.canceled.connect(job.cancel)
    job.finished.connect(dialog.close)
    job.finished.connect(dialog.deleteLater)
    return dialog
