"""The leg editor above the route panel (widgets only; :mod:`ui.leg_panel` wires it).

The chosen leg: its name, its discipline (a list of the kinds of leg: an épreuve becomes a
transition or the other way round), its pace (a moving leg: three fields, empty for the
discipline's value, shown as placeholder) or its duration and limit (an épreuve, a transition),
its drawing by hand, its line of the stage's timetable; merging, removing, and adding a transition
or an épreuve after it. Each change is a signal; nothing is computed here.

The texts are French literals (this module postdates the translation catalogue).
"""

from __future__ import annotations

import datetime as dt

from app.leg_edits import needs_routing
from app.legs import LEG_COLORS, LEG_PACES, chained, leg_summary
from app.model import Format, Leg, LegError, LegKind, Pace
from routes.frenchfmt import short
from ui.panel_layout import wrapping_label
from ui.qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

MOVING_KINDS = tuple(kind for kind in LegKind if kind.moving)
SITE_KINDS = tuple(kind for kind in LegKind if not kind.moving)
NO_LIMIT = "par défaut"


def _minutes_spin(value: int, *, special: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0 if special else 1, 600)
    spin.setValue(value)
    spin.setSuffix(" min")
    if special:
        spin.setSpecialValueText(special)
    return spin


def _minutes(value: dt.timedelta | None) -> int:
    return round(value.total_seconds() / 60) if value is not None else 0


def _pace_values(pace: Pace | None) -> tuple[float | None, float | None, float | None]:
    if pace is None:
        return None, None, None
    return pace.speed_kmh, pace.closing_kmh, pace.climb_m_per_h


def html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chained_or_empty(fmt: Format | None) -> tuple[Leg, ...]:
    if fmt is None or not fmt.legs:
        return ()
    try:
        return chained(fmt.legs)
    except LegError:
        return ()


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setContentsMargins(0, 0, 0, 0)
    return form


