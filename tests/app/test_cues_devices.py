"""Turn cues in the participants' files (read back by Garmin's FIT SDK and the XML parser) and
device presets of the « compatible » files."""

from __future__ import annotations

import math

import defusedxml.ElementTree as SafeET
import gpxpy
import numpy as np
import pytest
from garmin_fit_sdk import Decoder, Stream
from junction_scene import MARATHON, course, junction_network, lonlat

from app.exports.courses import Course, course_of_track
from app.exports.cues import CUE_KIND, with_cues, without_cues
from app.exports.devices import DEVICES, LOOP_M, file_version, for_device
from app.exports.fit import fit_bytes
from app.exports.gpx import gpx_text
from app.exports.tcx import POINT_NAME_MAX, tcx_text
from routes.gpx.geo import distance_m
from routes.gpx.model import CourseTrack, CourseWaypoint, GpxMeta
from routes.outputs.decisions import course_decisions

FIT_TYPE = {"left": "left", "right": "right", "straight": "straight", "u_turn": "u_turn"}


def _course(points: list[tuple[float, float, float | None]],
            waypoints: list[CourseWaypoint] = ()) -> Course:  # type: ignore[assignment]
    track = CourseTrack("Marathon", points, list(waypoints), "Trail, 42 km")
    return course_of_track(track, GpxMeta("Trail des Pyramides Noires", "Marathon"))


@pytest.fixture(scope="module")
def cued() -> tuple[Course, list]:  # type: ignore[type-arg]
    geometry = course(*MARATHON, ele=40.0)
    found = course_decisions(junction_network(), geometry, name="Marathon")
    points = [(p[1], p[0], p[2]) for p in geometry]
    aid = points[3]
    base = _course(points, [CourseWaypoint("Ravitaillement", aid[0], aid[1], "ravitaillement"),
                            CourseWaypoint("Ravitaillement", points[-2][0], points[-2][1],
                                           "ravitaillement")])
    return with_cues(base, found.decisions, length_m=found.length_m), list(found.decisions)


def test_fit_course_points_decode_with_turn_types_and_distances(cued) -> None:  # type: ignore[no-untyped-def]
    course_, decisions = cued
    messages, errors = Decoder(Stream.from_byte_array(bytearray(fit_bytes(course_)))).read()
    assert errors == []
    points = messages["course_point_mesgs"]
    turns = [p for p in points if p["type"] in FIT_TYPE.values()]
    assert [p["type"] for p in turns] == [FIT_TYPE[d.turn] for d in decisions]
    for point, decision in zip(turns, decisions, strict=True):
        assert abs(point["distance"] - decision.distance_m) < 10.0
        assert math.isclose(point["position_lat"] * 180 / 2**31, decision.lat, abs_tol=1e-5)
    assert sum(p["type"] == "aid_station" for p in points) == 2
    distances = [p["distance"] for p in points]
    assert distances == sorted(distances)


def test_tcx_point_names_are_unique_and_short(cued) -> None:  # type: ignore[no-untyped-def]
    course_, decisions = cued
    root = SafeET.fromstring(tcx_text(course_).encode("utf-8"))
    ns = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
    names = [p.findtext(f"{ns}Name") for p in root.iter(f"{ns}CoursePoint")]
    types = [p.findtext(f"{ns}PointType") for p in root.iter(f"{ns}CoursePoint")]
    assert len(names) == len(set(names)) == len(decisions) + 2
    assert all(0 < len(n or "") <= POINT_NAME_MAX for n in names)
    assert "Ravito 1" in names and "Ravito 2" in names
    assert {"Left", "Right", "Straight"} <= set(types)


def test_gpx_cues_are_waypoints(cued) -> None:  # type: ignore[no-untyped-def]
    course_, decisions = cued
    gpx = gpxpy.parse(gpx_text(course_))
    cues = [w for w in gpx.waypoints if w.type in ("Left", "Right", "Straight", "Generic")]
    assert len(cues) == len(decisions)
    assert cues[1].name == "À gauche — Chemin des Terrils"


def test_cues_follow_only_fit_and_tcx_unless_asked(cued) -> None:  # type: ignore[no-untyped-def]
    course_, _decisions = cued
    plain = without_cues(course_)
    assert not any(p.kind in CUE_KIND.values() for p in plain.points)
    assert file_version(plain, "fit", cued=course_)[0] is course_
    assert file_version(plain, "gpx", cued=course_)[0] is plain
    assert file_version(plain, "gpx", cued=course_, gpx_cues=True)[0] is course_


