"""Export: GPX 1.1 valid against the XSD, course points for Garmin, route budget, round trip."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import xmlschema
from gpx_helpers import sample_course
from shared_data import shared_path

from routes.gpx.errors import GpxError
from routes.gpx.filenames import safe_filename, unique_names
from routes.gpx.geo import path_length
from routes.gpx.importer import import_gpx
from routes.gpx.model import WAYPOINT_KINDS, CourseTrack, CourseWaypoint, GpxMeta
from routes.gpx.reader import parse_gpx
from routes.gpx.writer import MAX_ROUTE_POINTS, gpx_xml, write_gpx


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(shared_path("spec", "gpx-1.1.xsd")))


META_VARIANTS = [
    GpxMeta("Trail des Terrils"),
    GpxMeta("Trail des Terrils", "21 km", "Association « Les Gaillettes » & Cie", True),
    GpxMeta("Raid <Bassin> minier", "Relais", "", False, "https://creativecommons.org/licenses/by/4.0/"),
]


def _every_kind_course() -> CourseTrack:
    base = sample_course()
    waypoints = [CourseWaypoint(f"{kind} n°1", base.points[10 * i][0], base.points[10 * i][1],
                                kind)  # type: ignore[arg-type]
                 for i, kind in enumerate(WAYPOINT_KINDS)]
    return CourseTrack("Tous les points", base.points, waypoints,
                       start_time=datetime(2027, 5, 1, 9))


@pytest.mark.parametrize("meta", META_VARIANTS)
@pytest.mark.parametrize("with_route", [False, True])
def test_export_is_valid_gpx_11(schema: xmlschema.XMLSchema, meta: GpxMeta,
                                with_route: bool) -> None:
    xml = gpx_xml([sample_course(), _every_kind_course()], meta, with_route=with_route)
    schema.validate(xml)
    doc = parse_gpx(xml.encode(), source="export.gpx")
    assert [line.kind for line in doc.lines].count("track") == 2
    assert ("route" in [line.kind for line in doc.lines]) is with_route


def test_every_waypoint_has_garmin_sym_and_type() -> None:
    xml = gpx_xml([_every_kind_course()], GpxMeta("Essai"))
    doc = parse_gpx(xml.encode())
    by_name = {wp.name: wp for wp in doc.waypoints}
    for kind, style in WAYPOINT_KINDS.items():
        wp = by_name[f"{kind} n°1"]
        assert (wp.sym, wp.type) == (style.sym, style.type)
    assert len(doc.waypoints) == len(WAYPOINT_KINDS)


def test_route_fits_budget_and_keeps_waypoints() -> None:
    course = sample_course(n=3000)
    doc = parse_gpx(gpx_xml([course], GpxMeta("Essai"), with_route=True).encode())
    route = next(line for line in doc.lines if line.kind == "route")
    points = route.segments[0]
    assert 2 < len(points) <= MAX_ROUTE_POINTS
    positions = {(round(p.lat, 7), round(p.lon, 7)) for p in points}
    for wp in course.waypoints:
        assert (round(wp.lat, 7), round(wp.lon, 7)) in positions
    # the simplified route stays close to the track's length
    track_len = path_length([(p[0], p[1]) for p in course.points])
    assert path_length([(p.lat, p.lon) for p in points]) == pytest.approx(track_len, rel=0.05)


def test_metadata_carries_event_organiser_and_osm_licence() -> None:
    xml = gpx_xml([sample_course()], META_VARIANTS[1])
    assert "<name>Trail des Terrils — 21 km</name>" in xml
    assert "Les Gaillettes" in xml
    assert "opendatacommons.org/licenses/odbl" in xml
    assert "OpenStreetMap" in xml
    plain = gpx_xml([sample_course()], META_VARIANTS[0])
    assert "OpenStreetMap" not in plain


def test_elevation_written_only_when_known(tmp_path: Path) -> None:
    course = sample_course()
    path = write_gpx(tmp_path / "c.gpx", [course], GpxMeta("Essai"))
    doc = parse_gpx(path.read_bytes())
    got = [p.ele for p in doc.lines[0].segments[0]]
    assert [e is None for e in got] == [p[2] is None for p in course.points]


def test_export_then_import_keeps_length(tmp_path: Path) -> None:
    course = sample_course(n=1500)
    path = write_gpx(tmp_path / "aller-retour.gpx", [course], GpxMeta("Essai"), with_route=True)
    imported = import_gpx(path)
    before = path_length([(p[0], p[1]) for p in course.points])
    assert imported.length_m == pytest.approx(before, rel=0.005)
    assert len(imported.points) == len(course.points)  # the track is used, not the route


def test_eurovelo_stage_round_trip(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    source = shared_path("data", "eurovelo5-gpx", "st-venant-bethune.gpx")
    original = import_gpx(source)
    course = CourseTrack("Saint-Venant – Béthune", [(p.lat, p.lon, p.ele) for p in original.points])
    out = write_gpx(tmp_path / "etape.gpx", [course], GpxMeta("EV5", osm_attribution=True),
                    with_route=True)
    schema.validate(str(out))
    assert import_gpx(out).length_m == pytest.approx(original.length_m, rel=0.005)


def test_no_course_is_an_error() -> None:
    with pytest.raises(GpxError, match="aucun parcours"):
        gpx_xml([], GpxMeta("Vide"))


def test_course_checks_coordinates() -> None:
    with pytest.raises(ValueError, match="hors limites"):
        CourseTrack("x", [(0.0, 0.0, None), (95.0, 0.0, None)])
    with pytest.raises(ValueError, match="type de point inconnu"):
        CourseWaypoint("x", 50.0, 3.0, "buvette")  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "expected"), [
    ("Trail des Terrils — 21 km", "Trail-des-Terrils-21-km.gpx"),
    ("Lens/Liévin : l'épreuve", "Lens-Lievin-l-epreuve.gpx"),
    ("../../etc/passwd", "etc-passwd.gpx"),
    ("CON", "CON-parcours.gpx"),
    ("", "parcours.gpx"),
    ("日本語", "parcours.gpx"),
])
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name, ".gpx") == expected


def test_unique_names_never_collide() -> None:
    names = unique_names(["Été", "Ete", "ete", "Autre"], ".gpx")
    assert names == ["Ete.gpx", "Ete-2.gpx", "ete-3.gpx", "Autre.gpx"]


def test_unwritable_target_is_a_gpx_error(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(GpxError, match=r"x\.gpx impossible : un élément du chemin"):
        write_gpx(tmp_path / "fichier" / "x.gpx", [sample_course()], GpxMeta("E"))
