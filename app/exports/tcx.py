"""TCX course (Garmin Training Center v2): track points with distance and course points.

The v2 schema limits a course name to 15 characters and a course point name to 10, and knows a
short list of point types; longer names are cut, other types become « Generic ».
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from app.exports.courses import Course
from app.exports.files import write_atomic
from app.exports.pace import FALLBACK_PACE, LOCAL_TIME, NO_START  # not fit: fit_tool is slow
from app.sheet import SheetPoint
from routes.gpx.model import WAYPOINT_KINDS

NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
COURSE_NAME_MAX = 15
POINT_NAME_MAX = 10
POINT_TYPES = frozenset({"Generic", "Summit", "Valley", "Water", "Food", "Danger", "Left",
                         "Right", "Straight", "First Aid", "4th Category", "3rd Category",
                         "2nd Category", "1st Category", "Hors Category", "Sprint"})


#: Short label of each kind, numbered when names would repeat (« Ravito 1 », « Ravito 2 »).
SHORT_LABEL = {"depart": "Depart", "arrivee": "Arrivee", "ravitaillement": "Ravito",
               "epreuve": "Epreuve", "controle": "Controle", "secours": "Secours",
               "signaleur": "Signaleur", "traversee": "Traversee", "terril": "Terril",
               "gauche": "Gauche", "droite": "Droite", "tout_droit": "Tt droit",
               "demi_tour": "Demi-tour"}


def point_names(points: Sequence[SheetPoint]) -> list[str]:
    """A name per course point, at most :data:`POINT_NAME_MAX` characters and unique: a name
    that would repeat once cut becomes the kind's short label and its number."""
    cut = [" ".join(p.name.split())[:POINT_NAME_MAX].strip() or "Point" for p in points]
    counts: dict[str, int] = {}
    names = []
    for point, short_name in zip(points, cut, strict=True):
        if cut.count(short_name) > 1 or point.kind in ("gauche", "droite", "tout_droit",
                                                        "demi_tour"):
            label = SHORT_LABEL.get(point.kind, "Point")
            counts[label] = counts.get(label, 0) + 1
            number = str(counts[label])
            names.append(f"{label[:POINT_NAME_MAX - len(number) - 1]} {number}")
        else:
            names.append(short_name)
    seen: dict[str, int] = {}
    unique = []
    for name in names:  # a cut name equal to a numbered one: number it too
        seen[name] = seen.get(name, 0) + 1
        suffix = f"-{seen[name]}" if seen[name] > 1 else ""
        unique.append(name[:POINT_NAME_MAX - len(suffix)] + suffix if suffix else name)
    return unique


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _position(parent: ET.Element, tag: str, lat: float, lon: float) -> None:
    position = _sub(parent, tag)
    _sub(position, "LatitudeDegrees", f"{lat:.7f}")
    _sub(position, "LongitudeDegrees", f"{lon:.7f}")


def tcx_text(course: Course) -> str:
    pace = course.pace or FALLBACK_PACE
    start = course.start.replace(tzinfo=LOCAL_TIME) if course.start else NO_START
    climb = course.climb_profile_m
    points = course.track.points
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}TrainingCenterDatabase",
                      {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    xml_course = _sub(_sub(root, "Courses"), "Course")
    _sub(xml_course, "Name", " ".join(course.name.split())[:COURSE_NAME_MAX].strip())
    elapsed = [pace.expected(float(d), None if climb is None else float(climb[i]))
               for i, d in enumerate(course.cumulative_m)]
    lap = _sub(xml_course, "Lap")
    _sub(lap, "TotalTimeSeconds", f"{elapsed[-1].total_seconds():.0f}")
    _sub(lap, "DistanceMeters", f"{course.distance_m:.1f}")
    _position(lap, "BeginPosition", points[0][0], points[0][1])
    _position(lap, "EndPosition", points[-1][0], points[-1][1])
    _sub(lap, "Intensity", "Active")
    track = _sub(xml_course, "Track")
    for i, (lat, lon, ele) in enumerate(points):
        trackpoint = _sub(track, "Trackpoint")
        _sub(trackpoint, "Time", _time(start + elapsed[i]))
        _position(trackpoint, "Position", lat, lon)
        if ele is not None:
            _sub(trackpoint, "AltitudeMeters", f"{ele:.1f}")
        _sub(trackpoint, "DistanceMeters", f"{course.cumulative_m[i]:.1f}")
    if course.track.description:
        _sub(xml_course, "Notes", course.track.description)
    for point, name in zip(course.points, point_names(course.points), strict=True):
        xml_point = _sub(xml_course, "CoursePoint")
        _sub(xml_point, "Name", name)
        head = point.head if point.head is not None else pace.expected(point.distance_m,
                                                                       point.climb_m)
        _sub(xml_point, "Time", _time(start + head))
        _position(xml_point, "Position", point.lat, point.lon)
        kind = WAYPOINT_KINDS[point.kind].type
        _sub(xml_point, "PointType", kind if kind in POINT_TYPES else "Generic")
        _sub(xml_point, "Notes", f"{point.name} — km {point.distance_m / 1000:.1f}".replace(
            ".", ","))
    ET.indent(root)
    text: str = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return text + "\n"


def write_tcx_file(path: Path, course: Course) -> Path:
    return write_atomic(path, tcx_text(course).encode("utf-8"))
