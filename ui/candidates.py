"""The courses a generator proposes: listed with their figures, drawn on the map, one chosen.

Like gpx.studio or Komoot, a generation does not replace the course at once: its ranked candidates
(up to three) are drawn in their own colours with a small table (length, climb, length ridden
twice, share on cavaliers, unsurveyed length). Hovering or selecting a row brings that course
forward on the map, a click on a course selects its row; « Choose » places it as one undoable
edit, « Cancel » drops them all and leaves the course untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.editing import ReplaceStops
from app.generation import Candidate
from routes.outputs.unsurveyed import has_unsurveyed
from ui.qt import (
    QAbstractItemView,
    QColor,
    QEvent,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QIcon,
    QLabel,
    QLocale,
    QObject,
    QPixmap,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from ui.document import Document
    from ui.mapview import MapView

# One colour per rank, apart from the route's blue and the orange of what nobody surveyed.
CANDIDATE_COLORS = ("#d81b60", "#00897b", "#6d4cc2")
_UNSURVEYED_TEXT = "#b35900"


class CandidateList(QGroupBox):
    """The candidates' table with « Choose » and « Cancel »; hidden while there is none."""

    hovered = Signal(int)  # row under the mouse (-1: left the table)
    selected = Signal(int)
    chosen = Signal(int)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Proposed courses"), parent)
        layout = QVBoxLayout(self)
        # When no course kept the limits asked: the closest ones, said so above the table.
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {_UNSURVEYED_TEXT};")
        self.note.hide()
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 6)
        # Short headers (the route dock is narrow), spelled out in their tooltips.
        for column, (text, tip) in enumerate((
                ("", ""), (self.tr("km"), self.tr("Length")),
                (self.tr("D+"), self.tr("Climb (m)")),
                (self.tr("Twice"), self.tr("Length ridden twice (km)")),
                (self.tr("Cav."), self.tr("Share on cavaliers")),
                (self.tr("Unsurv."), self.tr("Length on stretches nobody surveyed (km), to "
                                             "check")))):
            header_item = QTableWidgetItem(text)
            header_item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(column, header_item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMouseTracking(True)
        self.table.cellEntered.connect(lambda row, _column: self.hovered.emit(row))
        self.table.viewport().installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.chosen.emit(row))
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose"))
        self.choose_button.setToolTip(self.tr("Place the selected course (one undo step)"))
        self.choose_button.clicked.connect(self._choose)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Drop the proposed courses, keep the course"))
        self.cancel_button.clicked.connect(self.cancelled)
        buttons.addStretch(1)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Leave:
            self.hovered.emit(-1)
        return False

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select(self, row: int) -> None:
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.choose_button.setEnabled(row >= 0)
        self.selected.emit(row)

    def _choose(self) -> None:
        row = self.selected_row()
        if row >= 0:
            self.chosen.emit(row)

    def show_candidates(self, candidates: list[Candidate], refusal: str = "") -> None:
        self.note.setText(self.tr("None keeps the limits asked: the closest courses, with the "
                                  "share ridden twice.") if refusal else "")
        self.note.setToolTip(refusal)
        self.note.setVisible(bool(refusal))
        self.table.setRowCount(0)
        for row, candidate in enumerate(candidates):
            self.table.insertRow(row)
            items = []
            for column, (text, tip) in enumerate(self.cells(candidate)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
                items.append(item)
            items[0].setIcon(_swatch(CANDIDATE_COLORS[row % len(CANDIDATE_COLORS)]))
            if has_unsurveyed(candidate.unsurveyed_m):
                items[5].setForeground(QColor(_UNSURVEYED_TEXT))
            if not candidate.within_limits:
                items[3].setForeground(QColor(_UNSURVEYED_TEXT))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows
                                  + 2 * self.table.frameWidth())
        self.setVisible(bool(candidates))
        if candidates:
            self.table.selectRow(0)

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.hide()

    def cells(self, candidate: Candidate) -> list[tuple[str, str]]:
        """(text, tooltip) of each column: rank, length, climb, reuse, cavaliers, unsurveyed."""
        locale = QLocale()

        def km(metres: float) -> str:
            return locale.toString(metres / 1000.0, "f", 2)

        climb = candidate.climb
        if climb is None:
            climb_text, climb_tip = "—", self.tr("unknown (no elevation data)")
        else:
            climb_text = locale.toString(climb.d_plus, "f", 0)
            climb_tip = (self.tr("estimated from the spoil tips' heights")
                         if climb.is_estimate else "")
            if climb.is_estimate:
                climb_text = "≈ " + climb_text
        share = f"{locale.toString(candidate.cavalier_share * 100.0, 'f', 0)} %"
        unsurveyed = (km(candidate.unsurveyed_m) if has_unsurveyed(candidate.unsurveyed_m)
                      else "—")
        reused = km(candidate.reused_m)
        note = candidate.reuse_note()
        if not candidate.within_limits and note:
            reused = f"{reused} ({locale.toString(candidate.reused_share * 100, 'f', 0)} %)"
        return [(str(candidate.rank), ""), (km(candidate.length_m), ""), (climb_text, climb_tip),
                (reused, note), (share, ""), (unsurveyed, "")]


