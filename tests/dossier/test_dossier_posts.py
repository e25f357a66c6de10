"""Marshal posts on an OSM network with open roads: crossings at shared nodes, turns onto and off
a road, no post under a motorway bridge; crossing attributes from the network are honoured."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from osm_roads import COURSE, EXPECTED_POSTS, NODES, course_coords, write
from pyproj import Geod

from app.dossier import DossierError, build_dossier, export_dossier
from app.dossier.workbook import write_posts_workbook
from app.model import Event, Pace, RouteRecord, Stop
from app.paces import DEFAULT_PACES
from app.project_store import Project
from app.sheet.posts import is_at_grade_road
from app.templates import build_template
from routes.network.model import Network, gazetteer_for
from routes.osm import import_osm
from routes.progress import OperationCancelled

GEOD = Geod(ellps="WGS84")
FORMAT = "Marathon 42 km"


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Network:
    graph = import_osm(write(tmp_path_factory.mktemp("osm"))).graph
    return Network(graph, gazetteer_for(graph, None), "routes ouvertes (test)")


def _event(coords: tuple[tuple[float, float], ...], pace: Pace | None = None) -> Event:
    event, _ = build_template("trail-pyramides-noires", 2027)
    lons, lats = zip(*coords, strict=True)
    record = RouteRecord("trail", (Stop("A", *coords[0]), Stop("B", *coords[-1])), coords,
                         {"length_m": GEOD.line_length(lons, lats)})
    formats = tuple(replace(f, route=record, pace=pace) if f.name == FORMAT else f
                    for f in event.formats)
    return replace(event, formats=formats)


def _metres_along(node: int) -> float:
    """Geodesic length of the course from its start to ``node``."""
    coords = course_coords()[: COURSE.index(node) + 1]
    lons, lats = zip(*coords, strict=True)
    return GEOD.line_length(lons, lats) if len(coords) > 1 else 0.0


def test_one_post_per_crossing_and_turn(network: Network) -> None:
    event = _event(course_coords())
    dossier = build_dossier(event, network)
    assert dossier.crossings_known  # the open roads themselves are in the network
    assert not any("points de rupture" in w for w in dossier.warnings)
    # the file's warnings are for the prefecture; how to add a layer is for the organiser
    assert not any("--" in w or "cavalier " in w for w in dossier.warnings)
    assert any("--zone natura2000=FICHIER" in h for h in dossier.organiser_hints)
    (fmt,) = dossier.formats
    posts = fmt.posts
    assert [p.kind for p in posts] == [kind for kind, _, _ in EXPECTED_POSTS]
    for post, (_, road, _) in zip(posts, EXPECTED_POSTS, strict=True):
        assert road in post.road  # « D 58 — Route de Lens »: the way's ref and name
    for post, (_, _, node) in zip(posts, EXPECTED_POSTS, strict=True):
        assert post.distance_m == pytest.approx(_metres_along(node), abs=15.0)
        lat, lon = NODES[node]
        assert GEOD.inv(post.lon, post.lat, lon, lat)[2] < 15.0
    assert [p.number for p in posts] == [1, 2, 3]
    assert all(p.marshals == 1 for p in posts)


@pytest.mark.parametrize("pace", [None, Pace(12.0, 4.0, 500.0)])
def test_passages_follow_the_format_pace(network: Network, pace: Pace | None) -> None:
    """Expected time and cut-off at each post from the format's one pace model (its own, as
    « cavalier allure » sets it, else the discipline's default), as every document prints."""
    event = _event(course_coords(), pace)
    (fmt,) = build_dossier(event, network).formats
    start = fmt.fmt.start_time
    assert start is not None
    model = pace or DEFAULT_PACES[fmt.fmt.discipline]
    assert fmt.sheet.pace == model
    for post in fmt.posts:
        climb = fmt.sheet.climb_at(post.distance_m)
        assert post.head == model.expected(post.distance_m, climb)
        assert post.cutoff == model.cutoff(post.distance_m, climb)
    finish = fmt.sheet.length_m
    assert fmt.cutoff == model.cutoff(finish, fmt.sheet.climb_at(finish))


def test_passages_past_midnight_name_their_day(network: Network, tmp_path: Path) -> None:
    """A start at 23 h 58 on Sunday 3 October: the posts are passed on Monday 4, and the file and
    the workbook say so rather than « 0 h 05 »."""
    from app.dossier.document import write_dossier

    event = _event(course_coords())
    late = replace(event, formats=tuple(replace(f, start_time=dt.time(23, 58))
                                        if f.name == FORMAT else f for f in event.formats))
    dossier = build_dossier(late, network)
    (fmt,) = dossier.formats
    texts = [fmt.sheet.clock(p.cutoff) for p in fmt.posts]
    assert all(t.startswith("lundi 4 à 0 h ") for t in texts), texts
    pdf, xlsx = tmp_path / "d.pdf", tmp_path / "p.xlsx"
    write_dossier(dossier, network, pdf)
    write_posts_workbook(dossier, xlsx)
    from pypdf import PdfReader

    text = " ".join((p.extract_text() or "").replace("\u00a0", " ") for p in PdfReader(pdf).pages)
    assert all(t in " ".join(text.split()) for t in texts)
    rows = list(load_workbook(xlsx)[FORMAT].iter_rows(min_row=2, values_only=True))
    assert [r[8] for r in rows] == texts
    assert fmt.sheet.clock(fmt.cutoff).startswith("lundi 4 à ")


