"""A junction drawn small (reportlab graphics, north up): the way the course arrives by, the way it
takes, the other ways, and the arrow to place."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, String
from reportlab.lib import colors

from routes.outputs.decisions import Decision

TAKEN = colors.HexColor("#c0392b")
ARRIVAL = colors.HexColor("#e8a59c")
OTHER = colors.HexColor("#9a9a9a")
OTHER_FORMAT = colors.HexColor("#6c8fc7")
ARROW = colors.HexColor("#1f5fa8")
RADIUS_M = 60.0
_M_PER_DEG = math.radians(1.0) * 6_371_008.8


def _arrow(drawing: Drawing, cx: float, cy: float, bearing: float, length: float) -> None:
    dx, dy = math.sin(math.radians(bearing)), math.cos(math.radians(bearing))
    start, tip = 0.15 * length, length
    head = 0.38 * length
    drawing.add(Line(cx + dx * start, cy + dy * start, cx + dx * (tip - head * 0.6),
                     cy + dy * (tip - head * 0.6), strokeColor=ARROW, strokeWidth=2.6))
    px, py = -dy, dx  # perpendicular
    base_x, base_y = cx + dx * (tip - head), cy + dy * (tip - head)
    drawing.add(Polygon([cx + dx * tip, cy + dy * tip,
                         base_x + px * head * 0.45, base_y + py * head * 0.45,
                         base_x - px * head * 0.45, base_y - py * head * 0.45],
                        fillColor=ARROW, strokeColor=ARROW, strokeWidth=0.5))


def junction_drawing(decision: Decision, size: float = 72.0) -> Drawing:
    drawing = Drawing(size, size)
    cx = cy = size / 2
    scale = (size / 2 - 3) / RADIUS_M
    kx = math.cos(math.radians(decision.lat)) * _M_PER_DEG

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (cx + (lon - decision.lon) * kx * scale, cy + (lat - decision.lat) * _M_PER_DEG
                * scale)

    order = {"other": 0, "arrival": 1, "taken": 2}
    for way in sorted(decision.ways, key=lambda w: order[w.role]):
        points = [c for p in way.line for c in xy(*p)]
        if len(points) < 4:
            continue
        colour, width = {"taken": (TAKEN, 3.2), "arrival": (ARRIVAL, 3.2)}.get(
            way.role, (OTHER_FORMAT if way.other_formats else OTHER, 1.8))
        drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=width,
                             strokeLineCap=1, strokeLineJoin=1))
    _arrow(drawing, cx, cy, decision.bearing_deg, size * 0.36)
    drawing.add(Circle(cx, cy, 2.2, fillColor=colors.black, strokeColor=colors.white,
                       strokeWidth=0.5))
    drawing.add(String(4, size - 9, "N", fontName="Helvetica-Bold", fontSize=6.5))
    drawing.add(Line(6.2, size - 12, 6.2, size - 18, strokeColor=colors.black, strokeWidth=0.6))
    return drawing
