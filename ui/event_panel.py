"""The event tree (event → formats/stages → route, waypoints, épreuves) and the format form."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.dates import event_days, sentence_start
from app.exports.pace import DEFAULT_PACES, PaceError, pace_text, parse_pace
from app.legs import LEG_COLORS, leg_summary
from app.model import Format, WaypointKind
from app.project_edits import format_name_taken
from app.project_store import Project
from routes.outputs.unsurveyed import unsurveyed_note
from ui.labels import kind_labels
from ui.panel_layout import tree_tooltips
from ui.qt import (
    QColor,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QLocale,
    QPushButton,
    QSpinBox,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

FORMAT_ROLE = Qt.ItemDataRole.UserRole
#: A leg's item: its index in the stage.
LEG_ROLE = Qt.ItemDataRole.UserRole + 1


class EventPanel(QWidget):
    format_activated = Signal(int)
    leg_activated = Signal(int, int)  # format index, leg index
    field_edited = Signal(int, str, object)  # format index, field, value
    add_requested = Signal()
    remove_requested = Signal(int)  # format index
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Event"), self.tr("Detail")])
        self.tree.itemClicked.connect(self._clicked)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a format"))
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button = QPushButton(self.tr("Remove the format"))
        self.remove_button.clicked.connect(self._remove_clicked)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout.addLayout(buttons)
        self.form_box = QGroupBox(self.tr("Format"))
        form = QFormLayout(self.form_box)
        self.name = QLineEdit()
        self.name.editingFinished.connect(
            lambda: self._emit("name", self.name.text().strip()))
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0.0, 1000.0)
        self.distance.setSuffix(" km")
        self.distance.editingFinished.connect(
            lambda: self._emit("target_distance_km", round(self.distance.value(), 1)))
        self.max_participants = QSpinBox()
        self.max_participants.setRange(0, 100_000)
        self.max_participants.editingFinished.connect(
            lambda: self._emit("max_participants", self.max_participants.value()))
        self.fee = QLineEdit()
        self.fee.editingFinished.connect(self._fee_edited)
        self.pace = QLineEdit()
        self.pace.setToolTip(self.tr("Pace for expected times and cut-offs: km/h, closing km/h, "
                                     "metres of climb per hour (empty: the discipline's)"))
        self.pace.editingFinished.connect(self._pace_edited)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Target distance"), self.distance)
        form.addRow(self.tr("Maximum participants"), self.max_participants)
        form.addRow(self.tr("Fee (€)"), self.fee)
        form.addRow(self.tr("Pace (km/h / closing / climb per hour)"), self.pace)
        layout.addWidget(self.form_box)
        self._current: int | None = None
        self._project: Project | None = None
        self.form_box.setEnabled(False)
        self.add_button.setEnabled(False)
        self.remove_button.setEnabled(False)

    def _remove_clicked(self) -> None:
        if self._current is not None:
            self.remove_requested.emit(self._current)

    def _emit(self, field: str, value: object) -> None:
        if self._current is None or self._project is None:
            return
        fmt = self._project.event.formats[self._current]
        if field == "name" and format_name_taken(self._project, str(value),
                                                 except_index=self._current):
            self.refused.emit(self.tr("A format is already named « %1 ».").replace(
                "%1", str(value)))
            self.show_format(self._current)
            return
        if getattr(fmt, field) != value and value != "":
            self.field_edited.emit(self._current, field, value)

    def _fee_edited(self) -> None:
        text = self.fee.text().replace("€", "").replace("\u202f", "").replace(" ", "")
        try:
            value = Decimal(text.replace(",", ".")).quantize(Decimal("0.01"))
        except InvalidOperation:
            self.show_format(self._current)
            return
        self._emit("fee_eur", value)

    def _pace_edited(self) -> None:
        text = self.pace.text().strip()
        if self._current is None or self._project is None:
            return
        if not text:
            self._emit("pace", None)
            return
        try:
            _, pace = parse_pace(f"format={text}")
        except PaceError as exc:
            self.refused.emit(str(exc))
            self.show_format(self._current)
            return
        self._emit("pace", pace)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        index = item.data(0, FORMAT_ROLE)
        leg = item.data(0, LEG_ROLE)
        if isinstance(index, int) and isinstance(leg, int):
            self.leg_activated.emit(index, leg)
        elif isinstance(index, int):
            self.format_activated.emit(index)

    def leg_item(self, format_index: int, leg: int) -> QTreeWidgetItem | None:
        """The tree item of a stage's leg (None when there is none)."""
        root = self.tree.topLevelItem(0)
        stage = root.child(format_index) if root is not None else None
        if stage is None:
            return None
        for i in range(stage.childCount()):
            item = stage.child(i)
            if item is not None and item.data(0, LEG_ROLE) == leg:
                return item
        return None

    def show_project(self, project: Project | None, current: int | None,
                     current_leg: int | None = None) -> None:
        self._project = project
        self.tree.clear()
        self.add_button.setEnabled(project is not None)
        if project is None:
            self.show_format(None)
            return
        event = project.event
        locale = QLocale()
        root = QTreeWidgetItem([event.name,
                                sentence_start(event_days(event.start_date, event.end_date))])
        root.setToolTip(1, ", ".join(t for t in (event.place, event.organiser) if t))
        self.tree.addTopLevelItem(root)
        labels = kind_labels()
        for i, fmt in enumerate(event.formats):
            item = QTreeWidgetItem([fmt.name, f"{locale.toString(fmt.target_distance_km, 'f', 1)}"
                                              " km"])
            item.setData(0, FORMAT_ROLE, i)
            root.addChild(item)
            item.addChild(self._route_item(fmt, i))
            for number, leg in enumerate(fmt.legs):  # a multisport stage's legs
                child = QTreeWidgetItem([leg.title, leg_summary(leg)])
                child.setData(0, FORMAT_ROLE, i)
                child.setData(0, LEG_ROLE, number)
                child.setForeground(0, QColor(LEG_COLORS[leg.kind]))
                item.addChild(child)
            for wp in fmt.waypoints:
                child = QTreeWidgetItem([wp.label, labels.get(wp.kind.value, wp.kind.value)])
                child.setData(0, FORMAT_ROLE, i)
                if wp.kind is WaypointKind.EPREUVE and wp.discipline is not None:
                    child.setText(1, f"{labels['epreuve']} — {wp.discipline.label}")
                item.addChild(child)
            if i == current:
                leg_item = (item.child(1 + current_leg)
                            if current_leg is not None and current_leg < len(fmt.legs) else None)
                self.tree.setCurrentItem(leg_item or item)
                item.setExpanded(True)
        root.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        tree_tooltips(self.tree)
        self.show_format(current)

    def _route_item(self, fmt: Format, index: int) -> QTreeWidgetItem:
        locale = QLocale()
        if fmt.route is None:
            text = self.tr("no route yet")
        else:
            text = self.tr("%1 km, %2 rupture points").replace(
                "%1", locale.toString(fmt.route.length_km, "f", 2)).replace(
                "%2", str(len(fmt.route.ruptures_crossed)))
            if note := unsurveyed_note(fmt.route.unsurveyed_m or 0.0):
                text += f" ({note})"
        item = QTreeWidgetItem([self.tr("Route"), text])
        item.setData(0, FORMAT_ROLE, index)
        return item

    def show_format(self, index: int | None) -> None:
        self._current = index
        self.remove_button.setEnabled(self._project is not None and index is not None)
        if self._project is None or index is None:
            self.form_box.setEnabled(False)
            return
        fmt = self._project.event.formats[index]
        self.form_box.setEnabled(True)
        self.form_box.setTitle(fmt.name)
        for widget in (self.name, self.distance, self.max_participants, self.fee, self.pace):
            widget.blockSignals(True)
        self.name.setText(fmt.name)
        self.name.setCursorPosition(0)
        self.distance.setValue(fmt.target_distance_km)
        self.max_participants.setValue(fmt.max_participants)
        self.fee.setText(QLocale().toString(float(fmt.fee_eur), "f", 2))
        self.pace.setText(pace_text(fmt.pace) if fmt.pace else "")
        self.pace.setPlaceholderText(pace_text(DEFAULT_PACES[fmt.discipline]))
        for widget in (self.name, self.distance, self.max_participants, self.fee, self.pace):
            widget.blockSignals(False)