class LegEditor(QGroupBox):
    """The chosen leg: its name, discipline, pace or times, drawing; adding after it."""

    kind_chosen = Signal(str)  # LegKind value
    name_set = Signal(str)
    pace_set = Signal(str, str, str)  # km/h, closing km/h, m of D+ per extra hour ("": default)
    times_set = Signal(int, int)  # minutes, limit minutes (0: the kind's)
    hand_drawn_set = Signal(int)  # 1: drawn by hand, 0: routed
    transition_requested = Signal(int, str)  # minutes, name
    epreuve_requested = Signal(int, int, str)  # minutes, limit minutes (0: none), name
    merge_requested = Signal()
    remove_requested = Signal()
    route_requested = Signal()
    whole_stage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Tronçons de l'étape", parent)
        self.setObjectName("leg-editor")
        layout = QVBoxLayout(self)
        self.heading = wrapping_label("")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        top = QHBoxLayout()
        self.route_button = QPushButton("Calculer les tronçons")
        self.route_button.setToolTip("Calcule le parcours des tronçons qui n'en ont pas, chacun "
                                     "avec le profil de sa discipline")
        self.route_button.clicked.connect(self.route_requested)
        self.whole_button = QPushButton("Toute l'étape")
        self.whole_button.clicked.connect(self.whole_stage_requested)
        top.addWidget(self.route_button)
        top.addWidget(self.whole_button)
        layout.addLayout(top)

        self.leg_box = QWidget()
        self._build_leg_box()
        layout.addWidget(self.leg_box)

    def _build_leg_box(self) -> None:
        box = QVBoxLayout(self.leg_box)
        box.setContentsMargins(0, 0, 0, 0)
        form = _form()
        self.leg_name = QLineEdit()
        self.leg_name.setObjectName("leg-name")
        self.leg_name.setToolTip("Vide : le tronçon est nommé par sa discipline")
        self.leg_name.editingFinished.connect(lambda: self.name_set.emit(self.leg_name.text()))
        form.addRow(wrapping_label("Nom"), self.leg_name)
        self.kind = QComboBox()
        self.kind.setObjectName("leg-kind")
        self.kind.activated.connect(lambda _i: self.kind_chosen.emit(str(self.kind.currentData())))
        form.addRow(wrapping_label("Discipline"), self.kind)
        self._build_pace(form)
        self._build_times(form)
        self.leg_form = form  # one form: its fields line up
        box.addLayout(form)
        self.hand_drawn = QCheckBox("Tracé à la main (non relevé)")
        self.hand_drawn.setToolTip("Le tronçon passe en ligne droite par ses points, sans suivre "
                                   "le réseau (un canoë sur une eau que le réseau ne connaît pas)")
        self.hand_drawn.clicked.connect(lambda on: self.hand_drawn_set.emit(int(bool(on))))
        box.addWidget(self.hand_drawn)
        self.times = wrapping_label("—")
        self.times.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.times.setToolTip("La ligne du tronçon dans l'horaire de l'étape (feuille de route)")
        box.addWidget(self.times)
        edits = QHBoxLayout()
        self.merge_button = QPushButton("Fusionner au suivant")
        self.merge_button.setToolTip("Un seul tronçon avec le suivant, de cette discipline")
        self.merge_button.clicked.connect(self.merge_requested)
        self.remove_button = QPushButton("Supprimer")
        self.remove_button.setToolTip("Supprimer ce tronçon de l'étape")
        self.remove_button.clicked.connect(self.remove_requested)
        edits.addWidget(self.merge_button)
        edits.addWidget(self.remove_button)
        box.addLayout(edits)
        self._build_insertions(box)

    def _build_pace(self, form: QFormLayout) -> None:
        """A moving leg's pace: three fields, empty for the discipline's value."""
        self.pace_speed, self.pace_closing, self.pace_climb = QLineEdit(), QLineEdit(), QLineEdit()
        for field, label, tip in (
                (self.pace_speed, "Allure (km/h)", "Vitesse d'une équipe du milieu du peloton "
                                                   "sur le plat"),
                (self.pace_closing, "Fermeture (km/h)", "Vitesse de la dernière équipe que la "
                                                        "barrière horaire laisse passer"),
                (self.pace_climb, "D+ par heure (m)", "Mètres de dénivelé positif qui "
                                                          "coûtent une heure de plus")):
            field.setToolTip(f"{tip} (vide : la valeur de la discipline)")
            field.editingFinished.connect(self._pace_edited)
            form.addRow(wrapping_label(label), field)
        self.pace_fields = (self.pace_speed, self.pace_closing, self.pace_climb)

    def _pace_edited(self) -> None:
        self.pace_set.emit(self.pace_speed.text(), self.pace_closing.text(),
                           self.pace_climb.text())

    def _build_times(self, form: QFormLayout) -> None:
        """An épreuve's or a transition's duration and limit."""
        self.leg_duration = _minutes_spin(10)
        self.leg_duration.setObjectName("leg-duration")
        self.leg_limit = _minutes_spin(0, special=NO_LIMIT)
        self.leg_limit.setObjectName("leg-limit")
        self.leg_limit.setToolTip("Temps limite après l'arrivée d'une équipe (par défaut : une "
                                  "fois et demie la durée d'une épreuve, la durée d'une "
                                  "transition)")
        for spin in (self.leg_duration, self.leg_limit):
            spin.setKeyboardTracking(False)
            spin.editingFinished.connect(lambda: self.times_set.emit(
                self.leg_duration.value(), self.leg_limit.value()))
        form.addRow(wrapping_label("Durée"), self.leg_duration)
        form.addRow(wrapping_label("Temps limite"), self.leg_limit)

    def _build_insertions(self, box: QVBoxLayout) -> None:
        self.transition_minutes = _minutes_spin(10)
        self.transition_name = QLineEdit()
        self.transition_name.setPlaceholderText("zone de transition")
        self.transition_button = QPushButton("Ajouter une zone de transition")
        self.transition_button.clicked.connect(lambda _c=False: self.transition_requested.emit(
            self.transition_minutes.value(), self.transition_name.text()))
        box.addWidget(wrapping_label("<b>Après ce tronçon</b> : transition (durée, nom)"))
        row = QHBoxLayout()
        row.addWidget(self.transition_minutes)
        row.addWidget(self.transition_name, 1)
        box.addLayout(row)
        box.addWidget(self.transition_button)

        self.epreuve_minutes = _minutes_spin(30)
        self.epreuve_limit = _minutes_spin(0, special="sans limite")
        self.epreuve_limit.setToolTip("Temps limite de l'épreuve (sans limite : une fois et "
                                      "demie sa durée)")
        self.epreuve_name = QLineEdit()
        self.epreuve_name.setPlaceholderText("Nom (tir à l'arc, corde…)")
        self.epreuve_button = QPushButton("Ajouter une épreuve sur ce site")
        self.epreuve_button.clicked.connect(lambda _c=False: self.epreuve_requested.emit(
            self.epreuve_minutes.value(), self.epreuve_limit.value(), self.epreuve_name.text()))
        box.addWidget(wrapping_label("Épreuve où finit ce tronçon (durée, limite, nom)"))
        times = QHBoxLayout()
        times.addWidget(self.epreuve_minutes)
        times.addWidget(QLabel("limite"))
        times.addWidget(self.epreuve_limit)
        times.addStretch(1)
        box.addLayout(times)
        box.addWidget(self.epreuve_name)
        box.addWidget(self.epreuve_button)

    def show_stage(self, fmt: Format | None, leg_index: int | None) -> None:
        """The stage's state (hidden for a format without legs) and the chosen leg."""
        legs = chained_or_empty(fmt)
        self.setVisible(bool(legs))
        if fmt is None or not legs:
            return
        self.route_button.setEnabled(any(needs_routing(leg) for leg in legs))
        leg = legs[leg_index] if leg_index is not None and leg_index < len(legs) else None
        self.whole_button.setEnabled(leg is not None)
        self.leg_box.setVisible(leg is not None)
        if leg is None or leg_index is None:
            self.heading.setText(f"{len(legs)} tronçons. Choisissez-en un dans l'arbre de "
                                 "l'événement pour le modifier ; clic droit sur un point du "
                                 "parcours : « Couper l'étape ici ».")
            return
        color = LEG_COLORS[leg.kind]
        self.heading.setText(f'<span style="color:{color}">■</span> <b>Tronçon {leg_index + 1}'
                             f"</b> — {html(leg.title)}<br>{html(leg_summary(leg))}")
        self.leg_name.setText(leg.name)
        self.leg_name.setCursorPosition(0)  # a long name shows its beginning
        self.leg_name.setPlaceholderText(leg.kind.label)
        kinds = MOVING_KINDS if leg.kind.moving else SITE_KINDS
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in kinds:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(kinds.index(leg.kind))
        self.kind.blockSignals(False)
        self._show_values(leg)
        self.hand_drawn.setVisible(leg.kind.moving)
        self.hand_drawn.setChecked(leg.hand_drawn)
        following = leg_index + 1 < len(legs) and legs[leg_index + 1].kind.moving
        self.merge_button.setEnabled(leg.kind.moving and following)
        self.remove_button.setEnabled(len(legs) > 1)
        self.times.setText("—")

    def _show_values(self, leg: Leg) -> None:
        """The leg's pace (its own values; empty fields for its discipline's, shown as
        placeholders) or its duration and limit."""
        for field in self.pace_fields:
            self.leg_form.setRowVisible(field, leg.kind.moving)
        for spin in (self.leg_duration, self.leg_limit):
            self.leg_form.setRowVisible(spin, not leg.kind.moving)
        if leg.kind.moving:
            default = LEG_PACES[leg.kind]
            for field, value, fallback in zip(self.pace_fields, _pace_values(leg.pace),
                                              _pace_values(default), strict=True):
                # Empty where the leg keeps its discipline's value: the placeholder shows it.
                field.setText(short(value) if value is not None and value != fallback else "")
                field.setPlaceholderText(short(fallback) if fallback is not None else "")
            return
        for spin, minutes in ((self.leg_duration, _minutes(leg.duration)),
                              (self.leg_limit, _minutes(leg.limit))):
            spin.blockSignals(True)
            spin.setValue(minutes)
            spin.blockSignals(False)
