"""« Événement › Propriétés de l'événement… »: name, dates, place, organiser, contact, author of
the course files and web site, checked by :func:`app.model.edited_event` and applied as one
undoable edit."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from app.dates import event_days, sentence_start
from app.model import Event, EventFieldError, edited_event
from app.project_edits import SetEventFields
from app.project_store import Project
from ui.qt import (
    QCheckBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class EventDialog(QDialog):
    """The event's properties; OK keeps the dialog open with the reason when a value is refused.
    :attr:`result_event` is the checked event once accepted."""

    def __init__(self, event: Event, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("event-properties")
        self.setWindowTitle(self.tr("Event properties"))
        self.original = event
        self.result_event: Event | None = None
        form = QFormLayout(self)
        self._fields(event)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Dates"), self._dates_row())
        form.addRow("", self.days)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Organiser"), self.organiser)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Author of the course files"), self.author)
        form.addRow(self.tr("Web site"), self.website)
        self.error = QLabel()
        self.error.setObjectName("event-error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.one_day.toggled.connect(self._dates_changed)
        self.start.dateChanged.connect(self._dates_changed)
        self.end.dateChanged.connect(self._dates_changed)
        self.one_day.setChecked(event.one_day)
        self._dates_changed()

    def _fields(self, event: Event) -> None:
        self.name = QLineEdit(event.name)
        self.one_day = QCheckBox(self.tr("On one day"))
        self.start = self._date_edit(event.start_date)
        self.end = self._date_edit(event.end_date)
        self.end_label = QLabel(self.tr("to"))
        self.days = QLabel()
        self.days.setObjectName("event-days")
        self.place = QLineEdit(event.place)
        self.place.setPlaceholderText(self.tr("town, site (e.g. Loisinord, Nœux-les-Mines)"))
        self.organiser = QLineEdit(event.organiser if event.organiser_known else "")
        self.organiser.setPlaceholderText(self.tr("to be filled in (club, committee, "
                                                  "association)"))
        self.contact = QLineEdit(event.contact)
        self.contact.setPlaceholderText(self.tr("e-mail or phone"))
        self.author = QLineEdit(event.author)
        self.website = QLineEdit(event.website)
        self.website.setPlaceholderText("https://")
        for line in (self.name, self.place, self.organiser, self.contact, self.author,
                     self.website):
            line.setMinimumWidth(360)
        self.organiser.textChanged.connect(self._organiser_changed)
        self._organiser_changed()

    def _dates_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in (self.start, self.end_label, self.end, self.one_day):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def _organiser_changed(self) -> None:
        self.author.setPlaceholderText(
            self.organiser.text().strip() or self.tr("the organiser"))

    def _dates_changed(self) -> None:
        one_day = self.one_day.isChecked()
        self.end.setVisible(not one_day)
        self.end_label.setVisible(not one_day)
        start, end = self.dates()
        self.days.setText(sentence_start(event_days(start, end)) if end >= start
                          else self.tr("The end is before the start."))

    def dates(self) -> tuple[dt.date, dt.date]:
        start = _day(self.start.date())
        return start, start if self.one_day.isChecked() else _day(self.end.date())

    def edited(self) -> Event:
        """The event as the form says; raises EventFieldError with a French reason."""
        start, end = self.dates()
        texts = {"name": self.name.text(), "place": self.place.text(),
                 "contact": self.contact.text(), "author": self.author.text(),
                 "website": self.website.text().strip()}
        organiser = self.organiser.text().strip()
        if organiser or self.original.organiser_known:  # an untouched « à renseigner » stays
            texts["organiser"] = organiser
        return edited_event(self.original, start=start, end=end, **texts)

    def _accept(self) -> None:
        try:
            self.result_event = self.edited()
        except EventFieldError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class _Document(Protocol):
    project: Project | None

    def edit_project(self, edit: SetEventFields) -> None: ...


def open_event_dialog(parent: QWidget, document: _Document) -> EventDialog | None:
    """Open the dialog on the document's event (window-modal); OK pushes one undoable edit."""
    project = document.project
    if project is None:
        return None
    dialog = EventDialog(project.event, parent)

    def accepted() -> None:
        if dialog.result_event is not None and document.project is not None:
            edit = SetEventFields.between(document.project.event, dialog.result_event)
            if edit.values:
                document.edit_project(edit)

    dialog.accepted.connect(accepted)
    dialog.open()
    return dialog
