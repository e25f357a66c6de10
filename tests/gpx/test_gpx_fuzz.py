"""Property-based fuzzing: malformed GPX never lets anything but GpxError escape."""

from __future__ import annotations

import math

import pytest
import xmlschema
from gpx_helpers import sample_course
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_data import shared_path

from routes.gpx.clean import clean_points
from routes.gpx.errors import GpxError
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta
from routes.gpx.reader import GpxDocument, parse_gpx
from routes.gpx.writer import gpx_xml

FUZZ = settings(max_examples=1200, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VALID = gpx_xml([sample_course(n=40)], GpxMeta("Fuzz", "10 km", "Org", True),
                with_route=True).encode("utf-8")
VALID_10 = (b'<?xml version="1.0"?><gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0">'
            b'<wpt lat="50.1" lon="3.2"><name>W</name></wpt><rte><rtept lat="50" lon="3"/></rte>'
            b'<trk><trkseg><trkpt lat="50.0" lon="3.0"><ele>12</ele>'
            b"<time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>")


def _check(data: bytes) -> None:
    try:
        doc = parse_gpx(data, source="fuzz.gpx")
    except GpxError as exc:
        assert str(exc).startswith("fuzz.gpx : ")
        return
    _assert_sane(doc)


def _assert_sane(doc: GpxDocument) -> None:
    points = [p for line in doc.lines for seg in line.segments for p in seg]
    for p in points:
        assert math.isfinite(p.lat) and -90 <= p.lat <= 90
        assert math.isfinite(p.lon) and -180 <= p.lon <= 180
        assert p.ele is None or math.isfinite(p.ele)
    clean_points(points)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from([VALID, VALID_10])))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "duplicate"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if op == "truncate":
            del data[i:]
        elif op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=20))
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 50))]
        else:
            data[i:i] = data[i : i + draw(st.integers(1, 200))]
    return bytes(data)


NUMBERISH = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["NaN", "nan", "inf", "-Infinity", "1e999", "", " ", "1,5", "0x10", "1_000",
                     "٣", "50.6.1", "--3", "+.5", ".", "1e", "९०"]),
    st.text(max_size=12),
)


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace("\x00", ""))


@st.composite
def structured(draw: st.DrawFn) -> bytes:
    ns = draw(st.sampled_from(["http://www.topografix.com/GPX/1/1",
                               "http://www.topografix.com/GPX/1/0", "", "urn:autre"]))
    points = "".join(
        f'<trkpt lat="{_attr(draw(NUMBERISH))}" lon="{_attr(draw(NUMBERISH))}">'
        f"<ele>{_attr(draw(NUMBERISH))}</ele><time>{_attr(draw(st.text(max_size=25)))}</time>"
        "</trkpt>"
        for _ in range(draw(st.integers(0, 5)))
    )
    name = _attr(draw(st.text(max_size=30)))
    xmlns = f' xmlns="{ns}"' if ns else ""
    return (f'<gpx version="1.1"{xmlns}><metadata><name>{name}</name></metadata>'
            f"<trk><trkseg>{points}</trkseg></trk></gpx>").encode(
        draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])), errors="replace")


@st.composite
def with_entities(draw: st.DrawFn) -> bytes:
    target = draw(st.sampled_from(["file:///etc/passwd", "http://192.0.2.1/x", "/etc/hostname",
                                   "expect://id", "php://filter"]))
    kind = draw(st.sampled_from([
        f'<!ENTITY e SYSTEM "{target}">',
        '<!ENTITY e "&#38;#60;">',
        '<!ENTITY a "xxxxxxxxxx"><!ENTITY e "&a;&a;&a;&a;&a;&a;&a;&a;">',
        f'<!ENTITY % p SYSTEM "{target}"> %p;',
        f'<!ELEMENT gpx ANY><!ATTLIST gpx creator CDATA "{target}">',
    ]))
    public = draw(st.booleans())
    doctype = (f'<!DOCTYPE gpx PUBLIC "-//x//y" "{target}">' if public
               else f"<!DOCTYPE gpx [{kind}]>")
    body = draw(st.sampled_from([VALID, VALID_10])).split(b"?>", 1)[1]
    return b'<?xml version="1.0"?>' + doctype.encode() + body.replace(
        b"<name>", b"<name>&e;", 1)


@FUZZ
@given(mutated())
def test_mutated_valid_files(data: bytes) -> None:
    _check(data)


@FUZZ
@given(structured())
def test_random_coordinates_and_fields(data: bytes) -> None:
    _check(data)


@settings(max_examples=300, deadline=None, database=None)
@given(with_entities())
def test_entities_are_always_refused(data: bytes) -> None:
    with pytest.raises(GpxError, match="DTD"):
        parse_gpx(data, source="fuzz.gpx")


@settings(max_examples=500, deadline=None, database=None)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    _check(data)


TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=150, deadline=None, database=None)
@given(event=TEXT, fmt=TEXT, organiser=TEXT, name=TEXT, desc=TEXT, licence=TEXT,
       osm=st.booleans())
def test_any_text_exports_a_valid_file(
    event: str, fmt: str, organiser: str, name: str,
                                       desc: str, licence: str, osm: bool) -> None:
    schema = _schema()
    base = sample_course(n=20)
    wp = CourseWaypoint(name, base.points[3][0], base.points[3][1], "secours", None, desc)
    course = CourseTrack(name, base.points, [wp], desc)
    xml = gpx_xml([course], GpxMeta(event, fmt, organiser, osm, licence), with_route=True)
    schema.validate(xml)
    parse_gpx(xml.encode("utf-8"))


_SCHEMAS: list[xmlschema.XMLSchema] = []


def _schema() -> xmlschema.XMLSchema:
    if not _SCHEMAS:
        _SCHEMAS.append(xmlschema.XMLSchema(str(shared_path("spec", "gpx-1.1.xsd"))))
    return _SCHEMAS[0]
