"""The elevation profile (QtCharts); hovering it reports the point under the mouse."""

from __future__ import annotations

from ui.qt import (
    QChart,
    QChartView,
    QLineSeries,
    QPainter,
    QPointF,
    Qt,
    QValueAxis,
    QWidget,
    Signal,
)
from ui.route_stats import ProfilePoint, nearest_profile_point


class ElevationChart(QChartView):
    hovered = Signal(float, float)  # lon, lat of the profile point under the mouse
    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        self._chart = QChart()
        super().__init__(self._chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMouseTracking(True)
        self.setMinimumHeight(160)
        self._chart.legend().hide()
        self._chart.setMargins(self._chart.margins() * 0)
        self._series = QLineSeries()
        self._chart.addSeries(self._series)
        self._x = QValueAxis()
        self._x.setTitleText(self.tr("Distance (km)"))
        self._x.setLabelFormat("%.1f")
        self._y = QValueAxis()
        self._y.setTitleText(self.tr("Elevation (m)"))
        self._y.setLabelFormat("%.0f")
        self._chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(self._y, Qt.AlignmentFlag.AlignLeft)
        self._series.attachAxis(self._x)
        self._series.attachAxis(self._y)
        self._points: list[ProfilePoint] = []
        self.set_points([])

    @property
    def points(self) -> list[ProfilePoint]:
        return self._points

    def set_points(self, points: list[ProfilePoint]) -> None:
        self._points = points
        self._series.replace([QPointF(p.distance_km, p.elevation_m) for p in points])
        if points:
            low = min(p.elevation_m for p in points)
            high = max(p.elevation_m for p in points)
            self._x.setRange(0.0, max(points[-1].distance_km, 0.1))
            self._y.setRange(low - 5.0, high + 5.0)
            self._chart.setTitle("")
        else:
            self._x.setRange(0.0, 1.0)
            self._y.setRange(0.0, 100.0)
            self._chart.setTitle(self.tr("No elevation: import a DEM to see the profile"))

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
