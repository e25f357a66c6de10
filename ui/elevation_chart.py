"""The elevation profile (QtCharts): coloured by gradient, with round km ticks (0, 5, 10 km),
the route's stops and terril summits; hovering it reports the point under the mouse. Without
elevations it shows a wrapped message and no axes (no fake 0–1 km, 0–100 m scale)."""

from __future__ import annotations

import math

from app.route_stats import ProfileMark, ProfilePoint, nearest_profile_point
from ui.qt import (
    QChart,
    QChartView,
    QColor,
    QFont,
    QLabel,
    QLineSeries,
    QLocale,
    QPainter,
    QPen,
    QPointF,
    QScatterSeries,
    Qt,
    QValueAxis,
    QWidget,
    Signal,
)

#: (upper bound of the absolute gradient over ~100 m, colour); same classes as the roadbook.
GRADE_COLOURS = ((0.05, "#7cb342"), (0.10, "#fb8c00"), (0.15, "#e53935"), (math.inf, "#7f0000"))
MARK_COLOURS = {"stop": "#1565c0", "terril": "#212121"}


def nice_step(span: float, count: int = 6) -> float:
    """A round tick interval (1, 2, 5 × 10ⁿ) giving about ``count`` ticks over ``span``."""
    raw = max(span, 1e-9) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


def grade_class(grade: float) -> int:
    return next(i for i, (bound, _) in enumerate(GRADE_COLOURS) if abs(grade) < bound)


class ElevationChart(QChartView):
    hovered = Signal(float, float)  # lon, lat of the profile point under the mouse
    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        self._chart = QChart()
        super().__init__(self._chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMouseTracking(True)
        self.setMinimumHeight(190)
        self._chart.legend().hide()
        self._chart.setLocale(QLocale())  # « 0,5 km », not « 0.5 »
        self._chart.setLocalizeNumbers(True)
        self._chart.setMargins(self._chart.margins() * 0)
        self.empty_message = QLabel(self.tr("No elevation: import a DEM to see the profile"),
                                    self)
        self.empty_message.setWordWrap(True)
        self.empty_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_message.setContentsMargins(12, 12, 12, 12)
        self._x = QValueAxis()
        self._x.setTitleText(self.tr("Distance (km)"))
        self._x.setTickType(QValueAxis.TickType.TicksDynamic)
        self._x.setTickAnchor(0.0)
        self._y = QValueAxis()
        self._y.setTitleText(self.tr("Elevation (m)"))
        self._y.setLabelFormat("%.0f")
        self._y.setTickType(QValueAxis.TickType.TicksDynamic)
        self._y.setTickAnchor(0.0)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        for axis in (self._x, self._y):
            axis.setTitleFont(small)
            axis.setLabelsFont(small)
        self._chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        self._series = QLineSeries()  # the whole profile, thin; hover maps against it
        self._series.setPen(QPen(QColor("#5d4037"), 1.0))
        self._add(self._series)
        self._pieces: list[QLineSeries] = []
        self._marks = QScatterSeries()
        self._marks.setMarkerSize(9.0)
        self._marks.setPointLabelsVisible(True)
        self._marks.setPointLabelsFormat("@pointLabel")
        self._summits = QScatterSeries()
        self._summits.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeTriangle)
        self._summits.setMarkerSize(11.0)
        self._summits.setColor(QColor(MARK_COLOURS["terril"]))
        self._marks.setColor(QColor(MARK_COLOURS["stop"]))
        self._add(self._marks)
        self._add(self._summits)
        self._points: list[ProfilePoint] = []
        self.mark_labels: list[str] = []
        self.set_points([])

    def _add(self, series: QLineSeries | QScatterSeries) -> None:
        self._chart.addSeries(series)
        series.attachAxis(self._x)
        series.attachAxis(self._y)

    @property
    def points(self) -> list[ProfilePoint]:
        return self._points

    def set_points(self, points: list[ProfilePoint],
                   marks: list[ProfileMark] | None = None) -> None:
        self._points = points
        self._series.replace([QPointF(p.distance_km, p.elevation_m) for p in points])
        self._draw_gradients(points)
        if points:
            low = min(p.elevation_m for p in points)
            high = max(p.elevation_m for p in points)
            total = max(points[-1].distance_km, 0.1)
            step = nice_step(total)
            self._x.setRange(0.0, total)
            self._x.setTickInterval(step)
            self._x.setLabelFormat("%.0f" if step >= 1 else "%.1f")
            y_step = nice_step(max(high - low, 10.0), 4)
            self._y.setRange(math.floor((low - 2) / y_step) * y_step,
                             math.ceil((high + 2) / y_step) * y_step)
            self._y.setTickInterval(y_step)
        for axis in (self._x, self._y):
            axis.setVisible(bool(points))
        self.empty_message.setVisible(not points)
        self._draw_marks(marks or [] if points else [])

    def _draw_gradients(self, points: list[ProfilePoint]) -> None:
        for series in self._pieces:
            self._chart.removeSeries(series)
        self._pieces = []
        if len(points) < 2:
            return
        classes = []
        for index in range(len(points) - 1):
            back = points[max(index - 5, 0)]
            ahead = points[min(index + 5, len(points) - 1)]
            run = (ahead.distance_km - back.distance_km) * 1000.0
            classes.append(grade_class((ahead.elevation_m - back.elevation_m) / run
                                       if run > 0 else 0.0))
        start = 0
        for end in range(1, len(points)):
            if end == len(points) - 1 or classes[end] != classes[start]:
                piece = QLineSeries()
                piece.setPen(QPen(QColor(GRADE_COLOURS[classes[start]][1]), 3.0))
                piece.replace([QPointF(p.distance_km, p.elevation_m)
                               for p in points[start:end + 1]])
                self._add(piece)
                self._pieces.append(piece)
                start = end

    def _draw_marks(self, marks: list[ProfileMark]) -> None:
        stops: list[QPointF] = []
        summits: list[QPointF] = []
        self.mark_labels = []
        for mark in marks:
            point = self.point_at_distance(mark.distance_km)
            if point is None:
                continue
            spot = QPointF(mark.distance_km, point.elevation_m)
            (summits if mark.kind == "terril" else stops).append(spot)
            self.mark_labels.append(mark.label)
        self._marks.replace(stops)
        self._summits.replace(summits)
        self._marks.setPointLabelsVisible(False)
        self._summits.setPointLabelsVisible(False)
        for series in (self._marks, self._summits):
            self._chart.removeSeries(series)
            self._add(series)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.empty_message.setGeometry(self.rect())

    def point_at_distance(self, distance_km: float) -> ProfilePoint | None:
        return nearest_profile_point(self._points, distance_km)

    def mouseMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().mouseMoveEvent(event)
        if not self._points:
            return
        value = self._chart.mapToValue(event.position(), self._series)
        point = self.point_at_distance(value.x())
        if point is not None:
            self.hovered.emit(point.lon, point.lat)

    def leaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().leaveEvent(event)
        self.left.emit()
