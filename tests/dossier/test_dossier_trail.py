"""The declaration file of the Trail template with its marathon planned (README commands) on the
embedded network, read back from the PDF and the workbook and checked against the route itself:
form, prefecture(s), deadline, communes, one post per at-grade road crossing."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
from dataclasses import replace
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import shapely
from fixture_networks import EMBEDDED_FOLDER, TEST_CROSSINGS, network_with_test_crossings
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader
from shapely.geometry import LineString, Point, mapping, shape
from shared_data import shared_path

from app.cli import main
from app.dossier.workbook import HEADER
from app.model import RouteRecord
from app.project_store import open_project
from app.sheet import CourseSheet, sheet_of
from routes.frenchfmt import number as french_number
from routes.geodesy import lonlat_xy, metric_xy
from routes.network.model import EMBEDDED_OPTIONS, Network, load_network

FORMAT = "Marathon 42 km"
PLAN = ["--format", FORMAT, "--from", "Base 11/19", "--via", "T075", "--to", "9-9bis"]
DEPARTMENTS = {"59": "Préfet du Nord (59)", "62": "Préfet du Pas-de-Calais (62)"}


#: The embedded network plus the FICTITIOUS rupture points of ``tests/data/test_crossings`` (the
#: embedded network knows no road), built as the embedded network is.
NETWORK_ARGS = ["--layers", str(EMBEDDED_FOLDER), str(TEST_CROSSINGS), "--tolerance",
                f"{EMBEDDED_OPTIONS.tolerance_m:g}", "--liaison-max",
                f"{EMBEDDED_OPTIONS.liaison_max_m:g}"]


@pytest.fixture(scope="module")
def network() -> Network:
    return network_with_test_crossings()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("dossier")
    project = folder / "trail.cavalier"
    assert main(["new", "--template", "trail-pyramides-noires", str(project)]) == 0
    assert main(["plan", str(project), *PLAN, *NETWORK_ARGS]) == 0
    pdf, xlsx = folder / "dossier.pdf", folder / "postes.xlsx"
    assert main(["dossier", str(project), str(pdf), "--xlsx", str(xlsx), *NETWORK_ARGS]) == 0
    return project, pdf, xlsx


@pytest.fixture(scope="module")
def sheet(made: tuple[Path, Path, Path], network: Network) -> CourseSheet:
    """The marathon's course sheet on the network the dossier was made with."""
    event = open_project(made[0]).event
    return sheet_of(event, event.format_named(FORMAT), network)


def _km(metres: float) -> str:
    return french_number(metres / 1000).replace("\u202f", " ")


def _pages(pdf: Path) -> list[str]:
    texts = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    return [re.sub(r"\s+", " ", t.replace("\u00a0", " ")) for t in texts]


def _route(project: Path) -> tuple[RouteRecord, dt.date, dt.time]:
    event = open_project(project).event
    fmt = event.format_named(FORMAT)
    assert fmt.route is not None and fmt.start_time is not None
    return fmt.route, fmt.day or event.start_date, fmt.start_time


def _line(route: RouteRecord) -> tuple[LineString, float]:
    lonlat = np.asarray(route.geometry, dtype=float)
    line = LineString(metric_xy(lonlat[:, 0], lonlat[:, 1]))
    return line, route.stats["length_m"] / line.length


def _departments(route: RouteRecord, network: Network) -> set[str]:
    """Départements of the commune outlines the route runs through, sampled every 100 m."""
    line, _ = _line(route)
    points = [line.interpolate(d) for d in np.arange(0.0, line.length, 100.0)]
    outlines = [p for p in network.places.places
                if p.kind == "commune" and p.footprint is not None]
    assert outlines, "the embedded network has commune outlines"
    found = set()
    for point in points:
        lon, lat = lonlat_xy(np.array([point.x]), np.array([point.y]))[0]
        found.update(c.key.split(":")[1][:2] for c in outlines
                     if c.footprint is not None and c.footprint.covers(Point(lon, lat)))
    return found


def _at_grade_crossings(route: RouteRecord, network: Network) -> list[tuple[str, float]]:
    """(label, km) of the rupture points crossed whose crossing is a road at grade."""
    line, scale = _line(route)
    wanted = set(route.ruptures_crossed)
    found = []
    for _, data in network.graph.nodes(data=True):
        if data.get("rupture") in wanted and data.get("crossing") == "route":
            x, y = metric_xy(np.array([data["x"]]), np.array([data["y"]]))[0]
            found.append((data["rupture_label"], line.project(Point(x, y)) * scale / 1000.0))
    return sorted(found, key=lambda item: item[1])


