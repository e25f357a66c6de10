"""The legs of a multisport stage in the window: the wiring of the leg editor
(:mod:`ui.leg_editor`) to the event tree, the point menu, the « Profil » list, generation and undo.

A leg chosen in the event tree is drawn wider and brought into view; the editor changes its name,
discipline, pace or times, drawing by hand, and adds a transition or an épreuve after it; the
route panel's « Profil » list is that leg's routing profile (disabled for the whole stage: each leg
has its own). « Couper l'étape ici (nouveau tronçon) » on a route point's menu splits the stage
there. Every change is computed by :mod:`app.leg_edits` in a worker (the legs that changed routed
with their profile) and is one undo step. With a leg chosen, « Boucle », « Course » and
« Variantes » generate that leg's course only.

The texts are French literals (this module postdates the translation catalogue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from app import generation
from app.editing import Edit, ReplaceStops, SetProfile, parse_marker_id
from app.leg_edits import (
    ADD_EPREUVE,
    ADD_TRANSITION,
    GENERATE,
    HAND_DRAWN,
    MERGE,
    REMOVE,
    RENAME,
    ROUTE,
    SET_KIND,
    SET_PACE,
    SET_PROFILE,
    SET_TIMES,
    SPLIT,
    SetStage,
    drawn_by_hand,
    insert_epreuve,
    insert_transition,
    merge_with_next,
    pace_of_fields,
    point_edit,
    remove_leg,
    rename_leg,
    replace_stops,
    set_hand_drawn,
    set_kind,
    set_pace,
    set_profile,
    set_times,
    split_at,
    split_place,
    stage_edit,
    stops_of_points,
    waterless_canoe_legs,
)
from app.leg_map import leg_bounds
from app.leg_text import leg_line
from app.legs import leg_profile, leg_stops, legs_match_course
from app.model import Leg, LegError, LegKind
from app.project_plan import leg_plan
from app.sheet import sheet_of
from routes.errors import CavalierError
from ui.dialogs import progress_dialog
from ui.leg_editor import LegEditor, chained_or_empty
from ui.qt import (
    QMenu,
    QMessageBox,
    QObject,
    QPushButton,
    QUndoCommand,
    QVBoxLayout,
    Signal,
)
from ui.window_host import WindowHost
from ui.workers import Job

if TYPE_CHECKING:
    from ui.document import Document

SPLIT_TEXT = "Couper l'étape ici (nouveau tronçon)"
WHOLE_STAGE_PROFILE = "Chaque tronçon a son profil"
LEG_PROFILE_TIP = "Profil de calcul de ce tronçon (par défaut, celui de sa discipline)"
SITE_PROFILE = "Une épreuve ou une transition n'a pas de parcours"


class StageCommand(QUndoCommand):
    """One leg edit (:class:`app.leg_edits.SetStage`): the stage replaced, shown again."""

    def __init__(self, document: Document, edit: SetStage) -> None:
        super().__init__(edit.description)
        self._document = document
        self._edit = edit

    def _swap(self) -> None:
        doc = self._document
        if doc.project is None:
            return
        project, self._edit = self._edit.apply(doc.project)
        index = self._edit.index
        legs = project.event.formats[index].legs
        doc.put_project(project)
        if doc.format_index == index and doc.selected_leg is not None \
                and doc.selected_leg >= len(legs):
            doc.selected_leg = None
        doc.select_format(index)  # the plan, course and figures of the edited stage

    def redo(self) -> None:
        self._swap()

    def undo(self) -> None:
        self._swap()


class LegController(QObject):
    """Wires the leg editor to the window: tree, map, point menu, generation, undo."""

    #: Emitted when a leg edit ended (its SetStage, or None: refused or cancelled).
    leg_edit_done = Signal(object)

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.document: Document = window.document
        self.editor = LegEditor()
        self.editor.setVisible(False)
        panel_layout = window.route_panel.layout()
        assert isinstance(panel_layout, QVBoxLayout)
        panel_layout.insertWidget(0, self.editor)
        self.refusal_box: QMessageBox | None = None
        self._job: Job | None = None  # the leg edit being computed
        self.hand_button: QPushButton | None = None
        doc = self.document
        doc.stage_edits = self.point_edit
        window.event_panel.leg_activated.connect(self.select_leg)
        doc.format_selected.connect(self.refresh)
        doc.project_changed.connect(self.refresh)
        doc.plan_changed.connect(self.show_profile)  # after the route panel shows the plan's
        editor = self.editor
        editor.kind_chosen.connect(lambda value: self.set_kind(LegKind(value)))
        editor.name_set.connect(self.rename)
        editor.times_set.connect(self.set_times)
        editor.pace_set.connect(self.set_pace)
        editor.hand_drawn_set.connect(lambda on: self.set_hand_drawn(bool(on)))
        editor.transition_requested.connect(self.add_transition)
        editor.epreuve_requested.connect(self.add_epreuve)
        editor.merge_requested.connect(self.merge)
        editor.remove_requested.connect(self.remove)
        editor.route_requested.connect(self.route_stage)
        editor.whole_stage_requested.connect(self.whole_stage)

    # -- showing ---------------------------------------------------------------------------
    @property
    def selected(self) -> int | None:
        """The chosen leg of the shown stage (None: the whole stage)."""
        fmt = self.document.current_format
        leg = self.document.selected_leg
        return leg if fmt is not None and leg is not None and leg < len(fmt.legs) else None

    def refresh(self) -> None:
        self.editor.show_stage(self.document.current_format, self.selected)
        self.show_profile()
        self._show_times()

    def show_profile(self) -> None:
        """The route panel's « Profil » list: on a stage with legs, the chosen leg's routing
        profile (disabled for an épreuve, a transition or the whole stage: each leg has its
        own)."""
        combo = self.window.route_panel.profile
        fmt, leg = self.document.current_format, self._leg()
        if fmt is None or not fmt.legs:
            combo.setEnabled(True)
            combo.setToolTip("")
            return
        if leg is None or not leg.kind.moving:  # no one profile to show: the list is blank
            combo.setCurrentIndex(-1)
            combo.setEnabled(False)
            combo.setToolTip(WHOLE_STAGE_PROFILE if leg is None else SITE_PROFILE)
            return
        index = combo.findData(leg_profile(leg))
        if index < 0:  # a profile the list does not name (canoe): named by the leg's kind
            combo.addItem(leg.kind.label, leg_profile(leg))
            index = combo.count() - 1
        combo.setCurrentIndex(index)
        combo.setEnabled(True)
        combo.setToolTip(LEG_PROFILE_TIP)

    def select_leg(self, format_index: int, leg_index: int | None) -> None:
        """A leg chosen in the event tree: drawn wider, in view, in the editor."""
        doc = self.document
        self.window.candidates.cancel()
        if format_index != doc.format_index:
            doc.select_format(format_index)
        doc.selected_leg = leg_index
        self.window.refresh_route()
        self.refresh()  # the editor first: the map's width is then the one it keeps
        fmt = doc.current_format
        leg = self._leg()
        if fmt is not None and leg is not None:
            bounds = leg_bounds(leg)
            if bounds is not None and self.window.map.is_loaded:
                self.window.map.fit(bounds)
            if leg.route is not None:
                self.window.route_panel.target.setValue(max(1.0, round(leg.route.length_km, 1)))
        elif fmt is not None:
            self.window.route_panel.target.setValue(max(1.0, fmt.target_distance_km))
            self.window.course_fit.fit()

    def whole_stage(self) -> None:
        if self.document.format_index is not None:
            self.select_leg(self.document.format_index, None)

    def _leg(self) -> Leg | None:
        legs = chained_or_empty(self.document.current_format)
        index = self.selected
        return legs[index] if index is not None and index < len(legs) else None

    def _show_times(self) -> None:
        """The chosen leg's line of the stage's timetable (the course sheet's), in a worker."""
        doc = self.document
        fmt, network, index = doc.current_format, doc.network, self.selected
        if fmt is None or network is None or index is None or fmt.route is None \
                or len(fmt.route.geometry) < 2:
            return
        event = doc.project.event if doc.project is not None else None

        def line() -> str:
            sheet = sheet_of(event, fmt, network)
            timetable = sheet.timetable
            if timetable is None or timetable.stale_legs or index >= len(timetable.legs):
                return "—"
            line = leg_line(sheet, timetable.legs[index])
            return line.partition(" : ")[2] or line  # the heading names the leg already

        def shown(text: str) -> None:
            if doc.current_format is fmt and self.selected == index:
                self.editor.times.setText(text)

        self.window.runner.submit(line, on_success=shown, on_failure=lambda _m: None)

    # -- the point menu --------------------------------------------------------------------
    def add_marker_actions(self, menu: QMenu, ident: str) -> None:
        """« Couper l'étape ici (nouveau tronçon) » on a route point's menu."""
        group, index = parse_marker_id(ident)
        fmt = self.document.current_format
        if group != "s" or fmt is None or fmt.route is None:
            return
        action = menu.addAction(SPLIT_TEXT)
        action.setObjectName("split-stage")
        action.setEnabled(split_place(fmt, index) is not None and not self.document.trying)
        action.setToolTip("Le point commence un nouveau tronçon, de la même discipline : "
                          "choisissez ensuite sa discipline dans l'arbre de l'événement")
        action.triggered.connect(lambda _c=False: self.split(index))

    # -- edits -----------------------------------------------------------------------------
    def point_edit(self, edit: Edit) -> bool:
        """A route point's edit on a stage with legs, made as the legs' edit (the points are
        the legs'); False for a format without legs or a waypoint's edit."""
        doc = self.document
        fmt = doc.current_format
        if fmt is not None and fmt.legs and isinstance(edit, SetProfile):
            self.set_profile(edit.profile)
            return True
        if fmt is None or not fmt.legs or fmt.route is None or not legs_match_course(fmt):
            return False
        try:
            legs = point_edit(fmt, edit)
        except LegError as exc:
            doc.edit_refused.emit(str(exc))
            doc.plan_changed.emit()  # a dragged point goes back
            return True
        if legs is None:
            return False
        self.change(legs, edit.description)
        return True

    def split(self, stop_index: int) -> Job | None:
        fmt = self.document.current_format
        if fmt is None:
            return None
        return self._try(lambda: split_at(fmt, stop_index), SPLIT)

    def set_kind(self, kind: LegKind, *, hand_drawn: bool = False) -> Job | None:
        fmt, index = self.document.current_format, self.selected
        if fmt is None or index is None:
            return None
        leg = fmt.legs[index]
        if leg.kind is kind and leg.hand_drawn == hand_drawn:
            return None
        return self._try(lambda: set_kind(fmt.legs, index, kind, hand_drawn=hand_drawn),
                         SET_KIND)

    def rename(self, name: str) -> Job | None:
        leg = self._own_leg()
        if leg is None or leg[1].name == name.strip():
            return None
        legs, index = leg[0], leg[2]
        return self._try(lambda: rename_leg(legs, index, name), RENAME)

    def set_times(self, minutes: int, limit_minutes: int = 0) -> Job | None:
        """The chosen épreuve's or transition's duration and limit (0: its kind's)."""
        leg = self._own_leg()
        duration = dt.timedelta(minutes=minutes)
        limit = dt.timedelta(minutes=limit_minutes) if limit_minutes else None
        if leg is None or (leg[1].duration, leg[1].limit) == (duration, limit):
            return None
        legs, index = leg[0], leg[2]
        return self._try(lambda: set_times(legs, index, duration, limit), SET_TIMES)

    def set_pace(self, speed: str, closing: str, climb: str) -> Job | None:
        """The chosen leg's pace as typed (an empty field: the discipline's value)."""
        leg = self._own_leg()
        if leg is None or not leg[1].kind.moving:
            return None
        legs, index = leg[0], leg[2]
        try:
            pace = pace_of_fields(leg[1].kind, speed, closing, climb)
        except LegError as exc:
            self.window.status.setText(str(exc))
            self.window.warn(SET_PACE, str(exc))
            self.refresh()  # its pace again
            return None
        if pace == leg[1].pace:
            return None
        return self._try(lambda: set_pace(legs, index, pace), SET_PACE)

    def set_profile(self, profile: str) -> Job | None:
        """The chosen leg routed with ``profile`` (the « Profil » list)."""
        leg = self._own_leg()
        if leg is None:
            self.window.status.setText(WHOLE_STAGE_PROFILE + " : choisissez-en un dans l'arbre "
                                       "de l'événement.")
            self.show_profile()
            return None
        if not leg[1].kind.moving or leg_profile(leg[1]) == profile:
            return None
        legs, index = leg[0], leg[2]
        return self._try(lambda: set_profile(legs, index, profile), SET_PROFILE)

    def _own_leg(self) -> tuple[tuple[Leg, ...], Leg, int] | None:
        """The shown stage's legs as stored, the chosen one, its index (None: no leg chosen)."""
        fmt, index = self.document.current_format, self.selected
        if fmt is None or index is None:
            return None
        return fmt.legs, fmt.legs[index], index

    def set_hand_drawn(self, on: bool) -> Job | None:
        fmt, index = self.document.current_format, self.selected
        if fmt is None or index is None:
            return None
        return self._try(lambda: set_hand_drawn(fmt.legs, index, on), HAND_DRAWN)

    def add_transition(self, minutes: int, name: str = "") -> Job | None:
        fmt, index = self.document.current_format, self.selected
        if fmt is None or index is None:
            return None
        duration = dt.timedelta(minutes=minutes)
        return self._try(lambda: insert_transition(fmt.legs, index, duration, name),
                         ADD_TRANSITION)

    def add_epreuve(self, minutes: int, limit_minutes: int = 0, name: str = "") -> Job | None:
        fmt, index = self.document.current_format, self.selected
        if fmt is None or index is None:
            return None
        limit = dt.timedelta(minutes=limit_minutes) if limit_minutes else None
        return self._try(lambda: insert_epreuve(fmt.legs, index, dt.timedelta(minutes=minutes),
                                                name, limit=limit), ADD_EPREUVE)

    def merge(self) -> Job | None:
        fmt, index = self.document.current_format, self.selected
        if fmt is None or index is None:
            return None
        return self._try(lambda: merge_with_next(fmt.legs, index), MERGE)

    def remove(self) -> Job | None:
        fmt, index = self.document.current_format, self.selected
        if fmt is None or index is None:
            return None
        return self._try(lambda: remove_leg(fmt.legs, index), REMOVE)

    def route_stage(self) -> Job | None:
        fmt = self.document.current_format
        if fmt is None or not fmt.legs:
            return None
        return self.change(fmt.legs, ROUTE)

    def _try(self, legs: Callable[[], Sequence[Leg]], label: str) -> Job | None:
        """The new legs, or the reason they cannot be (in the status bar and a message)."""
        try:
            new = legs()
        except LegError as exc:
            self.window.status.setText(str(exc))
            self.window.warn(label, str(exc))
            self.refresh()  # the editor shows the leg's values again
            return None
        return self.change(new, label)

    def change(self, legs: Sequence[Leg], label: str) -> Job | None:
        """Route the stage's changed legs in a worker; the result is one undo step."""
        doc = self.document
        project, index, network = doc.project, doc.format_index, doc.network
        if project is None or index is None or network is None:
            return None
        if self._job is not None:  # one leg edit at a time: the next one starts from its result
            self.window.status.setText("Calcul des tronçons en cours : attendez sa fin.")
            return None
        legs = tuple(legs)

        def work(*, progress: Any = None, cancel: Any = None) -> SetStage:
            return stage_edit(project, index, legs, network, label=label, progress=progress,
                              cancel=cancel)

        job = Job(work)
        progress_dialog(self.window, "Calcul des tronçons…", job)
        job.succeeded.connect(self._changed)
        job.failed.connect(lambda message: self._refused(label, legs, message))
        job.cancelled.connect(lambda: self._ended(None, "Annulé."))
        self._job = job
        job.finished.connect(self._job_finished)
        return self.window.runner.start(job)

    def _job_finished(self) -> None:
        self._job = None

    def _changed(self, edit: SetStage) -> None:
        self.document.undo_stack.push(StageCommand(self.document, edit))
        if edit.label == ROUTE and self.selected is None:
            self.window.course_fit.fit()  # the stage's course appears: all of it in view
        self._ended(edit, f"{edit.description} : fait (Ctrl+Z pour annuler).")

    def _ended(self, edit: SetStage | None, message: str) -> None:
        self.window.status.setText(message)
        self.leg_edit_done.emit(edit)

    def _refused(self, label: str, legs: tuple[Leg, ...], message: str) -> None:
        """A leg that cannot be routed: why; a canoe leg without water can be drawn by hand."""
        self._ended(None, message)
        self.document.plan_changed.emit()  # a dragged point goes back
        water = waterless_canoe_legs(legs)
        if not water:
            self.window.warn(label, message)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, label, message, parent=self.window)
        box.setObjectName("leg-refusal")
        box.setInformativeText("Tracer le tronçon à la main ? Il passera en ligne droite par "
                               "ses points et sera marqué « tracé à la main, non relevé ».")
        hand = box.addButton("Tracer à la main", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(hand)

        hand.clicked.connect(lambda: self.change(drawn_by_hand(legs, water), label))
        self.refusal_box, self.hand_button = box, hand
        box.open()

    # -- generation ------------------------------------------------------------------------
    def generate(self, kind: str, target_km: float) -> Job | None:
        """« Boucle » / « Course » / « Variantes » on the chosen leg: its points, profile and
        course, by the generator the command line uses; the course chosen becomes that leg's."""
        doc, window = self.document, self.window
        network, fmt, index = doc.network, doc.current_format, self.selected
        leg = self._leg()
        if fmt is not None and fmt.legs and index is None:
            message = ("Choisissez d'abord un tronçon dans l'arbre de l'événement : sur une étape "
                       "à tronçons, « Boucle », « Course » et « Variantes » génèrent le parcours "
                       "d'un tronçon.")
            window.status.setText(message)
            window.warn("Génération", message)
            return None
        if network is None or fmt is None or index is None or leg is None:
            return None
        if not leg.kind.moving:
            window.status.setText("Une épreuve ou une transition n'a pas de parcours à générer.")
            return None
        plan = leg_plan(leg_stops(leg), leg_profile(leg), network.places, doc.accesses)
        previous = leg.route.geometry if leg.route is not None else ()
        options = window.route_panel.options()
        through = window.route_panel.through_points_asked()
        title = f"Génération du tronçon {index + 1} ({leg.kind.label})…"
        try:
            generation.course_request(network, kind, plan, previous, target_km, options,
                                      through_points=through)
        except CavalierError as exc:
            window.status.setText(str(exc))
            window.warn(title, str(exc))
            return None

        def work(*, progress: Any = None, cancel: Any = None) -> generation.Proposal:
            return generation.generate(network, kind, plan, previous, target_km, options,
                                       through_points=through, progress=progress,
                                       cancel=cancel)

        format_index = doc.format_index

        def place(edit: ReplaceStops) -> None:
            self.place_generated(format_index, index, edit)

        return window.run_operation(title, work,
                                    lambda proposal: window.show_proposal(proposal, place))

    def place_generated(self, format_index: int | None, leg_index: int,
                        edit: ReplaceStops) -> Job | None:
        """The chosen generated course becomes leg ``leg_index``'s (one undo step)."""
        doc = self.document
        fmt = doc.current_format
        if fmt is None or doc.format_index != format_index or leg_index >= len(fmt.legs):
            return None
        return self._try(lambda: replace_stops(fmt.legs, leg_index, stops_of_points(edit.stops)),
                         GENERATE)
