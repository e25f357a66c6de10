"""The elevation profile as a drawn polyline with km and metre axes."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, String
from reportlab.lib import colors

from routes.stats import ElevationTrace, Mark

FONT = "Helvetica"
FILL = colors.HexColor("#f3d9c6")
LINE = colors.HexColor("#a0522d")


def _step(span: float, count: int) -> float:
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return float(min((m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw),
                     default=10 * magnitude))


def elevation_profile(trace: ElevationTrace, waypoints: Sequence[Mark], *, width: float,
                      height: float) -> Drawing:
    drawing = Drawing(width, height)
    left, bottom, right, top = 38.0, 22.0, 8.0, 14.0
    plot_w, plot_h = width - left - right, height - bottom - top
    km = trace.distances_m / 1000.0
    heights = np.nan_to_num(trace.elevations_m)
    low = 0.0 if trace.is_estimate else math.floor(float(heights.min()) / 10) * 10
    high = max(float(heights.max()), low + 20.0)
    y_step = _step(high - low, 4)
    high = math.ceil(high / y_step) * y_step
    total = max(float(km[-1]) if len(km) else 1.0, 0.1)

    def px(d: float) -> float:
        return left + d / total * plot_w

    def py(h: float) -> float:
        return bottom + (h - low) / (high - low) * plot_h

    xs = [px(d) for d in km.tolist()]
    ys = [py(h) for h in heights.tolist()]
    outline = [v for pair in zip(xs, ys, strict=True) for v in pair]
    drawing.add(Polygon([left, bottom, *outline, xs[-1], bottom], fillColor=FILL,
                        strokeColor=None))
    drawing.add(PolyLine(outline, strokeColor=LINE, strokeWidth=1.2))
    grid = colors.HexColor("#bbbbbb")
    value = low
    while value <= high + 1e-6:
        drawing.add(Line(left, py(value), left + plot_w, py(value), strokeColor=grid,
                         strokeWidth=0.3))
        drawing.add(String(left - 4, py(value) - 3, f"{value:.0f} m", fontName=FONT, fontSize=7,
                           textAnchor="end"))
        value += y_step
    x_step = _step(total, 10)
    mark = 0.0
    while mark <= total + 1e-6:
        drawing.add(Line(px(mark), bottom, px(mark), bottom - 3, strokeWidth=0.5))
        drawing.add(String(px(mark), bottom - 11, f"{mark:g}", fontName=FONT, fontSize=7,
                           textAnchor="middle"))
        mark += x_step
    drawing.add(String(left + plot_w, 2, "km", fontName=FONT, fontSize=7, textAnchor="end"))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeWidth=0.6))
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeWidth=0.6))
    for number, point in enumerate(waypoints, start=1):
        x = px(point.distance_m / 1000.0)
        drawing.add(Line(x, bottom, x, bottom + plot_h, strokeColor=colors.HexColor("#1f5fa8"),
                         strokeWidth=0.6, strokeDashArray=[2, 2]))
        drawing.add(String(x + 2, bottom + plot_h - 8, str(number), fontName=FONT + "-Bold",
                           fontSize=7, fillColor=colors.HexColor("#1f5fa8")))
    title = ("ESTIMATION : hauteur relative des terrils, plaine à 0 m"
             if trace.is_estimate else f"Altitudes : {trace.source}")
    drawing.add(String(left, height - 9, title, fontName=FONT + "-Bold", fontSize=8.5))
    return drawing