def _inside_m(route: RouteRecord, polygon: object) -> float:
    """Route metres inside a lon/lat polygon, segment by segment (a stretch run out and back
    counts twice)."""
    line, scale = _line(route)
    metric = shapely.transform(polygon, lambda c: metric_xy(c[:, 0], c[:, 1]))
    coords = list(line.coords)
    return float(sum(LineString(pair).intersection(metric).length
                     for pair in itertools.pairwise(coords)) * scale)


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    return day.replace(year=day.year + (month - 1) // 12, month=(month - 1) % 12 + 1)


def test_cover_names_the_form_the_prefectures_and_the_deadline(
        made: tuple[Path, Path, Path], network: Network) -> None:
    project, pdf, _ = made
    route, day, _ = _route(project)
    cover = _pages(pdf)[0]
    assert "Cerfa n° 15824" in cover
    departments = _departments(route, network)
    assert "62" in departments
    for code, prefect in DEPARTMENTS.items():
        assert (prefect in cover) is (code in departments), prefect
    deadline = _months_before(day, 3 if len(departments) > 1 else 2)
    assert f"({deadline:%d/%m/%Y})" in cover
    assert f"({day - dt.timedelta(weeks=3):%d/%m/%Y})" in cover  # marshal list
    assert "R331-10" in cover
    assert "ne connaît que les points de rupture" in cover  # no open roads in the network


def test_itinerary_lists_the_communes_and_the_distance(made: tuple[Path, Path, Path],
                                                       network: Network,
                                                       sheet: CourseSheet) -> None:
    project, pdf, _ = made
    route, _, _ = _route(project)
    itinerary = next(p for p in _pages(pdf) if f"Itinéraire — {FORMAT}" in p)
    assert f"Distance {_km(sheet.length_m)} km" in itinerary
    assert sheet.length_m == pytest.approx(route.stats["length_m"], rel=0.01)
    line, _ = _line(route)
    centres = [p for p in network.places.places if p.kind == "commune"]
    xy = metric_xy(np.array([c.lon for c in centres]), np.array([c.lat for c in centres]))
    start = line.interpolate(50.0)
    first = centres[int(np.argmin(np.hypot(xy[:, 0] - start.x, xy[:, 1] - start.y)))]
    assert f"{first.name} {first.key.split(':')[1]}" in itinerary
    assert "D+ inconnu" in itinerary or "estimation" in itinerary  # no DEM in the network


def test_one_post_per_at_grade_road_crossing(made: tuple[Path, Path, Path],
                                             network: Network, sheet: CourseSheet) -> None:
    project, pdf, xlsx = made
    route, _, _ = _route(project)
    crossings = _at_grade_crossings(route, network)
    assert crossings, "the marathon crosses at least one open road at grade"
    posts_page = " ".join(p for p in _pages(pdf) if "Postes de signaleurs" in p)
    assert f"{len(crossings)} postes, {len(crossings)} signaleurs" in posts_page
    book = load_workbook(xlsx).active
    assert book is not None
    rows = list(book.iter_rows(values_only=True))
    assert list(rows[0]) == list(HEADER)
    assert len(rows) - 1 == len(crossings) == len(sheet.posts)
    posts = zip(crossings, rows[1:], sheet.posts, strict=True)
    for number_, ((label, km), row, post) in enumerate(posts, start=1):
        assert row[0] == post.number == number_
        assert row[1] == pytest.approx(km, abs=0.06)
        assert row[3] == label == post.road
        assert label in posts_page
        assert row[10:] == (None, None, None, None, None)  # filled in by the organiser
        # The format's pace (the trail default), from the course sheet.
        assert (row[7], row[8]) == (sheet.clock(post.head), sheet.clock(post.cutoff))
    for cell in next(book.iter_rows(min_row=2, max_row=2)):
        if isinstance(cell.value, str):
            assert cell.data_type == "s"
    assert "Date et lieu de naissance" in posts_page
    assert "N° de permis de conduire" in posts_page


def test_protected_areas_and_sources(made: tuple[Path, Path, Path]) -> None:
    project, pdf, _ = made
    route, _, _ = _route(project)
    text = " ".join(_pages(pdf))
    areas = json.loads(resources.files("assets").joinpath(
        "protected", "espaces-neonaturels.geojson").read_text(encoding="utf-8"))["features"]
    course = LineString(route.geometry)
    crossed = [a["properties"]["nom"] for a in areas if shape(a["geometry"]).intersects(course)]
    for name in crossed:
        assert name in text
    assert "Etalab" in text
    assert "aucune couche Natura 2000" in text
    for source in ("R331-6", "R331-8", "R331-9", "R331-10", "A331-2", "RNMSC-DPS",
                   "Scarpe-Escaut", "FFA"):
        assert source in text, source
    assert "RIS = i × P / 1000" in text


def test_bad_output_folder_is_a_french_message(made: tuple[Path, Path, Path], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The one atomic writer's policy: a missing folder is created; a file in the way of a
    folder is a French message and nothing is written."""
    project, _, _ = made
    (tmp_path / "fichier").write_text("pas un dossier", encoding="utf-8")
    target = tmp_path / "fichier" / "dossier.pdf"
    assert main(["dossier", str(project), str(target)]) == 1
    assert "n'est pas un dossier" in capsys.readouterr().err
    assert not target.exists()


def test_bad_zone_file_is_a_french_message(made: tuple[Path, Path, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    project, _, _ = made
    broken = tmp_path / "natura.geojson"
    broken.write_text("{ pas du json", encoding="utf-8")
    target = tmp_path / "dossier.pdf"
    assert main(["dossier", str(project), str(target), "--zone",
                 f"natura2000={broken}"]) == 1
    assert "natura.geojson" in capsys.readouterr().err
    assert not target.exists()


def test_natura_layer_triggers_the_incidence_evaluation(made: tuple[Path, Path, Path],
                                                        tmp_path: Path) -> None:
    """A Natura 2000 polygon drawn around the marathon's midpoint: with 800 runners the file
    asks for the incidence evaluation and gives the length inside."""
    project, _, _ = made
    route, _, _ = _route(project)
    line, _ = _line(route)
    middle = line.interpolate(0.5, normalized=True)
    lon, lat = lonlat_xy(np.array([middle.x]), np.array([middle.y]))[0]
    site = Point(lon, lat).buffer(0.01)
    zone = tmp_path / "natura.geojson"
    zone.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"nom": "Site de test FR3100504"},
         "geometry": mapping(site)}]}), encoding="utf-8")
    pdf = tmp_path / "dossier.pdf"
    assert main(["dossier", str(project), str(pdf), "--zone", f"natura2000={zone}"]) == 0
    text = " ".join(_pages(pdf))
    assert "Site de test FR3100504" in text
    assert "Évaluation des incidences Natura 2000 requise : oui" in text
    assert f"{_inside_m(route, site) / 1000:.1f}".replace(".", ",") in text


@pytest.mark.shared
def test_commune_outlines_give_the_communes_and_their_km(made: tuple[Path, Path, Path]) -> None:
    """With the real commune outlines (communes-mbm) instead of centres: the communes are those
    whose polygon holds the route, with their INSEE codes, and their km add up to the route."""
    from app.dossier import build_dossier

    outlines = shared_path("data", "bassin-minier-unesco", "communes-mbm.geojson")
    embedded = Path(__file__).resolve().parents[2] / "assets" / "network"
    layers = [p for p in sorted(embedded.glob("*.geojson")) if p.name != "communes.geojson"]
    network = load_network(layers=[*layers, outlines])
    project, _, _ = made
    route, _, _ = _route(project)
    event = open_project(project).event
    (fmt,) = build_dossier(event, network).formats
    assert fmt.sheet.commune_method == "contours des communes"
    polygons = json.loads(outlines.read_text(encoding="utf-8"))["features"]
    inside = {}
    for polygon in polygons:
        outline = shape(polygon["geometry"])
        if outline.intersects(LineString(route.geometry)):
            props = polygon["properties"]
            inside[(props["nom"], props["insee"])] = _inside_m(route, outline)
    found = {(c.name, c.insee): c.length_m for c in fmt.communes}
    assert set(found) <= set(inside)
    for key, length in inside.items():  # only boundary slivers of the simplified outlines left
        assert key in found or length < 25.0, key
        if key in found:
            assert found[key] == pytest.approx(length, abs=1.0)
    assert sum(found.values()) == pytest.approx(route.stats["length_m"], rel=0.01)


def test_nesting_season_on_terrils(made: tuple[Path, Path, Path], network: Network) -> None:
    from app.dossier import build_dossier

    project, _, _ = made
    event = open_project(project).event
    may = dt.date(event.edition_year, 5, 16)
    spring = replace(event, start_date=may, end_date=may,
                     formats=tuple(replace(f, day=may) for f in event.formats))
    climbed = sorted(t.ref for t in build_dossier(event, network).formats[0].sheet.terrils_climbed)
    assert climbed
    dossier = build_dossier(spring, network)
    assert dossier.nesting_terrils == climbed
    assert any("nidification" in w for w in dossier.warnings)
    assert build_dossier(event, network).nesting_terrils == []  # October


def test_section_maps_show_the_posts(made: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """Rendered with pdftoppm: a map page shows orange post squares exactly when one of its
    sections lists a post (the legend page aside: its key is an orange square too)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) absent : rendu PDF non vérifiable ici")
    _, pdf, _ = made
    pages = _pages(pdf)
    maps = [i for i, text in enumerate(pages)
            if "Section " in text and "Autres chemins" not in text]
    checked = set()
    for index in maps:
        prefix = tmp_path / f"page{index}"
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", str(index + 1), "-l",
                        str(index + 1), "-singlefile", str(pdf), str(prefix)], check=True)
        pixels = np.asarray(Image.open(prefix.with_suffix(".png")).convert("RGB"), dtype=int)
        orange = (np.abs(pixels - np.array([230, 126, 34])).sum(axis=2) < 40).sum()
        listed = re.findall(r"postes ((?:\d+(?:, )?)+)", pages[index])
        assert bool(orange > 0) is bool(listed), pages[index][:120]
        checked.add(bool(listed))
        for numbers in listed:  # each listed post's badge is drawn on the map
            for number in numbers.split(", "):
                assert re.search(rf"postes {re.escape(numbers)} .*\b{number}\b",
                                 pages[index]), number
    assert checked == {True, False}