def test_paved_share_comes_from_the_surfaces(network: Network) -> None:
    event = _event(course_coords())
    (fmt,) = build_dossier(event, network).formats
    along_road = _metres_along(1006) - _metres_along(1004)
    assert fmt.checks.paved_m == pytest.approx(along_road, abs=30.0)
    assert fmt.checks.paved_share == pytest.approx(along_road / fmt.sheet.length_m, abs=0.02)
    assert fmt.checks.paved_m == fmt.sheet.paved_m


def test_marked_crossings_decide_the_posts(network: Network) -> None:
    graph = network.graph.copy()
    graph.nodes[1002].update(crossing="bridge", road_class="residential")
    marked = Network(graph, network.places, network.name)
    (fmt,) = build_dossier(_event(course_coords()), marked).formats
    assert [p.kind for p in fmt.posts] == ["Entrée sur la voie", "Sortie de la voie"]
    lat, lon = NODES[1002]  # the OSM import marks 1004 and 1006 too (path meets road)
    crossing = min(fmt.crossings, key=lambda c: GEOD.inv(c.lon, c.lat, lon, lat)[2])
    assert GEOD.inv(crossing.lon, crossing.lat, lon, lat)[2] < 15.0
    assert not crossing.at_grade_road
    graph.nodes[1002].update(crossing="traffic_signals", road_ref="D 937", road_name="Rue Basly",
                             commune="Loos-en-Gohelle")
    (fmt,) = build_dossier(_event(course_coords()), marked).formats
    first = fmt.posts[0]
    assert (first.kind, first.road, first.commune) == ("Traversée", "D 937 — Rue Basly",
                                                        "Loos-en-Gohelle")
    assert len(fmt.posts) == 3


@pytest.mark.parametrize(("attributes", "expected"), [
    ({"crossing": "route"}, True), ({"crossing": "autoroute"}, False),
    ({"crossing": "voie ferrée"}, False), ({"crossing": "uncontrolled"}, True),
    ({"crossing": "traffic_signals", "road_class": "motorway"}, False),
    ({"crossing": "tunnel"}, False), ({}, True)])
def test_at_grade_road(attributes: dict[str, object], expected: bool) -> None:
    assert is_at_grade_road(attributes) is expected


def test_without_route_the_dossier_says_so(network: Network) -> None:
    event, _ = build_template("trail-pyramides-noires", 2027)
    with pytest.raises(DossierError, match="Aucun format"):
        build_dossier(event, network)


def test_workbook_keeps_formula_like_names_as_text(network: Network, tmp_path: Path) -> None:
    graph = network.graph.copy()
    graph.nodes[1002].update(crossing="uncontrolled", road_name="=HYPERLINK(\"x\")")
    dossier = build_dossier(_event(course_coords()), Network(graph, network.places, "t"))
    path = tmp_path / "postes.xlsx"
    write_posts_workbook(dossier, path)
    sheet = load_workbook(path)[FORMAT]
    cell = sheet.cell(2, 4)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")
    assert sheet.max_row == 1 + len(dossier.formats[0].posts)


def test_cancel_leaves_no_file(network: Network, tmp_path: Path) -> None:
    event = _event(course_coords())
    project = Project(event, ())
    target = tmp_path / "dossier.pdf"
    with pytest.raises(OperationCancelled):
        export_dossier(project, target, network=network, cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_passed_deadlines_are_warned(network: Network) -> None:
    event = _event(course_coords())
    day = event.start_date
    early = build_dossier(event, network, today=day - dt.timedelta(days=120))
    assert not any("dépassée" in w or "était attendue" in w for w in early.warnings)
    late = build_dossier(event, network, today=day - dt.timedelta(days=10))
    assert any("date limite de dépôt" in w and "dépassée" in w for w in late.warnings)
    assert any("liste des signaleurs était attendue" in w for w in late.warnings)


def test_unsurveyed_geometry_is_counted_and_warned(network: Network) -> None:
    event = _event(course_coords())
    assert build_dossier(event, network).formats[0].checks.unsurveyed_m == 0.0
    graph = network.graph.copy()
    for u, v, data in graph.edges(data=True):
        if {u, v} == {1002, 1004}:
            data["surveyed"] = False  # as a straight builder connector
    dossier = build_dossier(event, Network(graph, network.places, "t"))
    checks = dossier.formats[0].checks
    assert checks.unsurveyed_m == pytest.approx(_metres_along(1004) - _metres_along(1002),
                                                abs=30.0)
    assert checks.unsurveyed_m == dossier.formats[0].sheet.unsurveyed_m
    assert any("non relevée" in w for w in dossier.warnings)
