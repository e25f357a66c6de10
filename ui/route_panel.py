"""The route panel: profile, click mode, generation, statistics, elevation profile, waypoints."""

from __future__ import annotations

from app.course_request import DEFAULT_OPTIONS, GenerationOptions
from app.course_waypoints import WaypointOnCourse
from app.editing import VIA, Plan
from app.route_stats import RouteStats
from routes.courses.generate import DEFAULT_MAX_OVERLAP, MAX_REUSE
from routes.outputs.unsurveyed import old_lines_note, unsurveyed_note
from routes.search.profiles import PROFILE_NAMES
from ui.candidates import CandidateList
from ui.elevation_chart import ElevationChart
from ui.labels import kind_labels, profile_labels
from ui.panel_layout import wrapping_label
from ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QColor,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLocale,
    QPushButton,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

GENERATIONS = ("loop", "race", "variants")


class RoutePanel(QWidget):
    profile_chosen = Signal(str)
    generate_requested = Signal(str, float)  # "loop" | "race" | "variants", target km
    delete_requested = Signal(str)  # marker id
    kind_changed = Signal(str, str)  # marker id, new kind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.profile = QComboBox()
        for name, label in profile_labels().items():
            if name in PROFILE_NAMES:
                self.profile.addItem(label, name)
        self.profile.activated.connect(
            lambda _i: self.profile_chosen.emit(str(self.profile.currentData())))
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(wrapping_label(self.tr("Profile")), self.profile)
        self.click_mode = QComboBox()
        for kind, label in kind_labels().items():
            self.click_mode.addItem(label, kind)
        form.addRow(wrapping_label(self.tr("A map click adds")), self.click_mode)
        self.target = QDoubleSpinBox()
        self.target.setRange(1.0, 300.0)
        self.target.setDecimals(1)
        self.target.setValue(6.0)
        self.target.setSuffix(" km")
        form.addRow(wrapping_label(self.tr("Target length")), self.target)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.generate_buttons: dict[str, QPushButton] = {}
        for kind, text in zip(GENERATIONS, (self.tr("Loop"), self.tr("Race"),
                                            self.tr("Variants")), strict=True):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=kind: self.generate_requested.emit(
                k, self.target.value()))
            buttons.addWidget(button)
            self.generate_buttons[kind] = button
        layout.addLayout(buttons)
        layout.addWidget(self._build_options())
        self.candidates = CandidateList()
        layout.addWidget(self.candidates)
        layout.addWidget(self._build_stats())
        self.chart = ElevationChart()
        layout.addWidget(self.chart)
        self._build_waypoints(layout)
        self._ids: list[str] = []
        self._tips: list[str] = []  # each row's own tooltip (name and position)

    def through_points_asked(self) -> bool:
        return self.options_box.isChecked() and self.through_points.isChecked()

    def _build_options(self) -> QWidget:
        """The command line's generation options (``cavalier loop|race|variant``), folded
        under a tick box: unticked, the defaults are the command line's and no frame shows."""
        self.options_box = QCheckBox(self.tr("Options"))
        inner = QFrame()
        inner.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(inner)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        def percent(low: int, high: int, value: int, special: str = "") -> QSpinBox:
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setValue(value)
            spin.setSuffix(" %")
            if special:
                spin.setSpecialValueText(special)
            return spin

        # Names as WINDOW_CONTROLS words them in the generator's messages.
        self.tolerance = percent(0, 50, 0, self.tr("default (2 % loop, 5 % race)"))
        form.addRow(wrapping_label(self.tr("Length tolerance")), self.tolerance)
        self.max_reuse = percent(0, 100, round(MAX_REUSE * 100))
        form.addRow(wrapping_label(self.tr("Paths ridden twice at most")), self.max_reuse)
        self.max_overlap = percent(0, 100, round(DEFAULT_MAX_OVERLAP * 100))
        form.addRow(wrapping_label(self.tr("Shared with the previous course at most")),
                    self.max_overlap)
        self.terril_count = QSpinBox()
        self.terril_count.setRange(0, 60)
        self.terril_count.setSpecialValueText(self.tr("automatic"))
        form.addRow(wrapping_label(self.tr("Spoil tips of a race")), self.terril_count)
        self.proposals = QSpinBox()
        self.proposals.setRange(1, 5)
        self.proposals.setValue(DEFAULT_OPTIONS.count)
        form.addRow(wrapping_label(self.tr("Proposed courses")), self.proposals)
        self.within_terril = QCheckBox(self.tr("Stay on the start's spoil tip"))
        form.addRow(self.within_terril)
        self.through_points = QCheckBox(self.tr("Pass the points placed"))
        self.through_points.setToolTip(self.tr("A loop passes the other route points; a race, "
                                               "the spoil tips placed between start and finish"))
        form.addRow(self.through_points)
        section = QWidget()
        section_layout = QVBoxLayout(section)
        section_layout.setContentsMargins(0, 0, 0, 0)
        section_layout.addWidget(self.options_box)
        section_layout.addWidget(inner)
        inner.setVisible(False)
        self.options_box.toggled.connect(inner.setVisible)
        self.options_frame = inner
        return section

    def options(self) -> GenerationOptions:
        """The generation options as set (the command line's defaults while unticked)."""
        if not self.options_box.isChecked():
            return DEFAULT_OPTIONS
        tolerance = self.tolerance.value()
        return GenerationOptions(
            tolerance=tolerance / 100 if tolerance else None,
            max_reuse=self.max_reuse.value() / 100,
            max_overlap=self.max_overlap.value() / 100,
            within_terril=self.within_terril.isChecked(),
            terril_count=self.terril_count.value() or None,
            count=self.proposals.value())

    def _build_stats(self) -> QGroupBox:
        stats_box = QGroupBox(self.tr("Statistics"))
        # A grid, not a form: QFormLayout gives wrapped values less height than they need.
        stats = QGridLayout(stats_box)
        stats.setColumnStretch(0, 2)
        stats.setColumnStretch(1, 3)
        self.stat_labels: dict[str, QLabel] = {}
        for key, text in (("length", self.tr("Distance")), ("climb", self.tr("Climb / descent")),
                          ("cavalier", self.tr("On cavaliers")),
                          ("tvb", self.tr("On the green and blue network")),
                          ("ruptures", self.tr("Rupture points")),
                          ("terrils", self.tr("Spoil tips")),
                          ("communes", self.tr("Communes crossed"))):
            label = QLabel("—")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row = len(self.stat_labels)
            stats.addWidget(wrapping_label(text), row, 0, Qt.AlignmentFlag.AlignTop)
            stats.addWidget(label, row, 1, Qt.AlignmentFlag.AlignTop)
            self.stat_labels[key] = label
        return stats_box

    def _build_waypoints(self, layout: QVBoxLayout) -> None:
        self.waypoints = QTableWidget(0, 4)
        self.waypoints.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Name"),
                                                  self.tr("Position"), self.tr("Km")])
        header = self.waypoints.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        # Long names (« Ravitaillement — T074 11/19 Loos-en-Gohelle ») wrap; tooltips give all.
        self.waypoints.setWordWrap(True)
        self.waypoints.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.waypoints.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.waypoints.setMinimumHeight(140)
        self.waypoints.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.waypoints.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.waypoints.verticalHeader().hide()
        layout.addWidget(wrapping_label(self.tr("Route points and waypoints")))
        layout.addWidget(self.waypoints, 1)
        row = QHBoxLayout()
        self.kind_for_selected = QComboBox()
        for kind, label in kind_labels().items():
            if kind != VIA:
                self.kind_for_selected.addItem(label, kind)
        self.kind_for_selected.activated.connect(self._change_kind)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self._delete_selected)
        row.addWidget(self.kind_for_selected, 1)
        row.addWidget(self.delete_button)
        layout.addLayout(row)

    def click_kind(self) -> str:
        return str(self.click_mode.currentData())

    def set_click_kind(self, kind: str) -> None:
        self.click_mode.setCurrentIndex(self.click_mode.findData(kind))

    def selected_id(self) -> str | None:
        rows = self.waypoints.selectionModel().selectedRows()
        return self._ids[rows[0].row()] if rows else None

    def _delete_selected(self) -> None:
        ident = self.selected_id()
        if ident is not None:
            self.delete_requested.emit(ident)

    def _change_kind(self) -> None:
        ident = self.selected_id()
        if ident is not None and ident.startswith("w"):
            self.kind_changed.emit(ident, str(self.kind_for_selected.currentData()))

    def show_plan(self, plan: Plan, notes: dict[str, str] | None = None) -> None:
        """The plan's points in the table; ``notes`` (marker id → text) say where a point on a
        place stands (« au pied du T074, à 190 m du sommet »)."""
        index = self.profile.findData(plan.profile)
        if index >= 0:
            self.profile.setCurrentIndex(index)
        labels = kind_labels()
        locale = QLocale()
        self.waypoints.setRowCount(0)
        self._ids = []
        self._tips = []
        for marker in plan.markers():
            row = self.waypoints.rowCount()
            self.waypoints.insertRow(row)
            kind = str(marker["kind"])
            lat = locale.toString(float(str(marker["lat"])), "f", 5)
            lon = locale.toString(float(str(marker["lon"])), "f", 5)
            note = (notes or {}).get(str(marker["id"]), "")
            name = f"{marker['label']}\n{note}" if note else str(marker["label"])
            cells = (labels.get(kind, kind), name, f"{lat}\n{lon}")
            tip = f"{cells[0]} — {cells[1]}\n{lat} ; {lon}"
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.waypoints.setItem(row, column, item)
            self._ids.append(str(marker["id"]))
            self._tips.append(tip)

    def show_waypoint_positions(self, positions: list[WaypointOnCourse]) -> None:
        """Each waypoint's distance along the course; a waypoint off it in orange, with how far
        (``positions`` in waypoint order; empty without a course)."""
        locale = QLocale()
        for row, ident in enumerate(self._ids):
            if not ident.startswith("w"):
                continue
            index = int(ident[1:])
            where = positions[index] if index < len(positions) else None
            off = where is not None and where.off_course
            text = "—" if where is None or off else locale.toString(where.along_m / 1000, "f", 2)
            self.waypoints.setItem(row, 3, QTableWidgetItem(text))
            tip = self._tips[row]
            if where is not None and off:
                tip = f"{self.off_course_text(where.off_m)}\n{tip}"
            for column in range(self.waypoints.columnCount()):
                item = self.waypoints.item(row, column)
                if item is None:
                    continue
                item.setToolTip(tip)
                item.setBackground(QColor("#ffcc80") if off else QColor(0, 0, 0, 0))

    def off_course_text(self, off_m: float) -> str:
        """« à 1,2 km du parcours », « à 320 m du parcours »."""
        locale = QLocale()
        distance = (f"{locale.toString(off_m / 1000, 'f', 1)} km" if off_m >= 1000
                    else f"{locale.toString(off_m, 'f', 0)} m")
        return self.tr("%1 from the course").replace("%1", distance)

    def show_stats(self, stats: RouteStats | None) -> None:
        locale = QLocale()
        if stats is None:
            for label in self.stat_labels.values():
                label.setText("—")
                label.setStyleSheet("")
            self.chart.set_points([])
            return

        def num(value: float, decimals: int = 1) -> str:
            return locale.toString(value, "f", decimals)

        if stats.unsurveyed_m is None:
            note = self.tr("unsurveyed part unknown (route computed before provenance: "
                           "recompute it)")
        else:
            note = unsurveyed_note(stats.unsurveyed_m)
        notes = [n for n in (note, old_lines_note(stats.unknown_practicability_m)) if n]
        length = ", ".join([f"{num(stats.length_m / 1000.0, 2)} km", *notes])
        self.stat_labels["length"].setText(length)
        self.stat_labels["length"].setStyleSheet("color: #b35900;" if note else "")
        if stats.climb_m is None or stats.descent_m is None:
            self.stat_labels["climb"].setText(self.tr("unknown (no elevation data)"))
        else:
            text = f"+{num(stats.climb_m, 0)} m / −{num(stats.descent_m, 0)} m"
            if stats.climb_estimated:
                text += " " + self.tr("(estimated from the spoil tips' heights)")
            self.stat_labels["climb"].setText(text)
        self.stat_labels["cavalier"].setText(f"{num(stats.cavalier_share * 100, 0)} %")
        self.stat_labels["tvb"].setText(f"{num(stats.tvb_share * 100, 0)} %")
        if stats.crossings_known:
            self.stat_labels["ruptures"].setText(
                f"{len(stats.ruptures)}" + (f" ({', '.join(stats.ruptures)})" if stats.ruptures
                                            else ""))
        else:
            self.stat_labels["ruptures"].setText(self.tr("crossings unknown (network without "
                                                         "roads)"))
        terrils = ", ".join(stats.terrils) or "—"
        if stats.terrils_at_foot:
            terrils += " ; au pied : " + ", ".join(stats.terrils_at_foot)
        self.stat_labels["terrils"].setText(terrils)
        self.stat_labels["communes"].setText(", ".join(stats.communes) or "—")
        self.chart.set_points(stats.profile, stats.marks)