def _hundred_km_loop() -> list[tuple[float, float, float | None]]:
    """A 100 km loop, a point every 5 m, wiggling so that simplification has work to do."""
    n = 20_000
    t = np.linspace(0.0, 2 * math.pi, n)
    radius = 100_000 / (2 * math.pi)
    x = radius * np.sin(t) + 30 * np.sin(t * 400)
    y = radius * (1 - np.cos(t)) + 30 * np.cos(t * 370)
    points = [(lonlat(float(a), float(b))[1], lonlat(float(a), float(b))[0], 50.0)
              for a, b in zip(x, y, strict=True)]
    points[-1] = points[0]
    return points


@pytest.mark.parametrize("key", sorted(DEVICES))
def test_device_presets_respect_their_point_limits(key: str) -> None:
    points = _hundred_km_loop()
    aid = points[7000]
    base = _course(points, [CourseWaypoint("Ravito", aid[0], aid[1], "ravitaillement")])
    assert base.distance_m > 100_000
    preset = DEVICES[key]
    made = for_device(base, preset)
    if preset.max_points is not None:
        assert len(made.track.points) <= preset.max_points
    assert len(made.cumulative_m) == len(made.track.points)
    # distances stay those of the full course: the aid station is announced at the same km
    (ravito,) = made.points
    nearest = int(np.abs(made.cumulative_m - ravito.distance_m).argmin())
    assert abs(made.cumulative_m[nearest] - base.points[0].distance_m) < 1.0
    gap = distance_m(made.track.points[0][:2], made.track.points[-1][:2])
    if preset.loop_gap_m:
        assert preset.loop_gap_m * 0.5 < gap < LOOP_M
        assert made.distance_m == pytest.approx(base.distance_m - preset.loop_gap_m)
    else:
        assert gap < 1.0
    if preset.max_points is not None and preset.max_points <= 1000:  # fit_tool is slow
        fit = Decoder(Stream.from_byte_array(bytearray(fit_bytes(made)))).read()[0]
        assert len(fit["record_mesgs"]) == len(made.track.points)


def test_direction_arrows_follow_each_passage_of_the_out_and_back(cued) -> None:  # type: ignore[no-untyped-def]
    from app.exports.cues import direction_marks

    course_, _decisions = cued
    found = course_decisions(junction_network(), course(*MARATHON), name="Marathon")
    arrows = direction_marks(course_, found, every_m=50.0)
    bearings = [round(a.bearing_deg or 0.0) for a in arrows]
    assert len(arrows) == 6  # 150 m out, 150 m back
    assert all(abs(b - 15) < 3 for b in bearings[:3])
    assert all(abs(b - 195) < 3 for b in bearings[3:])


def test_km_markers_every_5_km() -> None:
    from app.exports.cues import km_marks

    base = _course(_hundred_km_loop())
    marks = km_marks(base)
    assert [round(m.km) for m in marks] == [5 * (i + 1) for i in range(len(marks))]
    assert len(marks) == int(base.distance_m // 5000)


def test_cli_gpx_export_with_cues_and_a_device(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main
    from routes.gpx.writer import write_gpx
    from routes.network import store as netstore

    network = netstore.save(junction_network().graph, tmp_path / "carrefours.cavnet")
    points = [(p[1], p[0], None) for p in course(*MARATHON)]
    source = write_gpx(tmp_path / "marathon.gpx", [CourseTrack("Marathon", points)],
                       GpxMeta("Trail"))
    out, fit = tmp_path / "sortie.gpx", tmp_path / "sortie.fit"
    assert main(["gpx", "export", str(source), str(out), "--event", "Trail", "--cues",
                 "--network", str(network), "--fit", str(fit), "--appareil", "coros"]) == 0
    gpx = gpxpy.parse(out.read_text(encoding="utf-8"))
    assert [w.type for w in gpx.waypoints] == ["Straight", "Left", "Right", "Generic", "Left"]
    messages = Decoder(Stream.from_byte_array(bytearray(fit.read_bytes()))).read()[0]
    assert [p["type"] for p in messages["course_point_mesgs"]] == [
        "straight", "left", "right", "u_turn", "left"]
