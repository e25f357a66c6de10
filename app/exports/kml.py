"""KML 2.2 (Organic Maps, Google Earth, OsmAnd): the course line and a placemark per point."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from app.exports.courses import Course
from app.exports.files import write_atomic
from routes.frenchfmt import number
from routes.gpx.model import WAYPOINT_KINDS

NS = "http://www.opengis.net/kml/2.2"
LINE_COLOUR = "ff2f39c0"  # aabbggrr: the map's route red, opaque


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _coords(lat: float, lon: float, ele: float | None) -> str:
    return f"{lon:.7f},{lat:.7f}" + ("" if ele is None else f",{ele:.1f}")


def kml_text(course: Course) -> str:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}kml")
    document = _sub(root, "Document")
    _sub(document, "name", f"{course.meta.event} — {course.name}")
    if course.track.description:
        _sub(document, "description", course.track.description)
    style = _sub(document, "Style", None)
    style.set("id", "parcours")
    line_style = _sub(style, "LineStyle")
    _sub(line_style, "color", LINE_COLOUR)
    _sub(line_style, "width", "4")
    line = _sub(document, "Placemark")
    _sub(line, "name", course.name)
    _sub(line, "styleUrl", "#parcours")
    geometry = _sub(line, "LineString")
    _sub(geometry, "tessellate", "1")
    with_ele = course.track.points[0][2] is not None
    if with_ele:
        _sub(geometry, "altitudeMode", "clampToGround")
    _sub(geometry, "coordinates", " ".join(_coords(*p) for p in course.track.points))
    folder = _sub(document, "Folder")
    _sub(folder, "name", "Points du parcours")
    for point in course.points:
        placemark = _sub(folder, "Placemark")
        _sub(placemark, "name", point.name)
        label = WAYPOINT_KINDS[point.kind].label
        where = f"{label} — km {number(point.distance_m / 1000)}"
        _sub(placemark, "description", f"{where}. {point.note}" if point.note else where)
        _sub(_sub(placemark, "Point"), "coordinates", _coords(point.lat, point.lon, None))
    ET.indent(root)
    text: str = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return text + "\n"


def write_kml_file(path: Path, course: Course) -> Path:
    return write_atomic(path, kml_text(course).encode("utf-8"))
