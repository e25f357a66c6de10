"""Small dialogs: new event from a template, a new budget line, progress of long work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.budget import ACCOUNT_GROUPS, GROUPS_BY_CODE, BudgetLine, Category, Side
from app.exports.devices import DEVICES
from app.exports.pack import PackOptions
from app.templates import TEMPLATES
from ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    Qt,
    QWidget,
)
from ui.workers import Job


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


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
        form.addRow(_ok_cancel(self))

    def choice(self) -> tuple[str, int]:
        return str(self.template.currentData()), self.year.value()


class PackDialog(QDialog):
    """Where the participants' page will be published (for its QR codes) and whom to contact."""

    def __init__(self, organiser: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Participants' pack"))
        form = QFormLayout(self)
        self.site_url = QLineEdit()
        self.site_url.setPlaceholderText("https://club.fr/trail-2027/participants/")
        self.site_url.setMinimumWidth(320)
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(organiser)
        form.addRow(self.tr("Address of the page (for the QR codes)"), self.site_url)
        form.addRow(self.tr("Organiser's contact"), self.contact)
        # French literals (new entries, not yet in the translation catalogue)
        self.device = QComboBox()
        self.device.addItem("Aucun (GPX compatible de 500 points)", "")
        for preset in DEVICES.values():
            self.device.addItem(f"{preset.label} — {preset.note}", preset.key)
        self.cues = QCheckBox("Indications de direction aussi dans les GPX")
        form.addRow("Appareil des fichiers compatibles", self.device)
        form.addRow(self.cues)
        form.addRow(_ok_cancel(self))

    def options(self) -> PackOptions:
        return PackOptions(site_url=self.site_url.text().strip(),
                           contact=self.contact.text().strip(),
                           device=str(self.device.currentData() or ""),
                           cues=self.cues.isChecked())


# The funding source a new income line most likely belongs to, by CERFA account.
DEFAULT_CATEGORY = {"70": Category.REGISTRATIONS, "73": Category.PUBLIC, "74": Category.PUBLIC}


def new_budget_line(account: str, label: str, amount: Decimal | None,
                    category: Category) -> BudgetLine:
    """The line a user described; raises ValueError with a French message when incomplete."""
    if not label.strip():
        raise ValueError("Donnez un libellé à la ligne.")
    if amount is None:
        raise ValueError("Indiquez un montant prévu (0 si inconnu).")
    if amount < 0:
        raise ValueError("Un montant prévu ne peut pas être négatif.")
    charge = GROUPS_BY_CODE[account].side is Side.CHARGE
    return BudgetLine(account, label.strip(), amount=amount,
                      category=Category.OTHER if charge else category)


class BudgetLineDialog(QDialog):
    """Account (CERFA), label, planned amount and, for income, the funding source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New budget line"))
        form = QFormLayout(self)
        self.account = QComboBox()
        for group in ACCOUNT_GROUPS:
            self.account.addItem(f"{group.code} {group.title}", group.code)
        self.label = QLineEdit()
        self.amount = QLineEdit("0")
        self.category = QComboBox()
        for category in Category:
            self.category.addItem(category.label, category.value)
        self.account.currentIndexChanged.connect(self._account_changed)
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Label"), self.label)
        form.addRow(self.tr("Planned (€)"), self.amount)
        form.addRow(self.tr("Funding source"), self.category)
        form.addRow(_ok_cancel(self))
        self._account_changed()

    def _account_changed(self) -> None:
        code = str(self.account.currentData())
        income = GROUPS_BY_CODE[code].side is Side.PRODUIT
        self.category.setEnabled(income)
        default = DEFAULT_CATEGORY.get(code, Category.OTHER)
        self.category.setCurrentIndex(self.category.findData(default.value))

    def choice(self) -> tuple[str, str, str, Category]:
        """Account code, label, amount text, category."""
        return (str(self.account.currentData()), self.label.text(), self.amount.text(),
                Category(self.category.currentData()))


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

    ended_once: list[bool] = []

    def done(*_args: object) -> None:
        if ended_once:
            return
        ended_once.append(True)
        # Before the job's own handlers (connected later), which may open a message box: reset()
        # stops QProgressDialog's timer that would show the dialog over that box 4 s later.
        dialog.canceled.disconnect(job.cancel)
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    job.progressed.connect(show)
    dialog.canceled.connect(job.cancel)
    for ended in (job.succeeded, job.failed, job.cancelled):
        ended.connect(done)
    return dialog


def report_box(parent: QWidget, title: str, lines: list[str]) -> QMessageBox:
    """A non-modal box listing what an operation did (first line as its text, all in details)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, "\n".join(lines),
                      QMessageBox.StandardButton.Ok, parent)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
