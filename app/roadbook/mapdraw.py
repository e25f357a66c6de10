"""The course map as vector graphics: network in grey, course in colour, numbered points."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from shapely.geometry import LineString, box
from shapely.ops import substring

from app.exports.cues import MapMark
from routes.geodesy import metric_xy
from routes.network.model import Network
from routes.outputs.unsurveyed import has_unsurveyed
from routes.provenance import PRACTICABILITY_UNKNOWN, is_surveyed

COURSE = colors.HexColor("#c0392b")
WAYPOINT = colors.HexColor("#1f5fa8")
ARROW = colors.HexColor("#7b241c")  # direction of travel on sections travelled twice
RUPTURE = colors.HexColor("#e67e22")
CAVALIER = colors.HexColor("#8a8a8a")
VELOROUTE = colors.HexColor("#6f9c76")
OTHER = colors.HexColor("#c8c8c8")
TERRIL = colors.HexColor("#3d3d3d")
UNKNOWN = colors.HexColor("#8e44ad")  # old railway line, practicability unknown
FONT = "Helvetica"
#: Dash pattern (points) of unsurveyed geometry: straight connectors nobody walked.
DASH = [3, 2.5]


class Pinned(Protocol):
    """Anything drawn at a position: a course point or a marshal post of the course sheet."""

    @property
    def lon(self) -> float: ...
    @property
    def lat(self) -> float: ...


class _Frame:
    """Lambert-93 metres to drawing points, same scale on both axes."""

    def __init__(self, xy: np.ndarray, width: float, height: float, margin: float) -> None:
        low, high = xy.min(axis=0), xy.max(axis=0)
        span = np.maximum(high - low, 500.0)
        self.scale = min((width - 2 * margin) / span[0], (height - 2 * margin) / span[1])
        centre = (low + high) / 2
        self.origin = centre - np.array([width, height]) / 2 / self.scale
        self.bounds = (self.origin, self.origin + np.array([width, height]) / self.scale)

    def points(self, xy: np.ndarray) -> list[float]:
        return ((xy - self.origin) * self.scale).ravel().tolist()  # type: ignore[no-any-return]

    def clip(self, xy: np.ndarray) -> list[np.ndarray]:
        """The parts of a metric polyline inside the map frame (the PDF is not clipped)."""
        low, high = self.bounds
        frame, line = box(*low, *high), LineString(xy)
        if not line.intersects(frame):
            return []
        inside = line.intersection(frame)
        parts = getattr(inside, "geoms", [inside])
        return [np.asarray(part.coords) for part in parts
                if part.geom_type == "LineString" and not part.is_empty]


def _xy(coords: Sequence[Sequence[float]]) -> np.ndarray:
    lonlat = np.asarray([c[:2] for c in coords], dtype=float)
    return metric_xy(lonlat[:, 0], lonlat[:, 1])


def _badge(drawing: Drawing, x: float, y: float, text: str, fill: colors.Color,
           square: bool = False) -> None:
    size = 6.5
    if square:
        drawing.add(Rect(x - size, y - size, 2 * size, 2 * size, fillColor=fill,
                         strokeColor=colors.white, strokeWidth=0.8))
    else:
        drawing.add(Circle(x, y, size, fillColor=fill, strokeColor=colors.white, strokeWidth=0.8))
    drawing.add(String(x, y - 2.6, text, fontName=FONT + "-Bold", fontSize=7,
                       fillColor=colors.white, textAnchor="middle"))


def _terrils(drawing: Drawing, network: Network, frame: _Frame, visited: set[str]) -> None:
    """Terrils as small dark triangles; the ones the course visits carry their number."""
    low, high = frame.bounds
    for place in network.places.places:
        if place.kind != "terril":
            continue
        xy = _xy([(place.lon, place.lat)])
        if not ((xy[0] >= low) & (xy[0] <= high)).all():
            continue
        x, y = frame.points(xy)
        drawing.add(Polygon([x - 3.5, y - 2.5, x + 3.5, y - 2.5, x, y + 3.5],
                            fillColor=TERRIL, strokeColor=None))
        if place.key in visited:
            drawing.add(String(x + 5, y + 2, place.key, fontName=FONT, fontSize=6.5,
                               fillColor=TERRIL))


def _scale_bar(drawing: Drawing, frame: _Frame) -> None:
    target = 120 / frame.scale  # about 120 points of map
    magnitude = 10 ** math.floor(math.log10(target))
    metres = max(m * magnitude for m in (1, 2, 5) if m * magnitude <= target)
    length = metres * frame.scale
    x, y = 14, 14
    drawing.add(Rect(x - 4, y - 5, length + 50, 20, fillColor=colors.white, strokeColor=None,
                     fillOpacity=0.8))
    drawing.add(Line(x, y, x + length, y, strokeWidth=2))
    for tick in (x, x + length / 2, x + length):
        drawing.add(Line(tick, y - 3, tick, y + 3, strokeWidth=1))
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    drawing.add(String(x + length + 5, y - 3, label, fontName=FONT, fontSize=8))


def _north_arrow(drawing: Drawing, width: float, height: float) -> None:
    x, y = width - 22, height - 40
    drawing.add(Polygon([x, y + 22, x - 7, y, x, y + 5, x + 7, y], fillColor=colors.black,
                        strokeColor=colors.black))
    drawing.add(String(x, y + 25, "N", fontName=FONT + "-Bold", fontSize=10, textAnchor="middle"))


def _stretches(course: np.ndarray, length_m: float | None,
               unsurveyed: Sequence[tuple[float, float]]) -> list[np.ndarray]:
    """The metric parts of the course between the given distances (route metres)."""
    if not unsurveyed or len(course) < 2:
        return []
    line = LineString(course)
    scale = line.length / length_m if length_m else 1.0
    parts = [substring(line, a * scale, b * scale) for a, b in unsurveyed
             if has_unsurveyed(b - a)]  # not the 1 m stubs joining a place lying on a line
    return [np.asarray(p.coords) for p in parts if p.geom_type == "LineString" and p.length > 0]


def _marks(drawing: Drawing, frame: _Frame, marks: Sequence[MapMark]) -> None:
    """Arrows in the direction of travel (beside the line, on the right), then km markers
    (small boxes: « 5 », « 10 »)."""
    for mark in marks:
        x, y = frame.points(_xy([(mark.lon, mark.lat)]))
        if mark.bearing_deg is None:
            continue
        dx, dy = math.sin(math.radians(mark.bearing_deg)), math.cos(math.radians(mark.bearing_deg))
        px, py = dy, -dx  # right of the direction of travel: the two ways of a section apart
        cx, cy = x + 5 * px, y + 5 * py
        drawing.add(Polygon([cx + 4 * dx, cy + 4 * dy, cx - 3 * dx + 2.6 * px,
                             cy - 3 * dy + 2.6 * py, cx - 3 * dx - 2.6 * px,
                             cy - 3 * dy - 2.6 * py], fillColor=ARROW, strokeColor=None))
    for mark in marks:
        if mark.bearing_deg is not None:
            continue
        x, y = frame.points(_xy([(mark.lon, mark.lat)]))
        text = f"{mark.km:.0f}"
        w = stringWidth(text, FONT + "-Bold", 6.5) + 4
        drawing.add(Rect(x - w / 2, y + 4, w, 9, fillColor=colors.white, strokeColor=COURSE,
                         strokeWidth=0.6))
        drawing.add(String(x, y + 6.2, text, fontName=FONT + "-Bold", fontSize=6.5,
                           fillColor=COURSE, textAnchor="middle"))


def course_map(network: Network, coords: Sequence[Sequence[float]], waypoints: Sequence[Pinned],
               posts: Sequence[Pinned], *, width: float, height: float,
               osm_credit: bool, visited: Sequence[str] = (),
               unsurveyed: Sequence[tuple[float, float]] = (),
               length_m: float | None = None,
               post_labels: Sequence[str] | None = None, show_ends: bool = True,
               marks: Sequence[MapMark] = ()) -> Drawing:
    """The course over the network. ``unsurveyed``: (start, end) in route metres of the stretches
    on unsurveyed edges, dashed (``length_m``: the route's length those distances refer to);
    ``posts`` are drawn as orange squares labelled ``post_labels`` (default 1, 2...); ``marks``:
    km markers and direction arrows (app.exports.cues)."""
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.HexColor("#fbfbf7"),
                     strokeColor=colors.black, strokeWidth=0.5))
    course = _xy(coords)
    frame = _Frame(course, width, height, margin=28)
    drawn: set[tuple[int, int]] = set()
    layers: list[tuple[int, list[float], colors.Color, float, list[float] | None]] = []
    for u, v, data in network.graph.edges(data=True):
        if (v, u) in drawn or data.get("geometry") is None:
            continue
        drawn.add((u, v))
        dash = None if is_surveyed(data) else DASH
        for xy in frame.clip(_xy(list(data["geometry"].coords))):
            if data.get("practicability") == PRACTICABILITY_UNKNOWN:
                layers.append((1, frame.points(xy), UNKNOWN, 1.2, [1, 1.5]))
            elif data.get("cavalier"):
                layers.append((1, frame.points(xy), CAVALIER, 1.2, dash))
            elif data.get("veloroute"):
                layers.append((2, frame.points(xy), VELOROUTE, 1.4, dash))
            else:
                layers.append((0, frame.points(xy), OTHER, 0.7, dash))
    for _, points, colour, stroke, dashes in sorted(layers, key=lambda t: t[0]):
        drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=stroke,
                             strokeDashArray=dashes))
    _terrils(drawing, network, frame, set(visited))
    drawing.add(PolyLine(frame.points(course), strokeColor=colors.white, strokeWidth=4.5))
    drawing.add(PolyLine(frame.points(course), strokeColor=COURSE, strokeWidth=2.6))
    for part in _stretches(course, length_m, unsurveyed):
        drawing.add(PolyLine(frame.points(part), strokeColor=colors.white, strokeWidth=3.2))
        drawing.add(PolyLine(frame.points(part), strokeColor=COURSE, strokeWidth=2.6,
                             strokeDashArray=DASH))
    _marks(drawing, frame, marks)
    for number, mark in enumerate(posts, start=1):
        x, y = frame.points(_xy([(mark.lon, mark.lat)]))
        text = post_labels[number - 1] if post_labels is not None else str(number)
        _badge(drawing, x, y, text, RUPTURE, square=True)
    for number, mark in enumerate(waypoints, start=1):
        x, y = frame.points(_xy([(mark.lon, mark.lat)]))
        _badge(drawing, x, y, str(number), WAYPOINT)
    if show_ends:
        (sx, sy), (ex, ey) = (frame.points(course[:1]), frame.points(course[-1:]))
        _badge(drawing, ex, ey, "A", colors.black)
        _badge(drawing, sx, sy, "D", colors.HexColor("#1e8449"))
    _scale_bar(drawing, frame)
    _north_arrow(drawing, width, height)
    if osm_credit:
        drawing.add(String(width - 6, 6, "© contributeurs OpenStreetMap", fontName=FONT,
                           fontSize=7, textAnchor="end"))
    return drawing


def legend(width: float, *, with_waypoints: bool, with_ruptures: bool,
           with_unsurveyed: bool = False, with_unknown: bool = False,
           with_arrows: bool = False) -> Drawing:
    items: list[tuple[str, colors.Color, str]] = [("Parcours", COURSE, "line")]
    if with_arrows:
        items.append(("Sens de course (aller-retour, tronçon commun), bornes km", ARROW,
                      "arrow"))
    if with_unsurveyed:
        items.append(("Non relevé (ligne droite, à vérifier)", COURSE, "dash"))
    items += [("Cavaliers", CAVALIER, "line"),
        ("Véloroute", VELOROUTE, "line"), ("Autres chemins", OTHER, "line"),
        *([("Ancien tracé, praticabilité inconnue", UNKNOWN, "dots")] if with_unknown else []),
        ("Terrils", TERRIL, "triangle"),
        ("Départ (D), arrivée (A)", colors.HexColor("#1e8449"), "dot")]
    if with_waypoints:
        items.append(("Points du parcours", WAYPOINT, "dot"))
    if with_ruptures:
        items.append(("Postes de signaleurs (n°)", RUPTURE, "square"))
    placed: list[tuple[float, int, str, colors.Color, str]] = []
    x, row = 0.0, 0
    for label, colour, shape in items:
        advance = 26 + stringWidth(label, FONT, 7.5)
        if x + advance > width and x > 0:
            x, row = 0.0, row + 1
        placed.append((x, row, label, colour, shape))
        x += advance
    rows = row + 1
    drawing = Drawing(width, 14 * rows + 2)
    for x, row, label, colour, shape in placed:
        y = 14 * (rows - 1 - row)
        if shape == "line":
            drawing.add(Line(x, y + 6, x + 16, y + 6, strokeColor=colour, strokeWidth=2.5))
        elif shape in ("dash", "dots"):
            drawing.add(Line(x, y + 6, x + 16, y + 6, strokeColor=colour, strokeWidth=2.5,
                             strokeDashArray=DASH if shape == "dash" else [1, 1.5]))
        elif shape == "dot":
            drawing.add(Circle(x + 8, y + 6, 4.5, fillColor=colour, strokeColor=None))
        elif shape == "arrow":
            drawing.add(Polygon([x + 14, y + 6, x + 5, y + 10, x + 5, y + 2], fillColor=colour,
                                strokeColor=None))
        elif shape == "triangle":
            drawing.add(Polygon([x + 3.5, y + 2, x + 12.5, y + 2, x + 8, y + 10],
                                fillColor=colour, strokeColor=None))
        else:
            drawing.add(Rect(x + 3.5, y + 1.5, 9, 9, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 20, y + 3, label, fontName=FONT, fontSize=7.5))
    return drawing
