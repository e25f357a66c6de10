"""« Fichier › Importer › Trace GPX… »: show the track, match it on demand, replace on consent.

The imported track is first shown as recorded, as its own map layer (« Trace importée (non
calée) ») with its figures in a dock; nothing else changes. « Caler sur le réseau » runs the map
matching of ``cavalier gpx import --snap`` and shows its report; the organiser then uses the
matched track as the course of the format (asked first when the format has one: one undo step)
or keeps it shown. Off-network parts of a matched track stay drawn and counted as unsurveyed;
the course built from it only takes the parts on the network, routed between them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from app import operations
from app.editing import ReplaceStops
from app.generation import stops_along, track_course
from routes.gpx.importer import ImportedTrack, to_geojson
from routes.gpx.match_report import MatchSummary, TrackFigures, match_summary
from routes.network.model import Network
from ui.qt import (
    QDockWidget,
    QLabel,
    QMessageBox,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.window_host import WindowHost
from ui.workers import Job

# What the undo history calls the replacement (French, like the other edit descriptions).
TRACK_EDIT_LABEL = "Remplacer le parcours par la trace importée"


def course_from_track(network: Network, track: ImportedTrack) -> ReplaceStops:
    """The course a matched track gives: its exact path when matched without a break, else route
    points along its parts on the network only (the router joins them over the network)."""
    edit = track_course(network, track)
    if not edit.course_nodes and track.snap is not None:
        on_network = [pt for piece in track.snap.pieces if piece.on_network
                      for pt in piece.points]
        stops = stops_along(on_network, latlon=True)
        if len(stops) >= 2:
            edit = ReplaceStops(stops)
    return replace(edit, label=TRACK_EDIT_LABEL)


class TrackPanel(QWidget):
    """The dock's content: what the track is, its figures, and what can be done with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; color: #00838f")
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.match_button = QPushButton(self.tr("Match on the network"))
        self.use_button = QPushButton(self.tr("Use as the course…"))
        self.remove_button = QPushButton(self.tr("Remove the track"))
        for widget in (self.title, self.figures, self.match_button, self.use_button,
                       self.remove_button):
            layout.addWidget(widget)
        layout.addStretch(1)


class TrackImport(QObject):
    """The import flow of one window (one imported track at a time)."""

    # The track is shown on the map with its figures.
    shown = Signal()
    # The matching report is open.
    matched = Signal()

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self._window = window
        self.track: ImportedTrack | None = None
        self.figures: TrackFigures | None = None
        self.summary: MatchSummary | None = None
        self.report_box: QMessageBox | None = None
        self.replace_box: QMessageBox | None = None
        self.panel = TrackPanel()
        self.dock = QDockWidget(self.tr("Imported track"), window)
        self.dock.setObjectName("ImportedTrackDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.panel.match_button.clicked.connect(lambda _checked=False: self.match())
        self.panel.use_button.clicked.connect(lambda _checked=False: self.use_as_course())
        self.panel.remove_button.clicked.connect(lambda _checked=False: self.remove())

    # -- reading -------------------------------------------------------------------------------
    def read(self, path: Path) -> Job:
        network = self._window.document.network
        return self._window.run_operation(
            self.tr("Reading the GPX track…"),
            lambda **kw: operations.read_gpx_track(path, network, **kw), self.show_track)

    def show_track(self, shown: operations.ShownTrack) -> None:
        """Show a track as recorded: its own layer and figures; the course is not touched."""
        self.track, self.figures, self.summary = shown.track, shown.figures, None
        self._draw()
        self.panel.figures.setText("\n".join(shown.figures.french_lines()))
        self.panel.match_button.setEnabled(self._window.document.network is not None)
        self.panel.use_button.setEnabled(False)
        self.dock.show()
        self.dock.raise_()
        self._window.map.fit_imported_track()
        self._window.status.setText(self.tr("GPX track shown, not matched: « %1 ». The course "
                                            "is unchanged.").replace("%1", shown.track.name))
        self.shown.emit()

    def _layer_title(self) -> str:
        if self.summary is None:
            return self.tr("Imported track (not matched)")
        return self.tr("Imported track (matched)")

    def _draw(self) -> None:
        if self.track is None:
            return
        title = self._layer_title()
        self.panel.title.setText(f"{title} — « {self.track.name} »")
        data: dict[str, Any] = to_geojson(self.track)
        data["matched"] = self.track.snap is not None
        self._window.map.set_imported_track(data, title,
                                            self.tr("Off the network: unsurveyed, not a path"))

    # -- matching ------------------------------------------------------------------------------
    def match(self) -> Job | None:
        track, network = self.track, self._window.document.network
        if track is None or network is None:
            return None
        return self._window.run_operation(
            self.tr("Matching the track on the network…"),
            lambda **kw: operations.match_gpx_track(track, network, **kw), self._matched)

    def _matched(self, track: ImportedTrack) -> None:
        self.track = track
        self.summary = match_summary(track)
        self._draw()
        lines = self.summary.french_lines()
        assert self.figures is not None
        self.panel.figures.setText("\n".join([*self.figures.french_lines(), "", *lines]))
        self.panel.match_button.setEnabled(False)
        self.panel.use_button.setEnabled(True)
        self._window.status.setText(self.tr("Imported track matched on the network; the course "
                                            "is unchanged."))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Track matched on the network"),
                          f"« {track.name} »\n\n" + "\n".join(lines), parent=self._window)
        box.setObjectName("track-match-report")
        use = box.addButton(self.tr("Use as the course…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep the track shown"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(use)
        box.finished.connect(lambda _r: self.use_as_course() if box.clickedButton() is use
                             else self._kept())
        self.report_box = box
        box.open()
        self.matched.emit()

    # -- replacing the course ------------------------------------------------------------------
    def use_as_course(self) -> None:
        """Replace the course by the matched track; asked first when there is a course."""
        doc = self._window.document
        if self.track is None or self.track.snap is None:
            return
        if self.summary is not None and self.summary.matched_m <= 0.0:
            self._window.status.setText(self.tr(
                "No part of the imported track runs on the network: it cannot become the "
                "course. The course is unchanged."))
            return
        if not doc.plan.stops:
            self.replace()
            return
        fmt = doc.current_format
        question = (self.tr("Replace the current course of « %1 »?").replace("%1", fmt.name)
                    if fmt is not None else self.tr("Replace the current course?"))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Imported track"), question,
                          parent=self._window)
        box.setObjectName("track-replace-question")
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep the track shown"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: self.replace() if box.clickedButton() is replace
                             else self._kept())
        self.replace_box = box
        box.open()

    def replace(self) -> None:
        """One undoable edit (tried like any other: refused with a message if it cannot route)."""
        network = self._window.document.network
        if self.track is None or network is None:
            return
        self._window.document.edit(course_from_track(network, self.track))
        self._window.map.fit_imported_track()

    def _kept(self) -> None:
        self._window.status.setText(self.tr("Imported track kept on the map; the course is "
                                            "unchanged."))

    def remove(self) -> None:
        """Take the imported track off the map (the course, if replaced, stays)."""
        self.track = self.figures = self.summary = None
        self._window.map.set_imported_track(None)
        self.dock.hide()