def _swatch(color: str) -> QIcon:
    """The candidate's colour as an icon (still seen on a selected row, unlike a background)."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class CandidatesController(QObject):
    """Keeps the proposed candidates between the list, the map and the document."""

    def __init__(self, document: Document, panel: CandidateList, map_view: MapView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.panel = panel
        self.map = map_view
        self.candidates: list[Candidate] = []
        self._place: Callable[[ReplaceStops], None] | None = None
        panel.hovered.connect(self._hovered)
        panel.selected.connect(self.map.select_candidate)
        panel.chosen.connect(self.choose)
        panel.cancelled.connect(self.cancel)
        map_view.bridge.candidate_clicked.connect(panel.select)
        # Another format or project shown: its course is not the one these were made for.
        document.format_selected.connect(self.cancel)

    def propose(self, candidates: list[Candidate], refusal: str = "",
                place: Callable[[ReplaceStops], None] | None = None) -> None:
        """Show the candidates; ``refusal``: none kept the limits, these are the closest.
        ``place``: what placing the chosen one does (None: it becomes the format's course;
        a leg's generation gives the leg's points)."""
        self.candidates = list(candidates)
        self._place = place
        self.map.set_candidates([self._drawn(c, i) for i, c in enumerate(self.candidates)])
        self.panel.show_candidates(self.candidates, refusal)
        self._fit()

    def _drawn(self, candidate: Candidate, index: int) -> dict[str, Any]:
        length = self.panel.cells(candidate)[1][0]
        label = self.tr("Course %1: %2 km").replace("%1", str(candidate.rank)).replace(
            "%2", length)
        note = candidate.reuse_note()
        if note:
            label += f" — {note}"
        return {"rank": candidate.rank, "label": label,
                "color": CANDIDATE_COLORS[index % len(CANDIDATE_COLORS)],
                "coords": [[round(x, 6), round(y, 6)] for x, y in candidate.coords],
                "unsurveyed": [[[round(x, 6), round(y, 6)] for x, y in part]
                               for part in candidate.unsurveyed]}

    def _fit(self) -> None:
        coords = [c for candidate in self.candidates for c in candidate.coords]
        if not coords or not self.map.is_loaded:
            return
        lons, lats = [c[0] for c in coords], [c[1] for c in coords]
        pad = 0.002
        self.map.fit((min(lats) - pad, min(lons) - pad, max(lats) + pad, max(lons) + pad))

    def _hovered(self, row: int) -> None:
        self.map.select_candidate(row if row >= 0 else self.panel.selected_row())

    def choose(self, index: int) -> None:
        """Place candidate ``index`` (0 = the best) as one undoable edit."""
        if not 0 <= index < len(self.candidates):
            return
        edit = self.candidates[index].edit
        place = self._place
        self.cancel()
        if place is not None:
            place(edit)
        else:
            self.document.edit(edit)

    def cancel(self) -> None:
        self._place = None
        if not self.candidates and self.panel.isHidden():
            return
        self.candidates = []
        self.panel.clear()
        self.map.set_candidates([])
