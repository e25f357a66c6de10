"""The participants' files from app.exports, read back by independent readers: Garmin's own FIT
SDK for the FIT course, gpxpy and the GPX 1.1 XSD for the GPX, the XML parser for KML and TCX."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import defusedxml.ElementTree as SafeET
import gpxpy
import pytest
import xmlschema
from garmin_fit_sdk import Decoder, Stream
from shared_data import shared_path

from app.exports.courses import Course, course_of_track
from app.exports.cuesheet import csv_text, cue_rows
from app.exports.fit import fit_bytes
from app.exports.gpx import COMPATIBLE_MAX_POINTS, gpx_text
from app.exports.kml import kml_text
from app.exports.pace import Pace, PaceError, parse_pace
from app.exports.page import Download, PageFormat, write_page
from app.exports.tcx import POINT_NAME_MAX, POINT_TYPES, tcx_text
from app.model import Event
from routes.gpx.convert import course_from_import
from routes.gpx.importer import import_gpx
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta

pytestmark = pytest.mark.shared

#: What Garmin's SDK calls our kinds (FIT profile course_point names).
FIT_TYPES = {"ravitaillement": "aid_station", "secours": "first_aid", "controle": "checkpoint",
             "signaleur": "danger", "traversee": "crossing", "terril": "summit",
             "epreuve": "generic"}


def _stage(name: str) -> CourseTrack:
    return course_from_import(import_gpx(shared_path("data", "eurovelo5-gpx", name)))


def _with_waypoints(track: CourseTrack) -> CourseTrack:
    """Waypoints a few metres off real track points, one per kind we export."""
    kinds = list(FIT_TYPES)
    waypoints = []
    for number, kind in enumerate(kinds):
        lat, lon, _ = track.points[(number + 1) * len(track.points) // (len(kinds) + 1)]
        waypoints.append(CourseWaypoint(f"Point {number + 1} ({kind})", lat + 2e-5, lon, kind))
    return CourseTrack(track.name, track.points, waypoints, "Vélo, 24 km", track.start_time)


@pytest.fixture(scope="module")
def course() -> Course:
    track = _with_waypoints(_stage("ardres-watten.gpx"))
    return course_of_track(track, GpxMeta("Fête du vélo 2027", "Ardres – Watten", "Club"),
                        pace=Pace(18.0, 12.0, 500.0), sport="cycling")


@pytest.fixture(scope="module")
def gpx_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(shared_path("spec", "gpx-1.1.xsd")))


def _decode(data: bytes) -> dict[str, list[dict[str, object]]]:
    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    assert checker.is_fit() and checker.check_integrity()  # header and CRC
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def _gpx_track_distances(text: str) -> tuple[list[gpxpy.gpx.GPXTrackPoint], list[float]]:
    points = gpxpy.parse(text).tracks[0].segments[0].points
    cumulative = [0.0]
    for a, b in itertools.pairwise(points):
        cumulative.append(cumulative[-1] + a.distance_2d(b))
    return points, cumulative


def test_fit_course_read_by_garmin_sdk_matches_the_gpx(course: Course) -> None:
    messages = _decode(fit_bytes(course))
    assert messages["file_id_mesgs"][0]["type"] == "course"
    assert messages["course_mesgs"][0]["sport"] == "cycling"
    gpx = gpx_text(course)
    track, cumulative = _gpx_track_distances(gpx)
    records = messages["record_mesgs"]
    assert len(records) == len(track)
    fit_length = float(records[-1]["distance"])
    assert abs(fit_length - cumulative[-1]) / cumulative[-1] < 0.005
    assert all("altitude" in r for r in records)  # elevation on every point
    points = messages["course_point_mesgs"]
    waypoints = gpxpy.parse(gpx).waypoints
    assert len(points) == len(waypoints) == len(FIT_TYPES)
    for wpt in waypoints:
        # the waypoint's distance along the GPX, measured here from gpxpy's geometry
        nearest = min(range(len(track)), key=lambda i: track[i].distance_2d(wpt))
        found = [p for p in points if p["name"] == wpt.name[:47]]
        assert len(found) == 1, wpt.name
        assert abs(float(found[0]["distance"]) - cumulative[nearest]) < 60.0, wpt.name
        kind = re.search(r"\((\w+)\)", wpt.name).group(1)  # type: ignore[union-attr]
        assert found[0]["type"] == FIT_TYPES[kind]
    distances = [float(p["distance"]) for p in points]
    assert distances == sorted(distances) and distances[0] > 0.0  # not all at 0 (GPX import)
    assert fit_bytes(course) == fit_bytes(course)  # no clock in the file


def test_gpx_complet_has_every_point_and_no_route_unless_asked(course: Course,
                                                               gpx_schema) -> None:
    text = gpx_text(course)
    gpx_schema.validate(text)
    assert text.count("<trkpt") == len(course.track.points) > COMPATIBLE_MAX_POINTS - 200
    assert "<rte>" not in text
    assert "<rte>" in gpx_text(course, with_route=True)


def test_elevation_is_on_every_point_or_on_none(gpx_schema) -> None:
    track = _stage("calais-ardres.gpx")
    partial = [(lat, lon, ele if i % 3 else None) for i, (lat, lon, ele) in
               enumerate(track.points)]
    built = course_of_track(CourseTrack(track.name, partial), GpxMeta("E", "F"))
    assert built.elevation_dropped == len(partial) - len(partial[::3])
    text = gpx_text(built)
    gpx_schema.validate(text)
    assert "<ele>" not in text
    assert built.climb_m is None
    assert {row.climb for row in cue_rows(built)} == {"inconnu"}


def test_gpx_compatible_keeps_500_points_and_every_waypoint(gpx_schema) -> None:
    long_track = course_from_import(import_gpx(shared_path("data", "eurovelo5-gpx",
                                                           "gpx_eurovelo5.gpx")))
    assert len(long_track.points) > 5000
    track = _with_waypoints(long_track)
    built = course_of_track(track, GpxMeta("EuroVelo 5", "Calais – Wattrelos"))
    text = gpx_text(built, compatible=True)
    gpx_schema.validate(text)
    parsed = gpxpy.parse(text)
    kept = parsed.tracks[0].segments[0].points
    assert len(kept) <= COMPATIBLE_MAX_POINTS
    assert len(parsed.waypoints) == len(track.waypoints)
    for wpt in parsed.waypoints:  # the simplified line still passes by each waypoint
        assert min(p.distance_2d(wpt) for p in kept) < 10.0
    full_km = built.distance_m / 1000
    # 500 points for 254 km cut the small wiggles: 2.9 % shorter, measured
    assert abs(parsed.length_2d() / 1000 - full_km) / full_km < 0.04


def test_kml_parses_with_line_and_placemarks(course: Course) -> None:
    root = SafeET.fromstring(kml_text(course).encode("utf-8"))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml"
    line = root.find(".//k:LineString/k:coordinates", ns)
    assert line is not None and line.text is not None
    triples = [c.split(",") for c in line.text.split()]
    assert len(triples) == len(course.track.points) and all(len(t) == 3 for t in triples)
    lon, lat, _ = (float(v) for v in triples[0])
    assert math.isclose(lat, course.track.points[0][0], abs_tol=1e-6)
    assert math.isclose(lon, course.track.points[0][1], abs_tol=1e-6)
    names = [p.findtext("k:name", "", ns) for p in root.iterfind(".//k:Folder/k:Placemark", ns)]
    assert names == [p.name for p in course.points]


def test_tcx_follows_the_v2_course_structure(course: Course) -> None:
    """Structure checked against TrainingCenterDatabase v2 by hand (the XSD is not shipped):
    element order of Course_t, name lengths, point types, monotonic distances."""
    root = SafeET.fromstring(tcx_text(course).encode("utf-8"))
    ns = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
    xml_course = root.find(f"{ns}Courses/{ns}Course")
    assert xml_course is not None
    order = [child.tag.removeprefix(ns) for child in xml_course]
    assert order == ["Name", "Lap", "Track", "Notes", *["CoursePoint"] * len(course.points)]
    assert 0 < len(xml_course.findtext(f"{ns}Name", "")) <= 15
    lap = [child.tag.removeprefix(ns) for child in xml_course.find(f"{ns}Lap")]
    assert lap == ["TotalTimeSeconds", "DistanceMeters", "BeginPosition", "EndPosition",
                   "Intensity"]
    distances = [float(t.findtext(f"{ns}DistanceMeters", "nan"))
                 for t in xml_course.iter(f"{ns}Trackpoint")]
    assert len(distances) == len(course.track.points)
    assert distances == sorted(distances)
    assert abs(distances[-1] - course.distance_m) < 1.0
    for point in xml_course.iter(f"{ns}CoursePoint"):
        assert [c.tag.removeprefix(ns) for c in point] == ["Name", "Time", "Position",
                                                          "PointType", "Notes"]
        assert 0 < len(point.findtext(f"{ns}Name", "")) <= POINT_NAME_MAX
        assert point.findtext(f"{ns}PointType") in POINT_TYPES


def test_cue_sheet_times_follow_the_pace(course: Course) -> None:
    rows = cue_rows(course)
    assert rows[0].name == "Départ" and rows[-1].name == "Arrivée"
    assert len(rows) == len(course.points) + 2
    kms = [float(r.km.replace(",", ".")) for r in rows]
    assert kms == sorted(kms)
    climbs = [int(r.climb.removesuffix(" m")) for r in rows]  # elevation known: metres
    assert climbs == sorted(climbs) and climbs[-1] == round(course.climb_m or 0)
    # no start time: elapsed times; 24 km at 18 km/h plus the climb at 500 m/h
    hours = course.distance_m / 1000 / 18 + (course.climb_m or 0) / 500
    expected = f"{int(hours)} h {round(hours * 60) % 60:02d}"
    assert rows[-1].expected.startswith(expected)
    table = list(csv.reader(io.StringIO(csv_text([course])), delimiter=";"))
    assert table[0][:3] == ["Format", "Km", "D+ depuis le départ"] and len(table) == len(rows) + 1


def test_pace_option_is_read_or_refused_in_french() -> None:
    assert parse_pace("Marathon 42 km=9/6,5/600") == ("Marathon 42 km", Pace(9.0, 6.5, 600.0))
    with pytest.raises(PaceError, match="attendu FORMAT=VITESSE"):
        parse_pace("Marathon=vite")
    with pytest.raises(PaceError, match="fermeture"):
        parse_pace("Marathon=6/9")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.refs.append((tag, value))


def test_participants_page_loads_nothing_remote(course: Course, tmp_path: Path) -> None:
    files = tmp_path / "fichiers"
    files.mkdir()
    (files / "ardres-watten.fit").write_bytes(fit_bytes(course))
    event = Event("Fête du vélo", 2027, dt.date(2027, 5, 1), dt.date(2027, 5, 1),
                  "Club cyclo de Watten")
    page = PageFormat(course, [Download("FIT (Garmin)", "fichiers/ardres-watten.fit")])
    written = write_page(tmp_path, event, [page], contact="contact@club.example",
                         site_url="https://club.example/fete")
    index = tmp_path / "index.html"
    assert index in written
    tags = _Tags()
    tags.feed(index.read_text(encoding="utf-8"))
    scripts_and_styles = [v for tag, v in tags.refs if tag in ("script", "link")]
    assert scripts_and_styles == ["leaflet/leaflet.css", "leaflet/leaflet.js"]
    for tag, ref in tags.refs:
        assert not re.match(r"(https?:)?//", ref), (tag, ref)
        assert (tmp_path / ref).is_file(), ref  # every local reference is in the folder
    qr = (tmp_path / "qr" / "ardres-watten.fit.svg").read_text(encoding="utf-8")
    assert "https://club.example/fete/fichiers/ardres-watten.fit" in qr  # its <title>
    text = index.read_text(encoding="utf-8")
    assert "contact@club.example" in text and "<svg class=\"profil\"" in text
