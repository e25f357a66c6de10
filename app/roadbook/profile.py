"""The elevation profile as a drawn polyline with km and metre axes, coloured by gradient, with the
numbered waypoints and the terril summits climbed: the course sheet's samples, drawn as they are
(a stretch with no height is a gap, not a drop to 0 m)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import PurePath

import numpy as np
from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, String
from reportlab.lib import colors

from app.sheet import CourseSheet

FONT = "Helvetica"
FILL = colors.HexColor("#f3d9c6")
LINE = colors.HexColor("#a0522d")
#: (upper bound of the absolute gradient over 100 m, colour, legend).
GRADE_CLASSES = ((0.05, "#c5e1a5", "< 5 %"), (0.10, "#ffcc80", "5–10 %"),
                 (0.15, "#ef9a9a", "10–15 %"), (math.inf, "#b71c1c", "> 15 %"))
GRADE_WINDOW_M = 100.0


def grade_classes(distances_m: np.ndarray, heights: np.ndarray) -> np.ndarray:
    """Index in :data:`GRADE_CLASSES` of each interval between two samples."""
    if len(distances_m) < 2:
        return np.zeros(0, dtype=int)
    step = float(distances_m[1] - distances_m[0]) or 1.0
    half = max(1, round(GRADE_WINDOW_M / step / 2))
    index = np.arange(len(distances_m) - 1)
    lo = np.clip(index - half + 1, 0, len(heights) - 1)
    hi = np.clip(index + half, 0, len(heights) - 1)
    span = np.maximum(distances_m[hi] - distances_m[lo], step)
    grade = np.abs(heights[hi] - heights[lo]) / span
    bounds = np.array([c[0] for c in GRADE_CLASSES[:-1]])
    classes: np.ndarray = np.searchsorted(bounds, grade, side="right")
    return classes


def _step(span: float, count: int) -> float:
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return float(min((m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw),
                     default=10 * magnitude))


def _runs(known: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of consecutive known heights."""
    runs: list[tuple[int, int]] = []
    first = None
    for index, ok in enumerate(known.tolist()):
        if ok and first is None:
            first = index
        if not ok and first is not None:
            runs.append((first, index - 1))
            first = None
    if first is not None:
        runs.append((first, len(known) - 1))
    return [(a, b) for a, b in runs if b > a]


def profile_title(sheet: CourseSheet) -> str:
    if sheet.climb.estimated:
        return "ESTIMATION : hauteur relative des terrils, plaine à 0 m"
    names = ", ".join(PurePath(n).name for n in sheet.climb.dem_names)
    return "Altitudes : modèle numérique de terrain" + (f" ({names})" if names else "")


def elevation_profile(sheet: CourseSheet, *, width: float, height: float) -> Drawing:
    """The profile of ``sheet`` with its waypoints (numbered as in the roadbook's table of
    points) and the summits of the terrils it climbs."""
    drawing = Drawing(width, height)
    heights_all = sheet.profile_heights_m
    known = np.isfinite(heights_all)
    if not sheet.climb.known or known.sum() < 2:
        drawing.add(String(width / 2, height / 2, "Profil indisponible : aucune altitude connue "
                           "sur ce parcours", fontName=FONT + "-Bold", fontSize=9,
                           textAnchor="middle"))
        return drawing
    left, bottom, right, top = 38.0, 22.0, 8.0, 14.0
    plot_w, plot_h = width - left - right, height - bottom - top
    distances = sheet.profile_m
    km = distances / 1000.0
    heights = np.where(known, heights_all, np.nan)
    low, high, y_step = _height_axis(heights[known], sheet.climb.estimated)
    total = max(sheet.length_m / 1000.0, 0.1)

    def px(d: float) -> float:
        return left + d / total * plot_w

    def py(h: float) -> float:
        return bottom + (h - low) / (high - low) * plot_h

    xs = [px(d) for d in km.tolist()]
    ys = [py(h) if math.isfinite(h) else bottom for h in heights.tolist()]
    classes = grade_classes(distances, np.nan_to_num(heights))
    for first, last in _runs(known):
        start = first
        for end in range(first + 1, last + 1):
            if end == last or classes[end] != classes[start]:
                run = [v for i in range(start, end + 1) for v in (xs[i], ys[i])]
                colour = colors.HexColor(GRADE_CLASSES[int(classes[start])][1])
                drawing.add(Polygon([xs[start], bottom, *run, xs[end], bottom], fillColor=colour,
                                    strokeColor=None))
                start = end
        outline = [v for i in range(first, last + 1) for v in (xs[i], ys[i])]
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
    _marks(drawing, sheet, px, py, (bottom, plot_h), heights, known)
    _grade_legend(drawing, left + plot_w, height)
    drawing.add(String(left, height - 9, profile_title(sheet), fontName=FONT + "-Bold",
                       fontSize=8.5))
    return drawing


def _marks(drawing: Drawing, sheet: CourseSheet, px: Callable[[float], float],
           py: Callable[[float], float], frame: tuple[float, float], heights: np.ndarray,
           known: np.ndarray) -> None:
    """The numbered waypoints (dashed verticals) and the summits climbed (triangles; on the
    axis where the height is unknown)."""
    bottom, plot_h = frame
    distances = sheet.profile_m
    for number, point in enumerate(sheet.waypoints, start=1):
        x = px(point.distance_m / 1000.0)
        drawing.add(Line(x, bottom, x, bottom + plot_h, strokeColor=colors.HexColor("#1f5fa8"),
                         strokeWidth=0.6, strokeDashArray=[2, 2]))
        drawing.add(String(x + 2, bottom + plot_h - 8, str(number), fontName=FONT + "-Bold",
                           fontSize=7, fillColor=colors.HexColor("#1f5fa8")))
    for summit in sheet.terrils_climbed:
        nearest = int(np.argmin(np.abs(distances - summit.distance_m)))
        x = px(summit.distance_m / 1000.0)
        y = py(float(heights[nearest])) if known[nearest] else bottom
        drawing.add(Polygon([x - 3, y + 2, x + 3, y + 2, x, y + 7], fillColor=colors.black,
                            strokeColor=None))
        drawing.add(String(x, y + 9, summit.ref, fontName=FONT, fontSize=6.5,
                           textAnchor="middle"))


def _grade_legend(drawing: Drawing, right: float, height: float) -> None:
    legend_x = right
    for _, colour, text in reversed(GRADE_CLASSES):
        label = String(legend_x, height - 9, text, fontName=FONT, fontSize=6.5, textAnchor="end")
        legend_x -= len(text) * 3.4 + 2
        drawing.add(label)
        drawing.add(Polygon([legend_x - 8, height - 10, legend_x - 1, height - 10, legend_x - 1,
                             height - 4, legend_x - 8, height - 4],
                            fillColor=colors.HexColor(colour), strokeColor=None))
        legend_x -= 12


def _height_axis(heights: np.ndarray, from_zero: bool) -> tuple[float, float, float]:
    """Bottom, top and round step of the height axis."""
    low = 0.0 if from_zero else float(heights.min())
    high = max(float(heights.max()), low + 20.0)
    step = _step(high - low, 4)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step
